// Lowers `mstats` to the metric IR: aggregations over metric names, the WHERE as a metric filter, BY, span=.

import type { Aggregation, CommandOption, MstatsCommand, SearchExpr } from '../ast.ts';
import { assertNever } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { MetricAggFn, MetricAggregate, MetricField, MetricFilter, MetricStats } from '../ir/metrics.ts';
import { metricFieldName } from '../ir/metrics.ts';
export { metricColumns } from '../ir/metrics.ts';
import { parseSpan } from '../time.ts';
import { fieldPatternRegExp, patternReplacement } from './scope.ts';

/** Fixed-length span units; calendar units (months …) have no fixed length and are refused. */
const unitMs: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Splunk's mstats functions we compile, by the names people write. */
const functions: Readonly<Record<string, MetricAggFn>> = {
  count: 'count',
  c: 'count',
  sum: 'sum',
  avg: 'avg',
  mean: 'avg',
  min: 'min',
  max: 'max',
  stdev: 'stdev',
  latest: 'latest',
  earliest: 'earliest',
  rate: 'rate',
  rate_avg: 'rate_avg',
  rate_sum: 'rate_sum',
};

/** `perc95`, `p99.9`, `exactperc50` → the percentile. */
function percentile(name: string): number | undefined {
  if (name === 'median') return 50;
  const m = /^(?:perc|p|exactperc)(\d+(?:\.\d+)?)$/.exec(name);
  const p = m ? Number(m[1]) : NaN;
  return p >= 0 && p <= 100 ? p : undefined;
}

/** Fields the tenant or the store owns: never a filter or a group from the query text. */
const reserved = new Set(['org_id', '__name__']);

function reservedField(name: string, at: Span, errors: Diagnostic[]): boolean {
  if (!reserved.has(name)) return false;
  errors.push(
    diagnostic(
      'semantic',
      name === 'org_id'
        ? '`org_id` is the tenant, taken from who is signed in: a search cannot filter or group by it'
        : '`__name__` is the store’s name for `metric_name`: write `metric_name`',
      at,
    ),
  );
  return true;
}

function fieldOf(name: string): MetricField {
  if (name === 'metric_name') return { kind: 'metric-name' };
  if (name === 'index') return { kind: 'metric-index' };
  return { kind: 'metric-dim', name };
}

/** The WHERE as a metric filter; unsupported parts become diagnostics (and `m-true`). */
export function lowerWhere(e: SearchExpr, errors: Diagnostic[]): MetricFilter {
  const match = (field: string, op: 'eq' | 'ne', pattern: string, span: Span): MetricFilter => {
    const f = fieldOf(field);
    // Metric names are case-sensitive; dimension and index values match as a search does, ignoring case.
    return { kind: 'm-match', field: f, op, pattern, caseless: f.kind !== 'metric-name', span };
  };
  switch (e.kind) {
    case 'search-compare': {
      if (reservedField(e.field.name, e.field.span, errors)) return { kind: 'm-true' };
      if (e.op !== '=' && e.op !== '!=') {
        errors.push(
          diagnostic(
            'unsupported',
            `mstats WHERE compares dimensions with = and != only, not \`${e.op}\``,
            e.span,
          ),
        );
        return { kind: 'm-true' };
      }
      if (e.field.name === '_value') {
        errors.push(diagnostic('unsupported', 'mstats WHERE cannot filter on `_value`', e.field.span));
        return { kind: 'm-true' };
      }
      return match(e.field.name, e.op === '=' ? 'eq' : 'ne', e.value.text, e.span);
    }
    case 'search-in': {
      if (reservedField(e.field.name, e.field.span, errors)) return { kind: 'm-true' };
      const operands = e.values.map((v) => match(e.field.name, 'eq', v.text, v.span));
      return operands.length === 1 && operands[0] ? operands[0] : { kind: 'm-or', operands, span: e.span };
    }
    case 'search-and':
    case 'search-or':
      return {
        kind: e.kind === 'search-and' ? 'm-and' : 'm-or',
        operands: e.operands.map((o) => lowerWhere(o, errors)),
        span: e.span,
      };
    case 'search-not':
      return { kind: 'm-not', operand: lowerWhere(e.operand, errors), span: e.span };
    case 'search-group':
      return lowerWhere(e.inner, errors);
    case 'search-time':
      // earliest=/latest= set the range (analysis resolved them); under OR/NOT they were reported there.
      return { kind: 'm-true' };
    case 'search-term':
      errors.push(
        diagnostic(
          'semantic',
          `metrics have no raw text to match \`${e.value.text}\` against: write \`field=value\``,
          e.span,
          ['mstats WHERE filters on `index`, `metric_name` and dimensions'],
        ),
      );
      return { kind: 'm-true' };
    case 'search-subsearch':
      errors.push(diagnostic('unsupported', 'subsearches in mstats WHERE are not supported', e.span));
      return { kind: 'm-true' };
    default:
      return assertNever(e, 'search expression');
  }
}

