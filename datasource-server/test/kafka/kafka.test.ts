// Kafka buffering against librdkafka's mock cluster (kcat): produce-then-acknowledge, the consumer's
// exactly-once inserts across failures and SIGKILLs, and 503 when Kafka is gone.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import type { Config, KafkaConfig } from '../../src/config.ts';
import { loadConfig } from '../../src/config.ts';
import { encodeRows, decodeMessage, FORMAT, FORMAT_HEADER, RowTooLargeError } from '../../src/kafka/codec.ts';
import { startConsumer } from '../../src/kafka/consumer.ts';
import { KafkaSink } from '../../src/kafka/sink.ts';
import { RequestTooLargeError } from '../../src/ingest/batcher.ts';
import { toIngestError } from '../../src/ingest/service.ts';
import type { KafkaIngest } from '../../src/kafka/index.ts';
import { startKafkaIngest } from '../../src/kafka/index.ts';
import { createStore } from '../../src/store/store.ts';
import type { LogRow, Store } from '../../src/store/types.ts';
import { silentLogger } from '../../src/telemetry/logger.ts';
import { ADMIN_TOKEN, tempDir, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';
import type { MockKafka } from '../helpers/kafka.ts';
import { skipWithoutKcat, startMockKafka, tolerateMockControllerId } from '../helpers/kafka.ts';

const skip = skipWithoutKcat;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
tolerateMockControllerId();

/** Cleanups of the running test, last first, run when it ends (one chDB data directory per process). */
let cleanups: (() => Promise<void> | void)[] = [];
function scoped(t: TestContext): void {
  cleanups = [];
  t.after(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups = [];
  });
}

function kafkaOf(config: Config): KafkaConfig {
  if (config.kafka === undefined) throw new Error('KAFKA_BROKERS is not set');
  return config.kafka;
}

async function mockKafka(): Promise<MockKafka> {
  const mock = await startMockKafka();
  cleanups.push(() => mock.kill());
  return mock;
}

/** An app whose routes produce to Kafka; with `consume`, the consumer runs in-process on the same store. */
async function kafkaEnv(
  mock: MockKafka,
  extra: Record<string, string> = {},
): Promise<{ env: TestEnv; kafka: KafkaIngest; close: () => Promise<void> }> {
  let kafka: KafkaIngest | undefined;
  const env = await testEnv(
    { KAFKA_BROKERS: mock.brokers, NEXUS_BATCH_MAX_WAIT_MS: '100', ...extra },
    {
      sink: (store, config) => {
        kafka = startKafkaIngest(kafkaOf(config), config, { store, logger: silentLogger });
        return kafka.sink;
      },
    },
  );
  if (kafka === undefined) throw new Error('no sink');
  const k = kafka;
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= k.close().then(() => env.close()));
  cleanups.push(close);
  return { env, kafka: k, close };
}

async function hec(env: TestEnv, body: string): Promise<Response> {
  return env.app.request('/services/collector/event', {
    method: 'POST',
    headers: { Authorization: `Splunk ${ADMIN_TOKEN}` },
    body,
  });
}

const events = (host: string, from: number, n: number): string =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({ event: `seq=${from + i} pad=${'x'.repeat(100)}`, host }),
  ).join('');

async function count(store: Store, host: string): Promise<{ rows: number; distinct: number }> {
  const r = await store.query({
    sql: 'SELECT count(), uniqExact(_raw) FROM logs WHERE host = {host:String}',
    params: { host },
  });
  const [rows, distinct] = r.rows[0] ?? [];
  return { rows: Number(rows), distinct: Number(distinct) };
}

