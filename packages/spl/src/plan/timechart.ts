// Lowers `timechart`: bucket _time, aggregate (per series with a split-by field), fill empty buckets.

import type { CommandOption, TimechartCommand } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Aggregate, Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toNumber } from './coerce.ts';
import { parseSpan, resolveTime } from '../time.ts';
import type { TimeUnit } from '../time.ts';
import { exprContext, timeOf, truthy, withMinMax } from './helpers.ts';
import type { PlanOptions, State } from './index.ts';
import { Scope } from './scope.ts';
import { lowerAggregation } from './stats.ts';
import type { SeriesOptions } from './pivot.ts';
import { defaultSeriesOptions, seriesOption, splitSeries } from './pivot.ts';
import { seriesFilter } from './series-filter.ts';
import { indexedTimeBuckets } from './continuous.ts';

/** Splunk's spans for automatic bucketing, shortest first. */
export const niceSpans: readonly { count: number; unit: TimeUnit; seconds: number }[] = [
  { count: 1, unit: 's', seconds: 1 },
  { count: 5, unit: 's', seconds: 5 },
  { count: 10, unit: 's', seconds: 10 },
  { count: 30, unit: 's', seconds: 30 },
  { count: 1, unit: 'm', seconds: 60 },
  { count: 5, unit: 'm', seconds: 300 },
  { count: 10, unit: 'm', seconds: 600 },
  { count: 30, unit: 'm', seconds: 1800 },
  { count: 1, unit: 'h', seconds: 3600 },
  { count: 1, unit: 'd', seconds: 86_400 },
  { count: 1, unit: 'mon', seconds: 2_592_000 },
];

/** Seconds in each unit, months as 30 days (the length Splunk's `minspan` thresholds use). */
const unitSeconds: Record<TimeUnit, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
  mon: 2_592_000,
  q: 7_776_000,
  y: 31_536_000,
};

/** The length of a span in seconds, for comparing it with the automatic spans. */
export const spanSeconds = (span: { count: number; unit: TimeUnit }): number =>
  span.count * unitSeconds[span.unit];

/**
 * The span for `bins` buckets over the range: the shortest Splunk span that needs at most `bins`
 * buckets (a day is 30 minutes, a week a day, a year a month) and is at least `minSeconds` (`minspan`).
 */
export function autoSpan(rangeMs: number, bins: number, minSeconds = 0): { count: number; unit: TimeUnit } {
  const needed = Math.max(rangeMs / 1000 / bins, minSeconds);
  const span = niceSpans.find((s) => s.seconds >= needed) ?? niceSpans[niceSpans.length - 1];
  return { count: span?.count ?? 1, unit: span?.unit ?? 'd' };
}

/** `time_bucket(t, n, unit, tz[, offset])`: the start of `t`'s bucket; `offsetMs` > 0 from `aligntime=`. */
export function timeBucket(
  t: Expr,
  span: { count: number; unit: TimeUnit },
  timeZone: string,
  offsetMs = 0,
  at?: Span,
): Expr {
  const offset = offsetMs > 0 ? [lit(offsetMs)] : [];
  return call('time_bucket', [t, lit(span.count), lit(span.unit), lit(timeZone), ...offset], 'time', at);
}

/** The search's range in ms, the last 24 hours where a bound is not given (the service's default). */
export const searchBounds = (
  range: { earliestMs: number | null; latestMs: number | null },
  nowMs: number,
): { earliestMs: number; latestMs: number } => ({
  earliestMs: range.earliestMs ?? nowMs - 86_400_000,
  latestMs: range.latestMs ?? nowMs,
});

/** True for an all-time search (`earliest=0`): automatic spans then follow the data, not 1970 to now. */
export const allTime = (range: { earliestMs: number | null }): boolean =>
  range.earliestMs !== null && range.earliestMs <= 0;

/**
 * Automatic time buckets chosen from the data (an all-time search): the shortest Splunk span that needs
 * at most `bins` buckets from the first to the last `time` of `rel` (at least `minSeconds`), as a column
 * expression over the returned relation, which carries the range in the columns `__span_lo`/`__span_hi`;
 * `needed` is the least span in seconds, which picks the first of `niceSpans` at least that long.
 */
