// Benchmark: the load test's shape in-repo (tests/load/ingestion_test.js for k6): HEC ingestion at a fixed
// arrival rate with searches interspersed at their own fixed rate, then the same at twice the ingest rate.
// Open model: every request is sent at its scheduled time whatever the earlier ones do, and its latency is
// measured from that time (no coordinated omission). p50/p99 per phase for both; the 2× phase is reported
// as a ratio to the 1× phase, measured in the same run, so the figure holds on a noisy machine.
//
// BENCH_MIXED_RATE (events/s in the 1× phase, default 5000), BENCH_MIXED_SECONDS (per phase, default 10),
// BENCH_MIXED_SEARCH_RATE (searches/s, default 2), BENCH_MIXED=0 skips.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start, stop } from '../test/helpers/server.ts';
import { line, percentile } from './ingest.ts';

const EVENTS_PER_REQUEST = 500;
const token = '00000000-0000-4000-8000-0000bench0003';
const SEARCHES = [
  'index=main | stats count by host',
  'index=main status=500 | timechart span=1m count',
  'index=main | top limit=5 sourcetype',
  'index=main | head 20',
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

export async function runMixedBench(): Promise<void> {
  const rate = Number(process.env['BENCH_MIXED_RATE'] ?? 5_000);
  const seconds = Number(process.env['BENCH_MIXED_SECONDS'] ?? 10);
  const searchRate = Number(process.env['BENCH_MIXED_SEARCH_RATE'] ?? 2);
  const nowS = Math.floor(Date.now() / 1000) - 600;
  const body = (r: number): string =>
    Array.from({ length: EVENTS_PER_REQUEST }, (_, k) => {
      const i = r * EVENTS_PER_REQUEST + k;
      return JSON.stringify({
        time: nowS + i / 1e6,
        host: `web${i % 50}`,
        sourcetype: 'access',
        event: line(i),
      });
    }).join('\n');
  console.log(
    `\nMixed load (k6 shape): HEC at ${rate.toLocaleString('en')} events/s then ${(2 * rate).toLocaleString('en')} events/s, ` +
      `${seconds} s each, requests of ${EVENTS_PER_REQUEST} events; ${searchRate} searches/s throughout`,
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
        body: body(next++),
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
    const phases: { name: string; ingest: Summary; search: Summary }[] = [];
    for (const [name, factor] of [
      ['1x', 1],
      ['2x', 2],
    ] as const) {
      const reqPerSecond = (factor * rate) / EVENTS_PER_REQUEST;
      const t0 = performance.now();
      const [i, s] = await Promise.all([
        schedule(t0, reqPerSecond, Math.round(reqPerSecond * seconds), () => ingest()),
        schedule(t0, searchRate, Math.round(searchRate * seconds), search),
      ]);
      const phase = { name, ingest: summary(i), search: summary(s) };
      phases.push(phase);
      const fmt = (x: Summary): string =>
        `p50 ${x.p50.toFixed(0)} ms, p99 ${x.p99.toFixed(0)} ms (${x.n} requests, ${x.failed} failed)`;
      console.log(`${name} ingest (${(factor * rate).toLocaleString('en')} events/s): ${fmt(phase.ingest)}`);
      console.log(
        `${name} search (${searchRate}/s):${' '.repeat(Math.max(1, 14 - String(factor * rate).length))}${fmt(phase.search)}`,
      );
    }
    await stop(server);
    const [one, two] = phases;
    if (one && two) {
      console.log(
        `ratio p99 2x / 1x: ingest ${(two.ingest.p99 / Math.max(1, one.ingest.p99)).toFixed(2)}, search ${(two.search.p99 / Math.max(1, one.search.p99)).toFixed(2)}; ` +
          `k6 thresholds p(99)<500 ms on both: ${phases.every((p) => p.ingest.p99 < 500 && p.search.p99 < 500 && p.ingest.failed + p.search.failed === 0) ? 'met' : 'NOT met'}`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
