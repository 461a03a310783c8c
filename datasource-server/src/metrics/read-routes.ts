// The Prometheus-compatible read API (query, query_range, labels, label values, series), scoped to the caller's tenant.

import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { requireAuth } from '../auth/middleware.ts';
import type { AuthEnv, Authenticator } from '../auth/types.ts';
import type { Store } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import { embeddedLabelValues, embeddedLabels, embeddedSeries } from './embedded-read.ts';
import type { ReadScope } from './embedded-read.ts';
import { isValidIndex } from '../ingest/normalise.ts';
import { SelectorError } from './selector.ts';
import { NoMetricsAccountError, ORG_LABEL } from './victoria.ts';
import type { VictoriaMetrics } from './victoria.ts';

export interface PromReadDeps {
  auth: Authenticator;
  store: Store;
  /** Set with METRICS_URL: reads are proxied there; otherwise answered from the `metrics` table. */
  vm?: VictoriaMetrics | undefined;
  logger?: Logger;
  rateLimit?: MiddlewareHandler<AuthEnv>;
}

/** Parameters a client may not send: VictoriaMetrics' own tenant filters, which we set. */
const RESERVED_PARAMS = ['extra_label', 'extra_label[]', 'extra_filters', 'extra_filters[]'];
const MAX_FORM_BYTES = 1024 * 1024;

type ErrorType = 'bad_data' | 'unavailable' | 'forbidden' | 'internal';

function promError(c: Context, status: ContentfulStatusCode, errorType: ErrorType, error: string): Response {
  return c.json({ status: 'error', errorType, error }, status);
}

/** The request's parameters: the query string, plus a form body on POST (as Prometheus reads them). */
async function requestParams(c: Context): Promise<URLSearchParams> {
  const params = new URL(c.req.url).searchParams;
  if (c.req.method === 'POST') {
    if (Number(c.req.header('Content-Length') ?? 0) > MAX_FORM_BYTES)
      throw new SelectorError('the form body is too large');
    const text = await c.req.text();
    if (text.length > MAX_FORM_BYTES) throw new SelectorError('the form body is too large');
    for (const [k, v] of new URLSearchParams(text)) params.append(k, v);
  }
  return params;
}

