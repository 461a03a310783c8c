// `addtotals`: sums numeric fields per row (and optionally per column).

import { bool, str } from '../analyse/options.ts';
import { addtotalsBody } from '../parser/commands-data.ts';
import { addtotals as totals } from '../plan/rows.ts';
import type { CommandModule } from './types.ts';

export const addtotals: CommandModule<'addtotals'> = {
  name: 'addtotals',
  kind: 'addtotals',
  status: 'partly',
  grammar: { mode: 'args', body: addtotalsBody },
  options: {
    placement: 'anywhere',
    options: { row: bool, col: bool, labelfield: str, label: str, fieldname: str },
  },
  doc: {
    summary: 'Sums numeric fields per row (and optionally per column).',
    syntax:
      'addtotals [row=<bool>] [col=<bool>] [labelfield=<field>] [label=<string>] [fieldname=<field>] [<field>…]',
    example: 'index=main | chart count over host by status | addtotals col=true labelfield=host',
    differences: [
      '`col=true` with a field list adds up the listed fields and the row total (`fieldname`) in the totals row; the other fields stay empty there.',
      'After `chart`, `timechart … by`, `xyseries` or `pivot … SPLITCOL` the totals row adds up each series; list series (`values`, `list`) stay empty.',
    ],
  },
  lower: (c, s, ctx) => totals(c, s, ctx.errors),
};
