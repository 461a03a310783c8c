// `predict` on real chDB: Kalman-filter forecasts (local level, local level and trend) of a `timechart`
// series, with 95 % bounds and future rows.
// Search Reference 9.4, predict: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/predict

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
const HOUR = 3_600_000;
const hour0 = Math.floor(now / HOUR) * HOUR - 12 * HOUR;
let fx: SplFixture;

// Events per hour over the 12 hours before the current one: a noisy upward series.
const counts = [5, 7, 6, 9, 8, 11, 10, 13, 12, 14, 17, 15];
const range = { earliest: '-12h@h', latest: '@h' };

// The oracle: the same filters and likelihood grid in plain TypeScript.
type Y = number | null;
interface Run {
  obj: number;
  preds: Y[];
  vars: Y[];
  sigma2: number;
}
function localLevel(ys: readonly Y[], [q = 0]: readonly number[]): Run {
  let [seen, a, p, S, L, m] = [0, 0, 0, 0, 0, 0];
  const preds: Y[] = [];
  const vars: Y[] = [];
  for (const y of ys) {
    preds.push(seen > 0 ? a : null);
    vars.push(seen > 0 ? p + 1 : null);
    if (y === null) {
      if (seen > 0) p += q;
    } else if (seen === 0) [seen, a, p] = [1, y, 1 + q];
    else {
      const F = p + 1;
      const v = y - a;
      a += (p / F) * v;
      p = p - (p * p) / F + q;
      S += (v * v) / F;
      L += Math.log(F);
      m += 1;
    }
  }
  return { obj: m * Math.log(S / m) + L, preds, vars, sigma2: S / m };
}
function localLevelTrend(ys: readonly Y[], [q1 = 0, q2 = 0]: readonly number[]): Run {
  let [seen, y1, a1, a2, p11, p12, p22, S, L, m] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const preds: Y[] = [];
  const vars: Y[] = [];
  for (const y of ys) {
    preds.push(seen >= 2 ? a1 : null);
    vars.push(seen >= 2 ? p11 + 1 : null);
    if (y === null) {
      if (seen >= 2) [a1, p11, p12, p22] = [a1 + a2, p11 + 2 * p12 + p22 + q1, p12 + p22, p22 + q2];
    } else if (seen === 0) [seen, y1] = [1, y];
    else if (seen === 1)
      [seen, a1, a2, p11, p12, p22] = [2, 2 * y - y1, y - y1, 5 + 2 * q1 + q2, 3 + q1 + q2, 2 + q1 + 2 * q2];
    else {
      const F = p11 + 1;
      const v = y - a1;
      const f1 = a1 + (p11 / F) * v;
      const f2 = a2 + (p12 / F) * v;
      const g11 = p11 - (p11 * p11) / F;
      const g12 = p12 - (p11 * p12) / F;
      const g22 = p22 - (p12 * p12) / F;
      [a1, a2, p11, p12, p22] = [f1 + f2, f2, g11 + 2 * g12 + g22 + q1, g12 + g22, g22 + q2];
      S += (v * v) / F;
      L += Math.log(F);
      m += 1;
    }
  }
  return { obj: m * Math.log(S / m) + L, preds, vars, sigma2: S / m };
}
const llGrid = [0, ...Array.from({ length: 33 }, (_, i) => 10 ** ((i - 16) / 4))].map((q) => [q]);
const trendValues = [0, ...Array.from({ length: 15 }, (_, i) => 10 ** ((i - 8) / 2))];
const lltGrid = trendValues.flatMap((a) => trendValues.map((b) => [a, b]));

/** Each row's [prediction, upper, lower] at `z`: the model fitted on `ys` less the last `holdback`, `future` more. */
function oracle(
  algorithm: 'LL' | 'LLT',
  ys: readonly Y[],
  future: number,
  holdback = 0,
  z = 1.959963984540054,
) {
  const filter = algorithm === 'LL' ? localLevel : localLevelTrend;
  const grid = algorithm === 'LL' ? llGrid : lltGrid;
  const input: Y[] = [...ys.slice(0, ys.length - holdback), ...Array<Y>(holdback + future).fill(null)];
  const best = grid.map((q) => ({ q, obj: filter(input, q).obj })).sort((a, b) => a.obj - b.obj)[0]?.q ?? [];
  const run = filter(input, best);
  return run.preds.map((p, i) => {
    if (p === null) return [null, null, null];
    const sd = Math.sqrt((run.vars[i] ?? 0) * run.sigma2);
    return [p, p + z * sd, p - z * sd];
  });
}

before(async () => {
  fx = await splFixture(
    now,
    counts.flatMap((n, h) =>
      Array.from({ length: n }, (_, k) =>
        fixtureEvent(
          now,
          0,
          `h${String(h)} e${String(k)}`,
          'h1',
          {},
          { _time: hour0 + h * HOUR + k * 60_000 },
        ),
      ),
    ),
  );
});

after(async () => {
  await fx.close();
});

