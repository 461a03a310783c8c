// Elasticsearch-compatible ingestion: `_bulk` plus the few read endpoints log agents probe before sending.

import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { requireAuth } from '../auth/middleware.ts';
import type { Authenticator } from '../auth/types.ts';
import type { AuthEnv } from '../auth/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import { decodeWith } from './decode-pool.ts';
import type { BulkItem } from './es-bulk-decode.ts';
import type { IngestError } from './errors.ts';
import { identityContext } from './identity-context.ts';
import { ingestRequest, logNotStored, toIngestError } from './service.ts';
import type { IngestDeps } from './service.ts';
import { countIngest, ingestTally } from './tally.ts';

export interface ElasticsearchRoutesDeps extends IngestDeps {
  tokens: Authenticator;
  logger?: Logger;
  /** Runs right after the token check (per-tenant rate limits). */
  rateLimit?: MiddlewareHandler<AuthEnv>;
}

/**
 * The version we announce. Agents pick their request format from the major version (8: no `_type`);
 * Filebeat 8.x newer than this needs `allow_older_versions: true` (its default from 8.12 on).
 */
export const ES_VERSION = '8.17.0';
const CLUSTER_UUID = randomUUID();

const ERROR_TYPES: Record<number, string> = {
  400: 'parse_exception',
  413: 'content_too_long_exception',
  415: 'media_type_header_exception',
  500: 'exception',
  503: 'es_rejected_execution_exception',
};

/** Elasticsearch's error body: `{"error":{"root_cause":[…],"type","reason"},"status"}`. */
function esError(c: Context, e: IngestError): Response {
  if (e.retryAfter !== undefined) c.header('Retry-After', String(e.retryAfter));
  const cause = {
    type: ERROR_TYPES[e.status] ?? 'exception',
    reason: e.status === 500 ? 'internal error' : e.hec.code === 5 ? 'request body is required' : e.message,
  };
  return c.json({ error: { root_cause: [cause], ...cause }, status: e.status }, e.status);
}

function itemReply(item: BulkItem, seqNo: number): Record<string, unknown> {
  const body: Record<string, unknown> = { _index: item.index, _id: item.id };
  if (item.error === undefined) {
    Object.assign(body, {
      _version: 1,
      result: 'created',
      _shards: { total: 1, successful: 1, failed: 0 },
      _seq_no: seqNo,
      _primary_term: 1,
    });
  }
  body['status'] = item.status;
  if (item.error !== undefined) body['error'] = item.error;
  return { [item.action]: body };
}

/**
 * Where the API answers: under `/es` (an agent given a path prefix) and at the root (an agent given just
 * host:port). `/es` first, so that `/es/_bulk` is not read as `/<index>/_bulk` for an index named `es`.
 */
export const ES_PREFIXES = ['/es', ''] as const;

/**
 * Routes, at the root and under `/es` (ES_PREFIXES), for `app.route('/', …)`:
 * - `POST|PUT /_bulk`, `POST|PUT /<index>/_bulk` → `200 {took, errors, items}` after the stored items
 *   committed; per-item 400/403 for bad documents, index names, `update`/`delete`; whole-request 400 for a
 *   malformed action line, 413/415 for the body, 503 + Retry-After when the store cannot take it.
 * - `GET|HEAD /` (version info), `GET /_license`, `GET /_cluster/health`: what Vector, Filebeat and Logstash
 *   probe before sending.
 * All need a token with the admin or ingest role (Bearer, ApiKey, or Basic with the token as password).
 */