export function dataSpanBucket(
  rel: Rel,
  time: Expr,
  bins: number,
  minSeconds: number,
  timeZone: string,
  span?: Span,
): { rel: Rel; bucket: Expr; needed: Expr; first: Expr } {
  const seconds = toNumber(time);
  const withRange = withMinMax(rel, seconds, '__span_lo', '__span_hi');
  const width = call('sub', [col('__span_hi', 'number'), col('__span_lo', 'number')], 'number');
  const needed = call('greatest', [call('div', [width, lit(bins)], 'number'), lit(minSeconds)], 'number');
  /** The bucket of `t` (a time, or epoch seconds) in the span chosen. */
  const bucketAt = (t: Expr): Expr =>
    call(
      'case',
      niceSpans.flatMap((n, i) => [
        i === niceSpans.length - 1 ? lit(true) : call('le', [needed, lit(n.seconds)], 'bool'),
        timeBucket(t, n, timeZone, 0, span),
      ]),
      'time',
      span,
    );
  // `first`: the first event's bucket, the same in every row (where a fill by index starts).
  return { rel: withRange, bucket: bucketAt(time), needed, first: bucketAt(col('__span_lo', 'number')) };
}

/**
 * `timechart [span=…|bins=…] [cont=t] <agg>…`: one row per time bucket across the whole search range,
 * empty buckets included (count 0, other statistics empty).
 *
 * @example timechart span=1h count, avg(bytes)  // _time, count, avg(bytes) for every hour of the range
 */
export function timechart(
  c: TimechartCommand,
  s: State,
  text: string,
  range: { earliestMs: number | null; latestMs: number | null },
  options: PlanOptions,
  errors: Diagnostic[],
): State {
  const timeZone = options.timeZone ?? 'UTC';
  const read = timechartOptions(c, options, errors);
  if (!read) return s;
  const { span, bins, minSeconds, fixedrange, partial, series, startMs, endMs, cont, ...opts } = read;
  if (c.where) {
    const where = seriesFilter(c.where, c.by, errors);
    if (!where) return s;
    series.where = where;
  }
  if (!timeOf(s.scope, '`timechart`', c.name.span, errors)) return s;
  const searched = searchBounds(range, options.nowMs);
  // start=/end= (bin options: "the minimum and maximum extents"): the chart's range on their side.
  const earliest = startMs ?? searched.earliestMs;
  const latest = endMs ?? searched.latestMs;
  const chosen = span ?? autoSpan(Math.max(1, latest - earliest), bins, minSeconds);
  if (c.aggregations.length === 0) {
    errors.push(diagnostic('syntax', '`timechart` needs an aggregation, such as `count`', c.name.span));
  }
  // "Data outside of the [start, end] range is discarded."
  let input =
    startMs === undefined && endMs === undefined ? s : { rel: within(s, startMs, endMs), scope: s.scope };
  // Over all time, start= gives the range its beginning: the span then follows it, not the data.
  const dataSpan = !span && allTime(range) && startMs === undefined;
  const offsetMs = opts.aligntime
    ? alignOffset(opts.aligntime, chosen, searched, options, dataSpan, errors)
    : 0;
  if (offsetMs === undefined) return s;
  let bucket = timeBucket(s.scope.resolve('_time'), chosen, timeZone, offsetMs, c.span);
  // All time with an automatic span: the span follows the data's range; its empty buckets cannot be
  // filled (the fill's step must be known when the statement is written).
  let indexed: ReturnType<typeof indexedTimeBuckets> | undefined;
  if (dataSpan) {
    if (!partial) {
      // The span is chosen when the search runs: which bucket holds the range's end is not known here.
      errors.push(
        diagnostic(
          'unsupported',
          '`partial=false` over all time with an automatic span is not supported yet',
          c.name.span,
          ['give a `span=`'],
        ),
      );
      return s;
    }
    const data = dataSpanBucket(input.rel, s.scope.resolve('_time'), bins, minSeconds, timeZone, c.span);
    bucket = data.bucket;
    // The step is known only when the search runs: the empty buckets are filled by their index.
    indexed = cont ? indexedTimeBuckets(data.rel, bucket, data.first, data.needed, timeZone) : undefined;
    input = { rel: indexed?.rel ?? data.rel, scope: s.scope };
  }
  const bounded = range.earliestMs === null || range.earliestMs > 0 || startMs !== undefined;
  const fill = {
    column: '_time',
    // All time (earliest=0): the empty buckets start at the first event, as Splunk's do, not in 1970.
    // fixedrange=false: only the buckets from the first event's to the last event's. start=/end= win:
    // the buckets from the one holding start to the one holding end (an end on a bucket's start ends
    // before that bucket: it shows only with an event at exactly end).
    fromMs: startMs ?? (bounded && fixedrange ? earliest : null),
    toMs: endMs ?? (fixedrange ? latest : null),
    count: chosen.count,
    unit: chosen.unit,
    timeZone,
    ...(offsetMs > 0 ? { offsetMs } : {}),
  };
  // partial=false: the first and last buckets go when the range covers them only in part.
  const whole = (out: State): State =>
    partial
      ? out
      : {
          rel: {
            kind: 'filter',
            input: out.rel,
            predicate: wholeBuckets(
              timeBucket(lit(latest / 1000), chosen, timeZone, offsetMs),
              bounded ? earliest : null,
            ),
          },
          scope: out.scope,
        };
  const hidden = indexed?.hidden ?? [];
  const filled = indexed?.fill ?? (cont ? fill : undefined);
  const finish = (out: State): State => whole(indexed ? indexed.finish(out) : out);
  if (c.by) {
    return finish(
      splitSeries({
        s: input,
        command: c.name,
        rows: [
          ...hidden.map((h) => ({ ...h, type: 'number' as const })),
          { name: '_time', expr: bucket, type: 'time' },
        ],
        split: c.by,
        aggregations: c.aggregations,
        bucket,
        series,
        ...(filled ? { fill: filled } : {}),
        text,
        options,
        errors,
      }),
    );
  }
  const ctx = exprContext(s, options, errors);
  const aggregates: Aggregate[] = c.aggregations.flatMap(
    (a) => lowerAggregation(a, ctx, text, errors, bucket) ?? [],
  );
  const grouped = {
    kind: 'aggregate' as const,
    // Grouped by the bucket itself: `latest()` and friends still see each event's own _time.
    input: input.rel,
    groups: [...hidden, { name: '_time', expr: bucket }],
    aggregates,
  };
  const rel = filled ? { kind: 'fill' as const, input: grouped, ...filled } : grouped;
  return finish({
    rel,
    scope: Scope.closed([
      ...hidden.map((h) => ({ name: h.name, type: 'number' as const })),
      { name: '_time', type: 'time' },
      ...aggregates.map((a) => ({ name: a.name, type: a.type })),
    ]),
  });
}

