// `chart`: aggregates into a table: rows over one field, a column per value of another.

import { chartOptions } from '../analyse/options.ts';
import { chartBody } from '../parser/commands-stats.ts';
import { chart as lowerChart } from '../plan/chart.ts';
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
      'chart [cont=<bool>] [limit=…] [agg=…] [sep=…] [format=…] [<bin-options>] <aggregation> [OVER <field> [<bin-options>]] [BY <field> [<bin-options>]] [WHERE <statistic> (in|notin) (top|bottom)<N> | WHERE <statistic> (<|>) <number>]',
    example: 'index=main | chart count OVER host BY status WHERE max in top5',
    differences: [
      'Multivalue statistics mixed with single values in one split are not supported yet.',
      '`cont=true` (Splunk’s default) shows the empty bins of a binned row field (the x-axis) between the first and the last bin with events, with 0 for `count`/`dc` and blank for other statistics; with `start=`/`end=` on a number, from the bin holding `start` to the one holding `end` (an `end` on a bin’s low bound ends before that bin). The bins of a number then come in numeric order, values that are not numbers after them in text order; `cont=false` shows only the bins with events, all in text order. The column split’s bins are not filled.',
      'On `_time`, `start=`/`end=` are epoch seconds or a time modifier (`-7d@d`): events outside are discarded, the automatic span is chosen over [start, end], and the buckets run from the one holding `start` to the one holding `end`. Bin options written before the split fields (Splunk’s page places them after a split field) bin the row field; its own options, written after it, win. `bins=` with both `start=` and `end=` on a number takes the smallest power-of-10 span giving at most that many bins over [start, end].',
      'A logarithmic span `[<c>]log[<b>]` (coefficient 1 and base 10 by default) makes the bins [c·b^k, c·b^(k+1)), labelled `lo-hi` like the others; a value ≤ 0 has no such bin and stays as it is (Splunk’s page does not say).',
      'A multivalue split field (made by `eval`, `makemv` or a lookup, or a raw event’s structured field holding a list) counts the event once under each of its values, as Splunk does; a value repeated in one event counts once per repetition unless `dedup_splitvals=true`. Where Splunk’s page is silent, Nexus chooses: with `limit=`, `OTHER` is computed from the (event, value) pairs of the series left out, so an event with values in two such series counts twice there (for `count`, `OTHER` is the sum of those series). A multivalue row (`OVER`) field made by `eval`, `makemv` or a lookup also counts the event under each value; a raw event’s structured field holding a list is not split there yet (it is one value, as in `stats … by`).',
      'The `WHERE` series filter applies its statistic to the cells where a series has events (Splunk’s page does not say whether empty cells count): `where count in top5` ranks series by how many rows they appear in, `where max …` by their largest cell. Ties keep the first names.',
    ],
  },
  lower: (c, s, ctx) => lowerChart(c, s, ctx.text, ctx.range, ctx.options, ctx.errors),
};
