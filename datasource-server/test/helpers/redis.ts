// Test helper: a real redis-server on a free loopback port, started and stopped by the test itself.

import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tempDir } from './env.ts';

/** Whether `redis-server` is on the PATH (Debian package `redis-server`). */
export const haveRedisServer = spawnSync('redis-server', ['--version']).status === 0;

/**
 * The `skip` option for tests that need redis-server: a reason on a laptop without it; with CI=true
 * false, so the test runs and fails (a missing service is a failure in CI, never a skip).
 */
export const skipWithoutRedis: string | false =
  !haveRedisServer && process.env['CI'] !== 'true'
    ? 'redis-server is not installed (apt-get install -y redis-server)'
    : false;

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** One PING over a raw socket; true on `+PONG`. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d: Buffer) => done(d.toString().startsWith('+PONG')));
  });
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly proc: ChildProcess;
  /** SIGKILL (a crash) and wait for the process to be gone. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

/** Starts `redis-server` without persistence on `port` (a free one by default) and waits for PONG. */
export async function startRedis(port?: number): Promise<RedisServer> {
  if (!haveRedisServer) throw new Error('redis-server is not installed (apt-get install -y redis-server)');
  const p = port ?? (await freePort());
  const dir = tempDir();
  const proc = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(p), '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const started = Date.now();
  while (!(await ping(p))) {
    if (proc.exitCode !== null) throw new Error(`redis-server exited with ${proc.exitCode} (port ${p})`);
    if (Date.now() - started > 10_000) {
      await end('SIGKILL');
      throw new Error(`redis-server did not answer on port ${p} within 10 s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    proc,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
