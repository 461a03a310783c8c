// Test helpers: a temp chDB data dir, a migrated store, and an app wired like main.ts.

import '../../src/threadpool.ts'; // first: chDB statements each hold a libuv thread
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/app.ts';
import { createAuthenticator } from '../../src/auth/combined.ts';
import { createOidcAuthenticator } from '../../src/auth/oidc.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { TokenService } from '../../src/auth/tokens.ts';
import { loadConfig } from '../../src/config.ts';
import type { Config } from '../../src/config.ts';
import { Batcher } from '../../src/ingest/batcher.ts';
import type { RowSink } from '../../src/ingest/sink.ts';
import { createAuditLog } from '../../src/query/audit.ts';
import type { AuditLog } from '../../src/query/audit.ts';
import { runMigrations, schemaOptionsOf } from '../../src/store/migrations.ts';
import { createStore } from '../../src/store/store.ts';
import type { Store } from '../../src/store/types.ts';
import type { Logger } from '../../src/telemetry/logger.ts';
import { createMetrics } from '../../src/telemetry/metrics.ts';
import type { Metrics } from '../../src/telemetry/metrics.ts';

export const ADMIN_TOKEN = '11111111-2222-4333-8444-555555555555';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-'));
}

export interface TestEnv {
  dir: string;
  config: Config;
  store: Store;
  tokens: TokenService;
  batcher: Batcher;
  audit: AuditLog;
  /** The app's metrics (GET /metrics), also told of the batcher's batches. */
  metrics: Metrics;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/**
 * `opts.logger` receives the app's and the authenticators' log lines (default: none); `opts.sink` replaces
 * the batcher as the routes' RowSink (closed first by `close`); `opts.metrics` replaces the fresh registry.
 */
export async function testEnv(
  env: Record<string, string> = {},
  opts: { logger?: Logger; sink?: (store: Store, config: Config) => RowSink; metrics?: Metrics } = {},
): Promise<TestEnv> {
  const dir = tempDir();
  const config = loadConfig({
    NEXUS_DATA_DIR: dir,
    NEXUS_ADMIN_TOKEN: ADMIN_TOKEN,
    NEXUS_BATCH_MAX_WAIT_MS: '20',
    ...env,
  });
  const store = await createStore(config);
  await runMigrations(store, schemaOptionsOf(config));
  const tokens = createTokenService({ store });
  await tokens.bootstrap(config.adminToken);
  const oidc = config.oidc ? createOidcAuthenticator(config.oidc, opts) : undefined;
  const auth = createAuthenticator({ tokens, oidc });
  const { sink: makeSink, metrics = createMetrics(), ...appOpts } = opts;
  const batcher = new Batcher({ store, ...config.batch, metrics: metrics.ingest });
  const audit = createAuditLog({ store });
  const sink = makeSink?.(store, config);
  const app = createApp({
    config,
    store,
    tokens,
    auth,
    audit,
    batcher: sink ?? batcher,
    metrics,
    ...appOpts,
  });
  return {
    dir,
    config,
    store,
    tokens,
    batcher,
    audit,
    metrics,
    app,
    async close() {
      await sink?.close();
      await batcher.close();
      await audit.close();
      await tokens.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A service token of `org` with `role`, made through the admin API of an in-process app. */
export async function createToken(app: TestEnv['app'], org: string, role: string): Promise<string> {
  const res = await app.request('/admin/tokens', {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ org, name: `${org}-${role}`, role }),
  });
  if (res.status !== 201) throw new Error(`creating a token: ${res.status} ${await res.text()}`);
  return String(((await res.json()) as { token: string }).token);
}
