// An embedded ClickHouse (chDB) store with fixture events, for the tests of one file: created before
// them in a temporary directory, removed after.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import type { LogRow, Store } from '../../src/store/index.ts';
import { createStore, runMigrations } from '../../src/store/index.ts';

/**
 * A new store in a temporary directory holding `rows`; `close()` removes it. Rows older than `retentionDays`
 * (30 by default) are dropped by the table's TTL.
 */
export async function openFixtureStore(
  rows: readonly LogRow[],
  { retentionDays = 30 }: { retentionDays?: number } = {},
): Promise<{ store: Store; close: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-fixture-'));
  const store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
  await runMigrations(store, { retentionDays });
  await store.insertLogs([...rows]);
  return {
    store,
    close: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Registers the hooks; `store()` is the store inside tests. */
export function fixtureStore(rows: readonly LogRow[]): { store: () => Store } {
  let opened: { store: Store; close: () => Promise<void> } | undefined;
  before(async () => {
    opened = await openFixtureStore(rows);
  });
  after(async () => {
    await opened?.close();
  });
  return {
    store: () => {
      if (!opened) throw new Error('the fixture store is used before its tests run');
      return opened.store;
    },
  };
}
