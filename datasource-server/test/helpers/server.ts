// Test helper: the real src/main.ts as a child process on a free loopback port, as a user starts it.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Running {
  proc: ChildProcess;
  port: number;
  stdout: () => string;
  exit: Promise<number | null>;
}

/** How the service is started: its sources through tsx (default), or e.g. the built `dist/main.js`. */
export interface StartOptions {
  readonly nodeArgs?: readonly string[];
}

export async function start(env: Record<string, string>, opts: StartOptions = {}): Promise<Running> {
  const proc = spawn(process.execPath, opts.nodeArgs ?? ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    // UV_THREADPOOL_SIZE: each chDB statement holds a libuv thread (src/threadpool.ts).
    env: {
      PATH: process.env['PATH'] ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      UV_THREADPOOL_SIZE: '24',
      // The IP country database (about 1 M rows) only where a test asks for it.
      NEXUS_GEOIP: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const started = Date.now();
  for (;;) {
    const m = /"msg":"listening".*"port":(\d+)/.exec(out);
    // HTTPS (NEXUS_TLS_CERT): main.ts logs `listening` once ready; the caller checks with its own CA.
    if (m !== null && env['NEXUS_TLS_CERT'] !== undefined) {
      return { proc, port: Number(m[1]), stdout: () => out, exit };
    }
    if (m !== null) {
      const port = Number(m[1]);
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
      if (res?.status === 200) return { proc, port, stdout: () => out, exit };
    }
    if (proc.exitCode !== null) throw new Error(`server exited early (${proc.exitCode}): ${err}${out}`);
    if (Date.now() - started > 30_000) {
      proc.kill('SIGKILL');
      throw new Error(`not ready within 30 s: ${err}${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function stop(r: Running): Promise<number | null> {
  r.proc.kill('SIGTERM');
  return r.exit;
}
