// `makecontinuous`: adds the empty buckets missing between the values of a time or numeric x-axis field.

import { number, positive, span as spanOption, str } from '../analyse/options.ts';
import type { TimeRange } from '../analyse/index.ts';
import type { CommandOption } from '../ast.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit, seriesColumn } from '../ir/types.ts';
import { toNumber } from '../plan/coerce.ts';
import { optionText } from '../plan/helpers.ts';
import type { State } from '../plan/index.ts';
import { argsOf, assignable, finish } from '../plan/streaming.ts';
import { allTime, autoSpan, spanSeconds } from '../plan/timechart.ts';
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
  const earliest = range.earliestMs ?? nowMs - 86_400_000;
  const latest = range.latestMs ?? nowMs;
  return autoSpan(Math.max(1, latest - earliest), bins, minspan ? spanSeconds(minspan) : 0);
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
      "Without `span=`, a time field gets automatic bins over the search's time range (not over all time); a numeric field needs `span=`. `aligntime=` is not supported yet; `start=`/`end=` only on a numeric field.",
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
    if (aligntime) {
      ctx.errors.push(
        diagnostic('unsupported', '`makecontinuous aligntime=` is not supported yet', aligntime.span, [
          'give `span=`',
        ]),
      );
      return s;
    }
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
    let rel: Rel;
    if (x.type === 'time') {
      const span =
        spanText === undefined ? automaticSpan(options, ctx.range, ctx.options.nowMs) : parseSpan(spanText);
      if (span === 'all-time') {
        ctx.errors.push(
          diagnostic(
            'unsupported',
            '`makecontinuous` without `span=` over all time is not supported yet',
            c.name.span,
            ['give the bucket size, for example `span=1h`'],
          ),
        );
        return s;
      }
      const timeOnly = options.find((o) => ['start', 'end'].includes(o.key.name.toLowerCase()));
      if (!span || timeOnly) {
        const o = timeOnly ?? spanOpt;
        ctx.errors.push(
          timeOnly
            ? diagnostic(
                'unsupported',
                '`start=`/`end=` on a time field are not supported yet',
                timeOnly.span,
              )
            : diagnostic(
                'semantic',
                `\`span\` must be a time span such as \`1h\`, found \`${spanText}\``,
                o?.value.span ?? at,
              ),
        );
        return s;
      }
      const timeZone = ctx.options.timeZone ?? 'UTC';
      const bucket: Expr = call(
        'time_bucket',
        [x, lit(span.count), lit(span.unit), lit(timeZone)],
        'time',
        at,
      );
      rel = {
        kind: 'fill',
        input: bucketed(bucket),
        column: helper,
        fromMs: null,
        toMs: null,
        count: span.count,
        unit: span.unit,
        timeZone,
      };
      return done(rel, 'time');
    }
    if (spanText === undefined) {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          `\`makecontinuous\` without \`span=\` on the numeric field \`${field}\` is not supported yet`,
          c.name.span,
          ['give the bucket size, for example `span=10`'],
        ),
      );
      return s;
    }
    const step = Number(spanText);
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
    // Each value moves to the start of its bucket; the missing buckets between (or from start to end) follow.
    const floor = (v: number): number => Math.floor(v / step) * step;
    const start = bound('start');
    const end = bound('end');
    const value = call(
      'mul',
      [call('floor', [call('div', [toNumber(x), lit(step)], 'number')], 'number'), lit(step)],
      'number',
      at,
    );
    // "Data outside of the [start, end] range is discarded."
    const n = toNumber(x);
    const outside = [
      ...(start === null ? [] : [call('lt', [n, lit(start)], 'bool')]),
      ...(end === null ? [] : [call('gt', [n, lit(end)], 'bool')]),
    ].map((e) => call('coalesce', [e, lit(false)], 'bool'));
    const kept =
      outside.length === 0
        ? bucketed(value)
        : bucketed(value, {
            kind: 'filter',
            input: s.rel,
            predicate: call('not', [outside.reduce((a, b) => call('or', [a, b], 'bool'))], 'bool'),
          });
    rel = {
      kind: 'fill',
      input: kept,
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