async function waitFor(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function admin(brokers: string) {
  const a = new Kafka({ clientId: 'test', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  cleanups.push(() => a.disconnect());
  return a;
}

/** Per partition with data: [committed offset, high watermark, commit metadata]. */
async function progress(
  a: ReturnType<typeof admin>,
  groupId: string,
  topic: string,
): Promise<{ partition: number; committed: string; high: string; metadata: string | null }[]> {
  const highs = await a.fetchTopicOffsets(topic);
  const [t] = await a.fetchOffsets({ groupId, topics: [topic] });
  return highs
    .filter((h) => h.high !== '0')
    .map((h) => {
      const c = t?.partitions.find((p) => p.partition === h.partition);
      return {
        partition: h.partition,
        committed: c?.offset ?? '-1',
        high: h.high,
        metadata: c?.metadata ?? null,
      };
    });
}

const row = (org: string, raw: string): LogRow => ({
  org_id: org,
  index: 'main',
  _time: 1_700_000_000_000,
  host: 'h',
  source: 's',
  sourcetype: 'st',
  _raw: raw,
  fields: { n: 1 },
});

test('codec: one tenant per message, split under the cap, order kept; a row over the cap is refused', () => {
  const rows = [row('a', 'x'.repeat(300)), row('b', '1'), row('a', 'y'.repeat(300)), row('a', 'z')];
  const one = Buffer.byteLength(JSON.stringify(rows[0]) + '\n');
  const msgs = encodeRows(rows, one + 50);
  // a: [x], [y] (x and y do not fit together), [z]; then b.
  assert.deepEqual(
    msgs.map((m) => m.key),
    ['a', 'a', 'a', 'b'],
  );
  for (const m of msgs) {
    assert.ok(m.value.length <= one + 50);
    assert.equal(m.headers[FORMAT_HEADER], FORMAT);
  }
  const back = msgs.flatMap((m) => {
    const r = decodeMessage({ offset: 0n, value: m.value, headers: m.headers });
    assert.ok('rows' in r);
    return r.rows;
  });
  assert.deepEqual(
    back.map((r) => r._raw),
    [rows[0]?._raw, rows[2]?._raw, 'z', '1'],
  );
  assert.throws(
    () => encodeRows([row('a', 'ok'), row('a', 'x'.repeat(1000))], 500),
    (e: unknown) => e instanceof RowTooLargeError && e.rowIndex === 1,
  );
  assert.deepEqual(decodeMessage({ offset: 1n, value: Buffer.from('{}'), headers: {} }), {
    error: `no ${FORMAT_HEADER}: ${FORMAT} header`,
  });
  const bad = decodeMessage({
    offset: 1n,
    value: Buffer.from('{"org_id":"a"}\n'),
    headers: { [FORMAT_HEADER]: FORMAT },
  });
  assert.deepEqual(bad, { error: 'line 1 is not a log row' });
});

test('a request with more events than the Kafka queue ever holds is 413 at once, as the batcher answers', async () => {
  let sent = 0;
  const sink = new KafkaSink({
    // Refused before anything is produced: a send would be a failure of the test.
    producer: { send: () => Promise.resolve(void sent++), close: () => Promise.resolve() },
    maxMessageBytes: 900_000,
    maxQueuedRows: 10,
  });
  const rows = (n: number): LogRow[] =>
    Array.from({ length: n }, (_, i) => ({
      org_id: 'acme',
      index: 'main',
      _time: Date.now(),
      host: 'h',
      source: 's',
      sourcetype: 'st',
      _raw: `e${i}`,
      fields: {},
    }));
  const err = await sink.submit(rows(11)).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof RequestTooLargeError, String(err));
  const answer = toIngestError(err);
  assert.equal(answer.status, 413);
  assert.match(answer.message, /11 events, more than are ever sent to Kafka at once \(10\)/);
  assert.equal(sent, 0);
  // A request that fits is produced.
  await sink.submit(rows(10));
  assert.equal(sent, 1);
  await sink.close();
});

test('config: KAFKA_* variables', () => {
  assert.equal(loadConfig({}).kafka, undefined);
  const k = kafkaOf(loadConfig({ KAFKA_BROKERS: 'a:9092, b.example:9093' }));
  assert.deepEqual(k.brokers, ['a:9092', 'b.example:9093']);
  assert.equal(k.topic, 'nexus-logs');
  assert.equal(k.groupId, 'nexus-ingest');
  assert.equal(k.consumer, true);
  assert.equal(kafkaOf(loadConfig({ KAFKA_BROKERS: 'a:1', KAFKA_CONSUMER: 'off' })).consumer, false);
  assert.throws(() => loadConfig({ KAFKA_BROKERS: 'no-port' }), /KAFKA_BROKERS/);
  assert.throws(
    () => loadConfig({ KAFKA_BROKERS: 'a:1', KAFKA_SASL_MECHANISM: 'plain' }),
    /KAFKA_SASL_USERNAME/,
  );
  assert.throws(() => loadConfig({ KAFKA_BROKERS: 'a:1', KAFKA_TOPIC: 'a b' }), /KAFKA_TOPIC/);
});

test(
  'HEC → Kafka → consumer → ClickHouse: 200 once produced, split under the message cap, searchable',
  { skip },
  async (t) => {
    scoped(t);
    const mock = await mockKafka();
    const { env, kafka } = await kafkaEnv(mock, { KAFKA_MAX_MESSAGE_BYTES: '20000' });
    assert.ok(kafka.consumer, 'the consumer runs in-process by default');
    const small = await hec(env, events('kafka-ok', 0, 3));
    assert.equal(small.status, 200);
    assert.deepEqual(await small.json(), { text: 'Success', code: 0 });
    // ~300 × 200 bytes: several messages under 20,000 bytes, acknowledged together.
    const big = await hec(env, events('kafka-ok', 3, 300));
    assert.equal(big.status, 200);
    // One event larger than a message may be: 413 naming it, nothing produced.
    const huge = await hec(
      env,
      events('kafka-ok', 9000, 1) + JSON.stringify({ event: 'y'.repeat(25_000), host: 'kafka-ok' }),
    );
    assert.equal(huge.status, 413);
    assert.equal(((await huge.json()) as { 'invalid-event-number'?: number })['invalid-event-number'], 1);
    assert.equal(kafka.sink.stats.rowsProduced, 303);
    assert.ok(kafka.sink.stats.messagesProduced >= 4, `messages: ${kafka.sink.stats.messagesProduced}`);

    // What the topic holds right after the 200s: every row, in messages under the cap.
    const reader = new Kafka({
      clientId: 'inspect',
      brokers: mock.brokers.split(','),
      logLevel: logLevel.NOTHING,
    }).consumer({ groupId: 'inspect' });
    cleanups.push(() => reader.disconnect());
    await reader.connect();
    await reader.subscribe({ topic: 'nexus-logs', fromBeginning: true });
    const seen: number[] = [];
    let largest = 0;
    await reader.run({
      eachMessage: async ({ message }) => {
        largest = Math.max(largest, message.value?.length ?? 0);
        assert.equal(message.key?.toString(), 'default');
        const r = decodeMessage({ offset: 0n, value: message.value, headers: { [FORMAT_HEADER]: FORMAT } });
        if ('rows' in r) for (const x of r.rows) seen.push(Number(/seq=(\d+)/.exec(x._raw)?.[1]));
      },
    });
    await waitFor('the inspecting consumer', 20_000, async () => seen.length >= 303);
    assert.ok(largest <= 20_000, `largest message ${largest}`);
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      Array.from({ length: 303 }, (_, i) => i),
    );

    await waitFor(
      'the consumer to insert',
      30_000,
      async () => (await count(env.store, 'kafka-ok')).rows >= 303,
    );
    assert.deepEqual(await count(env.store, 'kafka-ok'), { rows: 303, distinct: 303 });
    const res = await env.app.request('/query/spl', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'index=main host=kafka-ok seq=302 | stats count' }),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { rows: unknown[][] };
    assert.equal(Number(body.rows[0]?.[0]), 1);
  },
);

