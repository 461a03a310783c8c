// fit / apply / summary (Machine Learning Toolkit): what compiles, and each mistake as a diagnostic at its
// position. Semantics from the MLTK pages "DensityFunction" (Algorithms in the Machine Learning Toolkit),
// "fit", "apply" and "summary" (docs.splunk.com/Documentation/MLApp, User Guide); rows run on chDB in
// datasource-server/test/spl/mltk-density.test.ts.
// DensityFunction: https://help.splunk.com/en/splunk-enterprise/apply-machine-learning/use-splunk-machine-learning-toolkit/5.5.0/algorithms-and-scoring-metrics-in-mltk/algorithms-in-the-splunk-machine-learning-toolkit#densityfunction-0

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile } from '../src/compile.ts';
import type { DensityModel } from '../src/models.ts';
import { densityModelFromJson } from '../src/models.ts';
import { tailAreas } from '../src/plan/density.ts';
import { normalQuantile } from '../src/plan/normal.ts';

const now = Date.UTC(2024, 0, 10, 12, 0, 0);
const model: DensityModel = {
  algorithm: 'DensityFunction',
  field: 'count',
  by: ['host'],
  dist: 'norm',
  threshold: { kind: 'threshold', area: 0.01 },
  groups: [{ key: ['web01'], cardinality: 10, mean: 5, std: 1, min: 3, max: 8 }],
};
const options = {
  orgId: 'acme',
  earliestMs: now - 3_600_000,
  latestMs: now,
  nowMs: now,
  models: new Map([['hourly', model]]),
};

/** The first diagnostic of a search that must fail: `code: message @start-end`. */
function firstError(q: string): string {
  const r = compile(q, options);
  assert.ok(!r.ok, `expected \`${q}\` to fail`);
  const e = r.errors[0];
  assert.ok(e);
  return `${e.code}: ${e.message} @${String(e.span.start)}-${String(e.span.end)}`;
}

describe('normal quantiles for the threshold cuts', () => {
  // Φ⁻¹ values from the standard normal table.
  for (const [p, z] of [
    [0.005, -2.5758293035489],
    [0.025, -1.959963984540054],
    [0.1, -1.2815515655446004],
    [0.5, 0],
    [0.8, 0.8416212335729143],
    [1e-6, -4.753424308822899],
  ] as const) {
    test(`Φ⁻¹(${String(p)})`, () =>
      assert.ok(Math.abs(normalQuantile(p) - z) < 1e-8, String(normalQuantile(p))));
  }
  test('threshold: both tails of a normal, the right tail of an exponential', () => {
    assert.deepEqual(tailAreas('norm', { kind: 'threshold', area: 0.01 }), { lower: 0.005, upper: 0.005 });
    assert.deepEqual(tailAreas('expon', { kind: 'threshold', area: 0.01 }), { upper: 0.01 });
    assert.deepEqual(tailAreas('norm', { kind: 'tails', upper: 0.2 }), {
      kind: 'tails',
      upper: 0.2,
    });
  });
});

