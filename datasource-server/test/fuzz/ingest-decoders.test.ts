// Hostile-input fuzz over every ingest decoder, against a real nexus-api on embedded chDB: random bytes,
// deep nesting, huge strings, invalid UTF-8 and UTF-16 escapes, huge line counts, corrupt compression and
// mutations of valid bodies, per protocol. Oracle: no 5xx (a 503 included: nothing here is the server's
// fault), every 4xx says why, the server's resident memory stays under a stated bound, and `/health/ready`,
// probed concurrently every 50 ms from a worker thread, answers within 100 ms throughout (the figure)
// and stays within a small factor of its idle latency measured in the same run.
//
// NEXUS_FUZZ_SEED replays a run; NEXUS_FUZZ_CASES sets the cases per protocol (default 30).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { compressSync } from 'snappy';
import type { Answer, Tenants } from '../helpers/noisy.ts';
import { ADMIN_TOKEN } from '../helpers/env.ts';
import { call, percentile, probeReady, startTenants } from '../helpers/noisy.ts';

const SEED = Number(process.env['NEXUS_FUZZ_SEED'] ?? Date.now() % 1_000_000);
const CASES = Number(process.env['NEXUS_FUZZ_CASES'] ?? 30);
/** The stated bounds: resident memory growth of the server over the run, and a readiness answer. */
const MAX_RSS_GROWTH = 768 * 1024 * 1024;
const READY_MS = 100;
/** The fuzzed p99 of a health answer may be at most this many times its idle p99 (same run). */
const FACTOR = 5;
const BASELINE_MS = 3_000;

/** Readiness (the store answers too) and liveness (the event loop alone), each probed from its own thread. */
async function probeBoth<T>(base: string, during: Promise<T>): Promise<{ ready: Answer[]; live: Answer[] }> {
  const { result, probes } = await probeReady(base, probeReady(base, during, 50, '/health/live'));
  return { ready: probes, live: result.probes };
}
const CHANNEL = '11111111-2222-4333-8444-555555555555';

/** mulberry32: a small seeded PRNG, so a failing run replays with its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Protocol {
  name: string;
  path: string;
  headers: Record<string, string>;
  /** A valid body with `V` where a string value goes (JSON protocols); binary ones have none. */
  template?: string;
  /** The body is a snappy block (Loki/remote-write protobuf). */
  snappy?: boolean;
}

const PROTOCOLS: Protocol[] = [
  {
    name: 'hec event',
    path: '/services/collector/event',
    headers: {},
    template: '{"event":V,"host":V,"fields":{"k":V}}',
  },
  {
    name: 'hec metrics',
    path: '/services/collector/event',
    headers: {},
    template: '{"event":"metric","fields":{"metric_name":"fz.m","_value":1,"dim":V}}',
  },
  {
    name: 'hec raw',
    path: `/services/collector/raw?channel=${CHANNEL}`,
    headers: {},
    template: 'line V\nline two V\n',
  },
  { name: 'vector', path: '/ingest/logs', headers: {}, template: '[{"message":V,"host":V,"k":{"n":V}}]' },
  {
    name: 'loki json',
    path: '/loki/api/v1/push',
    headers: { 'Content-Type': 'application/json' },
    template: '{"streams":[{"stream":{"job":V},"values":[["1700000000000000000",V]]}]}',
  },
  {
    name: 'loki protobuf',
    path: '/loki/api/v1/push',
    headers: { 'Content-Type': 'application/x-protobuf' },
    snappy: true,
  },
  {
    name: 'otlp json',
    path: '/v1/logs',
    headers: { 'Content-Type': 'application/json' },
    template:
      '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":V},"attributes":[{"key":"a","value":{"stringValue":V}}]}]}]}]}',
  },
  { name: 'otlp protobuf', path: '/v1/logs', headers: { 'Content-Type': 'application/x-protobuf' } },
  {
    name: '_bulk',
    path: '/_bulk',
    headers: {},
    template: '{"index":{"_index":"main"}}\n{"message":V,"f":V}\n',
  },
  {
    name: 'vm import',
    path: '/api/v1/import',
    headers: {},
    template: '{"metric":{"__name__":"fz","job":V},"values":[1],"timestamps":[1700000000000]}',
  },
  {
    name: 'remote-write',
    path: '/api/v1/write',
    headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'snappy' },
    snappy: true,
  },
];

interface Case {
  kind: string;
  body: Buffer;
  headers: Record<string, string>;
}

