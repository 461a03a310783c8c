// The editor's calls to the data source's resources: catalogue, probes (cached), validate, format, explain.

import type { SplCatalog } from './catalog.ts';
import { EMPTY_CATALOG, parseCatalog } from './catalog.ts';
import type { CompletionSources } from './completions.ts';
import { indexOfQuery } from './context.ts';
import { diagnosticsOf } from './markers.ts';
import type { SplDiagnostic } from './markers.ts';
import { ProbeCache, probeKey } from './probes.ts';

/** The part of the data source the editor uses (DataSourceWithBackend has these). */
export interface ResourceClient {
  readonly uid: string;
  getResource(path: string, params?: Record<string, string | number>): Promise<unknown>;
  postResource(path: string, data?: unknown): Promise<unknown>;
}

export interface TimeBounds {
  readonly fromMs: number;
  readonly toMs: number;
}

const caches = new Map<string, ProbeCache>();
const catalogs = new Map<string, Promise<SplCatalog>>();

function cacheOf(uid: string): ProbeCache {
  let c = caches.get(uid);
  if (!c) {
    c = new ProbeCache();
    caches.set(uid, c);
  }
  return c;
}

/** The catalogue of a data source, asked once per page (a failure is retried next time). */
export function catalogOf(ds: ResourceClient): Promise<SplCatalog> {
  let p = catalogs.get(ds.uid);
  if (!p) {
    p = ds.getResource('catalog').then(parseCatalog);
    catalogs.set(ds.uid, p);
    p.catch(() => catalogs.delete(ds.uid));
  }
  return p.catch(() => EMPTY_CATALOG);
}

function strings(v: unknown, key: string): string[] {
  const list = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}

function counted(v: unknown): Array<{ value: unknown; count: number }> {
  const list = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)['values'] : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((x: unknown) =>
    typeof x === 'object' && x !== null && 'value' in x
      ? [{ value: x.value, count: 'count' in x && typeof x.count === 'number' ? x.count : 0 }]
      : [],
  );
}

/**
 * Completion sources for one editor: the index is the query's `index=` (else `defaultIndex`), probes are
 * bounded by the editor's time range and cached per (index, field, range bucket).
 */
export function completionSources(
  ds: ResourceClient,
  catalog: SplCatalog,
  current: () => { spl: string; range: TimeBounds; defaultIndex?: string },
): CompletionSources {
  const cache = cacheOf(ds.uid);
  const bounds = (): { from: number; to: number } => {
    const r = current().range;
    return { from: r.fromMs, to: r.toMs };
  };
  const index = (): string | undefined => {
    const c = current();
    const i = indexOfQuery(c.spl) ?? c.defaultIndex;
    return i === undefined || i === '' ? undefined : i;
  };
  return {
    catalog,
    catalogReady: catalogOf(ds),
    indexes: () => {
      const b = bounds();
      return cache.get(probeKey(['indexes'], b.from, b.to), () =>
        ds.getResource('indexes', b).then((v) => strings(v, 'indexes')),
      );
    },
    fields: () => {
      const i = index();
      if (i === undefined) return Promise.resolve([]);
      const b = bounds();
      return cache.get(probeKey(['fields', i], b.from, b.to), () =>
        ds.getResource('fields', { index: i, ...b }).then((v) => strings(v, 'fields')),
      );
    },
    values: (field) => {
      const i = index();
      if (i === undefined) return Promise.resolve([]);
      const b = bounds();
      return cache.get(probeKey(['values', i, field], b.from, b.to), () =>
        ds.getResource('values', { index: i, field, ...b }).then(counted),
      );
    },
  };
}

/** Errors of a failed resource call: Grafana's fetch error carries the JSON body in `data`. */
export function errorBody(err: unknown): unknown {
  return typeof err === 'object' && err !== null && 'data' in err ? err.data : undefined;
}

export async function validateSpl(ds: ResourceClient, spl: string): Promise<SplDiagnostic[]> {
  return diagnosticsOf(await ds.postResource('validate', { spl }));
}

export type FormatResult =
  { ok: true; spl: string } | { ok: false; errors: SplDiagnostic[]; message: string };

export async function formatSpl(ds: ResourceClient, spl: string): Promise<FormatResult> {
  try {
    const r = await ds.postResource('format', { spl });
    const out =
      typeof r === 'object' && r !== null && 'spl' in r && typeof r.spl === 'string' ? r.spl : undefined;
    return out === undefined
      ? { ok: false, errors: [], message: 'the service did not format the query' }
      : { ok: true, spl: out };
  } catch (err) {
    const errors = diagnosticsOf(errorBody(err));
    return { ok: false, errors, message: errors[0]?.message ?? messageOf(err) };
  }
}

export type ExplainResult =
  | { ok: true; language: 'sql' | 'promql'; query: string }
  | { ok: false; errors: SplDiagnostic[]; message: string };

export async function explainSpl(ds: ResourceClient, spl: string, range: TimeBounds): Promise<ExplainResult> {
  try {
    const r = await ds.postResource('explain', { spl, from: range.fromMs, to: range.toMs });
    if (typeof r !== 'object' || r === null || !('query' in r) || typeof r.query !== 'string')
      return { ok: false, errors: [], message: 'the service did not explain the query' };
    const language = 'language' in r && r.language === 'promql' ? 'promql' : 'sql';
    return { ok: true, language, query: r.query };
  } catch (err) {
    const errors = diagnosticsOf(errorBody(err));
    return { ok: false, errors, message: errors[0]?.message ?? messageOf(err) };
  }
}

function messageOf(err: unknown): string {
  const body = errorBody(err);
  if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string')
    return body.error;
  return err instanceof Error ? err.message : 'the request failed';
}
