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
      'Wildcard fields in aggregations (`values(*) AS *`) expand over the known fields (after `table`, `fields` or a transforming command); over raw events, whose field names only the data holds, they are not supported yet.',
    ],
  },
  lower: (c, s, ctx) => lowerEventstats(c, s, ctx.text, ctx.options, ctx.errors),
};
