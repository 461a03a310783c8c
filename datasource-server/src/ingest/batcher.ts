// The insert batcher: gathers requests' rows into one INSERT per batch and acknowledges after commit.

import { randomUUID } from 'node:crypto';
import { isDataRefusal, refusalReason } from '../store/refused.ts';
import type { LogRow, Store } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';

/** The queue is full: the caller should answer 503 with Retry-After. */
export class OverloadedError extends Error {
  override readonly name = 'OverloadedError';
  readonly retryAfterSeconds = 5;
}

/** The batch holding the rows could not be committed (store down): answer 503 with Retry-After. */
export class InsertFailedError extends Error {
  override readonly name = 'InsertFailedError';
  readonly retryAfterSeconds = 10;
}

/**
 * The engine refused this request's rows themselves (a value it cannot parse): retrying cannot help, so
 * the request is answered 400 with the engine's reason. The other requests of its batch were committed.
 */
export class RowsRefusedError extends Error {
  override readonly name = 'RowsRefusedError';
}

/** A request with more rows than the whole queue may ever hold: it can never be accepted (413). */
export class RequestTooLargeError extends Error {
  override readonly name = 'RequestTooLargeError';
}

/** The service is shutting down and accepts no more rows. */
export class BatcherClosedError extends Error {
  override readonly name = 'BatcherClosedError';
  readonly retryAfterSeconds = 5;
}

export interface BatcherOptions extends BatchLimits {
  store: Pick<Store, 'insertLogs'>;
}

/** A RowBatcher's options: where a batch goes, and the limits. */
export interface RowBatcherOptions<R> extends BatchLimits {
  /** One INSERT of a batch; `dedupToken` is the same for the one retry. */
  insert(rows: R[], opts: { dedupToken: string }): Promise<void>;
}

export interface BatchLimits {
  maxRows: number;
  maxWaitMs: number;
  /** Rows waiting plus rows being inserted; `submit` refuses beyond this. */
  maxQueuedRows: number;
  logger?: Logger;
  /** Pause before the one retry of a failed insert (same dedup token, so it cannot double). */
  retryDelayMs?: number;
  /** Told the queue and each batch's outcome (`metrics.ingest` for GET /metrics). */
  metrics?: BatchMetrics;
}

/** Where a Batcher reports itself; `IngestMetrics` (src/telemetry/ingest-metrics.ts) is one. */
export interface BatchMetrics {
  /** Called once: `read` gives the rows queued now (sampled at each scrape). */
  watchQueue(read: () => number): void;
  batch(outcome: { rows: number; seconds: number; committed: boolean }): void;
}

interface Pending<R> {
  rows: R[];
  resolve: () => void;
  reject: (err: Error) => void;
}

export interface BatcherStats {
  queuedRows: number;
  batches: number;
  rowsInserted: number;
  failedBatches: number;
}

/**
 * Size- and time-triggered batching of any row type (log rows: {@link Batcher}; metric samples: the
 * embedded metrics sink). One insert runs at a time; a request's rows are never split
 * across inserts, so a request is committed or rejected as a whole. `submit` resolves only after the
 * INSERT holding its rows committed.
 *
 * @example await batcher.submit(rows) // then answer 200
 */
export class RowBatcher<R> {
  private pending: Pending<R>[] = [];
  private pendingRows = 0;
  private inflightRows = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  private readonly logger: Logger;
  readonly stats: BatcherStats = { queuedRows: 0, batches: 0, rowsInserted: 0, failedBatches: 0 };

  constructor(private readonly opts: RowBatcherOptions<R>) {
    this.logger = opts.logger ?? silentLogger;
    opts.metrics?.watchQueue(() => this.queuedRows);
  }

  /** Rows accepted but not yet committed. */
  get queuedRows(): number {
    return this.pendingRows + this.inflightRows;
  }

  /** True when a request of average size would be refused. */
  get saturated(): boolean {
    return this.queuedRows >= this.opts.maxQueuedRows;
  }

