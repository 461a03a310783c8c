// Data model acceleration: which models a tenant accelerates, and the statement that adds the events of one
// dataset to its summary. The service runs that statement on a schedule (datasource-server's
// `knowledge/acceleration.ts`); `tstats summariesonly=t` over an accelerated model reads the summary
// (`plan/tstats.ts`). The summary keeps, per event of the dataset, the base columns and the dataset's fields
// as the search would see them (knowledge objects applied), so reading it needs no constraint, alias or tag.

import { compile } from './compile.ts';
import type { CompileOptions } from './compile.ts';
import { tenantRegistry } from './datamodels/index.ts';
import { baseFields, datasetFields, lineage } from './datamodels/types.ts';
import type { DataModel, DataModelRegistry } from './datamodels/types.ts';
import type { Diagnostic } from './diagnostics.ts';
import { quoteIdent } from './backends/clickhouse/quote.ts';
import type { MsRange } from './ir/types.ts';
import type { KnowledgeObjects } from './knowledge/types.ts';

/** The table summaries live in: the columns of `logs`, plus `model` and `dataset`. */
export const SUMMARY_TABLE = 'datamodel_summaries';

export interface ModelAcceleration {
  readonly model: string;
  /** How far back the summary reaches (a time modifier such as `-1mon`); absent: all time. */
  readonly earliest?: string;
}

/**
 * Whether the tenant accelerates `model`: its datamodels.conf stanza decides (`acceleration = true|false`),
 * else the model's own JSON (`acceleration.enabled`).
 */
export function accelerationOf(
  model: DataModel,
  knowledge?: KnowledgeObjects,
): ModelAcceleration | undefined {
  const conf = knowledge?.accelerations?.findLast((a) => a.model === model.name);
  if (conf)
    return conf.enabled
      ? { model: model.name, ...(conf.earliest !== undefined ? { earliest: conf.earliest } : {}) }
      : undefined;
  if (!model.accelerated) return undefined;
  return {
    model: model.name,
    ...(model.accelerationEarliest !== undefined ? { earliest: model.accelerationEarliest } : {}),
  };
}

/** Every model the tenant accelerates, with its datasets' names. */
export function acceleratedModels(
  knowledge?: KnowledgeObjects,
  registry?: DataModelRegistry,
): { acceleration: ModelAcceleration; datasets: string[] }[] {
  const all = tenantRegistry(knowledge, registry);
  const out: { acceleration: ModelAcceleration; datasets: string[] }[] = [];
  for (const name of all.names()) {
    const model = all.get(name);
    const acceleration = model ? accelerationOf(model, knowledge) : undefined;
    if (model && acceleration) out.push({ acceleration, datasets: model.datasets.map((d) => d.name) });
  }
  return out;
}

/**
 * How far a dataset's summary reaches, as the service records it (`datamodel_summary_state`): the events
 * indexed before `builtTo` (backfill or scheduled builds) and those indexed at or after `liveFrom` (the view
 * maintained at insert). Events indexed in between are not summarized yet.
 */
export interface SummaryCoverage {
  readonly model: string;
  readonly dataset: string;
  /** Every event indexed before this (ms since the epoch) is in the summary. */
  readonly builtTo: number;
  /** Every event indexed at or after this (ms) is added at insert; 0: no view (scheduled builds only). */
  readonly liveFrom: number;
  /** The summary's `acceleration.earliest_time` (`''`: all time). */
  readonly earliest: string;
  /** `summaryDefinition()` of the rows the summary holds; another one makes it an old summary. */
  readonly definition: string;
  /**
   * The summary misses events: its view failed at insert for some (the service's check found fewer rows
   * than events). `summariesonly=f` reads the dataset's events instead until the summary is rebuilt;
   * `summariesonly=t` still reads the summary, as it is.
   */
  readonly incomplete?: boolean;
}

/** Where a cluster's summary view lives: the cluster, and the shard-local tables it reads and writes. */
export interface SummaryCluster {
  /** The cluster (a `remote_servers` name) the view is created on. */
  readonly name: string;
  /** The shard's local events table: the view's trigger (an insert into the Distributed table lands there). */
  readonly logs: string;
  /** The shard's local summary table the view writes to. */
  readonly summaries: string;
}

