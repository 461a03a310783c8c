// `table` and `fields` with wildcards over raw events, whose structured field names only the data holds: the
// matching fields become columns, every name any event has, on real chDB.
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/table ("wc-field-list":
// "if you want to specify all fields that start with "value", you can use a wildcard such as value*")
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/fields

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, namedRows, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

// Newest first: e1 is a minute old, e4 four.
const events: { raw: string; host: string; fields: Record<string, string | number | string[]> }[] = [
  { raw: 'e1', host: 'h1', fields: { src_ip: '10.0.0.1', src_port: 443, dest_ip: '10.9.9.9', user: 'ann' } },
  { raw: 'e2', host: 'h2', fields: { src_ip: '10.0.0.2', action: 'allow' } },
  { raw: 'e3', host: 'h1', fields: { src_zone: ['dmz', 'lan'], user: 'bob', _hidden: 'x' } },
  { raw: 'e4', host: 'h3', fields: { user: 'eve' } },
];

before(async () => {
  fx = await splFixture(
    now,
    events.map((e, i) => fixtureEvent(now, i + 1, e.raw, e.host, e.fields, { index: 'tw' })),
  );
});

after(async () => {
  await fx.close();
});

const table = (q: string): ReturnType<typeof namedRows> => namedRows(fx, q);

describe('table and fields with wildcards over raw events', () => {
  test('`table host src*`: every src field any event has, in name order, where the wildcard stands', async () => {
    const r = await table('index=tw | table host src* user');
    // Computed from the fixture: the names starting with src, over all events, sorted.
    const names = [...new Set(events.flatMap((e) => Object.keys(e.fields)))]
      .filter((n) => n.startsWith('src'))
      .sort();
    assert.deepEqual(names, ['src_ip', 'src_port', 'src_zone']);
    assert.deepEqual(r.columns, ['host', ...names, 'user']);
    assert.deepEqual(
      r.rows.map((row) => [row.host, row.src_ip, row.src_port, row.src_zone, row.user]),
      [
        ['h1', '10.0.0.1', '443', null, 'ann'],
        ['h2', '10.0.0.2', null, null, null],
        ['h1', null, null, ['dmz', 'lan'], 'bob'],
        ['h3', null, null, null, 'eve'],
      ],
    );
  });

  test('`table *`: the event columns, then every structured field (not the internal `_` ones)', async () => {
    const r = await table('index=tw | table *');
    const structured = [...new Set(events.flatMap((e) => Object.keys(e.fields)))]
      .filter((n) => !n.startsWith('_'))
      .sort();
    assert.deepEqual(r.columns, ['_time', 'index', 'host', 'source', 'sourcetype', '_raw', ...structured]);
    assert.equal(r.rows.length, events.length);
    assert.deepEqual(
      r.rows.map((row) => row._raw),
      events.map((e) => e.raw),
    );
    assert.equal(r.rows[1]?.action, 'allow');
    assert.equal(r.rows[0]?.action, null);
  });

  test('a field listed by name and matched by the wildcard is one column, where it is listed', async () => {
    const r = await table('index=tw | table src_port src*');
    assert.deepEqual(r.columns, ['src_port', 'src_ip', 'src_zone']);
    assert.deepEqual(
      r.rows.map((row) => row.src_port),
      ['443', null, null, null],
    );
  });

  test('`fields host src*` keeps _time and _raw; a later command reads a kept field by name', async () => {
    const kept = await table('index=tw | fields host src*');
    assert.deepEqual(kept.columns, ['host', 'src_ip', 'src_port', 'src_zone', '_time', '_raw']);
    const counted = await table('index=tw | fields host src* | stats count BY src_ip | sort src_ip');
    assert.deepEqual(
      counted.rows.map((row) => [row.src_ip, row.count]),
      [
        ['10.0.0.1', 1],
        ['10.0.0.2', 1],
      ],
    );
    // A field the wildcard did not keep is gone.
    const gone = await table('index=tw | fields host src* | stats count BY user');
    assert.deepEqual(gone.rows, []);
  });

  test('after a wildcard rename, the wildcard matches the new names', async () => {
    const r = await table('index=tw | rename src_* AS s_* | table s_*');
    assert.deepEqual(r.columns, ['s_ip', 's_port', 's_zone']);
    assert.equal(r.rows[1]?.s_ip, '10.0.0.2');
  });

  test('several wildcards: their fields together, in name order, at the first wildcard', async () => {
    const r = await table('index=tw | table host src_i* dest*');
    assert.deepEqual(r.columns, ['host', 'dest_ip', 'src_ip']);
    assert.equal(r.rows[0]?.dest_ip, '10.9.9.9');
  });

  test('a wildcard no event matches adds no column', async () => {
    const r = await table('index=tw | table host nomatch*');
    assert.deepEqual(r.columns, ['host']);
    assert.equal(r.rows.length, events.length);
  });
});

// `fields - <wildcard>` over raw events: Splunk's `fields - _*` and `fields - date_*`.
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/fields ("To remove all
// internal fields, you specify: ... | fields - _*")
describe('fields - with wildcards over raw events', () => {
  /** The structured fields each event is shown with (its `_fields`), as name → value. */
  const shown = async (q: string): Promise<Record<string, unknown>[]> =>
    (await table(q)).rows.map((row) => (row._fields ?? {}) as Record<string, unknown>);

  test('the matching structured fields leave the events shown; the others stay', async () => {
    const fields = await shown('index=tw | fields - src*');
    // Computed from the fixture: each event's fields without the src ones.
    assert.deepEqual(
      fields,
      events.map((e) => Object.fromEntries(Object.entries(e.fields).filter(([k]) => !k.startsWith('src')))),
    );
  });

  test('`fields - _*` removes the internal columns and the internal structured fields', async () => {
    const r = await table('index=tw | fields - _*');
    assert.ok(!r.columns.includes('_time') && !r.columns.includes('_raw'), r.columns.join());
    const third = r.rows[2]?._fields as Record<string, unknown> | undefined;
    assert.deepEqual(third, { src_zone: ['dmz', 'lan'], user: 'bob' });
  });

  test('later commands do not see a removed field; a kept one they do', async () => {
    const gone = await table('index=tw | fields - src* | stats count BY src_ip');
    assert.deepEqual(gone.rows, []);
    const kept = await table('index=tw | fields - src* | stats count BY user | sort user');
    assert.deepEqual(
      kept.rows.map((row) => [row.user, row.count]),
      [
        ['ann', 1],
        ['bob', 1],
        ['eve', 1],
      ],
    );
    // A wildcard after the removal no longer finds them.
    const after = await table('index=tw | fields - src_* | table host s*');
    assert.deepEqual(after.columns, ['host', 'source', 'sourcetype']);
  });

  test('a literal removal and a wildcard one together, nested names included', async () => {
    const fields = await shown('index=tw | fields - user dest*');
    // Stored fields are text (the fixture's 443 is stored as '443').
    assert.deepEqual(fields[0], { src_ip: '10.0.0.1', src_port: '443' });
  });
});
