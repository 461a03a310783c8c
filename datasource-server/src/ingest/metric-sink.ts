// Where metric samples go: VictoriaMetrics (METRICS_URL) or the embedded `metrics` table, through a batcher.

import type { Store, MetricRow } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { metricsWriteError } from '../metrics/victoria.ts';
import type { VictoriaMetrics } from '../metrics/victoria.ts';
import { RowBatcher } from './batcher.ts';
import type { BatchLimits } from './batcher.ts';

/**
 * A destination for decoded samples. `submit` resolves only once they are durable there and rejects with
 * an IngestError (403, 503 + Retry-After) or the batcher's errors (`toIngestError` maps them to 503).
 */
export interface MetricSink {
  submit(rows: MetricRow[]): Promise<void>;
  close(): Promise<void>;
}

/** Samples forwarded to VictoriaMetrics' `/api/v1/import`; 2xx only after VictoriaMetrics answered 2xx. */
export function victoriaMetricsSink(vm: VictoriaMetrics): MetricSink {
  return {
    async submit(rows) {
      if (rows.length === 0) return;
      try {
        await vm.import(rows);
      } catch (err) {
        throw metricsWriteError(err);
      }
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Samples batched into the `metrics` table like log rows into `logs` (one INSERT per batch, committed before
 * any request of it is answered, one retry with the same deduplication token).
 */
export function tableMetricSink(
  store: Pick<Store, 'insertMetrics'>,
  limits: BatchLimits,
  logger?: Logger,
): MetricSink {
  const batcher = new RowBatcher<MetricRow>({
    ...limits,
    ...(logger ? { logger } : {}),
    insert: (rows, o) => store.insertMetrics(rows, o),
  });
  return { submit: (rows) => batcher.submit(rows), close: () => batcher.close() };
}
