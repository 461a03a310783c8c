// Data model acceleration in cluster mode (CLICKHOUSE_CLUSTER), as far as one embedded chDB allows: the view
// is created, dropped and rebuilt ON CLUSTER, triggered by `logs_local` and writing
// `datamodel_summaries_local`; every statement passes ClickHouse's parser (chDB formatQuery). One shard is
// simulated: the cluster schema's local tables, made without replication (chDB has no cluster nor Keeper:
// `ON CLUSTER` stripped, `ReplicatedXMergeTree(path, replica, args)` made `XMergeTree(args)`), and the view
// the cluster code generates on them. Events inserted into `logs_local` give the same summary rows as the
// single-node view gives for the same events, a lookup included; the summarizer's whole cluster path (view,
// backfill, check, rebuild) runs against that shard, the one-shard Distributed tables standing for
// themselves. Not run here: an insert through a real Distributed table over several shards, and Keeper
// replication of the local tables.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compileSummaryView } from '@nexus/spl';
import type { KnowledgeObjects, LookupCatalog } from '@nexus/spl';
import {
  DataModelSummarizer,
  dropViewStatement,
  summaryCluster,
  summaryViewName,
} from '../../src/knowledge/acceleration.ts';
import type { SummaryState } from '../../src/knowledge/acceleration.ts';
import { errorsTable } from '../../src/knowledge/summary-check.ts';
import { createKnowledgeService } from '../../src/knowledge/service.ts';
import { lookupCatalog, writeLookup } from '../../src/lookups/service.ts';
import { mutationTarget } from '../../src/store/cluster.ts';
import { migrations, migrationStatements, schemaOptionsOf } from '../../src/store/migrations.ts';
import { toInsertRow } from '../../src/store/store.ts';
import type { LogRow, Store } from '../../src/store/types.ts';
import { processEvent as makeProcessEvent } from '../helpers/acceleration.ts';
import type { TestEnv } from '../helpers/env.ts';
import { createToken, testEnv } from '../helpers/env.ts';

let env: TestEnv;
const now = Date.now();
const CLUSTER = 'c';
/** The tables simulated as one shard's local tables. */
const SHARD_TABLES = ['logs', 'datamodel_summaries', 'datamodel_summary_state'];

/** ClickHouse's formatting of `sql` (throws a syntax error when its parser refuses it). */
async function parse(sql: string): Promise<string> {
  const r = await env.store.query({ sql: 'SELECT formatQuery({q:String})', params: { q: sql } });
  return String(r.rows[0]?.[0]);
}

