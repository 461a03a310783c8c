// Read-only routes for query editors: GET /spl/catalog, POST /spl/format and POST /spl/explain (under /query).

import { Hono } from 'hono';
import type { Context } from 'hono';
import { inThreadCompiler } from './compile-pool.ts';
import type { AuthEnv } from '../auth/types.ts';
import { toPromQL } from '@nexus/spl';
import { diagnostic, positionDiagnostic } from '@nexus/spl';
import type { Diagnostic } from '@nexus/spl';
import { format } from '@nexus/spl';
import { parse } from '@nexus/spl';
import { splCatalog } from '@nexus/spl';
import { promRequests } from '@nexus/spl';
import type { QueryRouterDeps } from './routes.ts';
import { checkQueryLength, lookupsFor, modelsFor } from './service.ts';

const FENCE = '```';
const DAY_MS = 86_400_000;

/** `{ query, earliestMs?, latestMs? }` of an editor request, or a 400 answer. */
async function editorRequest(
  c: Context<AuthEnv>,
): Promise<{ query: string; earliestMs?: number; latestMs?: number } | Response> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    body = undefined;
  }
  const b =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  if (typeof b['query'] !== 'string' || b['query'].trim() === '') {
    const d = diagnostic('semantic', '`query` must be a non-empty string', { start: 0, end: 0 });
    return c.json({ errors: [positionDiagnostic('', d)] }, 400);
  }
  const ms = (k: string): number | undefined => {
    const v = b[k];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  const earliestMs = ms('earliestMs');
  const latestMs = ms('latestMs');
  return {
    query: b['query'],
    ...(earliestMs !== undefined ? { earliestMs } : {}),
    ...(latestMs !== undefined ? { latestMs } : {}),
  };
}

const errorsOf = (query: string, ds: readonly Diagnostic[]) => ({
  errors: ds.map((d) => positionDiagnostic(query, d)),
});

/**
 * The editor helpers; mount under `/query`. None of them reads events: the catalogue depends only on the
 * compiler, format only on the parser, explain compiles as `/query/spl` would and says which language runs.
 */
export function editorRoutes(deps: QueryRouterDeps, maxQueryLength: number): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  /** `{ commands, evalFunctions, statsFunctions }`: what this service compiles. */
  app.get('/spl/catalog', (c) => {
    c.header('Cache-Control', 'private, max-age=3600');
    return c.json(splCatalog());
  });

  /** `{ query }` → `{ spl }`, one command per line; 400 with positioned errors when it does not parse. */
  app.post('/spl/format', async (c) => {
    const req = await editorRequest(c);
    if (req instanceof Response) return req;
    checkQueryLength(req.query, maxQueryLength);
    const at = req.query.indexOf(FENCE);
    if (at >= 0) {
      // The AST keeps no comments: formatting would delete them.
      const d = diagnostic('semantic', 'the formatter would drop ``` comments: remove them first', {
        start: at,
        end: at + FENCE.length,
      });
      return c.json(errorsOf(req.query, [d]), 400);
    }
    const parsed = parse(req.query);
    if (!parsed.ast || parsed.errors.length > 0) return c.json(errorsOf(req.query, parsed.errors), 400);
    return c.json({ spl: format(parsed.ast, req.query) });
  });

  /**
   * `{ query, earliestMs?, latestMs? }` → `{ language: 'sql', query, params }`, or `{ language: 'promql',
   * query }` for an `mstats` search when metrics live in VictoriaMetrics (METRICS_URL).
   */
  app.post('/spl/explain', async (c) => {
    const req = await editorRequest(c);
    if (req instanceof Response) return req;
    checkQueryLength(req.query, maxQueryLength);
    const nowMs = Date.now();
    const latestMs = req.latestMs ?? nowMs;
    const earliestMs = req.earliestMs ?? latestMs - DAY_MS;
    const identity = c.get('identity');
    const knowledge = await deps.knowledge?.(identity.orgId);
    const lookups = await lookupsFor(deps.store, identity.orgId, req.query, deps.macros, knowledge);
    const models = await modelsFor(deps.store, identity.orgId, req.query, deps.macros);
    const compiled = await (deps.compiler ?? inThreadCompiler).compile(
      {
        kind: 'compile',
        query: req.query,
        promql: deps.metrics !== undefined,
        options: {
          orgId: identity.orgId,
          ...(knowledge ? { knowledge } : {}),
          ...(identity.indexes ? { indexes: identity.indexes } : {}),
          ...(lookups ? { lookups } : {}),
          ...(models ? { models } : {}),
          earliestMs,
          latestMs,
          nowMs,
        },
      },
      { tenant: identity.orgId, macros: deps.macros, signal: c.req.raw.signal },
    );
    if (!compiled.ok) return c.json({ errors: compiled.errors }, 400);
    if (deps.metrics && compiled.metrics) {
      const plan = toPromQL(compiled.metrics, []);
      if (!plan) throw new Error('an mstats search that lowered to PromQL once must lower again');
      const promql = promRequests(plan, earliestMs, latestMs).map((r) => r.promql);
      return c.json({ language: 'promql', query: promql.join('\n') });
    }
    return c.json({ language: 'sql', query: compiled.sql.sql, params: compiled.sql.params });
  });

  return app;
}
