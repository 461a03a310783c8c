// The Hono application: health, ingestion (HEC, Vector) and the authenticated /query mount point.

import { createKnowledgeRouter } from './knowledge/routes.ts';
import { createKnowledgeService } from './knowledge/service.ts';
import type { KnowledgeService } from './knowledge/service.ts';
import { DataModelSummarizer } from './knowledge/acceleration.ts';
import { registerSummaryMetrics } from './knowledge/summary-metrics.ts';
import os from 'node:os';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requireAuth } from './auth/middleware.ts';
import type { TokenService } from './auth/tokens.ts';
import type { AuthEnv, Authenticator } from './auth/types.ts';
import { createAdminRouter } from './admin/routes.ts';
import { registerBackupMetrics } from './backup/metrics.ts';
import { createBackupRouter } from './backup/routes.ts';
import { createBackupService } from './backup/service.ts';
import type { AuditLog } from './query/audit.ts';
import { RunningQueries } from './query/running.ts';
import { createTenantService, tenantRateResolver, withTenantGate } from './tenants/service.ts';
import type { TenantService } from './tenants/service.ts';
import type { Config } from './config.ts';
import { RequestLedger } from './ingest/ledger.ts';
import { elasticsearchRoutes } from './ingest/elasticsearch.ts';
import type { RowSink } from './ingest/sink.ts';
import { hecRoutes } from './ingest/hec.ts';
import { HecAckRegistry } from './ingest/hec-ack.ts';
import { lokiRoutes } from './ingest/loki.ts';
import { otlpRoutes } from './ingest/otlp.ts';
import { tableMetricSink, victoriaMetricsSink } from './ingest/metric-sink.ts';
import type { MetricSink } from './ingest/metric-sink.ts';
import { metricsIngestRoutes } from './ingest/prometheus.ts';
import { promReadRoutes } from './metrics/read-routes.ts';
import { VictoriaMetrics } from './metrics/victoria.ts';
import { vectorRoutes } from './ingest/vector.ts';
import { configResolver, createTenantRateLimiter, rateLimit } from './limits/rate.ts';
import type { TenantRateLimiter } from './limits/rate.ts';
import type { Store } from './store/types.ts';
import type { Logger } from './telemetry/logger.ts';
import { silentLogger } from './telemetry/logger.ts';
import { createMetrics, httpMetrics } from './telemetry/metrics.ts';
import type { Metrics } from './telemetry/metrics.ts';
import { observedAuditLog } from './telemetry/search-metrics.ts';
import { registerDiskMetrics, registerPingMetric } from './telemetry/store-metrics.ts';
import { StoreHealth } from './store/health.ts';
import { createQueryRouter } from './query/routes.ts';
import type { DecodePool } from './ingest/decode-pool.ts';
import { CompilePool } from './query/compile-pool.ts';
import { BytesInFlight } from './limits/in-flight.ts';
import type { Compiler } from './query/compile-pool.ts';
import type { SearchDeps } from './query/execute.ts';
import { splunkRestRoutes } from './splunk-rest/routes.ts';
import { createLookupsRouter } from './lookups/routes.ts';
import { createModelsRouter } from './models/routes.ts';
import { queryLimitsFrom } from './query/service.ts';
import type { MacroRegistry } from '@nexus/spl';

/** Mutable service state shared with main.ts: `ready` turns true after migrations, false on SIGTERM. */
export interface AppState {
  ready: boolean;
}

