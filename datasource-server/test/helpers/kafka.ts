// Test helper: a Kafka-protocol cluster from librdkafka's mock (kcat), started and killed by the test itself.

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

/** Whether `kcat` is on the PATH (Debian package `kcat`). */
export const haveKcat = spawnSync('kcat', ['-V']).status === 0;

/** The `skip` option: a reason on a laptop without kcat; with CI=true false, so the test runs and fails. */
export const skipWithoutKcat: string | false =
  !haveKcat && process.env['CI'] !== 'true' ? 'kcat is not installed (apt-get install -y kcat)' : false;

export interface MockKafka {
  /** `host:port,…` of the mock brokers, all on 127.0.0.1. */
  readonly brokers: string;
  /** SIGKILL and wait: every broker is gone at once. */
  kill(): Promise<void>;
}

/**
 * Starts librdkafka's mock cluster (3 brokers) through kcat and returns its bootstrap servers. kcat
 * itself consumes an unrelated topic; the mock serves any client on the printed ports until killed.
 * Topics are created on first use (4 partitions); the mock keeps about 5 MB per partition.
 */
export async function startMockKafka(): Promise<MockKafka> {
  if (!haveKcat) throw new Error('kcat is not installed (apt-get install -y kcat)');
  const proc = spawn('kcat', ['-C', '-t', '_kcat_mock_idle', '-b', 'x', '-X', 'test.mock.num.brokers=3'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  let err = '';
  const brokers = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no mock cluster within 10 s: ${err}`)), 10_000);
    proc.stderr.on('data', (d: Buffer) => {
      if (err.length < 10_000) err += d.toString();
      const m = /(?:replaced with|bootstrap\.servers=)\s*(127\.0\.0\.1:\d+(?:,127\.0\.0\.1:\d+)*)/.exec(err);
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kcat exited (${code}): ${err}`));
    });
  });
  return {
    brokers,
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

interface ClusterLike {
  brokerPool: { metadata?: { brokers: { nodeId: number }[] } };
  findBroker(b: { nodeId: number }): Promise<unknown>;
}

/**
 * librdkafka's mock answers Metadata with controller id 0, which is none of its brokers (1..3), so
 * kafkajs cannot find "the controller" it asks for a producer id. A real broker names its controller;
 * and a non-transactional InitProducerId may go to any broker (KIP-98), which is what this does when
 * the named controller is missing. Test-only: call it once in a test file that produces idempotently.
 */
export function tolerateMockControllerId(): void {
  const require = createRequire(import.meta.url);
  const Cluster = require('kafkajs/src/cluster/index.js') as {
    prototype: { findControllerBroker(this: ClusterLike): Promise<unknown> };
  };
  const original = Cluster.prototype.findControllerBroker;
  if ((original as { mockTolerant?: boolean }).mockTolerant) return;
  const patched = async function (this: ClusterLike): Promise<unknown> {
    try {
      return await original.call(this);
    } catch (err) {
      const first = this.brokerPool.metadata?.brokers[0];
      if (!(err instanceof Error) || err.name !== 'KafkaJSBrokerNotFound' || first === undefined) throw err;
      return this.findBroker({ nodeId: first.nodeId });
    }
  };
  Cluster.prototype.findControllerBroker = Object.assign(patched, { mockTolerant: true });
}