  submit(rows: R[]): Promise<void> {
    if (this.closed) return Promise.reject(new BatcherClosedError('shutting down'));
    if (rows.length === 0) return Promise.resolve();
    // Never accepted, whatever the queue holds now: a retry would be refused the same way.
    if (rows.length > this.opts.maxQueuedRows) {
      return Promise.reject(
        new RequestTooLargeError(
          `the request holds ${rows.length} events, more than the ingest queue ever holds (${this.opts.maxQueuedRows}); split it`,
        ),
      );
    }
    if (this.queuedRows + rows.length > this.opts.maxQueuedRows) {
      return Promise.reject(new OverloadedError(`ingest queue is full (${this.queuedRows} rows)`));
    }
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ rows, resolve, reject });
      this.pendingRows += rows.length;
      this.stats.queuedRows = this.queuedRows;
      if (this.pendingRows >= this.opts.maxRows) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.opts.maxWaitMs);
    });
  }

  /** Inserts everything pending now; resolves when the queue is empty. */
  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.running !== undefined) {
      this.kick();
      await this.running;
    }
  }

  /** Refuses new rows, then flushes what was accepted. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private kick(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.running !== undefined || this.pending.length === 0) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.pending.length > 0) {
        if (this.pendingRows >= this.opts.maxRows || this.closed) this.kick();
        else this.timer ??= setTimeout(() => this.kick(), this.opts.maxWaitMs);
      }
    });
  }

  /** Takes whole requests up to maxRows (at least one) and inserts them as one batch. */
  private async drain(): Promise<void> {
    const batch: Pending<R>[] = [];
    let count = 0;
    while (this.pending.length > 0) {
      const next = this.pending[0];
      if (next === undefined || (count > 0 && count + next.rows.length > this.opts.maxRows)) break;
      batch.push(next);
      count += next.rows.length;
      this.pending.shift();
    }
    this.pendingRows -= count;
    this.inflightRows = count;
    try {
      await this.commit(batch, randomUUID());
    } finally {
      this.inflightRows = 0;
      this.stats.queuedRows = this.queuedRows;
    }
  }

  /**
   * Inserts the requests of `batch` as one INSERT and settles each. When the engine refuses the rows
   * themselves (isDataRefusal), the batch is halved and each half inserted on its own, down to the one
   * request holding the bad rows, which alone fails (RowsRefusedError, a 400); every other request is
   * committed. A refused INSERT wrote nothing (a batch is one block, at most `maxRows` rows, parsed before
   * any part is written), and each half gets its own dedup token derived from the batch's, so the one
   * retry of a half cannot double it.
   */
  private async commit(batch: Pending<R>[], dedupToken: string): Promise<void> {
    const rows = batch.length === 1 ? (batch[0]?.rows ?? []) : batch.flatMap((p) => p.rows);
    try {
      await this.measured(rows.length, () => this.insertWithRetry(rows, dedupToken));
      this.stats.batches++;
      this.stats.rowsInserted += rows.length;
      for (const p of batch) p.resolve();
    } catch (err) {
      this.stats.failedBatches++;
      if (isDataRefusal(err)) {
        if (batch.length === 1) {
          this.logger.warn("ingest: the store refused a request's rows", { rows: rows.length, err });
          const reason = `the store refused this request's data: ${refusalReason(err)}`;
          batch[0]?.reject(new RowsRefusedError(reason, { cause: err }));
          return;
        }
        const half = Math.ceil(batch.length / 2);
        await this.commit(batch.slice(0, half), `${dedupToken}.0`);
        await this.commit(batch.slice(half), `${dedupToken}.1`);
        return;
      }
      this.logger.error('ingest: batch insert failed', { rows: rows.length, requests: batch.length, err });
      const failure = new InsertFailedError('the batch could not be stored', { cause: err });
      for (const p of batch) p.reject(failure);
    }
  }

  // ── metrics hook: kept out of drain's internals ──
  /** Runs one batch's insert, reporting its commit time or failure to `opts.metrics`. */
  private async measured(rows: number, insert: () => Promise<void>): Promise<void> {
    const metrics = this.opts.metrics;
    if (metrics === undefined) return insert();
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      await insert();
    } catch (err) {
      metrics.batch({ rows, seconds: seconds(), committed: false });
      throw err;
    }
    metrics.batch({ rows, seconds: seconds(), committed: true });
  }

  private async insertWithRetry(rows: R[], dedupToken: string): Promise<void> {
    try {
      await this.opts.insert(rows, { dedupToken });
    } catch (first) {
      // Rows the engine refused fail the same way again: no retry (see commit).
      if (isDataRefusal(first)) throw first;
      this.logger.warn('ingest: insert failed, retrying once', { rows: rows.length, err: first });
      await new Promise((r) => setTimeout(r, this.opts.retryDelayMs ?? 200));
      await this.opts.insert(rows, { dedupToken });
    }
  }
}

/** The log rows' batcher: batches go to `logs` (`store.insertLogs`). */
export class Batcher extends RowBatcher<LogRow> {
  constructor(opts: BatcherOptions) {
    super({ ...opts, insert: (rows, o) => opts.store.insertLogs(rows, o) });
  }
}
