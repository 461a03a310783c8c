// Benchmark: HEC ingestion at a fixed arrival rate (open model), against inserting the same events directly.
//
// The real service (src/main.ts, embedded chDB) runs as a child process. Requests of 500 events (about 300 bytes
// each, every event with its own time) are sent on a fixed schedule, whatever the answers do, and each latency
// is measured from the request's scheduled time, so a stall is not hidden by a client that waits (coordinated
// omission). The baseline is the same events, decoded beforehand (same structured fields), inserted into a
// chDB store by this process in batches of 10,000 with the store's own insert path: the engine's own ceiling
// on this machine, so the ratio is what HTTP, decoding and batching cost on top of it.
//
// BENCH_INGEST_RATE (events/s offered, default 100000), BENCH_INGEST_SECONDS (default 20), BENCH_INGEST=0 skips.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createStore, runMigrations } from '../src/store/index.ts';
import type { LogRow } from '../src/store/index.ts';
import { decodeHecEvents } from '../src/ingest/hec-decode.ts';
import { start, stop } from '../test/helpers/server.ts';

const EVENTS_PER_REQUEST = 500;
const token = '00000000-0000-4000-8000-0000bench0002';

const methods = ['GET', 'POST', 'PUT', 'DELETE'];
/** One access-log line of about 300 bytes, different for every `i`. */
export function line(i: number): string {
  return (
    `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} - user${i % 1000} [${new Date(1_764_000_000_000 + i).toISOString()}] ` +
    `"${methods[i % 4] ?? 'GET'} /api/v${i % 7}/orders/${i}?page=${i % 13} HTTP/1.1" status=${[200, 200, 404, 500, 503][i % 5] ?? 200} ` +
    `bytes=${(i * 7919) % 50_000} duration_ms=${i % 997} agent="Mozilla/5.0 (X11; Linux x86_64) bench/${i % 3}" trace=${(i * 2654435761) % 4294967296}`
  );
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export async function runIngestBench(): Promise<void> {
  const rate = Number(process.env['BENCH_INGEST_RATE'] ?? 100_000);
  const seconds = Number(process.env['BENCH_INGEST_SECONDS'] ?? 20);
  const requestsPerSecond = rate / EVENTS_PER_REQUEST;
  const total = Math.round(requestsPerSecond * seconds);
  const nowS = Math.floor(Date.now() / 1000) - 3_600;
  const bodies = Array.from({ length: total }, (_, r) =>
    Array.from({ length: EVENTS_PER_REQUEST }, (_, k) => {
      const i = r * EVENTS_PER_REQUEST + k;
      return JSON.stringify({
        time: nowS + i / 1e6,
        host: `web${i % 50}`,
        sourcetype: 'access',
        event: line(i),
      });
    }).join('\n'),
  );
  const bytes = bodies.reduce((n, b) => n + Buffer.byteLength(b), 0);
  console.log(
    `\nHEC ingest: ${total} requests of ${EVENTS_PER_REQUEST} events (${Math.round(bytes / total / EVENTS_PER_REQUEST)} bytes/event) offered at ${rate.toLocaleString('en')} events/s for ${seconds} s`,
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-ingest-bench-'));
  try {
    const server = await start({
      NEXUS_DATA_DIR: path.join(dir, 'service'),
      NEXUS_ADMIN_TOKEN: token,
      NEXUS_RATE_LIMIT_RPS: '0',
      NEXUS_RATE_LIMIT_INGEST_BYTES: '0',
    });
    const latencies: number[] = [];
    let failed = 0;
    let acked = 0;
    const url = `http://127.0.0.1:${server.port}/services/collector/event`;
    const started = performance.now();
    const inflight: Promise<void>[] = [];
    for (let r = 0; r < total; r++) {
      const due = started + (r * 1000) / requestsPerSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      inflight.push(
        fetch(url, { method: 'POST', headers: { Authorization: `Splunk ${token}` }, body: bodies[r] ?? '' })
          .then(async (res) => {
            await res.arrayBuffer();
            if (res.status === 200) acked += EVENTS_PER_REQUEST;
            else failed++;
          })
          .catch(() => {
            failed++;
          })
          .finally(() => latencies.push(performance.now() - due)),
      );
    }
    await Promise.all(inflight);
    const elapsed = (performance.now() - started) / 1000;
    await stop(server);
    latencies.sort((a, b) => a - b);
    const hecRate = acked / elapsed;
    console.log(
      `HEC:    ${Math.round(hecRate).toLocaleString('en')} events/s sustained (${acked.toLocaleString('en')} acknowledged in ${elapsed.toFixed(1)} s), ` +
        `p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms, ${failed} requests not acknowledged`,
    );

    // Baseline: the same events, decoded once here by the HEC decoder (so with the same structured fields as
    // the service stores), inserted straight into a store.
    const store = await createStore(loadConfig({ NEXUS_DATA_DIR: path.join(dir, 'direct') }));
    try {
      await runMigrations(store, { retentionDays: 30 });
      const ctx = {
        orgId: 'default',
        receivedMs: Date.now(),
        defaultHost: 'bench',
        defaultSource: 'http:bench',
        defaultSourcetype: 'httpevent',
      };
      const rows: LogRow[] = bodies.flatMap((body) => decodeHecEvents(body, ctx).rows);
      const t0 = performance.now();
      for (let i = 0; i < rows.length; i += 10_000) await store.insertLogs(rows.slice(i, i + 10_000));
      const directRate = rows.length / ((performance.now() - t0) / 1000);
      console.log(
        `direct: ${Math.round(directRate).toLocaleString('en')} events/s (store.insertLogs of the decoded rows, 10,000 per INSERT: no HTTP, no decoding)`,
      );
      console.log(
        `ratio HEC / direct insert: ${(hecRate / directRate).toFixed(2)}; target ≥ 100,000 events/s with p99 < 500 ms: ` +
          `${hecRate >= 100_000 && percentile(latencies, 0.99) < 500 && failed === 0 ? 'met' : 'NOT met'}`,
      );
    } finally {
      await store.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