const close = (actual: unknown, expected: number | null, what: string): void => {
  if (expected === null) {
    assert.equal(actual, null, what);
    return;
  }
  assert.equal(typeof actual, 'number', what);
  assert.ok(
    Math.abs((actual as number) - expected) <= 1e-6 * Math.max(1, Math.abs(expected)),
    `${what}: ${String(actual)} ≠ ${String(expected)}`,
  );
};

function checkRows(rows: unknown[][], want: (number | null)[][], first = 2): void {
  assert.equal(rows.length, want.length);
  rows.forEach((row, i) =>
    want[i]?.forEach((w, k) => close(row[first + k], w, `row ${String(i)} column ${String(first + k)}`)),
  );
}

describe('predict', () => {
  test('the Search Reference example `timechart … count | predict count`, with algorithm=LL and future_timespan=3', async () => {
    const r = await fx.spl(
      'host=h1 | timechart span=1h count | predict count algorithm=LL future_timespan=3',
      range,
    );
    assert.deepEqual(r.columns, [
      '_time',
      'count',
      'prediction(count)',
      'upper95(prediction(count))',
      'lower95(prediction(count))',
    ]);
    assert.deepEqual(
      r.rows.map((row) => row[1]),
      [...counts, null, null, null],
    );
    // The added rows go on hour by hour.
    assert.deepEqual(
      r.rows.slice(11).map((row) => Date.parse(String(row[0]))),
      [0, 1, 2, 3].map((k) => hour0 + (11 + k) * HOUR),
    );
    checkRows(r.rows, oracle('LL', counts, 3));
    // By hand: the first value has no prediction, the second's is the first value.
    assert.equal(r.rows[0]?.[2], null);
    assert.equal(r.rows[1]?.[2], 5);
  });

  test('algorithm=LLT follows the trend into the future', async () => {
    const r = await fx.spl(
      'host=h1 | timechart span=1h count | predict count algorithm=LLT future_timespan=2',
      range,
    );
    const want = oracle('LLT', counts, 2);
    checkRows(r.rows, want);
    const future = r.rows.slice(12).map((row) => row[2] as number);
    assert.ok((future[1] ?? 0) > (future[0] ?? 0), 'the trend rises');
  });

  test('holdback, AS and upper90=/lower80=: named bounds at other levels', async () => {
    const r = await fx.spl(
      'host=h1 | timechart span=1h count | predict count AS guess algorithm=LL holdback=2 future_timespan=1 upper90=high lower80=low',
      range,
    );
    assert.deepEqual(r.columns, ['_time', 'count', 'guess', 'high', 'low']);
    // z of 90 % and 80 % two-sided intervals.
    const up = oracle('LL', counts, 1, 2, 1.6448536269514722);
    const down = oracle('LL', counts, 1, 2, 1.2815515655446004);
    checkRows(
      r.rows,
      up.map((row, i) => [row[0] ?? null, row[1] ?? null, down[i]?.[2] ?? null]),
    );
    // The held-back values are predicted without being seen: the last three predictions are equal.
    const tail = r.rows.slice(-3).map((row) => row[2]);
    assert.equal(new Set(tail).size, 1);
  });

  test('a numeric _time (epoch seconds after eval) is stepped on as a number', async () => {
    const r = await fx.spl(
      '| makeresults count=4 | streamstats count AS i | eval _time=1000+i*60, v=i*i | table _time v | predict v algorithm=LL future_timespan=2',
    );
    assert.deepEqual(
      r.rows.map((row) => row.slice(0, 2)),
      [
        [1060, 1],
        [1120, 4],
        [1180, 9],
        [1240, 16],
        [1300, null],
        [1360, null],
      ],
    );
    checkRows(r.rows, oracle('LL', [1, 4, 9, 16], 2));
  });

  test('missing values (empty buckets of avg) are skipped by the filter, not taken as zero', async () => {
    const r = await fx.spl(
      '| makeresults count=6 | streamstats count AS i | eval _time=1000+i*60, v=if(i=3 OR i=4, null(), i*10+i%2) | table _time v | predict v algorithm=LLT future_timespan=1',
    );
    const values = [11, 20, null, null, 51, 60];
    assert.deepEqual(
      r.rows.map((row) => row[1]),
      [...values, null],
    );
    checkRows(r.rows, oracle('LLT', values, 1));
  });

  test('a bad algorithm is reported at its value; a seasonal one is not supported yet', async () => {
    const q = 'host=h1 | timechart span=1h count | predict count algorithm=XYZ';
    await assert.rejects(fx.spl(q, range), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.errors[0]?.message ?? '', /`algorithm` must be one of LL, LLT/);
      assert.equal(e.errors[0]?.column, q.indexOf('XYZ') + 1);
      return true;
    });
    const seasonal = 'host=h1 | timechart span=1h count | predict count algorithm=LLP5';
    await assert.rejects(fx.spl(seasonal, range), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.errors[0]?.message ?? '', /LLP5.*not supported yet/);
      assert.equal(e.errors[0]?.column, seasonal.indexOf('LLP5') + 1);
      return true;
    });
  });
});
