// Lowers `timechart`: bucket _time, aggregate (per series with a split-by field), fill empty buckets.

import type { TimechartCommand } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Aggregate } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { parseSpan } from '../time.ts';
import type { TimeUnit } from '../time.ts';
import { exprContext, truthy } from './helpers.ts';
import type { PlanOptions, State } from './index.ts';
import { Scope } from './scope.ts';
import { lowerAggregation } from './stats.ts';
import { defaultSeriesOptions, seriesOption, splitSeries } from './pivot.ts';

/** Splunk's spans for automatic bucketing, shortest first. */
const niceSpans: readonly { count: number; unit: TimeUnit; seconds: number }[] = [
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
  let span: { count: number; unit: TimeUnit } | undefined;
  let bins = 100;
  let cont = true;
  const series = defaultSeriesOptions();
  for (const o of c.options) {
    const key = o.key.name.toLowerCase();
    if (key === 'span') {
      span = parseSpan(o.value.text);
      if (!span)
        errors.push(
          diagnostic(
            'semantic',
            `\`span\` must be a time span such as \`1h\`, found \`${o.value.text}\``,
            o.value.span,
          ),
        );
    } else if (key === 'bins') {
      bins = Number(o.value.text);
    } else if (key === 'cont') {
      cont = truthy(o.value.text);
    } else if (seriesOption(o, series, errors)) {
      // Series options only matter with a split-by field.
      continue;
    } else {
      errors.push(diagnostic('unsupported', `\`timechart ${o.key.name}=\` is not supported yet`, o.span));
    }
  }
  if (c.where) {
    errors.push(diagnostic('unsupported', '`timechart … where …` is not supported yet', c.where.span));
    return s;
  }
  if (!s.scope.has('_time') && !s.scope.raw) {
    errors.push(
      diagnostic(
        'semantic',
        '`timechart` needs `_time`, which is gone at this point of the pipeline',
        c.name.span,
      ),
    );
    return s;
  }
  const earliest = range.earliestMs ?? options.nowMs - 86_400_000;
  const latest = range.latestMs ?? options.nowMs;
  const chosen =
    span ?? autoSpan(Math.max(1, latest - earliest), Number.isFinite(bins) && bins > 0 ? bins : 100);
  if (c.aggregations.length === 0) {
    errors.push(diagnostic('syntax', '`timechart` needs an aggregation, such as `count`', c.name.span));
  }
  const bucket = call(
    'time_bucket',
    [s.scope.resolve('_time'), lit(chosen.count), lit(chosen.unit), lit(timeZone)],
    'time',
    c.span,
  );
  const fill = {
    column: '_time',
    fromMs: earliest,
    toMs: latest,
    count: chosen.count,
    unit: chosen.unit,
    timeZone,
  };
  if (c.by) {
    return splitSeries({
      s,
      command: c.name,
      rows: [{ name: '_time', expr: bucket, type: 'time' }],
      split: c.by,
      aggregations: c.aggregations,
      bucket,
      series,
      ...(cont ? { fill } : {}),
      text,
      options,
      errors,
    });
  }
  const ctx = exprContext(s, options, errors);
  const aggregates: Aggregate[] = c.aggregations.flatMap(
    (a) => lowerAggregation(a, ctx, text, errors, bucket) ?? [],
  );
  const grouped = {
    kind: 'aggregate' as const,
    // Grouped by the bucket itself: `latest()` and friends still see each event's own _time.
    input: s.rel,
    groups: [{ name: '_time', expr: bucket }],
    aggregates,
  };
  const rel = cont ? { kind: 'fill' as const, input: grouped, ...fill } : grouped;
  return {
    rel,
    scope: Scope.closed([
      { name: '_time', type: 'time' },
      ...aggregates.map((a) => ({ name: a.name, type: a.type })),
    ]),
  };
}
