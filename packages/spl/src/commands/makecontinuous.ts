// `makecontinuous`: adds the empty buckets missing between the values of a time or numeric x-axis field.

import { number, positive, span as spanOption, str } from '../analyse/options.ts';
import type { TimeRange } from '../analyse/index.ts';
import type { CommandOption } from '../ast.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit, seriesColumn } from '../ir/types.ts';
import { toNumber } from '../plan/coerce.ts';
import { optionText, withMinMax } from '../plan/helpers.ts';
import type { State } from '../plan/index.ts';
import { argsOf, assignable, finish } from '../plan/streaming.ts';
import {
  alignOffset,
  allTime,
  autoSpan,
  dataSpanBucket,
  searchBounds,
  spanSeconds,
  timeBucket,
} from '../plan/timechart.ts';
import { powerOfTenSpan } from '../plan/bin.ts';
import { automaticTimeSteps, fillByIndex, withWidth } from '../plan/continuous.ts';
import { parseSpan } from '../time.ts';
import type { TimeUnit } from '../time.ts';
import type { CommandModule } from './types.ts';

/**
 * The span of automatic time bins (Search Reference, makecontinuous: `bins` sets the maximum number of bins,
 * 100 by default as for `bin`): the shortest of Splunk's spans giving at most `bins` buckets over the search's
 * time range, at least `minspan`; `'all-time'` when the range is all time (the data's range would decide).
 */
function automaticSpan(
  options: readonly CommandOption[],
  range: TimeRange,
  nowMs: number,
): { count: number; unit: TimeUnit } | 'all-time' {
  if (allTime(range)) return 'all-time';
  const bins = Number(optionText(options, 'bins') ?? 100);
  const minspanText = optionText(options, 'minspan');
  const minspan = minspanText === undefined ? undefined : parseSpan(minspanText);
  const { earliestMs, latestMs } = searchBounds(range, nowMs);
  return autoSpan(Math.max(1, latestMs - earliestMs), bins, minspan ? spanSeconds(minspan) : 0);
}

