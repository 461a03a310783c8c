// Vector `http` sink route: POST /ingest/logs with a JSON array or NDJSON body (gzip, deflate or zstd).

import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import { requireAuth } from '../auth/middleware.ts';
import type { Authenticator } from '../auth/types.ts';
import type { AuthEnv } from '../auth/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import { identityContext } from './identity-context.ts';
import { ingestRequest, logNotStored, toIngestError } from './service.ts';
import { countIngest, ingestTally } from './tally.ts';
import type { IngestDeps } from './service.ts';
import { decodeWith } from './decode-pool.ts';

export interface VectorRoutesDeps extends IngestDeps {
  tokens: Authenticator;
  logger?: Logger;
  /** Runs right after the token check (per-tenant rate limits). */
  rateLimit?: MiddlewareHandler<AuthEnv>;
}

/**
 * `POST /logs` → `200 {"accepted": n}` after commit. Bad data is `400 {error:{code,message,event}}`
 * (Vector drops it; retrying cannot help), overload and store failures `503` + Retry-After (Vector
 * retries), too large `413`.
 */
export function vectorRoutes(deps: VectorRoutesDeps): Hono<AuthEnv> {
  const logger = deps.logger ?? silentLogger;
  const app = new Hono<AuthEnv>();
  const auth = requireAuth({ auth: deps.tokens, roles: ['admin', 'ingest'] });
  const limit: MiddlewareHandler<AuthEnv> = deps.rateLimit ?? ((_c, next) => next());
  app.post('/logs', countIngest(deps.metrics, 'vector'), auth, limit, async (c) => {
    const id = c.get('identity');
    const ctx = identityContext(id, {
      defaultHost: deps.defaultHost,
      rules: deps.limits,
      retentionDays: deps.retentionDays,
      defaultSource: 'vector',
      defaultSourcetype: 'vector',
    });
    try {
      const job = { decoder: 'vector', args: { ctx }, shape: 'json', limits: deps.limits } as const;
      const decode = async (body: Buffer) => (await decodeWith(deps.decodePool, job, body, id.orgId)).rows;
      const accepted = await ingestRequest(c.req.raw, deps, decode, {
        allowedIndexes: id.indexes,
        receivedMs: ctx.receivedMs,
        tally: ingestTally(c),
      });
      return c.json({ accepted });
    } catch (err) {
      const e = toIngestError(err);
      logNotStored(logger, 'vector', err, e);
      if (e.retryAfter !== undefined) c.header('Retry-After', String(e.retryAfter));
      const error: Record<string, unknown> = {
        code: e.slug,
        message: e.status === 500 ? 'internal error' : e.message,
      };
      if (e.eventIndex !== undefined) error['event'] = e.eventIndex;
      return c.json({ error }, e.status);
    }
  });
  return app;
}