/** Prometheus' time parameter: Unix seconds (fraction allowed) or RFC 3339; undefined when absent. */
export function promTimeMs(v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  const ms = /^-?\d+(\.\d+)?$/.test(v) ? Math.round(Number(v) * 1000) : Date.parse(v);
  if (!Number.isFinite(ms)) throw new SelectorError(`cannot parse ${JSON.stringify(v)} to a valid timestamp`);
  return ms;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Removes the tenant label from a VictoriaMetrics answer: it is the same on every series the caller can
 * see, so it says nothing, and a dashboard grouping by all labels would otherwise show it. Label lists
 * lose `org_id`; series and query results lose it from each label set.
 */
export function stripOrgLabel(body: unknown): unknown {
  if (!isRecord(body)) return body;
  const data = body['data'];
  const drop = (m: unknown) => {
    if (isRecord(m)) delete m['org_id'];
  };
  if (Array.isArray(data)) {
    if (data.every((d) => typeof d === 'string')) body['data'] = data.filter((d) => d !== ORG_LABEL);
    else data.forEach(drop);
  } else if (isRecord(data) && Array.isArray(data['result'])) {
    for (const r of data['result']) if (isRecord(r)) drop(r['metric']);
  }
  return body;
}

/**
 * `GET|POST /api/v1/query`, `/api/v1/query_range`, `/api/v1/labels`, `/api/v1/label/:name/values`,
 * `/api/v1/series`, for viewers, editors and admins. The tenant is the caller's org, always:
 * A token limited to some indexes reads only their samples.
 * - with VictoriaMetrics, the request is forwarded with `extra_label=org_id=<org>` (VictoriaMetrics adds
 *   that filter to every series selector of the query, so `{org_id="other"}` matches nothing) and any
 *   client `extra_label`/`extra_filters` dropped; `org_id` is removed from the answers;
 * - without, labels, label values and series come from the `metrics` table, and query/query_range answer
 *   501 `unavailable` (no PromQL engine is embedded; `mstats` is the way to chart embedded metrics).
 */
export function promReadRoutes(deps: PromReadDeps): Hono<AuthEnv> {
  const logger = deps.logger ?? silentLogger;
  const app = new Hono<AuthEnv>();
  const auth = requireAuth({ auth: deps.auth, roles: ['viewer', 'editor', 'admin'] });
  const limit: MiddlewareHandler<AuthEnv> = deps.rateLimit ?? ((_c, next) => next());

  const proxy = async (c: Context<AuthEnv>, vm: VictoriaMetrics, path: string): Promise<Response> => {
    const { orgId: org, indexes } = c.get('identity');
    const params = await requestParams(c);
    for (const k of RESERVED_PARAMS) params.delete(k);
    params.append('extra_label', `${ORG_LABEL}=${org}`);
    // A token limited to some indexes reads only those (VictoriaMetrics ANDs this with extra_label). Index
    // names are [a-z0-9_-] (isValidIndex), so they need no regex or string escaping.
    if (indexes !== undefined) {
      params.append('extra_filters[]', `{index=~"${indexes.filter(isValidIndex).join('|')}"}`);
    }
    let res: Response;
    try {
      res = await vm.select(org, path, params);
    } catch (err) {
      if (err instanceof NoMetricsAccountError) return promError(c, 403, 'forbidden', err.message);
      logger.warn('metrics read: the metrics store is unreachable', { path, err });
      c.header('Retry-After', '10');
      return promError(c, 503, 'unavailable', 'the metrics store is unreachable');
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return promError(c, 502, 'internal', `the metrics store answered ${res.status} without JSON`);
    }
    const status = res.status >= 200 && res.status < 600 && res.status !== 204 ? res.status : 502;
    return c.json(stripOrgLabel(body), status as ContentfulStatusCode);
  };

  const scopeOf = async (c: Context<AuthEnv>): Promise<ReadScope> => {
    const params = await requestParams(c);
    const { orgId, indexes } = c.get('identity');
    return {
      orgId,
      indexes,
      startMs: promTimeMs(params.get('start')),
      endMs: promTimeMs(params.get('end')),
      match: params.getAll('match[]'),
    };
  };

  const handle =
    (path: (c: Context<AuthEnv>) => string, embedded: (c: Context<AuthEnv>) => Promise<Response>) =>
    async (c: Context<AuthEnv>) => {
      try {
        return deps.vm ? await proxy(c, deps.vm, path(c)) : await embedded(c);
      } catch (err) {
        if (err instanceof SelectorError) return promError(c, 400, 'bad_data', err.message);
        throw err;
      }
    };
  const noEngine = (c: Context<AuthEnv>) =>
    Promise.resolve(
      promError(
        c,
        501,
        'unavailable',
        'PromQL queries need METRICS_URL (VictoriaMetrics); embedded metrics are read with the mstats command',
      ),
    );
  const ok = (c: Context, data: unknown) => c.json({ status: 'success', data });

  const routes: [string, (c: Context<AuthEnv>) => Promise<Response>][] = [
    ['/api/v1/query', handle(() => '/api/v1/query', noEngine)],
    ['/api/v1/query_range', handle(() => '/api/v1/query_range', noEngine)],
    [
      '/api/v1/labels',
      handle(
        () => '/api/v1/labels',
        async (c) => ok(c, await embeddedLabels(deps.store, await scopeOf(c))),
      ),
    ],
    [
      '/api/v1/label/:name/values',
      async (c) => {
        const name = c.req.param('name') ?? '';
        // The tenant label lists one value, the caller's own: answered here, never forwarded.
        if (name === ORG_LABEL) return ok(c, []);
        return handle(
          () => `/api/v1/label/${encodeURIComponent(name)}/values`,
          async (cc) => ok(cc, await embeddedLabelValues(deps.store, name, await scopeOf(cc))),
        )(c);
      },
    ],
    [
      '/api/v1/series',
      handle(
        () => '/api/v1/series',
        async (c) => {
          const scope = await scopeOf(c);
          if (scope.match.length === 0) return promError(c, 400, 'bad_data', 'no match[] parameter provided');
          return ok(c, await embeddedSeries(deps.store, scope));
        },
      ),
    ],
  ];
  for (const [path, handler] of routes) {
    app.get(path, auth, limit, handler);
    app.post(path, auth, limit, handler);
  }
  return app;
}
