// `Data/QueryData`: each query's SPL goes to nexus-api with the panel's (or the alert's) time range.

import { encodeFrame } from './arrow.ts';
import { log } from './log.ts';
import type { DataQuery, DataResponse, QueryDataRequest, QueryDataResponse } from './messages.ts';
import { count } from './metrics.ts';
import { NexusError, runSpl } from './nexus.ts';
import { authorizationFor, settingsOf, SettingsError } from './settings.ts';
import type { NexusSettings } from './settings.ts';
import { frameOf } from './shape.ts';
import type { ResultFormat } from './shape.ts';

/** nexus-api's largest `limit`. */
const MAX_ROWS = 100_000;

/** One dashboard ad hoc filter, forwarded to nexus-api's `filters` (it adds them to the parsed base search). */
export interface AdhocFilter {
  readonly key: string;
  readonly operator: string;
  readonly value?: string;
  readonly values?: readonly string[];
}

/** The query model the frontend sends (`DataQuery.json`; plugin/src/types.ts `SplQuery`). */
export interface SplQuery {
  readonly spl: string;
  /** Rows to return; default `maxDataPoints`. */
  readonly limit?: number;
  /** Seconds the search may run. */
  readonly timeout?: number;
  /** `auto` when absent. */
  readonly format?: ResultFormat;
  /** Series names, with `{{label}}` placeholders. */
  readonly legendFormat?: string;
  readonly adhocFilters?: readonly AdhocFilter[];
}

const FORMATS: readonly ResultFormat[] = ['auto', 'time_series', 'table', 'logs'];

function filtersOf(v: unknown): AdhocFilter[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new QueryError('`adhocFilters` must be a list', 400, 'plugin');
  return v.map((f: unknown) => {
    const r = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    const values = r['values'];
    if (typeof r['key'] !== 'string' || typeof r['operator'] !== 'string')
      throw new QueryError('each ad hoc filter needs a `key` and an `operator`', 400, 'plugin');
    return {
      key: r['key'],
      operator: r['operator'],
      ...(typeof r['value'] === 'string' || typeof r['value'] === 'number'
        ? { value: String(r['value']) }
        : {}),
      ...(Array.isArray(values) ? { values: values.map(String) } : {}),
    };
  });
}

class QueryError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly source: 'plugin' | 'downstream',
  ) {
    super(message);
  }
}

