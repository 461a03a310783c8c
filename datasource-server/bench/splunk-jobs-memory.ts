// Heap bytes that Splunk REST job results take in memory, per 10,000 rows, measured against the estimate the
// job service budgets with (src/splunk-rest/jobs.ts `estimateBytes`).
// Run: `node --expose-gc --import tsx bench/splunk-jobs-memory.ts` (from datasource-server/).

import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { estimateBytes } from '../src/splunk-rest/jobs.ts';

/** Result rows as the query service returns them: an event search and a `stats` search. */
export const ROW_SHAPES: Record<string, (i: number) => unknown[]> = {
  'events (_time, index, host, source, sourcetype, _raw of ~150 chars)': (i) => [
    `2026-12-07 01:${String(i % 60).padStart(2, '0')}:00.${String(i % 1000).padStart(3, '0')}`,
    'web',
    `web-${i % 50}`,
    '/var/log/nginx/access.log',
    'access_combined',
    `10.0.${i % 256}.${(i * 7) % 256} - - [07/Dec/2026:01:00:00 +0000] "GET /item/${i} HTTP/1.1" ${i % 5 === 0 ? 500 : 200} ${1000 + i} "-" "Mozilla/5.0" user=u${i % 100}`,
  ],
  'stats rows (host, count, avg)': (i) => [`web-${i}`, i * 3, i / 7],
};

function gc(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/**
 * Measured heap bytes of `n` rows of `make` (built as the store's JSON parse builds them), and the estimate. The
 * heap is the median of seven measurements: something else the process allocates meanwhile adds to one, and a
 * collection of earlier garbage between the two readings takes from one (a CI run once measured 30 % below the
 * usual figure that way), so neither extreme is the rows' size.
 */
export function measureRows(make: (i: number) => unknown[], n: number): { heap: number; estimate: number } {
  const runs = Array.from({ length: 7 }, () => measureOnce(make, n)).sort((a, b) => a.heap - b.heap);
  const median = runs[3];
  if (!median) throw new Error('seven measurements expected');
  return median;
}

function measureOnce(make: (i: number) => unknown[], n: number): { heap: number; estimate: number } {
  // Through JSON, as the rows arrive from ClickHouse: strings are fresh (not shared literals).
  const text = JSON.stringify(Array.from({ length: n }, (_, i) => make(i)));
  gc();
  const before = process.memoryUsage().heapUsed;
  const rows = JSON.parse(text) as unknown[][];
  gc();
  const heap = process.memoryUsage().heapUsed - before;
  const estimate = estimateBytes(rows);
  if (rows.length !== n) throw new Error('rows lost');
  return { heap, estimate };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, make] of Object.entries(ROW_SHAPES)) {
    const { heap, estimate } = measureRows(make, 10_000);
    console.log(
      `${name}: ${(heap / 1024 / 1024).toFixed(2)} MiB heap per 10k rows, estimate ${(estimate / 1024 / 1024).toFixed(2)} MiB (estimate/heap ${(estimate / heap).toFixed(2)})`,
    );
  }
}
