// Test helper: events of two indexes and two tenants (and a lookup table per tenant) on chDB, for the
// commands that merge searches (`multisearch`, `union`, `set`, `from`) and read index metadata.

import { writeLookup } from '../../src/lookups/service.ts';
import { QueryInputError, runSpl } from '../../src/query/service.ts';
import type { LogRow, Store } from '../../src/store/index.ts';
import { openFixtureStore } from './fixture-store.ts';
import { fixtureEvent } from './spl-fixture.ts';

export interface ResultsFixture {
  /** Runs `query` for `org` (default `acme`) over the last 24 hours (or `earliest`). */
  spl(
    query: string,
    opts?: { org?: string; earliest?: string },
  ): Promise<{ columns: string[]; rows: unknown[][]; sql: string }>;
  /** The diagnostics `query` fails with, as `code: message @start-end`. */
  failure(query: string): Promise<string[]>;
  close(): Promise<void>;
}

/** An event of `index` and `host`, `minutes` before `now` (its text: the host and the fields as `k=v`). */
export function resultsEvent(
  now: number,
  minutes: number,
  index: string,
  host: string,
  fields: LogRow['fields'] = {},
  extra: Partial<LogRow> = {},
): LogRow {
  const raw = [host, ...Object.entries(fields).map(([k, v]) => `${k}=${String(v)}`)].join(' ');
  return fixtureEvent(now, minutes, raw, host, fields, {
    index,
    source: `/var/log/${host}.log`,
    sourcetype: index === 'main' ? 'access_combined' : 'audit',
    ...extra,
  });
}

/** The fixture `rows` on a new chDB store, with the lookup table `users` for `acme` and for `other`. */
export async function resultsFixture(now: number, rows: readonly LogRow[]): Promise<ResultsFixture> {
  const { store, close } = await openFixtureStore(rows);
  await writeLookup(
    store,
    'acme',
    'users',
    ['user', 'department'],
    [
      ['alice', 'eng'],
      ['bob', 'ops'],
    ],
  );
  await writeLookup(store, 'other', 'users', ['user', 'department'], [['mallory', 'other-tenant']]);
  return {
    async spl(query, opts = {}) {
      const r = await runSpl(
        store,
        opts.org ?? 'acme',
        { query, ...(opts.earliest ? { earliest: opts.earliest } : {}) },
        { nowMs: now },
      );
      return { columns: r.columns.map((c) => c.name), rows: r.rows, sql: r.meta.sql };
    },
    async failure(query) {
      try {
        await runSpl(store, 'acme', { query }, { nowMs: now });
      } catch (err) {
        if (err instanceof QueryInputError) {
          return err.errors.map((e) => `${e.code}: ${e.message} @${String(e.start)}-${String(e.end)}`);
        }
        throw err;
      }
      throw new Error(`expected \`${query}\` to fail`);
    },
    close,
  };
}

export type { Store };
