// The ClickHouse store: one code path over @clickhouse/client, embedded chDB or a server over HTTP.

import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createClient } from '@clickhouse/client';
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import { Session } from 'chdb';
import { createChdbConnection } from 'chdb/connection';
import type { ChdbConnection, ConnBaseQueryParams, Connection } from 'chdb/connection';
import type { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import { quoteIdent } from '@nexus/spl';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import { withSessionParams } from './bind.ts';
import { classifyQueryError } from './errors.ts';
import { Pool } from './pool.ts';
import { TENANT_SETTING } from './row-policy.ts';
import type { LogRow, MetricRow, QueryRequest, QueryResult, Store } from './types.ts';

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
 * - A data model summary's materialized view (knowledge/acceleration.ts) that fails must not fail the
 *   insert: the events are in `logs` either way, and a refused batch would be sent again (twice in `logs`).
 */
const INSERT_SETTINGS = {
  throw_on_max_partitions_per_insert_block: 0,
  materialized_views_ignore_errors: 1,
} as const satisfies ClickHouseSettings;

const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Query ids we inline into `KILL QUERY` (we generate them: UUIDs). */
const QUERY_ID = /^[A-Za-z0-9-]{1,64}$/;

/** A tenant counts as searching for this long after its last search started (the threads' share). */
const SHARE_WINDOW_MS = 10_000;

/** `max_threads` for a search: its share, or less when the request asked for fewer. */
function threadsWithin(settings: ClickHouseSettings, share: number): number {
  const asked = Number(settings.max_threads ?? 0);
  return asked > 0 && asked < share ? asked : share;
}

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
  // Ingestion formats one time per row and rows come in time order: the text up to the second is kept for
  // the last second seen, so most rows cost only the milliseconds (the same text as toISOString's).
  const second = Math.floor(ms / 1000);
  if (!Number.isInteger(ms)) return new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
  if (second !== lastSecond) {
    lastSecondText = new Date(second * 1000).toISOString().slice(0, 19).replace('T', ' ');
    lastSecond = second;
  }
  const frac = ms - second * 1000;
  return `${lastSecondText}.${frac < 10 ? '00' : frac < 100 ? '0' : ''}${frac}`;
}

let lastSecond = NaN;
let lastSecondText = '';

