// MLTK's DensityFunction with `dist=auto|gaussian_kde|beta` on real chDB, on values drawn (seeded) from
// known distributions: `auto` picks the distribution they were drawn from, each fit's threshold cuts about
// the share of values it names, and `apply` of the saved model marks the same values as the fit.
//
// Semantics: MLTK "DensityFunction" (Algorithms in the Machine Learning Toolkit): dist=auto (the default)
// fits the candidates and keeps the best fit; Nexus's criterion (Wasserstein-1 distance, a kernel density
// when no parametric fit is close) is in backends/clickhouse/density.ts.
// https://help.splunk.com/en/splunk-enterprise/apply-machine-learning/use-splunk-machine-learning-toolkit/5.5.0/algorithms-and-scoring-metrics-in-mltk/algorithms-in-the-splunk-machine-learning-toolkit#densityfunction-0

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runSpl } from '../../src/query/service.ts';
import { refusal } from '../helpers/refusal.ts';
import type { LogRow, Store } from '../../src/store/index.ts';
import { openFixtureStore } from '../helpers/fixture-store.ts';
import { erfc, meanSd } from '../helpers/normal.ts';

/** Φ(z), from erfc (absolute error below 1e-7). */
const phi = (z: number): number => (z >= 0 ? 1 - erfc(z / Math.SQRT2) / 2 : erfc(-z / Math.SQRT2) / 2);

