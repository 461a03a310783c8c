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
    syntax: 'timechart [span=<time>] <aggregation>… [BY <field>]',
    example: 'index=main | timechart span=1h count BY host',
    differences: [
      '`timechart … where …` is not supported yet.',
      'Over all time with an automatic span, the span follows the data’s range but the empty buckets between events are not filled.',
    ],
  },
  lower: (c, s, ctx) => lowerTimechart(c, s, ctx.text, ctx.range, ctx.options, ctx.errors),
};
