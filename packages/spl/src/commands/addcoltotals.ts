// `addcoltotals`: appends a result with the sum of each numeric field.

import { str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Aggregate } from '../ir/types.ts';
import { lit } from '../ir/types.ts';
import { concat } from '../plan/append.ts';
import { toNumber } from '../plan/coerce.ts';
import { namedFields, optionText } from '../plan/helpers.ts';
import { withoutSeries } from '../plan/pivot.ts';
import type { State } from '../plan/index.ts';
import { Scope } from '../plan/scope.ts';
import { fieldList, assignable } from '../plan/streaming.ts';
import type { CommandModule } from './types.ts';

export const addcoltotals: CommandModule<'generic'> = {
  name: 'addcoltotals',
  kind: 'generic',
  status: 'partly',
  options: { placement: 'anywhere', options: { labelfield: str, label: str } },
  doc: {
    summary: 'Appends a result with the sum of each numeric field (of the listed fields, or of all).',
    syntax: 'addcoltotals [labelfield=<field>] [label=<string>] [<wc-field-list>]',
    example: 'index=main | stats sum(bytes) AS bytes, count BY host | addcoltotals labelfield=host label=ALL',
    differences: [
      'Over raw events (before `stats`, `table` or `fields`) the fields must be listed by name (no wildcards).',
    ],
  },
  lower(c, s, ctx) {
    const patterns = fieldList(c, ctx.errors, true);
    if (!patterns) return s;
    if (!withoutSeries(c.name, [s], ctx.errors)) return s;
    // Over raw events the listed fields are summed; without a list (or with wildcards) the names of the
    // structured fields are known only when the search runs.
    if (s.scope.raw && (patterns.length === 0 || patterns.some((p) => p.pattern.includes('*')))) {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          '`addcoltotals` over raw events without a list of field names is not supported yet',
          c.name.span,
          ['list the fields, for example `addcoltotals bytes`, or run it after `stats`, `chart` or `table`'],
        ),
      );
      return s;
    }
    const options = c.args.flatMap((a) => (a.kind === 'option' ? [a] : []));
    const labelField = options.find((o) => o.key.name.toLowerCase() === 'labelfield');
    const label = optionText(options, 'label') ?? 'Total';
    if (labelField && !assignable(labelField.value.text, labelField.value.span, ctx.errors)) return s;
    const names = namedFields(c.name, patterns, s, ctx.errors, '') ?? [];
    // The totals: the sum of each field's numeric values (none: left empty); the label in its field.
    const aggregates = names
      .filter((n) => n !== labelField?.value.text)
      .map((name): Aggregate => ({ name, fn: 'sum', arg: toNumber(s.scope.resolve(name)), type: 'number' }));
    let totals: State = {
      rel: { kind: 'aggregate', input: s.rel, groups: [], aggregates },
      scope: Scope.closed(aggregates.map((a) => ({ name: a.name, type: a.type }))),
    };
    if (labelField) {
      const name = labelField.value.text;
      totals = {
        rel: { kind: 'compute', input: totals.rel, name, expr: lit(label) },
        scope: totals.scope.with(name, 'string'),
      };
    }
    return concat(s, totals);
  },
};
