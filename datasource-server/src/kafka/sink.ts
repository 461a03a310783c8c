// The Kafka sink: ingestion's RowSink when KAFKA_BROKERS is set; a request is acknowledged once Kafka has it.

import {
  BatcherClosedError,
  InsertFailedError,
  OverloadedError,
  RequestTooLargeError,
} from '../ingest/batcher.ts';
import { HEC, IngestError } from '../ingest/errors.ts';
import type { RowSink } from '../ingest/sink.ts';
import type { LogRow } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import type { LogProducer } from './client.ts';
import { encodeRows, RowTooLargeError } from './codec.ts';

export interface KafkaSinkOptions {
  producer: LogProducer;
  /** Largest message value (KAFKA_MAX_MESSAGE_BYTES). */
  maxMessageBytes: number;
  /** Rows being produced; past this, `submit` refuses (503) so memory stays bounded. */
  maxQueuedRows: number;
  logger?: Logger;
}

export interface KafkaSinkStats {
  rowsProduced: number;
  messagesProduced: number;
  failedRequests: number;
}

/**
 * Produces each request's rows (NDJSON, keyed by org_id, split under maxMessageBytes) and resolves once
 * every message is acknowledged by all in-sync replicas. Failures reject with the batcher's errors, so
 * ingestion answers 503 + Retry-After exactly as when ClickHouse is down. A row too large for one
 * message is a 413 naming the event.
 *
 * @example const sink = new KafkaSink({ producer, maxMessageBytes: 900_000, maxQueuedRows: 200_000 });
 * await sink.submit(rows) // resolved: Kafka has the rows
 */
export class KafkaSink implements RowSink {
  private inflightRows = 0;
  private readonly inflight = new Set<Promise<void>>();
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly logger: Logger;
  readonly stats: KafkaSinkStats = { rowsProduced: 0, messagesProduced: 0, failedRequests: 0 };

  constructor(private readonly opts: KafkaSinkOptions) {
    this.logger = opts.logger ?? silentLogger;
  }

  get saturated(): boolean {
    return this.inflightRows >= this.opts.maxQueuedRows;
  }

  async submit(rows: LogRow[]): Promise<void> {
    if (this.closed) throw new BatcherClosedError('shutting down');
    if (rows.length === 0) return;
    // As the batcher: a request the queue can never hold is refused at once (413), never a 503 retried forever.
    if (rows.length > this.opts.maxQueuedRows) {
      throw new RequestTooLargeError(
        `the request holds ${rows.length} events, more than are ever sent to Kafka at once (${this.opts.maxQueuedRows}); split it`,
      );
    }
    if (this.inflightRows > 0 && this.inflightRows + rows.length > this.opts.maxQueuedRows) {
      throw new OverloadedError(`ingest queue is full (${this.inflightRows} rows being sent to Kafka)`);
    }
    let messages;
    try {
      messages = encodeRows(rows, this.opts.maxMessageBytes);
    } catch (err) {
      if (err instanceof RowTooLargeError) {
        throw new IngestError(
          413,
          HEC.invalidFormat,
          `${err.message} (KAFKA_MAX_MESSAGE_BYTES)`,
          err.rowIndex,
        );
      }
      throw err;
    }
    this.inflightRows += rows.length;
    const sending = this.opts.producer.send(messages);
    const tracked = sending.then(
      () => undefined,
      () => undefined,
    );
    this.inflight.add(tracked);
    try {
      await sending;
      this.stats.rowsProduced += rows.length;
      this.stats.messagesProduced += messages.length;
    } catch (err) {
      this.stats.failedRequests++;
      this.logger.warn('ingest: Kafka did not acknowledge the rows', { rows: rows.length, err });
      throw new InsertFailedError('the rows could not be handed to Kafka', { cause: err });
    } finally {
      this.inflightRows -= rows.length;
      this.inflight.delete(tracked);
    }
  }

  /** Refuses new rows, waits for the sends in flight, then closes the producer. */
  close(): Promise<void> {
    this.closed = true;
    this.closing ??= Promise.all([...this.inflight]).then(() => this.opts.producer.close());
    return this.closing;
  }
}
