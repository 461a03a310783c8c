// Benchmark: each log protocol's decoder in one process, µs per event, with the encoding of its rows for the
// engine (logRowLine), on the bodies of bench/protocols.ts. No HTTP, no engine: this is the part of
// nexus-api's main-thread cost that the decoders own, and the place to profile them
// (`node --cpu-prof --import tsx bench/decode.ts`).
//
// Run: `node --import tsx bench/decode.ts [protocol substring …]`; BENCH_DECODE_ROUNDS (default 40) rounds
// of 20 bodies of 500 events each per protocol.

import { decodeBulk } from '../src/ingest/es-bulk-decode.ts';
import { decodeHecEventBody } from '../src/ingest/hec-fast.ts';
import { decodeLokiJson } from '../src/ingest/loki-decode.ts';
import type { IngestContext } from '../src/ingest/normalise.ts';
import { decodeOtlpLogs } from '../src/ingest/otlp-decode.ts';
import { decodeVectorEvents } from '../src/ingest/vector-decode.ts';
import { logRowLine } from '../src/store/store.ts';
import type { LogRow } from '../src/store/types.ts';
import { PROTOCOLS } from './protocols.ts';

const BODIES = 20;
const EVENTS = 500;

const DECODERS: Record<string, (text: string, ctx: IngestContext) => LogRow[]> = {
  'HEC event': (t, ctx) => decodeHecEventBody(t, ctx).rows,
  'Vector http': decodeVectorEvents,
  'Loki push JSON': decodeLokiJson,
  'OTLP JSON': (t, ctx) => decodeOtlpLogs(Buffer.from(t), 'json', ctx).rows,
  _bulk: (t, ctx) => decodeBulk(t, ctx).flatMap((item) => (item.row === undefined ? [] : [item.row])),
};

const rounds = Number(process.env['BENCH_DECODE_ROUNDS'] ?? 40);
const only = process.argv.slice(2);
const nowS = Math.floor(Date.now() / 1000) - 3_600;
for (const p of PROTOCOLS) {
  const decode = DECODERS[p.name];
  if (decode === undefined || (only.length > 0 && !only.some((o) => p.name.includes(o)))) continue;
  const bodies = Array.from({ length: BODIES }, (_, r) => String(p.body(r, nowS)));
  const ctx: IngestContext = {
    orgId: 'bench',
    receivedMs: Date.now(),
    defaultHost: 'h',
    defaultSource: 's',
    defaultSourcetype: 'st',
  };
  let bytes = 0;
  const run = (): void => {
    for (const body of bodies) {
      const rows = decode(body, ctx);
      if (rows.length !== EVENTS) throw new Error(`${p.name}: ${rows.length} rows`);
      for (const row of rows) bytes += logRowLine(row).length;
    }
  };
  for (let i = 0; i < 5; i++) run(); // JIT warm-up
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    run();
    times.push(((performance.now() - t) * 1000) / (BODIES * EVENTS));
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(
    `${p.name.padEnd(16)} decode + encode ${median.toFixed(2).padStart(6)} µs/event (median of ${rounds}; best ${(times[0] ?? 0).toFixed(2)})` +
      (bytes === 0 ? '' : ''),
  );
}
