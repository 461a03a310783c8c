// Test helpers: a temp chDB data dir, a migrated store, and an app wired like main.ts.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/app.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { TokenService } from '../../src/auth/tokens.ts';
import { loadConfig } from '../../src/config.ts';
import type { Config } from '../../src/config.ts';
import { Batcher } from '../../src/ingest/batcher.ts';
import { createAuditLog } from '../../src/query/audit.ts';
import type { AuditLog } from '../../src/query/audit.ts';
import { runMigrations } from '../../src/store/migrations.ts';
import { createStore } from '../../src/store/store.ts';
import type { Store } from '../../src/store/types.ts';

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
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export async function testEnv(env: Record<string, string> = {}): Promise<TestEnv> {
  const dir = tempDir();
  const config = loadConfig({
    NEXUS_DATA_DIR: dir,
    NEXUS_ADMIN_TOKEN: ADMIN_TOKEN,
    NEXUS_BATCH_MAX_WAIT_MS: '20',
    ...env,
  });
  const store = await createStore(config);
  await runMigrations(store, { retentionDays: config.retentionDays });
  const tokens = createTokenService({ store });
  await tokens.bootstrap(config.adminToken);
  const batcher = new Batcher({ store, ...config.batch });
  const audit = createAuditLog({ store });
  const app = createApp({ config, store, tokens, audit, batcher });
  return {
    dir,
    config,
    store,
    tokens,
    batcher,
    audit,
    app,
    async close() {
      await batcher.close();
      await audit.close();
      await tokens.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