/**
 * True for a bucket (`_time`, its start) wholly inside the range: it starts at or after `earliestMs`, and
 * before `lastStart`, the start of the bucket holding the range's end (which is the end itself when the
 * range ends on a boundary, so that bucket is whole and kept).
 */
function wholeBuckets(lastStart: Expr, earliestMs: number | null): Expr {
  const start = toNumber(col('_time', 'time'));
  const beforeLast = call('lt', [start, toNumber(lastStart)], 'bool');
  return earliestMs === null
    ? beforeLast
    : call('and', [call('ge', [start, lit(earliestMs / 1000)], 'bool'), beforeLast], 'bool');
}

/** The rows of `s` whose `_time` is in [startMs, endMs] (either bound may be absent). */
function within(s: State, startMs: number | undefined, endMs: number | undefined): Rel {
  const t = toNumber(s.scope.resolve('_time'));
  const tests = [
    ...(startMs === undefined ? [] : [call('ge', [t, lit(startMs / 1000)], 'bool')]),
    ...(endMs === undefined ? [] : [call('le', [t, lit(endMs / 1000)], 'bool')]),
  ];
  return { kind: 'filter', input: s.rel, predicate: tests.reduce((a, b) => call('and', [a, b], 'bool')) };
}

/**
 * timechart's options read: the bucketing ones here, the series ones (`limit`, `useother`, …) in `series`;
 * undefined after a diagnostic.
 */
