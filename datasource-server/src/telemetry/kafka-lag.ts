// Prometheus gauge of the Kafka consumer group's lag, read from the brokers at scrape time.

import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Logger } from './logger.ts';

/** What the lag reader needs of a Kafka admin client (kafkajs' Admin has both methods). */
export interface KafkaOffsets {
  /** The end (high watermark) of each partition of `topic`. */
  fetchTopicOffsets(topic: string): Promise<{ partition: number; high: string }[]>;
  /** The group's committed offsets per partition (`-1`: never committed). */
  fetchOffsets(opts: {
    groupId: string;
    topics: string[];
  }): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

/**
 * Messages in `topic` the group has not committed yet, per partition: end offset − committed offset (a
 * partition never committed counts from 0, the group starts at the earliest offset).
 *
 * @example await consumerLag(admin, 'nexus-logs', 'nexus-consumer') // Map { 0 => 12, 1 => 0 }
 */
export async function consumerLag(
  offsets: KafkaOffsets,
  topic: string,
  groupId: string,
): Promise<Map<number, number>> {
  const [ends, committed] = await Promise.all([
    offsets.fetchTopicOffsets(topic),
    offsets.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const done = new Map<number, bigint>();
  for (const p of committed.find((t) => t.topic === topic)?.partitions ?? []) {
    if (p.offset !== '-1') done.set(p.partition, BigInt(p.offset));
  }
  const lag = new Map<number, number>();
  for (const p of ends) {
    const behind = BigInt(p.high) - (done.get(p.partition) ?? 0n);
    lag.set(p.partition, Number(behind > 0n ? behind : 0n));
  }
  return lag;
}

/** A scrape waits this long for the brokers at most; then the gauge has no samples (absent, not stale). */
const LAG_TIMEOUT_MS = 3_000;

/**
 * `nexus_kafka_consumer_lag_messages{topic,group,partition}`, read at scrape time from the brokers, so it
 * grows while the consumer is stuck or stopped (a value kept by the consumer itself would freeze). Every
 * nexus-api with KAFKA_BROKERS reports the same group: aggregate with max(), not sum().
 *
 * @example registerKafkaLag({ registers: [registry], offsets: admin, topic, groupId, logger })
 */
export function registerKafkaLag(opts: {
  registers: Registry[];
  offsets: KafkaOffsets;
  topic: string;
  groupId: string;
  logger: Logger;
}): void {
  const { offsets, topic, groupId, logger } = opts;
  new Gauge({
    name: 'nexus_kafka_consumer_lag_messages',
    help: 'Messages of the ingest topic not yet committed by the consumer group, per partition (read from the brokers at scrape time).',
    labelNames: ['topic', 'group', 'partition'],
    registers: opts.registers,
    async collect() {
      this.reset();
      let timer: NodeJS.Timeout | undefined;
      try {
        const lag = await Promise.race([
          consumerLag(offsets, topic, groupId),
          new Promise<never>((_resolve, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no answer within ${LAG_TIMEOUT_MS} ms`)),
              LAG_TIMEOUT_MS,
            );
          }),
        ]);
        for (const [partition, n] of lag)
          this.set({ topic, group: groupId, partition: String(partition) }, n);
      } catch (err) {
        logger.warn('metrics: cannot read the Kafka consumer lag', { err });
      } finally {
        clearTimeout(timer);
      }
    },
  });
}
