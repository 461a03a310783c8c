// `reltime`: how long before the search's `now` each event happened, in words (`5 days ago`).

import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { toNumber } from '../plan/coerce.ts';
import type { State } from '../plan/index.ts';
import { genericArgs, noMoreWords, optionOf } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/** Units from the largest, in seconds (a month is 30 days and a year 365, as a rounded age reads). */
const units: readonly (readonly [string, number])[] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** `<n> <unit>[s] ago` (or `in <n> <unit>[s]` for a time after `now`) in the largest whole unit; `now` below a second. */
function inWords(t: Expr, nowSeconds: number, at: { start: number; end: number }): Expr {
  const age = call('sub', [lit(nowSeconds), t], 'number', at);
  const size = call('abs', [age], 'number');
  const phrase = (unit: string, seconds: number): Expr => {
    const n = call('floor', [call('div', [size, lit(seconds)], 'number')], 'number');
    const words = call(
      'concat',
      [
        call('tostring', [n], 'string'),
        call('if', [call('eq', [n, lit(1)], 'bool'), lit(` ${unit}`), lit(` ${unit}s`)], 'string'),
      ],
      'string',
    );
    return call(
      'if',
      [
        call('lt', [age, lit(0)], 'bool'),
        call('concat', [lit('in '), words], 'string'),
        call('concat', [words, lit(' ago')], 'string'),
      ],
      'string',
    );
  };
  let out: Expr = lit('now');
  for (const [unit, seconds] of [...units].reverse()) {
    out = call('if', [call('ge', [size, lit(seconds)], 'bool'), phrase(unit, seconds), out], 'string', at);
  }
  return call('if', [call('isnull', [t], 'bool'), lit(null), out], 'string', at);
}

/**
 * `reltime [timefield=<field>[,<field>…]] [prefix=<string>]`: the field `reltime` (one time field, no prefix),
 * else `<prefix><field>` per time field (`reltime_<field>` without a prefix).
 *
 * @example `reltime` → `if(isNull(_time), NULL, if(abs(now - _time) >= 31536000, … ' years ago' …)) AS reltime`
 */
export const reltime: CommandModule<'generic'> = {
  name: 'reltime',
  kind: 'generic',
  status: 'supported',
  options: { placement: 'anywhere', options: { timefield: { type: 'string' }, prefix: { type: 'string' } } },
  doc: {
    summary: 'Adds `reltime`: how long before the search each event happened, in words (`2 hours ago`).',
    syntax: 'reltime [timefield=<field>[,<field>…]] [prefix=<string>]',
    example: 'index=main | reltime | table _time, reltime',
    differences: [
      'The age is given in the largest whole unit (a month counts 30 days, a year 365); a time after the search reads `in 5 minutes`.',
    ],
  },
  lower(c, s, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    noMoreWords('reltime', words, ctx.errors, 'only `timefield=` and `prefix=`');
    const timefield = optionOf(options, 'timefield');
    const names = (timefield?.value.text ?? '_time').split(',').map((n) => n.trim());
    if (names.some((n) => n === '')) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          '`timefield` needs field names separated by commas',
          timefield?.value.span ?? c.span,
        ),
      );
      return s;
    }
    const prefix = optionOf(options, 'prefix')?.value.text;
    return names.reduce<State>((st, name) => {
      const target =
        prefix === undefined ? (names.length === 1 ? 'reltime' : `reltime_${name}`) : `${prefix}${name}`;
      const t = toNumber(s.scope.resolve(name, timefield?.value.span));
      return {
        rel: {
          kind: 'compute',
          input: st.rel,
          name: target,
          expr: inWords(t, ctx.options.nowMs / 1000, c.span),
        },
        scope: st.scope.with(target, 'string'),
      };
    }, s);
  },
};
