// `pivot`: Splunk's Pivot elements (cells, row and column splits, filters, limits) over a data model dataset.

import { pivotCommand } from '../plan/datamodel-pivot.ts';
import { notFirst } from './unsupported.ts';
import type { CommandModule } from './types.ts';

export const pivot: CommandModule<'generic'> = {
  name: 'pivot',
  kind: 'generic',
  status: 'supported',
  generating: true,
  doc: {
    summary: 'Runs a pivot over a data model dataset: cell values split by rows and columns.',
    syntax:
      '| pivot <model> <dataset> <fn>(<field>) [AS <label>]… [SPLITROW <field> [AS <label>] [RANGE …] [PERIOD <unit>] [TRUELABEL <l>] [FALSELABEL <l>]]… [SPLITCOL <field> […]]… [FILTER <field> <op> <value>]… [LIMIT <field> BY top|bottom|highest|lowest <n> <fn>(<field>)]… [ROWSUMMARY <bool>] [COLSUMMARY <bool>] [SHOWOTHER <bool>] [NUMCOLS <n>] [SORT <n> <field>]',
    example: '| pivot Web Web count(Web) AS "Requests" SPLITROW status',
    differences: [
      '`ROWSUMMARY true` adds a last column `ALL` (`<cell>: ALL` per cell with several cells): the cell’s statistic over all the row’s events (an average of the row, not a sum of averages); without `SPLITCOL` there is nothing to total and it does nothing.',
      '`COLSUMMARY true` adds a last row with each cell’s statistic recomputed over all the events, `ALL` in the first row field (other row fields empty); with `LIMIT`s, over the events the limits keep, and with `SORT <n>`, over the events of the `n` rows kept (the Search Reference does not say; Pivot’s column totals are over the rows shown). Without a `SPLITROW` it adds nothing: the one row already is over all the events.',
      'Several `SPLITCOL`s make one column per combination of their values, named by the values in `SPLITCOL` order joined with `: ` (`cmd.exe: alice`; with several cells `<cell>: cmd.exe: alice`). The Search Reference does not say how Pivot names them; `: ` is the separator chart and timechart use between the parts of a series name. An event missing one of the fields counts in the `NULL` column.',
      '`SPLITCOL` without a `SPLITROW` gives one row of cells (one per column value); with several `SPLITROW`s, one row per combination of their values (an event missing one of them is in no row, as with `stats`).',
      'A `SPLITROW … AS <label>` names the row column only: the cells are computed over the field itself.',
      '`SPLITCOL <field> AS <label>` is a syntax error at the `AS`: the Search Reference gives a column split no label (its columns are named by the field’s values), and Nexus does not ignore one silently.',
      'A split’s `RANGE size=`/`max=` and `PERIOD` are the bins `bin span=`/`bins=` makes (labels such as `0-100`; `PERIOD auto` is bin’s automatic span); `RANGE start=`/`end=` drop the values outside [start, end] (both included), as chart’s bin options do. Without `size=` or `max=` (the page: “You do not need to specify all of the options”, and no default), the bins are bin’s automatic ones: at most 100, the smallest power-of-ten span over the range of the values kept.',
      '`TRUELABEL`/`FALSELABEL` label the values 1, true, t, yes, y and 0, false, f, no, n (any case); other values stay as they are.',
      '`LIMIT <field> BY <type> <n> <stat>(<x>)` is a filter on the field’s values, as a limit is in the Pivot editor (the Search Reference says only that it limits “the number of elements”): the `n` values ranked first by the statistic, computed per value over the events the `FILTER`s keep (ties by the value, ascending), and only the events with one of them. It works on any `SPLITROW` or `SPLITCOL` field (on a `RANGE`/`PERIOD` or labelled split, on its bins or labels) and on a field that is no split. `highest`/`lowest` (the Pivot editor’s words) are `top`/`bottom`.',
      'Several `LIMIT`s each filter their own field, each ranked over the events the `FILTER`s keep, not over those another `LIMIT` keeps, so their order does not matter.',
      'A `LIMIT` on a `SPLITCOL` field drops the columns of the other values (their events are filtered out): no `OTHER` column, unlike `NUMCOLS`/`SHOWOTHER`, which are chart’s `limit`/`useother` on the columns left.',
      'With one `SPLITROW`, no `SPLITCOL` and a `LIMIT` on that field, the rows are shown ranked by the limit’s statistic (ties by the row value); otherwise in the rows’ order.',
      '`SORT <n> <field>` sorts the rows ascending by the field (ties by the row values, as a stable sort of the rows keeps them) and keeps the first `n`.',
    ],
  },
  source: (c, ctx) => pivotCommand(c, ctx),
  lower: (c, s, ctx) => notFirst(c, s, ctx.errors),
};
