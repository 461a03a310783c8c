// HTTP routes for searching: POST /query/spl (run SPL) and POST /query/spl/compile (compile only).

import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AuthEnv } from '../auth/types.ts';
import { diagnostic, positionDiagnostic } from '@nexus/spl';
import { QueryCancelledError } from '../store/index.ts';
import { RunningQueries, TooManyQueriesError } from './running.ts';
import { inThreadCompiler } from './compile-pool.ts';
import { editorRoutes } from './editor.ts';
import type { SplRequest } from './service.ts';
import type { SearchFilter } from '@nexus/spl';
import { MetricsUnavailableError } from './metrics.ts';
import { NoMetricsAccountError } from '../metrics/victoria.ts';
import {
  QueryForbiddenError,
  QueryInputError,
  DEFAULT_MAX_QUERY_LENGTH,
  checkQueryLength,
  defaultQueryLimits,
  lookupsFor,
  modelsFor,
} from './service.ts';
import { DEFAULT_MAX_CONCURRENT_QUERIES, startSearch } from './execute.ts';
import type { SearchDeps } from './execute.ts';

export interface QueryRouterDeps extends Omit<SearchDeps, 'running'> {
  /** The searches running now (shared with the admin routes that list and kill them). */
  readonly running?: RunningQueries;
}

export { DEFAULT_MAX_CONCURRENT_QUERIES };

export { DEFAULT_MAX_QUERY_LENGTH };

/**
 * The most bytes a `/query` request body may have: the longest query with every character written as a
 * JSON `\uXXXX` escape, plus 64 KiB for the other fields. Checked while the body arrives (and against
 * Content-Length before), so a 100 MB body is refused after its first bytes, not read.
 */
export function maxBodyBytesFor(maxQueryLength: number): number {
  return maxQueryLength * 6 + 64 * 1024;
}

const badRequest = (message: string): QueryInputError =>
  new QueryInputError([
    { code: 'semantic', message, line: 1, column: 1, endLine: 1, endColumn: 1, start: 0, end: 0, hints: [] },
  ]);

/** Validates the JSON body of a search request. */
export function parseSplRequest(body: unknown): SplRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(
      'the body must be a JSON object: { "query", "earliest"?, "latest"?, "limit"?, "timezone"?, "timeout"? }',
    );
  }
  const b = body as Record<string, unknown>;
  if (typeof b.query !== 'string' || b.query.trim() === '')
    throw badRequest('`query` must be a non-empty string');
  const time = (k: 'earliest' | 'latest'): string | number | undefined => {
    const v = b[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' && typeof v !== 'number')
      throw badRequest(`\`${k}\` must be a string or a number`);
    return v;
  };
  if (b.limit !== undefined && typeof b.limit !== 'number') throw badRequest('`limit` must be a number');
  if (b.timezone !== undefined && typeof b.timezone !== 'string')
    throw badRequest('`timezone` must be a string');
  if (b.timeout !== undefined && typeof b.timeout !== 'number')
    throw badRequest('`timeout` must be a number');
  const earliest = time('earliest');
  const latest = time('latest');
  const filters = filtersOf(b.filters);
  return {
    query: b.query,
    ...(earliest !== undefined ? { earliest } : {}),
    ...(latest !== undefined ? { latest } : {}),
    ...(typeof b.limit === 'number' ? { limit: b.limit } : {}),
    ...(typeof b.timezone === 'string' ? { timezone: b.timezone } : {}),
    ...(typeof b.timeout === 'number' ? { timeout: b.timeout } : {}),
    ...(filters.length > 0 ? { filters } : {}),
  };
}