test(
  'insert failure: offsets stay uncommitted; the retry after recovery adds no duplicate',
  { skip },
  async (t) => {
    scoped(t);
    const mock = await mockKafka();
    const { env } = await kafkaEnv(mock, { KAFKA_CONSUMER: 'off' });
    for (let i = 0; i < 4; i++) assert.equal((await hec(env, events('kafka-fail', i * 10, 10))).status, 200);
    const cfg = kafkaOf(env.config);
    // The store is down for 3 attempts, then an insert lands but its answer is lost, then all is well.
    let calls = 0;
    let failures = 0;
    const flaky: Pick<Store, 'insertLogs'> = {
      async insertLogs(rows, opts) {
        calls++;
        if (calls <= 3) {
          failures++;
          throw new Error('simulated store outage');
        }
        await env.store.insertLogs(rows, opts);
        if (calls === 4) {
          failures++;
          throw new Error('simulated lost answer after a committed insert');
        }
      },
    };
    const a = admin(mock.brokers);
    await a.connect();
    const consumer = startConsumer({
      kafka: cfg,
      store: flaky,
      logger: silentLogger,
      maxRows: 10_000,
      maxWaitMs: 100,
    });
    cleanups.push(() => consumer.stop());
    await waitFor('two failed inserts', 20_000, async () => failures >= 2);
    // While the insert fails: nothing in ClickHouse, and no partition committed past the failing range.
    assert.equal((await count(env.store, 'kafka-fail')).rows, 0);
    for (const p of await progress(a, cfg.groupId, cfg.topic)) {
      assert.ok(
        BigInt(p.committed) < BigInt(p.high),
        `partition ${p.partition} committed ${p.committed}/${p.high}`,
      );
      if (p.committed !== '-1') assert.match(p.metadata ?? '', /^nexus-insert:\d+-\d+$/);
    }
    await waitFor('everything committed', 30_000, async () =>
      (await progress(a, cfg.groupId, cfg.topic)).every((p) => p.committed === p.high),
    );
    assert.ok(calls >= 5, `insert calls: ${calls}`);
    assert.deepEqual(await count(env.store, 'kafka-fail'), { rows: 40, distinct: 40 });
    assert.ok(consumer.stats.failedInserts >= 4);
    for (const p of await progress(a, cfg.groupId, cfg.topic)) assert.equal(p.metadata, null);
  },
);

