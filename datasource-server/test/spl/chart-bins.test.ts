// chart's bin options on real chDB: span, bins, minspan, start/end on the row and column split fields, and
// the continuous x-axis (`cont`).
//
// Splunk reference: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/chart
// (row-split `<field> [<bin-options>]...`, column-split `<field> [<tc-options>]...`, Bin options; chart
// options: `cont` "Specifies if the bins are continuous. If cont=false, replots the x-axis so that a
// noncontinuous sequence of x-value bins show up adjacently in the output. If cont=true, bins that have no
// values will display with a count of 0 or blank values. Default: true").
// Log spans: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/bin
// (`<log-span>`: "[<num>]log[<num>] … The first number is a coefficient. The second number is the base.").

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

// The top of an hour, so 30-minute buckets are fixed: the range is the hour before it.
const now = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const iso = (minutesAgo: number): string =>
  new Date(now - minutesAgo * 60_000).toISOString().replace('T', ' ').replace('Z', '');

/** An event whose `_raw` lists its fields. */
const event = (minutesAgo: number, host: string, fields: Record<string, string>) =>
  fixtureEvent(
    now,
    minutesAgo,
    Object.entries(fields)
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
    host,
    fields,
  );

let fx: SplFixture;

/** The numeric sizes of the fixture's `acme` events (one more has `n/a`). */
const sizes = [5, 15, 18, 42, 95];

/**
 * Independently of the compiler: every bin `[lo, hi)` from the one holding `from` (or the lowest value) to
 * the one before `to` (or holding the highest value), labelled `lo-hi`, with the values of `values` in it.
 */
function continuousBins(
  values: readonly number[],
  lowOf: (k: number) => number,
  indexOf: (v: number) => number,
  range: { from?: number; to?: number } = {},
): [string, number][] {
  const ks = values.map(indexOf);
  const first = range.from === undefined ? Math.min(...ks) : indexOf(range.from);
  const last = range.to === undefined ? Math.max(...ks) : indexOf(range.to) - 1;
  const out: [string, number][] = [];
  for (let k = first; k <= last; k++)
    out.push([`${lowOf(k)}-${lowOf(k + 1)}`, ks.filter((x) => x === k).length]);
  return out;
}

const linear = (span: number) => ({
  lowOf: (k: number) => k * span,
  indexOf: (v: number) => Math.floor(v / span),
});

const logarithmic = (coefficient: number, base: number) => ({
  lowOf: (k: number) => coefficient * base ** k,
  // By search, not by logarithms: the k with c·b^k ≤ v < c·b^(k+1).
  indexOf: (v: number) => {
    let k = 0;
    while (coefficient * base ** k > v) k--;
    while (coefficient * base ** (k + 1) <= v) k++;
    return k;
  },
});

before(async () => {
  fx = await splFixture(now, [
    event(55, 'a', { size: '5', delay: '1', date_mday: '1', date_hour: '3' }),
    event(50, 'a', { size: '15', delay: '4', date_mday: '2', date_hour: '13' }),
    event(45, 'b', { size: '18', delay: '2', date_mday: '4', date_hour: '14' }),
    event(40, 'b', { size: '42', delay: '9', date_mday: '5', date_hour: '2' }),
    event(35, 'c', { size: '95', delay: '7', date_mday: '7', date_hour: '23' }),
    // not a number: it is not discretized, and not outside [start, end]
    event(25, 'c', { size: 'n/a', delay: '3', date_mday: '7', date_hour: '20' }),
    { ...event(5, 'a', { size: '1000', delay: '100' }), org_id: 'other' },
  ]);
});

after(async () => {
  await fx.close();
});

async function spl(query: string): Promise<{ columns: string[]; rows: unknown[][] }> {
  const r = await fx.spl(query, { earliest: '-1h', latest: 'now' });
  return { columns: r.columns, rows: r.rows };
}

async function rejected(query: string, message: RegExp): Promise<void> {
  await assert.rejects(spl(query), (e: unknown) => {
    assert.ok(e instanceof QueryInputError);
    assert.match(e.message, message);
    return true;
  });
}