describe('fit DensityFunction', () => {
  test('adds IsOutlier and BoundaryRanges (and ProbabilityDensity with show_density) to every result', () => {
    const r = compile(
      'index=web | stats count by host | fit DensityFunction count by "host" dist=norm show_density=t',
      options,
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    assert.deepEqual(
      r.plan.columns.map((c) => c.name),
      ['host', 'count', 'IsOutlier(count)', 'BoundaryRanges', 'ProbabilityDensity(count)'],
    );
    assert.equal(r.saves, undefined);
  });
  test('dist=expon with lower_threshold: a left cut where the CDF is the area', () => {
    const r = compile(
      'index=web | stats count by host | fit DensityFunction count dist=expon lower_threshold=0.1 upper_threshold=0.05',
      options,
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    // −ln(1 − 0.1) and −ln(0.05) scale lengths above the minimum.
    assert.match(r.sql.sql, new RegExp(String(Math.log1p(-0.1)).replace('.', '\\.')));
    assert.match(r.sql.sql, new RegExp(String(Math.log(0.05)).replace('.', '\\.')));
  });
  test('`by "a,b"` (MLTK) and `by a, b` name the same groups', () => {
    const a = compile('index=web | fit DensityFunction x by "host,user" dist=norm into m', options);
    const b = compile('index=web | fit DensityFunction x by host, user dist=norm into m', options);
    assert.ok(a.ok && b.ok);
    assert.deepEqual(a.plan.saves?.[0]?.model.by, ['host', 'user']);
    assert.equal(a.sql.sql, b.sql.sql);
  });
  test('into: the model statement is compiled beside the search', () => {
    const r = compile(
      'index=web | stats count by host | fit DensityFunction count by host dist=expon into m1',
      options,
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    assert.equal(r.plan.saves?.[0]?.name, 'm1');
    assert.deepEqual(r.plan.saves[0].model, {
      algorithm: 'DensityFunction',
      field: 'count',
      by: ['host'],
      dist: 'expon',
      threshold: { kind: 'threshold', area: 0.01 },
    });
    assert.match(r.saves?.[0]?.sql ?? '', /GROUP BY `__key0`/);
  });
  for (const [q, expected] of [
    ['index=web | fit', 'syntax: `fit` needs an algorithm, such as `fit DensityFunction bytes` @12-15'],
    [
      'index=web | fit LinearRegression y from x',
      'unsupported: `fit LinearRegression` is not supported: Nexus fits only the DensityFunction algorithm @16-32',
    ],
    [
      'index=web | fit DensityFunction dist=norm',
      'syntax: `fit DensityFunction` needs the numeric field to fit, for example `fit DensityFunction bytes` @16-31',
    ],
    [
      'index=web | fit DensityFunction bytes bytes2 dist=norm',
      'syntax: `fit DensityFunction` fits one field; expected `by` or `into`, found `bytes2` @38-44',
    ],
    [
      'index=web | fit DensityFunction bytes dist=gamma',
      'semantic: `dist` must be `norm`, `expon`, `gaussian_kde`, `beta` or `auto`, found `gamma` @43-48',
    ],
    [
      'index=web | fit DensityFunction bytes show_density=true',
      'unsupported: `show_density` is computed only for `dist=norm` and `dist=expon`, not for `dist=auto` @38-55',
    ],
    [
      'index=web | fit DensityFunction bytes dist=norm threshold=1.5',
      'semantic: `threshold` is the outlier area, a number between 0 and 1 (exclusive), found `1.5` @58-61',
    ],
    [
      'index=web | fit DensityFunction bytes dist=norm threshold=0.1 upper_threshold=0.1',
      'semantic: `threshold` cannot be given with `lower_threshold` or `upper_threshold` @62-81',
    ],
    [
      'index=web | fit DensityFunction bytes dist=norm by',
      'syntax: expected the fields to group by after `by`, such as `by "host,user"` @48-50',
    ],
    [
      'index=web | fit DensityFunction bytes dist=norm into',
      'syntax: expected a model name after `into` @48-52',
    ],
    [
      'index=web | fit DensityFunction bytes dist=norm into a/b',
      'semantic: `a/b` is not a valid model name: use letters, digits, `_`, `.` and `-` (such as `hourly_count`) @53-56',
    ],
    [
      'index=web | fit DensityFunction bytes dist=norm sample=t',
      'unsupported: `fit DensityFunction sample=` is not supported @48-56',
    ],
    [
      'index=web [search index=a | fit DensityFunction x dist=norm into m | fields host]',
      'unsupported: `fit … into` saves a model only from the search itself, not from a subsearch @65-66',
    ],
  ] as const) {
    test(q, () => assert.equal(firstError(q), expected));
  }
});

describe('apply and summary', () => {
  test('apply reads the model: its field and groups', () => {
    const r = compile('index=web | stats count by host | apply hourly threshold=0.05', options);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    assert.deepEqual(
      r.plan.columns.map((c) => c.name),
      ['host', 'count', 'IsOutlier(count)', 'BoundaryRanges'],
    );
    assert.deepEqual(Object.values(r.sql.params).filter(Array.isArray), [['web01'], [5], [1]]);
  });
  test('summary: one row per group', () => {
    const r = compile('| summary hourly', options);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    assert.deepEqual(
      r.plan.columns.map((c) => c.name),
      ['host', 'type', 'min', 'max', 'mean', 'std', 'cardinality'],
    );
  });
  for (const [q, expected] of [
    [
      'index=web | apply hourli',
      'semantic: no model `hourli`: save one with `fit DensityFunction <field> … into hourli` @18-24',
    ],
    [
      'index=web | apply pretrained_dga_model_dsdl',
      'unsupported: `pretrained_dga_model_dsdl` is a Deep Learning Toolkit (DSDL) model: it runs in an external container, which Nexus does not have @18-43',
    ],
    [
      'index=web | apply app:my_container_model',
      'unsupported: `app:my_container_model` is a Deep Learning Toolkit (DSDL) model: it runs in an external container, which Nexus does not have @18-40',
    ],
    [
      'index=web | apply hourly lower_threshold=2',
      'semantic: `lower_threshold` is the outlier area, a number between 0 and 1 (exclusive), found `2` @41-42',
    ],
    [
      'index=web | apply hourly AS x',
      'unsupported: `apply … AS` is not supported for DensityFunction models @28-29',
    ],
    [
      '| summary nothing',
      'semantic: no model `nothing`: save one with `fit DensityFunction <field> … into nothing` @10-17',
    ],
    ['| summary', 'syntax: `summary` needs a model name, such as `| summary hourly_count` @2-9'],
  ] as const) {
    test(q, () => assert.equal(firstError(q), expected));
  }
  test('the near model names are hints', () => {
    const r = compile('index=web | apply hourli', options);
    assert.ok(!r.ok);
    assert.deepEqual(r.errors[0]?.hints, ['did you mean `hourly`?']);
  });
  test('a stored model is checked when read', () => {
    assert.ok('model' in densityModelFromJson({ ...model }));
    assert.deepEqual(densityModelFromJson({ ...model, dist: 'gamma' }), {
      error: '`dist` must be `norm`, `expon`, `gaussian_kde`, `beta` or `auto`',
    });
    // A kernel density's groups carry their fitted distribution and cuts.
    assert.deepEqual(densityModelFromJson({ ...model, dist: 'gaussian_kde' }), {
      error: 'each group of a `dist=auto|gaussian_kde|beta` model needs its fitted distribution',
    });
    const fit = { dist: 'gaussian_kde', lower: 1, upper: 9, distance: 0.1, params: [0.5, 10] };
    const group = { key: ['web01'], cardinality: 10, mean: 5, std: 1, min: 3, max: 8, fit };
    assert.deepEqual(densityModelFromJson({ ...model, dist: 'auto', groups: [group] }), {
      model: { ...model, dist: 'auto', groups: [group] },
    });
    assert.ok(
      'error' in
        densityModelFromJson({
          ...model,
          groups: [{ key: [], cardinality: 1, mean: 1, std: 0, min: 1, max: 1 }],
        }),
    );
  });
});

describe('listmodels and deletemodel', () => {
  test('listmodels: one row per model of the catalog, sorted by name', () => {
    const r = compile('| listmodels', options);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    assert.deepEqual(
      r.plan.columns.map((c) => c.name),
      ['name', 'type', 'options', 'groups', 'updated'],
    );
    assert.deepEqual(Object.values(r.sql.params).filter(Array.isArray).slice(0, 2), [
      ['hourly'],
      ['DensityFunction'],
    ]);
  });
  test('deletemodel records the model for the service and returns no results', () => {
    const r = compile('| deletemodel hourly', options);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    assert.deepEqual(r.plan.deletes, [{ name: 'hourly', span: { start: 14, end: 20 } }]);
    assert.deepEqual(r.plan.columns, []);
  });
  for (const [q, expected] of [
    ['| deletemodel hourli', 'semantic: no model `hourli` to delete @14-20'],
    ['| deletemodel', 'syntax: `deletemodel` needs a model name, such as `| deletemodel hourly_count` @2-13'],
    ['| deletemodel hourly more', 'syntax: `deletemodel` takes one model name, found `more` @21-25'],
    [
      '| deletemodel a/b',
      'semantic: `a/b` is not a valid model name: use letters, digits, `_`, `.` and `-` (such as `hourly_count`) @14-17',
    ],
    [
      'index=web | join host [| deletemodel hourly]',
      'unsupported: `deletemodel` deletes a model only from the search itself, not from a subsearch @25-43',
    ],
    ['| listmodels hourly', 'syntax: `listmodels` takes no arguments, found `hourly` @13-19'],
  ] as const) {
    test(q, () => assert.equal(firstError(q), expected));
  }
});
