// The Kafka client on kafkajs: an idempotent acks=all producer and a manually committing group consumer.

import { CompressionTypes, Kafka, logLevel, Partitioners } from 'kafkajs';
import type { Consumer, IHeaders, LogEntry, Producer, SASLOptions } from 'kafkajs';
import type { KafkaConfig } from '../config.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { ConsumedMessage, LogConsumer, LogProducer, OutgoingMessage, PartitionBatch } from './client.ts';
import type { KafkaOffsets } from '../telemetry/kafka-lag.ts';

/** kafkajs' log lines into ours (kafkajs logs a broker outage at ERROR on every retry: warn is enough). */
function logCreator(logger: Logger) {
  return () =>
    ({ namespace, level, log }: LogEntry): void => {
      const { message, timestamp: _ts, ...fields } = log;
      const line = `kafka: ${message}`;
      const f = { namespace, ...fields };
      if (level === logLevel.ERROR || level === logLevel.WARN) logger.warn(line, f);
      else if (level === logLevel.INFO) logger.info(line, f);
      else logger.debug(line, f);
    };
}

function sasl(cfg: KafkaConfig): SASLOptions | undefined {
  const s = cfg.sasl;
  if (s === undefined) return undefined;
  const { username, password } = s;
  switch (s.mechanism) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
  }
}

function client(cfg: KafkaConfig, logger: Logger): Kafka {
  const auth = sasl(cfg);
  return new Kafka({
    clientId: cfg.clientId,
    brokers: [...cfg.brokers],
    ssl: cfg.ssl,
    ...(auth ? { sasl: auth } : {}),
    connectionTimeout: 3_000,
    requestTimeout: Math.max(5_000, cfg.sendTimeoutMs),
    logLevel: logLevel.INFO,
    logCreator: logCreator(logger),
  });
}

/** Settles like `p`, or rejects after `ms`. */
async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer from Kafka within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The producer: idempotent (no duplicates from its own retries), `acks: -1` (every in-sync replica has
 * the message before the send resolves) and one request in flight per broker, as kafkajs requires for
 * idempotence. One produce request per message: kafkajs puts a send's messages for a partition into one
 * record batch, and the broker caps a record batch at message.max.bytes.
 *
 * @example await kafkajsProducer(config.kafka, logger).send([{ key: 'acme', value, headers }])
 */
export function kafkajsProducer(cfg: KafkaConfig, logger: Logger): LogProducer {
  const producer: Producer = client(cfg, logger).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: true,
    createPartitioner: Partitioners.DefaultPartitioner,
    // Bounded: a broker outage becomes a 503 within sendTimeoutMs instead of a request that hangs.
    retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 5 },
  });
  const compression = cfg.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
  let connected: Promise<void> | undefined;
  let session = 0;
  let resetting: Promise<void> = Promise.resolve();
  const connect = (): Promise<void> =>
    (connected ??= resetting
      .then(() => producer.connect())
      .catch((err: unknown) => {
        connected = undefined;
        throw err;
      }));
  // Retries are bounded (a 503 instead of a hung request), and kafkajs warns that this can break
  // idempotence: a batch the broker wrote but never acknowledged keeps its sequence number, and the next
  // batch would reuse it, and the broker could take it for a duplicate while we answer 2xx. So after a
  // failed send the producer reconnects (once per session), which gets a new producer id and sequences.
  const reset = (failedSession: number): void => {
    if (connected === undefined || failedSession !== session) return;
    connected = undefined;
    session++;
    resetting = producer.disconnect().catch(() => undefined);
  };
  const inflight = new Set<Promise<unknown>>();
  const sendOne = async (m: OutgoingMessage): Promise<void> => {
    await producer.send({
      topic: cfg.topic,
      acks: -1,
      timeout: cfg.sendTimeoutMs,
      compression,
      messages: [{ key: m.key, value: m.value, headers: { ...m.headers } }],
    });
  };
  return {
    async send(messages) {
      const started = session;
      const run = (async () => {
        await connect();
        for (const m of messages) await sendOne(m);
      })();
      inflight.add(run);
      try {
        await within(run, cfg.sendTimeoutMs, 'produce');
      } catch (err) {
        reset(started);
        throw err;
      } finally {
        void run.catch(() => undefined).finally(() => inflight.delete(run));
      }
    },
    async close() {
      await Promise.allSettled([...inflight]);
      await resetting;
      if (connected !== undefined) await producer.disconnect();
    },
  };
}

