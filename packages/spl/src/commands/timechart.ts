// `timechart`: aggregates over time buckets: a time series per split value.

import { chartOptions } from '../analyse/options.ts';
import { timechartBody } from '../parser/commands-stats.ts';
import { timechart as lowerTimechart } from '../plan/timechart.ts';
import type { CommandModule } from './types.ts';

export const timechart: CommandModule<'timechart'> = {
  name: 'timechart',
  kind: 'timechart',
  status: 'partly',
  grammar: { mode: 'args', body: timechartBody },
  options: { placement: 'leading', options: chartOptions },
  doc: {
    summary: 'Aggregates over time buckets: a time series per split value.',
    syntax:
      'timechart [span=<time> | bins=<n> [minspan=<time>]] [start=<time>] [end=<time>] [aligntime=earliest|latest|<time>] [cont=<bool>] [fixedrange=<bool>] [partial=<bool>] [limit=…] [agg=…] [useother=…] [usenull=…] [otherstr=…] [nullstr=…] [sep=…] [format=…] [dedup_splitvals=…] <aggregation>… [BY <field>] [WHERE <statistic> (in|notin) (top|bottom)<N> | WHERE <statistic> (<|>) <number>]',
    example: 'index=main | timechart span=1h count BY host WHERE max in top5',
    differences: [
      'The `WHERE` series filter (and `agg=` with `limit=`) applies its statistic to the buckets where a series has events (Splunk’s page does not say whether empty buckets count): `where count in top5` ranks series by how many buckets they appear in, `where max …` by their highest bucket. Ties keep the first names.',
      '`start=`/`end=` take epoch seconds (Splunk’s `<num>`) or a time modifier such as `-7d@d`; events outside [start, end] are discarded, and the buckets run from the one holding `start` to the one holding `end` (an `end` on a bucket’s start ends before that bucket, which shows only with an event at exactly `end`), beyond the search’s range too and whatever `fixedrange=` says; over all time `start=` gives the automatic span its range. `aligntime=` (`earliest`, `latest` or a time) aligns spans of seconds to hours and is ignored for days and longer (weeks too, which Splunk’s page does not name).',
      'A multivalue split field (made by `eval`, `makemv` or a lookup, or a raw event’s structured field holding a list) counts the event once under each of its values, as Splunk does; a value repeated in one event counts once per repetition unless `dedup_splitvals=true`. Where Splunk’s page is silent, Nexus chooses: with `limit=`, `OTHER` is computed from the (event, value) pairs of the series left out, so an event with values in two such series counts twice there (for `count`, `OTHER` is the sum of those series).',
      '`fixedrange=false` keeps the span chosen from the search’s range and charts the buckets from the first event’s to the last event’s. `partial=false` drops the first bucket when it starts before the range and the last when the range ends inside it (Splunk’s page does not say how it decides).',
      'Over all time with an automatic span, the span follows the data’s range and the empty buckets fill from the first event’s to the last event’s (the step is chosen when the search runs, so they go by their index from the first).',
    ],
  },
  lower: (c, s, ctx) => lowerTimechart(c, s, ctx.text, ctx.range, ctx.options, ctx.errors),
};
