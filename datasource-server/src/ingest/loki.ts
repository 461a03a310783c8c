// Loki push route: POST /loki/api/v1/push with JSON or snappy-compressed protobuf (Promtail, Vector, Alloy).

import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import { requireAuth } from '../auth/middleware.ts';
import type { AuthEnv, Authenticator } from '../auth/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import { HEC, IngestError } from './errors.ts';
import { decodeWith } from './decode-pool.ts';
import { identityContext } from './identity-context.ts';
import { mediaType } from './protocol-route.ts';
import { ingestRequest, logNotStored, toIngestError } from './service.ts';
import type { IngestDeps } from './service.ts';
import { snappyBlock } from './snappy.ts';
import { countIngest, ingestTally } from './tally.ts';

export interface LokiRoutesDeps extends IngestDeps {
  tokens: Authenticator;
  logger?: Logger;
  /** Runs right after the token check (per-tenant rate limits). */
  rateLimit?: MiddlewareHandler<AuthEnv>;
}

const PROTOBUF_TYPES = new Set(['', 'application/x-protobuf', 'application/protobuf']);

/**
 * `POST /loki/api/v1/push` → `204` after commit. As Loki does: `application/json` is the JSON push
 * format (gzip or deflate by Content-Encoding); `application/x-protobuf` (or no Content-Type) is a
 * snappy block of `logproto.PushRequest`, with `Content-Encoding: snappy` tolerated. Errors are plain
 * text: 400 bad data (clients drop it), 413 too large, 415 other content types, 429/503 + Retry-After.
 */
export function lokiRoutes(deps: LokiRoutesDeps): Hono<AuthEnv> {
  const logger = deps.logger ?? silentLogger;
  const app = new Hono<AuthEnv>();
  const auth = requireAuth({ auth: deps.tokens, roles: ['admin', 'ingest'] });
  const limit: MiddlewareHandler<AuthEnv> = deps.rateLimit ?? ((_c, next) => next());
  app.post('/loki/api/v1/push', countIngest(deps.metrics, 'loki'), auth, limit, async (c) => {
    const id = c.get('identity');
    const ctx = identityContext(id, {
      defaultHost: deps.defaultHost,
      rules: deps.limits,
      retentionDays: deps.retentionDays,
      defaultSource: 'loki',
      defaultSourcetype: 'loki',
    });
    const type = mediaType(c.req.header('Content-Type'));
    const encoding = (c.req.header('Content-Encoding') ?? '').trim().toLowerCase();
    const opts = { allowedIndexes: id.indexes, receivedMs: ctx.receivedMs, tally: ingestTally(c) };
    try {
      if (type === 'application/json') {
        const job = { decoder: 'lokiJson', args: { ctx }, shape: 'json', limits: deps.limits } as const;
        await ingestRequest(
          c.req.raw,
          deps,
          async (body) => (await decodeWith(deps.decodePool, job, body, id.orgId)).rows,
          opts,
        );
      } else if (PROTOBUF_TYPES.has(type)) {
        const job = { decoder: 'lokiProto', args: { ctx }, shape: undefined, limits: deps.limits } as const;
        const decode = async (body: Buffer) => {
          const block = await snappyBlock(body, deps.limits.maxDecodedBytes);
          return (await decodeWith(deps.decodePool, job, block, id.orgId)).rows;
        };
        await ingestRequest(
          c.req.raw,
          deps,
          decode,
          // The snappy compression is the payload's own; some clients also announce it as an encoding.
          { ...opts, encoding: encoding === 'snappy' ? 'identity' : undefined },
        );
      } else {
        throw new IngestError(
          415,
          HEC.invalidFormat,
          `unsupported Content-Type ${JSON.stringify(type)}: use application/x-protobuf (snappy) or application/json`,
        );
      }
      return c.body(null, 204);
    } catch (err) {
      const e = toIngestError(err);
      logNotStored(logger, 'loki', err, e);
      if (e.retryAfter !== undefined) c.header('Retry-After', String(e.retryAfter));
      return c.text(e.status === 500 ? 'internal error' : e.message, e.status);
    }
  });
  return app;
}