test('Kafka unavailable: ingestion answers 503 with Retry-After, never 2xx', { skip }, async (t) => {
  scoped(t);
  const mock = await mockKafka();
  const { env } = await kafkaEnv(mock, { KAFKA_CONSUMER: 'off', KAFKA_SEND_TIMEOUT_MS: '3000' });
  assert.equal((await hec(env, events('kafka-down', 0, 2))).status, 200);
  await mock.kill();
  for (let i = 0; i < 3; i++) {
    const started = Date.now();
    const res = await hec(env, events('kafka-down', 10 + i, 1));
    assert.equal(res.status, 503);
    assert.ok(Number(res.headers.get('Retry-After')) > 0);
    assert.equal(((await res.json()) as { code: number }).code, 9);
    assert.ok(Date.now() - started < 8_000, `answered in ${Date.now() - started} ms`);
  }
  const vector = await env.app.request('/ingest/logs', {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/x-ndjson' },
    body: JSON.stringify({ message: 'v', host: 'kafka-down' }) + '\n',
  });
  assert.equal(vector.status, 503);
  assert.ok(Number(vector.headers.get('Retry-After')) > 0);
});

interface Child {
  proc: ChildProcess;
  out: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnChild(args: string[], env: Record<string, string>): Child {
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  cleanups.push(() => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  });
  return { proc, out: () => out, exit };
}

/** Inserts a consumer child logged (the crashing child logs its own line after each insert). */
const inserted = (c: Child, msg = 'kafka: inserted'): number =>
  c
    .out()
    .split('\n')
    .filter((l) => l.includes(`"msg":"${msg}"`)).length;

