// `x11` on real chDB: the seasonally adjusted series of a daily `timechart` with a weekly pattern.
// Search Reference 9.4, x11: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/x11

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
const DAY = 86_400_000;
const day0 = Math.floor(now / DAY) * DAY - 28 * DAY;
let fx: SplFixture;

// 28 days: a rising level, a weekly pattern (busy midweek, quiet weekends) and some noise.
const weekly = [4, 6, 7, 6, 5, -12, -16];
const noise = [1, -1, 0, 2, -2, 1, 0];
const counts = Array.from(
  { length: 28 },
  (_, d) => 20 + d + (weekly[d % 7] ?? 0) + (noise[(d * 3) % 7] ?? 0),
);
const range = { earliest: '-28d@d', latest: '@d' };

// The oracle: the same X11 pass in plain TypeScript, each moving average with explicit weights.
type Y = number | null;
function average(y: readonly Y[], terms: readonly [number, number][]): Y[] {
  return y.map((v, i) => {
    if (v === null) return null;
    let [num, den] = [0, 0];
    for (const [offset, w] of terms) {
      const x = y[i + offset];
      if (x === undefined || x === null) continue;
      num += w * x;
      den += w;
    }
    return den === 0 ? null : num / den;
  });
}
function centred(p: number): [number, number][] {
  const h = Math.floor(p / 2);
  return Array.from({ length: 2 * h + 1 }, (_, i) => [
    i - h,
    p % 2 === 0 && (i === 0 || i === 2 * h) ? 1 : 2,
  ]);
}
function henderson(terms: number): [number, number][] {
  const m = (terms - 1) / 2;
  const n = m + 2;
  return Array.from({ length: terms }, (_, i) => {
    const j = i - m;
    const w =
      (315 *
        ((n - 1) ** 2 - j * j) *
        (n * n - j * j) *
        ((n + 1) ** 2 - j * j) *
        (3 * n * n - 16 - 11 * j * j)) /
      (8 * n * (n * n - 1) * (4 * n * n - 1) * (4 * n * n - 9) * (4 * n * n - 25));
    return [j, w];
  });
}
function x11(y: readonly number[], p: number, mult: boolean): Y[] {
  const op = (a: Y, b: Y): Y => (a === null || b === null ? null : mult ? (b === 0 ? null : a / b) : a - b);
  const zip = (a: readonly Y[], b: readonly Y[]): Y[] => a.map((v, i) => op(v, b[i] ?? null));
  const seasonal = (si: readonly Y[], weights: readonly number[]): Y[] => {
    const m = (weights.length - 1) / 2;
    const s = average(
      si,
      weights.map((w, i) => [(i - m) * p, w]),
    );
    return zip(s, average(s, centred(p)));
  };
  const s1 = seasonal(zip(y, average(y, centred(p))), [1, 2, 3, 2, 1]);
  const a1 = zip(y, s1);
  const s2 = seasonal(
    zip(y, average(a1, henderson(Math.min(2 * Math.floor(p / 2) + 1, 23)))),
    [1, 2, 3, 3, 3, 2, 1],
  );
  return zip(y, s2);
}

/** The period: the lag (5 … half the series) where the mean-less first differences correlate most. */
function period(y: readonly number[]): number {
  const d = y.slice(1).map((v, i) => v - (y[i] ?? 0));
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  const e = d.map((v) => v - mean);
  let best = 5;
  let bestScore = -Infinity;
  for (let c = 5; c <= Math.min(1000, Math.floor(y.length / 2)); c++) {
    const score = e.reduce((acc, v, i) => acc + v * (e[i + c] ?? 0), 0);
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

before(async () => {
  fx = await splFixture(
    now,
    counts.flatMap((n, d) =>
      Array.from({ length: n }, (_, k) =>
        fixtureEvent(now, 0, `d${String(d)} e${String(k)}`, 'h1', {}, { _time: day0 + d * DAY + k * 60_000 }),
      ),
    ),
  );
});

after(async () => {
  await fx.close();
});

function matches(actual: unknown[], expected: readonly Y[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => {
    const e = expected[i] ?? null;
    if (e === null) assert.equal(a, null);
    else
      assert.ok(
        typeof a === 'number' && Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e)),
        `row ${String(i)}: ${String(a)} ≠ ${String(e)}`,
      );
  });
}

/** The spread of the series' day-to-day changes. */
const roughness = (xs: readonly number[]): number =>
  xs.slice(1).reduce((acc, x, i) => acc + Math.abs(x - (xs[i] ?? 0)), 0) / (xs.length - 1);

describe('x11', () => {
  test('the Search Reference form `x11 add<period>(<field>) AS <newfield>`: the additive adjustment', async () => {
    const r = await fx.spl('host=h1 | timechart span=1d count | x11 add7(count) AS adjusted', range);
    assert.deepEqual(r.columns, ['_time', 'count', 'adjusted']);
    assert.deepEqual(
      r.rows.map((row) => row[1]),
      counts,
    );
    const adjusted = r.rows.map((row) => row[2]);
    matches(adjusted, x11(counts, 7, false));
    // The weekly pattern is gone: the adjusted series moves far less from day to day.
    assert.ok(roughness(adjusted as number[]) < roughness(counts) / 3);
  });

  test('the default type is mult: `x11 7(count)` and `x11 mult() 7 (count)` agree, named x11(count)', async () => {
    const r = await fx.spl('host=h1 | timechart span=1d count | x11 7(count)', range);
    assert.deepEqual(r.columns, ['_time', 'count', 'x11(count)']);
    matches(
      r.rows.map((row) => row[2]),
      x11(counts, 7, true),
    );
    const spaced = await fx.spl('host=h1 | timechart span=1d count | x11 mult() 7 (count)', range);
    assert.deepEqual(spaced.rows, r.rows);
  });

  test('an even period: the centred average has half weights at both ends', async () => {
    const r = await fx.spl('host=h1 | timechart span=1d count | x11 add6(count)', range);
    matches(
      r.rows.map((row) => row[2]),
      x11(counts, 6, false),
    );
  });

  test('the Search Reference form `x11 <field>`: the period is found from the series (7 here)', async () => {
    assert.equal(period(counts), 7);
    const r = await fx.spl('host=h1 | timechart span=1d count | x11 count', range);
    assert.deepEqual(r.columns, ['_time', 'count', 'x11(count)']);
    matches(
      r.rows.map((row) => row[2]),
      x11(counts, 7, true),
    );
  });

  test('a period below 5 is reported at it', async () => {
    const q = 'host=h1 | timechart span=1d count | x11 add3(count)';
    await assert.rejects(fx.spl(q, range), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.errors[0]?.message ?? '', /period must be from 5 to 1000, found 3/);
      assert.equal(e.errors[0]?.column, q.indexOf('add3') + 1);
      return true;
    });
  });
});
