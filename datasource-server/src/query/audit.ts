// The audit log: one `query_log` row per search (who, org, SPL, SQL, duration, rows, status), written in
// small batches so a search never waits for it.

import { formatDateTime64 } from '../store/store.ts';
import type { Store } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';

export type QueryStatus = 'ok' | 'error' | 'invalid' | 'limit' | 'killed' | 'cancelled' | 'rejected';

export interface AuditEntry {
  readonly startedMs: number;
  readonly queryId: string;
  readonly orgId: string;
  readonly subject: string;
  readonly role: string;
  readonly spl: string;
  readonly sql: string;
  readonly durationMs: number;
  readonly rows: number;
  readonly rowsRead: number;
  readonly status: QueryStatus;
  readonly error?: string;
}

export interface AuditLog {
  record(e: AuditEntry): void;
  /** Writes what is pending (also done every `flushMs` and when `maxPending` entries wait). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const MAX_TEXT = 64 * 1024;

/** A UTF-16 surrogate without its other half: ClickHouse's JSON input refuses its `\uD800` escape. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text the engine stores as it is: clipped, lone surrogates replaced by U+FFFD (what a UTF-8 encoder
 * writes for them). A surrogate pair cut in two by the clip is repaired the same way.
 */
export function storableText(s: string): string {
  return (s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s).replace(LONE_SURROGATE, '\uFFFD');
}

/** A count the engine takes as `UInt64`/`UInt32`: a whole number from 0 to `max`. */
function count(n: number, max = Number.MAX_SAFE_INTEGER): number {
  return Number.isFinite(n) ? Math.min(max, Math.max(0, Math.round(n))) : 0;
}

export function createAuditLog(opts: {
  store: Store;
  logger?: Logger;
  flushMs?: number;
  maxPending?: number;
}): AuditLog {
  const logger = opts.logger ?? silentLogger;
  const maxPending = opts.maxPending ?? 500;
  let pending: Record<string, unknown>[] = [];
  let writing: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    if (pending.length === 0) return writing;
    const rows = pending;
    pending = [];
    writing = writing.then(() => insertSplitting(rows));
    return writing;
  }

  /**
   * Inserts `rows`; a batch the engine refuses is split in halves until only the refused rows are left
   * out, so one bad row never costs another search's (or another tenant's) audit row. Rows are made
   * storable in `record`, so this is the backstop for what that does not foresee.
   */
  async function insertSplitting(rows: Record<string, unknown>[]): Promise<void> {
    try {
      await opts.store.insertRows('query_log', rows);
    } catch (err) {
      if (rows.length === 1) {
        // The audit trail must not take searches down with it; the loss is logged with the row's id.
        logger.error('audit: could not write a query_log row', { queryId: rows[0]?.['query_id'], err });
        return;
      }
      const half = Math.ceil(rows.length / 2);
      await insertSplitting(rows.slice(0, half));
      await insertSplitting(rows.slice(half));
    }
  }

  const timer = setInterval(() => void flush(), opts.flushMs ?? 1_000);
  timer.unref();

  return {
    record(e) {
      pending.push({
        started_at: formatDateTime64(e.startedMs),
        query_id: e.queryId,
        org_id: e.orgId,
        subject: storableText(e.subject),
        role: e.role,
        spl: storableText(e.spl),
        sql: storableText(e.sql),
        duration_ms: count(e.durationMs, 0xffff_ffff),
        rows: count(e.rows),
        rows_read: count(e.rowsRead),
        status: e.status,
        error: storableText(e.error ?? ''),
      });
      if (pending.length >= maxPending) void flush();
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
