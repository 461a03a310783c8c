// Test helper: a Debian-packaged server binary (victoria-metrics, prometheus) on a free loopback port with a
// temp data dir, started and stopped by the test itself. With CI=true a missing binary fails the test.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { tempDir } from './env.ts';
import { freePort } from './redis.ts';

/** Whether `binary` is installed and answers `--version`-like `versionArg`. */
export function haveBinary(binary: string, versionArg: string): boolean {
  return fs.existsSync(binary) && spawnSync(binary, [versionArg]).status === 0;
}

/** `skip` for tests needing `binary`: a reason on a laptop without it; with CI=true false (missing = failure). */
export function skipWithout(present: boolean, apt: string): string | false {
  return !present && process.env['CI'] !== 'true'
    ? `${apt} is not installed (apt-get install -y ${apt})`
    : false;
}

export interface BinaryServer {
  readonly url: string;
  /** The temp dir the server may write in (removed by `stop`). */
  readonly dir: string;
  stop(): Promise<void>;
}

/**
 * Starts `binary` with `args(port, dir)` (`dir` a fresh temp dir, its working directory too) and waits until
 * `GET <health>` answers 2xx.
 *
 * @example await startBinary({ binary: '/usr/bin/prometheus', apt: 'prometheus', health: '/-/ready', args })
 */
export async function startBinary(o: {
  readonly binary: string;
  readonly apt: string;
  readonly health: string;
  readonly args: (port: number, dir: string) => string[];
}): Promise<BinaryServer> {
  if (!fs.existsSync(o.binary)) throw new Error(`${o.apt} is not installed (apt-get install -y ${o.apt})`);
  const port = await freePort();
  const dir = tempDir();
  let stderr = '';
  const proc = spawn(o.binary, o.args(port, dir), { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  proc.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await fetch(`${url}${o.health}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline || proc.exitCode !== null) {
      proc.kill('SIGKILL');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`${o.apt} did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dir,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