/** One hostile body for `p`. */
function makeCase(p: Protocol, rnd: () => number): Case {
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const bytes = (n: number, lo = 0, hi = 255) => Buffer.from(Array.from({ length: n }, () => int(lo, hi)));
  const fill = (value: Buffer | string) => {
    const t = p.template ?? 'V';
    const parts = t.split('V');
    return Buffer.concat(
      parts.flatMap((s, i) => (i === 0 ? [Buffer.from(s)] : [Buffer.from(value), Buffer.from(s)])),
    );
  };
  const escapes = [
    '\\ud800',
    '\\udfff',
    '\\ud800\\ud800',
    '\\udc00\\ud800',
    '\\u12',
    '\\uZZZZ',
    '\\',
    '\\u0000',
  ];
  const kinds =
    p.template === undefined
      ? ['random', 'gzip-random', 'corrupt-gzip', 'truncated']
      : [
          'random',
          'gzip-random',
          'corrupt-gzip',
          'deep',
          'huge-string',
          'invalid-utf8',
          'utf16-escape',
          'many-lines',
          'mutated',
        ];
  const kind = kinds[int(0, kinds.length - 1)] ?? 'random';
  const plain = (body: Buffer): Case => {
    const b = p.snappy === true && rnd() < 0.5 ? compressSync(body) : body;
    return { kind, body: b, headers: p.headers };
  };
  const gz = (body: Buffer): Case => ({
    kind,
    body: gzipSync(body),
    headers: { ...p.headers, 'Content-Encoding': 'gzip' },
  });
  switch (kind) {
    case 'random':
      return plain(bytes(int(0, 64 * 1024)));
    case 'gzip-random':
      return gz(bytes(int(1, 64 * 1024)));
    case 'corrupt-gzip': {
      const z = gzipSync(fill('"x"'));
      return {
        kind,
        body: z.subarray(0, int(1, z.length - 1)),
        headers: { ...p.headers, 'Content-Encoding': 'gzip' },
      };
    }
    case 'truncated':
      return plain(bytes(int(1, 16)));
    case 'deep': {
      const d = int(200, 20_000);
      const open = rnd() < 0.5 ? '[' : '{"a":';
      const close = open === '[' ? ']' : '}';
      return plain(fill(`${open.repeat(d)}"x"${close.repeat(d)}`));
    }
    case 'huge-string':
      return rnd() < 0.5
        ? plain(fill(`"${'x'.repeat(int(1, 4) * 1024 * 1024)}"`))
        : gz(fill(`"${'y'.repeat(40 * 1024 * 1024)}"`));
    case 'invalid-utf8':
      return plain(fill(Buffer.concat([Buffer.from('"'), bytes(int(1, 64), 0x80, 0xff), Buffer.from('"')])));
    case 'utf16-escape':
      return plain(fill(`"a${escapes[int(0, escapes.length - 1)]}b"`));
    case 'many-lines': {
      const one = fill('"l"').toString('utf8');
      return gz(Buffer.from(`${one}\n`.repeat(int(100_000, 400_000))));
    }
    default: {
      const b = Buffer.from(fill('"m"'));
      for (let k = int(1, 8); k > 0; k--) b[int(0, b.length - 1)] = int(0, 255);
      return plain(rnd() < 0.3 ? Buffer.concat([b, b.subarray(0, int(0, b.length))]) : b);
    }
  }
}

interface ServerFigures {
  /** The event-loop delay since the last scrape, ms. */
  readonly p99: number;
  readonly max: number;
  /** The store's readiness checks so far (cumulative): how many, their total seconds, how many over 100 ms. */
  readonly pings: { readonly count: number; readonly sum: number; readonly over100: number };
}

/**
 * The server's own figures. The event-loop delay since the last call, ms: prom-client's histogram
 * (monitorEventLoopDelay), which it resets at every scrape; measured inside the server, so the load generator's
 * CPU does not enter it. The store's answer times behind the readiness probes (`nexus_store_ping_seconds`).
 */
async function serverFigures(base: string): Promise<ServerFigures> {
  const r = await call(`${base}/metrics`, { token: ADMIN_TOKEN });
  assert.equal(r.status, 200, r.text);
  const sample = (series: string) => {
    const m = new RegExp(`^${series.replace(/[{}".+]/g, '\\$&')} (\\S+)$`, 'm').exec(r.text);
    return m === null ? NaN : Number(m[1]);
  };
  const count = sample('nexus_store_ping_seconds_count');
  return {
    p99: sample('nexus_nodejs_eventloop_lag_p99_seconds') * 1000,
    max: sample('nexus_nodejs_eventloop_lag_max_seconds') * 1000,
    pings: {
      count,
      sum: sample('nexus_store_ping_seconds_sum'),
      over100: count - sample('nexus_store_ping_seconds_bucket{le="0.1"}'),
    },
  };
}

/** A 4xx that says why: a non-empty body whose JSON (if JSON) carries a message. */
function saysWhy(a: Answer): boolean {
  if (a.text.trim() === '') return false;
  try {
    const j = JSON.parse(a.text) as Record<string, unknown>;
    const err = j['error'] as Record<string, unknown> | undefined;
    const words = [j['text'], j['message'], j['reason'], err?.['message'], err?.['reason']];
    return words.some((w) => typeof w === 'string' && w !== '');
  } catch {
    return true; // plain text (Loki, Prometheus) or a protobuf Status
  }
}