describe('chart bin options on the row split', () => {
  test('span=N: each value becomes its `lo-hi` range, as bin does; every bin between the first and the last (cont=true, the default)', async () => {
    const r = await spl('index=main | chart count over size span=10');
    assert.deepEqual(r.columns, ['size', 'count']);
    const { lowOf, indexOf } = linear(10);
    const expected = continuousBins(sizes, lowOf, indexOf);
    // 0-10 … 90-100: ten bins, six of them empty; the value that is not a number after them.
    assert.equal(expected.length, 10);
    assert.deepEqual(r.rows, [...expected, ['n/a', 1]]);
  });

  test('bins=10 (Search Reference example 4, chart max(delay) BY size bins=10): a power-of-10 span over the values', async () => {
    // 5…95 in at most 10 bins: a span of 10. The empty bins have no maximum (blank, not 0).
    const r = await spl('index=main | chart max(delay) BY size bins=10');
    assert.deepEqual(r.rows, [
      ['0-10', 1],
      ['10-20', 4],
      ['20-30', null],
      ['30-40', null],
      ['40-50', 9],
      ['50-60', null],
      ['60-70', null],
      ['70-80', null],
      ['80-90', null],
      ['90-100', 7],
      ['n/a', 3],
    ]);
    // At most 2 bins: a span of 100.
    const two = await spl('index=main | chart count BY size bins=2');
    assert.deepEqual(two.rows, [
      ['0-100', 5],
      ['n/a', 1],
    ]);
  });

  test('start/end: "Data outside of the [start, end] range is discarded"; the bins run from start to end', async () => {
    const r = await spl('index=main | chart count over size span=10 start=10 end=50');
    // 5 and 95 are discarded; 10-20 … 40-50, and the bin end=50 starts (for a value of exactly 50).
    assert.deepEqual(r.rows, [
      ['10-20', 2],
      ['20-30', 0],
      ['30-40', 0],
      ['40-50', 1],
      ['n/a', 1],
    ]);
    const wide = await spl('index=main | chart count over size span=10 start=0 end=120');
    const { lowOf, indexOf } = linear(10);
    assert.deepEqual(wide.rows, [...continuousBins(sizes, lowOf, indexOf, { from: 0, to: 120 }), ['n/a', 1]]);
    // bins=N with start and end: a power-of-10 span over [start, end] ("the minimum and maximum extents").
    const bins = await spl('index=main | chart count over size bins=10 start=0 end=200');
    assert.deepEqual(bins.rows, [
      ...continuousBins(sizes, linear(100).lowOf, linear(100).indexOf, { from: 0, to: 200 }),
      ['n/a', 1],
    ]);
  });

  test('cont=false: only the bins with events, in the order of their labels', async () => {
    const r = await spl('index=main | chart cont=false count over size span=10');
    assert.deepEqual(r.rows, [
      ['0-10', 1],
      ['10-20', 2],
      ['40-50', 1],
      ['90-100', 1],
      ['n/a', 1],
    ]);
  });

  test('on _time: span, bins and minspan give time buckets; the empty ones between are rows (cont=true)', async () => {
    const span = await spl('index=main | chart count over _time span=30m');
    assert.deepEqual(span.rows, [
      [iso(60), 5],
      [iso(30), 1],
    ]);
    // 5-minute buckets: the events 55 … 35 and 25 minutes ago leave the bucket 30 minutes ago empty.
    const five = await spl('index=main | chart count over _time span=5m');
    const times = [55, 50, 45, 40, 35, 25];
    const buckets = [55, 50, 45, 40, 35, 30, 25].map((m) => [iso(m), times.filter((t) => t === m).length]);
    assert.deepEqual(five.rows, buckets);
    assert.deepEqual(
      (await spl('index=main | chart cont=f count over _time span=5m')).rows,
      buckets.filter(([, n]) => n !== 0),
    );
    // Default bins=300 over the hour would be 30 s buckets; minspan=30m raises them to 30 minutes.
    const minspan = await spl('index=main | chart count over _time minspan=30m');
    assert.deepEqual(minspan.rows, span.rows);
    const one = await spl('index=main | chart count over _time bins=1');
    assert.deepEqual(one.rows, [[iso(60), 6]]);
  });

  test('without bin options a numeric field is not discretized', async () => {
    const r = await spl('index=main | chart count over size');
    assert.equal(r.rows.length, 6);
  });
});

