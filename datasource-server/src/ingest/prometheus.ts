// Metrics ingestion routes: Prometheus remote-write v1 (POST /api/v1/write) and VictoriaMetrics JSON import (POST /api/v1/import).

import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { requireAuth } from '../auth/middleware.ts';
import type { AuthEnv, Authenticator } from '../auth/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import { HEC, IngestError } from './errors.ts';
import { identityContext } from './identity-context.ts';
import { mediaType } from './protocol-route.ts';
import { decodeWith } from './decode-pool.ts';
import { ingestSamples, logNotStored, toIngestError } from './service.ts';
import type { IngestDeps } from './service.ts';
import { snappyBlock } from './snappy.ts';
import { countIngest, ingestTally } from './tally.ts';

export interface MetricsIngestDeps extends IngestDeps {
  tokens: Authenticator;
  logger?: Logger;
  /** Runs right after the token check (per-tenant rate limits). */
  rateLimit?: MiddlewareHandler<AuthEnv>;
}

const PROTOBUF_TYPES = new Set(['', 'application/x-protobuf', 'application/protobuf']);

/** Plain-text errors as Prometheus' own receiver answers them; 403, 413, 415, 503 + Retry-After as such. */
function failure(c: Context, err: unknown, logger: Logger, route: string): Response {
  const e = toIngestError(err);
  logNotStored(logger, route, err, e);
  if (e.retryAfter !== undefined) c.header('Retry-After', String(e.retryAfter));
  return c.text(e.status === 500 ? 'internal error' : e.message, e.status);
}

/**
 * - `POST /api/v1/write`: a snappy block of `prometheus.WriteRequest` (Content-Type
 *   `application/x-protobuf` or none; `Content-Encoding: snappy` is the payload's own and tolerated, any
 *   other is 415) → 204 after commit; 400 undecodable, 413 too large, 503 + Retry-After store down.
 * - `POST /api/v1/import`: VictoriaMetrics JSON lines (gzip, deflate or zstd by Content-Encoding) → 204.
 *
 * The tenant is the token's org (an `org_id` label in the payload is dropped); `index` is the series' own
 * label when the token may write it (else 400, HEC code 7), else the token's default index, else `main`.
 */
export function metricsIngestRoutes(deps: MetricsIngestDeps): Hono<AuthEnv> {
  const logger = deps.logger ?? silentLogger;
  const app = new Hono<AuthEnv>();
  const auth = requireAuth({ auth: deps.tokens, roles: ['admin', 'ingest'] });
  const limit: MiddlewareHandler<AuthEnv> = deps.rateLimit ?? ((_c, next) => next());
  const contextOf = (c: Context<AuthEnv>, protocol: string) => {
    const id = c.get('identity');
    const ctx = identityContext(id, {
      defaultHost: deps.defaultHost,
      rules: deps.limits,
      retentionDays: deps.retentionDays,
      defaultSource: protocol,
      defaultSourcetype: protocol,
    });
    return { ctx, opts: { allowedIndexes: id.indexes, receivedMs: ctx.receivedMs, tally: ingestTally(c) } };
  };

  app.post('/api/v1/write', countIngest(deps.metrics, 'prometheus'), auth, limit, async (c) => {
    const { ctx, opts } = contextOf(c, 'prometheus');
    const type = mediaType(c.req.header('Content-Type'));
    const encoding = (c.req.header('Content-Encoding') ?? '').trim().toLowerCase();
    try {
      if (!PROTOBUF_TYPES.has(type)) {
        throw new IngestError(
          415,
          HEC.invalidFormat,
          `unsupported Content-Type ${JSON.stringify(type)}: use application/x-protobuf`,
        );
      }
      if (encoding !== '' && encoding !== 'snappy' && encoding !== 'identity') {
        throw new IngestError(
          415,
          HEC.invalidFormat,
          `unsupported Content-Encoding ${JSON.stringify(encoding)}: remote-write bodies are snappy blocks`,
        );
      }
      await ingestSamples(
        c.req.raw,
        deps,
        async (body) => {
          const block = await snappyBlock(body, deps.limits.maxDecodedBytes);
          const job = {
            decoder: 'remoteWrite',
            args: { ctx },
            shape: undefined,
            limits: deps.limits,
          } as const;
          return (await decodeWith(deps.decodePool, job, block, ctx.orgId)).samples;
        },
        { ...opts, encoding: 'identity' },
      );
      return c.body(null, 204);
    } catch (err) {
      opts.tally?.failed(err);
      return failure(c, err, logger, 'remote-write');
    }
  });

  app.post('/api/v1/import', countIngest(deps.metrics, 'vm_import'), auth, limit, async (c) => {
    const { ctx, opts } = contextOf(c, 'vm_import');
    try {
      const job = { decoder: 'vmImport', args: { ctx }, shape: 'json', limits: deps.limits } as const;
      await ingestSamples(
        c.req.raw,
        deps,
        async (body) => (await decodeWith(deps.decodePool, job, body, ctx.orgId)).samples,
        opts,
      );
      return c.body(null, 204);
    } catch (err) {
      return failure(c, err, logger, 'import');
    }
  });
  return app;
}
