// Benchmarks: parse and parse+plan of every corpus query; p50/p99 per query and queries per second.
// Run with `npm run bench`. Figures are relative to this machine; the ratio line compares the full front
// end with tokenising alone, measured in the same run, so it holds on a noisy machine.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitSegments, stripComments } from '@nexus/spl';
import { parse } from '@nexus/spl';
import { analyse } from '@nexus/spl';
import { plan } from '@nexus/spl';

const corpusPath = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/corpus/escu-train.jsonl',
);
const queries = fs
  .readFileSync(corpusPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => (JSON.parse(l) as { search: string }).search);

function measure(
  name: string,
  fn: (q: string) => void,
  rounds = 5,
): { p50: number; p99: number; qps: number } {
  for (const q of queries) fn(q); // warm up the JIT
  const times: number[] = [];
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t = performance.now();
      fn(q);
      times.push(performance.now() - t);
    }
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  const pct = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  const result = { p50: pct(0.5), p99: pct(0.99), qps: (times.length / total) * 1000 };
  console.log(
    `${name.padEnd(28)} p50 ${result.p50.toFixed(3)} ms   p99 ${result.p99.toFixed(3)} ms   ${Math.round(result.qps)} queries/s`,
  );
  return result;
}

const nowMs = Date.now();
console.log(`${queries.length} corpus queries, Node ${process.version}`);
const base = measure('comments + pipe split (base)', (q) => {
  const { text } = stripComments(q);
  splitSegments(text, 0, text.length);
});
const parsed = measure('parse', (q) => parse(q));
const range = { earliestMs: nowMs - 86_400_000, latestMs: nowMs, nowMs };
const analysed = measure('parse + analyse', (q) => {
  const r = parse(q);
  if (r.ast) analyse(r.ast, range);
});
const full = measure('parse + analyse + plan', (q) => {
  const r = parse(q);
  if (!r.ast) return;
  const a = analyse(r.ast, range);
  plan(r.ast, q, { orgId: 'bench', nowMs, ranges: a.ranges });
});
console.log(`ratio parse / baseline (p50): ${(parsed.p50 / base.p50).toFixed(1)}x`);
console.log(`ratio parse+analyse+plan / baseline (p50): ${(full.p50 / base.p50).toFixed(1)}x`);
console.log(`target p99 < 1 ms for parse + analysis: ${analysed.p99 < 1 ? 'met' : 'NOT met'}`);

if (process.env.BENCH_QUERIES !== '0') {
  const { runQueryBench } = await import('./queries.ts');
  await runQueryBench();
}

if (process.env.BENCH_DATAMODELS !== '0') {
  const { runDataModelBench } = await import('./datamodels.ts');
  await runDataModelBench();
}

if (process.env.BENCH_CONCURRENCY !== '0') {
  const { runConcurrencyBench } = await import('./concurrency.ts');
  await runConcurrencyBench();
}

let hecRate: number | undefined;
if (process.env.BENCH_INGEST !== '0') {
  const { runIngestBench } = await import('./ingest.ts');
  hecRate = (await runIngestBench()).hecRate;
}

if (process.env.BENCH_PROTOCOLS !== '0') {
  const { runProtocolBench } = await import('./protocols.ts');
  await runProtocolBench();
}

if (process.env.BENCH_SCHEMA !== '0') {
  const { runSchemaBench } = await import('./schema.ts');
  await runSchemaBench();
}

if (process.env.BENCH_SCALE !== '0') {
  const { runScaleOutBench } = await import('./scale-out.ts');
  await runScaleOutBench();
}

if (process.env.BENCH_MIXED !== '0') {
  const { runMixedBench } = await import('./mixed.ts');
  await runMixedBench(hecRate);
}
