// The consumer's work: partition batches → ClickHouse inserts, each committed to Kafka only after it succeeded.

import type { LogRow, Store } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import type { ConsumedMessage, PartitionBatch } from './client.ts';
import { decodeMessage } from './codec.ts';

export interface LoaderOptions {
  store: Pick<Store, 'insertLogs'>;
  logger?: Logger;
  /** An insert holds whole messages up to this many rows … */
  maxRows: number;
  /** … and this many message bytes (at most the consumer's fetch size per partition, see below). */
  maxBytes: number;
  /** Backoff between attempts of a failing insert: doubles from `initialMs` up to `maxMs`. */
  retry?: { initialMs: number; maxMs: number };
}

export interface LoaderStats {
  inserts: number;
  rowsInserted: number;
  failedInserts: number;
  skippedMessages: number;
}

/**
 * The ClickHouse dedup token of the rows of offsets `first`..`last` of a partition: the same messages
 * always carry the same token, so inserting them again (after a crash or a failed commit) adds nothing
 * (`logs` keeps the tokens of its last 1000 inserts: non_replicated_deduplication_window).
 *
 * @example dedupToken('nexus-logs', 2, 100n, 180n) // => 'kafka:nexus-logs:2:100-180'
 */
export function dedupToken(topic: string, partition: number, first: bigint, last: bigint): string {
  return `kafka:${topic}:${partition}:${first}-${last}`;
}

/** Commit metadata naming an insert that may have happened: offsets `first`..`last`. */
const PENDING = /^nexus-insert:(\d+)-(\d+)$/;
const pendingMetadata = (first: bigint, last: bigint): string => `nexus-insert:${first}-${last}`;

function parsePending(metadata: string | null): { first: bigint; last: bigint } | undefined {
  const m = metadata === null ? null : PENDING.exec(metadata);
  return m?.[1] !== undefined && m[2] !== undefined ? { first: BigInt(m[1]), last: BigInt(m[2]) } : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Consumes partition batches exactly once into ClickHouse. The unit of work is a range of whole
 * messages (`first`..`last`, up to maxRows/maxBytes):
 *
 * 1. commit offset `first` with metadata `nexus-insert:first-last` (skipped when already so);
 * 2. insert the range's rows with dedupToken(topic, partition, first, last), retrying with backoff
 *    while it fails: nothing is committed past `first` meanwhile;
 * 3. commit `last + 1` (together with the next range's step 1).
 *
 * A consumer that dies between 2 and 3 leaves step 1's metadata behind; whoever owns the partition next
 * reads it and inserts exactly `first`..`last` again with the same token, which ClickHouse drops as a
 * duplicate. So an event is in ClickHouse once whatever the crash point. A range is re-read from
 * `first` with the same fetch size that first produced it, so the batch reaches `last` again.
 *
 * @example const loader = createLoader({ store, maxRows: 10_000, maxBytes: 4 << 20 });
 * await consumer.run((batch) => loader.handle(batch));
 */
export function createLoader(opts: LoaderOptions): {
  handle(batch: PartitionBatch): Promise<void>;
  readonly stats: LoaderStats;
} {
  const logger = opts.logger ?? silentLogger;
  const retry = opts.retry ?? { initialMs: 250, maxMs: 30_000 };
  const stats: LoaderStats = { inserts: 0, rowsInserted: 0, failedInserts: 0, skippedMessages: 0 };

  /** Rows of a message; a message that can never be inserted is logged and skipped. */
  const rowsOf = (b: PartitionBatch, m: ConsumedMessage): LogRow[] => {
    const r = decodeMessage(m);
    if ('rows' in r) return r.rows;
    stats.skippedMessages++;
    logger.error('kafka: skipping a message that is not a batch of log rows', {
      topic: b.topic,
      partition: b.partition,
      offset: m.offset,
      reason: r.error,
    });
    return [];
  };

  /** Waits `ms`, heartbeating; false when the batch stopped being ours meanwhile. */
  const pause = async (b: PartitionBatch, ms: number): Promise<boolean> => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (!b.active()) return false;
      await sleep(Math.min(250, until - Date.now()));
      await b.heartbeat();
    }
    return b.active();
  };

  /** Inserts until it succeeds (true) or the consumer stops / loses the partition (false). */
  const insert = async (b: PartitionBatch, rows: LogRow[], dedupToken: string): Promise<boolean> => {
    for (let attempt = 0; ; attempt++) {
      try {
        await opts.store.insertLogs(rows, { dedupToken });
        stats.inserts++;
        stats.rowsInserted += rows.length;
        return true;
      } catch (err) {
        stats.failedInserts++;
        const waitMs = Math.min(retry.maxMs, retry.initialMs * 2 ** Math.min(attempt, 20));
        logger.warn('kafka: insert failed; offsets stay uncommitted, retrying', {
          dedupToken,
          rows: rows.length,
          attempt: attempt + 1,
          retryInMs: waitMs,
          err,
        });
        if (!(await pause(b, waitMs))) return false;
      }
    }
  };

  const handle = async (b: PartitionBatch): Promise<void> => {
    const msgs = b.messages;
    const head = msgs[0];
    if (head === undefined) return;
    let committed = await b.committed();
    const pending = parsePending(committed.metadata);
    // An earlier owner may have inserted this range before dying: insert exactly it again (same token).
    let forcedLast: bigint | undefined;
    if (pending !== undefined && committed.offset === pending.first && head.offset === pending.first) {
      if ((msgs.at(-1)?.offset ?? -1n) < pending.last) {
        logger.warn('kafka: the fetch ended inside a range to re-insert; fetching again', {
          partition: b.partition,
          first: pending.first,
          last: pending.last,
        });
        await pause(b, 200);
        return; // nothing resolved: the same offsets are fetched again
      }
      forcedLast = pending.last;
      logger.info('kafka: inserting again a range whose commit is missing (same dedup token)', {
        partition: b.partition,
        first: pending.first,
        last: pending.last,
      });
    }
    let i = 0;
    while (i < msgs.length) {
      if (!b.active()) return;
      const start = msgs[i];
      if (start === undefined) break;
      const rows: LogRow[] = [];
      let bytes = 0;
      let j = i;
      for (; j < msgs.length; j++) {
        const m = msgs[j];
        if (m === undefined) break;
        if (forcedLast !== undefined) {
          if (m.offset > forcedLast) break;
        } else if (j > i && (rows.length >= opts.maxRows || bytes + (m.value?.length ?? 0) > opts.maxBytes)) {
          break;
        }
        bytes += m.value?.length ?? 0;
        for (const r of rowsOf(b, m)) rows.push(r);
      }
      const last = msgs[j - 1]?.offset ?? start.offset;
      const metadata = pendingMetadata(start.offset, last);
      if (committed.offset !== start.offset || committed.metadata !== metadata) {
        await b.commit(start.offset, metadata);
        committed = { offset: start.offset, metadata };
      }
      if (rows.length > 0) {
        const token = dedupToken(b.topic, b.partition, start.offset, last);
        if (!(await insert(b, rows, token))) return;
        logger.debug('kafka: inserted', {
          partition: b.partition,
          first: start.offset,
          last,
          rows: rows.length,
        });
      }
      b.resolve(last);
      forcedLast = undefined;
      i = j;
      // The next range's commit records this one as done; the last range of the batch commits here.
      if (i >= msgs.length || !b.active()) {
        await b.commit(last + 1n, null);
        return;
      }
      await b.heartbeat();
    }
  };

  return { handle, stats };
}
