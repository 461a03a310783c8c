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
const clip = (s: string): string => (s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s);

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
    writing = writing
      .then(() => opts.store.insertRows('query_log', rows))
      .catch((err: unknown) => {
        // The audit trail must not take searches down with it; the loss is logged with its size.
        logger.error('audit: could not write query_log rows', { rows: rows.length, err });
      });
    return writing;
  }

  const timer = setInterval(() => void flush(), opts.flushMs ?? 1_000);
  timer.unref();

  return {
    record(e) {
      pending.push({
        started_at: formatDateTime64(e.startedMs),
        query_id: e.queryId,
        org_id: e.orgId,
        subject: e.subject,
        role: e.role,
        spl: clip(e.spl),
        sql: clip(e.sql),
        duration_ms: Math.max(0, Math.round(e.durationMs)),
        rows: e.rows,
        rows_read: e.rowsRead,
        status: e.status,
        error: clip(e.error ?? ''),
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