export interface AppDeps {
  config: Config;
  store: Store;
  /** Service tokens: verified on every route, managed by the admin API. */
  tokens: TokenService;
  /**
   * What verifies credentials (service tokens, OIDC JWTs). Default: the service tokens. Either way, the
   * tenants' bans are enforced on top (`withTenantGate`).
   */
  auth?: Authenticator;
  /** Tenant bans and limits. Default: a service over `store`. */
  tenants?: TenantService;
  /** The running searches (admins list and kill them). Default: a new registry. */
  running?: RunningQueries;
  /** Where every search is recorded (the `query_log` table). */
  audit?: AuditLog;
  /** Where ingested rows go: the ClickHouse Batcher, or the Kafka producer sink when KAFKA_BROKERS is set. */
  batcher: RowSink;
  /**
   * Recognises retried ingest requests. Default: a new one from `config.ingest` (main.ts passes one it
   * rebuilt from the store at startup); none when the window is 0.
   */
  ledger?: RequestLedger;
  logger?: Logger;
  /** Defaults to `{ ready: true }` (tests that build the app after migrating). */
  state?: AppState;
  /**
   * The query API, mounted at `/query` behind `requireAuth` (roles viewer, editor, admin), so its
   * handlers can read `c.get('identity')`. Default: `createQueryRouter({ store })` from src/query/.
   */
  queryRouter?: Hono<AuthEnv>;
  /** A tenant's knowledge objects (default: kept in the store's `knowledge_objects` table). */
  knowledge?: KnowledgeService;
  /** Builds and reports the accelerated data models' summaries (default: one over the store, not scheduled). */
  summaries?: DataModelSummarizer;
  /** Search macros for the default query router. */
  macros?: MacroRegistry;
  /**
   * Where searches compile. Default: a pool of worker threads sized by `config.query` (compile-pool.ts),
   * started on first use.
   */
  compiler?: Compiler;
  /** Where large ingest bodies decode off the event loop; none: every body decodes on it. */
  decodePool?: DecodePool;
  /** Served at GET /metrics. Default: a fresh registry. */
  metrics?: Metrics;
  /**
   * Per-tenant rate limits (src/limits/rate.ts); main.ts passes one on Redis when REDIS_URL is set.
   * Default: in memory, limits from `config.rateLimit`. Build it with the same `metrics`.
   */
  rateLimiter?: TenantRateLimiter;
  /** HEC indexer-acknowledgement state. Default: in memory, bounded by `config.hecAck`. */
  hecAcks?: HecAckRegistry;
  /**
   * Where metric samples go. Default: VictoriaMetrics when `config.metrics.url` is set, else a batcher into
   * the `metrics` table (main.ts passes its own to close it on shutdown).
   */
  metricSink?: MetricSink;
}

/** `/health/ready`: the store's answer is shared for a second; a check unanswered for 2 s is a failure. */
const READY_FRESH_MS = 1_000;
const READY_PROBE_TIMEOUT_MS = 2_000;

/**
 * Builds the app. Routes:
 * - `GET /health/live`, `GET /health/ready` (no token)
 * - `/services/collector/*` (Splunk HEC), `POST /ingest/logs` (Vector), `POST /loki/api/v1/push` (Loki),
 *   `POST /v1/logs` (OTLP/HTTP)
 *   and `POST /_bulk`, `/es/_bulk` (Elasticsearch bulk, with `GET /`, `/_license`, `/_cluster/health`)
 * - `POST /api/v1/write` (Prometheus remote-write), `POST /api/v1/import` (VictoriaMetrics JSON lines)
 * - `GET|POST /api/v1/{query,query_range,labels,label/:name/values,series}` (Prometheus read API, viewers)
 * - `/query/*` → `deps.queryRouter`
 * - `/lookups`, `/lookups/:name` → lookup tables (src/lookups/routes.ts)
 * - `/models`, `/models/:name` → Machine Learning Toolkit models (src/models/routes.ts)
 * - `/admin/*` → tokens, running searches, retention, tenants (src/admin/routes.ts; admin role)
 * - `/admin/backups` → backup create, list, restore (src/backup/routes.ts; operator admins)
 * - `GET /metrics` → Prometheus text format (admin token of the operator org)
 *
 * Authenticated routes (all but health and metrics) are rate limited per org after the token check.
 *
 * @example const app = createApp({ config, store, tokens, batcher });
 */