export function elasticsearchRoutes(deps: ElasticsearchRoutesDeps): Hono<AuthEnv> {
  const logger = deps.logger ?? silentLogger;
  const app = new Hono<AuthEnv>();
  // Per route, not `app.use`: mounted at `/`, a sub-app's middleware would cover every path of the API.
  const product: MiddlewareHandler<AuthEnv> = async (c, next) => {
    await next();
    c.header('X-Elastic-Product', 'Elasticsearch');
  };
  const auth = requireAuth({ auth: deps.tokens, roles: ['admin', 'ingest'] });
  const limit: MiddlewareHandler<AuthEnv> = deps.rateLimit ?? ((_c, next) => next());
  const guard = [product, auth, limit] as const;
  const counted = [countIngest(deps.metrics, 'elasticsearch'), ...guard] as const;

  const bulk = async (c: Context<AuthEnv>) => {
    const started = Date.now();
    const id = c.get('identity');
    const urlIndex = c.req.param('index');
    const ctx = identityContext(
      id,
      {
        defaultHost: deps.defaultHost,
        defaultSource: 'elasticsearch',
        defaultSourcetype: 'elasticsearch',
        rules: deps.limits,
        retentionDays: deps.retentionDays,
      },
      started,
    );
    let items: BulkItem[] = [];
    const tally = ingestTally(c);
    try {
      const job = {
        decoder: 'bulk',
        args: {
          ctx,
          opts: {
            ...(urlIndex === undefined ? {} : { urlIndex }),
            ...(id.indexes === undefined ? {} : { allowedIndexes: id.indexes }),
          },
        },
        shape: 'json',
        limits: deps.limits,
      } as const;
      await ingestRequest(
        c.req.raw,
        deps,
        async (body) => {
          items = (await decodeWith(deps.decodePool, job, body, id.orgId)).items;
          for (const item of items) {
            if (item.error !== undefined) {
              tally?.refuseEvents(1, item.status === 403 ? 'incorrect_index' : 'invalid_format');
            }
          }
          return items.flatMap((item) => (item.row === undefined ? [] : [item.row]));
        },
        // Indexes a token may not write fail per item (403), in decodeBulk: no allowedIndexes here.
        { receivedMs: ctx.receivedMs, tally },
      );
    } catch (err) {
      const e = toIngestError(err);
      logNotStored(logger, 'elasticsearch', err, e);
      return esError(c, e);
    }
    return c.json({
      took: Date.now() - started,
      errors: items.some((item) => item.error !== undefined),
      items: items.map(itemReply),
    });
  };
  for (const prefix of ES_PREFIXES) {
    for (const path of [`${prefix}/_bulk`, `${prefix}/:index/_bulk`]) {
      app.post(path, ...counted, bulk);
      app.put(path, ...counted, bulk);
    }
  }

  // GET also answers HEAD (Logstash's health check is `HEAD /`).
  const info = (c: Context<AuthEnv>) =>
    c.json({
      name: deps.defaultHost,
      cluster_name: 'nexus',
      cluster_uuid: CLUSTER_UUID,
      version: {
        number: ES_VERSION,
        build_flavor: 'default',
        build_type: 'nexus',
        build_snapshot: false,
        lucene_version: '9.12.0',
        minimum_wire_compatibility_version: '7.17.0',
        minimum_index_compatibility_version: '7.0.0',
      },
      tagline: 'You Know, for Search',
    });
  // Filebeat's license check (x-pack) and Logstash's want an active license.
  const license = (c: Context<AuthEnv>) =>
    c.json({
      license: { uid: CLUSTER_UUID, type: 'basic', status: 'active', issued_to: 'nexus', issuer: 'nexus' },
    });
  // Vector's health check wants 200.
  const health = (c: Context<AuthEnv>) =>
    c.json({
      cluster_name: 'nexus',
      status: deps.batcher.saturated ? 'yellow' : 'green',
      timed_out: false,
      number_of_nodes: 1,
      number_of_data_nodes: 1,
    });
  for (const prefix of ES_PREFIXES) {
    // `/es` and `/es/`: agents join their path prefix and `/` either way.
    for (const root of prefix === '' ? ['/'] : [prefix, `${prefix}/`]) app.get(root, ...guard, info);
    app.get(`${prefix}/_license`, ...guard, license);
    app.get(`${prefix}/_cluster/health`, ...guard, health);
  }
  return app;
}
