// Splunk's data model JSON (an app's default/data/models/<Model>.json; what `| datamodel <model>` returns):
// reading it, writing it, and every problem reported.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cimDataModels, dataModelFromJson, dataModelToJson } from '../src/index.ts';

describe('data model JSON', () => {
  test('every shipped CIM model survives writing and reading back', () => {
    for (const m of cimDataModels) {
      const r = dataModelFromJson(JSON.stringify(dataModelToJson(m)));
      assert.deepEqual(r.problems, [], m.name);
      const base = new Set(['_time', 'host', 'source', 'sourcetype', '_raw', 'index']);
      const expected = {
        ...m,
        datasets: m.datasets.map((d) => ({ ...d, fields: d.fields.filter((f) => !base.has(f.name)) })),
      };
      assert.deepEqual(r.model, expected, m.name);
    }
  });

  test("Splunk's shape: parents, several constraints, calculations' output fields, types, acceleration", () => {
    const r = dataModelFromJson(
      JSON.stringify({
        modelName: 'Shop',
        acceleration: { enabled: true },
        objects: [
          {
            objectName: 'Orders',
            parentName: 'BaseEvent',
            fields: [
              { fieldName: '_time', type: 'timestamp' },
              { fieldName: 'amount', type: 'number' },
              { fieldName: 'paid', type: 'boolean' },
              { fieldName: 'clientip', type: 'ipv4' },
            ],
            calculations: [
              {
                calculationType: 'Eval',
                expression: 'amount > 100',
                outputFields: [{ fieldName: 'big', type: 'boolean' }],
              },
            ],
            constraints: [{ search: 'sourcetype=orders' }, { search: 'status=ok OR status=done' }],
          },
          { objectName: 'Refunds', parentName: 'Orders', constraints: [{ search: 'refund=1' }] },
        ],
      }),
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.model, {
      name: 'Shop',
      accelerated: true,
      datasets: [
        {
          name: 'Orders',
          constraint: '(sourcetype=orders) (status=ok OR status=done)',
          fields: [
            { name: 'amount', type: 'number' },
            { name: 'paid', type: 'boolean' },
            { name: 'clientip', type: 'ipv4' },
            { name: 'big', type: 'boolean' },
          ],
          calculations: [{ field: 'big', expression: 'amount > 100' }],
        },
        { name: 'Refunds', constraint: 'refund=1', fields: [], parent: 'Orders' },
      ],
    });
  });

  test('problems, each with where it is', () => {
    const problems = (doc: unknown): readonly string[] => dataModelFromJson(JSON.stringify(doc)).problems;
    assert.match(dataModelFromJson('{').problems[0] ?? '', /not JSON/);
    assert.deepEqual(problems([]), ['a data model is a JSON object']);
    assert.deepEqual(problems({ modelName: 'a b', objects: [] }), [
      '`modelName` must be a name (letters, digits, `_`, `-`)',
      '`objects` must list the datasets',
    ]);
    const found = problems({
      modelName: 'M',
      objects: [
        {
          objectName: 'A',
          parentName: 'BaseSearch',
          fields: [{ type: 'string' }],
          constraints: [{ search: 'a=(' }],
        },
        { objectName: 'A', parentName: 'Nope' },
      ],
    });
    const expected = [
      /^dataset `A`: BaseSearch datasets are not supported/,
      /^dataset `A`: its constraint does not parse: ./,
      /^dataset `A`: fields\[0\]: needs a `fieldName`$/,
      /^dataset `A` is defined twice$/,
      /^dataset `A`: its parent `Nope` is not in the model$/,
    ];
    assert.equal(found.length, expected.length, found.join('\n'));
    expected.forEach((re, i) => assert.match(found[i] ?? '', re));
  });
});
