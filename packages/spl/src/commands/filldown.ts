// `filldown`: a missing value becomes the field's last value in an earlier result.

import type { FieldPattern } from '../ast.ts';
import type { Aggregate, Rel } from '../ir/types.ts';
import { col } from '../ir/types.ts';
import { namedFields } from '../plan/helpers.ts';
import { withPositions } from '../plan/streamstats.ts';
import { argsOf, assignable, finish, windowed } from '../plan/streaming.ts';
import { diagnostic } from '../diagnostics.ts';
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
    const patterns: FieldPattern[] = [];
    for (const a of argsOf(c, ctx.errors)) {
      if (a.kind === 'word')
        patterns.push({
          kind: 'field-pattern',
          pattern: a.word.text,
          quoted: a.word.quoted,
          span: a.word.span,
        });
      else {
        const at = a.kind === 'option' ? a.option.span : a.span;
        ctx.errors.push(
          diagnostic('syntax', '`filldown` takes only field names', at, [
            'for example `filldown count score*`',
          ]),
        );
        return s;
      }
    }
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
