// The Prometheus read API's metadata endpoints (labels, label values, series) answered from the `metrics` table.

import type { Store } from '../store/types.ts';
import { matchersSql, parseSelector } from './selector.ts';

/** Series returned at most by `/api/v1/series` (Prometheus has no default; an unbounded answer is not safe). */
export const MAX_SERIES = 10_000;

export interface ReadScope {
  readonly orgId: string;
  /** The token's indexes, when it is limited to some. */
  readonly indexes?: readonly string[] | undefined;
  /** Epoch ms bounds, when given. */
  readonly startMs?: number | undefined;
  readonly endMs?: number | undefined;
  /** `match[]` selectors (OR'ed, as Prometheus does). */
  readonly match: readonly string[];
}

/** The tenant, time and selectors as a WHERE clause; throws SelectorError for a bad selector. */
function where(scope: ReadScope, params: Record<string, unknown>): string {
  params['org'] = scope.orgId;
  const parts = ['org_id = {org:String}'];
  if (scope.indexes !== undefined) {
    params['indexes'] = scope.indexes;
    parts.push('`index` IN {indexes:Array(String)}');
  }
  if (scope.startMs !== undefined) {
    params['start'] = scope.startMs;
    parts.push('timestamp >= fromUnixTimestamp64Milli({start:Int64})');
  }
  if (scope.endMs !== undefined) {
    params['end'] = scope.endMs;
    parts.push('timestamp <= fromUnixTimestamp64Milli({end:Int64})');
  }
  if (scope.match.length > 0) {
    parts.push(`(${scope.match.map((m) => `(${matchersSql(parseSelector(m), params)})`).join(' OR ')})`);
  }
  return parts.join(' AND ');
}

/** `/api/v1/labels`: `__name__`, `index` and every dimension key of the tenant's samples, sorted. */
export async function embeddedLabels(store: Store, scope: ReadScope): Promise<string[]> {
  const params: Record<string, unknown> = {};
  const r = await store.query({
    sql: `SELECT DISTINCT arrayJoin(mapKeys(labels)) AS k FROM metrics WHERE ${where(scope, params)} ORDER BY k`,
    params,
    tenant: scope.orgId,
  });
  const any = await store.query({
    sql: `SELECT 1 FROM metrics WHERE ${where(scope, params)} LIMIT 1`,
    params,
    tenant: scope.orgId,
  });
  const keys = r.rows.map((row) => String(row[0]));
  return any.rows.length === 0 ? [] : ['__name__', 'index', ...keys].sort();
}

/** `/api/v1/label/<name>/values`: the distinct values of one label (`org_id` is never exposed: []). */
export async function embeddedLabelValues(store: Store, name: string, scope: ReadScope): Promise<string[]> {
  if (name === 'org_id') return [];
  const params: Record<string, unknown> = { name };
  const column = name === '__name__' ? 'metric_name' : name === 'index' ? '`index`' : 'labels[{name:String}]';
  const r = await store.query({
    sql: `SELECT DISTINCT ${column} AS v FROM metrics WHERE ${where(scope, params)} AND v != '' ORDER BY v`,
    params,
    tenant: scope.orgId,
  });
  return r.rows.map((row) => String(row[0]));
}

/** `/api/v1/series`: the label sets (with `__name__` and `index`, without `org_id`) matching `match[]`. */
export async function embeddedSeries(store: Store, scope: ReadScope): Promise<Record<string, string>[]> {
  const params: Record<string, unknown> = { limit: MAX_SERIES };
  const r = await store.query({
    sql: `SELECT DISTINCT metric_name, \`index\`, labels FROM metrics WHERE ${where(scope, params)}
          ORDER BY metric_name, \`index\`, toString(labels) LIMIT {limit:UInt32}`,
    params,
    tenant: scope.orgId,
  });
  return r.rows.map(([name, index, labels]) => {
    const dims = typeof labels === 'object' && labels !== null ? labels : {};
    const out: Record<string, string> = { __name__: String(name), index: String(index) };
    for (const [k, v] of Object.entries(dims)) out[k] = String(v);
    return out;
  });
}
