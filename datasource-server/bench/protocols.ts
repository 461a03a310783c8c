// Benchmark: nexus-api's own CPU per event on each log protocol, measured without the engine: the service runs
// as a child process (src/main.ts, embedded chDB) and its CPU is read by thread from /proc (thread-cpu.ts) before
// and after each protocol's requests. The main thread is Nexus (HTTP, decompression, decoding, key=value
// extraction, the dedup key, encoding rows for the engine); the other threads are the engine (its insert
// parsing, thread pool and merges), printed beside it. The same events (bench/ingest.ts `line`, key=value pairs
// in each) go through every protocol, 500 per request, 4 requests in flight.
//
// BENCH_PROTOCOL_REQUESTS (requests per protocol, default 60), BENCH_PROTOCOLS=0 skips, BENCH_PROTOCOL_ONLY=<a,b>
// runs the protocols whose names contain one of these, BENCH_PROTOCOL_PROFILE=<dir> runs the service under
// `node --cpu-prof` (its profile written there when it stops). Only this part, from datasource-server:
// node --import tsx --input-type=module -e "await (await import('./bench/protocols.ts')).runProtocolBench()"

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { start, stop } from '../test/helpers/server.ts';
import { hecBody, line } from './ingest.ts';
import { loadAverage, threadCpu } from './thread-cpu.ts';

const EVENTS = 500;
const token = '00000000-0000-4000-8000-0000bench0004';
const CHANNEL = '11111111-2222-4333-8444-555555555555';

export interface Protocol {
  readonly name: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  body(r: number, nowS: number): string | Buffer;
}

/** Event `k` of request `r`: its number, its time in seconds. */
function each<T>(r: number, nowS: number, f: (i: number, s: number) => T): T[] {
  return Array.from({ length: EVENTS }, (_, k) => {
    const i = r * EVENTS + k;
    return f(i, nowS + i / 1e6);
  });
}

const nanos = (s: number): string => `${Math.round(s * 1e6)}000`;

/** The protocols and their request bodies (also used by bench/decode.ts, the in-process decode benchmark). */
export const PROTOCOLS: Protocol[] = [
  { name: 'HEC event', path: '/services/collector/event', headers: {}, body: (r, s) => hecBody(r, s) },
  {
    name: 'HEC event gzip',
    path: '/services/collector/event',
    headers: { 'Content-Encoding': 'gzip' },
    body: (r, s) => zlib.gzipSync(hecBody(r, s)),
  },
  {
    name: 'HEC raw',
    path: `/services/collector/raw?channel=${CHANNEL}&sourcetype=access`,
    headers: {},
    body: (r, s) => each(r, s, (i) => line(i)).join('\n'),
  },
  {
    name: 'Vector http',
    path: '/ingest/logs',
    headers: { 'Content-Type': 'application/json' },
    body: (r, s) =>
      JSON.stringify(
        each(r, s, (i, t) => ({
          message: line(i),
          timestamp: new Date(t * 1000).toISOString(),
          host: `web${i % 50}`,
          source_type: 'access',
        })),
      ),
  },
  {
    name: 'Loki push JSON',
    path: '/loki/api/v1/push',
    headers: { 'Content-Type': 'application/json' },
    body: (r, s) =>
      JSON.stringify({
        streams: [
          {
            stream: { job: 'bench', host: `web${r % 50}` },
            values: each(r, s, (i, t) => [nanos(t), line(i)]),
          },
        ],
      }),
  },
  {
    name: 'OTLP JSON',
    path: '/v1/logs',
    headers: { 'Content-Type': 'application/json' },
    body: (r, s) =>
      JSON.stringify({
        resourceLogs: [
          {
            resource: { attributes: [{ key: 'host.name', value: { stringValue: `web${r % 50}` } }] },
            scopeLogs: [
              {
                logRecords: each(r, s, (i, t) => ({
                  timeUnixNano: nanos(t),
                  body: { stringValue: line(i) },
                })),
              },
            ],
          },
        ],
      }),
  },
  {
    name: '_bulk',
    path: '/_bulk',
    headers: { 'Content-Type': 'application/x-ndjson' },
    body: (r, s) =>
      each(
        r,
        s,
        (i, t) =>
          `{"index":{"_index":"main"}}\n${JSON.stringify({ '@timestamp': new Date(t * 1000).toISOString(), host: `web${i % 50}`, message: line(i) })}`,
      ).join('\n') + '\n',
  },
];

/** Service CPU µs per event by protocol (main thread), as measured; printed as it goes. */
export async function runProtocolBench(): Promise<Map<string, number>> {
  const requests = Number(process.env['BENCH_PROTOCOL_REQUESTS'] ?? 60);
  console.log(
    `\nService CPU per event by protocol: ${requests} requests of ${EVENTS} events each, 4 in flight; load average ${loadAverage()}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-protocol-bench-'));
  const out = new Map<string, number>();
  const only = (process.env['BENCH_PROTOCOL_ONLY'] ?? '').split(',').filter((o) => o !== '');
  const profile = process.env['BENCH_PROTOCOL_PROFILE'];
  const server = await start(
    {
      NEXUS_DATA_DIR: dir,
      NEXUS_ADMIN_TOKEN: token,
      NEXUS_RATE_LIMIT_RPS: '0',
      NEXUS_RATE_LIMIT_INGEST_BYTES: '0',
    },
    profile === undefined
      ? {}
      : {
          nodeArgs: [
            '--cpu-prof',
            `--cpu-prof-dir=${path.resolve(profile)}`,
            '--import',
            'tsx',
            'src/main.ts',
          ],
        },
  );
  try {
    const base = `http://127.0.0.1:${server.port}`;
    let offset = 0;
    for (const p of PROTOCOLS) {
      if (only.length > 0 && !only.some((o) => p.name.includes(o))) continue;
      const nowS = Math.floor(Date.now() / 1000) - 3_600;
      // Warm-up (JIT), then the measured requests; every event has its own time, so none is a retry.
      const warm = 10;
      const bodies = Array.from({ length: warm + requests }, (_, r) => p.body(offset + r, nowS));
      offset += warm + requests;
      let next = 0;
      let ok = 0;
      let failed = 0;
      const send = async (limit: number): Promise<void> => {
        while (next < limit) {
          const body = bodies[next++];
          const res = await fetch(`${base}${p.path}`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, ...p.headers },
            body,
          });
          await res.arrayBuffer();
          if (res.status >= 200 && res.status < 300) ok++;
          else failed++;
        }
      };
      await Promise.all([send(warm), send(warm)]);
      ok = 0;
      const before = threadCpu(server.proc.pid);
      const t0 = performance.now();
      await Promise.all(Array.from({ length: 4 }, () => send(bodies.length)));
      const seconds = (performance.now() - t0) / 1000;
      const after = threadCpu(server.proc.pid);
      const events = ok * EVENTS;
      if (before === undefined || after === undefined || events === 0) {
        console.log(`${p.name.padEnd(16)} not measured (${failed} requests failed)`);
        continue;
      }
      const main = ((after.mainMs - before.mainMs) * 1000) / events;
      const other = ((after.allMs - before.allMs) * 1000) / events - main;
      out.set(p.name, main);
      console.log(
        `${p.name.padEnd(16)} service CPU ${main.toFixed(1).padStart(5)} µs/event (main thread); engine and other threads ` +
          `${other.toFixed(1).padStart(5)} µs/event; ${Math.round(events / seconds).toLocaleString('en')} events/s closed loop` +
          (failed > 0 ? `; ${failed} requests failed` : ''),
      );
    }
  } finally {
    await stop(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
