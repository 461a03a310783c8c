// Test helpers for the noisy-neighbour tier: a real nexus-api child with two tenants, tenant B's steady
// ingest-and-search load measured before and while tenant A misbehaves, and the process's health and memory.

import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Running } from './server.ts';
import { start, stop } from './server.ts';
import { ADMIN_TOKEN, tempDir } from './env.ts';

export interface Answer {
  status: number;
  text: string;
  ms: number;
}

export interface Tenants {
  base: string;
  server: Running;
  /** Admin tokens of `tenant-a` and `tenant-b` (each may ingest and search its own org). */
  a: string;
  b: string;
  /** Resident memory of the server process, bytes (Linux /proc). */
  rss(): number;
  close(): Promise<void>;
}

/** One HTTP call with its wall time; never throws for an HTTP status (a network failure is status 0). */
export async function call(
  url: string,
  init: { method?: string; token?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        // A fresh connection per call: a kept-alive socket the server closed while idle (its 5 s timeout)
        // fails the next fetch on it, which would read as the server failing.
        Connection: 'close',
        ...(init.token === undefined ? {} : { Authorization: `Bearer ${init.token}` }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    const text = await res.text();
    return { status: res.status, text, ms: performance.now() - started };
  } catch (err) {
    return { status: 0, text: String(err), ms: performance.now() - started };
  }
}

/** Starts src/main.ts on embedded chDB with `env`, and makes an admin token for each of two tenants. */
export async function startTenants(env: Record<string, string> = {}): Promise<Tenants> {
  const dir = tempDir();
  const server = await start({
    NEXUS_DATA_DIR: dir,
    NEXUS_ADMIN_TOKEN: ADMIN_TOKEN,
    NEXUS_BATCH_MAX_WAIT_MS: '20',
    ...env,
  });
  const base = `http://127.0.0.1:${server.port}`;
  const token = async (org: string): Promise<string> => {
    const r = await call(`${base}/admin/tokens`, {
      token: ADMIN_TOKEN,
      body: JSON.stringify({ org, name: `${org}-admin`, role: 'admin' }),
      headers: { 'Content-Type': 'application/json' },
    });
    if (r.status !== 201) throw new Error(`token for ${org}: ${r.status} ${r.text}`);
    return String((JSON.parse(r.text) as { token: unknown }).token);
  };
  const a = await token('tenant-a');
  const b = await token('tenant-b');
  const pid = server.proc.pid;
  return {
    base,
    server,
    a,
    b,
    rss() {
      if (pid === undefined) return 0;
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m === null ? 0 : Number(m[1]) * 1024;
    },
    async close() {
      await stop(server);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The `p` quantile (0..1) of `values` (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

export interface Steady {
  /** Every answer B got: its ingests (HEC events) and its searches, alternately. */
  answers: (Answer & { kind: 'ingest' | 'search' })[];
}

/**
 * Tenant B's steady load for `ms`: every `everyMs` (open model: a slow answer does not delay the next
 * request) an HEC event post or a one-row search, alternately. Resolves when every request answered.
 */
export async function steadyTenant(base: string, token: string, ms: number, everyMs = 50): Promise<Steady> {
  const answers: Steady['answers'] = [];
  const inflight: Promise<void>[] = [];
  const until = performance.now() + ms;
  for (let i = 0; performance.now() < until; i++) {
    if (i % 2 === 0) {
      const body = JSON.stringify({ event: `steady ${randomUUID()} n=${i}`, sourcetype: 'steady' });
      inflight.push(
        call(`${base}/services/collector/event`, { token, body }).then((a) => {
          answers.push({ ...a, kind: 'ingest' });
        }),
      );
    } else {
      const body = JSON.stringify({ query: 'index=main sourcetype=steady | head 1', earliest: '-5m' });
      inflight.push(
        call(`${base}/query/spl`, { token, body, headers: { 'Content-Type': 'application/json' } }).then(
          (a) => {
            answers.push({ ...a, kind: 'search' });
          },
        ),
      );
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  await Promise.all(inflight);
  return { answers };
}

/** Repeats `bad` back to back until `ms` passed (at least once); every answer it returned. */
export async function repeatFor<T>(ms: number, bad: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  const until = performance.now() + ms;
  do out.push(await bad());
  while (performance.now() < until);
  return out;
}

/** The probe loop, run in a worker thread of its own (see {@link probeReady}). */
const PROBE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
let stop = false;
const probes = [];
parentPort.on('message', () => { stop = true; });
(async () => {
  while (!stop) {
    const started = performance.now();
    let status = 0;
    let text = '';
    try {
      const res = await fetch(workerData.url, { headers: { Connection: 'close' } });
      status = res.status;
      text = await res.text();
    } catch (err) {
      text = String(err);
    }
    probes.push({ status, text, ms: performance.now() - started });
    await new Promise((r) => setTimeout(r, workerData.everyMs));
  }
  parentPort.postMessage(probes);
})();
`;

/**
 * `GET /health/ready` (or `path`) every `everyMs` while `during` runs; the answers' latencies and
 * statuses. The probe runs in a worker thread, so the test's own work (building hostile bodies) never delays it: what it
 * measures is the server.
 */
export async function probeReady<T>(
  base: string,
  during: Promise<T>,
  everyMs = 50,
  path = '/health/ready',
): Promise<{ result: T; probes: Answer[] }> {
  const worker = new Worker(PROBE_WORKER, {
    eval: true,
    workerData: { url: `${base}${path}`, everyMs },
  });
  const probes = new Promise<Answer[]>((resolve, reject) => {
    worker.once('message', (m: Answer[]) => resolve(m));
    worker.once('error', reject);
  });
  try {
    const result = await during;
    return { result, probes: await stopProbe() };
  } catch (err) {
    await stopProbe();
    throw err;
  }
  async function stopProbe(): Promise<Answer[]> {
    worker.postMessage('stop');
    const answers = await probes;
    await worker.terminate();
    return answers;
  }
}

export interface NoisyOutcome<T> {
  baseline: Steady;
  noisy: Steady;
  bad: T[];
}

/**
 * Tenant B's steady load alone for `ms` (the baseline), then again while tenant A repeats `bad` for
 * the same time. The test asserts on B's answers in both phases and on A's.
 */
export async function noisyNeighbour<T>(
  t: Tenants,
  bad: () => Promise<T>,
  ms = 3_000,
): Promise<NoisyOutcome<T>> {
  const baseline = await steadyTenant(t.base, t.b, ms);
  const [noisy, answers] = await Promise.all([steadyTenant(t.base, t.b, ms), repeatFor(ms, bad)]);
  return { baseline, noisy, bad: answers };
}

/** B's answers that were not 2xx, as `status kind: text` lines (empty: none). */
export function failures(s: Steady): string[] {
  return s.answers
    .filter((a) => a.status < 200 || a.status > 299)
    .map((a) => `${a.status} ${a.kind}: ${a.text.slice(0, 200)}`);
}

/** p99 of B's latencies while A misbehaved ÷ p99 of its baseline (both phases of one run). */
export function p99Ratio(o: { baseline: Steady; noisy: Steady }): { ratio: number; detail: string } {
  const base = percentile(
    o.baseline.answers.map((a) => a.ms),
    0.99,
  );
  const noisy = percentile(
    o.noisy.answers.map((a) => a.ms),
    0.99,
  );
  return {
    ratio: noisy / Math.max(base, 1),
    detail: `p99 baseline ${base.toFixed(1)} ms, with the neighbour ${noisy.toFixed(1)} ms`,
  };
}
