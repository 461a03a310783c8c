// nexus-api entry point: config → store → migrations → bootstrap token → HTTP; graceful SIGTERM.

import './threadpool.ts'; // first: sizes libuv's thread pool before any module uses it
import { createApp } from './app.ts';
import { applyRetention } from './admin/retention.ts';
import { DataModelSummarizer } from './knowledge/acceleration.ts';
import { createKnowledgeService } from './knowledge/service.ts';
import { createAuditLog } from './query/audit.ts';
import { DecodePool } from './ingest/decode-pool.ts';
import { CompilePool } from './query/compile-pool.ts';
import { loadMacroFiles } from './query/macros.ts';
import type { AppState } from './app.ts';
import { createAuthenticator } from './auth/combined.ts';
import { createOidcAuthenticator } from './auth/oidc.ts';
import { createTokenService } from './auth/tokens.ts';
import { ConfigError, loadConfig } from './config.ts';
import type { Config } from './config.ts';
import { Batcher } from './ingest/batcher.ts';
import type { RowSink } from './ingest/sink.ts';
import { startKafkaIngest } from './kafka/index.ts';
import { configResolver, createTenantRateLimiter } from './limits/rate.ts';
import { connectRedis } from './limits/redis.ts';
import { listen } from './server.ts';
import { createStore } from './store/store.ts';
import { loadGeoip } from './geoip/load.ts';
import { runMigrations, schemaOptionsOf } from './store/migrations.ts';
import { RequestLedger } from './ingest/ledger.ts';
import { applyRowPolicy, TENANT_TABLES } from './store/row-policy.ts';
import { createLogger } from './telemetry/logger.ts';
import { createMetrics } from './telemetry/metrics.ts';
import { registerKafkaLag } from './telemetry/kafka-lag.ts';
import { kafkajsOffsets } from './kafka/kafkajs.ts';
import { createTenantService, tenantRateResolver } from './tenants/service.ts';
import { tableMetricSink, victoriaMetricsSink } from './ingest/metric-sink.ts';
import { VictoriaMetrics } from './metrics/victoria.ts';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(
        JSON.stringify({ ts: new Date().toISOString(), level: 'error', msg: err.message }) + '\n',
      );
      process.exit(2);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel });
  const store = await createStore(config, { logger });
  logger.info('store open', {
    mode: store.mode,
    dataDir: store.mode === 'embedded' ? config.dataDir : undefined,
    queryPoolSize: config.queryPoolSize,
  });

  const migrated = await runMigrations(store, schemaOptionsOf(config));
  logger.info('migrations done', { ...migrated, retentionDays: config.retentionDays });

  // The IP country database `iplocation` reads: loaded in the background (about 1 M networks, once per
  // version of the shipped package); until then `iplocation` finds no country.
  // NEXUS_GEOIP=off: only the (empty) table and dictionary, so `iplocation` still runs.
  const geoipStarted = Date.now();
  loadGeoip(store, config.geoip ? undefined : { networks: [], version: 'off' }).then(
    (networks) => logger.info('geoip ready', { networks, ms: Date.now() - geoipStarted }),
    (err: unknown) => logger.warn('geoip: loading the IP country database failed', { error: String(err) }),
  );

  // Server mode with CLICKHOUSE_QUERY_USER: searches run as a read-only user under a row policy.
  const queryUser = config.clickhouse?.queryUser;
  if (config.clickhouse !== undefined && queryUser !== undefined) {
    await applyRowPolicy(store, {
      database: config.clickhouse.database,
      queryUser: queryUser.name,
      password: queryUser.password,
      cluster: config.clickhouse.cluster,
    });
    logger.info('row policy on', { queryUser: queryUser.name, tables: TENANT_TABLES });
  }

  const tokens = createTokenService({ store, logger });
  const { generatedToken } = await tokens.bootstrap(config.adminToken);
  if (generatedToken !== undefined) {
    // Shown once: only its SHA-256 is stored. Set NEXUS_ADMIN_TOKEN to choose your own instead.
    logger.warn('auth: generated the admin token for org "default"; it is shown only this once', {
      token: generatedToken,
    });
  }

  // JWTs (a.b.c) go to OIDC when OIDC_ISSUER is set, other credentials to the service tokens. The key
  // set is loaded in the background: an unreachable issuer is a warning, not a failed start.
  const oidc = config.oidc ? createOidcAuthenticator(config.oidc, { logger }) : undefined;
  void oidc?.warmUp();
  const auth = createAuthenticator({ tokens, oidc });

  const macros = await loadMacroFiles(config.macroFiles);
  if (macros.errors.length > 0) {
    throw new Error(
      `cannot load search macros (NEXUS_MACROS): ${macros.errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('; ')}`,
    );
  }
  logger.info('search macros loaded', { files: config.macroFiles, macros: macros.registry.size });

  // KAFKA_BROKERS: a request is acknowledged once Kafka has its rows; a consumer inserts them (src/kafka/).
  const kafka = config.kafka && startKafkaIngest(config.kafka, config, { store, logger });
  const metrics = createMetrics();
  // The consumer group's lag, read from the brokers at scrape time (wherever the consumer runs).
  const kafkaOffsets = config.kafka && kafkajsOffsets(config.kafka, logger.child({ component: 'kafka-lag' }));
  if (config.kafka && kafkaOffsets) {
    registerKafkaLag({
      registers: [metrics.registry],
      offsets: kafkaOffsets,
      topic: config.kafka.topic,
      groupId: config.kafka.groupId,
      logger,
    });
  }
  const batcher: RowSink =
    kafka?.sink ?? new Batcher({ store, ...config.batch, logger, metrics: metrics.ingest });
  if (config.kafka) {
    logger.info('ingest via kafka', {
      brokers: config.kafka.brokers,
      topic: config.kafka.topic,
      consumer: config.kafka.consumer ? config.kafka.groupId : 'off',
    });
  }
  // Retried ingest requests add no rows; the requests of the last window are read back from the store, so
  // this holds across a crash too.
  let ledger: RequestLedger | undefined;
  if (config.ingest.dedupWindowMs > 0) {
    ledger = new RequestLedger({
      windowMs: config.ingest.dedupWindowMs,
      maxKeys: config.ingest.dedupMaxKeys,
      logger,
    });
    const recovered = await ledger.recover(store);
    logger.info('ingest: request ledger recovered', recovered);
  }
  // Metric samples: VictoriaMetrics (METRICS_URL), else the `metrics` table through its own batcher.
  const metricSink = config.metrics.url
    ? victoriaMetricsSink(new VictoriaMetrics({ ...config.metrics, url: config.metrics.url }))
    : tableMetricSink(store, config.batch, logger);
  logger.info('metrics store', {
    store: config.metrics.url ? 'victoriametrics' : 'embedded',
    tenancy: config.metrics.tenancy,
  });
  const state: AppState = { ready: false };
  const audit = createAuditLog({ store, logger });
  const tenants = createTenantService({ store, logger });
  // Rate limits: shared in Redis when REDIS_URL is set; startup does not wait for it (memory meanwhile).
  // A tenant's own limits (set through /admin/tenants) win over the configuration's.
  const redis = config.redisUrl === undefined ? undefined : connectRedis(config.redisUrl);
  const rateLimiter = createTenantRateLimiter({
    resolve: tenantRateResolver(configResolver(config.rateLimit), tenants),
    redis,
    maxBodyBytes: config.ingest.maxBodyBytes,
    metrics,
    logger,
  });
  // Compile workers start now (a worker loads the compiler in about a second): the first searches find them
  // ready, and a broken build fails here, not on a search.
  const compiler = new CompilePool({
    workers: config.query.compileWorkers,
    timeoutMs: config.query.compileTimeoutMs,
  });
  await compiler.ready();
  // Large ingest bodies decode on worker threads (src/ingest/decode-pool.ts), started now for the same reason.
  const decodePool = new DecodePool({
    workers: config.ingest.decodeWorkers,
    minBytes: config.ingest.decodeMinBytes,
  });
  await decodePool.ready();
  // A tenant's knowledge objects: one cached reader for searches and for the summary builds.
  const knowledge = createKnowledgeService(store);
  // Accelerated data models: their summaries are built on a schedule (src/knowledge/acceleration.ts).
  const summaries = new DataModelSummarizer({
    store,
    knowledge: (orgId) => knowledge.objects(orgId),
    maxExecutionSeconds: config.query.maxExecutionSeconds,
    logger: logger.child({ component: 'datamodel-summaries' }),
  });
  const app = createApp({
    config,
    compiler,
    decodePool,
    knowledge,
    summaries,
    store,
    tokens,
    auth,
    tenants,
    audit,
    batcher,
    metricSink,
    ...(ledger ? { ledger } : {}),
    logger,
    state,
    macros: macros.registry,
    metrics,
    rateLimiter,
  });
  // Retention per index: applied at startup, then hourly.
  const retention = setInterval(
    () =>
      void applyRetention(store, logger).catch((err: unknown) => logger.warn('retention failed', { err })),
    3_600_000,
  );
  retention.unref();
  void applyRetention(store, logger).catch((err: unknown) => logger.warn('retention failed', { err }));
  const stopSummaries =
    config.query.datamodelSummaryIntervalSeconds > 0
      ? summaries.schedule(config.query.datamodelSummaryIntervalSeconds * 1000)
      : undefined;
  const server = await listen(app, config.host, config.port, {
    ...(config.tls ? { tls: config.tls } : {}),
    logger,
  });
  state.ready = true;
  logger.info('listening', {
    host: config.host,
    port: server.port,
    protocol: server.protocol,
    startupMs: Date.now() - started,
  });

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // Kubernetes order: fail readiness, stop accepting, flush what was acknowledged-to-be, then exit.
    state.ready = false;
    logger.info('shutting down', { signal });
    const deadline = setTimeout(() => {
      logger.error('shutdown timed out', { timeoutMs: config.shutdownTimeoutMs });
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    try {
      const closing = server.close(Math.max(1_000, config.shutdownTimeoutMs - 5_000));
      await batcher.close();
      await metricSink.close();
      await compiler.close();
      await decodePool.close();
      await closing;
      await kafka?.close();
      await kafkaOffsets?.close();
      clearInterval(retention);
      stopSummaries?.();
      await audit.close();
      await tokens.close();
      redis?.disconnect();
      await store.close();
      logger.info('stopped', {
        rowsInserted:
          batcher instanceof Batcher ? batcher.stats.rowsInserted : kafka?.consumer?.stats.rowsInserted,
      });
      process.exit(0);
    } catch (err) {
      logger.error('shutdown failed', { err });
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    JSON.stringify({
      ts: new Date().toISOString(),
      level: 'error',
      msg: 'startup failed',
      err: String(err),
    }) + '\n',
  );
  process.exit(1);
});
