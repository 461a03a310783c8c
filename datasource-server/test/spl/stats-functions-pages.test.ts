// Statistical and charting functions by Search Reference 9.4 page ("Statistical and charting functions"),
// on real chDB: each page's examples, and the edge cases (null, non-numeric strings, multivalue fields).
// Pages: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/statistical-and-charting-functions/<page>

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runSpl } from '../../src/query/service.ts';
import type { LogRow } from '../../src/store/index.ts';
import { fixtureStore } from '../helpers/fixture-store.ts';

// On the hour, so a `span=1h` bucket holds every event; inside the retention, so no TTL merge deletes rows.
const now = Math.floor(Date.now() / 3_600_000) * 3_600_000;

// web1: size 100, 200, 300 (newest first), delay 2, 4, 5; web2: size "50", "abc", and one event without
// size; the oldest web1 event carries the multivalue field tags.
const event = (host: string, minutes: number, fields: LogRow['fields']): LogRow => ({
  org_id: 'o',
  index: 'main',
  _time: now - minutes * 60_000,
  host,
  source: 's',
  sourcetype: 'st',
  _raw: `${host} ${minutes}`,
  fields,
});
const rows: LogRow[] = [
  event('web1', 10, { size: '300', delay: '5', user: 'ann' }),
  event('web1', 20, { size: '200', delay: '4', user: 'bob' }),
  event('web1', 30, { size: '100', delay: '2', user: 'ann', tags: ['x', 'y'] }),
  event('web2', 15, { size: '50', user: 'cy' }),
  event('web2', 25, { size: 'abc', user: 'cy' }),
  event('web2', 35, { user: 'dee' }),
];
const { store } = fixtureStore(rows);

