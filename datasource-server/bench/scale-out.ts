// Benchmark: scale-out on the Kafka path. nexus-api instances share nothing but the store, so two of them
// (src/main.ts with KAFKA_BROKERS and KAFKA_CONSUMER=off: each decodes HEC and produces) run side by side against
// librdkafka's mock cluster (kcat, test/helpers/kafka.ts), with one `nexus consumer` inserting into the embedded
// store. First one instance alone, then both at once, the same requests each: the per-instance CPU per event
// (main thread, from /proc: thread-cpu.ts) should hold when a second instance runs, and the consumer's CPU per
// event (decoding messages and the engine's insert, all its threads) is printed beside it.
//
// BENCH_SCALE_REQUESTS (HEC requests of 500 events per instance and phase, default 20; the mock cluster keeps
// only about 5 MB per partition), BENCH_SCALE=0 skips; skipped without kcat.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { loadConfig } from '../src/config.ts';
import { haveKcat, startMockKafka } from '../test/helpers/kafka.ts';
import { start, stop } from '../test/helpers/server.ts';
import type { Running } from '../test/helpers/server.ts';
import { hecBody } from './ingest.ts';
import { loadAverage, threadCpu } from './thread-cpu.ts';
import type { ThreadCpu } from './thread-cpu.ts';

const EVENTS = 500;
const token = '00000000-0000-4000-8000-0000bench0005';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Sends `requests` HEC bodies from request number `from`, 4 in flight; resolves with the events acknowledged. */
async function send(server: Running, from: number, requests: number): Promise<number> {
  const nowS = Math.floor(Date.now() / 1000) - 3_600;
  const bodies = Array.from({ length: requests }, (_, r) => hecBody(from + r, nowS));
  let next = 0;
  let acked = 0;
  const client = async (): Promise<void> => {
    while (next < bodies.length) {
      const res = await fetch(`http://127.0.0.1:${server.port}/services/collector/event`, {
        method: 'POST',
        headers: { Authorization: `Splunk ${token}` },
        body: bodies[next++],
      });
      await res.arrayBuffer();
      if (res.status === 200) acked += EVENTS;
    }
  };
  await Promise.all([client(), client(), client(), client()]);
  return acked;
}

const mainUs = (a: ThreadCpu | undefined, b: ThreadCpu | undefined, events: number): number =>
  a === undefined || b === undefined || events === 0 ? NaN : ((b.mainMs - a.mainMs) * 1000) / events;
const allUs = (a: ThreadCpu | undefined, b: ThreadCpu | undefined, events: number): number =>
  a === undefined || b === undefined || events === 0 ? NaN : ((b.allMs - a.allMs) * 1000) / events;

export async function runScaleOutBench(): Promise<void> {
  if (!haveKcat) {
    console.log('\nScale-out (Kafka path): skipped, kcat is not installed');
    return;
  }
  const requests = Number(process.env['BENCH_SCALE_REQUESTS'] ?? 20);
  console.log(
    `\nScale-out on the Kafka path: two nexus-api instances producing, one consumer inserting; ${requests} requests of ` +
      `${EVENTS} events per instance and phase, 4 in flight each; load average ${loadAverage()}`,
  );
  const mock = await startMockKafka();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-scale-bench-'));
  const servers: Running[] = [];
  let consumer: ChildProcess | undefined;
  try {
    const env = (name: string): Record<string, string> => ({
      NEXUS_DATA_DIR: path.join(dir, name),
      NEXUS_ADMIN_TOKEN: token,
      NEXUS_RATE_LIMIT_RPS: '0',
      NEXUS_RATE_LIMIT_INGEST_BYTES: '0',
      KAFKA_BROKERS: mock.brokers,
      KAFKA_CONSUMER: 'off',
    });
    // The mock cluster names no controller: the instances load the tolerance the Kafka tests use.
    const nodeArgs = ['--import', 'tsx', '--import', './bench/kafka-mock-preload.ts', 'src/main.ts'];
    for (const name of ['api-a', 'api-b']) servers.push(await start(env(name), { nodeArgs }));
    const [a, b] = servers;
    if (a === undefined || b === undefined) throw new Error('two instances');
    consumer = spawn(process.execPath, ['bin/nexus.js', 'consumer'], {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        NEXUS_FROM_SOURCE: '1',
        ...env('store'),
        UV_THREADPOOL_SIZE: '24',
      },
      stdio: 'ignore',
    });
    const kafka = loadConfig(env('store')).kafka;
    if (kafka === undefined) throw new Error('KAFKA_BROKERS is not set');
    const admin = new Kafka({
      clientId: 'bench',
      brokers: mock.brokers.split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    /** Waits until the consumer group committed every produced offset. */
    const drained = async (): Promise<void> => {
      for (let i = 0; i < 600; i++) {
        const highs = await admin.fetchTopicOffsets(kafka.topic).catch(() => []);
        const [t] = await admin
          .fetchOffsets({ groupId: kafka.groupId, topics: [kafka.topic] })
          .catch(() => []);
        const done = highs
          .filter((h) => h.high !== '0')
          .every((h) => t?.partitions.find((p) => p.partition === h.partition)?.offset === h.high);
        if (highs.length > 0 && done) return;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error('the consumer did not catch up within 5 minutes');
    };
    // Warm-up (JIT, producer connections, the consumer's group join).
    await Promise.all([send(a, 0, 4), send(b, 100_000, 4)]);
    await drained();

    const phase = async (label: string, instances: Running[], from: number): Promise<void> => {
      const c0 = instances.map((s) => threadCpu(s.proc.pid));
      const k0 = threadCpu(consumer?.pid);
      const t0 = performance.now();
      const acked = await Promise.all(instances.map((s, i) => send(s, from + i * 100_000, requests)));
      const seconds = (performance.now() - t0) / 1000;
      await drained();
      const k1 = threadCpu(consumer?.pid);
      const c1 = instances.map((s) => threadCpu(s.proc.pid));
      const total = acked.reduce((x, y) => x + y, 0);
      const per = instances.map((_, i) => `${mainUs(c0[i], c1[i], acked[i] ?? 0).toFixed(1)}`).join(' and ');
      console.log(
        `${label}: nexus-api CPU ${per} µs/event (main thread, per instance); ${Math.round(total / seconds).toLocaleString('en')} events/s produced; ` +
          `consumer ${allUs(k0, k1, total).toFixed(1)} µs/event (all threads: decoding messages + the engine's insert), ` +
          `main thread ${mainUs(k0, k1, total).toFixed(1)} µs/event`,
      );
    };
    await phase('one instance ', [a], 1_000_000);
    await phase('two instances', [a, b], 2_000_000);
    await admin.disconnect();
  } finally {
    if (consumer !== undefined && consumer.exitCode === null) {
      const exited = new Promise((r) => consumer?.on('exit', r));
      consumer.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (consumer.exitCode === null) consumer.kill('SIGKILL');
    }
    for (const s of servers) await stop(s);
    await mock.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
