// `autoregress`: copies the values a field had p results before (or each of a range of p) into each result.

import { str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Rel } from '../ir/types.ts';
import { agg, argsOf, assignable, fieldAs, windowed } from '../plan/streaming.ts';
import type { CommandModule } from './types.ts';

/** The most lags one command may add (each is a window column). */
const maxLags = 100;

export const autoregress: CommandModule<'generic'> = {
  name: 'autoregress',
  kind: 'generic',
  status: 'supported',
  options: { placement: 'anywhere', options: { p: str } },
  doc: {
    summary: 'Copies the values a field had in earlier results into each result (lags, for moving averages).',
    syntax: 'autoregress <field> [AS <newfield>] [p=<int> | p=<int>-<int>]',
    example: 'index=main | timechart span=1h count | autoregress count p=1-3',
    differences: [`At most ${maxLags} lags per command.`],
  },
  lower(c, s, ctx) {
    const words = [];
    let from = 1;
    let to = 1;
    let range = false;
    for (const a of argsOf(c, ctx.errors)) {
      if (a.kind !== 'option') {
        words.push(a);
        continue;
      }
      const o = a.option;
      const m = /^(\d+)(?:-(\d+))?$/.exec(o.value.text);
      const lo = Number(m?.[1]);
      const hi = m?.[2] === undefined ? lo : Number(m[2]);
      if (!m || lo < 1 || hi < lo || hi - lo + 1 > maxLags) {
        ctx.errors.push(
          diagnostic(
            'semantic',
            `\`p\` must be a whole number ≥ 1 or a range such as \`2-5\` (at most ${maxLags} lags), found \`${o.value.text}\``,
            o.value.span,
          ),
        );
        return s;
      }
      [from, to, range] = [lo, hi, m[2] !== undefined];
    }
    const parsed = fieldAs(
      c,
      words,
      ctx.errors,
      'one field, an optional `AS <newfield>` and `p=…`',
      'autoregress count p=2-4',
    );
    if (!parsed) return s;
    const { field, target } = parsed;
    if (target && range) {
      ctx.errors.push(
        diagnostic('semantic', '`AS <newfield>` needs a single `p`, not a range', target.span, [
          `without AS, the fields are named \`${field.text}_p${from}\` … \`${field.text}_p${to}\``,
        ]),
      );
      return s;
    }
    const value = s.scope.resolve(field.text, field.span);
    let rel: Rel = s.rel;
    let scope = s.scope;
    for (let k = from; k <= to; k++) {
      const name = target?.text ?? `${field.text}_p${k}`;
      if (!assignable(name, target?.span ?? field.span, ctx.errors)) return s;
      // The value k results before: none for the first k results, nor where that result lacks the field.
      const a = agg(name, 'max', value);
      rel = windowed(rel, [a], { lag: k });
      scope = scope.with(name, a.type);
    }
    return { rel, scope };
  },
};
