// streamstats reset_on_change, reset_before, reset_after and the global window with BY, on real chDB.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(
    now,
    // newest first: 200, 500, 200, 200, 500, 200
    ['200', '500', '200', '200', '500', '200'].map((status, i) =>
      fixtureEvent(now, i + 1, `status=${status}`, `h${i + 1}`, { status }),
    ),
  );
});

after(async () => {
  await fx.close();
});

/** n = 1…8, g = a a b b b a a a, v = 10·n. */
const seq =
  '| makeresults count=8 | streamstats count as n | eval g=case(n<=2, "a", n<=5, "b", true(), "a"), v=n*10';

/** Column `name`, rows in the order of `n` for the makeresults sequence (whose rows have no _time order). */
const col = async (query: string, name = 'c'): Promise<unknown[]> => {
  const r = await fx.spl(query.startsWith('| makeresults') ? `${query} | sort n` : query);
  return r.rows.map((row) => row[r.columns.indexOf(name)]);
};

describe('streamstats resets', () => {
  test('without a reset, each group runs on', async () => {
    assert.deepEqual(await col(`${seq} | streamstats count as c by g`), [1, 2, 1, 2, 3, 3, 4, 5]);
  });

  test('reset_on_change: a new run of BY values starts from nothing', async () => {
    assert.deepEqual(
      await col(`${seq} | streamstats reset_on_change=true count as c by g`),
      [1, 2, 1, 2, 3, 1, 2, 3],
    );
    assert.deepEqual(
      await col(`${seq} | streamstats reset_on_change=true sum(v) as c by g`),
      [10, 30, 30, 70, 120, 60, 130, 210],
    );
  });

  test('reset_before: the result where the expression is true starts again', async () => {
    assert.deepEqual(
      await col(`${seq} | streamstats reset_before="(n=4)" count as c`),
      [1, 2, 3, 1, 2, 3, 4, 5],
    );
    // all groups reset
    assert.deepEqual(
      await col(`${seq} | streamstats reset_before="(n==4)" sum(v) as c by g`),
      [10, 30, 30, 40, 90, 60, 130, 210],
    );
  });

  test('reset_after: the result after the one where the expression is true starts again', async () => {
    assert.deepEqual(
      await col(`${seq} | streamstats reset_after="(n=4)" count as c`),
      [1, 2, 3, 4, 1, 2, 3, 4],
    );
    assert.deepEqual(
      await col(`${seq} | streamstats reset_before="(n=3)" reset_after="(n=6)" count as c`),
      [1, 2, 1, 2, 3, 4, 1, 2],
    );
  });

  test('resets follow the events newest first', async () => {
    // statuses newest first: 200 500 200 200 500 200; each 500 starts again
    assert.deepEqual(
      await col('index=main | streamstats reset_before="(status=500)" count as c | table host c'),
      [1, 1, 2, 3, 1, 2],
    );
  });

  test('a reset expression must be a Boolean', async () => {
    await assert.rejects(fx.spl(`${seq} | streamstats reset_before="(n+1)" count as c`), /Boolean/);
  });
});

describe('streamstats window with BY', () => {
  test('global=true (the default): one window of the last N results, each group counted in it', async () => {
    assert.deepEqual(await col(`${seq} | streamstats window=3 count as c by g`), [1, 2, 1, 2, 3, 1, 2, 3]);
    assert.deepEqual(
      await col(`${seq} | streamstats window=3 sum(v) as c by g`),
      [10, 30, 30, 70, 120, 60, 130, 210],
    );
  });

  test('global=false: a window of the last N results of each group', async () => {
    assert.deepEqual(
      await col(`${seq} | streamstats window=3 global=false count as c by g`),
      [1, 2, 1, 2, 3, 3, 3, 3],
    );
  });
});
