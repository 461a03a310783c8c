// `nexus consumer`: the Kafka consumer alone — reads the ingest topic and inserts into ClickHouse until SIGTERM.

import type { Writable } from 'node:stream';
import { ConfigError, loadConfig } from '../config.ts';
import { startConsumer } from '../kafka/consumer.ts';
import { runMigrations, schemaOptionsOf } from '../store/migrations.ts';
import { createStore } from '../store/store.ts';
import { createLogger } from '../telemetry/logger.ts';

export const consumerUsage = `usage:
  nexus consumer

Reads KAFKA_TOPIC (default nexus-logs) as consumer group KAFKA_GROUP_ID (default nexus-ingest) from
KAFKA_BROKERS and inserts the rows into the store nexus-api uses (NEXUS_DATA_DIR or CLICKHOUSE_URL, same
variables). Offsets are committed only after the insert; SIGTERM or SIGINT finishes the insert in
progress, commits it and exits 0.
`;

/** Runs the consumer until SIGTERM/SIGINT; the exit code (2 for a configuration error). */
export async function consumerCommand(
  args: readonly string[],
  io: { stdout: Writable; stderr: Writable },
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(consumerUsage);
    return 0;
  }
  if (args.length > 0) {
    io.stderr.write(`nexus consumer: unexpected argument ${args[0] ?? ''}\n${consumerUsage}`);
    return 2;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`nexus consumer: ${err.message}\n`);
    return 2;
  }
  if (config.kafka === undefined) {
    io.stderr.write('nexus consumer: KAFKA_BROKERS is not set\n');
    return 2;
  }
  const logger = createLogger({ level: config.logLevel });
  const store = await createStore(config, { logger });
  await runMigrations(store, schemaOptionsOf(config));
  const signalled = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  const consumer = startConsumer({
    kafka: config.kafka,
    store,
    logger,
    maxRows: config.batch.maxRows,
    maxWaitMs: config.batch.maxWaitMs,
  });
  logger.info('consumer started', {
    brokers: config.kafka.brokers,
    topic: config.kafka.topic,
    groupId: config.kafka.groupId,
    store: store.mode,
  });
  const signal = await signalled;
  logger.info('consumer shutting down', { signal });
  await consumer.stop();
  await store.close();
  logger.info('consumer stopped', { ...consumer.stats });
  return 0;
}
