// `fromjson` on real chDB: the top-level keys of a JSON object in a field become fields, read by name.
// Search Reference 9.4, fromjson: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/fromjson

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, '{"name":"Lee","age":31,"city":"Seoul"}', 'h1', {
      properties: '{"user":"ann","roles":"admin"}',
    }),
    fixtureEvent(now, 2, '{"name":"Kim"}', 'h2', { properties: 'not json' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('fromjson', () => {
  test('the page example: fromjson _raw gives name, age and city', async () => {
    const r = await fx.spl('index=main | fromjson _raw | table host, name, age, city');
    assert.deepEqual(r.rows, [
      ['h1', 'Lee', '31', 'Seoul'],
      ['h2', 'Kim', null, null],
    ]);
  });

  test('the page example: prefix= names the fields; a later search uses them', async () => {
    const r = await fx.spl(
      'index=main | fromjson properties prefix=p_ | search p_user=ann | table host, p_user, p_roles, user',
    );
    assert.deepEqual(r.rows, [['h1', 'ann', 'admin', null]]);
  });

  test('after stats: the keys of the field become fields of the results', async () => {
    const r = await fx.spl(
      'index=main | eval j="{\\"k\\":\\"v\\"}" | stats count BY j | fromjson j | table k count',
    );
    assert.deepEqual(r.columns, ['k', 'count']);
    assert.equal(r.rows[0]?.[0], 'v');
  });

  test('the events shown carry every top-level key (prefixed), as read by name', async () => {
    const r = await fx.spl('index=main | fromjson _raw prefix=j_');
    const fields = r.rows.map((row) => row[r.columns.indexOf('_fields')] as Record<string, unknown>);
    // Each event's object parsed here: every key with the prefix, its value as text, over the stored fields.
    const texts = ['{"name":"Lee","age":31,"city":"Seoul"}', '{"name":"Kim"}'];
    const stored = [{ properties: '{"user":"ann","roles":"admin"}' }, { properties: 'not json' }];
    const expected = texts.map((t, i) => ({
      ...stored[i],
      ...Object.fromEntries(
        Object.entries(JSON.parse(t) as Record<string, unknown>).map(([k, v]) => [`j_${k}`, String(v)]),
      ),
    }));
    assert.deepEqual(expected[0], {
      properties: stored[0]?.properties,
      j_name: 'Lee',
      j_age: '31',
      j_city: 'Seoul',
    });
    const asRows = fields.map((f) => [f.j_name ?? null, f.j_age ?? null, f.j_city ?? null]);
    assert.deepEqual(fields, expected);
    const named = await fx.spl('index=main | fromjson _raw prefix=j_ | table j_name j_age j_city');
    assert.deepEqual(named.rows, asRows);
  });
});
