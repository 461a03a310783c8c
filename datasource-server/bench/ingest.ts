// Benchmark: HEC ingestion against inserting the same events directly.
//
// The real service (src/main.ts, embedded chDB) runs as a child process. Requests of 500 events (about 260 bytes
// each with key=value pairs, every event with its own time) are sent by clients that each wait for the answer
// (closed loop): the rate the service sustains, with no work wasted on requests refused for a full queue. The
// baseline is the same events, decoded beforehand (same structured fields), inserted into a chDB store by this
// process in batches of 10,000 with the store's own insert path: the engine's own ceiling on this machine, so the
// ratio is what HTTP, decoding and batching cost on top of it. The latency phase is an open model: requests sent
// on a fixed schedule whatever the answers do, each latency measured from its scheduled time (no coordinated
// omission).
//
// Each of the HEC phases (plain body, then gzip) runs on a fresh service; the service's CPU by thread is read from
// /proc before and after (thread-cpu.ts): its main thread is Nexus's own cost per event, the others are the
// embedded engine's. A last phase offers 85 % of the direct rate and reports its p99: the goal is HEC ≥ 0.85× the
// direct insert with p99 < 500 ms at that rate.
//
// BENCH_INGEST_REQUESTS (per phase, default 200), BENCH_INGEST_CONCURRENCY (requests in flight in the closed
// loop, default 32: enough to fill the batcher's 10,000-row batches; fewer leave it waiting for its timer),
// BENCH_INGEST_SECONDS (of the 0.85× phase, default 10), BENCH_INGEST=0 skips,
// BENCH_INGEST_PROFILE=<dir> runs the service under `node --cpu-prof` (a folder of .cpuprofile files per phase there).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createStore, runMigrations } from '../src/store/index.ts';
import type { LogRow } from '../src/store/index.ts';
import zlib from 'node:zlib';
import { decodeHecEvents } from '../src/ingest/hec-decode.ts';
import { start, stop } from '../test/helpers/server.ts';
import { loadAverage, mainUsPerEvent, perEvent, threadCpu } from './thread-cpu.ts';

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

/** Request `r`'s body: 500 HEC envelopes, each with its own time (so a request is never a retry of another). */
export function hecBody(r: number, nowS: number): string {
  let text = '';
  for (let k = 0; k < EVENTS_PER_REQUEST; k++) {
    const i = r * EVENTS_PER_REQUEST + k;
    const env = JSON.stringify({
      time: nowS + i / 1e6,
      host: `web${i % 50}`,
      sourcetype: 'access',
      event: line(i),
    });
    text += k === 0 ? env : `\n${env}`;
  }
  return text;
}

/** The rows of `requests` bench requests from request `from` on, decoded by the HEC decoder as the service does. */
export function decodedRows(from: number, requests: number): LogRow[] {
  const ctx = {
    orgId: 'default',
    receivedMs: Date.now(),
    defaultHost: 'bench',
    defaultSource: 'http:bench',
    defaultSourcetype: 'httpevent',
  };
  const nowS = Math.floor(Date.now() / 1000) - 3_600;
  const rows: LogRow[] = [];
  for (let r = from; r < from + requests; r++) rows.push(...decodeHecEvents(hecBody(r, nowS), ctx).rows);
  return rows;
}

interface Phase {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly failed: number;
  readonly acked: number;
  readonly elapsed: number;
  readonly cpu: string;
  readonly mainUs: number;
}

/**
 * One HEC phase on a fresh service, with `requests` bodies plain or gzip: sent by `concurrency` clients each
 * waiting for its answer (closed loop: the rate the service sustains, no request refused for a full queue),
 * or on a fixed schedule at `rate` events/s (open loop: the latency at that rate).
 */
