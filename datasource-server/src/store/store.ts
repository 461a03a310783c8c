// The ClickHouse store: one code path over @clickhouse/client, embedded chDB or a server over HTTP.

import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createClient } from '@clickhouse/client';
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import type { Config } from '../config.ts';
import { quoteIdent } from '../spl/backends/clickhouse/quote.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import { Pool } from './pool.ts';
import type { LogRow, QueryRequest, QueryResult, Store } from './types.ts';

/**
 * Settings sent with every query. 64-bit integers come back as strings: ClickHouse ≥ 25.x prints
 * them unquoted by default, and `JSON.parse` would silently round anything past 2^53.
 */
const QUERY_SETTINGS: ClickHouseSettings = { output_format_json_quote_64bit_integers: 1 };

/**
 * Settings sent with every insert.
 * - `insert_deduplication_token` is always sent (empty = none): chDB applies settings with `SET`,
 *   which sticks to the session, so a token left over from one insert would dedupe the next.
 * - A backfill spanning more than 100 days must not fail the batch for every request in it.
 */
const INSERT_SETTINGS: ClickHouseSettings = { throw_on_max_partitions_per_insert_block: 0 };

const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface JsonCompact {
  meta?: { name: string; type: string }[];
  data?: unknown[][];
  statistics?: { rows_read?: number | string };
}

function isJsonCompact(v: unknown): v is JsonCompact {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `'YYYY-MM-DD hh:mm:ss.sss'` in UTC: the DateTime64 text form JSONEachRow parses without best-effort mode. */
export function formatDateTime64(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
}

function toInsertRow(r: LogRow): Record<string, unknown> {
  return {
    org_id: r.org_id,
    index: r.index,
    _time: formatDateTime64(r._time),
    host: r.host,
    source: r.source,
    sourcetype: r.sourcetype,
    _raw: r._raw,
    fields: r.fields,
  };
}

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

/**
 * chdb/connection implements @clickhouse/client-common's Connection, which @clickhouse/client 1.23
 * also bundles as its own copy; the two declarations are identical but nominally distinct to tsc.
 */
function chdbConnection(dataPath: string): ClientConnection {
  return createChdbConnection({ path: dataPath }) as unknown as ClientConnection;
}

export interface StoreOptions {
  logger?: Logger;
}

/**
 * Opens the store. Embedded (chDB on `config.dataDir`) when `config.clickhouse` is unset, HTTP otherwise;
 * everything after the connection is the same code.
 *
 * chDB runs one statement at a time per connection, while several connections may share one data
 * path in a process. So the store opens `config.queryPoolSize` query clients plus one insert client:
 * a search never waits behind an insert, and N searches run side by side.
 *
 * @example
 * const store = await createStore(loadConfig());
 * await store.query({ sql: 'SELECT count() AS n FROM logs WHERE org_id = {org:String}', params: { org: 'default' } });
 * // => { columns: [{ name: 'n', type: 'UInt64' }], rows: [['42']], rowsRead: 42, elapsedMs: 3 }
 */
export async function createStore(config: Config, opts: StoreOptions = {}): Promise<Store> {
  const logger = opts.logger ?? silentLogger;
  const server = config.clickhouse;
  let dataPath: string | undefined;
  if (server === undefined) {
    dataPath = path.resolve(config.dataDir);
    fs.mkdirSync(dataPath, { recursive: true });
  }

  const open = (settings: ClickHouseSettings): ClickHouseClient =>
    server === undefined
      ? createClient({ connection: chdbConnection(dataPath ?? ':memory:'), clickhouse_settings: settings })
      : createClient({
          url: server.url,
          username: server.user,
          password: server.password,
          database: server.database,
          clickhouse_settings: settings,
          request_timeout: 300_000,
        });

  const queryClients = Array.from({ length: config.queryPoolSize }, () => open(QUERY_SETTINGS));
  const pool = new Pool(queryClients);
  const insertClient = open(INSERT_SETTINGS);
  const mode = server === undefined ? 'embedded' : 'server';

  // Fail at startup, not at the first request, when the engine or server is unreachable.
  const ping = await insertClient.ping();
  if (!ping.success) {
    await Promise.allSettled([insertClient.close(), ...queryClients.map((c) => c.close())]);
    throw new Error(`ClickHouse is not reachable (${mode}): ${ping.error.message}`);
  }

  /**
   * chDB applies per-query settings with `SET`, which outlives the query on that session; put them
   * back to their defaults before the connection serves another query. A session that cannot be
   * reset (e.g. the query set `readonly = 1`) is replaced by a fresh one.
   */
  async function resetSettings(client: ClickHouseClient, names: string[]): Promise<ClickHouseClient> {
    if (mode === 'server' || names.length === 0) return client;
    try {
      await client.command({ query: `SET ${names.map((n) => `${n} = DEFAULT`).join(', ')}` });
      return client;
    } catch (err) {
      logger.warn('store: replacing a query session whose settings could not be reset', { err });
      void client.close().catch(() => undefined);
      return open(QUERY_SETTINGS);
    }
  }

  return {
    mode,

    async query(req: QueryRequest): Promise<QueryResult> {
      const settings = req.settings ?? {};
      const names = Object.keys(settings);
      for (const n of names) {
        if (!SETTING_NAME.test(n)) throw new Error(`invalid ClickHouse setting name ${JSON.stringify(n)}`);
      }
      const client = await pool.acquire(req.signal);
      try {
        const started = performance.now();
        const rs = await client.query({
          query: req.sql,
          query_params: req.params,
          format: 'JSONCompact',
          clickhouse_settings: { ...QUERY_SETTINGS, ...settings },
          ...(req.queryId === undefined ? {} : { query_id: req.queryId }),
          ...(req.signal === undefined ? {} : { abort_signal: req.signal }),
        });
        const body: unknown = await rs.json();
        const elapsedMs = performance.now() - started;
        if (!isJsonCompact(body)) throw new Error('unexpected response shape from ClickHouse');
        return {
          columns: (body.meta ?? []).map(({ name, type }) => ({ name, type })),
          rows: body.data ?? [],
          rowsRead: Number(body.statistics?.rows_read ?? 0),
          elapsedMs: Math.round(elapsedMs * 1000) / 1000,
        };
      } finally {
        const after = await resetSettings(client, names);
        if (after === client) pool.release(client);
        else pool.replace(client, after);
      }
    },

    async insertLogs(rows: LogRow[], opts: { dedupToken?: string } = {}): Promise<void> {
      if (rows.length === 0) return;
      await insertClient.insert({
        table: quoteIdent('logs'),
        values: rows.map(toInsertRow),
        format: 'JSONEachRow',
        clickhouse_settings: { ...INSERT_SETTINGS, insert_deduplication_token: opts.dedupToken ?? '' },
        query_id: randomUUID(),
      });
    },

    async insertRows(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
      if (rows.length === 0) return;
      // On a query connection (not the logs insert one), so it never interleaves with ingestion's inserts.
      await pool.use((client) =>
        client
          .insert({
            table: quoteIdent(table),
            values: [...rows],
            format: 'JSONEachRow',
            query_id: randomUUID(),
          })
          .then(() => undefined),
      );
    },

    async command(sql: string, params: Record<string, unknown> = {}): Promise<void> {
      await pool.use((client) => client.command({ query: sql, query_params: params }).then(() => undefined));
    },

    async close(): Promise<void> {
      pool.close();
      await Promise.allSettled([insertClient.close(), ...pool.items.map((c) => c.close())]);
    },
  };
}
