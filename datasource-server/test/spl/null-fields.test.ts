// A field that is never set, named by `table` and then aggregated, on real chDB. ClickHouse types such a
// column `Nullable(Nothing)`, and `values`/`list` of it gave a NULL no later function takes (ESCU's "Detect
// Excessive ... DCSync" ends `| table … src_category … | stats values(src_category) … | search NOT src_category=…`).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'a', 'h1', { user: 'ann' }),
    fixtureEvent(now, 2, 'b', 'h2', { user: 'bob' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('a field never set, aggregated', () => {
  test('after makeresults: values of it is empty, and a search on it keeps the row', async () => {
    const r = await fx.spl(
      '| makeresults count=2 | table nosuch | stats values(nosuch) AS v, count | search NOT v="x"',
    );
    assert.deepEqual(r.rows, [[null, 2]]);
  });

  test('over events: values and list of it are empty, and a search on it after stats keeps the rows', async () => {
    const r = await fx.spl(
      'index=main | table host, user, nosuch | stats values(nosuch) AS v, list(nosuch) AS l, count BY host | search NOT v="x" | table host, v, l, count',
    );
    assert.deepEqual(r.rows, [
      ['h1', null, null, 1],
      ['h2', null, null, 1],
    ]);
  });
});
