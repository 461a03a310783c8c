// `mstats` (the metric IR) → PromQL/MetricsQL for VictoriaMetrics: one expression per aggregation.

import { assertNever } from '../../ast.ts';
import type { Diagnostic, Span } from '../../diagnostics.ts';
import { diagnostic } from '../../diagnostics.ts';
import type { MetricAggregate, MetricField, MetricFilter, MetricStats } from '../../ir/metrics.ts';
import type { Matcher, PromExpr } from './ast.ts';
import { aggregate, binary, call, labelNameRe, matrix, num, vector } from './ast.ts';
import { escapeRegex, wildcardRegex } from './print.ts';

/** One aggregation's query: the expression for a window of `windowMs` ending (exclusive) at evaluation time. */
export interface PromQuery {
  readonly column: string;
  /** The column's type as the SQL path reports it. */
  readonly type: 'UInt64' | 'Nullable(Float64)';
  readonly expr: (windowMs: number) => PromExpr;
}

export interface PromPlan {
  readonly queries: readonly PromQuery[];
  /** Result labels that become the BY columns, in order, with their column names. */
  readonly by: readonly { readonly label: string; readonly name: string }[];
  readonly spanMs?: number;
}

/** The label a metric field is stored under in VictoriaMetrics. */
function labelOf(f: MetricField): string {
  return f.kind === 'metric-name' ? '__name__' : f.kind === 'metric-index' ? 'index' : f.name;
}

type Match = Extract<MetricFilter, { kind: 'm-match' }>;

function regexOf(m: Match): string {
  // `f=*` only asks that f exists; PromQL reads an absent label as "".
  const body = m.pattern === '*' ? '.+' : wildcardRegex(m.pattern);
  return m.caseless ? `(?i)${body}` : body;
}

/** Matchers for `m` (negated by an enclosing NOT when `not`). Absent labels read as "" in PromQL. */
function matchMatchers(m: Match, not: boolean): Matcher[] {
  const name = labelOf(m.field);
  const exact = !m.caseless && !m.pattern.includes('*');
  const re = regexOf(m);
  if (m.op === 'eq' && !not)
    return [exact ? { name, op: '=', value: m.pattern } : { name, op: '=~', value: re }];
  if (m.op === 'eq' && not)
    return [exact ? { name, op: '!=', value: m.pattern } : { name, op: '!~', value: re }];
  // Splunk's f!=v: f exists and differs.
  if (!not)
    return [
      { name, op: '!=', value: '' },
      exact ? { name, op: '!=', value: m.pattern } : { name, op: '!~', value: re },
    ];
  // NOT f!=v: f is absent, or matches.
  return [{ name, op: '=~', value: `(?:${re})|` }];
}

/**
 * The filter as one list of matchers (a conjunction), or a diagnostic when PromQL selectors cannot say it:
 * an OR (after NOT is pushed down) is accepted only between positive matches of one field, as one regex.
 */
function toMatchers(f: MetricFilter, not: boolean, errors: Diagnostic[]): Matcher[] {
  switch (f.kind) {
    case 'm-true':
      return [];
    case 'm-match':
      return matchMatchers(f, not);
    case 'm-not':
      return toMatchers(f.operand, !not, errors);
    case 'm-and':
    case 'm-or': {
      const conjunction = (f.kind === 'm-and') !== not;
      if (conjunction) return f.operands.flatMap((o) => toMatchers(o, not, errors));
      return disjunction(f.operands, not, f.span, errors);
    }
    default:
      return assertNever(f, 'metric filter');
  }
}

function disjunction(
  operands: readonly MetricFilter[],
  not: boolean,
  at: Span,
  errors: Diagnostic[],
): Matcher[] {
  const flat = operands.flatMap((o) => (o.kind === 'm-or' && !not ? o.operands : [o]));
  const matches = flat.filter((o): o is Match => o.kind === 'm-match' && o.op === 'eq' && !not);
  const first = matches[0];
  if (
    !first ||
    matches.length !== flat.length ||
    matches.some((m) => labelOf(m.field) !== labelOf(first.field))
  ) {
    errors.push(
      diagnostic(
        'unsupported',
        'on VictoriaMetrics an OR may only list values of one field (`host=a OR host=b`)',
        at,
        ['PromQL selectors are a conjunction of label matchers'],
      ),
    );
    return [];
  }
  const body = matches.map((m) => `(?:${m.pattern === '*' ? '.+' : wildcardRegex(m.pattern)})`).join('|');
  return [{ name: labelOf(first.field), op: '=~', value: first.caseless ? `(?i)${body}` : body }];
}

/** Aggregations PromQL cannot compute the way Splunk does, and why. */
const unsupported: Partial<Record<MetricAggregate['fn'], string>> = {
  latest: 'the latest point across series has no PromQL form',
  earliest: 'the earliest point across series has no PromQL form',
  rate: "VictoriaMetrics' rate() starts from the sample before the window, Splunk's from the first sample in it",
  rate_avg:
    "VictoriaMetrics' rate() starts from the sample before the window, Splunk's from the first sample in it",
  rate_sum:
    "VictoriaMetrics' rate() starts from the sample before the window, Splunk's from the first sample in it",
  perc: "PromQL's quantile interpolates; Splunk's perc takes the nearest rank over all points",
};