function headerText(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    const one = Array.isArray(v) ? v[0] : v;
    if (one !== undefined) out[k] = one.toString();
  }
  return out;
}

export interface KafkajsConsumerOptions {
  /** Fetch limit per partition; an insert never spans more than this many (uncompressed) bytes. */
  maxBytesPerPartition: number;
  /** How long the broker may wait for `minBytes` before answering a fetch: the insert cadence at low rates. */
  maxWaitMs: number;
}

/**
 * The consumer group: `autoCommit: false` and no automatic resolve, so only what the handler inserted
 * and committed is ever skipped; the committed metadata (read with an admin client) carries the range
 * of an insert in progress. A new group starts at the earliest offset.
 */
export function kafkajsConsumer(cfg: KafkaConfig, logger: Logger, opts: KafkajsConsumerOptions): LogConsumer {
  const kafka = client(cfg, logger);
  const consumer: Consumer = kafka.consumer({
    groupId: cfg.groupId,
    sessionTimeout: cfg.sessionTimeoutMs,
    heartbeatInterval: Math.max(500, Math.floor(cfg.sessionTimeoutMs / 10)),
    maxBytesPerPartition: opts.maxBytesPerPartition,
    maxBytes: 4 * opts.maxBytesPerPartition,
    minBytes: 256 * 1024,
    maxWaitTimeInMs: opts.maxWaitMs,
    allowAutoTopicCreation: true,
  });
  const admin = kafka.admin();
  return {
    async run(handler) {
      await consumer.connect();
      await admin.connect();
      await consumer.subscribe({ topic: cfg.topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 1,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          const { topic, partition } = batch;
          const messages: ConsumedMessage[] = batch.messages.map((m) => ({
            offset: BigInt(m.offset),
            value: m.value,
            headers: headerText(m.headers),
          }));
          const b: PartitionBatch = {
            topic,
            partition,
            messages,
            async committed() {
              const [t] = await admin.fetchOffsets({ groupId: cfg.groupId, topics: [topic] });
              const p = t?.partitions.find((x) => x.partition === partition);
              const offset = p === undefined || p.offset === '-1' ? undefined : BigInt(p.offset);
              return { offset, metadata: p?.metadata ?? null };
            },
            commit: (offset, metadata) =>
              consumer.commitOffsets([{ topic, partition, offset: offset.toString(), metadata }]),
            resolve: (offset) => resolveOffset(offset.toString()),
            heartbeat,
            active: () => isRunning() && !isStale(),
          };
          await handler(b);
        },
      });
    },
    async stop() {
      await consumer.disconnect();
      await admin.disconnect();
    },
  };
}

/**
 * An admin client that reads topic ends and group offsets (the consumer-lag metric). It connects on first
 * use, and again after a failed read.
 */
export function kafkajsOffsets(cfg: KafkaConfig, logger: Logger): KafkaOffsets & { close(): Promise<void> } {
  const admin = client(cfg, logger).admin();
  let connected: Promise<void> | undefined;
  const ready = (): Promise<void> =>
    (connected ??= admin.connect().catch((err: unknown) => {
      connected = undefined;
      throw err;
    }));
  const retrying = async <T>(read: () => Promise<T>): Promise<T> => {
    await ready();
    try {
      return await read();
    } catch (err) {
      connected = undefined;
      await admin.disconnect().catch(() => undefined);
      throw err;
    }
  };
  return {
    fetchTopicOffsets: (topic) => retrying(() => admin.fetchTopicOffsets(topic)),
    fetchOffsets: (o) => retrying(() => admin.fetchOffsets(o)),
    async close() {
      if (connected !== undefined) await admin.disconnect();
    },
  };
}
