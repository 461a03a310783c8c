// `addcoltotals`: appends a result with the sum of each numeric field.

import { str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import { columnTotals } from '../plan/coltotals.ts';
import { optionText } from '../plan/helpers.ts';
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
      'After `chart`, `timechart … by`, `xyseries` or `pivot … SPLITCOL` each series is added up (the listed ones with a field list); list series (`values`, `list`) stay empty.',
    ],
  },
  lower(c, s, ctx) {
    const patterns = fieldList(c, ctx.errors, true);
    if (!patterns) return s;
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
    if (labelField && !assignable(labelField.value.text, labelField.value.span, ctx.errors)) return s;
    return (
      columnTotals(
        s,
        {
          command: c.name,
          fields: patterns,
          ...(labelField ? { labelField: { name: labelField.value.text, span: labelField.value.span } } : {}),
          label: optionText(options, 'label') ?? 'Total',
          hint: '',
        },
        ctx.errors,
      ) ?? s
    );
  },
};