/**
 * Lowers `mstats` to one PromQL expression per aggregation. Each reads the window `(T - w - 1ms, T - 1ms]`
 * (`[w] offset 1ms`) at evaluation time T, which is `[T - w, T)` for millisecond samples: a bucket
 * `[t, t+span)` labelled t is evaluated at T = t + span, so a sample exactly on a bucket boundary counts
 * in the bucket that starts there, as in Splunk and in the SQL path.
 *
 * `avg` is sum/count over all points (not an average of per-series averages); `stdev` is the sample
 * standard deviation of all points from their count, sum and sum of squares (`sum2_over_time`, MetricsQL).
 */
export function toPromQL(m: MetricStats, errors: Diagnostic[]): PromPlan | undefined {
  const before = errors.length;
  if (m.points !== undefined) {
    errors.push(
      diagnostic(
        'unsupported',
        '`mpreview` is not supported when metrics are in VictoriaMetrics (METRICS_URL)',
        m.span,
        ['it reads the embedded metrics table (METRICS_URL unset); with VictoriaMetrics, use `mstats`'],
      ),
    );
    return undefined;
  }
  const base: Matcher[] = [{ name: 'org_id', op: '=', value: m.orgId }];
  if (m.indexes) {
    base.push({ name: 'index', op: '=~', value: m.indexes.map((i) => `(?:${escapeRegex(i)})`).join('|') });
  }
  const filter = toMatchers(m.filter, false, errors);
  const by = m.by.map((b) => ({ label: labelOf(b.field), name: b.name, span: b.span }));
  for (const b of by) {
    if (b.label === '__name__') {
      // Rollup functions (sum_over_time …) drop the metric name, so it cannot be a group.
      errors.push(diagnostic('unsupported', '`BY metric_name` is not supported with METRICS_URL', b.span));
    } else if (!labelNameRe.test(b.label)) {
      errors.push(diagnostic('unsupported', `\`${b.name}\` is not a label name PromQL can group by`, b.span));
    }
  }
  for (const mt of filter) {
    if (mt.name !== '__name__' && !labelNameRe.test(mt.name)) {
      errors.push(diagnostic('unsupported', `\`${mt.name}\` is not a label name PromQL can match`, m.span));
    }
  }
  // BY drops points that lack a BY field, as Splunk does.
  const present: Matcher[] = by.map((b) => ({ name: b.label, op: '!=', value: '' }));
  const labels = by.map((b) => b.label);
  const queries: PromQuery[] = [];
  for (const a of m.aggregates) {
    if (a.wildcard) {
      errors.push(
        diagnostic(
          'unsupported',
          `\`${a.name}\`: a wildcard metric name is not supported with METRICS_URL`,
          a.span,
          ['it runs on the embedded metrics table (METRICS_URL unset)'],
        ),
      );
      continue;
    }
    const why = unsupported[a.fn];
    if (why) {
      errors.push(
        diagnostic('unsupported', `\`${a.name}\` is not supported with METRICS_URL: ${why}`, a.span, [
          'it runs on the embedded metrics table (METRICS_URL unset)',
        ]),
      );
      continue;
    }
    const name: Matcher[] = a.metric === undefined ? [] : [{ name: '__name__', op: '=', value: a.metric }];
    const matchers = [...name, ...base, ...filter, ...present];
    const over = (fn: string, w: number): PromExpr => call(fn, matrix(vector(matchers, 1), w));
    const total = (op: 'sum' | 'min' | 'max', fn: string, w: number): PromExpr =>
      aggregate(op, labels, over(fn, w));
    const expr = (w: number): PromExpr => {
      switch (a.fn) {
        case 'count':
          return total('sum', 'count_over_time', w);
        case 'sum':
          return total('sum', 'sum_over_time', w);
        case 'min':
          return total('min', 'min_over_time', w);
        case 'max':
          return total('max', 'max_over_time', w);
        case 'avg':
          return binary('/', total('sum', 'sum_over_time', w), total('sum', 'count_over_time', w));
        case 'stdev': {
          const n = total('sum', 'count_over_time', w);
          const s = total('sum', 'sum_over_time', w);
          const ss = total('sum', 'sum2_over_time', w);
          const variance = binary(
            '/',
            binary('-', ss, binary('/', binary('^', s, num(2)), n)),
            binary('-', n, num(1)),
          );
          return call('sqrt', call('clamp_min', variance, num(0)));
        }
        default:
          throw new Error(`no PromQL form for ${a.fn}`);
      }
    };
    queries.push({ column: a.name, type: a.fn === 'count' ? 'UInt64' : 'Nullable(Float64)', expr });
  }
  if (errors.length > before) return undefined;
  return {
    queries,
    by: by.map(({ label, name }) => ({ label, name })),
    ...(m.spanMs === undefined ? {} : { spanMs: m.spanMs }),
  };
}