function timechartOptions(
  c: TimechartCommand,
  options: PlanOptions,
  errors: Diagnostic[],
):
  | {
      span?: { count: number; unit: TimeUnit };
      bins: number;
      minSeconds: number;
      cont: boolean;
      fixedrange: boolean;
      partial: boolean;
      aligntime?: CommandOption;
      startMs?: number;
      endMs?: number;
      series: SeriesOptions;
    }
  | undefined {
  let span: { count: number; unit: TimeUnit } | undefined;
  let bins = 100;
  let minSeconds = 0;
  let cont = true;
  let fixedrange = true;
  let partial = true;
  let aligntime: CommandOption | undefined;
  const bounds: { start?: number; end?: number } = {};
  let failed = false;
  const series = defaultSeriesOptions();
  const timeSpan = (o: CommandOption): { count: number; unit: TimeUnit } | undefined => {
    const parsed = parseSpan(o.value.text);
    if (!parsed)
      errors.push(
        diagnostic(
          'semantic',
          `\`${o.key.name}\` must be a time span such as \`1h\`, found \`${o.value.text}\``,
          o.value.span,
        ),
      );
    return parsed;
  };
  for (const o of c.options) {
    const key = o.key.name.toLowerCase();
    if (key === 'span') span = timeSpan(o);
    else if (key === 'bins') {
      const n = Number(o.value.text);
      bins = Number.isFinite(n) && n > 0 ? n : 100;
    } else if (key === 'minspan') {
      // Search Reference, timechart: the automatic span is at least this (an explicit span wins).
      const m = timeSpan(o);
      minSeconds = m ? spanSeconds(m) : 0;
    } else if (key === 'cont') cont = truthy(o.value.text);
    else if (key === 'fixedrange') fixedrange = truthy(o.value.text);
    else if (key === 'partial') partial = truthy(o.value.text);
    else if (key === 'aligntime') aligntime = o;
    else if (key === 'start' || key === 'end') {
      // Search Reference, timechart (bin options): `start=<num>`/`end=<num>`, epoch seconds; a time
      // modifier (`-7d@d`) is read too.
      const t = resolveTime(o.value.text, options.nowMs, options.timeZone ?? 'UTC');
      if (t.ok) bounds[key] = t.epochMs;
      else {
        errors.push(
          diagnostic(
            'semantic',
            `\`${o.key.name}\` must be a time (epoch seconds, or a modifier such as \`-7d@d\`): ${t.message}`,
            o.value.span,
          ),
        );
        failed = true;
      }
    } else if (seriesOption(o, series, errors))
      continue; // only matter with a split-by field
    else errors.push(diagnostic('unsupported', `\`timechart ${o.key.name}=\` is not supported yet`, o.span));
  }
  if (failed) return undefined;
  if (bounds.start !== undefined && bounds.end !== undefined && bounds.end < bounds.start) {
    const at = c.options.find((o) => o.key.name.toLowerCase() === 'end');
    errors.push(diagnostic('semantic', '`end` is before `start`', at?.span ?? c.name.span));
    return undefined;
  }
  return {
    ...(span ? { span } : {}),
    ...(aligntime ? { aligntime } : {}),
    ...(bounds.start === undefined ? {} : { startMs: bounds.start }),
    ...(bounds.end === undefined ? {} : { endMs: bounds.end }),
    bins,
    minSeconds,
    cont,
    fixedrange,
    partial,
    series,
  };
}

/**
 * `aligntime=earliest|latest|<time>`: the offset (ms, 0 ≤ offset < span) of buckets that start at that
 * time plus whole spans. Search Reference, timechart: "Ignored if span is in days, months, or years"
 * (0 then; weeks too, which the page does not name). Undefined after a diagnostic.
 */
export function alignOffset(
  o: CommandOption,
  span: { count: number; unit: TimeUnit },
  range: { earliestMs: number; latestMs: number },
  options: PlanOptions,
  dataSpan: boolean,
  errors: Diagnostic[],
): number | undefined {
  if (span.unit !== 's' && span.unit !== 'm' && span.unit !== 'h') return 0;
  if (dataSpan) {
    errors.push(
      diagnostic(
        'unsupported',
        '`aligntime=` over all time with an automatic span is not supported yet',
        o.span,
        ['give a `span=`'],
      ),
    );
    return undefined;
  }
  const v = o.value.text.toLowerCase();
  let at: number;
  if (v === 'earliest') at = range.earliestMs;
  else if (v === 'latest') at = range.latestMs;
  else {
    const t = resolveTime(o.value.text, options.nowMs, options.timeZone ?? 'UTC');
    if (!t.ok) {
      errors.push(
        diagnostic(
          'semantic',
          `\`aligntime\` must be \`earliest\`, \`latest\` or a time such as \`@d+3h\`: ${t.message}`,
          o.value.span,
        ),
      );
      return undefined;
    }
    at = t.epochMs;
  }
  const stepMs = spanSeconds(span) * 1000;
  return ((at % stepMs) + stepMs) % stepMs;
}
