// The IR of `mstats`: statistics over the samples of a tenant's metrics, read by both metric backends.

import type { Span } from '../diagnostics.ts';
import { seriesColumn } from './types.ts';

/** Where a metric filter looks: the metric's name, its index, or one of its dimensions (labels). */
export type MetricField =
  | { readonly kind: 'metric-name' }
  | { readonly kind: 'metric-index' }
  | { readonly kind: 'metric-dim'; readonly name: string };

/**
 * A search-language predicate over samples, two-valued. `pattern` keeps Splunk's `*` wildcards;
 * `caseless` matches as a search does (dimension and index values ignore case; metric names do not).
 * `ne` is Splunk's `f!=v`: the field must exist and differ.
 */
export type MetricFilter =
  | { readonly kind: 'm-true' }
  | {
      readonly kind: 'm-match';
      readonly field: MetricField;
      readonly op: 'eq' | 'ne';
      readonly pattern: string;
      readonly caseless: boolean;
      readonly span: Span;
    }
  | { readonly kind: 'm-and'; readonly operands: readonly MetricFilter[]; readonly span: Span }
  | { readonly kind: 'm-or'; readonly operands: readonly MetricFilter[]; readonly span: Span }
  | { readonly kind: 'm-not'; readonly operand: MetricFilter; readonly span: Span };

export type MetricAggFn =
  | 'count'
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'stdev'
  | 'latest'
  | 'earliest'
  | 'rate'
  // the average and the sum of the rates of each time series (metric name and dimensions) in the group
  | 'rate_avg'
  | 'rate_sum'
  | 'perc';

/** One aggregation: `avg(cpu.usage)` reads the samples named `cpu.usage`; `metric` absent is `_value`. */
export interface MetricAggregate {
  /** The output column: Splunk's `avg(cpu.usage)`, or the AS alias. */
  readonly name: string;
  readonly fn: MetricAggFn;
  readonly metric?: string;
  /** perc's percentile (median = 50). */
  readonly param?: number;
  /**
   * `avg(tcp.*) AS tcp_*`: `metric` is a pattern, and each metric name the regular expression `re` matches is
   * aggregated apart, into the series map (`_series`) under the name `replaceRegexpOne` writes with `to`
   * (one column per matching metric once the search has run); `name` is then the AS text.
   */
  readonly wildcard?: { readonly re: string; readonly to: string };
  readonly span: Span;
}

/** `mstats`: the tenant's samples in `[earliestMs, latestMs)`, filtered, bucketed by `spanMs`, grouped by `by`. */
export interface MetricStats {
  readonly kind: 'metric-stats';
  readonly orgId: string;
  readonly indexes?: readonly string[];
  readonly earliestMs: number | null;
  readonly latestMs: number | null;
  readonly filter: MetricFilter;
  readonly aggregates: readonly MetricAggregate[];
  /** Dimensions (or `index`, `metric_name`), in output order; rows lacking one are dropped, as Splunk's BY does. */
  readonly by: readonly { readonly field: MetricField; readonly name: string; readonly span: Span }[];
  /** Epoch-aligned buckets `[t, t+spanMs)` labelled `t` in `_time`; absent: one row per group. */
  readonly spanMs?: number;
  /**
   * `mpreview`: the samples themselves rather than statistics, the newest `points` of each time series
   * (metric name, index and dimensions); `aggregates`, `by` and `spanMs` are then empty.
   */
  readonly points?: number;
  readonly span: Span;
}

/** The column name a metric field has in results. */
export function metricFieldName(f: MetricField): string {
  switch (f.kind) {
    case 'metric-name':
      return 'metric_name';
    case 'metric-index':
      return 'index';
    case 'metric-dim':
      return f.name;
  }
}

/** The columns of `mpreview`'s samples: the sample as JSON in `_raw`, as Splunk shows it. */
const pointColumns: { name: string; type: 'time' | 'string' | 'number' }[] = [
  { name: '_time', type: 'time' },
  { name: 'index', type: 'string' },
  { name: 'metric_name', type: 'string' },
  { name: '_value', type: 'number' },
  { name: '_raw', type: 'string' },
];

/** The result columns of a metric-stats relation, in order. */
export function metricColumns(m: MetricStats): { name: string; type: 'time' | 'string' | 'number' }[] {
  if (m.points !== undefined) return pointColumns;
  return [
    ...(m.spanMs === undefined ? [] : [{ name: '_time', type: 'time' as const }]),
    ...m.by.map((b) => ({ name: b.name, type: 'string' as const })),
    ...m.aggregates.flatMap((a) => (a.wildcard ? [] : [{ name: a.name, type: 'number' as const }])),
    // The wildcard aggregations' series (metric names known only when the search runs): numbers.
    ...(m.aggregates.some((a) => a.wildcard) ? [{ name: seriesColumn, type: 'number' as const }] : []),
  ];
}
