// A tenant data model's Eval calculations (Splunk's `calculationType: "Eval"`) on real chDB: each is a field of
// its dataset and of the dataset's children, read by `from datamodel:`, `datamodel … search`, `tstats` and
// `pivot`; a child's constraint sees its parent's calculated field; and an accelerated summary keeps it.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compileSummaryBuild, dataModelFromJson, dataModelToJson, parseKnowledgeConf } from '@nexus/spl';
import type { DataModel, KnowledgeObjects } from '@nexus/spl';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

const shop = dataModelFromJson(
  JSON.stringify({
    modelName: 'Shop',
    objects: [
      {
        objectName: 'Orders',
        parentName: 'BaseEvent',
        constraints: [{ search: 'sourcetype=orders' }],
        fields: [{ fieldName: 'amount', type: 'number' }],
        calculations: [
          {
            calculationType: 'Eval',
            expression: 'if(amount>100, "large", "small")',
            outputFields: [{ fieldName: 'size', type: 'string' }],
          },
        ],
      },
      {
        objectName: 'Large',
        parentName: 'Orders',
        constraints: [{ search: 'size=large' }],
        calculations: [
          {
            calculationType: 'Eval',
            expression: 'round(amount * 0.9, 1)',
            outputFields: [{ fieldName: 'discounted', type: 'number' }],
          },
        ],
      },
    ],
  }),
);
const model = shop.model as DataModel;
const knowledge: KnowledgeObjects = {
  eventtypes: [],
  tags: [],
  props: [],
  transforms: [],
  datamodels: [model],
};
const events = [
  fixtureEvent(now, 1, 'order 1', 'shop1', { amount: '50' }, { sourcetype: 'orders' }),
  fixtureEvent(now, 2, 'order 2', 'shop1', { amount: '150' }, { sourcetype: 'orders' }),
  fixtureEvent(now, 3, 'order 3', 'shop2', { amount: '300' }, { sourcetype: 'orders' }),
  fixtureEvent(now, 4, 'not an order', 'shop2', { amount: '999' }, { sourcetype: 'other' }),
];

before(async () => {
  assert.deepEqual(shop.problems, []);
  fx = await splFixture(now, events, { knowledge });
});

after(async () => {
  await fx.close();
});

describe('Eval calculations of a data model', () => {
  test('the JSON keeps them: read, written back and read again', () => {
    assert.deepEqual(model.datasets[0]?.calculations, [
      { field: 'size', expression: 'if(amount>100, "large", "small")' },
    ]);
    assert.ok(model.datasets[0]?.fields.some((f) => f.name === 'size'));
    assert.deepEqual(dataModelFromJson(JSON.stringify(dataModelToJson(model))).model, model);
  });

  test('a bad expression is a problem of the model', () => {
    const r = dataModelFromJson(
      JSON.stringify({
        modelName: 'Bad',
        objects: [
          {
            objectName: 'A',
            calculations: [
              { calculationType: 'Eval', expression: 'if(', outputFields: [{ fieldName: 'x' }] },
            ],
          },
        ],
      }),
    );
    assert.equal(r.model, undefined);
    assert.match(r.problems.join('\n'), /calculations\[0\]: its expression does not parse/);
  });

  test('from datamodel: and datamodel … search give the calculated field', async () => {
    const from = await fx.spl('| from datamodel:Shop.Orders | stats count by size | sort size');
    assert.deepEqual(from.rows, [
      ['large', 2],
      ['small', 1],
    ]);
    const dm = await fx.spl('| datamodel Shop Large search | stats sum(Large.discounted) AS d');
    assert.deepEqual(dm.rows, [[405]]);
  });

  test('tstats: a child’s constraint sees its parent’s calculated field; its own calculation is a field', async () => {
    const sizes = await fx.spl('| tstats count from datamodel=Shop.Orders by Orders.size | sort Orders.size');
    assert.deepEqual(sizes.rows, [
      ['large', 2],
      ['small', 1],
    ]);
    const large = await fx.spl(
      '| tstats count from datamodel=Shop.Large by Large.discounted | sort Large.discounted',
    );
    assert.deepEqual(large.rows, [
      [135, 1],
      [270, 1],
    ]);
  });

  test('an accelerated summary keeps the calculated fields', async () => {
    const conf = parseKnowledgeConf('datamodels', '[Shop]\nacceleration = true\n').objects;
    const accelerated = { ...knowledge, accelerations: conf.accelerations ?? [] };
    const store = fx.store;
    for (const dataset of ['Orders', 'Large']) {
      const build = compileSummaryBuild('Shop', dataset, {
        orgId: 'acme',
        earliestMs: null,
        latestMs: null,
        nowMs: now,
        knowledge: accelerated,
        indexTime: { earliestMs: null, latestMs: null },
        build: 1,
      });
      assert.ok(build.ok, JSON.stringify(build));
      if (build.ok) await store.command(build.sql, build.params);
    }
    const r = await store.query({
      sql: "SELECT dataset, toString(fields.size), toString(fields.discounted) FROM datamodel_summaries WHERE org_id = 'acme' ORDER BY dataset, toFloat64(fields.amount)",
      params: {},
    });
    assert.deepEqual(r.rows, [
      ['Large', 'large', '135'],
      ['Large', 'large', '270'],
      ['Orders', 'small', ''],
      ['Orders', 'large', ''],
      ['Orders', 'large', ''],
    ]);
  });
});
