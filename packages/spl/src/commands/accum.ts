// `accum`: a running total of a numeric field, in result order (newest first for events).

import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toNumber, toStr } from '../plan/coerce.ts';
import { agg, argsOf, assignable, fieldAs, finish, materialize, windowed } from '../plan/streaming.ts';
import type { CommandModule } from './types.ts';

export const accum: CommandModule<'generic'> = {
  name: 'accum',
  kind: 'generic',
  status: 'supported',
  doc: {
    summary: 'A running total of a numeric field, in the results’ order, into the field or a new one.',
    syntax: 'accum <field> [AS <newfield>]',
    example: 'index=main | stats count AS views BY host | accum views AS total',
  },
  lower(c, s, ctx) {
    const parsed = fieldAs(
      c,
      argsOf(c, ctx.errors),
      ctx.errors,
      'one field and an optional `AS <newfield>`',
      'accum bytes AS total_bytes',
    );
    if (!parsed) return s;
    const { field, target } = parsed;
    const name = target?.text ?? field.text;
    if (!assignable(name, target?.span ?? field.span, ctx.errors)) return s;
    const value = s.scope.resolve(field.text, field.span);
    // The number is computed once, below the window: its sort then carries it rather than the field.
    const { rel: input, value: n } = materialize(s.rel, '__accum_n', toNumber(value));
    // Splunk adds up the results where the field is a number; the others are left as they are (and get
    // no new field).
    const sumName = '__accum';
    const rel = windowed(input, [agg(sumName, 'sum', n, 'number')], { size: 0 });
    const sum = col(sumName, 'number');
    const inPlace = name === field.text;
    const kept: Expr = inPlace ? (value.type === 'number' ? value : toStr(value)) : lit(null);
    const type = inPlace && value.type !== 'number' ? 'any' : 'number';
    const total: Expr = type === 'number' ? sum : toStr(sum);
    const expr = call('if', [call('isnull', [n], 'bool'), kept, total], type, c.span);
    const scope = s.scope.with(name, type);
    const out: Rel = { kind: 'compute', input: rel, name, expr };
    return finish(out, scope, s.scope);
  },
};
