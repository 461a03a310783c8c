// Backups and restores of the whole store with ClickHouse's native BACKUP / RESTORE, recorded in `backups`.

import { randomUUID } from 'node:crypto';
import type { BackupConfig } from '../config.ts';
import { quoteIdent } from '@nexus/spl';
import { dataTable } from '../store/cluster.ts';
import { dateTime64ToIso, formatDateTime64 } from '../store/store.ts';
import type { Store } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import { parseLocation } from './location.ts';

/**
 * Everything the service keeps: events, samples, tokens (and their last use), tenants, per-index
 * retention, lookups, knowledge objects, the audit log and the backup history. `schema_migrations` is not in it: the instance a
 * backup is restored into has run the same migrations already.
 */
export const BACKUP_TABLES: readonly string[] = [
  'logs',
  'metrics',
  'tokens',
  'token_usage',
  'tenants',
  'index_retention',
  'lookup_rows',
  'lookup_tables',
  'knowledge_objects',
  'datamodel_summaries',
  'datamodel_summary_state',
  'ml_models',
  'query_log',
  'backups',
];

/** The tables that must be empty before a restore: a restore adds rows, it never replaces them. */
const DATA_TABLES = ['logs', 'metrics', 'lookup_tables'] as const;

export type BackupKind = 'backup' | 'restore';

export interface BackupRecord {
  id: string;
  kind: BackupKind;
  location: string;
  base: string | null;
  status: 'running' | 'ok' | 'failed';
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  bytes: number;
  files: number;
}

/** A request the backup service refuses: 400 (bad location), 409 (restore into a non-empty instance). */
export class BackupRequestError extends Error {
  override readonly name = 'BackupRequestError';
  constructor(
    readonly status: 400 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface BackupServiceDeps {
  readonly store: Store;
  readonly config: BackupConfig;
  readonly logger?: Logger;
  /** Called after a restore so caches (tokens, tenants) reload what came back. */
  readonly afterRestore?: () => Promise<void>;
}

export interface BackupService {
  /** Backs everything up to `to`; incremental on top of `base` when given. Resolves when done. */
  create(to: string, opts?: { base?: string | undefined }): Promise<BackupRecord>;
  /** Restores everything from `from` into this (empty) instance. */
  restore(from: string): Promise<BackupRecord>;
  /** Backups and restores, newest first. */
  list(): Promise<BackupRecord[]>;
  /** The last successful backup, if any. */
  lastGood(): Promise<BackupRecord | undefined>;
}

/** The `TABLE a, TABLE b [ON CLUSTER c]` list of a BACKUP / RESTORE statement. */
export function tableList(cluster: string | undefined): string {
  const tables = BACKUP_TABLES.map((t) => `TABLE ${quoteIdent(dataTable(t, cluster))}`).join(', ');
  return cluster === undefined ? tables : `${tables} ON CLUSTER ${quoteIdent(cluster)}`;
}

const message = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';

export function createBackupService(deps: BackupServiceDeps): BackupService {
  const { store } = deps;
  const logger = deps.logger ?? silentLogger;
  const location = (text: string, prefix: string) => {
    try {
      return parseLocation(text, deps.config, prefix);
    } catch (err) {
      throw new BackupRequestError(400, message(err));
    }
  };

  const record = async (r: BackupRecord): Promise<void> => {
    await store.insertRows('backups', [
      {
        id: r.id,
        kind: r.kind,
        location: r.location,
        base: r.base ?? '',
        status: r.status,
        error: r.error ?? '',
        started_at: formatDateTime64(Date.parse(r.startedAt)),
        finished_at: r.finishedAt === null ? null : formatDateTime64(Date.parse(r.finishedAt)),
        bytes: r.bytes,
        files: r.files,
        updated_at: formatDateTime64(Date.now()),
      },
    ]);
  };

  /** Runs `sql`, then records how it ended (with the size ClickHouse reports in system.backups). */
  const run = async (
    kind: BackupKind,
    loc: string,
    base: string | null,
    sql: string,
    params: Record<string, string>,
  ): Promise<BackupRecord> => {
    const r: BackupRecord = {
      id: randomUUID(),
      kind,
      location: loc,
      base,
      status: 'running',
      error: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      bytes: 0,
      files: 0,
    };
    await record(r);
    logger.info(`${kind} started`, { id: r.id, location: loc, base });
    try {
      const res = await store.query({ sql, params });
      const engineId = String(res.rows[0]?.[0] ?? '');
      const stats = await store.query({
        sql: 'SELECT total_size, num_files FROM system.backups WHERE id = {id:String}',
        params: { id: engineId },
      });
      r.bytes = Number(stats.rows[0]?.[0] ?? 0);
      r.files = Number(stats.rows[0]?.[1] ?? 0);
      r.status = 'ok';
    } catch (err) {
      r.status = 'failed';
      r.error = message(err);
      logger.warn(`${kind} failed`, { id: r.id, location: loc, err: r.error });
    }
    r.finishedAt = new Date().toISOString();
    await record(r);
    if (r.status === 'ok') logger.info(`${kind} done`, { id: r.id, location: loc, bytes: r.bytes });
    return r;
  };

  const list = async (where = '', params: Record<string, unknown> = {}): Promise<BackupRecord[]> => {
    const res = await store.query({
      sql: `SELECT id, kind, location, base, status, error, started_at, finished_at, bytes, files
            FROM backups FINAL ${where} ORDER BY started_at DESC LIMIT 1000`,
      params,
    });
    return res.rows.map((row) => ({
      id: String(row[0]),
      kind: row[1] === 'restore' ? 'restore' : 'backup',
      location: String(row[2]),
      base: row[3] === '' ? null : String(row[3]),
      status: row[4] === 'ok' ? 'ok' : row[4] === 'failed' ? 'failed' : 'running',
      error: row[5] === '' ? null : String(row[5]),
      startedAt: dateTime64ToIso(row[6]) ?? '',
      finishedAt: dateTime64ToIso(row[7]),
      bytes: Number(row[8]),
      files: Number(row[9]),
    }));
  };

  return {
    async create(to, opts = {}) {
      const dest = location(to, 'to');
      const base = opts.base === undefined ? undefined : location(opts.base, 'base');
      const sql =
        `BACKUP ${tableList(store.cluster)} TO ${dest.sql}` +
        (base === undefined ? '' : ` SETTINGS base_backup = ${base.sql}`);
      return run('backup', dest.text, base?.text ?? null, sql, { ...dest.params, ...base?.params });
    },

    async restore(from) {
      const src = location(from, 'from');
      const counts = await store.query({
        sql: `SELECT ${DATA_TABLES.map((t) => `(SELECT count() FROM ${quoteIdent(t)})`).join(' + ')}`,
        params: {},
      });
      if (Number(counts.rows[0]?.[0] ?? 0) > 0) {
        throw new BackupRequestError(
          409,
          'a restore goes into an empty instance (no events, samples or lookups): start nexus-api on a fresh data directory or database',
        );
      }
      // Tokens and the backup history already hold this instance's own rows (the bootstrap admin token, this
      // restore): the backup's rows are added to them.
      const sql = `RESTORE ${tableList(store.cluster)} FROM ${src.sql} SETTINGS allow_non_empty_tables = 1`;
      const r = await run('restore', src.text, null, sql, src.params);
      if (r.status === 'ok') await deps.afterRestore?.();
      return r;
    },

    list: () => list(),

    async lastGood() {
      const rows = await list("WHERE kind = 'backup' AND status = 'ok'");
      return rows[0];
    },
  };
}
