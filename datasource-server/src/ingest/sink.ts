// Where ingestion hands a request's rows: the ClickHouse batcher, or a Kafka producer (src/kafka/sink.ts).

import type { LogRow } from '../store/types.ts';

/**
 * A destination for decoded rows. `submit` resolves only once the rows are durable at the destination
 * (committed to ClickHouse, or acknowledged by every in-sync Kafka replica) and rejects with the errors
 * `toIngestError` maps to 503 + Retry-After (OverloadedError, InsertFailedError, BatcherClosedError).
 *
 * @example await sink.submit(rows) // then answer 200
 */
export interface RowSink {
  submit(rows: LogRow[]): Promise<void>;
  /** True when a request of average size would be refused (HEC health answers 503). */
  readonly saturated: boolean;
  /** Refuses new rows, then waits for the accepted ones. */
  close(): Promise<void>;
}
