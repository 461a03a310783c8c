// The log consumer as a service: started by nexus-api (KAFKA_CONSUMER=on) or by `nexus consumer`.

import type { KafkaConfig } from '../config.ts';
import type { Store } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { LogConsumer } from './client.ts';
import { kafkajsConsumer } from './kafkajs.ts';
import type { LoaderStats } from './loader.ts';
import { createLoader } from './loader.ts';

/** Fetch size per partition, and so the largest insert in bytes (see createLoader). */
const FETCH_BYTES_PER_PARTITION = 4 * 1024 * 1024;

export interface RunningConsumer {
  /** Lets the insert in progress finish and commit, then leaves the group. */
  stop(): Promise<void>;
  readonly stats: LoaderStats;
}

export interface StartConsumerOptions {
  kafka: KafkaConfig;
  store: Pick<Store, 'insertLogs'>;
  logger: Logger;
  /** Rows per insert at most (NEXUS_BATCH_MAX_ROWS). */
  maxRows: number;
  /** How long the broker may hold a fetch to fill it (NEXUS_BATCH_MAX_WAIT_MS, at least 100 ms). */
  maxWaitMs: number;
  /** Another client than kafkajs. */
  consumer?: LogConsumer;
}

/**
 * Joins the consumer group and inserts what it reads; when Kafka is unreachable it keeps trying (every
 * 5 s) until stopped, so nexus-api can start before its brokers.
 *
 * @example const c = startConsumer({ kafka: config.kafka, store, logger, maxRows: 10_000, maxWaitMs: 200 });
 * await c.stop();
 */
export function startConsumer(opts: StartConsumerOptions): RunningConsumer {
  const logger = opts.logger.child({ component: 'kafka-consumer' });
  const consumer =
    opts.consumer ??
    kafkajsConsumer(opts.kafka, logger, {
      maxBytesPerPartition: FETCH_BYTES_PER_PARTITION,
      maxWaitMs: Math.min(5_000, Math.max(100, opts.maxWaitMs)),
    });
  const loader = createLoader({
    store: opts.store,
    logger,
    maxRows: opts.maxRows,
    maxBytes: FETCH_BYTES_PER_PARTITION,
  });
  let stopping = false;
  let wake: (() => void) | undefined;
  const started = (async () => {
    for (;;) {
      if (stopping) return;
      try {
        await consumer.run((batch) => loader.handle(batch));
        logger.info('kafka: consuming', { topic: opts.kafka.topic, groupId: opts.kafka.groupId });
        return;
      } catch (err) {
        logger.warn('kafka: consumer cannot start; retrying in 5 s', { err });
        await consumer.stop().catch(() => undefined);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 5_000).unref();
        });
      }
    }
  })();
  return {
    stats: loader.stats,
    async stop() {
      stopping = true;
      wake?.();
      await started;
      await consumer.stop();
      logger.info('kafka: consumer stopped', { ...loader.stats });
    },
  };
}
