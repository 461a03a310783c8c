// Test helper: a chDB store holding a fixture of events, and SPL run against it as the service runs it.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runSpl } from '../../src/query/service.ts';
import type { LogRow, Store } from '../../src/store/index.ts';
import { openFixtureStore } from './fixture-store.ts';
import type { KnowledgeObjects } from '@nexus/spl';

export interface SplFixture {
  readonly now: number;
  /** Runs `query` for org `acme` (the request's range: the last 24 hours, unless `earliest` says). */
  spl(
    query: string,
    extra?: { earliest?: string; latest?: string; limit?: number; timezone?: string },
  ): Promise<{ columns: string[]; rows: unknown[][]; sql: string }>;
  /** The store holding the events. */
  readonly store: Store;
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

export async function splFixture(
  now: number,
  rows: LogRow[],
  opts: { knowledge?: KnowledgeObjects; retentionDays?: number } = {},
): Promise<SplFixture> {
  const { retentionDays, ...run } = opts;
  const { store, close } = await openFixtureStore(rows, retentionDays === undefined ? {} : { retentionDays });
  return {
    now,
    store,
    async spl(query, extra = {}) {
      const r = await runSpl(store, 'acme', { query, ...extra }, { nowMs: now, ...run });
      return { columns: r.columns.map((c) => c.name), rows: r.rows, sql: r.meta.sql };
    },
    close,
  };
}

/** The columns and rows of `query` on `fx`, each row as column name → value (the cells the service answers). */
export async function namedRows(
  fx: SplFixture,
  query: string,
): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  const r = await fx.spl(query);
  return {
    columns: r.columns,
    rows: r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i]]))),
  };
}

/** The single value of `| makeresults | eval x=<expr> | table x` on `store`, at the fixed `nowMs`. */
export async function evalValue(
  store: Store,
  expr: string,
  nowMs: number,
  timezone?: string,
): Promise<unknown> {
  const r = await runSpl(
    store,
    'o',
    { query: `| makeresults | eval x=${expr} | table x`, ...(timezone ? { timezone } : {}) },
    { nowMs },
  );
  return r.rows[0]?.[0];
}

/**
 * A table of eval examples for one Search Reference page: each `[expression, expected]` row is its own
 * test, `value` evaluates the expression.
 */
export function pageTable(
  value: (expr: string) => Promise<unknown>,
): (page: string, rows: readonly [string, unknown][]) => void {
  return (page, rows) => {
    describe(`Search Reference: ${page}`, () => {
      for (const [expr, expected] of rows)
        test(expr, async () => assert.deepEqual(await value(expr), expected));
    });
  };
}

/**
 * A fixture of `[minutes before now, host, bytes]` events (raw `bytes=<n>`, field `bytes`) for the tests of
 * one file, searched over `earliest` (or `over.earliest`) to now: opened before them, closed after.
 *
 * @example const run = bytesFixture(now, [[5, 'web1', 100]], '-1h'); await run('index=main | stats count')
 */
export function bytesFixture(
  now: number,
  events: readonly (readonly [number, string, number])[],
  earliest: string,
): (query: string, over?: { earliest: string }) => ReturnType<SplFixture['spl']> {
  let fx: SplFixture | undefined;
  before(async () => {
    fx = await splFixture(
      now,
      events.map(([m, host, bytes]) =>
        fixtureEvent(now, m, `bytes=${bytes}`, host, { bytes: String(bytes) }),
      ),
    );
  });
  after(async () => {
    await fx?.close();
  });
  return (query, over) => {
    if (!fx) throw new Error('the fixture opens before the tests');
    return fx.spl(query, { earliest: over?.earliest ?? earliest, latest: 'now' });
  };
}