function lowerAggregation(a: Aggregation, errors: Diagnostic[]): MetricAggregate | undefined {
  const name = a.fn.name.toLowerCase();
  const p = percentile(name);
  const fn = functions[name] ?? (p === undefined ? undefined : 'perc');
  if (!fn) {
    errors.push(
      diagnostic('unsupported', `\`${a.fn.name}\` is not an mstats function Nexus compiles`, a.fn.span, [
        'supported: count, sum, avg, min, max, stdev, latest, earliest, rate, rate_avg, rate_sum, median, perc<N>',
      ]),
    );
    return undefined;
  }
  if (!a.arg || a.arg.kind !== 'agg-field') {
    errors.push(
      diagnostic(
        'semantic',
        `mstats needs a metric name in \`${a.fn.name}(…)\`, such as \`${a.fn.name}(cpu.usage)\``,
        a.span,
        ['or `_value` with `WHERE metric_name=…`'],
      ),
    );
    return undefined;
  }
  const metric = a.arg.field.pattern;
  if (metric.includes('*')) return wildcardAggregation(a, fn, metric, a.arg.span, errors);
  return {
    name: a.alias?.name ?? `${a.fn.name}(${metric})`,
    fn,
    ...(metric === '_value' ? {} : { metric }),
    ...(fn === 'perc' && p !== undefined ? { param: p } : {}),
    span: a.span,
  };
}

/** Functions a wildcard metric name takes: those aggregated per metric name by one SQL function each. */
const perMetric: ReadonlySet<MetricAggFn> = new Set(['count', 'sum', 'avg', 'min', 'max', 'stdev']);

/**
 * `avg(tcp.*) [AS <pattern>]`: Splunk makes one column per metric name the pattern matches, named by the AS
 * pattern (its `*` the metric's match) or `avg(<metric>)`; the names are known only when the search runs,
 * so the columns are the series map's (as after `timechart … BY`).
 */
function wildcardAggregation(
  a: Aggregation,
  fn: MetricAggFn,
  metric: string,
  at: Span,
  errors: Diagnostic[],
): MetricAggregate | undefined {
  if (!perMetric.has(fn)) {
    errors.push(
      diagnostic(
        'unsupported',
        `a wildcard metric name is supported with count, sum, avg, min, max and stdev, not \`${a.fn.name}\``,
        a.fn.span,
      ),
    );
    return undefined;
  }
  const stars = (p: string): number => p.split('*').length - 1;
  const alias = a.alias?.name;
  if (alias !== undefined && stars(alias) !== stars(metric)) {
    errors.push(
      diagnostic('semantic', `the AS name needs as many \`*\` as \`${metric}\``, a.alias?.span ?? at),
    );
    return undefined;
  }
  const re = fieldPatternRegExp(metric).source;
  const to = alias === undefined ? `${a.fn.name.replace(/\\/g, '\\\\')}(\\0)` : patternReplacement(alias);
  return { name: alias ?? `${a.fn.name}(${metric})`, fn, metric, wildcard: { re, to }, span: a.span };
}

function spanOption(o: CommandOption, errors: Diagnostic[]): number | undefined {
  const s = parseSpan(o.value.text);
  const ms = s ? unitMs[s.unit] : undefined;
  if (!s || ms === undefined) {
    errors.push(
      diagnostic(
        'semantic',
        `\`span=${o.value.text}\` is not a fixed time span such as \`30s\`, \`5m\`, \`1h\`, \`1d\``,
        o.span,
      ),
    );
    return undefined;
  }
  return s.count * ms;
}

