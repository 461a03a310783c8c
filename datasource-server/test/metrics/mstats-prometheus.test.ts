// mstats' PromQL path on a real Prometheus 2.42 (Debian `prometheus`, remote-write receiver) against the SQL
// path on chDB, for the basic shapes (count, sum, min, max, avg; BY, span, WHERE). Proves that the PromQL the
// compiler prints for them is plain PromQL, not MetricsQL (and that Prometheus ignores the runner's
// VictoriaMetrics-only `nocache=1`, sent with every query). Skipped without the binary, except with CI=true.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MetricsUnavailableError } from '../../src/query/metrics.ts';
import type { BinaryServer } from '../helpers/binary.ts';
import { haveBinary, skipWithout, startBinary } from '../helpers/binary.ts';
import type { Sample, Shape } from '../helpers/metric-samples.ts';
import {
  base,
  generateSamples,
  metricsStore,
  oracle,
  range,
  sameRows,
  shapes,
} from '../helpers/metric-samples.ts';
import { bothPaths, seriesOf } from '../helpers/mstats-paths.ts';
import { RW, remoteWrite } from '../helpers/remote-write.ts';

const BINARY = '/usr/bin/prometheus';
const skip = skipWithout(haveBinary(BINARY, '--version'), 'prometheus');

// Prometheus' head refuses samples older than its newest minus an hour unless they fit its out-of-order
// window: the fixture is moved to the last few hours (by whole hours, so every bucket edge stays an edge)
// and the window set wide enough for all of it.
const shift = Math.floor((Date.now() - 300_000 - 2 * 3_600_000 - base) / 3_600_000) * 3_600_000;
const moved = (ms: number): number => ms + shift;
const window = { earliestMs: moved(range.earliestMs), latestMs: moved(range.latestMs) };

// A bucket edge inside the data: one sample exactly on it, one a millisecond before it.
const edge = moved(base + 30 * 60_000);
const edgeSamples: Sample[] = [
  { org_id: 'acme', index: 'metrics', metric_name: 'edge.test', labels: {}, ms: edge - 1, value: 1 },
  { org_id: 'acme', index: 'metrics', metric_name: 'edge.test', labels: {}, ms: edge, value: 10 },
];
const samples = [...generateSamples().map((s) => ({ ...s, ms: moved(s.ms) })), ...edgeSamples];

const CONFIG = `# No scrape targets: the test pushes samples by remote-write.
global: {}
storage:
  tsdb:
    out_of_order_time_window: 12h
`;

const BASIC = new Set(['count', 'sum', 'min', 'max', 'avg']);
const basic = shapes.filter((s) => !s.sqlOnly && s.aggs.every((a) => BASIC.has(a.fn)));
// `_value` over a wildcard metric_name: Prometheus drops __name__ in `*_over_time` and refuses two series
// left with one label set (VictoriaMetrics does not): a documented difference, asserted below.
const wildcardName = (s: Shape): boolean => /metric_name=\S*\*/.test(s.spl);
const basicShapes = basic.filter((s) => !wildcardName(s));

describe('mstats: Prometheus and the metrics table agree on the basic shapes', { skip }, () => {
  const { store } = metricsStore(samples);
  let prom: BinaryServer | undefined;
  let url = '';

  before(async () => {
    prom = await startBinary({
      binary: BINARY,
      apt: 'prometheus',
      health: '/-/ready',
      args: (port, dir) => {
        fs.writeFileSync(path.join(dir, 'prometheus.yml'), CONFIG);
        // Every path under the temp dir (the working directory too): nothing is written elsewhere.
        return [
          `--config.file=${path.join(dir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${path.join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
          '--web.enable-remote-write-receiver',
          `--web.console.templates=${dir}`,
          `--web.console.libraries=${dir}`,
          '--log.level=error',
        ];
      },
    });
    url = prom.url;
    const res = await fetch(`${url}/api/v1/write`, {
      method: 'POST',
      headers: { ...RW, 'X-Prometheus-Remote-Write-Version': '0.1.0' },
      body: remoteWrite(seriesOf(samples)),
    });
    assert.equal(res.status, 204, await res.text());
  });
  after(() => prom?.stop());

  test('at least 10 basic shapes', () => assert.ok(basicShapes.length >= 10, String(basicShapes.length)));
  for (const shape of basicShapes) {
    test(shape.spl, async () => {
      const { prom: rows, sqlRows } = await bothPaths(shape.spl, url, store(), window);
      sameRows(rows.rows, sqlRows, `${shape.spl}\n${rows.promql.join('\n')}`);
      sameRows(rows.rows, oracle(samples, { ...shape, ...window }), shape.spl);
    });
  }

  test('a MetricsQL-only function is refused by Prometheus: stdev is not a basic shape', async () => {
    await assert.rejects(
      bothPaths('stdev(cpu.usage) WHERE index=metrics span=30m', url, store(), window),
      (err: unknown) => err instanceof MetricsUnavailableError && /sum2_over_time/.test(err.message),
    );
  });

  for (const shape of basic.filter(wildcardName)) {
    test(`refused by Prometheus (several metric names, one label set): ${shape.spl}`, async () => {
      await assert.rejects(
        bothPaths(shape.spl, url, store(), window),
        (err: unknown) => err instanceof MetricsUnavailableError && /same labelset/.test(err.message),
      );
    });
  }

  test('bucket edges: a sample 1 ms before an edge is counted in both buckets on Prometheus 2.x', async () => {
    // Prometheus 2.x range selectors are closed, [T − w, T]: `[5m] offset 1ms` at the bucket's end reads
    // [t − 1ms, t + 5m − 1ms], one millisecond more than Splunk's [t, t + 5m). VictoriaMetrics reads
    // (T − w, T], which is exactly [t, t + 5m) for millisecond samples.
    const spl = 'count(edge.test) sum(edge.test) WHERE index=metrics span=5m';
    const { prom: rows, sqlRows } = await bothPaths(spl, url, store(), window);
    const at = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
    assert.deepEqual(sqlRows, [
      [at(edge - 300_000), 1, 1],
      [at(edge), 1, 10],
    ]);
    assert.deepEqual(rows.rows, [
      [at(edge - 300_000), 1, 1],
      [at(edge), 2, 11],
    ]);
  });
});
