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
    syntax: 'addtotals [row=<bool>] [col=<bool>] [fieldname=<field>] [<field>…]',
    example: 'index=main | stats count BY host | addtotals',
    differences: ['`col=true` (a totals row) is not supported yet.'],
  },
  lower: (c, s, ctx) => totals(c, s, ctx.errors),
};
