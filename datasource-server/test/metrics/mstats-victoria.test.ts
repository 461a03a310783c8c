// mstats on a real VictoriaMetrics against the embedded table: the PromQL path and the SQL path return the
// same rows for the same generated samples. Skipped without the binary, except in CI (CI=true) where it fails.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateSamples, metricsStore, oracle, range, sameRows, shapes } from '../helpers/metric-samples.ts';
import { bothPaths, importLines } from '../helpers/mstats-paths.ts';
import type { VictoriaMetricsServer } from '../helpers/victoria.ts';
import { skipWithoutVictoriaMetrics, startVictoriaMetrics } from '../helpers/victoria.ts';

describe('mstats: VictoriaMetrics and the metrics table agree', { skip: skipWithoutVictoriaMetrics }, () => {
  const samples = generateSamples();
  const { store } = metricsStore(samples);
  let vm: VictoriaMetricsServer | undefined;
  let url = '';

  before(async () => {
    vm = await startVictoriaMetrics(['-retentionPeriod=100y']);
    url = vm.url;
    const res = await fetch(`${url}/api/v1/import`, { method: 'POST', body: importLines(samples) });
    assert.ok(res.ok, await res.text());
    await vm.flush();
  });
  after(() => vm?.stop());

  const promShapes = shapes.filter((s) => !s.sqlOnly);
  test('at least 15 shapes', () => assert.ok(promShapes.length >= 15));
  for (const shape of promShapes) {
    test(shape.spl, async () => {
      const { prom, sqlRows } = await bothPaths(shape.spl, url, store(), range);
      sameRows(prom.rows, sqlRows, `${shape.spl}\n${prom.promql.join('\n')}`);
      sameRows(prom.rows, oracle(samples, { ...shape, ...range }), shape.spl);
    });
  }
});
