// Benchmark: N concurrent dashboard searches, mixed slow and fast, through POST /query/spl on chDB.
// Prints p50/p99 of the fast searches alone and beside the slow ones (other tenants), and their ratio:
// a search must not wait behind another tenant's (issue 18). BENCH_CONCURRENT_FAST (default 12 per wave,
// a dashboard refresh), BENCH_CONCURRENT_SLOW (default 3), BENCH_CONCURRENT_WAVES (default 5).

import '../src/threadpool.ts'; // first: chDB statements each hold a libuv thread
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.ts';
import { createTokenService } from '../src/auth/tokens.ts';
import { loadConfig } from '../src/config.ts';
import { Batcher } from '../src/ingest/batcher.ts';
import { createStore, runMigrations } from '../src/store/index.ts';

const fastPerWave = Number(process.env.BENCH_CONCURRENT_FAST ?? 12);
const slowCount = Number(process.env.BENCH_CONCURRENT_SLOW ?? 3);
const waves = Number(process.env.BENCH_CONCURRENT_WAVES ?? 5);
const admin = '00000000-0000-4000-8000-0000000bench2';

const FAST = [
  '| makeresults count=10 | eval n=1 | stats count',
  '| makeresults count=100 | eval x=len("abc") | stats sum(x)',
  '| makeresults count=5 | table _time',
];
const SLOW = '| makeresults count=100000000000 | streamstats count as n | eval r=n % 1000 | stats count by r';

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
}

export async function runConcurrencyBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-bench-conc-'));
  const config = loadConfig({ NEXUS_DATA_DIR: dir, NEXUS_ADMIN_TOKEN: admin });
  const store = await createStore(config);
  try {
    await runMigrations(store, { retentionDays: 30 });
    const tokens = createTokenService({ store });
    await tokens.bootstrap(admin);
    const batcher = new Batcher({ store, ...config.batch });
    const app = createApp({ config, store, tokens, batcher });
    const dash = (await tokens.create({ orgId: 'dashboards', name: 'fast', role: 'viewer' })).token;
    const heavy = await Promise.all(
      Array.from({ length: slowCount }, (_, i) =>
        tokens.create({ orgId: `heavy-${i}`, name: 'slow', role: 'viewer' }),
      ),
    );
    const search = async (token: string, query: string, timeout: number): Promise<number> => {
      const t0 = performance.now();
      const res = await app.request('/query/spl', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, timeout }),
      });
      await res.arrayBuffer();
      if (res.status >= 500) throw new Error(`a search answered ${res.status}`);
      return performance.now() - t0;
    };
    const wave = async (): Promise<number[]> =>
      Promise.all(
        Array.from({ length: fastPerWave }, (_, i) => search(dash, FAST[i % FAST.length] ?? '', 30)),
      );
    await wave(); // warm up
    const alone: number[] = [];
    for (let w = 0; w < waves; w++) alone.push(...(await wave()));
    const slow = heavy.map((h) => search(h.token, SLOW, 60).catch(() => 0));
    await new Promise((r) => setTimeout(r, 500));
    const beside: number[] = [];
    for (let w = 0; w < waves; w++) beside.push(...(await wave()));
    await Promise.all(slow);
    await batcher.close();
    await tokens.close();
    const line = (name: string, xs: number[]) =>
      console.log(
        `${name.padEnd(44)} p50 ${pct(xs, 0.5).toFixed(1)} ms   p99 ${pct(xs, 0.99).toFixed(1)} ms   (${xs.length})`,
      );
    console.log(
      `\nconcurrency: ${fastPerWave} concurrent fast dashboard searches per wave, ${waves} waves; ${slowCount} slow searches of other tenants`,
    );
    line('fast searches alone', alone);
    line(`fast searches beside ${slowCount} slow ones`, beside);
    console.log(
      `ratio beside / alone: p50 ${(pct(beside, 0.5) / pct(alone, 0.5)).toFixed(2)}x   p99 ${(pct(beside, 0.99) / pct(alone, 0.99)).toFixed(2)}x`,
    );
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