describe('chart bin options on the column split', () => {
  test('Search Reference example 6: chart count BY date_mday span=3 date_hour span=12', async () => {
    const r = await spl('index=main | chart count BY date_mday span=3 date_hour span=12');
    assert.deepEqual(r.columns, ['date_mday', '0-12', '12-24']);
    assert.deepEqual(r.rows, [
      ['0-3', 1, 1],
      ['3-6', 1, 1],
      ['6-9', 0, 2],
    ]);
  });

  test('the column split is binned, the row split is not', async () => {
    const r = await spl('index=main | chart count over host by size span=50');
    assert.deepEqual(r.columns, ['host', '0-50', '50-100', 'n/a']);
    assert.deepEqual(r.rows, [
      ['a', 2, 0, 0],
      ['b', 2, 0, 0],
      ['c', 0, 1, 1],
    ]);
  });

  test('cont=false: only the bins with events', async () => {
    const r = await spl('index=main | chart cont=false count over size span=50');
    assert.deepEqual(r.rows, [
      ['0-50', 4],
      ['50-100', 1],
      ['n/a', 1],
    ]);
  });

  test('a binned row split with a column split: the empty bins are rows with 0 in every series', async () => {
    const r = await spl('index=main | chart count over size span=20 by host');
    assert.deepEqual(r.columns, ['size', 'a', 'b', 'c']);
    const byHost: Record<string, number[]> = { a: [5, 15], b: [18, 42], c: [95] };
    const { lowOf, indexOf } = linear(20);
    const rows = continuousBins(sizes, lowOf, indexOf).map(([label]) => [
      label,
      ...['a', 'b', 'c'].map(
        (h) =>
          (byHost[h] ?? []).filter((v) => `${lowOf(indexOf(v))}-${lowOf(indexOf(v) + 1)}` === label).length,
      ),
    ]);
    assert.deepEqual(r.rows, [...rows, ['n/a', 0, 0, 1]]);
  });
});

describe('logarithmic spans (Search Reference, bin: `<log-span>`)', () => {
  test('span=log2: bins [2^k, 2^(k+1)), the empty ones between shown', async () => {
    const r = await spl('index=main | chart count over size span=log2');
    const { lowOf, indexOf } = logarithmic(1, 2);
    assert.deepEqual(r.rows, [...continuousBins(sizes, lowOf, indexOf), ['n/a', 1]]);
  });

  test('span=2log10: a coefficient of 2, bins 2-20, 20-200', async () => {
    const r = await spl('index=main | chart count over size span=2log10');
    const { lowOf, indexOf } = logarithmic(2, 10);
    assert.deepEqual(r.rows, [...continuousBins(sizes, lowOf, indexOf), ['n/a', 1]]);
    assert.deepEqual(r.rows, [
      ['2-20', 3],
      ['20-200', 2],
      ['n/a', 1],
    ]);
  });

  test('bin span=log10 (base 10 by default); exact powers fall in the bin they start', async () => {
    const r = await spl(
      'index=main | eval size=if(size=="95", "100", size) | bin size span=log10 | stats count by size',
    );
    assert.deepEqual(r.rows, [
      ['1-10', 1],
      ['10-100', 3],
      ['100-1000', 1],
      ['n/a', 1],
    ]);
  });

  test('with start and end: the bins from the one holding start to the one holding end', async () => {
    const r = await spl('index=main | chart count over size span=log2 start=1 end=256');
    const { lowOf, indexOf } = logarithmic(1, 2);
    assert.deepEqual(r.rows, [...continuousBins(sizes, lowOf, indexOf, { from: 1, to: 256 }), ['n/a', 1]]);
  });

  test('values ≤ 0 have no logarithmic bin: they stay as they are', async () => {
    const r = await spl('index=main | eval size=size-20 | chart cont=f count over size span=log10');
    // 5-20, 15-20, 18-20 are negative; 42-20 = 22 and 95-20 = 75 are in 10-100.
    assert.deepEqual(r.rows, [
      ['-15', 1],
      ['-2', 1],
      ['-5', 1],
      ['10-100', 2],
    ]);
  });
});

describe('bin options before the split fields bin the row field', () => {
  test('chart span=10 count over size is chart count over size span=10', async () => {
    const before = await spl('index=main | chart span=10 count over size');
    assert.deepEqual(before.rows, (await spl('index=main | chart count over size span=10')).rows);
    // The row field's own option wins.
    const own = await spl('index=main | chart span=50 count over size span=10');
    assert.deepEqual(own.rows, before.rows);
    // With BY <row> <column>: the row field.
    const by = await spl('index=main | chart bins=2 count by size host');
    assert.deepEqual(by.rows, [
      ['0-100', 2, 2, 1],
      ['n/a', 0, 0, 1],
    ]);
  });
});

