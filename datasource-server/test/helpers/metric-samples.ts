// Generated metric samples for the mstats tests, a chDB `metrics` table holding them, and a JS oracle
// that computes Splunk's numbers from the samples directly.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import type { Store } from '../../src/store/index.ts';
import { createStore, runMigrations } from '../../src/store/index.ts';

export interface Sample {
  readonly org_id: string;
  readonly index: string;
  readonly metric_name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ms: number;
  readonly value: number;
}

/** The shared contract's DDL (the other branch's migration creates the same table). */
export const metricsDdl =
  "CREATE TABLE IF NOT EXISTS metrics (org_id LowCardinality(String), `index` LowCardinality(String), metric_name LowCardinality(String), labels Map(LowCardinality(String), String), timestamp DateTime64(3, 'UTC'), value Float64) ENGINE = MergeTree PARTITION BY toYYYYMMDD(timestamp) ORDER BY (org_id, `index`, metric_name, timestamp)";

export const base = Date.UTC(2024, 0, 10, 10, 0, 0);

/** Two hours of samples for acme (and globex, which no acme search may see), some on bucket boundaries. */
export function generateSamples(): Sample[] {
  let seed = 42;
  const rand = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const series: { org: string; index: string; metric: string; labels: Record<string, string> }[] = [];
  for (const org of ['acme', 'globex']) {
    for (const metric of ['cpu.usage', 'cpu.idle', 'mem.used']) {
      const dims: Record<string, string>[] = [
        { host: 'web-01', dc: 'eu' },
        { host: 'WEB-02', dc: 'us' },
        { host: 'db-1', dc: 'eu', role: 'db' },
        { dc: 'us' },
      ];
      for (const labels of dims) {
        series.push({ org, index: 'metrics', metric, labels });
      }
      series.push({ org, index: 'other', metric, labels: { host: 'web-01', dc: 'eu' } });
    }
  }
  const out: Sample[] = [];
  for (const s of series) {
    for (let t = base; t < base + 2 * 3_600_000;) {
      // Irregular steps, and every 20th sample exactly on a minute boundary.
      out.push({
        org_id: s.org,
        index: s.index,
        metric_name: s.metric,
        labels: s.labels,
        ms: t,
        value: Math.round(rand() * 100_000) / 1000,
      });
      t += out.length % 20 === 0 ? 60_000 - (t % 60_000) : 1 + Math.floor(rand() * 170_000);
    }
  }
  return out;
}

const ts = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** A chDB store with the `metrics` table holding `samples`. */
export function metricsStore(samples: readonly Sample[]): { store: () => Store } {
  let store: Store | undefined;
  let dir = '';
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-mstats-'));
    store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
    // The migration's `metrics` table has a TTL of retentionDays: the 2024 fixture must not have expired (a
    // century would overflow DateTime and expire everything).
    await runMigrations(store, { retentionDays: 3650 });
    await store.command(metricsDdl);
    await store.insertRows(
      'metrics',
      samples.map((s) => ({
        org_id: s.org_id,
        index: s.index,
        metric_name: s.metric_name,
        labels: s.labels,
        timestamp: ts(s.ms),
        value: s.value,
      })),
    );
  });
  after(async () => {
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    store: () => {
      if (!store) throw new Error('the metrics store is used before its tests run');
      return store;
    },
  };
}

export type OracleFn =
  'count' | 'sum' | 'avg' | 'min' | 'max' | 'stdev' | 'latest' | 'earliest' | 'rate' | 'perc';

