// MLTK's DensityFunction on real chDB: `fit` marks outliers per group, `fit … into` saves the model for the
// tenant, `apply` marks new data with the saved parameters, `summary` shows them, and another tenant never
// sees the model.
//
// Semantics from the Machine Learning Toolkit's pages: "DensityFunction" (Algorithms in the Machine
// Learning Toolkit: dist=norm|expon, threshold is the outlier area, default 0.01, a normal distribution's
// split between both tails; IsOutlier(<field>), BoundaryRanges, ProbabilityDensity with show_density),
// "fit", "apply" and "summary" (Search commands for machine learning), docs.splunk.com/Documentation/MLApp.
// DensityFunction: https://help.splunk.com/en/splunk-enterprise/apply-machine-learning/use-splunk-machine-learning-toolkit/5.5.0/algorithms-and-scoring-metrics-in-mltk/algorithms-in-the-splunk-machine-learning-toolkit#densityfunction-0

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Role } from '../../src/auth/types.ts';
import { QueryForbiddenError, runSpl } from '../../src/query/service.ts';
import { refusal } from '../helpers/refusal.ts';
import type { LogRow, Store } from '../../src/store/index.ts';
import { openFixtureStore } from '../helpers/fixture-store.ts';

const now = Date.now();

/** Φ⁻¹(1 − 0.01/2): the normal cut of MLTK's default threshold, split between both tails. */
const Z_995 = 2.5758293035489004;

/** Evenly spread quantiles of a normal distribution (a deterministic "sample"): mean + sd·z_i. */
function normalish(n: number, mean: number, sd: number): number[] {
  // z from a fine table of the standard normal CDF is overkill here: a symmetric spread in ±2.2 sd suffices.
  return Array.from({ length: n }, (_, i) => mean + sd * (-2.2 + (4.4 * i) / (n - 1)));
}

const training = {
  web: [...normalish(99, 100, 10), 190, 15, 130],
  db: [...normalish(59, 50, 4), 80],
};
const fresh = { web: [100, 130, 160, 40, 55], db: [50, 75, 20, 49, 62] };

function event(org: string, index: string, i: number, host: string, latency: number): LogRow {
  return {
    org_id: org,
    index,
    _time: now - (i + 1) * 1000,
    host,
    source: 'app',
    sourcetype: 'app',
    _raw: `host=${host} latency=${String(latency)}`,
    fields: { latency },
  };
}

const rows: LogRow[] = [];
let n = 0;
for (const [host, values] of Object.entries(training))
  for (const v of values) rows.push(event('acme', 'train', n++, host, v));
for (const [host, values] of Object.entries(fresh))
  for (const v of values) rows.push(event('acme', 'fresh', n++, host, v));
for (const v of fresh.web) rows.push(event('other', 'fresh', n++, 'web', v));

/** The population mean and standard deviation (what MLTK's normal fit estimates). */
function stats(values: readonly number[]): { mean: number; std: number; min: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return { mean, std, min: Math.min(...values) };
}

/** The values outside mean ± z·std, sorted. */
function outside(values: readonly number[], fit: { mean: number; std: number }, z = Z_995): number[] {
  return values.filter((v) => Math.abs(v - fit.mean) > z * fit.std).sort((a, b) => a - b);
}

let store: Store;
let close: () => Promise<void>;

async function spl(query: string, org = 'acme', role: Role = 'editor') {
  return runSpl(store, org, { query, earliest: '-1h', latest: 'now' }, { nowMs: now + 1000, role });
}

/** A 400 with the position, as every compile error. */
const failure = (query: string, org = 'acme'): Promise<string[]> => refusal(() => spl(query, org), query);

const outliersOf = (r: { rows: unknown[][] }, host: string): number[] =>
  r.rows
    .filter((row) => row[0] === host && Number(row[2]) === 1)
    .map((row) => Number(row[1]))
    .sort((a, b) => a - b);

before(async () => {
  ({ store, close } = await openFixtureStore(rows));
});
after(async () => close());

