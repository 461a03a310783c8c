// `chart`: aggregates into a table: rows over one field, a column per value of another.

import { chartOptions } from '../analyse/options.ts';
import { chartBody } from '../parser/commands-stats.ts';
import { chart as lowerChart } from '../plan/stats.ts';
import type { CommandModule } from './types.ts';

export const chart: CommandModule<'chart'> = {
  name: 'chart',
  kind: 'chart',
  status: 'partly',
  grammar: { mode: 'args', body: chartBody },
  options: { placement: 'leading', options: chartOptions },
  doc: {
    summary: 'Aggregates into a table: rows over one field, a column per value of another.',
    syntax:
      'chart [limit=…] [agg=…] [sep=…] [format=…] <aggregation> [OVER <field> [<bin-options>]] [BY <field> [<bin-options>]] [WHERE <statistic> (in|notin) (top|bottom)<N> | WHERE <statistic> (<|>) <number>]',
    example: 'index=main | chart count OVER host BY status WHERE max in top5',
    differences: [
      'Multivalue statistics mixed with single values in one split are not supported yet.',
      'Splunk’s `cont=true` (its default: empty bins of a binned row field shown with 0 or blank) is not supported yet: Nexus shows only the bins that have events, as Splunk’s `cont=false` does. Logarithmic spans and bin options written before the split fields are not supported yet; `dedup_splitvals=` only with a single-valued column field (where it changes nothing).',
      'The `WHERE` series filter applies its statistic to the cells where a series has events (Splunk’s page does not say whether empty cells count): `where count in top5` ranks series by how many rows they appear in, `where max …` by their largest cell. Ties keep the first names.',
    ],
  },
  lower: (c, s, ctx) => lowerChart(c, s, ctx.text, ctx.range, ctx.options, ctx.errors),
};