/** A UTC DateTime64 value as the store returns it (`'YYYY-MM-DD hh:mm:ss.sss'`) in ISO 8601; null otherwise. */
export function dateTime64ToIso(v: unknown): string | null {
  if (typeof v !== 'string' || v === '') return null;
  const ms = Date.parse(`${v.replace(' ', 'T')}Z`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** A log row as the object its JSONEachRow line encodes (the reference for {@link logRowLine}). */
export function toInsertRow(r: LogRow): Record<string, unknown> {
  return {
    org_id: r.org_id,
    index: r.index,
    _time: formatDateTime64(r._time),
    host: r.host,
    source: r.source,
    sourcetype: r.sourcetype,
    _raw: r._raw,
    fields: r.fields,
    _request: r._request ?? '',
  };
}

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

/**
 * chdb/connection implements @clickhouse/client-common's Connection, which @clickhouse/client 1.23
 * also bundles as its own copy; the two declarations are identical but nominally distinct to tsc.
 */
function chdbConnection(dataPath: string): ClientConnection {
  return asClientConnection(sessionParams(createChdbConnection({ path: dataPath })));
}

/**
 * The connection with its statements' `query_params` bound as session `SET param_…` statements (bind.ts):
 * chdb-node runs every `query_params` statement of the process through one chain, one at a time; bound
 * this way, statements on different connections run in parallel.
 */
function sessionParams(c: ChdbConnection): Connection<Readable> {
  const bound = <P extends ConnBaseQueryParams>(p: P): P =>
    p.query_params === undefined
      ? p
      : { ...p, query: withSessionParams(p.query, p.query_params), query_params: {} };
  return {
    query: (p) => c.query(bound(p)),
    exec: (p) => c.exec(bound(p)),
    command: (p) => c.command(bound(p)),
    insert: (p) => c.insert(p),
    ping: (p) => c.ping(p),
    close: () => c.close(),
  };
}

function asClientConnection(c: Connection<Readable>): ClientConnection {
  return c as unknown as ClientConnection;
}

/**
 * One row as its JSONEachRow line: the same text as `JSON.stringify(toInsertRow(r))` (same keys, same order),
 * written without building the intermediate object (ingestion serialises every row it stores).
 */
export function logRowLine(r: LogRow): string {
  return (
    `{"org_id":${JSON.stringify(r.org_id)},"index":${JSON.stringify(r.index)},` +
    `"_time":"${formatDateTime64(r._time)}","host":${JSON.stringify(r.host)},` +
    `"source":${JSON.stringify(r.source)},"sourcetype":${JSON.stringify(r.sourcetype)},` +
    `"_raw":${JSON.stringify(r._raw)},"fields":${JSON.stringify(r.fields)},` +
    `"_request":${JSON.stringify(r._request ?? '')}}`
  );
}

/**
 * The rows as JSONEachRow bytes, one line each. Each line is written into the buffer as soon as it is made, so
 * it dies young: joining a batch's lines first kept megabytes of strings alive into the old generation, and
 * that garbage collection cost more than the encoding (measured: about half the time of the join).
 */
export function jsonEachRow(rows: readonly LogRow[]): Buffer {
  let buf = Buffer.allocUnsafe(Math.max(4096, rows.length * 640));
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r === undefined) continue;
    const line = logRowLine(r);
    const most = at + 1 + line.length * 3; // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (most > buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(buf.length * 2, most));
      buf.copy(grown, 0, 0, at);
      buf = grown;
    }
    if (at > 0) buf[at++] = 0x0a;
    at += buf.write(line, at, 'utf8');
  }
  return buf.subarray(0, at);
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
  // NEXUS_CHDB_CONFIG: the engine reads a config file (storage policy, backups' allowed paths) only when
  // the first session on the data path is opened with it; the connections below share that engine.
  let configSession: Session | undefined;
  if (server === undefined) {
    dataPath = path.resolve(config.dataDir);
    fs.mkdirSync(dataPath, { recursive: true });
    const file = config.storage.chdbConfigFile;
    if (file !== undefined) {
      const abs = path.resolve(file);
      if (!fs.existsSync(abs)) throw new Error(`NEXUS_CHDB_CONFIG: no such file ${abs}`);
      try {
        configSession = new Session(dataPath, { connectionArgs: [`--config-file=${abs}`] });
      } catch (err) {
        // chDB prints the engine's reason (a malformed file, a disk it cannot use) on stderr.
        throw new Error(`NEXUS_CHDB_CONFIG ${abs}: the embedded engine refused to open with it`, {
          cause: err,
        });
      }
    }
  }
  // Cluster mode: an insert into a Distributed table is acknowledged once the shard has it
  // (foreground), never from a local queue the process could lose.
  const cluster = server?.cluster;
  const insertSettings: ClickHouseSettings =
    cluster === undefined ? INSERT_SETTINGS : { ...INSERT_SETTINGS, distributed_foreground_insert: 1 };

  const open = (
    settings: ClickHouseSettings,
    as: { name: string; password: string } | undefined = undefined,
  ): ClickHouseClient =>
    server === undefined
      ? createClient({ connection: chdbConnection(dataPath ?? ':memory:'), clickhouse_settings: settings })
      : createClient({
          url: server.url,
          username: as?.name ?? server.user,
          password: as?.password ?? server.password,
          database: server.database,
          clickhouse_settings: settings,
          request_timeout: 300_000,
        });

  const queryClients = Array.from({ length: config.queryPoolSize }, () => open(QUERY_SETTINGS));
  // Fair across tenants: searches name their tenant, and one tenant holds at most `tenantConnections`.
  // The engine's threads are shared among the tenants searching lately (pool.ts).
  const poolOptions = {
    perKey: config.query.tenantConnections,
    share: { threads: config.query.threads, windowMs: SHARE_WINDOW_MS },
  };
  const pool = new Pool(queryClients, poolOptions);
  // Searches for a tenant, as the row-policy user (server mode with CLICKHOUSE_QUERY_USER only). Its
  // grants and policy are set up after the migrations (row-policy.ts), so nothing here connects yet.
  const queryUser = server?.queryUser;
  const searchPool =
    queryUser === undefined
      ? undefined
      : new Pool(
          Array.from({ length: config.queryPoolSize }, () => open(QUERY_SETTINGS, queryUser)),
          poolOptions,
        );
  // Ingestion's inserts. On chDB they use the connection's raw passthrough: the JSONEachRow bytes go to the
  // engine's parser as they are, where client.insert would stream them as text, join them into one string
  // with the statement and copy that into the engine (a quarter of the service's main thread under HEC
  // load, measured with --cpu-prof). The client still answers ping and is closed with the rest.
  const insertConnection = dataPath === undefined ? undefined : createChdbConnection({ path: dataPath });
  const insertClient =
    insertConnection === undefined
      ? open(insertSettings)
      : createClient({
          connection: asClientConnection(insertConnection),
          clickhouse_settings: INSERT_SETTINGS,
        });
  const mode = server === undefined ? 'embedded' : 'server';

  // Fail at startup, not at the first request, when the engine or server is unreachable.
  const ping = await insertClient.ping();
  if (!ping.success) {
    await Promise.allSettled([
      insertClient.close(),
      ...queryClients.map((c) => c.close()),
      ...(searchPool?.items ?? []).map((c) => c.close()),
    ]);
    configSession?.close();
    throw new Error(`ClickHouse is not reachable (${mode}): ${ping.error.message}`);
  }

  /**
   * A fresh session in place of `client`, whose old session is closed in the background. Used after a
   * failed statement on chDB: a statement that fails mid-way leaves its partial output in the session's
   * buffer, and chDB prepends it to the next result on that session (measured with chDB 3.4 / ClickHouse
   * 26: the next `SELECT 1` came back as two JSON documents).
   */
  function renew(client: ClickHouseClient): ClickHouseClient {
    void client.close().catch(() => undefined);
    return open(QUERY_SETTINGS);
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
      return renew(client);
    }
  }

  /**
   * Gives a leased client back to `from`: renewed after a failure on chDB, settings reset otherwise.
   * (The search pool exists on a server only, where neither applies.)
   */
  async function giveBack(
    from: Pool<ClickHouseClient>,
    client: ClickHouseClient,
    failed: boolean,
    settingNames: string[],
  ): Promise<void> {
    const after = failed && mode === 'embedded' ? renew(client) : await resetSettings(client, settingNames);
    if (after === client) from.release(client);
    else from.replace(client, after);
  }

  // KILL QUERY runs on a session of its own: every query session may be busy, and a chDB session runs
  // one statement at a time, so the control statements are chained.
  const controlClient = open(QUERY_SETTINGS);
  // The readiness probe's own session: never queued behind searches, never one of their connections.
  const probeClient = open(QUERY_SETTINGS);
  let controlChain: Promise<unknown> = Promise.resolve();
  const control = (sql: string): Promise<void> => {
    const run = controlChain.then(() => controlClient.command({ query: sql }));
    controlChain = run.catch(() => undefined);
    return run.then(() => undefined);
  };

  /**
   * Stops the statement tagged `queryId` (its server query id, or its `log_comment` on chDB, which
   * assigns its own ids) and repeats until `settled()`: a statement still waiting to start is not in
   * `system.processes` yet. The id is inlined, not bound: it is ours (`query()` checks its shape).
   */
  async function cancel(queryId: string, settled: () => boolean): Promise<void> {
    const sql = `KILL QUERY WHERE query_id = '${queryId}' OR Settings['log_comment'] = '${queryId}' ASYNC`;
    let wait = 25;
    while (!settled()) {
      try {
        await control(sql);
      } catch (err) {
        logger.warn('store: could not cancel a query', { queryId, err });
        return;
      }
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 1_000);
    }
  }

  return {
    mode,
    rowPolicy: searchPool !== undefined,
    cluster,

    async query(req: QueryRequest): Promise<QueryResult> {
      const asTenant = req.tenant !== undefined && searchPool !== undefined;
      const from = asTenant ? searchPool : pool;
      const asked = asTenant ? { ...req.settings, [TENANT_SETTING]: req.tenant } : (req.settings ?? {});
      for (const n of Object.keys(asked)) {
        if (!SETTING_NAME.test(n)) throw new Error(`invalid ClickHouse setting name ${JSON.stringify(n)}`);
      }
      const queryId = req.queryId ?? randomUUID();
      if (!QUERY_ID.test(queryId)) throw new Error(`invalid query id ${JSON.stringify(queryId)}`);
      const client = await from.acquire(req.signal, req.tenant).catch((err: unknown) => {
        throw classifyQueryError(err, req.signal);
      });
      // The tenant's share of the engine's threads while other tenants search too.
      const share = req.tenant === undefined ? undefined : from.threadsFor(req.tenant);
      const settings = share === undefined ? asked : { ...asked, max_threads: threadsWithin(asked, share) };
      const names = Object.keys(settings);
      if (req.signal?.aborted) {
        from.release(client);
        throw classifyQueryError(req.signal.reason, req.signal);
      }
      let failed = false;
      let settled = false;
      let abortedAt: number | undefined;
      const onAbort = (): void => {
        abortedAt = performance.now();
        void cancel(queryId, () => settled);
      };
      try {
        req.signal?.addEventListener('abort', onAbort, { once: true });
        const started = performance.now();
        // No abort_signal: the client would give up at once while the engine keeps going (chDB has no
        // interrupt; a server keeps running an HTTP query whose client left). KILL QUERY stops it, and
        // the session is handed back only once the engine is done with it.
        const rs = await client.query({
          query: req.sql,
          query_params: req.params,
          format: 'JSONCompact',
          clickhouse_settings: { ...QUERY_SETTINGS, ...settings },
          query_id: queryId,
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
      } catch (err) {
        failed = true;
        throw classifyQueryError(err, req.signal);
      } finally {
        settled = true;
        req.signal?.removeEventListener('abort', onAbort);
        if (abortedAt !== undefined) {
          const stoppedAfterMs = Math.round(performance.now() - abortedAt);
          logger.info('store: query cancelled', { queryId, stoppedAfterMs });
        }
        await giveBack(from, client, failed, names);
      }
    },

    async ping(): Promise<void> {
      const r = await probeClient.ping();
      if (!r.success) throw r.error;
    },

    async insertLogs(rows: LogRow[], opts: { dedupToken?: string } = {}): Promise<void> {
      if (rows.length === 0) return;
      const dedup = { insert_deduplication_token: opts.dedupToken ?? '' };
      if (insertConnection !== undefined) {
        // Settings go in the statement's own SETTINGS clause here: nothing sticks to the session.
        await insertConnection.chdb.rawInsert({
          table: 'logs',
          values: jsonEachRow(rows),
          format: 'JSONEachRow',
          settings: { ...INSERT_SETTINGS, ...dedup },
        });
        return;
      }
      await insertClient.insert({
        table: quoteIdent('logs'),
        values: rows.map(toInsertRow),
        format: 'JSONEachRow',
        clickhouse_settings: { ...insertSettings, ...dedup },
        query_id: randomUUID(),
      });
    },

    async insertMetrics(rows: MetricRow[], opts: { dedupToken?: string } = {}): Promise<void> {
      if (rows.length === 0) return;
      await insertClient.insert({
        table: quoteIdent('metrics'),
        values: rows.map((r) => ({ ...r, timestamp: formatDateTime64(r.timestamp) })),
        format: 'JSONEachRow',
        clickhouse_settings: { ...insertSettings, insert_deduplication_token: opts.dedupToken ?? '' },
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
      const client = await pool.acquire();
      let failed = false;
      try {
        await client.command({ query: sql, query_params: params });
      } catch (err) {
        failed = true;
        throw err;
      } finally {
        await giveBack(pool, client, failed, []);
      }
    },

    async close(): Promise<void> {
      pool.close();
      searchPool?.close();
      await controlChain;
      await Promise.allSettled([
        insertClient.close(),
        controlClient.close(),
        probeClient.close(),
        ...pool.items.map((c) => c.close()),
        ...(searchPool?.items ?? []).map((c) => c.close()),
      ]);
      configSession?.close();
    },
  };
}
