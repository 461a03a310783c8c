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

export type SummaryBuild =
  | { readonly ok: true; readonly sql: string; readonly params: Record<string, unknown> }
  | { readonly ok: false; readonly errors: readonly Diagnostic[] };

/** A field name as `table` takes it: quoted unless it is a plain name. */
const splField = (name: string): string => (/^[A-Za-z_][\w.:-]*$/.test(name) ? name : JSON.stringify(name));

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
  const fields = [...datasetFields(chain).keys()].filter((f) => !base.has(f));
  const columns = ['_time', 'index', 'host', 'source', 'sourcetype'];
  const spl = `| from datamodel:${modelName}.${datasetName} | table ${[...columns, ...fields].map(splField).join(', ')}`;
  const compiled = compile(spl, { ...options, datamodels: registry });
  if (!compiled.ok) return { ok: false, errors: compiled.errors };
  const { sql, params } = compiled.sql;
  const cut = sql.lastIndexOf('\nSETTINGS ');
  const body = cut < 0 ? sql : sql.slice(0, cut);
  const settings = cut < 0 ? '' : sql.slice(cut);
  // Each field enters the JSON object under its own name; a NULL is left out of it. A multivalue field (a
  // Lookup calculation's output) is stored as an event's field is: one value as it is, several as a list.
  const mv = new Set(compiled.plan.columns.filter((c) => c.type === 'mv').map((c) => c.name));
  const value = (f: string): string =>
    mv.has(f)
      ? `multiIf(empty(${quoteIdent(f)}), NULL, length(${quoteIdent(f)}) = 1, CAST(${quoteIdent(f)}[1] AS Dynamic), CAST(${quoteIdent(f)} AS Dynamic))`
      : quoteIdent(f);
  const json =
    fields.length === 0
      ? `CAST('{}' AS JSON)`
      : `CAST(CAST(tuple(${fields.map(value).join(', ')}) AS Tuple(${fields
          .map((f) => `${quoteIdent(f)} Dynamic`)
          .join(', ')})) AS JSON)`;
  const target = ['org_id', 'model', 'dataset', ...columns, '_raw', 'fields', 'built_to']
    .map(quoteIdent)
    .join(', ');
  const select = [
    '{sm_org:String}',
    '{sm_model:String}',
    '{sm_dataset:String}',
    ...columns.map(quoteIdent),
    `''`,
    json,
    '{sm_build:UInt64}',
  ].join(', ');
  return {
    ok: true,
    sql: `INSERT INTO ${quoteIdent(SUMMARY_TABLE)} (${target})\nSELECT ${select}\nFROM (\n${body}\n)${settings}`,
    params: {
      ...params,
      sm_org: options.orgId,
      sm_model: modelName,
      sm_dataset: datasetName,
      sm_build: options.build,
    },
  };
}
