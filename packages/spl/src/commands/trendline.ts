// `trendline`: moving averages of fields (simple, exponential, weighted) over the results' order.

import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Aggregate, Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toNumber } from '../plan/coerce.ts';
import type { State } from '../plan/index.ts';
import type { Arg, Word } from '../plan/streaming.ts';
import { agg, argsOf, assignable, finish, isAs, materialize, windowed } from '../plan/streaming.ts';
import type { CommandModule } from './types.ts';

/** One `<type><period>(<field>) [AS <newfield>]`. */
interface Trend {
  readonly type: 'sma' | 'ema' | 'wma';
  readonly period: number;
  readonly field: Word;
  readonly name: string;
}

/**
 * How many of the latest values an exponential average reads: the weight of older ones, (1 − α)^n with
 * α = 2/(period+1), is below e^-40 (< 10^-17, under a double's precision) past 20 periods.
 */
const emaPeriods = 20;

const usage = '`<sma|ema|wma><period>(<field>) [AS <newfield>]`, such as `sma5(bytes) AS avg_bytes`';

/** The trends of `args`, or undefined after a diagnostic. */
function trendsOf(args: readonly Arg[], errors: Diagnostic[], at: Span): Trend[] | undefined {
  const out: Trend[] = [];
  for (let i = 0; i < args.length;) {
    const head = args[i];
    const group = args[i + 1];
    const spec = head?.kind === 'word' ? /^(sma|ema|wma)(\d+)$/i.exec(head.word.text) : null;
    if (head?.kind !== 'word' || !spec || group?.kind !== 'group' || group.words.length !== 1) {
      const where =
        head?.kind === 'word'
          ? head.word.span
          : head?.kind === 'group'
            ? head.span
            : head?.kind === 'option'
              ? head.option.span
              : at;
      errors.push(
        diagnostic('syntax', `\`trendline\` takes ${usage}`, where, ['the types are `sma`, `ema` and `wma`']),
      );
      return undefined;
    }
    const period = Number(spec[2]);
    if (period < 2 || period > 10_000) {
      errors.push(
        diagnostic(
          'semantic',
          `the period of a trend is a whole number from 2 to 10000, found ${spec[2]}`,
          head.word.span,
        ),
      );
      return undefined;
    }
    const type = (spec[1] ?? 'sma').toLowerCase() as Trend['type'];
    const field = group.words[0] as Word;
    let name = `${type}${period}(${field.text})`;
    i += 2;
    if (isAs(args[i])) {
      const target = args[i + 1];
      if (target?.kind !== 'word') {
        const a = args[i];
        errors.push(
          diagnostic(
            'syntax',
            'expected the name of the new field after `AS`',
            a?.kind === 'word' ? a.word.span : at,
          ),
        );
        return undefined;
      }
      name = target.word.text;
      if (!assignable(name, target.word.span, errors)) return undefined;
      i += 2;
    }
    out.push({ type, period, field, name });
  }
  if (out.length === 0) errors.push(diagnostic('syntax', `\`trendline\` takes at least one ${usage}`, at));
  return out.length === 0 ? undefined : out;
}

/** `t` over `s.rel`: its value, and the relation that computes it (helper columns prefixed by `prefix`). */
function lowerTrend(t: Trend, s: State, input: Rel, prefix: string): { rel: Rel; expr: Expr } {
  const named = (x: string): string => `${prefix}${x}`;
  const m = materialize(input, named('n'), toNumber(s.scope.resolve(t.field.text, t.field.span)));
  let rel = m.rel;
  const n = m.value;
  // The trend runs over the results where the field is a number, in their order (their own partition).
  const partition = [call('isnull', [n], 'bool')];
  const aggregates: Aggregate[] = [agg(named('count'), 'count_field', n, 'number')];
  let value: Expr;
  if (t.type === 'sma') {
    aggregates.push(agg(named('avg'), 'avg', n, 'number'));
    value = col(named('avg'), 'number');
  } else if (t.type === 'ema') {
    value = col(named('ema'), 'number');
  } else {
    // Σ w·x with weights 1 (oldest) … period (newest): Σ pos·x − (pos − period)·Σ x over the frame,
    // where pos is the result's position among those with a number.
    rel = windowed(rel, [agg(named('pos'), 'count_field', n, 'number')], { size: 0 }, partition);
    const pos = col(named('pos'), 'number');
    aggregates.push(
      agg(named('sumpx'), 'sum', call('mul', [pos, n], 'number'), 'number'),
      agg(named('sumx'), 'sum', n, 'number'),
    );
    const weighted = call(
      'sub',
      [
        col(named('sumpx'), 'number'),
        call('mul', [call('sub', [pos, lit(t.period)], 'number'), col(named('sumx'), 'number')], 'number'),
      ],
      'number',
    );
    value = call('div', [weighted, lit((t.period * (t.period + 1)) / 2)], 'number');
  }
  rel = windowed(rel, aggregates, { size: t.period }, partition);
  if (t.type === 'ema') {
    rel = windowed(
      rel,
      [agg(named('ema'), 'ema', n, 'number', 2 / (t.period + 1))],
      { size: t.period * emaPeriods },
      partition,
    );
  }
  // A trend starts once `period` values have been seen.
  const ready = call(
    'and',
    [call('isnotnull', [n], 'bool'), call('ge', [col(named('count'), 'number'), lit(t.period)], 'bool')],
    'bool',
  );
  return { rel, expr: call('if', [ready, value, lit(null)], 'number') };
}

export const trendline: CommandModule<'generic'> = {
  name: 'trendline',
  kind: 'generic',
  status: 'supported',
  doc: {
    summary:
      'Moving averages of fields over the results’ order: simple (`sma`), exponential (`ema`), weighted (`wma`).',
    syntax: 'trendline (<sma|ema|wma><period>(<field>) [AS <newfield>])…',
    example: 'index=main | timechart span=1h count | trendline sma3(count) AS smooth ema5(count)',
    differences: [
      'A trend runs over the results where the field is a number, and starts at the `period`-th of them.',
      '`ema` is α·value + (1 − α)·previous average with α = 2/(period+1), starting at the first value (the page’s formula has α and 1 − α the other way round).',
    ],
  },
  lower(c, s, ctx) {
    const trends = trendsOf(argsOf(c, ctx.errors), ctx.errors, c.name.span);
    if (!trends) return s;
    let rel = s.rel;
    let scope = s.scope;
    trends.forEach((t, i) => {
      const lowered = lowerTrend(t, s, rel, `__tl${i}_`);
      rel = { kind: 'compute', input: lowered.rel, name: t.name, expr: lowered.expr };
      scope = scope.with(t.name, 'number');
    });
    return finish(rel, scope, s.scope);
  },
};
