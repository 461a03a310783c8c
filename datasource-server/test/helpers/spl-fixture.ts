// Test helper: a chDB store holding a fixture of events, and SPL run against it as the service runs it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { runSpl } from '../../src/query/service.ts';
import type { LogRow, Store } from '../../src/store/index.ts';
import { createStore, runMigrations } from '../../src/store/index.ts';

export interface SplFixture {
  readonly now: number;
  /** Runs `query` for org `acme` (the request's range: the last 24 hours, unless `earliest` says). */
  spl(
    query: string,
    extra?: { earliest?: string; latest?: string; limit?: number },
  ): Promise<{ columns: string[]; rows: unknown[][]; sql: string }>;
  close(): Promise<void>;
}

/** An event of org `acme`, index `main`, `minutes` before `now`. */
export function fixtureEvent(
  now: number,
  minutes: number,
  raw: string,
  host: string,
  fields: LogRow['fields'] = {},
  extra: Partial<LogRow> = {},
): LogRow {
  return {
    org_id: 'acme',
    index: 'main',
    _time: now - minutes * 60_000,
    host,
    source: '/var/log/app.log',
    sourcetype: 'app',
    _raw: raw,
    fields,
    ...extra,
  };
}

export async function splFixture(now: number, rows: LogRow[]): Promise<SplFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-fixture-'));
  const store: Store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
  await runMigrations(store, { retentionDays: 30 });
  await store.insertLogs(rows);
  return {
    now,
    async spl(query, extra = {}) {
      const r = await runSpl(store, 'acme', { query, ...extra }, { nowMs: now });
      return { columns: r.columns.map((c) => c.name), rows: r.rows, sql: r.meta.sql };
    },
    async close() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One column of a result as plain values. */
export const column = (r: { columns: string[]; rows: unknown[][] }, name: string): unknown[] =>
  r.rows.map((row) => row[r.columns.indexOf(name)]);