/** `filters: [{ key, operator, value? , values? }]`: strings only (operators are checked by the compiler). */
function filtersOf(v: unknown): SearchFilter[] {
  if (v === undefined || v === null) return [];
  const shape =
    '`filters` must be a list of { "key", "operator", "value" } or { "key", "operator", "values": [] }';
  if (!Array.isArray(v)) throw badRequest(shape);
  return v.map((f: unknown): SearchFilter => {
    if (typeof f !== 'object' || f === null) throw badRequest(shape);
    const r = f as Record<string, unknown>;
    const values = r['values'];
    if (
      typeof r['key'] !== 'string' ||
      typeof r['operator'] !== 'string' ||
      (r['value'] !== undefined && typeof r['value'] !== 'string') ||
      (values !== undefined && !(Array.isArray(values) && values.every((x) => typeof x === 'string')))
    )
      throw badRequest(shape);
    return {
      key: r['key'],
      operator: r['operator'],
      ...(typeof r['value'] === 'string' ? { value: r['value'] } : {}),
      ...(Array.isArray(values) ? { values: values as string[] } : {}),
    };
  });
}

async function jsonBody(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw badRequest('the body is not valid JSON');
  }
}

/** The `/query` sub-app; mount it behind `requireAuth`. */
export function createQueryRouter(deps: QueryRouterDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  const running = deps.running ?? new RunningQueries();
  const baseLimits = deps.limits ?? defaultQueryLimits;
  const maxQueryLength = baseLimits.maxQueryLength ?? DEFAULT_MAX_QUERY_LENGTH;

  app.use(
    '*',
    bodyLimit({
      maxSize: maxBodyBytesFor(maxQueryLength),
      onError: (c) =>
        c.json(
          {
            errors: [
              positionDiagnostic(
                '',
                diagnostic(
                  'limit',
                  `the request body is larger than ${maxBodyBytesFor(maxQueryLength)} bytes (a search may have at most ${maxQueryLength} characters)`,
                  { start: 0, end: 0 },
                ),
              ),
            ],
          },
          413,
        ),
    }),
  );

  app.onError((err, c) => {
    if (err instanceof QueryInputError) return c.json({ errors: err.errors }, err.status);
    if (err instanceof TooManyQueriesError) {
      c.header('Retry-After', '1');
      return c.json({ error: { code: 'too_many_queries', message: err.message } }, 429);
    }
    if (err instanceof MetricsUnavailableError) {
      c.header('Retry-After', '5');
      return c.json({ error: { code: 'metrics_unavailable', message: err.message } }, 503);
    }
    if (err instanceof QueryForbiddenError || err instanceof NoMetricsAccountError) {
      return c.json({ error: { code: 'forbidden', message: err.message } }, 403);
    }
    // The client went away and its query was stopped: nobody reads this answer (nginx's 499).
    if (err instanceof QueryCancelledError) return new Response(null, { status: 499 });
    throw err;
  });

  app.post('/spl', async (c) => {
    const req = parseSplRequest(await jsonBody(c.req.raw));
    const search = await startSearch({ ...deps, running }, c.get('identity'), req, {
      signal: c.req.raw.signal,
    });
    return c.json(await search.result);
  });

  app.post('/spl/compile', async (c) => {
    const req = parseSplRequest(await jsonBody(c.req.raw));
    checkQueryLength(req.query, maxQueryLength);
    const nowMs = Date.now();
    const orgId = c.get('identity').orgId;
    const knowledge = await deps.knowledge?.(orgId);
    const lookups = await lookupsFor(deps.store, orgId, req.query, deps.macros, knowledge);
    const models = await modelsFor(deps.store, orgId, req.query, deps.macros);
    const indexes = c.get('identity').indexes;
    const compiled = await (deps.compiler ?? inThreadCompiler).compile(
      {
        kind: 'compile',
        query: req.query,
        options: {
          orgId,
          ...(knowledge ? { knowledge } : {}),
          ...(indexes ? { indexes } : {}),
          ...(lookups ? { lookups } : {}),
          ...(models ? { models } : {}),
          earliestMs: nowMs - 86_400_000,
          latestMs: nowMs,
          nowMs,
          ...(req.filters ? { filters: req.filters } : {}),
        },
      },
      { tenant: orgId, macros: deps.macros, signal: c.req.raw.signal },
    );
    if (!compiled.ok) return c.json({ errors: compiled.errors }, 400);
    return c.json({ sql: compiled.sql.sql, params: compiled.sql.params, columns: compiled.sql.columns });
  });

  app.route('/', editorRoutes(deps, maxQueryLength)); // GET /spl/catalog, POST /spl/format, POST /spl/explain

  return app;
}
