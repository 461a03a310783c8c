// Benchmark: each log protocol's decoder in one process, CPU µs per event, with the encoding of its rows for the
// engine (logRowLine), on the bodies of bench/protocols.ts. No HTTP, no engine: the part of nexus-api's
// main-thread cost that the decoders own, and the place to profile them
// (`node --cpu-prof --import tsx bench/decode.ts`). With BENCH_DECODE_REFERENCE=1 the decoders before the
// per-event fast paths (test/ingest/reference/) run too, round by round alternating with today's, so the two
// figures share the machine's load.
//
// Run: `node --import tsx bench/decode.ts [protocol substring …]`; BENCH_DECODE_ROUNDS (default 40) rounds of
// 20 bodies of 500 events each per protocol and decoder; the median round is printed.

import { decodeBulk } from '../src/ingest/es-bulk-decode.ts';
import type { BulkItem } from '../src/ingest/es-bulk-decode.ts';
import { decodeHecEventBody } from '../src/ingest/hec-fast.ts';
import { decodeLokiJson } from '../src/ingest/loki-decode.ts';
import type { IngestContext } from '../src/ingest/normalise.ts';
import { decodeOtlpLogs } from '../src/ingest/otlp-decode.ts';
import { decodeVectorEvents } from '../src/ingest/vector-decode.ts';
import { logRowLine } from '../src/store/store.ts';
import type { LogRow } from '../src/store/types.ts';
import * as reference from '../test/ingest/reference/index.ts';
import { PROTOCOLS } from './protocols.ts';

const BODIES = 20;
const EVENTS = 500;

type Decode = (text: string, ctx: IngestContext) => LogRow[];
const rowsOf = (items: BulkItem[]): LogRow[] => items.flatMap((i) => (i.row === undefined ? [] : [i.row]));

const DECODERS: Record<string, { now: Decode; before?: Decode }> = {
  'HEC event': { now: (t, ctx) => decodeHecEventBody(t, ctx).rows },
  'Vector http': { now: decodeVectorEvents, before: reference.decodeVectorEvents },
  'Loki push JSON': { now: decodeLokiJson, before: reference.decodeLokiJson },
  'OTLP JSON': {
    now: (t, ctx) => decodeOtlpLogs(Buffer.from(t), 'json', ctx).rows,
    before: (t, ctx) => reference.decodeOtlpLogs(Buffer.from(t), 'json', ctx).rows,
  },
  _bulk: {
    now: (t, ctx) => rowsOf(decodeBulk(t, ctx)),
    before: (t, ctx) => rowsOf(reference.decodeBulk(t, ctx)),
  },
};

/** CPU time of this process in µs (user + system): less disturbed by other processes than wall time. */
const cpuMicros = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

const rounds = Number(process.env['BENCH_DECODE_ROUNDS'] ?? 40);
const withReference = process.env['BENCH_DECODE_REFERENCE'] === '1';
const only = process.argv.slice(2);
const nowS = Math.floor(Date.now() / 1000) - 3_600;
for (const p of PROTOCOLS) {
  const d = DECODERS[p.name];
  if (d === undefined || (only.length > 0 && !only.some((o) => p.name.includes(o)))) continue;
  const bodies = Array.from({ length: BODIES }, (_, r) => String(p.body(r, nowS)));
  const ctx: IngestContext = {
    orgId: 'bench',
    receivedMs: Date.now(),
    defaultHost: 'h',
    defaultSource: 's',
    defaultSourcetype: 'st',
  };
  const round = (decode: Decode): number => {
    const t = cpuMicros();
    for (const body of bodies) {
      const rows = decode(body, ctx);
      if (rows.length !== EVENTS) throw new Error(`${p.name}: ${rows.length} rows`);
      for (const row of rows) logRowLine(row);
    }
    return (cpuMicros() - t) / (BODIES * EVENTS);
  };
  const variants: [string, Decode][] = [['now', d.now]];
  if (withReference && d.before !== undefined) variants.push(['before', d.before]);
  for (const [, decode] of variants) for (let i = 0; i < 5; i++) round(decode); // JIT warm-up
  const times = variants.map((): number[] => []);
  for (let i = 0; i < rounds; i++) variants.forEach(([, decode], v) => times[v]?.push(round(decode)));
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(
    `${p.name.padEnd(16)} decode + encode, CPU µs/event (median of ${rounds}): ` +
      variants.map(([name], v) => `${name} ${median(times[v] ?? []).toFixed(2)}`).join(', '),
  );
}
