// `sparkline(<agg>[, <span>])` in stats and chart: the statistic per time bucket over the search's range.
//
// Search Reference 9.4, stats ("Sparkline function options"): `sparkline(count(<field>), <span-length>)`
// or `sparkline(<sparkline-func>(<field>), <span-length>)`, the functions c, count, dc, mean, avg, stdev,
// stdevp, var, varp, sum, sumsq, min, max, range; without a span "an appropriate timespan is chosen based on
// the time range of the search"; a bare `sparkline` is `sparkline(count)`. Splunk's value is a multivalue
// field, `##__SPARKLINE__##` and then one value per bucket.
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/stats

import type { Aggregation } from '../ast.ts';
import type { TimeRange } from '../analyse/index.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Aggregate, AggFn, Expr, Rel } from '../ir/types.ts';
import { col, sparklineMaxBuckets } from '../ir/types.ts';
import { toNumber } from './coerce.ts';
import { parseSpan } from '../time.ts';
import type { ExprContext } from './coerce.ts';
import { timeOf, withMinMax } from './helpers.ts';
import { allTime, autoSpan, searchBounds, spanSeconds, timeBucket } from './timechart.ts';

/** The statistics a sparkline draws (Splunk's sparkline-func, `c`/`mean` being `count`/`avg`). */
const drawable: ReadonlySet<AggFn> = new Set<AggFn>([
  'count',
  'count_field',
  'dc',
  'avg',
  'stdev',
  'stdevp',
  'var',
  'varp',
  'sum',
  'sumsq',
  'min',
  'max',
  'range',
]);

/** Automatic spans: the shortest of Splunk's spans giving at most this many buckets, as timechart's. */
const defaultBins = 100;

/**
 * `sparkline`, `sparkline(count, 5m)`, `sparkline(avg(bytes), 1h)` as one aggregate (IR `sparkline`):
 * `inner` lowers the statistic. `range` is the search's; absent outside stats and chart.
 */
export function sparkline(
  a: Aggregation,
  name: string,
  ctx: ExprContext,
  errors: Diagnostic[],
  range: TimeRange | undefined,
  inner: (a: Aggregation) => Aggregate | undefined,
): Aggregate | undefined {
  if (!range) {
    errors.push(diagnostic('semantic', '`sparkline` works only in `stats` and `chart`', a.fn.span));
    return undefined;
  }
  if (a.arg && a.arg.kind !== 'agg-sparkline') {
    errors.push(
      diagnostic(
        'syntax',
        'expected `sparkline(<statistic>[, <span>])`, such as `sparkline(count, 5m)`',
        a.span,
      ),
    );
    return undefined;
  }
  const count: Aggregation = {
    kind: 'aggregation',
    fn: { kind: 'ident', name: 'count', quoted: false, span: a.fn.span },
    span: a.fn.span,
  };
  const statistic = a.arg?.inner ?? count;
  const lowered = inner(statistic);
  if (!lowered) return undefined;
  if (!drawable.has(lowered.fn)) {
    errors.push(
      diagnostic(
        'unsupported',
        `a sparkline of \`${statistic.fn.name}\` is not supported: Splunk's sparklines draw count, dc, avg, stdev, stdevp, var, varp, sum, sumsq, min, max and range`,
        statistic.fn.span,
      ),
    );
    return undefined;
  }
  const time = timeOf(ctx.scope, '`sparkline`', a.fn.span, errors);
  if (!time) return undefined;
  const { earliestMs: fromMs, latestMs: toMs } = searchBounds(range, ctx.nowMs);
  const written = a.arg?.timeSpan;
  // All time: the buckets run from the first event's to the last's; the span must be given, as the
  // buckets' count (100 for an automatic span) is chosen before the data's range is known.
  const data = allTime(range);
  if (data && !written) {
    errors.push(
      diagnostic('unsupported', '`sparkline` over all time without a span is not supported yet', a.span, [
        'give it a span, such as `sparkline(count, 1d)`, or the search a time range',
      ]),
    );
    return undefined;
  }
  const span = written ? parseSpan(written.text) : autoSpan(Math.max(1, toMs - fromMs), defaultBins);
  if (!span) {
    errors.push(
      diagnostic(
        'semantic',
        `a sparkline's span must be a time span such as \`5m\`, found \`${written?.text ?? ''}\``,
        written?.span ?? a.span,
      ),
    );
    return undefined;
  }
  if (!data && (toMs - fromMs) / 1000 / spanSeconds(span) > sparklineMaxBuckets) {
    errors.push(
      diagnostic(
        'semantic',
        `a sparkline span of \`${written?.text ?? ''}\` gives more than ${sparklineMaxBuckets} buckets over the search’s range`,
        written?.span ?? a.span,
        ['use a longer span'],
      ),
    );
    return undefined;
  }
  const bucket = timeBucket(time, span, ctx.timeZone, 0, a.span);
  const bounds = data
    ? { lo: col(dataRange.lo, 'number'), hi: col(dataRange.hi, 'number') }
    : { fromMs, toMs };
  return { name, fn: 'sparkline', parts: [lowered], time: bucket, bounds, type: 'mv' };
}

/** The columns an all-time sparkline reads its range from (`withDataRange`). */
const dataRange = { lo: '__spark_lo', hi: '__spark_hi' };

/**
 * `rel` with the first and last `time` of all its rows (epoch seconds) in every row, when one of
 * `aggregates` is an all-time sparkline, which reads them; `rel` itself otherwise.
 */
export function withDataRange(rel: Rel, aggregates: readonly Aggregate[], time: Expr | undefined): Rel {
  const needed = aggregates.some((a) => a.fn === 'sparkline' && a.bounds && 'lo' in a.bounds);
  if (!needed || !time) return rel;
  return withMinMax(rel, toNumber(time), dataRange.lo, dataRange.hi);
}
