// Data model acceleration in the compiler: datamodels.conf, which models a tenant accelerates (its conf over
// the model's JSON), the summary build statement, and `tstats summariesonly=t` reading the summary only for
// an accelerated model, `summariesonly=f` as the union of the summary and the events it does not cover,
// `allow_old_summaries`, and the view that maintains a summary at insert. Search Reference, "tstats":
// https://help.splunk.com/splunk-enterprise/spl-search-reference/10.0/search-commands/tstats
// The builds and reads on chDB: datasource-server/test/knowledge/acceleration.test.ts.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  accelerationOf,
  compile,
  compileSummaryBuild,
  compileSummaryCheck,
  compileSummaryView,
  cimRegistry,
  dataModelFromJson,
  parseKnowledgeConf,
  summaryDefinition,
} from '../src/index.ts';
import type { SummaryCoverage } from '../src/index.ts';

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
    assert.match(b.sql, /formatRowNoNewline\('JSONEachRow', .*`process_name`/);
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

describe('tstats with the summaries’ coverage (as the service gives it)', () => {
  const knowledge = parseKnowledgeConf(
    'datamodels',
    '[Endpoint]\nacceleration = true\nacceleration.earliest_time = -1d\n',
  ).objects;
  const query = (only: 't' | 'f', extra = ''): string =>
    `| tstats summariesonly=${only} ${extra} count from datamodel=Endpoint.Processes where Processes.process_name=cmd.exe by Processes.dest`;
  const definition = summaryDefinition('Endpoint', 'Processes', { orgId: 'acme', knowledge }, '-1d') ?? '';
  const coverage = (over: Partial<SummaryCoverage> = {}): SummaryCoverage[] => [
    {
      model: 'Endpoint',
      dataset: 'Processes',
      builtTo: now - 600_000,
      liveFrom: now - 300_000,
      earliest: '-1d',
      definition,
      ...over,
    },
  ];

  test('summariesonly=f: one UNION ALL of the summary (recorded builds only) and the events it does not cover', () => {
    const r = compile(query('f'), {
      ...options,
      earliestMs: now - 3 * 86_400_000,
      knowledge,
      summaries: coverage(),
    });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    if (!r.ok) return;
    const sql = r.sql.sql;
    assert.equal(sql.match(/UNION ALL/g)?.length, 2, sql);
    assert.match(sql, /FROM `datamodel_summaries`/);
    assert.match(sql, /`built_to` <= \{p\d+:UInt64\}/);
    // The gap: indexed between the backfill's end and the view's start, with the dataset's constraint.
    assert.match(
      sql,
      /`_indextime` >= fromUnixTimestamp64Milli\(\{p\d+:Int64\}, 'UTC'\) AND `_indextime` < fromUnixTimestamp64Milli/,
    );
    assert.ok(Object.values(r.sql.params).includes(now - 600_000));
    assert.ok(Object.values(r.sql.params).includes(now - 300_000));
    assert.ok(Object.values(r.sql.params).includes('process'), 'the raw parts apply the constraint');
    // Events older than the summary's earliest_time (a day) are read raw, whatever their index time.
    assert.ok(Object.values(r.sql.params).includes(now - 86_400_000));
  });

  test('summariesonly=f with a summary that covers everything and a range within it: the summary alone', () => {
    const r = compile(query('f'), {
      ...options,
      knowledge,
      summaries: coverage({ builtTo: now - 300_000 }),
    });
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.doesNotMatch(r.sql.sql, /UNION ALL|FROM `logs`/);
  });

  test('an old summary (another definition): summariesonly=f reads the events, =t nothing; allow_old_summaries=t reads it', () => {
    const old = coverage({ definition: 'earliest=-1d\nsomething else' });
    const f = compile(query('f'), { ...options, knowledge, summaries: old });
    assert.ok(f.ok);
    if (!f.ok) return;
    assert.match(f.sql.sql, /FROM `logs`/);
    assert.doesNotMatch(f.sql.sql, /datamodel_summaries/);
    const t = compile(query('t'), { ...options, knowledge, summaries: old });
    assert.ok(t.ok);
    if (!t.ok) return;
    assert.match(t.sql.sql, /FROM `datamodel_summaries`/);
    assert.match(t.sql.sql, / AND false\n/);
    const allowed = compile(query('t', 'allow_old_summaries=t'), { ...options, knowledge, summaries: old });
    assert.ok(allowed.ok);
    if (!allowed.ok) return;
    assert.doesNotMatch(allowed.sql.sql, / AND false\n/);
    assert.match(allowed.sql.sql, /FROM `datamodel_summaries`/);
  });

  test('a summary found missing events (incomplete): summariesonly=f reads the events alone, =t the summary as it is', () => {
    const incomplete = coverage({ builtTo: now - 300_000, incomplete: true });
    const f = compile(query('f'), { ...options, knowledge, summaries: incomplete });
    assert.ok(f.ok);
    if (!f.ok) return;
    assert.match(f.sql.sql, /FROM `logs`/);
    assert.doesNotMatch(f.sql.sql, /datamodel_summaries|`_indextime`/);
    const t = compile(query('t'), { ...options, knowledge, summaries: incomplete });
    assert.ok(t.ok);
    if (!t.ok) return;
    assert.match(t.sql.sql, /FROM `datamodel_summaries`/);
    assert.doesNotMatch(t.sql.sql, / AND false\n|FROM `logs`/);
  });

  test('a knowledge object changes the definition', () => {
    const props = parseKnowledgeConf('props', '[XmlWinEventLog]\nFIELDALIAS-d = user AS dest\n').objects;
    const changed = summaryDefinition(
      'Endpoint',
      'Processes',
      { orgId: 'acme', knowledge: { ...knowledge, ...props } },
      '-1d',
    );
    assert.ok(changed !== undefined && changed !== definition);
    assert.notEqual(
      summaryDefinition('Endpoint', 'Processes', { orgId: 'acme', knowledge }, '-7d'),
      definition,
    );
  });
});

describe('the summary view', () => {
  test('CREATE MATERIALIZED VIEW … TO datamodel_summaries over logs, from its index time on, values as parameters', () => {
    const v = compileSummaryView('Endpoint', 'Processes', {
      orgId: 'acme',
      earliestMs: null,
      latestMs: null,
      nowMs: 0,
      view: 'v`1',
      liveFromMs: now,
    });
    assert.ok(v.ok);
    if (!v.ok) return;
    assert.match(
      v.sql,
      /^CREATE MATERIALIZED VIEW IF NOT EXISTS `v\\`1` TO `datamodel_summaries`\nAS SELECT /,
    );
    assert.match(v.sql, /FROM `logs`/);
    assert.match(v.sql, /`_indextime` >= fromUnixTimestamp64Milli\(\{p\d+:Int64\}, 'UTC'\)/);
    assert.doesNotMatch(v.sql, /`_time` >=/);
    assert.equal(v.params['sm_build'], 0);
    assert.ok(Object.values(v.params).includes(now));
    assert.doesNotMatch(v.sql, /'acme'/);
  });

  test('on a cluster: created ON CLUSTER (a hostile name quoted), the scan on the local events table, the rows to the local summary table', () => {
    const base = { orgId: 'acme', earliestMs: null, latestMs: null, nowMs: 0, view: 'v1', liveFromMs: now };
    const v = compileSummaryView('Endpoint', 'Processes', {
      ...base,
      cluster: { name: 'c`x', logs: 'logs_local', summaries: 'datamodel_summaries_local' },
    });
    assert.ok(v.ok);
    if (!v.ok) return;
    assert.match(
      v.sql,
      /^CREATE MATERIALIZED VIEW IF NOT EXISTS `v1` ON CLUSTER `c\\`x` TO `datamodel_summaries_local`\nAS SELECT /,
    );
    assert.match(v.sql, /FROM `logs_local`\n\s*WHERE `org_id` = \{p0:String\} AND `_indextime` >= /);
    assert.doesNotMatch(v.sql, /`logs`|`datamodel_summaries`/);
    assert.equal(v.params['p0'], 'acme');
    // The same rows as on one server: only the table names differ.
    const single = compileSummaryView('Endpoint', 'Processes', base);
    assert.ok(single.ok);
    if (!single.ok) return;
    assert.equal(v.sql.replace(' ON CLUSTER `c\\`x`', '').replaceAll('_local`', '`'), single.sql);
    assert.deepEqual(v.params, single.params);
  });
});

describe('the summary check', () => {
  test('counts the dataset’s events and the view’s rows over one window of index time, ending on a whole second', () => {
    const c = compileSummaryCheck('Endpoint', 'Processes', {
      orgId: 'acme',
      earliestMs: null,
      latestMs: null,
      nowMs: now,
      indexTime: { earliestMs: now - 60_500, latestMs: now + 999 },
    });
    assert.ok(c.ok);
    if (!c.ok) return;
    assert.match(c.sql, /^SELECT \(SELECT count\(\) FROM \(\nSELECT /);
    assert.match(c.sql, /FROM `logs`/);
    // The events' side: their index time in [from, to) to the millisecond, with the dataset's constraint.
    assert.match(
      c.sql,
      /`_indextime` >= fromUnixTimestamp64Milli\(\{p\d+:Int64\}, 'UTC'\) AND `_indextime` < fromUnixTimestamp64Milli/,
    );
    assert.ok(Object.values(c.params).includes('process'));
    assert.ok(Object.values(c.params).includes(now - 60_500));
    // The summary's side: the view's rows (built_to 0) of this tenant and dataset, by their whole second.
    assert.match(
      c.sql,
      /\(SELECT count\(\) FROM `datamodel_summaries` WHERE `org_id` = \{sm_org:String\} AND `model` = \{sm_model:String\} AND `dataset` = \{sm_dataset:String\} AND `built_to` = 0 AND `_indextime` >= toDateTime\(intDiv\(\{sm_check_from:UInt64\}, 1000\), 'UTC'\)/,
    );
    assert.equal(c.params['sm_check_from'], now - 60_500);
    // Rounded down: both sides end on the same second.
    assert.equal(c.params['sm_check_to'], now);
    assert.ok(Object.values(c.params).filter((v) => v === now).length >= 2);
    assert.equal(c.sql.match(/\nSETTINGS /g)?.length, 1);
    assert.doesNotMatch(c.sql, /'acme'|'Processes'/);
  });

  test('summary rows carry each event’s _indextime (whole seconds), as `from datamodel:` does when a query names it', () => {
    const b = compileSummaryBuild('Endpoint', 'Processes', {
      ...options,
      indexTime: { earliestMs: now - 60_000, latestMs: now },
      build: now,
    });
    assert.ok(b.ok);
    if (!b.ok) return;
    assert.match(b.sql, /`built_to`, `_indextime`\)\nSELECT /);
    assert.match(b.sql, /toUnixTimestamp\(`_indextime`\) AS `__nexus_indextime`/);
    const r = compile('| from datamodel:Endpoint.Processes | eval t=_indextime | table t', options);
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.match(r.sql.sql, /toUnixTimestamp\(`_indextime`\)/);
    const without = compile('| from datamodel:Endpoint.Processes | table host', options);
    assert.ok(without.ok);
    if (!without.ok) return;
    assert.doesNotMatch(without.sql.sql, /_indextime/);
  });
});