/** Where the increasing `cdf` reaches `p`, by bisection in [lo, hi]. */
function quantile(cdf: (x: number) => number, p: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  for (let i = 0; i < 60; i++) {
    const m = (a + b) / 2;
    if (cdf(m) < p) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

const now = Date.now();

/** mulberry32: a seeded uniform generator in [0, 1). */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Box–Muller standard normal draws. */
function normal(u: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

const N = 2000;
const u1 = uniform(1);
const z1 = normal(u1);
const u2 = uniform(2);
const u3 = uniform(3);
const z3 = normal(u3);
const u4 = uniform(4);
const samples: Record<string, number[]> = {
  normal: Array.from({ length: N }, () => 100 + 15 * z1()),
  expon: Array.from({ length: N }, () => 10 - 20 * Math.log(1 - u2())),
  bimodal: Array.from({ length: N }, (_, i) => (i % 2 === 0 ? 0 : 8) + z3()),
  beta: Array.from({ length: N }, () => 50 * Math.max(u4(), u4())),
};

const rows: LogRow[] = Object.entries(samples).flatMap(([shape, xs]) =>
  xs.map((x, i) => ({
    org_id: 'acme',
    index: 'dists',
    _time: now - i * 10,
    host: shape,
    source: 'gen',
    sourcetype: 'gen',
    _raw: `shape=${shape} x=${String(x)}`,
    fields: { shape, x },
  })),
);

let store: Store;
let close: () => Promise<void>;
before(async () => {
  ({ store, close } = await openFixtureStore(rows));
});
after(async () => close());

async function spl(query: string) {
  return runSpl(
    store,
    'acme',
    { query, earliest: '-1h', latest: 'now' },
    { nowMs: now + 1000, role: 'editor' },
  );
}

/** The share of one shape's values the search marks as outliers. */
async function outlierShare(query: string, shape: string): Promise<number> {
  const r = await spl(`${query} | search shape=${shape} | stats avg("IsOutlier(x)") AS share`);
  return Number(r.rows[0]?.[0]);
}

const failure = async (query: string): Promise<string> => (await refusal(() => spl(query), query))[0] ?? '';

describe('fit DensityFunction dist=auto', () => {
  test('picks the distribution each shape was drawn from, per group', async () => {
    await spl('index=dists | fit DensityFunction x by "shape" into shapes_auto');
    const r = await spl('| summary shapes_auto');
    assert.deepEqual(
      r.columns.map((c) => c.name),
      ['shape', 'type', 'min', 'max', 'mean', 'std', 'cardinality', 'distance'],
    );
    const types = Object.fromEntries(r.rows.map((row) => [row[0], row[1]]));
    assert.deepEqual(types, { beta: 'beta', bimodal: 'gaussian_kde', expon: 'expon', normal: 'norm' });
    // The distance of a right fit is what sampling explains: within 3/√n standard deviations.
    for (const row of r.rows) {
      if (row[0] === 'bimodal') continue;
      assert.ok(Number(row[7]) < (3 * Number(row[5])) / Math.sqrt(N), `${String(row[0])}: ${String(row[7])}`);
    }
  });
});

describe('thresholds cut the share they name', () => {
  // n = 2000: a share's standard error is at most 0.011 (p = 0.5); 0.1 ± 0.025 is over 3 of them.
  for (const [shape, dist] of [
    ['normal', 'norm'],
    ['expon', 'expon'],
    ['beta', 'beta'],
    ['normal', 'gaussian_kde'],
    ['expon', 'auto'],
  ] as const) {
    test(`${dist} on ${shape} values: threshold=0.1 marks about 10%`, async () => {
      const share = await outlierShare(
        `index=dists shape=${shape} | fit DensityFunction x dist=${dist} threshold=0.1`,
        shape,
      );
      assert.ok(Math.abs(share - 0.1) < 0.025, String(share));
    });
  }

  test('gaussian_kde on bimodal values: the cuts of Scott’s kernel density, computed here', async () => {
    // Scott's bandwidth over-smooths two modes: the density's tails are heavier than the values', so its
    // 2% and 20% tails hold fewer of them. The cuts are checked against the density computed here.
    const xs = samples.bimodal ?? [];
    const [, sd] = meanSd(xs);
    const h = sd * xs.length ** -0.2;
    const cdf = (x: number): number => xs.reduce((acc, xi) => acc + phi((x - xi) / h), 0) / xs.length;
    const lower = quantile(cdf, 0.02, -10, 20);
    const upper = quantile(cdf, 0.8, -10, 20);
    const r = await spl(
      'index=dists shape=bimodal | fit DensityFunction x dist=gaussian_kde lower_threshold=0.02 upper_threshold=0.2 | head 1 | table BoundaryRanges',
    );
    const ranges = r.rows[0]?.[0];
    assert.ok(Array.isArray(ranges) && ranges.length === 2, JSON.stringify(ranges));
    const [lowRange, highRange] = ranges.map(String);
    assert.match(lowRange ?? '', /:0\.02$/);
    assert.match(highRange ?? '', /:Infinity:0\.2$/);
    assert.ok(
      Math.abs(Number(lowRange?.split(':')[1]) - lower) < 0.01,
      `${String(lowRange)} vs ${String(lower)}`,
    );
    assert.ok(
      Math.abs(Number(highRange?.split(':')[0]) - upper) < 0.01,
      `${String(highRange)} vs ${String(upper)}`,
    );
    const expected = xs.filter((x) => x < lower || x > upper).length / xs.length;
    const share = await outlierShare(
      'index=dists shape=bimodal | fit DensityFunction x dist=gaussian_kde lower_threshold=0.02 upper_threshold=0.2',
      'bimodal',
    );
    assert.ok(Math.abs(share - expected) < 0.002, `${String(share)} vs ${String(expected)}`);
    // And fewer than the 22% the areas name (the tails are heavier than the values').
    assert.ok(expected < 0.2, String(expected));
  });

  test('beta: the cuts lie inside the values’ range, as BoundaryRanges says', async () => {
    const xs = samples.beta ?? [];
    const r = await spl(
      'index=dists shape=beta | fit DensityFunction x dist=beta threshold=0.1 | head 1 | table BoundaryRanges',
    );
    const ranges = r.rows[0]?.[0];
    assert.ok(Array.isArray(ranges) && ranges.length === 2, JSON.stringify(ranges));
    const [lowRange, highRange] = ranges.map(String);
    const lower = Number(lowRange?.split(':')[1]);
    const upper = Number(highRange?.split(':')[0]);
    assert.match(lowRange ?? '', /^-Infinity:[\d.]+:0\.05$/);
    assert.match(highRange ?? '', /^[\d.]+:Infinity:0\.05$/);
    // Beta(2, 1) on [0, 50]: F(x) = (x/50)², so the cuts are near 50·√0.05 ≈ 11.2 and 50·√0.95 ≈ 48.7.
    assert.ok(lower > Math.min(...xs) && upper < Math.max(...xs), `${String(lower)} ${String(upper)}`);
    assert.ok(Math.abs(lower - 50 * Math.sqrt(0.05)) < 2, String(lower));
    assert.ok(Math.abs(upper - 50 * Math.sqrt(0.95)) < 1, String(upper));
  });
});

describe('groups without a fit', () => {
  test('a result without a value of the by field, or without a number, gets no IsOutlier nor BoundaryRanges', async () => {
    const r = await spl(
      '| makeresults count=8 | streamstats count AS i | eval x=if(i=2, null(), i), g=if(i%2=0, "a", null()) | fit DensityFunction x by g dist=gaussian_kde | sort i | table i g "IsOutlier(x)" BoundaryRanges',
    );
    for (const [i, g, outlier, ranges] of r.rows) {
      if (g === null || Number(i) === 2) assert.equal(outlier, null, `row ${String(i)}`);
      else assert.equal(outlier, 0, `row ${String(i)}`);
      if (g === null)
        assert.ok(ranges === null || (Array.isArray(ranges) && ranges.length === 0), JSON.stringify(ranges));
      else assert.ok(Array.isArray(ranges) && ranges.length === 2, JSON.stringify(ranges));
    }
  });

  test('one value, or all values equal: nothing lies outside', async () => {
    const r = await spl(
      '| makeresults count=3 | eval x=5 | fit DensityFunction x dist=beta | table "IsOutlier(x)"',
    );
    assert.deepEqual(r.rows, [[0], [0], [0]]);
  });
});

describe('apply gives the fit’s outlier decisions', () => {
  test('every value marked as the fit marked it, with the same BoundaryRanges', async () => {
    const marks = '| sort _time | table shape x "IsOutlier(x)" BoundaryRanges';
    const fitted = await spl(
      `index=dists | fit DensityFunction x by "shape" threshold=0.05 into shapes_05 ${marks}`,
    );
    const applied = await spl(`index=dists | apply shapes_05 ${marks}`);
    assert.equal(fitted.rows.length, 4 * N);
    assert.deepEqual(applied.rows, fitted.rows);
    const outliers = fitted.rows.filter((row) => Number(row[2]) === 1).length;
    assert.ok(Math.abs(outliers / (4 * N) - 0.05) < 0.015, String(outliers));
  });

  test('apply threshold= and show_density on such a model are refused at the option', async () => {
    assert.match(
      await failure('index=dists | apply shapes_05 threshold=0.2'),
      /^unsupported: `apply threshold=` is supported only for `dist=norm` and `dist=expon` models; `shapes_05` was fitted with `dist=auto`.* @31$/,
    );
    assert.match(
      await failure('index=dists | fit DensityFunction x show_density=true'),
      /^unsupported: `show_density` is computed only for `dist=norm` and `dist=expon`, not for `dist=auto` @37$/,
    );
    assert.equal(
      await failure('index=dists | fit DensityFunction x dist=gamma'),
      'semantic: `dist` must be `norm`, `expon`, `gaussian_kde`, `beta` or `auto`, found `gamma` @42',
    );
  });
});
