// Test helper: one mstats search run on both paths, PromQL against a Prometheus-API server and SQL on the
// chDB `metrics` table, for the differential tests (VictoriaMetrics, Prometheus).

import assert from 'node:assert/strict';
import type { MetricRows } from '../../src/query/metrics.ts';
import { runPromQL } from '../../src/query/metrics.ts';
import { toPromQL } from '@nexus/spl';
import { compile } from '@nexus/spl';
import type { Diagnostic } from '@nexus/spl';
import type { Store } from '../../src/store/index.ts';
import type { Sample } from './metric-samples.ts';
import type { Series } from './remote-write.ts';

/** The samples grouped into series `{__name__, org_id, index, …dimensions}`, points in time order. */
export function seriesOf(samples: readonly Sample[]): Series[] {
  const series = new Map<string, Series>();
  for (const s of samples) {
    const labels = { __name__: s.metric_name, org_id: s.org_id, index: s.index, ...s.labels };
    const id = JSON.stringify(labels);
    const e: Series = series.get(id) ?? { labels, samples: [] };
    e.samples.push([s.ms, s.value]);
    series.set(id, e);
  }
  for (const e of series.values()) e.samples.sort((a, b) => a[0] - b[0]);
  return [...series.values()];
}

/** VictoriaMetrics' JSON import lines: one per series. */
export function importLines(samples: readonly Sample[]): string {
  return seriesOf(samples)
    .map((e) =>
      JSON.stringify({
        metric: e.labels,
        values: e.samples.map(([, v]) => v),
        timestamps: e.samples.map(([t]) => t),
      }),
    )
    .join('\n');
}

/**
 * `| mstats <spl>` for acme over `range`: the PromQL path against `url` and the SQL path on `store`, with
 * the SQL path's 64-bit counts as numbers. Asserts both name the same columns.
 */
export async function bothPaths(
  spl: string,
  url: string,
  store: Store,
  range: { earliestMs: number; latestMs: number },
): Promise<{ prom: MetricRows; sqlRows: unknown[][] }> {
  const r = compile(`| mstats ${spl}`, { orgId: 'acme', ...range, nowMs: range.latestMs });
  assert.ok(r.ok && r.plan.metrics, JSON.stringify(!r.ok && r.errors));
  const errors: Diagnostic[] = [];
  const plan = toPromQL(r.plan.metrics, errors);
  assert.ok(plan, JSON.stringify(errors));
  const prom = await runPromQL({ url }, plan, range);
  const sql = await store.query({ sql: r.sql.sql, params: r.sql.params, tenant: 'acme' });
  // 64-bit counts come back from ClickHouse as strings.
  const sqlRows = sql.rows.map((row) =>
    row.map((v, i) => (sql.columns[i]?.type === 'UInt64' ? Number(v) : v)),
  );
  assert.deepEqual(
    prom.columns.map((c) => c.name),
    sql.columns.map((c) => c.name),
  );
  return { prom, sqlRows };
}
