// Noisy neighbour, search side: tenant A runs slow, heavy, huge and deep searches while tenant B searches
// and ingests at a steady rate against the real server. B's p99 stays within a small factor of its
// baseline measured in the same run, B gets no 5xx and no 503, A gets its specific 4xx.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { ADMIN_TOKEN, tempDir } from '../helpers/env.ts';
import { start, stop } from '../helpers/server.ts';
import type { Running } from '../helpers/server.ts';

/** B's p99 under A's load may be at most this many times its p99 alone (same run, same machine). */
const P99_FACTOR = 8;
/** Baselines this fast are noise on a shared 2-core machine: the factor applies from this floor. */
const FLOOR_MS = 50;

let server: Running | undefined;
let dir: string;
let base: string;
const tokens = { a: '', b: '', bIngest: '' };

async function call(path: string, token: string, body: unknown, scheme = 'Bearer'): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `${scheme} ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function token(org: string, role: string): Promise<string> {
  const res = await call('/admin/tokens', ADMIN_TOKEN, { org, name: `${org} ${role}`, role });
  assert.equal(res.status, 201, await res.clone().text());
  return String(((await res.json()) as { token: string }).token);
}

before(async () => {
  dir = tempDir();
  server = await start({ NEXUS_DATA_DIR: dir, NEXUS_ADMIN_TOKEN: ADMIN_TOKEN });
  base = `http://127.0.0.1:${server.port}`;
  tokens.a = await token('noisy-a', 'viewer');
  tokens.b = await token('quiet-b', 'viewer');
  tokens.bIngest = await token('quiet-b', 'ingest');
});

after(async () => {
  if (server !== undefined) await stop(server);
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Sample {
  readonly ms: number;
  readonly status: number;
  readonly what: string;
}

/** Tenant B: a search and an HEC event every `everyMs`, until `stop()`; each answer timed. */
function steadyB(everyMs: number): { stop: () => Promise<Sample[]> } {
  const samples: Sample[] = [];
  const inflight: Promise<void>[] = [];
  let n = 0;
  const timed = async (what: string, send: () => Promise<Response>): Promise<void> => {
    const t0 = performance.now();
    const res = await send();
    await res.arrayBuffer();
    samples.push({ ms: performance.now() - t0, status: res.status, what });
  };
  const timer = setInterval(() => {
    n++;
    inflight.push(
      timed('search', () =>
        call('/query/spl', tokens.b, {
          query: `| makeresults count=${1 + (n % 5)} | eval n=${n} | stats count`,
        }),
      ),
    );
    if (process.env['NOISY_NO_INGEST'] === undefined) {
      inflight.push(
        timed('ingest', () =>
          call(
            '/services/collector/event',
            tokens.bIngest,
            { event: `steady ${n}`, index: 'main' },
            'Splunk',
          ),
        ),
      );
    }
  }, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(inflight);
      return samples;
    },
  };
}

function p99(samples: readonly Sample[]): number {
  const ms = samples.map((s) => s.ms).sort((x, y) => x - y);
  return ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))] ?? 0;
}

// B's added latency beside A was CPU contention inside the engine on 2 cores (B's one-row search took
// 60–360 ms of engine time beside A's four CPU-bound searches, 5–20 ms alone). The store now shares the
// engine's threads among the tenants searching (store/pool.ts): with A and B active, A runs one search at a
// time on one thread and B has the other core. Measured on a quiet 2-core machine: B's p99 ratio 1.9–2.4
// with the share, 5.0–11.5 without it (NEXUS_QUERY_THREADS=64).
test('tenant A’s slow, heavy, huge and deep searches do not slow tenant B’s searches and ingestion', async () => {
  // Warm up (first search compiles code paths), then B alone.
  await (await call('/query/spl', tokens.b, { query: '| makeresults | stats count' })).arrayBuffer();
  const alone = steadyB(250);
  await new Promise((r) => setTimeout(r, 4_000));
  const baseline = await alone.stop();

  const huge = `| makeresults | eval x="${'y'.repeat(1_100_000)}"`;
  const deep = `| makeresults | eval x=${'('.repeat(1_000)}1${')'.repeat(1_000)}`;
  const a: Promise<{ status: number; code: string | undefined; what: string }>[] = [];
  const send = (what: string, body: unknown): void => {
    a.push(
      call('/query/spl', tokens.a, body).then(async (res) => {
        const text = await res.text();
        const code = res.status === 200 ? undefined : /"code":"([a-z_-]+)"/.exec(text)?.[1];
        return { status: res.status, code, what };
      }),
    );
  };
  const loaded = steadyB(250);
  // Slow: three CPU-heavy searches stopped by the time limit, one heavy distinct count.
  for (let i = 0; i < 3; i++) {
    send('slow', {
      query: '| makeresults count=100000000000 | streamstats count as n | eval r=n % 1000 | stats count by r',
      timeout: 8,
    });
  }
  send('dc', {
    query: '| makeresults count=20000000 | streamstats count as n | eval u="user-".tostring(n) | stats dc(u)',
    timeout: 8,
  });
  // Huge and deep: refused before ClickHouse sees them, again and again.
  for (let i = 0; i < 10; i++) {
    send('huge', { query: huge });
    send('deep', { query: deep });
    await new Promise((r) => setTimeout(r, 300));
  }
  const answers = await Promise.all(a);
  const during = await loaded.stop();

  for (const what of ['search', 'ingest']) {
    const before = baseline.filter((s) => s.what === what);
    const under = during.filter((s) => s.what === what);
    const b = Math.max(p99(before), FLOOR_MS);
    const u = p99(under);
    console.log(
      `tenant B ${what}: p99 alone ${p99(before).toFixed(1)} ms (${before.length}), beside tenant A ${u.toFixed(1)} ms (${under.length}), ratio ${(u / b).toFixed(2)} (floor ${FLOOR_MS} ms)`,
    );
    const statuses = [...new Set(under.map((x) => x.status))].join(',');
    const sorted = under.map((x) => x.ms).sort((x, y) => x - y);
    const p50 = sorted[Math.floor(sorted.length / 2)] ?? 0;
    console.log(`  statuses ${statuses}; p50 beside A ${p50.toFixed(1)} ms`);
    assert.ok(u <= b * P99_FACTOR, `tenant B ${what} p99 ${u.toFixed(1)} ms vs baseline ${b.toFixed(1)} ms`);
  }
  for (const s of [...baseline, ...during]) {
    assert.ok(s.status < 500, `tenant B got ${s.status} on ${s.what}`);
    assert.notEqual(s.status, 429, `tenant B was rate limited on ${s.what}`);
  }
  for (const r of answers) {
    if (r.what === 'huge') assert.deepEqual([r.status, r.code], [413, 'limit'], r.what);
    else if (r.what === 'deep') assert.deepEqual([r.status, r.code], [400, 'limit'], r.what);
    else
      assert.ok(
        r.status === 200 || (r.status === 422 && r.code === 'limit'),
        `${r.what}: ${r.status} ${r.code}`,
      );
  }
  // The service still answers its readiness probe at once.
  const t0 = performance.now();
  assert.equal((await fetch(`${base}/health/ready`)).status, 200);
  assert.ok(performance.now() - t0 < 1_000);
});
