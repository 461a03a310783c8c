// Test helper: a real victoria-metrics on a free loopback port, started and stopped by the test itself.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { tempDir } from './env.ts';
import { freePort } from './redis.ts';

const BINARY = '/usr/bin/victoria-metrics';

/** Whether the Debian package `victoria-metrics` is installed. */
export const haveVictoriaMetrics = fs.existsSync(BINARY) && spawnSync(BINARY, ['-version']).status === 0;

/** `skip` for tests needing it: a reason on a laptop without it; with CI=true false (missing = failure). */
export const skipWithoutVictoriaMetrics: string | false =
  !haveVictoriaMetrics && process.env['CI'] !== 'true'
    ? 'victoria-metrics is not installed (apt-get install -y victoria-metrics)'
    : false;

export interface VictoriaMetricsServer {
  readonly url: string;
  /** `GET /internal/force_flush`: makes the samples written so far queryable. */
  flush(): Promise<void>;
  /** A raw GET against VictoriaMetrics itself (no tenant scoping), parsed as JSON. */
  get(path: string): Promise<unknown>;
  stop(): Promise<void>;
}

/** Starts victoria-metrics with a temp storage dir and waits until `/health` answers. */
export async function startVictoriaMetrics(): Promise<VictoriaMetricsServer> {
  if (!haveVictoriaMetrics)
    throw new Error('victoria-metrics is not installed (apt-get install -y victoria-metrics)');
  const port = await freePort();
  const dir = tempDir();
  const proc = spawn(
    BINARY,
    [`-storageDataPath=${dir}`, `-httpListenAddr=127.0.0.1:${port}`, '-loggerLevel=ERROR'],
    {
      stdio: 'ignore',
    },
  );
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline || proc.exitCode !== null) {
      proc.kill('SIGKILL');
      throw new Error('victoria-metrics did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async flush() {
      const r = await fetch(`${url}/internal/force_flush`);
      if (!r.ok) throw new Error(`force_flush answered ${r.status}`);
    },
    async get(path) {
      const r = await fetch(`${url}${path}`);
      return (await r.json()) as unknown;
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
