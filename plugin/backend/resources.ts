// `Resource/CallResource`: the query editor's helpers (validate, explain, format, catalog, indexes, fields, values) on nexus-api.

import type { CallResourceRequest, CallResourceResponse } from './messages.ts';
import { count } from './metrics.ts';
import { NexusError, nexusRequest, runSpl } from './nexus.ts';
import type { NexusClient, NexusDiagnostic } from './nexus.ts';
import { authorizationFor, settingsOf } from './settings.ts';

/** Index names as SPL writes them unquoted (`main`, `web-*`), field names as identifiers. */
const indexName = /^[A-Za-z0-9_*][A-Za-z0-9_.*-]*$/;
const fieldName = /^[A-Za-z_][A-Za-z0-9_.]*$/;
const DAY_MS = 86_400_000;

class ResourceError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function json(code: number, body: unknown): CallResourceResponse {
  return {
    code,
    headers: { 'Content-Type': { values: ['application/json'] } },
    body: new TextEncoder().encode(JSON.stringify(body)),
  };
}

function bodyJson(req: CallResourceRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  try {
    const v: unknown = JSON.parse(req.body.toString('utf8'));
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ResourceError(400, 'the body must be a JSON object');
}

function splOf(req: CallResourceRequest): string {
  const spl = bodyJson(req)['spl'];
  if (typeof spl !== 'string' || spl.trim() === '')
    throw new ResourceError(400, '`spl` must be a non-empty string');
  return spl;
}

/** `from`/`to` (epoch ms) of the resource URL, default the last 24 hours: probes stay bounded in time. */
function rangeOf(params: URLSearchParams): { earliest: string; latest: string } {
  const to = Number(params.get('to') ?? Date.now());
  const from = Number(params.get('from') ?? to - DAY_MS);
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to)
    throw new ResourceError(400, '`from` must be before `to` (epoch ms)');
  return { earliest: (from / 1000).toFixed(3), latest: (to / 1000).toFixed(3) };
}

function param(params: URLSearchParams, name: string, pattern: RegExp): string {
  const v = params.get(name);
  if (v === null || !pattern.test(v))
    throw new ResourceError(400, `\`${name}\` is missing or not a plain name`);
  return v;
}

interface Compiled {
  sql: string;
  params: Record<string, unknown>;
  columns: unknown[];
}

async function compileSpl(
  c: NexusClient,
  spl: string,
): Promise<{ ok: true; compiled: Compiled } | { ok: false; errors: readonly NexusDiagnostic[] }> {
  try {
    return {
      ok: true,
      compiled: (await nexusRequest(c, 'POST', '/query/spl/compile', { query: spl })) as Compiled,
    };
  } catch (err) {
    if (err instanceof NexusError && err.status === 400 && err.diagnostics.length > 0)
      return { ok: false, errors: err.diagnostics };
    throw err;
  }
}

/** `from`/`to` (epoch ms) of a body as nexus-api's `earliestMs`/`latestMs`, when both are given and ordered. */
function msRangeOf(body: Record<string, unknown>): { earliestMs?: number; latestMs?: number } {
  const from = body['from'];
  const to = body['to'];
  if (typeof from !== 'number' || typeof to !== 'number') return {};
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to)
    throw new ResourceError(400, '`from` must be before `to` (epoch ms)');
  return { earliestMs: from, latestMs: to };
}

/** A nexus-api editor route: its body, or the SPL diagnostics of a 400. */
async function editorCall(
  c: NexusClient,
  path: string,
  body: Record<string, unknown>,
): Promise<{ ok: true; body: unknown } | { ok: false; errors: readonly NexusDiagnostic[] }> {
  try {
    return { ok: true, body: await nexusRequest(c, 'POST', path, body) };
  } catch (err) {
    if (err instanceof NexusError && err.status === 400 && err.diagnostics.length > 0)
      return { ok: false, errors: err.diagnostics };
    throw err;
  }
}

type Handler = (
  c: NexusClient,
  req: CallResourceRequest,
  params: URLSearchParams,
) => Promise<CallResourceResponse>;

