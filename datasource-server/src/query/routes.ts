// HTTP routes for searching: POST /query/spl (run SPL) and POST /query/spl/compile (compile only).

import { Hono } from 'hono';
import type { AuthEnv } from '../auth/types.ts';
import { compile } from '../spl/compile.ts';
import { positionDiagnostic } from '../spl/diagnostics.ts';
import type { MacroRegistry } from '../spl/macros/index.ts';
import { QueryCancelledError } from '../store/index.ts';
import type { Store } from '../store/index.ts';
import type { QueryLimits, SplRequest } from './service.ts';
import { QueryForbiddenError, QueryInputError, lookupsFor, runSpl } from './service.ts';

export interface QueryRouterDeps {
  readonly store: Store;
  readonly limits?: QueryLimits;
  /** Search macros every query may call. */
  readonly macros?: MacroRegistry;
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
  return {
    query: b.query,
    ...(earliest !== undefined ? { earliest } : {}),
    ...(latest !== undefined ? { latest } : {}),
    ...(typeof b.limit === 'number' ? { limit: b.limit } : {}),
    ...(typeof b.timezone === 'string' ? { timezone: b.timezone } : {}),
    ...(typeof b.timeout === 'number' ? { timeout: b.timeout } : {}),
  };
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

  app.onError((err, c) => {
    if (err instanceof QueryInputError) return c.json({ errors: err.errors }, err.status);
    if (err instanceof QueryForbiddenError) {
      return c.json({ error: { code: 'forbidden', message: err.message } }, 403);
    }
    // The client went away and its query was stopped: nobody reads this answer (nginx's 499).
    if (err instanceof QueryCancelledError) return new Response(null, { status: 499 });
    throw err;
  });

  app.post('/spl', async (c) => {
    const req = parseSplRequest(await jsonBody(c.req.raw));
    const identity = c.get('identity');
    const result = await runSpl(deps.store, identity.orgId, req, {
      ...(deps.limits ? { limits: deps.limits } : {}),
      ...(deps.macros ? { macros: deps.macros } : {}),
      role: identity.role,
      signal: c.req.raw.signal,
    });
    return c.json(result);
  });

  app.post('/spl/compile', async (c) => {
    const req = parseSplRequest(await jsonBody(c.req.raw));
    const nowMs = Date.now();
    const orgId = c.get('identity').orgId;
    const lookups = await lookupsFor(deps.store, orgId, req.query, deps.macros);
    const compiled = compile(req.query, {
      orgId,
      ...(lookups ? { lookups } : {}),
      earliestMs: nowMs - 86_400_000,
      latestMs: nowMs,
      nowMs,
      ...(deps.macros ? { macros: deps.macros } : {}),
    });
    if (!compiled.ok) {
      return c.json({ errors: compiled.errors.map((d) => positionDiagnostic(req.query, d)) }, 400);
    }
    return c.json({ sql: compiled.sql.sql, params: compiled.sql.params, columns: compiled.sql.columns });
  });

  return app;
}
