// The query model's migration: any stored or pasted query shape → a valid, current `SplQuery`.

import type { DataSourceRef } from '@grafana/schema';
import { QUERY_VERSION, RESULT_FORMATS } from '../types.ts';
import type { ResultFormat, SplQuery } from '../types.ts';

/** Spellings of the result format seen in older models and other data sources. */
const FORMAT_ALIASES: Readonly<Record<string, ResultFormat>> = {
  timeseries: 'time_series',
  'time series': 'time_series',
  time_series: 'time_series',
  graph: 'time_series',
  table: 'table',
  logs: 'logs',
  log: 'logs',
  auto: 'auto',
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A positive whole number from a number or a numeric string (`"500"`), else undefined. */
export function positiveInt(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** The result format of a stored value: a known name or alias, else `auto`. */
export function formatOf(v: unknown): ResultFormat {
  if (typeof v !== 'string') return 'auto';
  const k = v.trim().toLowerCase();
  return (RESULT_FORMATS as readonly string[]).includes(k)
    ? (k as ResultFormat)
    : (FORMAT_ALIASES[k] ?? 'auto');
}

/** The SPL text of a query written for this or a similar data source: `spl`, `query`, `expr`, `queryText`. */
function splOf(raw: Record<string, unknown>): string {
  for (const key of ['spl', 'query', 'expr', 'queryText', 'search']) {
    const v = raw[key];
    if (typeof v === 'string') return v;
  }
  return '';
}

function refOf(v: unknown): DataSourceRef | undefined {
  if (!isRecord(v)) return undefined;
  const ref: DataSourceRef = {};
  if (typeof v['uid'] === 'string') ref.uid = v['uid'];
  if (typeof v['type'] === 'string') ref.type = v['type'];
  return ref;
}

/**
 * Brings any query shape up to the current `SplQuery`: the current model, the older `{query}` and Loki's or
 * Prometheus' `{expr}` (pasted from another panel), a bare SPL string (an old annotation), a missing or
 * foreign `format` (→ `auto`), numeric strings for `limit`/`timeout` (→ numbers; anything else is dropped).
 * Ad hoc filters are per-run and never survive a migration. Pure and idempotent.
 *
 * @example migrateQuery({ refId: 'A', expr: 'index=web', format: 'timeseries', limit: '500' })
 *   // { refId: 'A', spl: 'index=web', format: 'time_series', limit: 500, version: 1 }
 */
export function migrateQuery(raw: unknown): SplQuery {
  const r: Record<string, unknown> = isRecord(raw) ? raw : typeof raw === 'string' ? { spl: raw } : {};
  const q: SplQuery = {
    refId: typeof r['refId'] === 'string' && r['refId'] !== '' ? r['refId'] : 'A',
    spl: splOf(r),
    format: formatOf(r['format']),
    version: QUERY_VERSION,
  };
  const limit = positiveInt(r['limit']) ?? positiveInt(r['maxLines']);
  if (limit !== undefined) q.limit = limit;
  const timeout = positiveInt(r['timeout']);
  if (timeout !== undefined) q.timeout = timeout;
  const legend = r['legendFormat'] ?? r['legend'];
  if (typeof legend === 'string' && legend !== '') q.legendFormat = legend;
  for (const k of ['titleField', 'textField', 'tagsField'] as const) {
    const v = r[k];
    if (typeof v === 'string' && v !== '') q[k] = v;
  }
  if (typeof r['hide'] === 'boolean') q.hide = r['hide'];
  if (typeof r['key'] === 'string') q.key = r['key'];
  if (typeof r['queryType'] === 'string') q.queryType = r['queryType'];
  const ref = refOf(r['datasource']);
  if (ref) q.datasource = ref;
  return q;
}