const handlers: Record<string, Handler> = {
  /** `POST validate {spl}` → `{ valid, errors: [{ message, line, column, start, end, hints }] }`. */
  'POST validate': async (c, req) => {
    const r = await compileSpl(c, splOf(req));
    return json(200, r.ok ? { valid: true, errors: [] } : { valid: false, errors: r.errors });
  },
  /**
   * `POST explain {spl, from?, to?}` → `{ language: 'sql' | 'promql', query, params? }`: what nexus-api would run
   * for the range (epoch ms); PromQL for `mstats` when its metrics live in VictoriaMetrics.
   */
  'POST explain': async (c, req) => {
    const body = bodyJson(req);
    const range = msRangeOf(body);
    const r = await editorCall(c, '/query/spl/explain', { query: splOf(req), ...range });
    return r.ok ? json(200, r.body) : json(400, { errors: r.errors });
  },
  /** `POST format {spl}` → `{ spl }` formatted by nexus-api's SPL formatter, or `400 { errors }`. */
  'POST format': async (c, req) => {
    const r = await editorCall(c, '/query/spl/format', { query: splOf(req) });
    return r.ok ? json(200, r.body) : json(400, { errors: r.errors });
  },
  /** `GET catalog` → `{ commands, evalFunctions, statsFunctions }`: what this nexus-api compiles. */
  'GET catalog': async (c) => json(200, await nexusRequest(c, 'GET', '/query/spl/catalog')),
  /** `GET indexes` → `{ indexes }` with events in the range (nexus-api's index list is admin-only). */
  'GET indexes': async (c, _req, params) => {
    const r = await runSpl(c, {
      query: 'search index=* | stats count by index',
      ...rangeOf(params),
      limit: 1000,
    });
    return json(200, { indexes: r.rows.map((row) => String(row[0])) });
  },
  /** `GET fields?index=` → `{ fields }`: the columns and extracted fields of the newest 500 events. */
  'GET fields': async (c, _req, params) => {
    const index = param(params, 'index', indexName);
    const r = await runSpl(c, { query: `search index=${index} | head 500`, ...rangeOf(params), limit: 500 });
    const names = new Set<string>();
    const extracted = r.columns.findIndex((col) => col.name === '_fields');
    for (const col of r.columns) if (col.name !== '_fields') names.add(col.name);
    for (const row of r.rows) {
      const f = row[extracted];
      if (extracted >= 0 && typeof f === 'object' && f !== null) for (const k of Object.keys(f)) names.add(k);
    }
    return json(200, { fields: [...names].sort() });
  },
  /** `GET values?index=&field=` → `{ values: [{ value, count }] }`, the 100 most frequent. */
  'GET values': async (c, _req, params) => {
    const index = param(params, 'index', indexName);
    const field = param(params, 'field', fieldName);
    const r = await runSpl(c, {
      query: `search index=${index} | stats count by ${field} | sort - count | head 100`,
      ...rangeOf(params),
      limit: 100,
    });
    return json(200, { values: r.rows.map((row) => ({ value: row[0], count: Number(row[1]) })) });
  },
};

function flatHeaders(h: CallResourceRequest['headers']): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, v.values[0] ?? '']));
}

/** Routes one resource call; errors become JSON `{ error }` with nexus-api's status. */
export async function callResource(req: CallResourceRequest): Promise<CallResourceResponse> {
  const path = req.path.replace(/^\/+|\/+$/g, '');
  const handler = handlers[`${req.method.toUpperCase()} ${path}`];
  count('nexus_plugin_resource_calls_total', 'Resource calls, by path.', {
    path: handler ? path : 'unknown',
  });
  if (!handler) return json(404, { error: `no resource ${req.method} /${path}` });
  try {
    const settings = settingsOf(req.pluginContext);
    const auth = authorizationFor(settings, flatHeaders(req.headers));
    const params = new URL(req.url || `/${path}`, 'http://plugin').searchParams;
    return await handler({ url: settings.url, authorization: auth.header }, req, params);
  } catch (err) {
    if (err instanceof ResourceError) return json(err.code, { error: err.message });
    if (err instanceof NexusError)
      return json(err.status === 0 ? 502 : err.status, { error: err.message, errors: err.diagnostics });
    return json(500, { error: err instanceof Error ? err.message : String(err) });
  }
}