describe(`hostile-input fuzz over the ingest decoders (seed ${SEED}, ${CASES} cases per protocol)`, () => {
  let t: Tenants;
  before(async () => {
    t = await startTenants({ NEXUS_RATE_LIMIT_RPS: '0', NEXUS_RATE_LIMIT_INGEST_BYTES: '0' });
  });
  after(async () => {
    await t.close();
  });

  test('no 5xx, every 4xx says why, memory bounded, health answers at their idle latency', async (ctx) => {
    const rnd = prng(SEED);
    const startRss = t.rss();
    let peak = startRss;
    const sampler = setInterval(() => (peak = Math.max(peak, t.rss())), 50);
    const problems: string[] = [];
    const seen = new Map<string, number>();
    const run = async () => {
      for (const p of PROTOCOLS) {
        for (let i = 0; i < CASES; i++) {
          const c = makeCase(p, rnd);
          const a = await call(`${t.base}${p.path}`, { token: t.a, body: c.body, headers: c.headers });
          const key = `${p.name} ${c.kind} ${a.status}`;
          seen.set(key, (seen.get(key) ?? 0) + 1);
          const where = `${p.name} case ${i} (${c.kind}, ${c.body.length} bytes)`;
          if (a.status === 0 || a.status >= 500)
            problems.push(`${where}: ${a.status} ${a.text.slice(0, 200)}`);
          else if (a.status >= 400 && !saysWhy(a)) problems.push(`${where}: ${a.status} without a reason`);
        }
      }
    };
    // Baseline: readiness and liveness of the idle server, measured in this run (2 shared cores: the
    // absolute figure depends on the machine's load, so the oracle is a ratio against it).
    await serverFigures(t.base); // starts the server's event-loop histogram afresh
    const idle = await probeBoth(t.base, new Promise((r) => setTimeout(r, BASELINE_MS)));
    const idleLoop = await serverFigures(t.base);
    let fuzzed: Awaited<ReturnType<typeof probeBoth>>;
    try {
      fuzzed = await probeBoth(t.base, run());
    } finally {
      clearInterval(sampler);
    }
    const fuzzLoop = await serverFigures(t.base);
    const pings = {
      count: fuzzLoop.pings.count - idleLoop.pings.count,
      sum: fuzzLoop.pings.sum - idleLoop.pings.sum,
      over100: fuzzLoop.pings.over100 - idleLoop.pings.over100,
    };
    const ms = (a: Answer[]) => a.map((p) => p.ms);
    const figure = (name: string, a: Answer[]) =>
      `${name} p50 ${percentile(ms(a), 0.5).toFixed(1)} / p99 ${percentile(ms(a), 0.99).toFixed(1)} / max ${Math.max(...ms(a)).toFixed(1)} ms (${a.length})`;
    ctx.diagnostic(
      `seed ${SEED}: ${PROTOCOLS.length * CASES} cases; rss ${(startRss / 2 ** 20).toFixed(0)} → peak ${(peak / 2 ** 20).toFixed(0)} MiB`,
    );
    ctx.diagnostic(`idle: ${figure('ready', idle.ready)}; ${figure('live', idle.live)}`);
    ctx.diagnostic(`fuzz: ${figure('ready', fuzzed.ready)}; ${figure('live', fuzzed.live)}`);
    ctx.diagnostic(
      `server event loop delay (its own histogram): idle p99 ${idleLoop.p99.toFixed(1)} / max ${idleLoop.max.toFixed(1)} ms; fuzz p99 ${fuzzLoop.p99.toFixed(1)} / max ${fuzzLoop.max.toFixed(1)} ms`,
    );
    // The probes answer from a store check at most a second old (src/store/health.ts): the engine's own
    // answer times behind them, so that the figure above is read with them.
    ctx.diagnostic(
      `store checks behind the ready probes during the fuzz: ${pings.count}, mean ${((pings.sum / Math.max(pings.count, 1)) * 1000).toFixed(1)} ms, ${pings.over100} over ${READY_MS} ms`,
    );
    ctx.diagnostic([...seen].map(([k, n]) => `${k} ×${n}`).join('; '));
    assert.deepEqual(problems, [], `seed ${SEED}`);
    assert.deepEqual(
      fuzzed.ready.filter((p) => p.status !== 200).map((p) => `${p.status} ${p.text}`),
      [],
      'readiness answers',
    );
    const slowest = Math.max(...ms(fuzzed.ready));
    assert.ok(
      slowest < READY_MS,
      `seed ${SEED}: /health/ready took ${slowest.toFixed(1)} ms during the fuzz`,
    );
    for (const [name, during, before] of [
      ['/health/ready', fuzzed.ready, idle.ready],
      ['/health/live', fuzzed.live, idle.live],
    ] as const) {
      const ratio = percentile(ms(during), 0.99) / Math.max(percentile(ms(before), 0.99), 1);
      assert.ok(
        ratio <= FACTOR,
        `seed ${SEED}: ${name} p99 ×${ratio.toFixed(2)} of idle (allowed ×${FACTOR})`,
      );
    }
    assert.ok(
      peak - startRss < MAX_RSS_GROWTH,
      `seed ${SEED}: memory grew by ${((peak - startRss) / 2 ** 20).toFixed(0)} MiB`,
    );
  });
});
