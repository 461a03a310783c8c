// `eventstats`: adds aggregates to every result, without grouping the results.

import { bool } from '../analyse/options.ts';
import { eventstatsBody } from '../parser/commands-stats.ts';
import { eventstats as lowerEventstats } from '../plan/stats.ts';
import type { CommandModule } from './types.ts';

export const eventstats: CommandModule<'eventstats'> = {
  name: 'eventstats',
  kind: 'eventstats',
  status: 'partly',
  grammar: { mode: 'args', body: eventstatsBody },
  options: { placement: 'leading', options: { allnum: bool } },
  doc: {
    summary: 'Adds aggregates to every result, without grouping the results.',
    syntax: 'eventstats [allnum=<bool>] <aggregation>… [BY <field>…]',
    example: 'index=main | eventstats avg(bytes) AS avg_bytes BY host',
    differences: [
      'Wildcard fields in aggregations (`max(*) AS max_*`) expand over the known fields; over raw events, whose field names are known only when the search runs, each structured field the pattern matches gets its statistic as a field of the event (with `count`, `dc`, `sum`, `avg`, `min`, `max`, `range`, `stdev`, `stdevp`, `var`, `varp`, `mode`, `median`, the percentiles (`perc<N>`, `exactperc<N>`, `upperperc<N>`, all nearest rank), `values` or `list`; `min`/`max` take the least/greatest number, or where a field has no number its least/greatest text, lexicographically, as the stats functions page says; other statistics of a field without numbers give none; several wildcard aggregations may name the same field, and the first one written wins). A `values` or `list` field is a list, shown and read later by name. `allnum=true` with such a wildcard is not supported yet.',
    ],
  },
  lower: (c, s, ctx) => lowerEventstats(c, s, ctx.text, ctx.options, ctx.errors),
};
