// `filldown`: a missing value becomes the field's last value in an earlier result.

import type { Aggregate, Rel } from '../ir/types.ts';
import { col } from '../ir/types.ts';
import { namedFields } from '../plan/helpers.ts';
import { withPositions } from '../plan/streamstats.ts';
import { fieldList, assignable, finish, windowed } from '../plan/streaming.ts';
import type { CommandModule } from './types.ts';

export const filldown: CommandModule<'generic'> = {
  name: 'filldown',
  kind: 'generic',
  status: 'partly',
  doc: {
    summary:
      'Replaces a missing value with the field’s last value in an earlier result (in the results’ order).',
    syntax: 'filldown [<wc-field-list>]',
    example: 'index=main | timechart span=1h avg(bytes) AS bytes | filldown bytes',
    differences: [
      'Without a field list (or with wildcards) it fills the fields known at that point: over raw events, list the fields.',
    ],
  },
  lower(c, s, ctx) {
    const patterns = fieldList(c, ctx.errors, false);
    if (!patterns) return s;
    const names = namedFields(
      c.name,
      patterns,
      s,
      ctx.errors,
      'list the fields to fill down, for example `filldown host count`',
    );
    if (!names || names.length === 0) return s;
    for (const p of patterns) if (!assignable(p.pattern, p.span, ctx.errors)) return s;
    // The last non-null value up to each result: the value at the highest position among the non-null ones.
    const { rel: positioned, positions } = withPositions(s.rel);
    const aggregates = names.map((name, i): Aggregate => {
      const arg = s.scope.resolve(name);
      return {
        name: `__fd${i}`,
        fn: 'latest',
        arg,
        time: positions,
        type: arg.type === 'null' ? 'any' : arg.type,
      };
    });
    let rel: Rel = windowed(positioned, aggregates, { size: 0, positions });
    let scope = s.scope;
    aggregates.forEach((a, i) => {
      const name = names[i] as string;
      rel = { kind: 'compute', input: rel, name, expr: col(a.name, a.type) };
      scope = scope.with(name, a.type);
    });
    return finish(rel, scope, s.scope);
  },
};