/** A cluster statement as one shard without replication runs it (test only: chDB has no cluster, no Keeper). */
function onOneShard(sql: string): string {
  return sql
    .replaceAll(` ON CLUSTER \`${CLUSTER}\``, '')
    .replace(/ENGINE = Replicated(\w*MergeTree)\('[^']*', '\{replica\}'(?:, )?/, 'ENGINE = $1(')
    .replace('replicated_deduplication_window', 'non_replicated_deduplication_window');
}

/**
 * The store as the summarizer sees a one-shard cluster: `cluster` set, statements run on the shard
 * (`onOneShard`), and the Distributed tables of the simulated tables read and written as their one shard's
 * local table (what a Distributed table over one shard does). Every other table (knowledge, lookups) is the
 * embedded one, standing for its Distributed table.
 */
function oneShardStore(store: Store): Store {
  const local = (sql: string): string =>
    onOneShard(sql).replace(
      new RegExp(`(?<![\\w.])(${SHARD_TABLES.join('|')})(?![\\w])`, 'g'),
      (t) => `${t}_local`,
    );
  return {
    ...store,
    cluster: CLUSTER,
    query: (req) => store.query({ ...req, sql: local(req.sql) }),
    command: (sql, params) => store.command(local(sql), params),
    insertRows: (table, rows) =>
      store.insertRows(SHARD_TABLES.includes(table) ? `${table}_local` : table, rows),
    // As the store inserts into `logs`: a failing view never fails the insert.
    insertLogs: (rows) =>
      store.command(
        'INSERT INTO logs_local SETTINGS materialized_views_ignore_errors = 1 FORMAT JSONEachRow\n' +
          rows.map((r) => JSON.stringify(toInsertRow(r))).join('\n'),
      ),
  };
}

const processEvent = (org: string, minutesAgo: number, dest: string, name: string): LogRow =>
  makeProcessEvent(now, org, minutesAgo, dest, name, { pid: 4 });

const order = (org: string, minutesAgo: number, user: string): LogRow => ({
  org_id: org,
  index: 'main',
  _time: now - minutesAgo * 60_000,
  host: 'shop1',
  source: 'orders.log',
  sourcetype: 'orders',
  _raw: `order by ${user}`,
  fields: { user },
});

const shop = {
  modelName: 'Shop',
  objects: [
    {
      objectName: 'Orders',
      parentName: 'BaseEvent',
      constraints: [{ search: 'sourcetype=orders' }],
      fields: [{ fieldName: 'user', type: 'string' }],
      calculations: [
        {
          calculationType: 'Lookup',
          lookupName: 'users',
          lookupInputs: [{ inputField: 'user', lookupField: 'uid' }],
          outputFields: [{ fieldName: 'dept', type: 'string' }],
        },
      ],
    },
  ],
};

/** A tenant's summary rows of one dataset in `table`, without `_indextime` (each table indexes its own). */
async function summaryRows(table: string, org: string, model: string, dataset: string): Promise<unknown[][]> {
  const r = await env.store.query({
    sql:
      'SELECT org_id, model, dataset, toUnixTimestamp64Milli(_time), `index`, host, source, sourcetype, _raw, ' +
      `toJSONString(fields), built_to FROM ${table} ` +
      'WHERE org_id = {o:String} AND model = {m:String} AND dataset = {d:String} ORDER BY _time, host, toJSONString(fields)',
    params: { o: org, m: model, d: dataset },
  });
  return r.rows;
}

let knowledge: (org: string) => Promise<KnowledgeObjects>;

/** The state of acme's Endpoint.Processes summary. */
async function processes(summarizer: DataModelSummarizer): Promise<SummaryState | undefined> {
  return (await summarizer.states('acme')).find((s) => s.model === 'Endpoint' && s.dataset === 'Processes');
}

before(async () => {
  env = await testEnv();
  // One shard's local tables, as the cluster schema creates them (every CREATE and ALTER of those tables).
  const opts = { ...schemaOptionsOf(env.config), cluster: CLUSTER };
  const local = new RegExp(`^(CREATE TABLE IF NOT EXISTS|ALTER TABLE) \`(${SHARD_TABLES.join('|')})_local\``);
  const statements = migrations(opts)
    .flatMap((m) => migrationStatements(m, opts))
    .filter((s) => local.test(s));
  assert.ok(statements.length >= SHARD_TABLES.length, statements.join('\n'));
  for (const s of statements) await env.store.command(onOneShard(s));
  const admin = await createToken(env.app, 'zeta', 'admin');
  const put = await env.app.request('/admin/knowledge/datamodels/Shop', {
    method: 'PUT',
    headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(shop),
  });
  assert.ok(put.status < 300, await put.text());
  for (const org of ['acme', 'zeta']) {
    const res = await env.app.request('/admin/knowledge/datamodels', {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${await createToken(env.app, org, 'admin')}`,
        'Content-Type': 'text/plain',
      },
      body: org === 'acme' ? '[Endpoint]\nacceleration = true\n' : '[Shop]\nacceleration = true\n',
    });
    assert.equal(res.status, 200, await res.text());
  }
  await writeLookup(
    env.store,
    'zeta',
    'users',
    ['uid', 'dept'],
    [
      ['alice', 'eng'],
      ['bob', 'ops'],
    ],
  );
  const service = createKnowledgeService(env.store);
  knowledge = (org) => service.objects(org);
});

after(async () => {
  await env.close();
});

/** The view's options for a tenant's dataset (its own lookups when it reads some). */
async function viewOptions(
  org: string,
  view: string,
): Promise<{
  orgId: string;
  knowledge: KnowledgeObjects;
  lookups: LookupCatalog;
  earliestMs: null;
  latestMs: null;
  nowMs: number;
  view: string;
  liveFromMs: number;
}> {
  return {
    orgId: org,
    knowledge: await knowledge(org),
    lookups: await lookupCatalog(env.store, org),
    earliestMs: null,
    latestMs: null,
    nowMs: 0,
    view,
    liveFromMs: 1_000,
  };
}

describe('data model acceleration on a cluster', () => {
  test('the view is created ON CLUSTER, reads logs_local, writes datamodel_summaries_local; every statement parses', async () => {
    const view = summaryViewName({ orgId: 'acme', model: 'Endpoint', dataset: 'Processes' });
    const ddl = compileSummaryView('Endpoint', 'Processes', {
      ...(await viewOptions('acme', view)),
      ...summaryCluster(CLUSTER),
    });
    assert.ok(ddl.ok);
    assert.ok(
      ddl.sql.startsWith(
        `CREATE MATERIALIZED VIEW IF NOT EXISTS \`${view}\` ON CLUSTER \`c\` TO \`datamodel_summaries_local\`\nAS SELECT {sm_org:String} AS \`org_id\``,
      ),
      ddl.sql.slice(0, 200),
    );
    // The scan reads the shard's local table, the tenant's only, from the view's start.
    assert.match(
      ddl.sql,
      /FROM `logs_local`\n\s*WHERE `org_id` = \{p0:String\} AND `_indextime` >= fromUnixTimestamp64Milli\(\{p1:Int64\}, 'UTC'\)/,
    );
    assert.doesNotMatch(ddl.sql, /`logs`|`datamodel_summaries`/);
    assert.equal(ddl.params.p0, 'acme');
    assert.equal(ddl.params.p1, 1_000);
    assert.equal(ddl.params.sm_org, 'acme');
    const formatted = await parse(ddl.sql);
    assert.match(
      formatted,
      /^CREATE MATERIALIZED VIEW IF NOT EXISTS \w+ ON CLUSTER c TO datamodel_summaries_local\n/,
    );
    assert.match(formatted, /FROM logs_local/);
    // Drop, row removal and the engine's errors of every host.
    assert.equal(dropViewStatement(view, CLUSTER), `DROP VIEW IF EXISTS \`${view}\` ON CLUSTER \`c\``);
    assert.match(
      await parse(`${dropViewStatement(view, CLUSTER)} SYNC`),
      /^DROP VIEW IF EXISTS \w+ ON CLUSTER c SYNC$/,
    );
    assert.match(
      await parse(
        `DELETE FROM ${mutationTarget('datamodel_summaries', CLUSTER)} WHERE org_id = {org:String}`,
      ),
      /^DELETE FROM datamodel_summaries_local ON CLUSTER c WHERE/,
    );
    assert.match(
      await parse(`SELECT name FROM ${errorsTable(CLUSTER)} WHERE last_error_time > now() - 60`),
      /FROM clusterAllReplicas\(c, system\.errors\)/,
    );
    // On one server: no ON CLUSTER, the plain tables.
    const single = compileSummaryView('Endpoint', 'Processes', {
      ...(await viewOptions('acme', view)),
      ...summaryCluster(undefined),
    });
    assert.ok(single.ok);
    assert.ok(
      single.sql.startsWith(
        `CREATE MATERIALIZED VIEW IF NOT EXISTS \`${view}\` TO \`datamodel_summaries\`\n`,
      ),
    );
    assert.match(single.sql, /FROM `logs`\n/);
  });

  test('a dataset with a Lookup calculation: only the scan reads the local table, the lookup its Distributed tables (on every host)', async () => {
    const ddl = compileSummaryView('Shop', 'Orders', {
      ...(await viewOptions('zeta', 'v')),
      ...summaryCluster(CLUSTER),
    });
    assert.ok(ddl.ok);
    const tables = [...ddl.sql.matchAll(/FROM `(\w+)`/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(tables)].sort(), ['logs_local', 'lookup_rows', 'lookup_tables']);
    await parse(ddl.sql);
  });

  test('on one simulated shard, events inserted into logs_local land in datamodel_summaries_local as the single-node view gives them', async () => {
    const cases = [
      { org: 'acme', model: 'Endpoint', dataset: 'Processes' },
      { org: 'zeta', model: 'Shop', dataset: 'Orders' },
    ];
    for (const c of cases) {
      const key = { orgId: c.org, model: c.model, dataset: c.dataset };
      const clusterView = `${summaryViewName(key)}_shard`;
      const singleView = `${summaryViewName(key)}_single`;
      const onCluster = compileSummaryView(c.model, c.dataset, {
        ...(await viewOptions(c.org, clusterView)),
        ...summaryCluster(CLUSTER),
      });
      const single = compileSummaryView(c.model, c.dataset, await viewOptions(c.org, singleView));
      assert.ok(onCluster.ok && single.ok);
      await env.store.command(onOneShard(onCluster.sql), onCluster.params);
      await env.store.command(single.sql, single.params);
      // The parameters are filled in when the view is created (before an ON CLUSTER statement is queued).
      const stored = await env.store.query({
        sql: 'SELECT create_table_query FROM system.tables WHERE database = currentDatabase() AND name = {v:String}',
        params: { v: clusterView },
      });
      const text = String(stored.rows[0]?.[0]);
      assert.match(text, new RegExp(`FROM [\\w.]*logs_local WHERE \\(?org_id = '${c.org}'`));
      assert.doesNotMatch(text, /\{p0:String\}|\{sm_org:String\}/);
    }
    const events = [
      processEvent('acme', 5, 'ws1', 'cmd.exe'),
      processEvent('acme', 4, 'ws2', 'powershell.exe'),
      // Not a process event, and another tenant's: in neither summary.
      { ...processEvent('acme', 3, 'ws3', 'cmd.exe'), fields: { dest: 'ws3' } },
      processEvent('other', 3, 'srv9', 'cmd.exe'),
      order('zeta', 5, 'alice'),
      order('zeta', 4, 'bob'),
      order('zeta', 3, 'carol'),
    ];
    await env.store.insertRows('logs_local', events.map(toInsertRow));
    await env.store.insertLogs(events);
    for (const c of cases) {
      const onShard = await summaryRows('datamodel_summaries_local', c.org, c.model, c.dataset);
      const onServer = await summaryRows('datamodel_summaries', c.org, c.model, c.dataset);
      assert.equal(onShard.length, c.org === 'acme' ? 2 : 3, JSON.stringify(onShard));
      assert.deepEqual(onShard, onServer);
    }
    const depts = await summaryRows('datamodel_summaries_local', 'zeta', 'Shop', 'Orders');
    assert.deepEqual(
      depts.map((r) => (JSON.parse(String(r[9])) as { dept?: string }).dept ?? null),
      ['eng', 'ops', null],
    );
    const other = await env.store.query({
      sql: "SELECT count() FROM datamodel_summaries_local WHERE org_id = 'other'",
      params: {},
    });
    assert.equal(Number(other.rows[0]?.[0]), 0);
    for (const c of cases) {
      const key = { orgId: c.org, model: c.model, dataset: c.dataset };
      await env.store.command(
        onOneShard(`${dropViewStatement(`${summaryViewName(key)}_shard`, CLUSTER)} SYNC`),
      );
      await env.store.command(`${dropViewStatement(`${summaryViewName(key)}_single`, undefined)} SYNC`);
    }
    await env.store.command('TRUNCATE TABLE datamodel_summaries_local');
  });

  test('the summarizer in cluster mode on one simulated shard: view ON CLUSTER, backfill, check, rebuild of a view gone from the host', async () => {
    const shard = oneShardStore(env.store);
    const summarizer = new DataModelSummarizer({
      store: shard,
      knowledge,
      maxExecutionSeconds: 60,
      lagMs: 0,
    });
    let report = await summarizer.run('acme');
    assert.equal(report.failures, 0, JSON.stringify(report));
    const key = { orgId: 'acme', model: 'Endpoint', dataset: 'Processes' };
    const view = summaryViewName(key);
    const created = await env.store.query({
      sql: 'SELECT create_table_query FROM system.tables WHERE database = currentDatabase() AND name = {v:String}',
      params: { v: view },
    });
    const text = String(created.rows[0]?.[0]);
    assert.match(text, /TO [\w.]*datamodel_summaries_local/);
    assert.match(text, /FROM [\w.]*logs_local WHERE/);
    const state = await processes(summarizer);
    assert.ok(state && state.liveFrom > 0, JSON.stringify(state));
    // The backfill took the events inserted before (through the shard's `logs`).
    assert.equal((await summaryRows('datamodel_summaries_local', 'acme', 'Endpoint', 'Processes')).length, 2);
    // After the view: an event inserted into the shard is summarized at insert, and the check agrees.
    await new Promise((r) => setTimeout(r, 5));
    await env.store.insertRows('logs_local', [toInsertRow(processEvent('acme', 1, 'ws7', 'cmd.exe'))]);
    const rows = await summaryRows('datamodel_summaries_local', 'acme', 'Endpoint', 'Processes');
    assert.equal(rows.length, 3);
    assert.equal(rows.filter((r) => Number(r[10]) === 0).length, 1, 'one row added by the view');
    await new Promise((r) => setTimeout(r, 1_100));
    report = await summarizer.run('acme');
    assert.equal(report.incomplete, 0, JSON.stringify(report));
    assert.equal(report.failures, 0, JSON.stringify(report));
    const checked = await processes(summarizer);
    assert.ok(checked && checked.checkedTo > 0 && checked.error === '', JSON.stringify(checked));
    // A view gone from the shard's host: the next round rebuilds it (dropped ON CLUSTER, rows removed, new
    // view, backfill), and the summary holds every event once.
    await env.store.command(onOneShard(`${dropViewStatement(view, CLUSTER)} SYNC`));
    report = await summarizer.run('acme');
    assert.equal(report.failures, 0, JSON.stringify(report));
    assert.ok(report.builds >= 1, JSON.stringify(report));
    assert.equal((await summaryRows('datamodel_summaries_local', 'acme', 'Endpoint', 'Processes')).length, 3);
    const again = await env.store.query({
      sql: 'SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = {v:String}',
      params: { v: view },
    });
    assert.equal(Number(again.rows[0]?.[0]), 1);
  });
  test('a failing view on the shard is found by the check through the Distributed tables and rebuilt ON CLUSTER', async () => {
    const shard = oneShardStore(env.store);
    const summarizer = new DataModelSummarizer({
      store: shard,
      knowledge,
      maxExecutionSeconds: 60,
      lagMs: 0,
    });
    const key = { orgId: 'acme', model: 'Endpoint', dataset: 'Processes' };
    const view = summaryViewName(key);
    const state = await processes(summarizer);
    assert.ok(state && state.liveFrom > 0 && state.error === '', JSON.stringify(state));
    // The shard's view replaced by one that fails for a block holding a host `bad`.
    const ddl = compileSummaryView('Endpoint', 'Processes', {
      ...(await viewOptions('acme', view)),
      liveFromMs: state.liveFrom,
      ...summaryCluster(CLUSTER),
    });
    assert.ok(ddl.ok);
    const failing = ddl.sql.replace(
      '{sm_build:UInt64} AS `built_to`',
      "{sm_build:UInt64} + throwIf(`host` = 'bad', 'a bad host in the view') AS `built_to`",
    );
    assert.notEqual(failing, ddl.sql);
    await env.store.command(onOneShard(`${dropViewStatement(view, CLUSTER)} SYNC`));
    await env.store.command(onOneShard(failing), ddl.params);
    await new Promise((r) => setTimeout(r, 1_100 - (Date.now() % 1000)));
    await shard.insertLogs([
      processEvent('acme', 1, 'a2', 'cmd.exe'),
      processEvent('acme', 1, 'bad', 'cmd.exe'),
      processEvent('acme', 1, 'a3', 'cmd.exe'),
    ]);
    await new Promise((r) => setTimeout(r, 1_100 - (Date.now() % 1000)));
    let report = await summarizer.run('acme');
    assert.equal(report.failures, 0, JSON.stringify(report));
    assert.equal(report.incomplete, 1, JSON.stringify(report));
    const found = await processes(summarizer);
    assert.match(found?.error ?? '', /^the view added 0 rows for the 3 events indexed from /);
    // The next round rebuilds it: every event once, the view healthy again.
    report = await summarizer.run('acme');
    assert.equal(report.failures, 0, JSON.stringify(report));
    assert.equal(report.incomplete, 0, JSON.stringify(report));
    const rows = await summaryRows('datamodel_summaries_local', 'acme', 'Endpoint', 'Processes');
    assert.equal(rows.length, 6);
    assert.equal(new Set(rows.map((r) => String(r[5]))).size, 6, 'no event twice');
    const rebuilt = await processes(summarizer);
    assert.equal(rebuilt?.error, '');
  });
});