async function spl(query: string): Promise<unknown[][]> {
  return (await runSpl(store(), 'o', { query }, { nowMs: now })).rows;
}
/** `index=main | stats <aggs> by host` as host → the statistics. */
async function byHost(aggs: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const row of await spl(`index=main | stats ${aggs} by host`)) out[String(row[0])] = row.slice(1);
  return out;
}
/** 1 … n as the field `n`, one result each. */
const numbers = (n: number): string => `| makeresults count=${n} | streamstats count AS n`;
const close = (got: unknown, want: number): void =>
  assert.ok(Math.abs(Number(got) - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${String(got)} ≠ ${want}`);

describe('Search Reference: Aggregate functions', () => {
  test('avg: "stats avg(size) BY host"; non-numeric and missing values are skipped', async () => {
    assert.deepEqual(await byHost('avg(size)'), { web1: [200], web2: [50] });
  });
  test('avg: "makeresults count=100 | eval test=3.99 | stats avg(test)" is 3.99 within a double', async () => {
    const [[avg]] = (await spl('| makeresults count=100 | eval test=3.99 | stats avg(test)')) as [[number]];
    close(avg, 3.99);
  });
  test('count, c, count(field), count(eval(...))', async () => {
    assert.deepEqual(await byHost('count, c(size), count(size), count(eval(user="cy")) AS cy'), {
      web1: [3, 3, 3, 0],
      web2: [3, 2, 2, 2],
    });
  });
  test('distinct_count, dc, estdc, estdc_error (0 when the estimate is exact)', async () => {
    assert.deepEqual(await byHost('distinct_count(user), dc(user), estdc(user), estdc_error(user)'), {
      web1: [2, 2, 2, 0],
      web2: [2, 2, 2, 0],
    });
  });
  test('dc of a multivalue field counts each value', async () => {
    assert.deepEqual(await spl('index=main host=web1 | stats dc(tags)'), [[2]]);
  });
  test('max and min compare numbers as numbers ("100" < "abc" is never asked)', async () => {
    assert.deepEqual(await byHost('max(size), min(size)'), { web1: [300, 100], web2: [50, 50] });
    assert.deepEqual(await spl(`${numbers(12)} | stats max(n) min(n)`), [[12, 1]]);
  });
  test('mean is avg; median is the middle value (nearest rank)', async () => {
    assert.deepEqual(await spl(`${numbers(5)} | stats mean(n) median(n)`), [[3, 3]]);
    assert.deepEqual(await spl(`${numbers(4)} | stats median(n)`), [[2]]);
  });
  test('mode: the most frequent value; strings are values too', async () => {
    assert.deepEqual(await byHost('mode(user)'), { web1: ['ann'], web2: ['cy'] });
  });
  // perc, p, exactperc, upperperc: nearest rank, the value at rank ceil(p/100 × n) of the sorted values
  // (Splunk's perc_method=nearest-rank; exact below 1,000 distinct values for perc and upperperc).
  test('perc, p, exactperc, upperperc of 1 … 10', async () => {
    assert.deepEqual(
      await spl(
        `${numbers(10)} | stats perc25(n) p50(n) exactperc90(n) upperperc99(n) perc99.9(n) p0(n) p100(n)`,
      ),
      [[3, 5, 9, 10, 10, 1, 10]],
    );
  });
  test('percentiles skip non-numeric and missing values; none at all is null', async () => {
    assert.deepEqual(await byHost('perc50(size), exactperc50(size), upperperc50(nosuch)'), {
      web1: [200, 200, null],
      web2: [50, 50, null],
    });
  });
  test('range: max - min', async () => {
    assert.deepEqual(await byHost('range(size), range(nosuch)'), { web1: [200, null], web2: [0, null] });
  });
  test('stdev, stdevp, var, varp of 100, 200, 300', async () => {
    const [[stdev, stdevp, v, varp]] = (await spl(
      'index=main host=web1 | stats stdev(size) stdevp(size) var(size) varp(size)',
    )) as [[number, number, number, number]];
    close(stdev, 100);
    close(stdevp, Math.sqrt(20000 / 3));
    close(v, 10000);
    close(varp, 20000 / 3);
  });
  test('sum and sumsq; a field missing from every event sums to null', async () => {
    assert.deepEqual(await byHost('sum(size), sumsq(size), sum(nosuch)'), {
      web1: [600, 140000, null],
      web2: [50, 2500, null],
    });
  });
});

// The Aggregate functions page's examples with eval(...): an expression over aggregations, per group.
describe('Search Reference: Aggregate functions, eval(...) over aggregations', () => {
  test('"chart eval(avg(size)/max(delay)) AS ratio BY host"', async () => {
    // web1: avg 200 / max 5; web2 has no delay, so no ratio.
    assert.deepEqual(await spl('index=main | chart eval(avg(size)/max(delay)) AS ratio BY host'), [
      ['web1', 40],
      ['web2', null],
    ]);
  });
  test('"timechart eval(round(avg(size),2)) BY host", and in stats next to other aggregations', async () => {
    const r = await spl('index=main | timechart span=1h eval(round(avg(size)*1.005, 2)) AS a BY host');
    const filled = r.filter((row) => row.slice(1).some((v) => v !== null));
    assert.deepEqual(
      filled.map((row) => row.slice(1)),
      [[201, 50.25]],
    );
    assert.deepEqual(await byHost('count, eval(sum(size) / count()) AS per, eval(dc(user) * 10) AS d'), {
      web1: [3, 200, 20],
      web2: [3, 50 / 3, 20],
    });
  });
  test('eventstats and streamstats: the expression per group, and running', async () => {
    const spread = await spl(
      'index=main host=web1 | eventstats eval(max(size) - min(size)) AS spread by host | table spread',
    );
    assert.deepEqual(spread, [[200], [200], [200]]);
    // Newest first: 300, then 300 and 200, then all three.
    const running = await spl(
      'index=main host=web1 | streamstats eval(sum(size) / count()) AS mean | table mean',
    );
    assert.deepEqual(running, [[300], [250], [200]]);
  });
  test('an expression without a stats function is an error', async () => {
    await assert.rejects(spl('index=main | stats eval(size * 2) AS x'), /needs at least one stats function/);
  });
});

describe('Search Reference: Event order functions', () => {
  test('first is the newest event, last the oldest (events come newest first)', async () => {
    assert.deepEqual(await byHost('first(size), last(size), first(nosuch)'), {
      web1: ['300', '100', null],
      web2: ['50', 'abc', null],
    });
  });
});

describe('Search Reference: Multivalue stats and chart functions', () => {
  test('values: distinct, sorted lexicographically; one value is a single value', async () => {
    assert.deepEqual(await byHost('values(user), values(size)'), {
      web1: [
        ['ann', 'bob'],
        ['100', '200', '300'],
      ],
      web2: [
        ['cy', 'dee'],
        ['50', 'abc'],
      ],
    });
    assert.deepEqual(await spl('index=main host=web2 size=50 | stats values(user)'), [['cy']]);
  });
  test('list: every value in event order, duplicates kept', async () => {
    assert.deepEqual(await byHost('list(user)'), {
      web1: [['ann', 'bob', 'ann']],
      web2: [['cy', 'cy', 'dee']],
    });
  });
  test('values and list of a multivalue field take each value; nothing is null', async () => {
    assert.deepEqual(await spl('index=main host=web1 | stats values(tags) list(tags) values(nosuch)'), [
      [['x', 'y'], ['x', 'y'], null],
    ]);
  });
  test('list keeps the first 100 values', async () => {
    const [[list]] = (await spl(`${numbers(150)} | stats list(n)`)) as [[unknown[]]];
    assert.equal(list.length, 100);
  });
});

describe('Search Reference: Time functions', () => {
  test('earliest and latest: the values of the oldest and the newest event', async () => {
    assert.deepEqual(await byHost('earliest(size), latest(size)'), {
      web1: ['100', '300'],
      web2: ['abc', '50'],
    });
  });
  test('earliest_time and latest_time: epoch seconds of the events that have the field', async () => {
    assert.deepEqual(await byHost('earliest_time(size), latest_time(size)'), {
      web1: [(now - 30 * 60_000) / 1000, (now - 10 * 60_000) / 1000],
      web2: [(now - 25 * 60_000) / 1000, (now - 15 * 60_000) / 1000],
    });
  });
  test('rate: (latest - earliest) / (latest_time - earliest_time)', async () => {
    const r = await byHost('rate(size)');
    close(r.web1?.[0], 200 / 1200);
  });

  /** The bucket of `timechart <options> <agg>` that holds the events (the others are empty). */
  const filled = async (q: string): Promise<unknown[][]> =>
    (await spl(`index=main host=web1 | timechart ${q}`)).filter((r) =>
      r.slice(1).some((v) => v !== null && v !== 0),
    );

  test('per_second, per_minute, per_hour, per_day: the bucket sum scaled to the unit', async () => {
    const [row] = await filled('span=1h per_second(size) per_minute(size) per_hour(size) per_day(size)');
    assert.ok(row);
    close(row[1], 600 / 3600);
    close(row[2], 600 / 60);
    close(row[3], 600);
    close(row[4], 600 * 24);
  });
  test('per_hour with span=10m: each 10-minute sum × 6', async () => {
    const got = (await filled('span=10m per_hour(size)')).map((r) => r[1]);
    assert.deepEqual(got, [600, 1200, 1800]);
  });
  test('per_day with span=1mon divides by the days of that month', async () => {
    const [row] = await filled('span=1mon per_day(size)');
    const d = new Date(now - 10 * 60_000);
    const days = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    close(row?.[1], 600 / days);
  });
  test('per_second by a split field', async () => {
    const r = await spl('index=main | timechart span=1h per_second(size) by host');
    const totals = r.filter((row) => row.slice(1).some((v) => v !== null && v !== 0));
    assert.equal(totals.length, 1);
    close(totals[0]?.[1], 600 / 3600);
    close(totals[0]?.[2], 50 / 3600);
  });
  test('per_second outside timechart says it needs timechart', async () => {
    await assert.rejects(spl('index=main | stats per_second(size)'), /works only in `timechart`/);
  });
});
