// `rangemap`: names the numeric range a field's value falls in, in the new field `range`.

import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toMv, toNumber } from '../plan/coerce.ts';
import { genericArgs, noMoreWords, optionOf } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/** `<num>-<num>`, either end negative or decimal (`-5--1`, `0.5-2`). */
const RANGE = /^(-?\d+(?:\.\d+)?)-(-?\d+(?:\.\d+)?)$/;

/**
 * `rangemap field=<f> <name>=<from>-<to>… [default=<name>]`: `range` holds the names of every range the value
 * is in (both ends included; several names when ranges overlap), or the default (`None`) when it is in none
 * or is not a number.
 *
 * @example `rangemap field=count low=0-10 high=11-100` →
 *   `if(empty(arrayConcat(…if(c >= 0 AND c <= 10, 'low', NULL)…)), ['None'], …)` as `range`
 */
export const rangemap: CommandModule<'generic'> = {
  name: 'rangemap',
  kind: 'generic',
  status: 'supported',
  doc: {
    summary: 'Names the range a numeric value falls in (`low=1-10 high=11-100`), in the field `range`.',
    syntax: 'rangemap field=<field> [<name>=<num>-<num>]… [default=<name>]',
    example:
      'index=main | eval n=len(_raw) | rangemap field=n short=0-20 long=21-10000 | stats count BY range',
  },
  lower(c, s, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    noMoreWords('rangemap', words, ctx.errors, 'only `field=`, `default=` and `<name>=<from>-<to>` options');
    const fieldOpt = optionOf(options, 'field');
    if (!fieldOpt) {
      ctx.errors.push(diagnostic('syntax', '`rangemap` needs `field=<field>`', c.name.span));
      return s;
    }
    const value = toNumber(s.scope.resolve(fieldOpt.value.text, fieldOpt.value.span));
    const names: Expr[] = [];
    for (const o of options) {
      const key = o.key.name.toLowerCase();
      if (key === 'field' || key === 'default') continue;
      const m = RANGE.exec(o.value.text);
      const from = Number(m?.[1]);
      const to = Number(m?.[2]);
      if (!m || !(from <= to)) {
        ctx.errors.push(
          diagnostic(
            'semantic',
            m
              ? `the range \`${o.value.text}\` must start at or below its end`
              : `\`${o.key.name}\` must be a numeric range such as \`1-100\`, found \`${o.value.text}\``,
            o.value.span,
          ),
        );
        continue;
      }
      const inside = call(
        'and',
        [call('ge', [value, lit(from)], 'bool'), call('le', [value, lit(to)], 'bool')],
        'bool',
        o.span,
      );
      names.push(toMv(call('if', [inside, lit(o.key.name), lit(null)], 'string', o.span)));
    }
    const fallback = toMv(lit(optionOf(options, 'default')?.value.text ?? 'None'));
    // The names first, then the default where there is none (the list is read once, as a column).
    const matched: Rel =
      names.length > 0
        ? { kind: 'compute', input: s.rel, name: 'range', expr: call('mvappend', names, 'mv', c.span) }
        : { kind: 'compute', input: s.rel, name: 'range', expr: toMv(lit(null)) };
    const list = col('range', 'mv');
    const expr = call('if', [call('isnull', [list], 'bool'), fallback, list], 'mv', c.span);
    return {
      rel: { kind: 'compute', input: matched, name: 'range', expr },
      scope: s.scope.with('range', 'mv'),
    };
  },
};