test(
  'acceptance: 20,000 numbered events while the consumer is SIGKILLed and restarted: each acknowledged one lands once',
  { skip, timeout: 300_000 },
  async (t) => {
    scoped(t);
    const mock = await mockKafka();
    const { env, close } = await kafkaEnv(mock, { KAFKA_CONSUMER: 'off' });
    const cfg = kafkaOf(env.config);
    const dataDir = tempDir();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const childEnv = {
      NEXUS_FROM_SOURCE: '1',
      NEXUS_DATA_DIR: dataDir,
      KAFKA_BROKERS: mock.brokers,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      NEXUS_BATCH_MAX_ROWS: '500',
      NEXUS_BATCH_MAX_WAIT_MS: '100',
    };

    // The client: 20,000 events in 400 HEC requests of 50, two at a time, remembering what got a 2xx. It
    // holds its last tenth until the second consumer is killed, so both kills happen mid-stream.
    const total = 20_000;
    const per = 50;
    const acknowledged = new Set<number>();
    let refused = 0;
    let next = 0;
    let secondKilled: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (secondKilled = resolve));
    const sender = async () => {
      while (next < total) {
        if (next >= total * 0.9) await gate;
        const from = next;
        next += per;
        const res = await hec(env, events('accept', from, per));
        if (res.status === 200) for (let i = from; i < from + per; i++) acknowledged.add(i);
        else refused++;
        await new Promise((r) => setTimeout(r, 60));
      }
    };
    const sending = Promise.all([sender(), sender()]);

    // 1. A consumer that dies right after its 3rd insert reached ClickHouse, before committing offsets.
    const crashing = spawnChild(['--import', 'tsx', 'test/helpers/kafka-consumer-child.ts'], {
      ...childEnv,
      CRASH_AFTER_INSERTS: '3',
    });
    const crashed = await crashing.exit;
    assert.equal(crashed.signal, 'SIGKILL', crashing.out());
    assert.equal(inserted(crashing, 'child: inserted'), 3);
    t.diagnostic(`first consumer killed after 3 inserts; ${acknowledged.size} events acknowledged so far`);

    // 2. `nexus consumer`, SIGKILLed by us once it has inserted something.
    const second = spawnChild(['bin/nexus.js', 'consumer'], childEnv);
    await waitFor('the second consumer to insert', 60_000, async () => inserted(second) >= 2);
    second.proc.kill('SIGKILL');
    assert.equal((await second.exit).signal, 'SIGKILL');
    // It found the range the first consumer inserted but never committed, and inserted it again.
    assert.match(second.out(), /inserting again a range whose commit is missing/);
    t.diagnostic(
      `second consumer killed after ${inserted(second)} inserts; ${acknowledged.size} acknowledged`,
    );
    assert.ok(acknowledged.size < total, 'the client is still sending');
    secondKilled();

    // 3. `nexus consumer` again, until the topic is consumed; then SIGTERM: exit 0.
    const third = spawnChild(['bin/nexus.js', 'consumer'], childEnv);
    await sending;
    t.diagnostic(`sending done: ${acknowledged.size} acknowledged`);
    const a = admin(mock.brokers);
    await a.connect();
    await waitFor('the group to consume everything', 120_000, async () =>
      (await progress(a, cfg.groupId, cfg.topic)).every((p) => p.committed === p.high && p.metadata === null),
    );
    t.diagnostic('all consumed');
    third.proc.kill('SIGTERM');
    const stopped = await Promise.race([
      third.exit,
      new Promise((r) => setTimeout(() => r('no exit within 30 s'), 30_000)),
    ]);
    assert.deepEqual(stopped, { code: 0, signal: null }, third.out().slice(-5000));

    // Every event with a 2xx is in ClickHouse exactly once (the API's own store closes first: one chDB
    // data directory per process).
    await close();
    const store = await createStore(loadConfig({ NEXUS_DATA_DIR: dataDir }));
    try {
      const r = await store.query({
        sql: "SELECT toUInt32(extract(_raw, 'seq=(\\\\d+)')) AS n, count() FROM logs WHERE host = 'accept' GROUP BY n",
        params: {},
      });
      const counts = new Map(r.rows.map(([n, c]) => [Number(n), Number(c)]));
      const duplicated = [...counts].filter(([, c]) => c !== 1).map(([n]) => n);
      const missing = [...acknowledged].filter((n) => !counts.has(n));
      assert.deepEqual(duplicated, [], 'no event twice');
      assert.deepEqual(missing, [], 'no acknowledged event missing');
      assert.equal(acknowledged.size + refused * per, total);
      assert.ok(acknowledged.size >= total * 0.9, `acknowledged ${acknowledged.size} of ${total}`);
    } finally {
      await store.close();
    }
  },
);