export type SummaryBuild =
  | { readonly ok: true; readonly sql: string; readonly params: Record<string, unknown> }
  | { readonly ok: false; readonly errors: readonly Diagnostic[] };

/** A field name as `table` takes it: quoted unless it is a plain name. */
const splField = (name: string): string => (/^[A-Za-z_][\w.:-]*$/.test(name) ? name : JSON.stringify(name));

/** The summary rows of one dataset as a SELECT (without INSERT), its SETTINGS clause, and its parameters. */
interface SummarySelect {
  readonly select: string;
  readonly settings: string;
  readonly params: Record<string, unknown>;
}

/** The columns a summary row is written with, in order (`datamodel_summaries`). */
const SUMMARY_COLUMNS = [
  'org_id',
  'model',
  'dataset',
  '_time',
  'index',
  'host',
  'source',
  'sourcetype',
  '_raw',
  'fields',
  'built_to',
  '_indextime',
];

function summarySelect(
  modelName: string,
  datasetName: string,
  options: CompileOptions,
  build: number,
): { ok: true; value: SummarySelect } | { ok: false; errors: readonly Diagnostic[] } {
  const registry = tenantRegistry(options.knowledge, options.datamodels);
  const model = registry.get(modelName);
  const dataset = model?.datasets.find((d) => d.name === datasetName);
  const chain = model && dataset ? lineage(model, dataset) : undefined;
  if (!chain) {
    const at = { start: 0, end: 0 };
    return {
      ok: false,
      errors: [
        { code: 'semantic', message: `no dataset \`${modelName}.${datasetName}\``, span: at, hints: [] },
      ],
    };
  }
  const base = new Set(baseFields.map((f) => f.name));
  const fields = [...datasetFields(chain).keys()].filter((f) => !base.has(f) && f !== '_indextime');
  const columns = ['_time', 'index', 'host', 'source', 'sourcetype'];
  // `_indextime` (whole seconds) goes with each row: the summary's check counts a window of index time on
  // both sides (`compileSummaryCheck`).
  const spl = `| from datamodel:${modelName}.${datasetName} | table ${[...columns, '_indextime', ...fields].map(splField).join(', ')}`;
  const compiled = compile(spl, { ...options, datamodels: registry });
  if (!compiled.ok) return { ok: false, errors: compiled.errors };
  const { sql, params } = compiled.sql;
  const cut = sql.lastIndexOf('\nSETTINGS ');
  const body = cut < 0 ? sql : sql.slice(0, cut);
  const settings = cut < 0 ? '' : sql.slice(cut);
  // Each field enters the JSON object under its own name; a NULL is left out of it. A multivalue field (a
  // Lookup calculation's output) is stored as an event's field is: one value as it is, several as a list.
  // The object is written as JSON text and parsed (`formatRowNoNewline`): measured on chDB, casting a tuple
  // of Dynamic values to JSON costs about twice as much per row, which every insert into `logs` pays in the
  // view. With `prefer_column_name_to_alias`, `f` inside `… AS f` is the column, the alias names the key.
  const mv = new Set(compiled.plan.columns.filter((c) => c.type === 'mv').map((c) => c.name));
  const value = (f: string): string =>
    mv.has(f)
      ? `multiIf(empty(${quoteIdent(f)}), NULL, length(${quoteIdent(f)}) = 1, CAST(${quoteIdent(f)}[1] AS Dynamic), CAST(${quoteIdent(f)} AS Dynamic)) AS ${quoteIdent(f)}`
      : quoteIdent(f);
  const json =
    fields.length === 0
      ? `CAST('{}' AS JSON)`
      : `CAST(formatRowNoNewline('JSONEachRow', ${fields.map(value).join(', ')}) AS JSON)`;
  const select = [
    '{sm_org:String}',
    '{sm_model:String}',
    '{sm_dataset:String}',
    ...columns.map(quoteIdent),
    `''`,
    json,
    '{sm_build:UInt64}',
    quoteIdent('_indextime'),
  ]
    .map((e, i) => `${e} AS ${quoteIdent(SUMMARY_COLUMNS[i] ?? '')}`)
    .join(', ');
  return {
    ok: true,
    value: {
      select: `SELECT ${select}\nFROM (\n${body}\n)`,
      settings,
      params: {
        ...params,
        sm_org: options.orgId,
        sm_model: modelName,
        sm_dataset: datasetName,
        sm_build: build,
      },
    },
  };
}

