// Test child: the Kafka consumer entry point (startConsumer) over a store that SIGKILLs this process right
// after its Nth insert committed in ClickHouse and before the consumer commits the Kafka offsets.

import { loadConfig } from '../../src/config.ts';
import { startConsumer } from '../../src/kafka/consumer.ts';
import { runMigrations } from '../../src/store/migrations.ts';
import { createStore } from '../../src/store/store.ts';
import { createLogger } from '../../src/telemetry/logger.ts';

const crashAfter = Number(process.env['CRASH_AFTER_INSERTS'] ?? '1');
const config = loadConfig();
if (config.kafka === undefined) throw new Error('KAFKA_BROKERS is not set');
const logger = createLogger({ level: config.logLevel });
const store = await createStore(config, { logger });
await runMigrations(store, { retentionDays: config.retentionDays });
let inserts = 0;
startConsumer({
  kafka: config.kafka,
  store: {
    async insertLogs(rows, opts) {
      await store.insertLogs(rows, opts);
      logger.info('child: inserted', { rows: rows.length, token: opts?.dedupToken });
      if (++inserts >= crashAfter) process.kill(process.pid, 'SIGKILL');
    },
  },
  logger,
  maxRows: config.batch.maxRows,
  maxWaitMs: config.batch.maxWaitMs,
});