/**
 * Without BY, a trailing `span=1m` is read as part of the WHERE search (`WHERE index=m span=1m`); Splunk
 * takes it as the span. Returns the WHERE without it and the span as an option.
 */
function spanInWhere(where: SearchExpr): { where: SearchExpr; span?: CommandOption } {
  const isSpan = (e: SearchExpr): e is Extract<SearchExpr, { kind: 'search-compare' }> =>
    e.kind === 'search-compare' && e.op === '=' && e.field.name.toLowerCase() === 'span' && !e.field.quoted;
  const asOption = (e: Extract<SearchExpr, { kind: 'search-compare' }>): CommandOption => ({
    kind: 'option',
    key: e.field,
    value: { kind: 'option-value', text: e.value.text, quoted: e.value.quoted, span: e.value.span },
    span: e.span,
  });
  if (where.kind !== 'search-and') return { where };
  const last = where.operands[where.operands.length - 1];
  if (!last || !isSpan(last)) return { where };
  const rest = where.operands.slice(0, -1);
  const first = rest[0];
  return {
    where: rest.length === 1 && first ? first : { ...where, operands: rest },
    span: asOption(last),
  };
}

export interface MstatsPlanOptions {
  readonly orgId: string;
  readonly indexes?: readonly string[];
  readonly earliestMs: number | null;
  readonly latestMs: number | null;
}

/**
 * `mstats avg(cpu.usage) WHERE index=m host=web* BY host span=1m` → a `metric-stats` relation with the
 * tenant from `options` (never from the text).
 */
export function mstats(
  c: MstatsCommand,
  options: MstatsPlanOptions,
  errors: Diagnostic[],
): MetricStats | undefined {
  const before = errors.length;
  let spanMs: number | undefined;
  const split = spanInWhere(c.where);
  for (const o of split.span ? [...c.options, split.span] : c.options) {
    const key = o.key.name.toLowerCase();
    if (key === 'span') spanMs = spanOption(o, errors);
    else if (key === 'prestats' && /^(true|t|1)$/i.test(o.value.text)) {
      errors.push(
        diagnostic(
          'unsupported',
          '`prestats=true` is not supported: Nexus returns finished statistics only',
          o.span,
          ['remove `prestats=true` and chart the results directly'],
        ),
      );
    } else if (key !== 'prestats') {
      errors.push(diagnostic('unsupported', `the mstats option \`${o.key.name}=\` is not supported`, o.span));
    }
  }
  const aggregates = c.aggregations.map((a) => lowerAggregation(a, errors)).filter((a) => a !== undefined);
  const named = aggregates.filter((a) => a.metric !== undefined);
  if (named.length > 0 && named.length < aggregates.length) {
    const at = aggregates.find((a) => a.metric === undefined)?.span ?? c.span;
    errors.push(
      diagnostic(
        'semantic',
        'mstats cannot mix `_value` with named metrics in one search (Splunk refuses it too)',
        at,
      ),
    );
  }
  const names = new Set<string>();
  const by = c.by
    .filter((b) => !reservedField(b.name, b.span, errors))
    .map((b) => ({ field: fieldOf(b.name), name: b.name, span: b.span }));
  for (const b of [...by, ...aggregates]) {
    if (b.name.startsWith('__')) {
      errors.push(
        diagnostic(
          'semantic',
          `names starting with \`__\` are reserved for the metrics store: \`${b.name}\``,
          b.span,
        ),
      );
    }
  }
  for (const b of by) {
    if (b.name === '_time')
      errors.push(diagnostic('semantic', 'group by time with `span=`, not `BY _time`', b.span));
    names.add(metricFieldName(b.field));
  }
  for (const a of aggregates) {
    if (a.wildcard) continue;
    if (names.has(a.name) || a.name === '_time') {
      errors.push(diagnostic('semantic', `two result columns would be named \`${a.name}\``, a.span));
    }
    names.add(a.name);
  }
  const filter = lowerWhere(split.where, errors);
  if (errors.length > before) return undefined;
  return {
    kind: 'metric-stats',
    orgId: options.orgId,
    ...(options.indexes ? { indexes: options.indexes } : {}),
    earliestMs: options.earliestMs,
    latestMs: options.latestMs,
    filter,
    aggregates,
    by,
    ...(spanMs === undefined ? {} : { spanMs }),
    span: c.span,
  };
}
