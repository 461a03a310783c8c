// The series filter of timechart and chart on real chDB: `where <statistic> in top<N>|bottom<N>`,
// `notin`, `where <statistic> > <number>`, and `agg=` with `limit=`. The expected tables are computed here
// from the fixture, not read back from Nexus.
//
// Search Reference 9.4, timechart and chart ("where clause": the statistic is applied to each data series
// and the result compared with the criteria; the default is `where sum in top10`; limit and agg are
// ignored when a where clause is given):
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/timechart
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/chart

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';
import { refusal } from '../helpers/refusal.ts';

// The top of an hour: the range is the hour before it, in six 10-minute buckets.
const now = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const buckets = 6;

/** [bucket, host, status]: `a` is steady, `b` one spike, `c` sparse, `d` small. */
const events: [number, string, string][] = [
  ...[0, 0, 0, 1, 1, 1, 2, 2].map((b): [number, string, string] => [b, 'a', '200']),
  ...[3, 3, 3, 3, 3].map((b): [number, string, string] => [b, 'b', '500']),
  ...[0, 4, 5].map((b): [number, string, string] => [b, 'c', '200']),
  ...[5, 5].map((b): [number, string, string] => [b, 'd', '404']),
];
const hosts = ['a', 'b', 'c', 'd'];

/** The chart `timechart span=10m count by host` makes before any series is dropped: host → counts. */
const counts = new Map(
  hosts.map((h) => [
    h,
    Array.from({ length: buckets }, (_, b) => events.filter((e) => e[0] === b && e[1] === h).length),
  ]),
);

/** Splunk's statistic over a series' values (the buckets where it has events). */
const statistic: Record<'sum' | 'max' | 'count', (xs: number[]) => number> = {
  sum: (xs) => xs.reduce((a, b) => a + b, 0),
  max: (xs) => Math.max(...xs),
  count: (xs) => xs.length,
};

/** The series kept: ranked by `fn` (ties by name), or past a threshold. */
function kept(
  fn: keyof typeof statistic,
  keep: (ranked: [string, number][]) => [string, number][],
): string[] {
  const ranked = hosts
    .map((h): [string, number] => [h, statistic[fn]((counts.get(h) ?? []).filter((x) => x > 0))])
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  return keep(ranked)
    .map(([h]) => h)
    .sort();
}
const top = (n: number) => (r: [string, number][]) => r.slice(0, n);
const above = (n: number) => (r: [string, number][]) => r.filter(([, v]) => v > n);
const below = (n: number) => (r: [string, number][]) => r.filter(([, v]) => v < n);

/** The table with `keep` as columns and the other hosts' counts added up in OTHER (when any). */
function expected(keep: string[], useother = true): { columns: string[]; rows: number[][] } {
  const others = hosts.filter((h) => !keep.includes(h));
  const withOther = useother && others.length > 0;
  return {
    columns: ['_time', ...keep, ...(withOther ? ['OTHER'] : [])],
    rows: Array.from({ length: buckets }, (_, b) => [
      ...keep.map((h) => counts.get(h)?.[b] ?? 0),
      ...(withOther ? [others.reduce((s, h) => s + (counts.get(h)?.[b] ?? 0), 0)] : []),
    ]),
  };
}

let fx: SplFixture;

before(async () => {
  fx = await splFixture(
    now,
    events.map(([b, host, status], i) =>
      // Two minutes into each bucket, a second apart so no two events share a time.
      fixtureEvent(now, 58 - b * 10 - i / 60, `status=${status}`, host, { status }),
    ),
  );
});

after(async () => {
  await fx.close();
});

async function chart(where: string): Promise<{ columns: string[]; rows: unknown[][] }> {
  const r = await fx.spl(`index=main | timechart span=10m count by host ${where}`, {
    earliest: '-1h',
    latest: 'now',
  });
  return { columns: r.columns, rows: r.rows.map((row) => row.slice(1)) };
}

describe('timechart … by host where …', () => {
  test('where max in top1 keeps the spike; where sum in top1 (the default ranking) the steady series', async () => {
    const spike = kept('max', top(1));
    assert.deepEqual(spike, ['b']);
    assert.deepEqual(await chart('where max in top1'), expected(spike));
    const steady = kept('sum', top(1));
    assert.deepEqual(steady, ['a']);
    assert.deepEqual(await chart('where sum in top1'), expected(steady));
  });

  test('where count in top2: count is the number of buckets where the series has events', async () => {
    const k = kept('count', top(2));
    assert.deepEqual(k, ['a', 'c']);
    assert.deepEqual(await chart('WHERE count in top2'), expected(k));
  });

  test('bottom and notin', async () => {
    const bottom = hosts.filter((h) => !kept('sum', top(3)).includes(h));
    assert.deepEqual(await chart('where sum in bottom1'), expected(bottom));
    const notTop = hosts.filter((h) => !kept('max', top(1)).includes(h));
    assert.deepEqual(await chart('where max notin top1'), expected(notTop));
  });

  test('thresholds: where max > 2, where sum < 4 (no space needed)', async () => {
    const high = kept('max', above(2));
    assert.deepEqual(high, ['a', 'b']);
    assert.deepEqual(await chart('where max > 2'), expected(high));
    const low = kept('sum', below(4));
    assert.deepEqual(low, ['c', 'd']);
    assert.deepEqual(await chart('where sum<4'), expected(low));
  });

  test('useother=f drops the other series; the where clause overrides limit', async () => {
    assert.deepEqual(
      await fx
        .spl('index=main | timechart span=10m useother=f limit=3 count by host where max in top1', {
          earliest: '-1h',
          latest: 'now',
        })
        .then((r) => ({ columns: r.columns, rows: r.rows.map((row) => row.slice(1)) })),
      expected(kept('max', top(1)), false),
    );
  });

  test('agg=max with limit=1 ranks as where max in top1', async () => {
    const r = await fx.spl('index=main | timechart span=10m agg=max limit=1 count by host', {
      earliest: '-1h',
      latest: 'now',
    });
    assert.deepEqual({ columns: r.columns, rows: r.rows.map((row) => row.slice(1)) }, expected(['b']));
  });

  test('a malformed clause, or one without a split field, is refused at its position', async () => {
    const q = 'index=main | timechart count by host where max in first5';
    const bad = await refusal(() => fx.spl(q), q);
    // Column 51: `first5`.
    assert.match(bad[0] ?? '', /^syntax: expected .* found `first5` @51$/);
    const q2 = 'index=main | timechart count where max in top5';
    const noSplit = await refusal(() => fx.spl(q2), q2);
    assert.match(noSplit[0] ?? '', /^semantic: .*needs a split-by field @30$/);
  });
});

describe('chart … over … by … where …', () => {
  test('where sum > 2 over status: d (2 events) folds into OTHER', async () => {
    const r = await fx.spl('index=main | chart count over status by host where sum > 2', {
      earliest: '-1h',
      latest: 'now',
    });
    const keep = kept('sum', above(2));
    assert.deepEqual(r.columns, ['status', ...keep, 'OTHER']);
    const cell = (status: string, hs: string[]): number =>
      events.filter((e) => e[2] === status && hs.includes(e[1])).length;
    const others = hosts.filter((h) => !keep.includes(h));
    assert.deepEqual(
      r.rows,
      ['200', '404', '500'].map((st) => [st, ...keep.map((h) => cell(st, [h])), cell(st, others)]),
    );
  });
});
