// `timewrap`: wraps a timechart's rows into periods, each period a series over the latest period's times.

import { str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel, ScalarType } from '../ir/types.ts';
import { call, col, lit, seriesColumn } from '../ir/types.ts';
import { toNumber, toStr } from '../plan/coerce.ts';
import { optionText } from '../plan/helpers.ts';
import { Scope } from '../plan/scope.ts';
import { argsOf } from '../plan/streaming.ts';
import { strftimeFormat } from '../strftime.ts';
import { parseSpan } from '../time.ts';
import type { CommandModule } from './types.ts';

/**
 * The units a period may have: a fixed length in seconds, or (months, quarters, years, whose length varies)
 * a number of calendar months.
 */
const unitWords: Partial<Record<string, { word: string; seconds: number; months?: number }>> = {
  s: { word: 'second', seconds: 1 },
  m: { word: 'minute', seconds: 60 },
  h: { word: 'hour', seconds: 3600 },
  d: { word: 'day', seconds: 86_400 },
  w: { word: 'week', seconds: 604_800 },
  mon: { word: 'month', seconds: 0, months: 1 },
  q: { word: 'quarter', seconds: 0, months: 3 },
  y: { word: 'year', seconds: 0, months: 12 },
};

const num = (name: string): Expr => col(name, 'number');

/** The series names of `series=exact` without `time_format=`. */
const EXACT_FORMAT = '%Y-%m-%d %H:%M:%S';