export const makecontinuous: CommandModule<'generic'> = {
  name: 'makecontinuous',
  kind: 'generic',
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: {
      span: spanOption,
      bins: positive,
      minspan: spanOption,
      start: number,
      end: number,
      aligntime: str,
    },
  },
  doc: {
    summary:
      'Adds the empty buckets missing between the values of an x-axis field (`_time` by default), in its order.',
    syntax: 'makecontinuous [<field>] [span=<span>] [bins=<int>] [minspan=<span>] [start=<num>] [end=<num>]',
    example: 'index=main | stats count BY _time | makecontinuous _time span=10m',
    differences: [
      "Without `span=`, a time field gets automatic bins over the search's time range (over all time: the data's range), a numeric field bins of a power of 10, as `bin` makes them. `aligntime=` aligns time bins as in `bin` (spans of seconds to hours; over all time with an automatic span it is not supported yet); a logarithmic `span=` is not supported yet; `start=`/`end=` only on a numeric field.",
    ],
  },
  lower(c, s, ctx) {
    const args = argsOf(c, ctx.errors);
    const words = args.flatMap((a) => (a.kind === 'word' ? [a.word] : []));
    const options = args.flatMap((a) => (a.kind === 'option' ? [a.option] : []));
    const extra = words[1] ?? args.find((a) => a.kind === 'group');
    if (extra) {
      const at = 'span' in extra ? extra.span : c.name.span;
      ctx.errors.push(diagnostic('syntax', '`makecontinuous` takes one field', at));
      return s;
    }
    const field = words[0]?.text ?? '_time';
    const at = words[0]?.span ?? c.name.span;
    const aligntime = options.find((o) => o.key.name.toLowerCase() === 'aligntime');
    const spanText = optionText(options, 'span');
    if (s.scope.raw || !s.scope.has(field) || !assignable(field, at, ctx.errors)) {
      ctx.errors.push(
        diagnostic('semantic', `\`makecontinuous\` needs \`${field}\` as a field of the results`, at, [
          'run it after `stats`, `chart` or `timechart` that makes the field',
        ]),
      );
      return s;
    }
    const x = s.scope.resolve(field, at);
    const spanOpt = options.find((o) => o.key.name.toLowerCase() === 'span');
    const bound = (k: 'start' | 'end'): number | null => {
      const v = optionText(options, k);
      return v === undefined ? null : Number(v);
    };
    // The bucket goes into a helper column (ordering by the field's own name would read the input's
    // column); the other fields become nullable, so an added bucket leaves them empty, not 0.
    const helper = '__mc_x';
    const bucketed = (bucket: Expr, from: Rel = s.rel): Rel =>
      s.scope.columns
        .filter((x) => x.name !== field && x.name !== seriesColumn && x.type !== 'mv')
        .reduce<Rel>(
          (input, x) => ({
            kind: 'compute',
            input,
            name: x.name,
            expr: call(
              'if',
              [lit(true), s.scope.resolve(x.name), lit(null)],
              x.type === 'null' ? 'any' : x.type,
            ),
          }),
          { kind: 'compute', input: from, name: helper, expr: bucket },
        );
    const done = (filled: Rel, type: 'time' | 'number'): State => {
      const scope = s.scope.with(field, type);
      return finish({ kind: 'compute', input: filled, name: field, expr: col(helper, type) }, scope, s.scope);
    };
    const timeZone = ctx.options.timeZone ?? 'UTC';
    const bins = Number(optionText(options, 'bins') ?? 100);
    if (aligntime && x.type !== 'time') {
      ctx.errors.push(
        diagnostic('semantic', `\`aligntime=\` aligns time bins; \`${field}\` is not a time`, aligntime.span),
      );
      return s;
    }
    if (x.type === 'time') {
      const timeOnly = options.find((o) => ['start', 'end'].includes(o.key.name.toLowerCase()));
      if (timeOnly) {
        ctx.errors.push(
          diagnostic('unsupported', '`start=`/`end=` on a time field are not supported yet', timeOnly.span),
        );
        return s;
      }
      const span =
        spanText === undefined ? automaticSpan(options, ctx.range, ctx.options.nowMs) : parseSpan(spanText);
      if (span === 'all-time') {
        if (aligntime) {
          ctx.errors.push(
            diagnostic(
              'unsupported',
              '`aligntime=` over all time with an automatic span is not supported yet',
              aligntime.span,
              ['give a `span=`'],
            ),
          );
          return s;
        }
        // All time: the span follows the data's range, as bin's automatic bins do (timechart.ts).
        const minspanText = optionText(options, 'minspan');
        const minspan = minspanText === undefined ? undefined : parseSpan(minspanText);
        const data = dataSpanBucket(s.rel, x, bins, minspan ? spanSeconds(minspan) : 0, timeZone, at);
        const steps = automaticTimeSteps(data.needed, timeZone);
        const withStep = withWidth(data.rel, steps.width);
        const filled = fillByIndex({
          rel: bucketed(data.bucket, withStep.rel),
          column: helper,
          value: toNumber(col(helper, 'time')),
          valueAt: steps.valueAt,
        });
        return done(filled, 'time');
      }
      if (!span) {
        ctx.errors.push(
          diagnostic(
            'semantic',
            `\`span\` must be a time span such as \`1h\`, found \`${spanText}\``,
            spanOpt?.value.span ?? at,
          ),
        );
        return s;
      }
      // aligntime=: buckets that start at that time plus whole spans (as `bin` and `timechart` align them).
      const offsetMs = aligntime
        ? alignOffset(
            aligntime,
            span,
            searchBounds(ctx.range, ctx.options.nowMs),
            ctx.options,
            false,
            ctx.errors,
          )
        : 0;
      if (offsetMs === undefined) return s;
      const rel: Rel = {
        kind: 'fill',
        input: bucketed(timeBucket(x, span, timeZone, offsetMs, at)),
        column: helper,
        fromMs: null,
        toMs: null,
        count: span.count,
        unit: span.unit,
        timeZone,
        ...(offsetMs > 0 ? { offsetMs } : {}),
      };
      return done(rel, 'time');
    }
    const start = bound('start');
    const end = bound('end');
    const n = toNumber(x);
    // "Data outside of the [start, end] range is discarded."
    const outside = [
      ...(start === null ? [] : [call('lt', [n, lit(start)], 'bool')]),
      ...(end === null ? [] : [call('gt', [n, lit(end)], 'bool')]),
    ].map((e) => call('coalesce', [e, lit(false)], 'bool'));
    const kept: Rel =
      outside.length === 0
        ? s.rel
        : {
            kind: 'filter',
            input: s.rel,
            predicate: call('not', [outside.reduce((a, b) => call('or', [a, b], 'bool'))], 'bool'),
          };
    let step: number;
    if (spanText !== undefined) {
      step = Number(spanText);
      if (!Number.isFinite(step) || step <= 0) {
        ctx.errors.push(
          diagnostic(
            'semantic',
            `\`span\` on the numeric field \`${field}\` must be a number > 0, found \`${spanText}\``,
            spanOpt?.value.span ?? at,
          ),
        );
        return s;
      }
    } else if (start !== null && end !== null) {
      // Automatic bins over [start, end]: as bin's, the smallest power of 10 giving at most `bins` bins.
      step = end > start ? 10 ** Math.ceil(Math.log10((end - start) / bins)) : 1;
    } else {
      // Automatic bins over the data's range (from start= or to end= when given): the span is known only
      // when the search runs, so the empty buckets are filled by their index (plan/continuous.ts).
      const lo = col('__mc_lo', 'number');
      const hi = col('__mc_hi', 'number');
      const ranged = withMinMax(kept, n, lo.name, hi.name);
      const range = call('sub', [end === null ? hi : lit(end), start === null ? lo : lit(start)], 'number');
      const withStep = withWidth(ranged, powerOfTenSpan(range, bins));
      const floorTo = (v: Expr): Expr =>
        call(
          'mul',
          [call('floor', [call('div', [v, withStep.width], 'number')], 'number'), withStep.width],
          'number',
        );
      const anchor = start ?? end;
      const filled = fillByIndex({
        rel: bucketed(floorTo(n), withStep.rel),
        column: helper,
        value: col(helper, 'number'),
        ...(anchor === null ? {} : { base: floorTo(lit(anchor)) }),
        fromZero: start !== null,
        toZero: start === null && end !== null,
        valueAt: (first) => first,
      });
      return done(filled, 'number');
    }
    // Each value moves to the start of its bucket; the missing buckets between (or from start to end) follow.
    const floor = (v: number): number => Math.floor(v / step) * step;
    const value = call(
      'mul',
      [call('floor', [call('div', [n, lit(step)], 'number')], 'number'), lit(step)],
      'number',
      at,
    );
    const rel: Rel = {
      kind: 'fill',
      input: bucketed(value, kept),
      column: helper,
      fromMs: start === null ? null : floor(start),
      toMs: end === null ? null : floor(end) + step,
      count: step,
      unit: 'number',
      timeZone: 'UTC',
    };
    return done(rel, 'number');
  },
};
