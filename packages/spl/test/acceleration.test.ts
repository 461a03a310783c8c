// Data model acceleration in the compiler: datamodels.conf, which models a tenant accelerates (its conf over
// the model's JSON), the summary build statement, and `tstats summariesonly=t` reading the summary only for
// an accelerated model. The builds and reads on chDB: datasource-server/test/knowledge/acceleration.test.ts.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  accelerationOf,
  compile,
  compileSummaryBuild,
  cimRegistry,
  dataModelFromJson,
  parseKnowledgeConf,
} from '../src/index.ts';

const now = Date.UTC(2024, 0, 2);
const options = { orgId: 'acme', earliestMs: now - 3_600_000, latestMs: now, nowMs: now };
const endpoint = cimRegistry.get('Endpoint');

describe('datamodels.conf', () => {
  test('acceleration, its earliest time, and scheduling settings read without effect', () => {
    const r = parseKnowledgeConf(
      'datamodels',
      '[Endpoint]\nacceleration = true\nacceleration.earliest_time = -1mon\nacceleration.cron_schedule = */5 * * * *\n\n[Web]\nacceleration = 0\n',
    );
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.objects.accelerations, [
      { model: 'Endpoint', enabled: true, earliest: '-1mon' },
      { model: 'Web', enabled: false },
    ]);
  });

  test('an unknown setting and a time that does not parse are errors with their lines', () => {
    const r = parseKnowledgeConf(
      'datamodels',
      '[Endpoint]\nacceleration = true\nacceleration.earliest_time = yesterday-ish\nspeed = fast\n',
    );
    assert.deepEqual(
      r.errors.map((e) => e.line),
      [4, 3],
    );
    assert.deepEqual(r.objects.accelerations, []);
  });
});

describe('which models are accelerated', () => {
  test('the conf turns acceleration on or off; without a stanza the model JSON decides', () => {
    assert.ok(endpoint);
    const on = parseKnowledgeConf('datamodels', '[Endpoint]\nacceleration = true\n').objects;
    assert.deepEqual(accelerationOf(endpoint, on), { model: 'Endpoint' });
    assert.equal(accelerationOf(endpoint, undefined), undefined);
    const json = dataModelFromJson(
      JSON.stringify({
        modelName: 'Mine',
        objects: [{ objectName: 'Root', parentName: 'BaseEvent', constraints: [{ search: 'tag=mine' }] }],
        // As Splunk's REST API gives it: a JSON text.
        acceleration: '{"enabled":true,"earliest_time":"-7d"}',
      }),
    ).model;
    assert.ok(json);
    assert.deepEqual(accelerationOf(json, undefined), { model: 'Mine', earliest: '-7d' });
    const off = parseKnowledgeConf('datamodels', '[Mine]\nacceleration = false\n').objects;
    assert.equal(accelerationOf(json, off), undefined);
  });
});

describe('tstats summariesonly=t', () => {
  const query =
    '| tstats summariesonly=t count from datamodel=Endpoint.Processes where Processes.process_name=cmd.exe by Processes.dest';

  test('over an accelerated model: the summary rows of the dataset, without its constraint', () => {
    const knowledge = parseKnowledgeConf('datamodels', '[Endpoint]\nacceleration = true\n').objects;
    const r = compile(query, { ...options, knowledge });
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.match(r.sql.sql, /FROM `datamodel_summaries`/);
    assert.doesNotMatch(r.sql.sql, /FROM `logs`/);
    assert.match(r.sql.sql, /`model` = \{p\d+:String\} AND `dataset` = \{p\d+:String\}/);
    assert.ok(Object.values(r.sql.params).includes('Processes'));
    assert.ok(!Object.values(r.sql.params).includes('process'), 'the constraint tag=process is not applied');
  });

  test('over a model not accelerated, or with summariesonly=f: the events', () => {
    const knowledge = parseKnowledgeConf('datamodels', '[Endpoint]\nacceleration = true\n').objects;
    for (const [q, k] of [
      [query, undefined],
      [query.replace('summariesonly=t', 'summariesonly=f'), knowledge],
    ] as const) {
      const r = compile(q, { ...options, ...(k ? { knowledge: k } : {}) });
      assert.ok(r.ok);
      if (!r.ok) return;
      assert.match(r.sql.sql, /FROM `logs`/);
      assert.doesNotMatch(r.sql.sql, /datamodel_summaries/);
    }
  });
});

describe('the summary build', () => {
  test('one INSERT … SELECT of the dataset’s events indexed in the window, every value a parameter', () => {
    const b = compileSummaryBuild('Endpoint', 'Processes', {
      ...options,
      indexTime: { earliestMs: now - 60_000, latestMs: now },
      build: now,
    });
    assert.ok(b.ok);
    if (!b.ok) return;
    assert.match(b.sql, /^INSERT INTO `datamodel_summaries` \(`org_id`, `model`, `dataset`/);
    assert.match(
      b.sql,
      /`_indextime` >= fromUnixTimestamp64Milli\(\{p\d+:Int64\}, 'UTC'\) AND `_indextime` </,
    );
    assert.match(b.sql, /`process_name` Dynamic/);
    assert.equal(b.sql.match(/\nSETTINGS /g)?.length, 1);
    assert.deepEqual(
      [b.params['sm_org'], b.params['sm_model'], b.params['sm_dataset'], b.params['sm_build']],
      ['acme', 'Endpoint', 'Processes', now],
    );
    assert.doesNotMatch(b.sql, /'acme'|'Processes'/);
  });

  test('an unknown dataset is an error, not a statement', () => {
    const b = compileSummaryBuild('Endpoint', 'Nope', {
      ...options,
      indexTime: { earliestMs: 0, latestMs: 1 },
      build: 1,
    });
    assert.equal(b.ok, false);
  });
});
