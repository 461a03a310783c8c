// `pivot`: Splunk's Pivot elements (cells, row and column splits, filters, limits) over a data model dataset.

import { pivotCommand } from '../plan/datamodel-pivot.ts';
import { notFirst } from './unsupported.ts';
import type { CommandModule } from './types.ts';

export const pivot: CommandModule<'generic'> = {
  name: 'pivot',
  kind: 'generic',
  status: 'partly',
  generating: true,
  doc: {
    summary: 'Runs a pivot over a data model dataset: cell values split by rows and columns.',
    syntax:
      '| pivot <model> <dataset> <fn>(<field>) [AS <label>]… [SPLITROW <field> [AS <label>]]… [SPLITCOL <field>] [FILTER <field> <op> <value>]… [LIMIT <field> BY top|bottom <n> <fn>(<field>)] [SHOWOTHER <bool>] [NUMCOLS <n>] [SORT <n> <field>]',
    example: '| pivot Web Web count(Web) AS "Requests" SPLITROW status',
    differences: [
      '`ROWSUMMARY`/`COLSUMMARY true`, `RANGE`/`PERIOD`/Boolean label options of splits, more than one `SPLITCOL`, and `SPLITCOL` without exactly one `SPLITROW` are not supported yet.',
      '`LIMIT` is compiled for the field of the one `SPLITROW` only.',
    ],
  },
  source: (c, ctx) => pivotCommand(c, ctx),
  lower: (c, s, ctx) => notFirst(c, s, ctx.errors),
};
