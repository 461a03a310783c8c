// Machine Learning Toolkit models in the store, per tenant: the catalog the SPL compiler reads (`apply`,
// `summary`) and the save after a `fit … into` search. Knows nothing of HTTP.
//
// Like lookup tables (src/lookups/service.ts): every save adds a row with a new version, readers take the
// newest one of each name, so a replaced model is seen all at once. A tenant only ever reads its own rows.

import type { DensityGroup, DensityModel, ModelCatalog, ModelSave } from '@nexus/spl';
import { MODEL_MAX_GROUPS, densityModelFromJson } from '@nexus/spl';
import type { Store } from '../store/types.ts';

let lastVersion = 0;

/** A version above every version this process issued: microseconds since the epoch. */
function nextVersion(nowMs: number): number {
  lastVersion = Math.max(Math.trunc(nowMs) * 1000, lastVersion + 1);
  return lastVersion;
}

/**
 * The tenant's models by name (the newest version of each, deleted ones left out). A stored model that no
 * longer reads as one is left out too (it cannot be applied), never shown to another tenant.
 */
export async function modelCatalog(store: Store, orgId: string): Promise<ModelCatalog> {
  const r = await store.query({
    sql: `SELECT name, argMax(model, version), argMax(deleted, version)
FROM ml_models
WHERE org_id = {org:String}
GROUP BY name`,
    params: { org: orgId },
  });
  const catalog = new Map<string, DensityModel>();
  for (const [name, json, deleted] of r.rows) {
    if (deleted === true || deleted === 1 || typeof name !== 'string' || typeof json !== 'string') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      continue;
    }
    const m = densityModelFromJson(parsed);
    if ('model' in m) catalog.set(name, m.model);
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
  const groups: DensityGroup[] = r.rows.map((row) => ({
    key: save.keyColumns.map((k) => String(at(row, k))),
    cardinality: numberOf(at(row, save.statColumns.cardinality)),
    mean: numberOf(at(row, save.statColumns.mean)),
    std: numberOf(at(row, save.statColumns.std)),
    min: numberOf(at(row, save.statColumns.min)),
    max: numberOf(at(row, save.statColumns.max)),
  }));
  const model: DensityModel = { ...save.model, groups };
  await store.command(
    `INSERT INTO ml_models (org_id, name, version, algorithm, model) VALUES ({org:String}, {name:String}, {version:UInt64}, {algorithm:String}, {model:String})`,
    {
      org: orgId,
      name: save.name,
      version: nextVersion(nowMs),
      algorithm: model.algorithm,
      model: JSON.stringify(model),
    },
  );
  return { name: save.name, groups: groups.length };
}