/**
 * The statement that adds to the summary every event of `model`'s `dataset` indexed in `indexTime` with
 * `_time` in the options' range: `INSERT INTO datamodel_summaries … SELECT …` over the compiled
 * `| from datamodel:<model>.<dataset> | table <base columns>, <the dataset's fields>`, with the fields as one
 * JSON object (a field without a value is left out, as in `logs`). Every value is a typed parameter.
 *
 * @example compileSummaryBuild('Endpoint', 'Processes', { orgId: 'acme', earliestMs, latestMs, nowMs, indexTime })
 *   // { ok: true, sql: 'INSERT INTO `datamodel_summaries` (`org_id`, `model`, …) SELECT {sm_org:String}, …', params }
 */
export function compileSummaryBuild(
  modelName: string,
  datasetName: string,
  options: CompileOptions & {
    readonly indexTime: MsRange;
    /** Stored with every row (`built_to`): which build added it, so an unfinished build can be removed. */
    readonly build: number;
  },
): SummaryBuild {
  const s = summarySelect(modelName, datasetName, options, options.build);
  if (!s.ok) return s;
  const target = SUMMARY_COLUMNS.map(quoteIdent).join(', ');
  return {
    ok: true,
    sql: `INSERT INTO ${quoteIdent(SUMMARY_TABLE)} (${target})\n${s.value.select}${s.value.settings}`,
    params: s.value.params,
  };
}

/**
 * The materialized view that keeps a dataset's summary at insert: on every block inserted into `logs`, the
 * block's events of the tenant that belong to the dataset and were indexed at or after `liveFromMs` are
 * written to `datamodel_summaries` (with `built_to` 0: added by the view, never by a build). ClickHouse
 * substitutes the parameters into the view's text when it is created, so the values stay typed parameters
 * here. Events indexed before `liveFromMs` are the backfill's (`compileSummaryBuild`). The options' time range
 * must be unbounded (the view sees every event the tenant sends).
 *
 *
 * On a cluster (`cluster`), the view is created `ON CLUSTER` on every host, triggered by the shard's local
 * events table and writing the shard's local summary table: an insert into the Distributed `logs` lands in
 * the local table of the tenant's shard (`cityHash64(org_id)`), and the summary, sharded the same way, keeps
 * its rows on that shard. Only the scan reads the local table; a lookup the dataset applies is read through
 * its Distributed tables, which every host has (its rows live on the tenant's shard too).
 *
 * @example compileSummaryView('Endpoint', 'Processes', { orgId: 'acme', earliestMs: null, latestMs: null, nowMs, view: 'v1', liveFromMs })
 *   // { ok: true, sql: 'CREATE MATERIALIZED VIEW IF NOT EXISTS `v1` TO `datamodel_summaries` AS SELECT {sm_org:String} AS `org_id`, … WHERE … `_indextime` >= …', params }
 * @example compileSummaryView('Endpoint', 'Processes', { …, cluster: { name: 'c', logs: 'logs_local', summaries: 'datamodel_summaries_local' } })
 *   // 'CREATE MATERIALIZED VIEW IF NOT EXISTS `v1` ON CLUSTER `c` TO `datamodel_summaries_local` AS SELECT … FROM `logs_local` …'
 */