describe('fit DensityFunction', () => {
  test('marks the values beyond the normal cuts of each group (threshold 0.01 split between both tails)', async () => {
    const r = await spl(
      'index=train | fit DensityFunction latency by "host" dist=norm | rename "IsOutlier(latency)" AS o | table host latency o',
    );
    assert.equal(r.rows.length, 102 + 60);
    for (const host of ['web', 'db'] as const) {
      const expected = outside(training[host], stats(training[host]));
      assert.ok(expected.length > 0);
      assert.deepEqual(outliersOf(r, host), expected, host);
    }
    assert.deepEqual(outliersOf(r, 'web'), [15, 190]);
    assert.deepEqual(outliersOf(r, 'db'), [80]);
  });

  test('threshold=, upper_threshold= and BoundaryRanges as MLTK writes them', async () => {
    const web = stats(training.web);
    const r = await spl(
      'index=train host=web | fit DensityFunction latency dist=norm upper_threshold=0.2 show_density=true | head 1 | eval upper=mvindex(split(mvindex(BoundaryRanges, -1), ":"), 0), n=mvcount(BoundaryRanges) | table upper n BoundaryRanges "ProbabilityDensity(latency)" latency',
    );
    const [upper, count, ranges, density, latency] = r.rows[0] ?? [];
    // Φ⁻¹(0.8) = 0.8416212335729143: only the upper tail, with 20% of the area.
    assert.ok(Math.abs(Number(upper) - (web.mean + 0.8416212335729143 * web.std)) < 1e-6, String(upper));
    assert.equal(Number(count), 1);
    assert.match(String(ranges), /^[\d.]+:Infinity:0\.2$/);
    const z = (Number(latency) - web.mean) / web.std;
    const pdf = Math.exp(-0.5 * z * z) / (web.std * Math.sqrt(2 * Math.PI));
    assert.ok(Math.abs(Number(density) - pdf) < 1e-12);
  });

  test('dist=expon: the whole threshold in the right tail, from the minimum', async () => {
    const db = stats(training.db);
    const cut = db.min - (db.mean - db.min) * Math.log(0.05);
    const r = await spl(
      'index=train host=db | fit DensityFunction latency dist=expon threshold=0.05 | rename "IsOutlier(latency)" AS o | table host latency o',
    );
    assert.deepEqual(
      outliersOf(r, 'db'),
      training.db.filter((v) => v > cut).sort((a, b) => a - b),
    );
  });

  test('dist=auto (the default) fits the candidates (test/spl/mltk-dists.test.ts); an unknown dist is a 400 at it', async () => {
    const r = await spl('index=train host=db | fit DensityFunction latency | stats count');
    assert.deepEqual(r.rows, [[60]]);
    assert.deepEqual(await failure('index=train | fit DensityFunction latency dist=gamma'), [
      'semantic: `dist` must be `norm`, `expon`, `gaussian_kde`, `beta` or `auto`, found `gamma` @48',
    ]);
  });

  test('a model keeps at most 1024 groups: more is a diagnostic at the command, nothing saved', async () => {
    const q =
      '| makeresults count=1100 | streamstats count AS g | eval x=g % 7 | fit DensityFunction x by g dist=norm into too_many';
    assert.deepEqual(await failure(q), [
      'limit: `fit … into too_many` found more than 1024 groups: group by fewer fields or values @68',
    ]);
    assert.match((await failure('| summary too_many'))[0] ?? '', /^semantic: no model `too_many`/);
  });

  test('fit … into needs the editor or admin role', async () => {
    await assert.rejects(
      spl('index=train | fit DensityFunction latency dist=norm into viewers_model', 'acme', 'viewer'),
      QueryForbiddenError,
    );
  });
});

describe('fit … into, apply, summary', () => {
  before(async () => {
    const r = await spl('index=train | fit DensityFunction latency by "host" dist=norm into latency_model');
    assert.deepEqual(r.meta.models, [{ name: 'latency_model', groups: 2 }]);
  });

  test('apply marks new data with the saved parameters, the same cut as fit', async () => {
    const r = await spl(
      'index=fresh | apply latency_model | rename "IsOutlier(latency)" AS o | table host latency o',
    );
    for (const host of ['web', 'db'] as const) {
      assert.deepEqual(outliersOf(r, host), outside(fresh[host], stats(training[host])), host);
    }
    assert.deepEqual(outliersOf(r, 'web'), [40, 160]);
    assert.deepEqual(outliersOf(r, 'db'), [20, 75]);
  });

  test('apply threshold= recomputes the cuts from the saved parameters', async () => {
    // threshold=0.5: Φ⁻¹(0.75) = 0.6744897501960817 standard deviations each side.
    const r = await spl(
      'index=fresh host=web | apply latency_model threshold=0.5 | rename "IsOutlier(latency)" AS o | table host latency o',
    );
    assert.deepEqual(outliersOf(r, 'web'), outside(fresh.web, stats(training.web), 0.6744897501960817));
  });

  test('a group the model has no distribution for gets no IsOutlier', async () => {
    const r = await spl(
      '| makeresults | eval host="mail", latency=5 | apply latency_model | rename "IsOutlier(latency)" AS o | table o',
    );
    assert.deepEqual(r.rows, [[null]]);
  });

  test('summary shows each group’s parameters', async () => {
    const r = await spl('| summary latency_model');
    assert.deepEqual(
      r.columns.map((c) => c.name),
      ['host', 'type', 'min', 'max', 'mean', 'std', 'cardinality'],
    );
    const db = r.rows.find((row) => row[0] === 'db') ?? [];
    const expected = stats(training.db);
    assert.equal(db[1], 'norm');
    assert.equal(Number(db[6]), training.db.length);
    assert.ok(Math.abs(Number(db[4]) - expected.mean) < 1e-9);
    assert.ok(Math.abs(Number(db[5]) - expected.std) < 1e-9);
    assert.equal(Number(db[3]), 80);
  });

  test('another tenant cannot apply or read the model', async () => {
    const applied = await failure('index=fresh | apply latency_model', 'other');
    assert.deepEqual(applied, [
      'semantic: no model `latency_model`: save one with `fit DensityFunction <field> … into latency_model` @21',
    ]);
    assert.match(
      (await failure('| summary latency_model', 'other'))[0] ?? '',
      /^semantic: no model `latency_model`/,
    );
    // Its own model of the same name is its own.
    await spl('index=fresh | fit DensityFunction latency dist=norm into latency_model', 'other');
    const mine = await spl('| summary latency_model', 'other');
    assert.deepEqual(
      mine.columns.map((c) => c.name),
      ['type', 'min', 'max', 'mean', 'std', 'cardinality'],
    );
    const acme = await spl('| summary latency_model');
    assert.equal(acme.rows.length, 2);
  });

  test('a missing model is a 400 at the model name; DSDL container models are unsupported', async () => {
    assert.deepEqual(await failure('index=fresh | apply latency_modl'), [
      'semantic: no model `latency_modl`: save one with `fit DensityFunction <field> … into latency_modl` @21',
    ]);
    assert.match(
      (await failure('index=fresh | apply pretrained_dga_model_dsdl'))[0] ?? '',
      /^unsupported: `pretrained_dga_model_dsdl` is a Deep Learning Toolkit \(DSDL\) model.* @21$/,
    );
  });
});