/** Splunk's numbers for one mstats shape, from the samples: rows of [_time?, …by, …aggs]. */
export function oracle(
  samples: readonly Sample[],
  q: {
    readonly where: (s: Sample) => boolean;
    readonly by: readonly string[];
    readonly spanMs?: number;
    readonly aggs: readonly { fn: OracleFn; metric?: string; p?: number }[];
    readonly earliestMs: number;
    readonly latestMs: number;
  },
): unknown[][] {
  const field = (s: Sample, f: string): string | undefined =>
    f === 'index' ? s.index : f === 'metric_name' ? s.metric_name : s.labels[f];
  const groups = new Map<string, { key: unknown[]; points: Sample[] }>();
  for (const s of samples) {
    if (s.org_id !== 'acme' || s.ms < q.earliestMs || s.ms >= q.latestMs || !q.where(s)) continue;
    if (q.aggs.every((a) => a.metric !== undefined) && !q.aggs.some((a) => a.metric === s.metric_name))
      continue;
    const dims = q.by.map((b) => field(s, b));
    if (dims.some((d) => d === undefined)) continue;
    const key = [...(q.spanMs ? [ts(Math.floor(s.ms / q.spanMs) * q.spanMs)] : []), ...dims];
    const id = JSON.stringify(key);
    const g = groups.get(id) ?? { key, points: [] };
    g.points.push(s);
    groups.set(id, g);
  }
  const agg = (fn: OracleFn, pts: Sample[], p = 50): number | null => {
    const v = pts.map((x) => x.value);
    if (v.length === 0) return fn === 'count' ? 0 : null;
    const sum = v.reduce((a, b) => a + b, 0);
    const byTime = [...pts].sort((a, b) => a.ms - b.ms);
    const first = byTime[0];
    const last = byTime[byTime.length - 1];
    switch (fn) {
      case 'count':
        return v.length;
      case 'sum':
        return sum;
      case 'avg':
        return sum / v.length;
      case 'min':
        return Math.min(...v);
      case 'max':
        return Math.max(...v);
      case 'stdev': {
        const mean = sum / v.length;
        return v.length < 2 ? null : Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
      }
      case 'latest':
        return last?.value ?? null;
      case 'earliest':
        return first?.value ?? null;
      case 'rate':
        return first && last && last.ms > first.ms
          ? (last.value - first.value) / ((last.ms - first.ms) / 1000)
          : null;
      case 'perc': {
        const sorted = [...v].sort((a, b) => a - b);
        return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] ?? null;
      }
    }
  };
  const cmp = (a: unknown[], b: unknown[]): number => {
    for (let i = 0; i < a.length; i++) {
      const x = String(a[i]);
      const y = String(b[i]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  return [...groups.values()]
    .sort((a, b) => cmp(a.key, b.key))
    .map((g) => [
      ...g.key,
      ...q.aggs.map((a) =>
        agg(
          a.fn,
          g.points.filter((s) => a.metric === undefined || s.metric_name === a.metric),
          a.p,
        ),
      ),
    ]);
}

/** Rows equal within a relative float tolerance; non-numbers exactly. */
export function sameRows(actual: readonly unknown[][], expected: readonly unknown[][], what: string): void {
  const close = (a: unknown, b: unknown): boolean => {
    if (typeof a === 'number' && typeof b === 'number')
      return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    if (typeof b === 'number' && typeof a === 'string') return close(Number(a), b);
    if (typeof a === 'number' && Number.isNaN(a)) return b === null;
    return a === b;
  };
  const ok =
    actual.length === expected.length &&
    actual.every((r, i) => r.length === expected[i]?.length && r.every((c, j) => close(c, expected[i]?.[j])));
  if (!ok) {
    throw new Error(
      `${what}: rows differ\nactual:   ${JSON.stringify(actual.slice(0, 8))}…(${actual.length})\nexpected: ${JSON.stringify(expected.slice(0, 8))}…(${expected.length})`,
    );
  }
}

/** The range the shape tests search: both ends off any bucket boundary, so edge buckets are partial. */
export const range = { earliestMs: base + 90_017, latestMs: base + 2 * 3_600_000 - 33_000 };

export interface Shape {
  readonly spl: string;
  readonly where: (s: Sample) => boolean;
  readonly by: readonly string[];
  readonly spanMs?: number;
  readonly aggs: readonly { fn: OracleFn; metric?: string; p?: number }[];
  /** Runs only on the embedded table (no PromQL form with Splunk's numbers). */
  readonly sqlOnly?: boolean;
}

const ci = (a: string | undefined, b: string): boolean =>
  a !== undefined && a.toLowerCase() === b.toLowerCase();
const inMetrics = (s: Sample): boolean => s.index === 'metrics';
const cpu = (s: Sample): boolean => s.metric_name.startsWith('cpu.');

/** mstats shapes: aggregations, BY, span, wildcards, IN, !=, NOT, OR, case-insensitive values. */
export const shapes: readonly Shape[] = [
  {
    spl: 'avg(cpu.usage) WHERE index=metrics span=5m',
    where: inMetrics,
    by: [],
    spanMs: 300_000,
    aggs: [{ fn: 'avg', metric: 'cpu.usage' }],
  },
  {
    spl: 'avg(cpu.usage) WHERE index=metrics BY host span=5m',
    where: inMetrics,
    by: ['host'],
    spanMs: 300_000,
    aggs: [{ fn: 'avg', metric: 'cpu.usage' }],
  },
  {
    spl: 'sum(cpu.usage) count(cpu.usage) WHERE index=metrics BY host, dc span=10m',
    where: inMetrics,
    by: ['host', 'dc'],
    spanMs: 600_000,
    aggs: [
      { fn: 'sum', metric: 'cpu.usage' },
      { fn: 'count', metric: 'cpu.usage' },
    ],
  },
  {
    spl: 'min(cpu.usage) max(cpu.usage) WHERE index=metrics host=web* BY host span=15m',
    where: (s) => inMetrics(s) && (s.labels.host ?? '').toLowerCase().startsWith('web'),
    by: ['host'],
    spanMs: 900_000,
    aggs: [
      { fn: 'min', metric: 'cpu.usage' },
      { fn: 'max', metric: 'cpu.usage' },
    ],
  },
  {
    spl: 'stdev(cpu.usage) WHERE index=metrics BY dc span=30m',
    where: inMetrics,
    by: ['dc'],
    spanMs: 1_800_000,
    aggs: [{ fn: 'stdev', metric: 'cpu.usage' }],
  },
  {
    spl: 'avg(_value) WHERE index=metrics metric_name=cpu.* BY host span=5m',
    where: (s) => inMetrics(s) && cpu(s),
    by: ['host'],
    spanMs: 300_000,
    aggs: [{ fn: 'avg' }],
  },
  {
    spl: 'count(_value) WHERE index=metrics metric_name=cpu.* BY host',
    where: (s) => inMetrics(s) && cpu(s),
    by: ['host'],
    aggs: [{ fn: 'count' }],
  },
  {
    spl: 'sum(mem.used) WHERE index=metrics host IN (web-01, db-1) BY host span=1h',
    where: (s) => inMetrics(s) && (ci(s.labels.host, 'web-01') || ci(s.labels.host, 'db-1')),
    by: ['host'],
    spanMs: 3_600_000,
    aggs: [{ fn: 'sum', metric: 'mem.used' }],
  },
  {
    spl: 'avg(cpu.usage) WHERE index=metrics host!=web-01 BY dc span=5m',
    where: (s) => inMetrics(s) && s.labels.host !== undefined && !ci(s.labels.host, 'web-01'),
    by: ['dc'],
    spanMs: 300_000,
    aggs: [{ fn: 'avg', metric: 'cpu.usage' }],
  },
  {
    spl: 'avg(cpu.usage) WHERE index=metrics NOT host=web-01 span=5m',
    where: (s) => inMetrics(s) && !ci(s.labels.host, 'web-01'),
    by: [],
    spanMs: 300_000,
    aggs: [{ fn: 'avg', metric: 'cpu.usage' }],
  },
  {
    spl: 'max(mem.used) AS peak WHERE index=metrics (host=web-01 OR host=WEB-02) BY host span=20m',
    where: (s) => inMetrics(s) && (ci(s.labels.host, 'web-01') || ci(s.labels.host, 'web-02')),
    by: ['host'],
    spanMs: 1_200_000,
    aggs: [{ fn: 'max', metric: 'mem.used' }],
  },
  {
    spl: 'count(cpu.usage) WHERE index=* BY index span=1m',
    where: () => true,
    by: ['index'],
    spanMs: 60_000,
    aggs: [{ fn: 'count', metric: 'cpu.usage' }],
  },
  {
    spl: 'avg(cpu.usage) max(mem.used) WHERE index=metrics dc=EU span=7m',
    where: (s) => inMetrics(s) && ci(s.labels.dc, 'eu'),
    by: [],
    spanMs: 420_000,
    aggs: [
      { fn: 'avg', metric: 'cpu.usage' },
      { fn: 'max', metric: 'mem.used' },
    ],
  },
  {
    spl: 'sum(cpu.usage) WHERE index=metrics BY host',
    where: inMetrics,
    by: ['host'],
    aggs: [{ fn: 'sum', metric: 'cpu.usage' }],
  },
  {
    spl: 'stdev(_value) WHERE index=metrics metric_name=mem.used BY host span=1h',
    where: (s) => inMetrics(s) && s.metric_name === 'mem.used',
    by: ['host'],
    spanMs: 3_600_000,
    aggs: [{ fn: 'stdev' }],
  },
  {
    spl: 'min(_value) WHERE metric_name=cpu.idle NOT dc=us span=10m',
    where: (s) => s.metric_name === 'cpu.idle' && !ci(s.labels.dc, 'us'),
    by: [],
    spanMs: 600_000,
    aggs: [{ fn: 'min' }],
  },
  {
    spl: 'count(cpu.usage) WHERE index=metrics host=* BY dc span=5m',
    where: (s) => inMetrics(s) && s.labels.host !== undefined,
    by: ['dc'],
    spanMs: 300_000,
    aggs: [{ fn: 'count', metric: 'cpu.usage' }],
  },
  {
    spl: 'max(cpu.usage) count(cpu.usage) WHERE index=metrics',
    where: inMetrics,
    by: [],
    aggs: [
      { fn: 'max', metric: 'cpu.usage' },
      { fn: 'count', metric: 'cpu.usage' },
    ],
  },
  {
    spl: 'perc90(cpu.usage) median(cpu.usage) latest(cpu.usage) earliest(cpu.usage) WHERE index=metrics BY host span=30m',
    where: inMetrics,
    by: ['host'],
    spanMs: 1_800_000,
    aggs: [
      { fn: 'perc', metric: 'cpu.usage', p: 90 },
      { fn: 'perc', metric: 'cpu.usage', p: 50 },
      { fn: 'latest', metric: 'cpu.usage' },
      { fn: 'earliest', metric: 'cpu.usage' },
    ],
    sqlOnly: true,
  },
  {
    spl: 'rate(mem.used) WHERE index=other BY host span=1h',
    where: (s) => s.index === 'other',
    by: ['host'],
    spanMs: 3_600_000,
    aggs: [{ fn: 'rate', metric: 'mem.used' }],
    sqlOnly: true,
  },
];
