// Prints a JSON snapshot (row count and an order-free checksum per table) of the store in a data directory.
// Run as a child process (`node --import tsx test/helpers/store-snapshot.ts DIR`): chDB opens one data
// directory per process, and the test compares two.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.ts';
import { createStore } from '../../src/store/store.ts';

/**
 * What each table's checksum covers. Tokens and tenants are read FINAL (their latest version) without the
 * columns an instance sets for itself (ids, times of its own bootstrap row).
 */
const SNAPSHOT_SQL: Record<string, string> = {
  logs: 'SELECT count(), groupBitXor(cityHash64(org_id, `index`, _time, host, source, sourcetype, _raw, toString(fields))) FROM logs',
  metrics: 'SELECT count(), groupBitXor(cityHash64(*)) FROM metrics',
  tokens:
    'SELECT count(), groupBitXor(cityHash64(token_hash, org_id, role, name, indexes, revoked)) FROM tokens FINAL',
  tenants: 'SELECT count(), groupBitXor(cityHash64(*)) FROM tenants FINAL',
  lookup_rows: 'SELECT count(), groupBitXor(cityHash64(*)) FROM lookup_rows',
  lookup_tables: 'SELECT count(), groupBitXor(cityHash64(*)) FROM lookup_tables',
  index_retention: 'SELECT count(), groupBitXor(cityHash64(*)) FROM index_retention FINAL',
};

export type Snapshot = Record<string, { rows: number; checksum: string }>;

/** The snapshot of the (closed) store in `dir`, taken by a child process. */
export function snapshotOf(dir: string): Snapshot {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), dir], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`snapshot of ${dir} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Snapshot;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? '';
  const store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
  const out: Snapshot = {};
  for (const [table, sql] of Object.entries(SNAPSHOT_SQL)) {
    const r = await store.query({ sql, params: {} });
    out[table] = { rows: Number(r.rows[0]?.[0]), checksum: String(r.rows[0]?.[1]) };
  }
  await store.close();
  process.stdout.write(JSON.stringify(out));
}
