// OTLP/HTTP logs route: POST /v1/logs with protobuf or JSON `ExportLogsServiceRequest` (OpenTelemetry SDKs, Collector).

import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { requireAuth } from '../auth/middleware.ts';
import type { AuthEnv, Authenticator } from '../auth/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import { HEC, IngestError } from './errors.ts';
import { decodeWith } from './decode-pool.ts';
import type { OtlpDecoded } from './otlp-decode.ts';
import { identityContext } from './identity-context.ts';
import { mediaType } from './protocol-route.ts';
import { ProtoWriter } from './protobuf.ts';
import { ingestRequest, logNotStored, toIngestError } from './service.ts';
import type { IngestDeps } from './service.ts';
import { countIngest, ingestTally } from './tally.ts';

export interface OtlpRoutesDeps extends IngestDeps {
  tokens: Authenticator;
  logger?: Logger;
  /** Runs right after the token check (per-tenant rate limits). */
  rateLimit?: MiddlewareHandler<AuthEnv>;
}

type Format = 'protobuf' | 'json';

const FORMATS: Record<string, Format> = {
  'application/x-protobuf': 'protobuf',
  'application/protobuf': 'protobuf',
  'application/json': 'json',
};

/** gRPC status codes for `google.rpc.Status.code` (informational: OTLP clients act on the HTTP status). */
const GRPC_CODE: Record<number, number> = { 400: 3, 413: 3, 415: 12, 429: 8, 500: 13, 503: 14 };

function reply(
  c: Context,
  format: Format,
  status: 200 | 400 | 403 | 413 | 415 | 429 | 500 | 503,
  proto: ProtoWriter,
  json: unknown,
) {
  if (format === 'json') return c.json(json, status);
  c.header('Content-Type', 'application/x-protobuf');
  return c.body(proto.finish(), status);
}

/** `ExportLogsServiceResponse`: empty on full success, `partial_success` when records were refused. */
function success(c: Context, format: Format, d: OtlpDecoded) {
  if (d.rejected === 0) return reply(c, format, 200, new ProtoWriter(), {});
  const more = d.rejected > d.errors.length ? ` (and ${d.rejected - d.errors.length} more)` : '';
  const message = `${d.rejected} log record(s) rejected: ${d.errors.join('; ')}${more}`;
  const partial = new ProtoWriter().int(1, d.rejected).string(2, message);
  return reply(c, format, 200, new ProtoWriter().message(1, partial), {
    partialSuccess: { rejectedLogRecords: String(d.rejected), errorMessage: message },
  });
}

/** A `google.rpc.Status` body in the request's encoding, as OTLP/HTTP asks for 4xx and 5xx. */
function failure(c: Context, format: Format, e: IngestError) {
  if (e.retryAfter !== undefined) c.header('Retry-After', String(e.retryAfter));
  const message = e.status === 500 ? 'internal error' : e.message;
  const code = GRPC_CODE[e.status] ?? 2;
  return reply(c, format, e.status, new ProtoWriter().int(1, code).string(2, message), { code, message });
}

/**
 * `POST /v1/logs` → `200 ExportLogsServiceResponse` after commit, in the request's encoding
 * (`application/x-protobuf` or `application/json`; gzip by Content-Encoding). Records that cannot be
 * stored are reported in `partial_success` (never retried); an undecodable body is 400, too large
 * 413, another content type 415, overload 503 + Retry-After. Errors are `google.rpc.Status` bodies.
 */
export function otlpRoutes(deps: OtlpRoutesDeps): Hono<AuthEnv> {
  const logger = deps.logger ?? silentLogger;
  const app = new Hono<AuthEnv>();
  const auth = requireAuth({ auth: deps.tokens, roles: ['admin', 'ingest'] });
  const limit: MiddlewareHandler<AuthEnv> = deps.rateLimit ?? ((_c, next) => next());
  app.post('/v1/logs', countIngest(deps.metrics, 'otlp'), auth, limit, async (c) => {
    const id = c.get('identity');
    const type = mediaType(c.req.header('Content-Type'));
    const format = FORMATS[type];
    if (format === undefined) {
      const message = `unsupported Content-Type ${JSON.stringify(type)}: use application/x-protobuf or application/json`;
      return failure(c, 'json', new IngestError(415, HEC.invalidFormat, message));
    }
    const ctx = identityContext(id, {
      defaultHost: deps.defaultHost,
      rules: deps.limits,
      retentionDays: deps.retentionDays,
      defaultSource: 'otlp',
      defaultSourcetype: 'otlp',
    });
    let decoded: OtlpDecoded = { rows: [], rejected: 0, errors: [] };
    const tally = ingestTally(c);
    try {
      const job = {
        decoder: 'otlp',
        args: { ctx, format },
        shape: format === 'json' ? 'json' : undefined,
        limits: deps.limits,
      } as const;
      await ingestRequest(
        c.req.raw,
        deps,
        async (body) => {
          decoded = await decodeWith(deps.decodePool, job, body, id.orgId);
          // Records refused one by one (partial_success): bad fields or index names.
          tally?.refuseEvents(decoded.rejected, 'invalid_format');
          return decoded.rows;
        },
        {
          allowedIndexes: id.indexes,
          receivedMs: ctx.receivedMs,
          tally,
        },
      );
      return success(c, format, decoded);
    } catch (err) {
      const e = toIngestError(err);
      logNotStored(logger, 'otlp', err, e);
      return failure(c, format, e);
    }
  });
  return app;
}