describe('start= and end= on _time: epoch seconds or time modifiers', () => {
  const times = [55, 50, 45, 40, 35, 25];
  const seconds = (minutesAgo: number): number => (now - minutesAgo * 60_000) / 1000;

  test('chart over _time: events outside [start, end] discarded, every bucket from start to end', async () => {
    const r = await spl(
      `index=main | chart count over _time span=10m start=${seconds(90)} end=${seconds(30)}`,
    );
    // Buckets 90 … 40 minutes ago (end, 30 minutes ago, starts a bucket of its own: not shown); the
    // event 25 minutes ago is past end.
    const expected = [90, 80, 70, 60, 50, 40].map((m) => [
      iso(m),
      times.filter((t) => t <= m && t > m - 10 && t >= 30).length,
    ]);
    assert.deepEqual(r.rows, expected);
    assert.equal(
      expected.reduce((n, [, c]) => n + Number(c), 0),
      5,
    );
    // A time modifier reads the same.
    const modifiers = await spl('index=main | chart count over _time span=10m start=-90m end=-30m');
    assert.deepEqual(modifiers.rows, expected);
  });

  test('bin _time: start and end widen the range automatic spans are chosen over (10 hours: 10-minute bins)', async () => {
    const r = await spl(
      `index=main | bin _time start=${seconds(600)} end=${seconds(0)} | stats count by _time`,
    );
    const buckets = [...new Set(times.map((t) => Math.ceil(t / 10) * 10))].sort((a, b) => b - a);
    assert.deepEqual(
      r.rows,
      buckets.map((m) => [iso(m), times.filter((t) => t <= m && t > m - 10).length]),
    );
  });
});

describe('chart format= (Search Reference, chart: "$AGG$" and "$VAL$", over sep)', () => {
  test('the series of several statistics are named by the format', async () => {
    const r = await spl('index=main | chart format="$AGG$ of $VAL$" count, max(size) over host by delay');
    const plain = await spl('index=main | chart count, max(size) over host by delay');
    // The same cells; each name `count: <delay>` becomes `count of <delay>`.
    assert.deepEqual(r.rows, plain.rows);
    assert.deepEqual(
      r.columns,
      plain.columns.map((c) => c.replace(/^(count|max\(size\)): /, '$1 of ')),
    );
    assert.ok(r.columns.includes('count of 9'), r.columns.join());
  });
});

describe('chart … by _time span=… aligntime=… (Search Reference, chart: bin options of the row split)', () => {
  test('12-hour bins from 05:00 (@d+5h) hold the events as their start times say', async () => {
    const r = await spl('index=main | chart count BY _time span=12h aligntime=@d+5h');
    const day = Math.floor(now / 86_400_000) * 86_400_000;
    const starts = [-2, -1, 0, 1, 2].map((k) => day + 5 * 3_600_000 + k * 12 * 3_600_000);
    // Every event of `acme` is in the hour before now.
    const times = [55, 50, 45, 40, 35, 25].map((m) => now - m * 60_000);
    const expected = starts
      .map((t) => [t, times.filter((x) => x >= t && x < t + 12 * 3_600_000).length] as const)
      .filter(([, n]) => n > 0)
      .map(([t, n]) => [new Date(t).toISOString().replace('T', ' ').replace('Z', ''), n]);
    assert.deepEqual(r.rows, expected);
  });
});

describe('chart options not supported yet are errors at their position', () => {
  test('log spans: on a time, or outside Splunk’s rules for coefficient and base', async () => {
    await rejected(
      'index=main | chart count over _time span=log2',
      /`chart span=` is not supported yet with a logarithmic span on `_time`, a time/,
    );
    await rejected('index=main | chart count over size span=10log10', /coefficient of a logarithmic span/);
    await rejected('index=main | bin size span=2log1', /base of a logarithmic span must be greater than 1/);
  });

  test('bin options without a split field, minspan on a number, a start on a time that is not one', async () => {
    await rejected('index=main | chart span=10 count', /bins a split field, and there is none/);
    await rejected(
      'index=main | chart count over size minspan=1h',
      /`chart minspan=` is not supported yet on `size`, which is not a time/,
    );
    await rejected(
      'index=main | chart count over _time start=yesterday',
      /`start` on a time must be epoch seconds/,
    );
  });

  test('a field both binned and aggregated is an error (Search Reference: chart sum(A) by A span=log2)', async () => {
    await rejected('index=main | chart sum(size) by size span=10', /both binned and aggregated/);
  });
});
