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
      'Wildcard fields in aggregations (`max(*) AS max_*`) expand over the known fields; over raw events, whose field names are known only when the search runs, each structured field the pattern matches gets its statistic as a field of the event (with `count`, `dc`, `sum`, `avg`, `min`, `max`, `range`, `stdev`, `stdevp`, `var`, `varp` or `values`; `min`/`max` of text values are not taken, and a field without numbers gets none; several wildcard aggregations may name the same field, and the first one written wins). A `values` field is a list, shown and read later by name. `allnum=true` with such a wildcard is not supported yet.',
    ],
  },
  lower: (c, s, ctx) => lowerEventstats(c, s, ctx.text, ctx.options, ctx.errors),
};
