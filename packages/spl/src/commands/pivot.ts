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
      '| pivot <model> <dataset> <fn>(<field>) [AS <label>]… [SPLITROW <field> [AS <label>] [RANGE …] [PERIOD <unit>] [TRUELABEL <l>] [FALSELABEL <l>]]… [SPLITCOL <field> […]]… [FILTER <field> <op> <value>]… [LIMIT <field> BY top|bottom <n> <fn>(<field>)] [ROWSUMMARY <bool>] [COLSUMMARY <bool>] [SHOWOTHER <bool>] [NUMCOLS <n>] [SORT <n> <field>]',
    example: '| pivot Web Web count(Web) AS "Requests" SPLITROW status',
    differences: [
      '`ROWSUMMARY true` adds a last column `ALL` (`<cell>: ALL` per cell with several cells): the cell’s statistic over all the row’s events (an average of the row, not a sum of averages); without `SPLITCOL` there is nothing to total and it does nothing.',
      '`COLSUMMARY true` adds a last row with each cell’s statistic recomputed over all the events, `ALL` in the first row field (other row fields empty); with `LIMIT`, over the events of the rows the limit keeps (Pivot’s limit is a filter; the Search Reference does not say). Without a `SPLITROW` it adds nothing: the one row already is over all the events.',
      'Several `SPLITCOL`s make one column per combination of their values, named by the values in `SPLITCOL` order joined with `: ` (`cmd.exe: alice`; with several cells `<cell>: cmd.exe: alice`). The Search Reference does not say how Pivot names them; `: ` is the separator chart and timechart use between the parts of a series name. An event missing one of the fields counts in the `NULL` column.',
      '`SPLITCOL` without a `SPLITROW` gives one row of cells (one per column value); with several `SPLITROW`s, one row per combination of their values (an event missing one of them is in no row, as with `stats`).',
      'A `SPLITROW … AS <label>` names the row column only: the cells are computed over the field itself.',
      '`SPLITCOL <field> AS <label>` is a syntax error at the `AS`: the Search Reference gives a column split no label (its columns are named by the field’s values), and Nexus does not ignore one silently.',
      'A split’s `RANGE size=`/`max=` and `PERIOD` are the bins `bin span=`/`bins=` makes (labels such as `0-100`; `PERIOD auto` is bin’s automatic span); `RANGE start=`/`end=` drop the values outside [start, end] (both included), as chart’s bin options do, and need `size=` or `max=` beside them.',
      '`TRUELABEL`/`FALSELABEL` label the values 1, true, t, yes, y and 0, false, f, no, n (any case); other values stay as they are.',
      '`LIMIT` is compiled for the field of the one `SPLITROW` only.',
    ],
  },
  source: (c, ctx) => pivotCommand(c, ctx),
  lower: (c, s, ctx) => notFirst(c, s, ctx.errors),
};
