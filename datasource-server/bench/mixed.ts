// Benchmark: dashboard searches while ingesting. The real service (src/main.ts, embedded chDB) is first filled
// at the ingest rate, then a set of dashboard-shaped searches (timechart, stats by, a term search) runs at a fixed
// rate on the idle store, then the same searches while HEC ingests at that rate: 50 % of the rate the ingest
// bench measured sustainable in the same run (bench/ingest.ts). Open model: every request is sent at its
// scheduled time whatever the earlier ones do, and its latency is measured from that time (no coordinated
// omission). Printed: the searches' p99 idle and while ingesting, side by side, and the ingest latency.
//
// BENCH_MIXED_RATE (events/s, default 50 % of the ingest bench's sustained rate, else 5000), BENCH_MIXED_SECONDS
// (per phase, default 10), BENCH_MIXED_SEARCH_RATE (searches/s, default 2), BENCH_MIXED=0 skips.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start, stop } from '../test/helpers/server.ts';
import { hecBody, percentile } from './ingest.ts';
import { loadAverage } from './thread-cpu.ts';

const EVENTS_PER_REQUEST = 500;
const token = '00000000-0000-4000-8000-0000bench0003';
const SEARCHES = [
  'index=main | timechart span=1m count',
  'index=main | stats count by host',
  'index=main user42 | stats count',
  'index=main status=500 | timechart span=1m count',
];

interface Outcome {
  readonly ms: number;
  readonly ok: boolean;
}

interface Summary {
  p50: number;
  p99: number;
  n: number;
  failed: number;
}

function summary(o: Outcome[]): Summary {
  const sorted = o.map((x) => x.ms).sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    n: o.length,
    failed: o.filter((x) => !x.ok).length,
  };
}

/** Sends `count` requests made by `send(i)` at `perSecond` from `startMs`; resolves with every outcome. */
async function schedule(
  startMs: number,
  perSecond: number,
  count: number,
  send: (i: number) => Promise<boolean>,
): Promise<Outcome[]> {
  const out: Promise<Outcome>[] = [];
  for (let i = 0; i < count; i++) {
    const due = startMs + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    out.push(
      send(i).then(
        (ok) => ({ ms: performance.now() - due, ok }),
        () => ({ ms: performance.now() - due, ok: false }),
      ),
    );
  }
  return Promise.all(out);
}

export async function runMixedBench(sustainedRate?: number): Promise<void> {
  const rate = Math.round(
    Number(process.env['BENCH_MIXED_RATE'] ?? (sustainedRate === undefined ? 5_000 : sustainedRate / 2)),
  );
  const seconds = Number(process.env['BENCH_MIXED_SECONDS'] ?? 10);
  const searchRate = Number(process.env['BENCH_MIXED_SEARCH_RATE'] ?? 2);
  const nowS = Math.floor(Date.now() / 1000) - 600;
  console.log(
    `\nDashboard searches while ingesting: HEC at ${rate.toLocaleString('en')} events/s (${sustainedRate === undefined ? 'BENCH_MIXED_RATE' : '50 % of the sustained rate above'}), ` +
      `requests of ${EVENTS_PER_REQUEST} events; ${searchRate} searches/s (timechart, stats by, term search); ${seconds} s per phase; load average ${loadAverage()}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-mixed-bench-'));
  try {
    const server = await start({
      NEXUS_DATA_DIR: dir,
      NEXUS_ADMIN_TOKEN: token,
      NEXUS_RATE_LIMIT_RPS: '0',
      NEXUS_RATE_LIMIT_INGEST_BYTES: '0',
    });
    const base = `http://127.0.0.1:${server.port}`;
    let next = 0;
    const ingest = async (): Promise<boolean> => {
      const res = await fetch(`${base}/services/collector/event`, {
        method: 'POST',
        headers: { Authorization: `Splunk ${token}` },
        body: hecBody(next++, nowS),
      });
      await res.arrayBuffer();
      return res.status === 200;
    };
    const search = async (i: number): Promise<boolean> => {
      const res = await fetch(`${base}/query/spl`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: SEARCHES[i % SEARCHES.length], earliest: '-15m' }),
      });
      await res.arrayBuffer();
      return res.status === 200;
    };
    const reqPerSecond = rate / EVENTS_PER_REQUEST;
    const count = Math.max(1, Math.round(reqPerSecond * seconds));
    const searches = Math.max(1, Math.round(searchRate * seconds));
    const fmt = (x: Summary): string =>
      `p50 ${x.p50.toFixed(0)} ms, p99 ${x.p99.toFixed(0)} ms (${x.n} requests, ${x.failed} failed)`;
    // Fill: the store holds what the searches read.
    const fill = summary(await schedule(performance.now(), reqPerSecond, count, () => ingest()));
    console.log(`fill ingest (${rate.toLocaleString('en')} events/s): ${fmt(fill)}`);
    const idle = summary(await schedule(performance.now(), searchRate, searches, search));
    console.log(`idle search:     ${fmt(idle)}`);
    const t0 = performance.now();
    const [i, s] = await Promise.all([
      schedule(t0, reqPerSecond, count, () => ingest()),
      schedule(t0, searchRate, searches, search),
    ]);
    const busy = { ingest: summary(i), search: summary(s) };
    console.log(`ingest while searching: ${fmt(busy.ingest)}`);
    console.log(`search while ingesting: ${fmt(busy.search)}`);
    await stop(server);
    console.log(
      `interspersed search p99: ${busy.search.p99.toFixed(0)} ms at 50 % of the sustainable ingest rate, ${idle.p99.toFixed(0)} ms idle ` +
        `(ratio ${(busy.search.p99 / Math.max(1, idle.p99)).toFixed(2)}); ingest p99 ${busy.ingest.p99.toFixed(0)} ms; ` +
        `p99 < 500 ms on both: ${busy.search.p99 < 500 && busy.ingest.p99 < 500 && busy.ingest.failed + busy.search.failed === 0 ? 'met' : 'NOT met'}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