export function compileSummaryView(
  modelName: string,
  datasetName: string,
  options: CompileOptions & {
    /** The view's name (the caller's: one per tenant, model and dataset). */
    readonly view: string;
    /** The view takes the events indexed at or after this (ms since the epoch). */
    readonly liveFromMs: number;
    /** A cluster: the view is created on every host, between the shard-local tables named here. */
    readonly cluster?: SummaryCluster;
  },
): SummaryBuild {
  const { cluster } = options;
  const s = summarySelect(
    modelName,
    datasetName,
    {
      ...options,
      indexTime: { earliestMs: options.liveFromMs, latestMs: null },
      ...(cluster ? { tables: { ...options.tables, logs: cluster.logs } } : {}),
    },
    0,
  );
  if (!s.ok) return s;
  const on = cluster ? ` ON CLUSTER ${quoteIdent(cluster.name)}` : '';
  const target = quoteIdent(cluster ? cluster.summaries : SUMMARY_TABLE);
  return {
    ok: true,
    sql:
      `CREATE MATERIALIZED VIEW IF NOT EXISTS ${quoteIdent(options.view)}${on} TO ${target}\n` +
      `AS ${s.value.select}${s.value.settings}`,
    params: s.value.params,
  };
}

/**
 * The statement that checks a dataset's summary over a closed window of index time: how many of the
 * tenant's events belong to the dataset (`events`) and how many rows its view added for them (`summarized`,
 * the rows with `built_to` 0). Equal when the view ran on every insert; fewer rows when it failed for some
 * (inserts into `logs` ignore a failing view). Summary rows keep `_indextime` in whole seconds, so the window
 * ends on a whole second (`latestMs` is rounded down) and starts at the view's start or on a whole second.
 * The options' time range must be unbounded, as the view's.
 *
 * @example compileSummaryCheck('Endpoint', 'Processes', { orgId: 'acme', earliestMs: null, latestMs: null, nowMs, indexTime: { earliestMs: liveFrom, latestMs: to } })
 *   // { ok: true, sql: 'SELECT (SELECT count() FROM (SELECT … FROM logs …)) AS events, (SELECT count() FROM datamodel_summaries …) AS summarized …', params }
 */
export function compileSummaryCheck(
  modelName: string,
  datasetName: string,
  options: CompileOptions & {
    readonly indexTime: { readonly earliestMs: number; readonly latestMs: number };
  },
): SummaryBuild {
  const to = Math.floor(options.indexTime.latestMs / 1000) * 1000;
  const s = summarySelect(
    modelName,
    datasetName,
    { ...options, indexTime: { earliestMs: options.indexTime.earliestMs, latestMs: to } },
    0,
  );
  if (!s.ok) return s;
  const summarized =
    `SELECT count() FROM ${quoteIdent(SUMMARY_TABLE)} WHERE ${quoteIdent('org_id')} = {sm_org:String} ` +
    `AND ${quoteIdent('model')} = {sm_model:String} AND ${quoteIdent('dataset')} = {sm_dataset:String} ` +
    `AND ${quoteIdent('built_to')} = 0 ` +
    `AND ${quoteIdent('_indextime')} >= toDateTime(intDiv({sm_check_from:UInt64}, 1000), 'UTC') ` +
    `AND ${quoteIdent('_indextime')} < toDateTime(intDiv({sm_check_to:UInt64}, 1000), 'UTC')`;
  return {
    ok: true,
    sql: `SELECT (SELECT count() FROM (\n${s.value.select}\n)) AS events, (${summarized}) AS summarized${s.value.settings}`,
    params: { ...s.value.params, sm_check_from: options.indexTime.earliestMs, sm_check_to: to },
  };
}

/**
 * What a dataset's summary is built from, as text: the statement that selects its rows (knowledge objects,
 * constraints and calculations applied), without the index-time bounds of a build or a view. A summary built
 * from another definition is an old summary (`tstats allow_old_summaries`); the service rebuilds it.
 */
export function summaryDefinition(
  modelName: string,
  datasetName: string,
  options: Omit<CompileOptions, 'earliestMs' | 'latestMs' | 'nowMs' | 'indexTime' | 'settings' | 'queryTag'>,
  earliest: string,
): string | undefined {
  const s = summarySelect(
    modelName,
    datasetName,
    { ...options, earliestMs: null, latestMs: null, nowMs: 0 },
    0,
  );
  if (!s.ok) return undefined;
  const params = Object.keys(s.value.params)
    .sort()
    .map((k) => `${k}=${JSON.stringify(s.value.params[k])}`);
  return [`earliest=${earliest}`, s.value.select, s.value.settings, ...params].join('\n');
}