function parseQuery(json: Buffer): SplQuery {
  let v: unknown;
  try {
    v = JSON.parse(json.toString('utf8') || '{}');
  } catch {
    throw new QueryError('the query is not valid JSON', 400, 'plugin');
  }
  const q = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  if (typeof q['spl'] !== 'string' || q['spl'].trim() === '') {
    throw new QueryError('the query has no SPL: set `spl`', 400, 'plugin');
  }
  const format = FORMATS.find((f) => f === q['format']);
  const filters = filtersOf(q['adhocFilters']);
  // Older models sent numbers as strings ("500"); the frontend migrates them, alert rules may not have been.
  const positive = (v: unknown): number | undefined => {
    const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
    return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const limit = positive(q['limit']);
  const timeout = positive(q['timeout']);
  return {
    spl: q['spl'],
    ...(limit !== undefined ? { limit } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
    ...(format ? { format } : {}),
    ...(typeof q['legendFormat'] === 'string' && q['legendFormat'] !== ''
      ? { legendFormat: q['legendFormat'] }
      : {}),
    ...(filters.length > 0 ? { adhocFilters: filters } : {}),
  };
}

/** `intervalMS` as an SPL span (`span=$__interval`): whole seconds, at least 1 s. */
export function spanOf(intervalMs: number): string {
  const s = Math.max(1, Math.round(intervalMs / 1000));
  if (s % 86_400 === 0) return `${s / 86_400}d`;
  if (s % 3_600 === 0) return `${s / 3_600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}

/**
 * Grafana's global macros, expanded here because alert rules reach the backend unexpanded:
 * `$__interval` (an SPL span), `$__interval_ms`, `$__from`, `$__to` (epoch ms). Only outside double-quoted
 * strings and ```` ``` ```` comments: a template variable's value, quoted by the browser, stays exactly as
 * chosen even when it contains `$__from` (plugin/src/query/interpolate.ts leaves these macros to this function).
 */
export function expandMacros(spl: string, v: { intervalMs: number; fromMs: number; toMs: number }): string {
  const values: Record<string, string> = {
    __interval_ms: String(Math.max(1, Math.round(v.intervalMs))),
    __interval: spanOf(v.intervalMs),
    __from: String(v.fromMs),
    __to: String(v.toMs),
  };
  const macro = /\$\{(__\w+)\}|\$(__\w+)/y;
  let out = '';
  let copied = 0;
  let inString = false;
  for (let i = 0; i < spl.length; i++) {
    const c = spl[i];
    if (c === '\\') {
      i++;
    } else if (c === '"') {
      inString = !inString;
    } else if (!inString && c === '`' && spl.startsWith('```', i)) {
      const close = spl.indexOf('```', i + 3);
      i = close < 0 ? spl.length : close + 2;
    } else if (!inString && c === '$') {
      macro.lastIndex = i;
      const m = macro.exec(spl);
      const value = m ? values[m[1] ?? m[2] ?? ''] : undefined;
      if (m && value !== undefined) {
        out += spl.slice(copied, i) + value;
        copied = i + m[0].length;
        i = copied - 1;
      }
    }
  }
  return out + spl.slice(copied);
}

/** Epoch milliseconds as the epoch seconds nexus-api takes (`1700000000.250`). */
const epochSeconds = (ms: number): string => (ms / 1000).toFixed(3);

async function runOne(
  q: DataQuery,
  settings: NexusSettings,
  authorization: string | undefined,
): Promise<DataResponse> {
  const query = parseQuery(q.json);
  const fromMs = Number(q.timeRange?.fromEpochMS ?? 0);
  const toMs = Number(q.timeRange?.toEpochMS ?? 0);
  const maxDataPoints = Number(q.maxDataPoints);
  const intervalMs = Number(q.intervalMS) > 0 ? Number(q.intervalMS) : 60_000;
  const limit = Math.min(MAX_ROWS, query.limit ?? (maxDataPoints > 0 ? maxDataPoints : 10_000));
  const spl = expandMacros(query.spl, { intervalMs, fromMs, toMs });
  const result = await runSpl(
    { url: settings.url, authorization },
    {
      query: spl,
      ...(fromMs > 0 ? { earliest: epochSeconds(fromMs) } : {}),
      ...(toMs > 0 ? { latest: epochSeconds(toMs) } : {}),
      limit,
      // The query's own timeout, else the data source's.
      ...((query.timeout ?? settings.timeout) ? { timeout: query.timeout ?? settings.timeout } : {}),
      ...(query.adhocFilters ? { filters: query.adhocFilters } : {}),
    },
  );
  const frame = frameOf(result, {
    refId: q.refId,
    spl,
    limit,
    ...(query.format ? { format: query.format } : {}),
    ...(query.legendFormat ? { legendFormat: query.legendFormat } : {}),
  });
  return { frames: [encodeFrame(frame)], error: '', status: 200, errorSource: '' };
}

function failure(err: unknown): DataResponse {
  if (err instanceof QueryError)
    return { frames: [], error: err.message, status: err.status, errorSource: err.source };
  if (err instanceof SettingsError)
    return { frames: [], error: err.message, status: 400, errorSource: 'plugin' };
  if (err instanceof NexusError) {
    // nexus-api is the downstream service: its 4xx (bad SPL, bad token, limits) and its outages alike.
    return {
      frames: [],
      error: err.message,
      status: err.status === 0 ? 502 : err.status,
      errorSource: 'downstream',
    };
  }
  log('error', 'query failed', { error: err instanceof Error ? err.stack : String(err) });
  return {
    frames: [],
    error: err instanceof Error ? err.message : String(err),
    status: 500,
    errorSource: 'plugin',
  };
}

/** Answers every query of the request; one failing query does not fail the others. */
export async function queryData(req: QueryDataRequest): Promise<QueryDataResponse> {
  const responses: Record<string, DataResponse> = {};
  let settings: NexusSettings | undefined;
  let settingsError: unknown;
  try {
    settings = settingsOf(req.pluginContext);
  } catch (err) {
    settingsError = err;
  }
  const auth = settings ? authorizationFor(settings, req.headers) : undefined;
  const fromAlert = req.pluginContext?.user == null;
  await Promise.all(
    req.queries.map(async (q) => {
      const started = performance.now();
      let response: DataResponse;
      try {
        if (!settings) throw settingsError;
        response = await runOne(q, settings, auth?.header);
      } catch (err) {
        response = failure(err);
      }
      responses[q.refId] = response;
      count('nexus_plugin_queries_total', 'Queries answered, by outcome and caller.', {
        outcome: response.error === '' ? 'ok' : 'error',
        caller: fromAlert ? 'backend' : 'user',
      });
      count(
        'nexus_plugin_query_seconds_total',
        'Seconds spent answering queries.',
        {},
        (performance.now() - started) / 1000,
      );
      log(response.error === '' ? 'debug' : 'warn', 'query', {
        refId: q.refId,
        status: response.status,
        auth: auth?.source ?? 'none',
        ...(response.error ? { error: response.error } : {}),
      });
    }),
  );
  return { responses };
}
