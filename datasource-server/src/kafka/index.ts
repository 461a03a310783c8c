// Kafka buffering of ingestion (KAFKA_BROKERS): the producer sink for the routes and the in-process consumer.

import type { Config, KafkaConfig } from '../config.ts';
import type { Store } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { RunningConsumer } from './consumer.ts';
import { startConsumer } from './consumer.ts';
import { kafkajsProducer } from './kafkajs.ts';
import { KafkaSink } from './sink.ts';

export { KafkaSink } from './sink.ts';
export { startConsumer } from './consumer.ts';
export type { RunningConsumer } from './consumer.ts';

export interface KafkaIngest {
  /** The routes' RowSink: a request is acknowledged once Kafka has its rows. */
  readonly sink: KafkaSink;
  /** The consumer inserting into ClickHouse; undefined with KAFKA_CONSUMER=off (run `nexus consumer`). */
  readonly consumer: RunningConsumer | undefined;
  /** Closes the sink (waiting for sends in flight), then stops the consumer. */
  close(): Promise<void>;
}

/**
 * @example const kafka = startKafkaIngest(config.kafka, config, { store, logger });
 * createApp({ …, batcher: kafka.sink });
 */
export function startKafkaIngest(
  kafka: KafkaConfig,
  config: Pick<Config, 'batch'>,
  deps: { store: Pick<Store, 'insertLogs'>; logger: Logger },
): KafkaIngest {
  const sink = new KafkaSink({
    producer: kafkajsProducer(kafka, deps.logger.child({ component: 'kafka-producer' })),
    maxMessageBytes: kafka.maxMessageBytes,
    maxQueuedRows: config.batch.maxQueuedRows,
    logger: deps.logger,
  });
  const consumer = kafka.consumer
    ? startConsumer({
        kafka,
        store: deps.store,
        logger: deps.logger,
        maxRows: config.batch.maxRows,
        maxWaitMs: config.batch.maxWaitMs,
      })
    : undefined;
  return {
    sink,
    consumer,
    async close() {
      await sink.close();
      await consumer?.stop();
    },
  };
}
