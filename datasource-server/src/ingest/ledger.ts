// Request-level idempotence for ingestion: a retried request adds no rows.
//
// Agents retry a request whose answer they did not get (timeout, connection reset, a server killed mid-way),
// and rows committed before the failure would then be stored twice. ClickHouse's insert deduplication works
// per INSERT, and one INSERT holds many requests' rows (the batcher), so it cannot tell a retried request
// from a new one. The ledger can: every request gets a key (a hash of its tenant, route and decoded body),
// every row it writes carries that key in the `_request` column, and a request whose key is already
// committed is answered as a success without writing anything.
//
// The key is written in the same INSERT as the rows, so "rows committed" and "key committed" cannot differ:
// after a crash the ledger is rebuilt from the rows themselves. A key also records its row count, so a request
// whose rows were only partly committed (an INSERT spanning partitions, killed between two parts) is found
// at startup and its rows deleted: the client never had a 2xx, and its retry writes the whole request.
//
// A request is keyed only when every event carries its own time. Events without one take the time of
// receipt, so a repeat (a heartbeat sent every minute) is not a retry and must be stored again.

import { mutationTarget } from '../store/cluster.ts';
import { createHash } from 'node:crypto';
import type { LogRow, Store } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import { bodyDigest } from './body-digest.ts';

export interface LedgerOptions {
  /** How long a committed request is remembered (a retry after that is stored again). */
  windowMs: number;
  /** Upper bound on remembered requests; the oldest are forgotten first. */
  maxKeys: number;
  logger?: Logger;
  /** Clock, for tests. */
  now?: () => number;
}

export interface LedgerStats {
  /** Requests answered from the ledger without writing. */
  duplicates: number;
  /** Requests remembered now. */
  keys: number;
}

/** `<32 hex digits>:<rows>`: a request's key, with the number of rows it writes. */
const KEY = /^[0-9a-f]{32}:(\d+)$/;

/**
 * The key of a request: its tenant, method and URL (path and query: HEC `/raw` takes its metadata there) and
 * the SHA-256 of its decoded body, with the number of rows it decodes to. Undefined when some row's time is
 * the time of receipt (see the file comment).
 */
export function requestKey(
  orgId: string,
  target: string,
  body: string | Uint8Array,
  rows: readonly Pick<LogRow, '_time'>[],
  receivedMs: number,
): string | undefined {
  if (rows.length === 0 || rows.some((r) => r._time === receivedMs)) return undefined;
  const digest = createHash('sha256')
    .update(orgId)
    .update('\u0000')
    .update(target)
    .update('\u0000')
    .update(bodyDigest(body))
    .digest('hex')
    .slice(0, 32);
  return `${digest}:${rows.length}`;
}

interface Entry {
  /** Set while the request's rows are being written; a concurrent retry waits for it. */
  pending?: Promise<void>;
  committedAt?: number;
}

/**
 * Remembers committed requests for `windowMs`, per instance. Memory is bounded by `maxKeys`.
 *
 * @example
 * const ledger = new RequestLedger({ windowMs: 600_000, maxKeys: 200_000 });
 * await ledger.recover(store); // at startup, before serving
 * const written = await ledger.run(orgId, key, rows, (r) => batcher.submit(r)); // false for a retry
 */
export class RequestLedger {
  private readonly entries = new Map<string, Entry>();
  private readonly logger: Logger;
  private readonly now: () => number;
  readonly stats: LedgerStats = { duplicates: 0, keys: 0 };

  constructor(private readonly opts: LedgerOptions) {
    this.logger = opts.logger ?? silentLogger;
    this.now = opts.now ?? Date.now;
  }

  /**
   * Writes `rows` through `submit` unless the same request was committed within the window. Resolves true
   * when this call wrote them, false when it was a retry of a committed request. A failed write forgets the
   * key, so the client's retry writes again.
   */
  async run(
    orgId: string,
    key: string | undefined,
    rows: LogRow[],
    submit: (rows: LogRow[]) => Promise<void>,
  ): Promise<boolean> {
    if (key === undefined) {
      await submit(rows);
      return true;
    }
    const id = `${orgId}\u0000${key}`;
    this.expire();
    const seen = this.entries.get(id);
    if (seen?.committedAt !== undefined) {
      this.stats.duplicates++;
      return false;
    }
    if (seen?.pending !== undefined) {
      // The same request is being written (a client that gave up and resent): its outcome is ours.
      await seen.pending;
      this.stats.duplicates++;
      return false;
    }
    const entry: Entry = {};
    // The rows are this request's own (decoded for it alone): stamped in place, not copied.
    for (const r of rows) r._request = key;
    entry.pending = submit(rows);
    this.entries.set(id, entry);
    try {
      await entry.pending;
      delete entry.pending;
      entry.committedAt = this.now();
      this.trim();
      return true;
    } catch (err) {
      this.entries.delete(id);
      throw err;
    } finally {
      this.stats.keys = this.entries.size;
    }
  }

  /**
   * Rebuilds the ledger from the rows committed within the window, and deletes the rows of requests that
   * were only partly committed (their clients had no 2xx and will resend them whole). Run before serving.
   */
  async recover(
    store: Pick<Store, 'query' | 'command' | 'cluster'>,
  ): Promise<{ keys: number; partial: number }> {
    const r = await store.query({
      sql: `SELECT org_id, _request, count() AS n
FROM logs
WHERE _indextime >= now64(3) - toIntervalMillisecond({window:UInt64}) AND _request != ''
GROUP BY org_id, _request`,
      params: { window: this.opts.windowMs },
    });
    const partial: { org: string; key: string }[] = [];
    const at = this.now();
    for (const [org, key, n] of r.rows) {
      if (typeof org !== 'string' || typeof key !== 'string') continue;
      const expected = Number(KEY.exec(key)?.[1] ?? NaN);
      if (Number(n) < expected) partial.push({ org, key });
      else this.entries.set(`${org}\u0000${key}`, { committedAt: at });
    }
    for (const { org, key } of partial) {
      await store.command(
        `DELETE FROM ${mutationTarget('logs', store.cluster)} WHERE org_id = {org:String} AND _request = {key:String} ` +
          'SETTINGS lightweight_deletes_sync = 2',
        { org, key },
      );
    }
    if (partial.length > 0) {
      this.logger.warn('ingest: removed partly committed requests; their clients resend them', {
        requests: partial.length,
      });
    }
    this.trim();
    this.stats.keys = this.entries.size;
    return { keys: this.entries.size, partial: partial.length };
  }

  /** Forgets committed requests older than the window (Map order is insertion order: oldest first). */
  private expire(): void {
    const cutoff = this.now() - this.opts.windowMs;
    for (const [id, e] of this.entries) {
      if (e.committedAt === undefined) continue;
      if (e.committedAt >= cutoff) break;
      this.entries.delete(id);
    }
  }

  private trim(): void {
    let over = this.entries.size - this.opts.maxKeys;
    for (const [id, e] of this.entries) {
      if (over <= 0) break;
      if (e.committedAt === undefined) continue;
      this.entries.delete(id);
      over--;
    }
  }
}
