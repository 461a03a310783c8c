// chart's bin options on real chDB: span, bins, minspan, start/end on the row and column split fields.
//
// Splunk reference: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/chart
// (row-split `<field> [<bin-options>]...`, column-split `<field> [<tc-options>]...`, Bin options).

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
  test('span=N: each value becomes its `lo-hi` range, as bin does', async () => {
    const r = await spl('index=main | chart count over size span=10');
    assert.deepEqual(r.columns, ['size', 'count']);
    assert.deepEqual(r.rows, [
      ['0-10', 1],
      ['10-20', 2],
      ['40-50', 1],
      ['90-100', 1],
      ['n/a', 1],
    ]);
  });

  test('bins=10 (Search Reference example 4, chart max(delay) BY size bins=10): a power-of-10 span over the values', async () => {
    // 5…95 in at most 10 bins: a span of 10.
    const r = await spl('index=main | chart max(delay) BY size bins=10');
    assert.deepEqual(r.rows, [
      ['0-10', 1],
      ['10-20', 4],
      ['40-50', 9],
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

  test('start/end: "Data outside of the [start, end] range is discarded"', async () => {
    const r = await spl('index=main | chart count over size span=10 start=10 end=50');
    assert.deepEqual(r.rows, [
      ['10-20', 2],
      ['40-50', 1],
      ['n/a', 1],
    ]);
  });

  test('on _time: span, bins and minspan give time buckets', async () => {
    const span = await spl('index=main | chart count over _time span=30m');
    assert.deepEqual(span.rows, [
      [iso(60), 5],
      [iso(30), 1],
    ]);
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

  test('cont=false is accepted: only the bins with events', async () => {
    const r = await spl('index=main | chart cont=false count over size span=50');
    assert.deepEqual(r.rows, [
      ['0-50', 4],
      ['50-100', 1],
      ['n/a', 1],
    ]);
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
  test('log spans, cont=true (agg= and format= name and rank series: series-where, chart-format below)', async () => {
    await rejected(
      'index=main | chart count BY size span=log2',
      /`chart span=` is not supported yet \(a logarithmic span\)/,
    );
    await rejected('index=main | chart cont=true count BY size span=10', /`chart cont=` is not supported/);
  });

  test('bin options before the split fields, minspan on a number, start on a time', async () => {
    await rejected('index=main | chart span=10 count over size', /before the split fields/);
    await rejected(
      'index=main | chart count over size minspan=1h',
      /`chart minspan=` is not supported yet on `size`, which is not a time/,
    );
    await rejected(
      'index=main | chart count over _time start=0',
      /`chart start=` is not supported yet on `_time`, a time/,
    );
  });

  test('a field both binned and aggregated is an error (Search Reference: chart sum(A) by A span=log2)', async () => {
    await rejected('index=main | chart sum(size) by size span=10', /both binned and aggregated/);
  });
});
