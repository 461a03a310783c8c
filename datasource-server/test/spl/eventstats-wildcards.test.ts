// Wildcard fields in eventstats and streamstats aggregations on real chDB: one aggregation per known field.
// Search Reference 9.4, eventstats ("You can use wild card characters in field names"):
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/eventstats

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  // Newest first.
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'e1', 'a', { v: '1' }),
    fixtureEvent(now, 2, 'e22', 'a', { v: '3' }),
    fixtureEvent(now, 3, 'e333', 'b', { v: '5' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('wildcard fields in eventstats and streamstats', () => {
  test('eventstats max(*) AS max_* BY host: each known field but the BY field', async () => {
    const r = await fx.spl(
      'index=main | eval w=len(_raw) | table host v w | eventstats max(*) AS max_* BY host',
    );
    assert.deepEqual(r.columns, ['host', 'v', 'w', 'max_v', 'max_w']);
    assert.deepEqual(r.rows, [
      ['a', '1', 2, 3, 3],
      ['a', '3', 3, 3, 3],
      ['b', '5', 4, 5, 4],
    ]);
  });

  test('streamstats count(*): running counts named as written', async () => {
    const r = await fx.spl('index=main | table host v | streamstats count(*)');
    assert.deepEqual(r.columns, ['host', 'v', 'count(host)', 'count(v)']);
    assert.deepEqual(
      r.rows.map((x) => x.slice(2)),
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
    );
  });

  test('over raw events, whose field names only the data holds: an unsupported diagnostic', async () => {
    const q = 'index=main | eventstats max(*) AS max_*';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /wildcard fields in aggregations over raw events/);
      assert.equal(e.errors[0]?.column, q.indexOf('*') + 1);
      return true;
    });
  });
});
