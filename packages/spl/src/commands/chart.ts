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
      'Splunk’s `cont=true` (its default: empty bins of a binned row field shown with 0 or blank) is not supported yet: Nexus shows only the bins that have events, as Splunk’s `cont=false` does. Logarithmic spans and bin options written before the split fields are not supported yet.',
      'A multivalue split field (made by `eval`, `makemv` or a lookup, or a raw event’s structured field holding a list) counts the event once under each of its values, as Splunk does; a value repeated in one event counts once per repetition unless `dedup_splitvals=true`. Where Splunk’s page is silent, Nexus chooses: with `limit=`, `OTHER` is computed from the (event, value) pairs of the series left out, so an event with values in two such series counts twice there (for `count`, `OTHER` is the sum of those series). A multivalue row (`OVER`) field made by `eval`, `makemv` or a lookup also counts the event under each value; a raw event’s structured field holding a list is not split there yet (it is one value, as in `stats … by`).',
      'The `WHERE` series filter applies its statistic to the cells where a series has events (Splunk’s page does not say whether empty cells count): `where count in top5` ranks series by how many rows they appear in, `where max …` by their largest cell. Ties keep the first names.',
    ],
  },
  lower: (c, s, ctx) => lowerChart(c, s, ctx.text, ctx.range, ctx.options, ctx.errors),
};