async function hecPhase(
  dir: string,
  name: string,
  load: { requests: number; concurrency: number } | { rate: number; seconds: number },
  gzip: boolean,
  from: number,
): Promise<Phase> {
  const total =
    'requests' in load
      ? load.requests
      : Math.max(1, Math.round((load.rate * load.seconds) / EVENTS_PER_REQUEST));
  const nowS = Math.floor(Date.now() / 1000) - 3_600;
  const bodies = Array.from({ length: total }, (_, r) => {
    const text = hecBody(from + r, nowS);
    return gzip ? zlib.gzipSync(text) : text;
  });
  const profile = process.env['BENCH_INGEST_PROFILE'];
  const server = await start(
    {
      NEXUS_DATA_DIR: path.join(dir, name),
      NEXUS_ADMIN_TOKEN: token,
      NEXUS_RATE_LIMIT_RPS: '0',
      NEXUS_RATE_LIMIT_INGEST_BYTES: '0',
    },
    profile === undefined
      ? {}
      : {
          nodeArgs: [
            // A folder per phase: each thread with a loader (the main thread, tsx's hooks thread) writes its
            // own profile there, the main thread's named `CPU.….0.001.cpuprofile` (one name would be overwritten).
            '--cpu-prof',
            `--cpu-prof-dir=${path.resolve(profile, name)}`,
            '--import',
            'tsx',
            'src/main.ts',
          ],
        },
  );
  const latencies: number[] = [];
  let failed = 0;
  let acked = 0;
  const url = `http://127.0.0.1:${server.port}/services/collector/event`;
  const headers: Record<string, string> = { Authorization: `Splunk ${token}` };
  if (gzip) headers['Content-Encoding'] = 'gzip';
  const cpu0 = threadCpu(server.proc.pid);
  const started = performance.now();
  const send = (r: number, due: number): Promise<void> =>
    fetch(url, { method: 'POST', headers, body: bodies[r] ?? '' })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.status === 200) acked += EVENTS_PER_REQUEST;
        else failed++;
      })
      .catch(() => {
        failed++;
      })
      .finally(() => latencies.push(performance.now() - due));
  const inflight: Promise<void>[] = [];
  if ('requests' in load) {
    let next = 0;
    const client = async (): Promise<void> => {
      while (next < total) await send(next++, performance.now());
    };
    for (let c = 0; c < load.concurrency; c++) inflight.push(client());
  } else {
    const requestsPerSecond = load.rate / EVENTS_PER_REQUEST;
    for (let r = 0; r < total; r++) {
      const due = started + (r * 1000) / requestsPerSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      inflight.push(send(r, due));
    }
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - started) / 1000;
  const cpu1 = threadCpu(server.proc.pid);
  await stop(server);
  latencies.sort((a, b) => a - b);
  const phase: Phase = {
    rate: acked / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    failed,
    acked,
    elapsed,
    cpu: perEvent(cpu0, cpu1, acked),
    mainUs: mainUsPerEvent(cpu0, cpu1, acked),
  };
  const how =
    'requests' in load
      ? `${load.concurrency} requests in flight`
      : `offered ${Math.round(load.rate).toLocaleString('en')}/s`;
  console.log(
    `HEC ${name.padEnd(6)} ${how}: ${Math.round(phase.rate).toLocaleString('en')} events/s sustained ` +
      `(${acked.toLocaleString('en')} acknowledged in ${elapsed.toFixed(1)} s), p50 ${phase.p50.toFixed(0)} ms, p99 ${phase.p99.toFixed(0)} ms, ` +
      `${failed} requests not acknowledged; ${phase.cpu}`,
  );
  return phase;
}

/** What the ingest bench measured, for the benches that run after it (mixed.ts offers half of `hecRate`). */
export interface IngestBenchResult {
  readonly hecRate: number;
  readonly directRate: number;
}

export async function runIngestBench(): Promise<IngestBenchResult> {
  const requests = Number(process.env['BENCH_INGEST_REQUESTS'] ?? 200);
  const concurrency = Number(process.env['BENCH_INGEST_CONCURRENCY'] ?? 32);
  const seconds = Number(process.env['BENCH_INGEST_SECONDS'] ?? 10);
  const sample = hecBody(0, 0);
  console.log(
    `\nHEC ingest: ${requests} requests of ${EVENTS_PER_REQUEST} events (${Math.round(Buffer.byteLength(sample) / EVENTS_PER_REQUEST)} bytes/event as sent, ` +
      `key=value pairs in each), ${concurrency} in flight; load average ${loadAverage()}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-ingest-bench-'));
  try {
    const plain = await hecPhase(dir, 'plain', { requests, concurrency }, false, 0);
    const gzip = await hecPhase(dir, 'gzip', { requests, concurrency }, true, 1_000_000);

    // Baseline: the same events, decoded once here by the HEC decoder (so with the same structured fields as
    // the service stores), inserted straight into a store.
    const store = await createStore(loadConfig({ NEXUS_DATA_DIR: path.join(dir, 'direct') }));
    let directRate: number;
    try {
      await runMigrations(store, { retentionDays: 30 });
      const rows = decodedRows(2_000_000, requests);
      const t0 = performance.now();
      for (let i = 0; i < rows.length; i += 10_000) await store.insertLogs(rows.slice(i, i + 10_000));
      directRate = rows.length / ((performance.now() - t0) / 1000);
      console.log(
        `direct: ${Math.round(directRate).toLocaleString('en')} events/s (store.insertLogs of the decoded rows, 10,000 per INSERT: no HTTP, no decoding)`,
      );
    } finally {
      await store.close();
    }
    console.log(
      `ratio HEC / direct insert: ${(plain.rate / directRate).toFixed(2)} (gzip: ${(gzip.rate / directRate).toFixed(2)})`,
    );
    console.log(
      `service CPU per event (HEC, main thread): ${plain.mainUs.toFixed(1)} µs plain, ${gzip.mainUs.toFixed(1)} µs gzip; target ≤ 5 µs: ` +
        `${Math.max(plain.mainUs, gzip.mainUs) <= 5 ? 'met' : 'NOT met'}`,
    );
    // The goal's own test: 85 % of the direct rate offered, every request acknowledged, p99 < 500 ms.
    const at = await hecPhase(dir, '0.85x', { rate: 0.85 * directRate, seconds }, false, 3_000_000);
    const met = at.failed === 0 && at.p99 < 500 && at.rate >= 0.85 * directRate * 0.97;
    console.log(
      `HEC at 0.85× direct (${Math.round(0.85 * directRate).toLocaleString('en')} events/s offered): p99 ${at.p99.toFixed(0)} ms, ` +
        `${at.failed} not acknowledged; target ≥ 0.85× with p99 < 500 ms: ${met ? 'met' : 'NOT met'}`,
    );
    return { hecRate: plain.rate, directRate };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