export function createApp(deps: AppDeps): Hono<AuthEnv> {
  const logger = deps.logger ?? silentLogger;
  const state = deps.state ?? { ready: true };
  const metrics = deps.metrics ?? createMetrics();
  const tenants = deps.tenants ?? createTenantService({ store: deps.store, logger });
  const limiter =
    deps.rateLimiter ??
    createTenantRateLimiter({
      resolve: tenantRateResolver(configResolver(deps.config.rateLimit), tenants),
      maxBodyBytes: deps.config.ingest.maxBodyBytes,
      metrics,
      logger,
    });
  const limit = (errors: 'hec' | 'json', countBody = false) =>
    rateLimit({ limiter, metrics, errors, countBody });
  const app = new Hono<AuthEnv>();
  const auth = withTenantGate(deps.auth ?? deps.tokens, tenants);
  const running = deps.running ?? new RunningQueries((org) => metrics.search.refused(org));
  registerDiskMetrics({ registers: [metrics.registry], store: deps.store, logger });
  const storeHealth = new StoreHealth({
    ping: () => deps.store.ping(),
    freshMs: READY_FRESH_MS,
    timeoutMs: READY_PROBE_TIMEOUT_MS,
    observe: registerPingMetric([metrics.registry]),
  });
  const knowledge = deps.knowledge ?? createKnowledgeService(deps.store);

  app.use(httpMetrics(metrics));
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    logger.debug('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });

  app.get('/health/live', (c) => c.json({ status: 'live' }));
  app.get('/health/ready', async (c) => {
    if (!state.ready) return c.json({ status: 'not ready' }, 503);
    const store = await storeHealth.status();
    if (store.ok) return c.json({ status: 'ready', mode: deps.store.mode });
    logger.warn('health: store probe failed', { reason: store.reason });
    return c.json({ status: 'store unavailable', reason: store.reason }, 503);
  });

  const { dedupWindowMs, dedupMaxKeys } = deps.config.ingest;
  const ledger =
    deps.ledger ??
    (dedupWindowMs > 0
      ? new RequestLedger({ windowMs: dedupWindowMs, maxKeys: dedupMaxKeys, logger })
      : undefined);
  const vm =
    deps.config.metrics.url === undefined
      ? undefined
      : new VictoriaMetrics({ ...deps.config.metrics, url: deps.config.metrics.url });
  const metricSink =
    deps.metricSink ??
    (vm ? victoriaMetricsSink(vm) : tableMetricSink(deps.store, deps.config.batch, logger));
  const ingest = {
    batcher: deps.batcher,
    metricSink,
    ...(ledger ? { ledger } : {}),
    tokens: auth,
    limits: deps.config.ingest,
    decodedInFlight: new BytesInFlight(deps.config.ingest.maxDecodedInFlight),
    ...(deps.decodePool === undefined ? {} : { decodePool: deps.decodePool }),
    defaultHost: os.hostname(),
    retentionDays: deps.config.retentionDays,
    metrics: metrics.ingest,
    logger,
  };
  app.route(
    '/services/collector',
    hecRoutes({
      ...ingest,
      isReady: () => state.ready,
      rateLimit: limit('hec', true),
      acks: deps.hecAcks ?? new HecAckRegistry(deps.config.hecAck),
    }),
  );
  app.route('/ingest', vectorRoutes({ ...ingest, rateLimit: limit('json', true) }));
  app.route('/', lokiRoutes({ ...ingest, rateLimit: limit('json', true) })); // POST /loki/api/v1/push
  app.route('/', otlpRoutes({ ...ingest, rateLimit: limit('json', true) })); // POST /v1/logs
  // Elasticsearch `_bulk` for agents that only speak it, at the root and under `/es`.
  app.route('/', elasticsearchRoutes({ ...ingest, rateLimit: limit('json', true) }));
  // Metrics: POST /api/v1/write (Prometheus remote-write), POST /api/v1/import (VictoriaMetrics JSON lines).
  app.route('/', metricsIngestRoutes({ ...ingest, rateLimit: limit('json', true) }));
  // The Prometheus read API, tenant-scoped (src/metrics/read-routes.ts): viewers, editors, admins.
  app.route('/', promReadRoutes({ auth, store: deps.store, vm, logger, rateLimit: limit('json') }));

  // ── Query API mount point (owned by src/query/) ─────────────────────────────────────────────
  app.use('/query/*', requireAuth({ auth, roles: ['viewer', 'editor', 'admin'] }), limit('json'));
  const search: SearchDeps = {
    store: deps.store,
    limits: queryLimitsFrom(deps.config.query),
    maxConcurrentQueries: deps.config.query.maxConcurrent,
    tenants,
    running,
    // Every search (also through the Splunk REST API) is counted in the search metrics, then audited.
    audit: observedAuditLog(metrics.search, deps.audit),
    ...(deps.macros ? { macros: deps.macros } : {}),
    compiler:
      deps.compiler ??
      new CompilePool({
        workers: deps.config.query.compileWorkers,
        timeoutMs: deps.config.query.compileTimeoutMs,
      }),
    knowledge: (orgId: string) => knowledge.objects(orgId),
    ...(vm
      ? {
          metrics: {
            url: vm.config.url,
            timeoutMs: vm.config.timeoutMs,
            ...(vm.config.tenancy === 'account' ? { urlFor: (org: string) => vm.selectUrl(org, '') } : {}),
          },
        }
      : {}),
  };
  app.route('/query', deps.queryRouter ?? createQueryRouter(search));
  // ────────────────────────────────────────────────────────────────────────────────────────────

  // Splunk's REST search API (src/splunk-rest/): /services/search/jobs…, export, parser, auth/login, server/info.
  app.route('/', splunkRestRoutes({ auth, search, rateLimit: limit('json'), logger }));

  // Lookup tables (src/lookups/): viewers read, editors and admins write (checked by the routes).
  // `/lookups/*` also matches `/lookups` itself.
  app.use('/lookups/*', requireAuth({ auth, roles: ['viewer', 'editor', 'admin'] }), limit('json'));
  app.route('/lookups', createLookupsRouter({ store: deps.store, ...deps.config.lookups }));

  // Machine Learning Toolkit models (src/models/): viewers list and read, editors and admins delete.
  app.use('/models/*', requireAuth({ auth, roles: ['viewer', 'editor', 'admin'] }), limit('json'));
  app.route('/models', createModelsRouter({ store: deps.store }));

  // Administration (src/admin/): tokens, running searches, retention per index, tenants.
  app.use('/admin/*', requireAuth({ auth, roles: ['admin'] }), limit('json'));
  app.route(
    '/admin',
    createAdminRouter({
      store: deps.store,
      tokens: deps.tokens,
      tenants,
      running,
      operatorOrg: deps.config.operatorOrg,
      retentionDays: deps.config.retentionDays,
    }),
  );
  // Backups of the whole store (src/backup/): operator admins; their status is exported at /metrics.
  const backups = createBackupService({
    store: deps.store,
    config: deps.config.backup,
    logger,
    afterRestore: () => deps.tokens.refresh(),
  });
  registerBackupMetrics(metrics.registry, backups);
  app.route('/admin/backups', createBackupRouter({ backups, operatorOrg: deps.config.operatorOrg }));

  // Knowledge objects (src/knowledge/): a tenant's eventtypes/tags/props/transforms.conf, admins only.
  const summaries =
    deps.summaries ??
    new DataModelSummarizer({
      store: deps.store,
      knowledge: (orgId) => knowledge.objects(orgId),
      maxExecutionSeconds: deps.config.query.maxExecutionSeconds,
    });
  registerSummaryMetrics(metrics.registry, summaries);
  app.route('/admin/knowledge', createKnowledgeRouter({ knowledge, summaries }));

  // Prometheus scrapes with a bearer token. The metrics cover every tenant (org labels), so only admins
  // of the operator org may read them; an admin of another org gets 403 like a viewer.
  app.get('/metrics', requireAuth({ auth, roles: ['admin'] }), async (c) => {
    if (c.get('identity').orgId !== deps.config.operatorOrg) {
      return c.json({ error: { code: 'forbidden', message: 'metrics are for the operator org' } }, 403);
    }
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );

  // One place maps thrown errors: HTTPException keeps its 4xx status and message; anything else is
  // a 500 whose details stay in the log.
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) {
      return c.json({ error: { code: 'bad_request', message: err.message } }, err.status);
    }
    logger.error('unhandled error', { method: c.req.method, path: c.req.path, err });
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  });
  return app;
}
