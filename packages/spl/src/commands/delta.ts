// `delta`: the difference between a numeric field's value and its value p results before.

import { positive } from '../analyse/options.ts';
import type { Rel } from '../ir/types.ts';
import { call, col } from '../ir/types.ts';
import { toNumber } from '../plan/coerce.ts';
import { optionNumber } from '../plan/helpers.ts';
import { agg, argsOf, assignable, fieldAs, finish, materialize, windowed } from '../plan/streaming.ts';
import type { CommandModule } from './types.ts';

export const delta: CommandModule<'generic'> = {
  name: 'delta',
  kind: 'generic',
  status: 'supported',
  options: { placement: 'anywhere', options: { p: positive } },
  doc: {
    summary: 'The difference between a numeric field’s value and its value `p` results before.',
    syntax: 'delta <field> [AS <newfield>] [p=<int>]',
    example: 'index=main | timechart span=1h count | delta count AS change',
    differences: [
      'The results before are those where the field is a number: a result without it neither gets a difference nor counts as one of the `p` results.',
    ],
  },
  lower(c, s, ctx) {
    const words = [];
    let p = 1;
    for (const a of argsOf(c, ctx.errors)) {
      if (a.kind === 'option') {
        // The analyser reports other options and values that are not whole numbers ≥ 1.
        if (a.option.key.name.toLowerCase() === 'p') p = optionNumber(a.option, ctx.errors, 1) ?? p;
      } else words.push(a);
    }
    const parsed = fieldAs(
      c,
      words,
      ctx.errors,
      'one field, an optional `AS <newfield>` and `p=<int>`',
      'delta count AS change p=2',
    );
    if (!parsed) return s;
    const { field, target } = parsed;
    const name = target?.text ?? `delta(${field.text})`;
    if (!assignable(name, target?.span ?? field.span, ctx.errors)) return s;
    const value = s.scope.resolve(field.text, field.span);
    // The number is computed once, below the window: its sort then carries it rather than the field.
    const { rel: input, value: n } = materialize(s.rel, '__delta_n', toNumber(value));
    // The value p results before, among the results where the field is a number (their own partition).
    const prev = '__delta_prev';
    const rel = windowed(input, [agg(prev, 'max', n, 'number')], { lag: p }, [call('isnull', [n], 'bool')]);
    const expr = call('sub', [n, col(prev, 'number')], 'number', c.span);
    const out: Rel = { kind: 'compute', input: rel, name, expr };
    return finish(out, s.scope.with(name, 'number'), s.scope);
  },
};
