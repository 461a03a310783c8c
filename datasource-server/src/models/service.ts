// Machine Learning Toolkit models in the store, per tenant: the catalog the SPL compiler reads (`apply`,
// `summary`) and the save after a `fit … into` search. Knows nothing of HTTP.
//
// Like lookup tables (src/lookups/service.ts): every save adds a row with a new version, readers take the
// newest one of each name, so a replaced model is seen all at once; a delete adds a `deleted` row. A tenant
// only ever reads and deletes its own rows (every statement filters on `org_id`). Superseded versions are
// deleted after each save or delete: a model row is read whole into the catalog, so no search still needs
// an older one once a newer one is written.

import type { DensityGroup, DensityGroupFit, DensityModel, ModelCatalog, ModelSave } from '@nexus/spl';
import { DENSITY_CANDIDATES, MODEL_MAX_GROUPS, densityModelFromJson } from '@nexus/spl';
import { mutationTarget } from '../store/cluster.ts';
import type { Store } from '../store/types.ts';

let lastVersion = 0;

/** A version above `current` and every version this process issued: microseconds since the epoch. */
function nextVersion(nowMs: number, current = 0): number {
  lastVersion = Math.max(Math.trunc(nowMs) * 1000, lastVersion + 1, current + 1);
  return lastVersion;
}

/** One of the tenant's saved models, as `GET /models` lists it. */
export interface ModelInfo {
  readonly name: string;
  readonly algorithm: string;
  readonly field: string;
  readonly by: readonly string[];
  readonly dist: string;
  readonly threshold: DensityModel['threshold'];
  readonly groups: number;
  /** When it was saved, ISO 8601. */
  readonly updated: string;
}

/** The info `GET /models` shows for a model of the catalog. */
export function modelInfo(name: string, m: DensityModel): ModelInfo {
  return {
    name,
    algorithm: m.algorithm,
    field: m.field,
    by: m.by,
    dist: m.dist,
    threshold: m.threshold,
    groups: m.groups.length,
    updated: new Date(m.updatedMs ?? 0).toISOString(),
  };
}

/**
 * The tenant's models by name (the newest version of each, deleted ones left out). A stored model that no
 * longer reads as one is left out too (it cannot be applied), never shown to another tenant.
 */
export async function modelCatalog(store: Store, orgId: string): Promise<ModelCatalog> {
  const r = await store.query({
    sql: `SELECT name, argMax(model, version), argMax(deleted, version), toUnixTimestamp64Milli(argMax(updated_at, version))
FROM ml_models
WHERE org_id = {org:String}
GROUP BY name
ORDER BY name`,
    params: { org: orgId },
  });
  const catalog = new Map<string, DensityModel>();
  for (const [name, json, deleted, updated] of r.rows) {
    if (deleted === true || deleted === 1 || typeof name !== 'string' || typeof json !== 'string') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      continue;
    }
    const m = densityModelFromJson(parsed);
    if ('model' in m) catalog.set(name, { ...m.model, updatedMs: Number(updated) });
  }
  return catalog;
}

/** Why a model could not be saved: more groups than a model keeps. */
export class ModelTooLargeError extends Error {
  override readonly name = 'ModelTooLargeError';
}

const numberOf = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

/**
 * Runs a `fit … into` model's statement (one row per group) and saves the model for the tenant; returns
 * what was saved. More than `MODEL_MAX_GROUPS` groups save nothing.
 */