export const timewrap: CommandModule<'generic'> = {
  name: 'timewrap',
  kind: 'generic',
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: {
      align: { type: 'enum', values: ['now', 'end'] },
      series: { type: 'enum', values: ['relative', 'exact', 'short'] },
      time_format: str,
    },
  },
  doc: {
    summary: 'Wraps a timechart into periods (day over day, week over week): each period becomes a series.',
    syntax:
      'timewrap [<int>]<timescale> [align=now|end] [series=relative|exact|short] [time_format=<strftime format>]',
    example: 'index=main | timechart span=1h count | timewrap 1d',
    differences: [
      `\`series=exact\` names each series by the start of its period in \`time_format\` (Splunk’s page gives no default; Nexus uses \`${EXACT_FORMAT}\`), in the request time zone; \`time_format=\` without \`series=\` means \`series=exact\`, and with \`series=relative\` or \`short\` it changes nothing. \`_time\` is returned in epoch seconds.`,
    ],
  },
  lower(c, s, ctx) {
    const args = argsOf(c, ctx.errors);
    const words = args.flatMap((a) => (a.kind === 'word' ? [a.word] : []));
    const options = args.flatMap((a) => (a.kind === 'option' ? [a.option] : []));
    const spanWord = words[0];
    const span = spanWord ? parseSpan(spanWord.text) : undefined;
    const unit = span ? unitWords[span.unit] : undefined;
    if (!spanWord || !span || !unit || words[1]) {
      ctx.errors.push(
        diagnostic(
          'syntax',
          '`timewrap` takes one period, such as `1d` or `1week`',
          words[1]?.span ?? spanWord?.span ?? c.name.span,
        ),
      );
      return s;
    }
    const seriesOption = optionText(options, 'series')?.toLowerCase();
    const timeFormat = options.find((o) => o.key.name.toLowerCase() === 'time_format');
    const exactFormat =
      seriesOption === 'exact' || (seriesOption === undefined && timeFormat)
        ? strftimeFormat(timeFormat?.value.text ?? EXACT_FORMAT)
        : undefined;
    if (exactFormat && !exactFormat.ok) {
      ctx.errors.push(diagnostic('unsupported', exactFormat.message, timeFormat?.value.span ?? c.name.span));
      return s;
    }
    if (s.scope.raw || !s.scope.has('_time')) {
      ctx.errors.push(
        diagnostic('semantic', '`timewrap` wraps the rows of `timechart`, with their `_time`', c.name.span, [
          'for example `timechart span=1h count | timewrap 1d`',
        ]),
      );
      return s;
    }
    const seconds = span.count * unit.seconds;
    const endMs =
      optionText(options, 'align')?.toLowerCase() === 'now'
        ? ctx.options.nowMs
        : (ctx.range.latestMs ?? ctx.options.nowMs);
    const fields = s.scope.columns.filter((x) => x.name !== seriesColumn && !x.name.startsWith('_'));
    const seriesType = s.scope.seriesType;
    // Periods back from the end: the row in [end − span, end) is in period 0.
    const t = toNumber(s.scope.resolve('_time'));
    const months = unit.months === undefined ? undefined : unit.months * span.count;
    const timeZone = ctx.options.timeZone ?? 'UTC';
    const k =
      months === undefined
        ? call(
            'sub',
            [
              call(
                'ceil',
                [call('div', [call('sub', [lit(endMs / 1000), t], 'number'), lit(seconds)], 'number')],
                'number',
              ),
              lit(1),
            ],
            'number',
          )
        : // In calendar months: w whole months from the row stay before the end, so the row is ⌈(w+1)/P⌉−1
          // periods of P months back.
          call(
            'sub',
            [
              call(
                'ceil',
                [
                  call(
                    'div',
                    [
                      call(
                        'add',
                        [call('months_before', [t, lit(endMs / 1000), lit(timeZone)], 'number'), lit(1)],
                        'number',
                      ),
                      lit(months),
                    ],
                    'number',
                  ),
                ],
                'number',
              ),
              lit(1),
            ],
            'number',
          );
    let rel: Rel = { kind: 'compute', input: s.rel, name: '__tw_k', expr: k };
    const shifted =
      months === undefined
        ? call('add', [t, call('mul', [num('__tw_k'), lit(seconds)], 'number')], 'number')
        : call(
            'add_months',
            [t, call('mul', [num('__tw_k'), lit(months)], 'number'), lit(timeZone)],
            'number',
          );
    const back = call('mul', [num('__tw_k'), lit(span.count)], 'number');
    const plural = (n: Expr): Expr =>
      call('if', [call('eq', [n, lit(1)], 'bool'), lit(unit.word), lit(`${unit.word}s`)], 'string');
    const latest = span.count === 1 ? `latest_${unit.word}` : `latest_${span.count}${unit.word}s`;
    const short = seriesOption === 'short';
    // series=exact: the start of the row's period, `__tw_k` periods before the latest one.
    const periodStart =
      months === undefined
        ? call(
            'sub',
            [
              lit(endMs / 1000),
              call('mul', [call('add', [num('__tw_k'), lit(1)], 'number'), lit(seconds)], 'number'),
            ],
            'number',
          )
        : call(
            'add_months',
            [
              lit(endMs / 1000),
              call('mul', [call('add', [num('__tw_k'), lit(1)], 'number'), lit(-months)], 'number'),
              lit(timeZone),
            ],
            'number',
          );
    const period: Expr = exactFormat?.ok
      ? call('strftime', [periodStart, lit(exactFormat.format), lit(timeZone)], 'string')
      : short
        ? call('concat', [lit('s'), toStr(num('__tw_k'))], 'string')
        : call(
            'if',
            [
              call('eq', [num('__tw_k'), lit(0)], 'bool'),
              lit(latest),
              call(
                'concat',
                [call('concat', [toStr(back), plural(back)], 'string'), lit('_before')],
                'string',
              ),
            ],
            'string',
          );
    // The shifted time and the period travel together through the unpivot, as `<time>|<period>`.
    rel = {
      kind: 'compute',
      input: rel,
      name: '__tw_key',
      expr: call('concat', [call('concat', [toStr(shifted), lit('|')], 'string'), period], 'string'),
    };
    const types: ScalarType[] = [...fields.map((x) => x.type), ...(seriesType ? [seriesType] : [])];
    if (types.includes('mv') || types.length === 0) {
      ctx.errors.push(
        diagnostic('unsupported', '`timewrap` needs single-valued statistics to wrap', c.name.span),
      );
      return s;
    }
    const valueType: 'number' | 'any' = types.every((x) => x === 'number') ? 'number' : 'any';
    rel = {
      kind: 'unpivot',
      input: rel,
      key: '__tw_key',
      columns: fields.map((x) => x.name),
      ...(seriesType ? { series: seriesColumn } : {}),
      nameColumn: '__tw_field',
      valueColumn: '__tw_value',
      valueType,
    };
    const parts = call('split', [col('__tw_key', 'string'), lit('|')], 'mv');
    rel = {
      kind: 'compute',
      input: rel,
      name: '_time',
      expr: toNumber(call('mvindex', [parts, lit(0)], 'string')),
    };
    // Everything after the first `|` (a time_format may hold one).
    const name = call('replace', [col('__tw_key', 'string'), lit('^[^|]*\\|'), lit('')], 'string');
    // One statistic: the series are the periods; several: `<field>_<period>`.
    const single = fields.length === 1 && !seriesType;
    rel = {
      kind: 'compute',
      input: rel,
      name: '__tw_label',
      expr: single
        ? name
        : call('concat', [call('concat', [col('__tw_field', 'string'), lit('_')], 'string'), name], 'string'),
    };
    const keys = [{ name: '_time', type: 'number' as const }];
    return {
      rel: {
        kind: 'pivot',
        input: rel,
        keys,
        label: '__tw_label',
        values: [{ name: '__tw_value', zero: false }],
        prefix: false,
        sep: ': ',
        last: [],
        valueType,
        column: seriesColumn,
      },
      scope: Scope.series(keys, valueType),
    };
  },
};
