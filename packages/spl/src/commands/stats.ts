// `stats`: aggregates the results, one row per group.

import { bool, positive, str } from '../analyse/options.ts';
import { statsBody } from '../parser/stats.ts';
import { stats as lowerStats } from '../plan/stats.ts';
import type { CommandModule } from './types.ts';

export const stats: CommandModule<'stats'> = {
  name: 'stats',
  kind: 'stats',
  status: 'partly',
  grammar: { mode: 'args', body: statsBody },
  options: {
    placement: 'leading',
    options: { allnum: bool, delim: str, partitions: positive, dedup_splitvals: bool },
  },
  doc: {
    summary: 'Aggregates the results, one row per group.',
    syntax: 'stats [allnum=<bool>] (<aggregation> | sparkline[(<aggregation>[, <span>])])… [BY <field>…]',
    example: 'index=main | stats count, avg(bytes) BY host',
    differences: [
      '`partitions=` (how Splunk spreads its reduce over threads) changes nothing here; ClickHouse parallelises on its own. `delim=` is not supported yet. A multivalue BY field counts the event once under each of its values (`dedup_splitvals=true`: a value repeated in one event once); a raw event’s structured field holding a list is one value so far.',
      '`sparkline(<agg>[, <span>])` (also in `chart`) gives Splunk’s multivalue `##__SPARKLINE__##, v1, v2, …`, one value per bucket of the search’s time range; Nexus draws no chart in the cell (Grafana shows the list). Where Splunk’s page is silent, Nexus chooses: without a span, the span is timechart’s for 100 buckets over the range (an hour: 1 minute, a day: 30 minutes); an empty bucket is 0 for `count`/`dc` and empty for the other statistics; over all time the buckets run from the first event’s to the last event’s and a span must be given (past 10,000 buckets the list is cut there); at most 10,000 buckets.',
      'Wildcard fields in aggregations (`values(*) AS *`) expand over the known fields. Over raw events, whose structured field names only the data knows, and over series (after `timechart … by`, `chart … by`, `xyseries`), wildcard aggregations with `count`, `dc`, `sum`, `avg`, `min`, `max`, `range`, `stdev`, `stdevp`, `var`, `varp`, `mode`, `median`, the percentiles (`perc<N>`, `exactperc<N>`, `upperperc<N>`, all nearest rank), `values` or `list` give one column per matching structured field (the columns come in the order the fields first appear in the results, each group in name order). `min`/`max` take the least/greatest number; where a field has no number Splunk compares its texts, which Nexus does when the series holds text or lists (`mode`, `values` or `list` among them), while a series of numbers leaves such a field without a value. Several such aggregations in one `stats` may name the same column, and the first one written wins. They share one series map, of one value type: numbers; text when `mode` is among them; lists when `values` or `list` is among them, where every other statistic (a number, a mode) is a list of one value, shown as the value and read later as its text. After removals, wildcard `rename`s and `spath` without a path they read the fields as they are then (`spath` lists nested fields ten levels deep; deeper values stay JSON text); other functions, or structured fields changed first by `replace`, `fillnull`, `join`, `xmlkv` or `extract`, are not supported yet.',
    ],
  },
  lower: (c, s, ctx) => lowerStats(c, s, ctx.text, ctx.range, ctx.options, ctx.errors),
};
