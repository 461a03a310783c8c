// `allnum=true` of streamstats, eventstats and stats on real chDB: numerical statistics only over fields whose
// values are all numbers.
// Search Reference 9.4, streamstats: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/streamstats
// ("allnum … If true, computes numerical statistics on each field if and only if all of the values of that
// field are numerical"); eventstats (9.2.2406) adds "If you have a BY clause, the allnum argument applies to
// each group independently":
// https://help.splunk.com/splunk-cloud-platform/spl-search-reference/9.2.2406/search-commands/eventstats

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  // Newest first: e1 … e6; host a holds e1-e3 (one value is not a number), host b e4-e6 (e6 has no v).
  const v = ['1', '2', 'x', '4', '5', undefined];
  fx = await splFixture(
    now,
    v.map((value, i) =>
      fixtureEvent(now, i + 1, `e${i + 1}`, i < 3 ? 'a' : 'b', value === undefined ? {} : { v: value }),
    ),
  );
});

after(async () => {
  await fx.close();
});

/** Column `name` of `query`'s rows, in their order. */
const column = async (query: string, name = 'c'): Promise<unknown[]> => {
  const r = await fx.spl(query);
  return r.rows.map((row) => row[r.columns.indexOf(name)]);
};

describe('streamstats allnum', () => {
  test('allnum=false (the default) skips the value that is not a number', async () => {
    assert.deepEqual(await column('index=main | streamstats sum(v) as c'), [1, 3, 3, 7, 12, 12]);
    assert.deepEqual(await column('index=main | streamstats allnum=f sum(v) as c'), [1, 3, 3, 7, 12, 12]);
  });

  test('allnum=true: no sum from the result whose window holds a value that is not a number', async () => {
    assert.deepEqual(await column('index=main | streamstats allnum=t sum(v) as c'), [
      1,
      3,
      null,
      null,
      null,
      null,
    ]);
    assert.deepEqual(await column('index=main | streamstats allnum=true max(v) as c'), [
      1,
      2,
      null,
      null,
      null,
      null,
    ]);
  });

  test('with time_window: the results within the span', async () => {
    // All six are within the hour: as without a window.
    assert.deepEqual(await column('index=main | streamstats allnum=t time_window=1h sum(v) as c'), [
      1,
      3,
      null,
      null,
      null,
      null,
    ]);
  });

  test('with window=N, once the value leaves the window the statistic comes back; a missing value is no value', async () => {
    // e5: e4 e5; e6 (no v): e5 e6.
    assert.deepEqual(await column('index=main | streamstats allnum=t window=2 avg(v) as c'), [
      1,
      1.5,
      null,
      null,
      4.5,
      5,
    ]);
  });

  test('statistics that are not numerical keep their values', async () => {
    const r = await fx.spl('index=main | streamstats allnum=t count(v) as n dc(v) as d | table n d');
    assert.deepEqual(r.rows, [
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
      [5, 5],
    ]);
  });

  test('by host: each group on its own', async () => {
    assert.deepEqual(await column('index=main | streamstats allnum=t sum(v) as c by host'), [
      1,
      3,
      null,
      4,
      9,
      9,
    ]);
  });

  test('an eval(…) aggregation applies it to each statistic in it', async () => {
    assert.deepEqual(await column('index=main | streamstats allnum=t eval(sum(v) + count(v)) as c by host'), [
      2,
      5,
      null,
      5,
      11,
      11,
    ]);
  });
});

describe('eventstats and stats allnum', () => {
  test('eventstats allnum=t: the group with a value that is not a number has no average', async () => {
    assert.deepEqual(await column('index=main | eventstats allnum=t avg(v) as c by host'), [
      null,
      null,
      null,
      4.5,
      4.5,
      4.5,
    ]);
    assert.deepEqual(
      await column('index=main | eventstats avg(v) as c by host'),
      [1.5, 1.5, 1.5, 4.5, 4.5, 4.5],
    );
  });

  test('stats allnum=t, with and without BY', async () => {
    const r = await fx.spl('index=main | stats allnum=t sum(v) as s count(v) as n by host | sort host');
    assert.deepEqual(r.rows, [
      ['a', null, 3],
      ['b', 9, 2],
    ]);
    assert.deepEqual(await column('index=main | stats allnum=t sum(v) as c'), [null]);
    assert.deepEqual(await column('index=main | stats sum(v) as c'), [12]);
  });

  test('a field that is a number by its type is left alone', async () => {
    assert.deepEqual(await column('index=main | eval w=len(_raw) | stats allnum=t sum(w) as c'), [12]);
  });
});