export async function saveModel(
  store: Store,
  orgId: string,
  save: ModelSave,
  sql: { sql: string; params: Record<string, unknown> },
  nowMs: number,
  queryId?: string,
): Promise<{ name: string; groups: number }> {
  const r = await store.query({ ...sql, tenant: orgId, ...(queryId ? { queryId } : {}) });
  if (r.rows.length > MODEL_MAX_GROUPS) {
    throw new ModelTooLargeError(
      `\`fit … into ${save.name}\` found more than ${MODEL_MAX_GROUPS} groups: group by fewer fields or values`,
    );
  }
  const index = new Map(r.columns.map((c, i) => [c.name, i]));
  const at = (row: unknown[], column: string): unknown => row[index.get(column) ?? -1];
  const optional = (v: unknown): number | undefined =>
    v === null || v === undefined ? undefined : numberOf(v);
  const fitOf = (row: unknown[]): DensityGroupFit | undefined => {
    const c = save.fitColumns;
    if (!c) return undefined;
    const dist = DENSITY_CANDIDATES[numberOf(at(row, c.dist)) - 1] ?? 'norm';
    const lower = optional(at(row, c.lower));
    const upper = optional(at(row, c.upper));
    return {
      dist,
      ...(lower === undefined ? {} : { lower }),
      ...(upper === undefined ? {} : { upper }),
      distance: numberOf(at(row, c.distance)),
      params: [numberOf(at(row, c.p1)), numberOf(at(row, c.p2))],
    };
  };
  const groups: DensityGroup[] = r.rows.map((row) => {
    const fit = fitOf(row);
    return {
      key: save.keyColumns.map((k) => String(at(row, k))),
      cardinality: numberOf(at(row, save.statColumns.cardinality)),
      mean: numberOf(at(row, save.statColumns.mean)),
      std: numberOf(at(row, save.statColumns.std)),
      min: numberOf(at(row, save.statColumns.min)),
      max: numberOf(at(row, save.statColumns.max)),
      ...(fit ? { fit } : {}),
    };
  });
  const model: DensityModel = { ...save.model, groups };
  const version = nextVersion(nowMs, await newestVersion(store, orgId, save.name));
  await store.command(
    `INSERT INTO ml_models (org_id, name, version, algorithm, model, updated_at) VALUES ({org:String}, {name:String}, {version:UInt64}, {algorithm:String}, {model:String}, fromUnixTimestamp64Milli({now:Int64}, 'UTC'))`,
    {
      org: orgId,
      name: save.name,
      version,
      algorithm: model.algorithm,
      model: JSON.stringify(model),
      now: Math.trunc(nowMs),
    },
  );
  await dropSuperseded(store, orgId, save.name, version);
  return { name: save.name, groups: groups.length };
}

/** The newest version of one of the tenant's models (deleted or not), 0 when it never existed. */
async function newestVersion(store: Store, orgId: string, name: string): Promise<number> {
  const r = await store.query({
    sql: `SELECT max(version) FROM ml_models WHERE org_id = {org:String} AND name = {name:String}`,
    params: { org: orgId, name },
  });
  return Number(r.rows[0]?.[0] ?? 0);
}

/**
 * Deletes the versions of one of the tenant's models older than `version` (the one just written): one
 * statement per save or delete, touching only that tenant's rows of that name, so the table keeps at most
 * one row per model (two while a save races another). Returns nothing: a failure leaves old rows that
 * readers ignore, and the next write removes them.
 */
async function dropSuperseded(store: Store, orgId: string, name: string, version: number): Promise<void> {
  await store.command(
    `DELETE FROM ${mutationTarget('ml_models', store.cluster)} WHERE org_id = {org:String} AND name = {name:String} AND version < {version:UInt64}`,
    { org: orgId, name, version },
  );
}

/**
 * Deletes one of the tenant's models: `apply`, `summary` and `listmodels` stop seeing it at once (a
 * `deleted` row is written, older versions are dropped). False when the tenant has no such model.
 */
export async function deleteModel(
  store: Store,
  orgId: string,
  name: string,
  nowMs = Date.now(),
): Promise<boolean> {
  const r = await store.query({
    sql: `SELECT max(version), argMax(deleted, version) FROM ml_models WHERE org_id = {org:String} AND name = {name:String}`,
    params: { org: orgId, name },
  });
  const [current, deleted] = r.rows[0] ?? [];
  if (!current || Number(current) === 0 || deleted === true || deleted === 1) return false;
  const version = nextVersion(nowMs, Number(current));
  await store.command(
    `INSERT INTO ml_models (org_id, name, version, algorithm, model, deleted, updated_at) VALUES ({org:String}, {name:String}, {version:UInt64}, {none:String}, {none:String}, true, fromUnixTimestamp64Milli({now:Int64}, 'UTC'))`,
    { org: orgId, name, version, none: '', now: Math.trunc(nowMs) },
  );
  await dropSuperseded(store, orgId, name, version);
  return true;
}
