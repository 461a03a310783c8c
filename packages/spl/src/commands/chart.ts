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
    syntax: 'chart <aggregation> [OVER <field>] [BY <field>]',
    example: 'index=main | chart count OVER host BY status',
    differences: ['Multivalue statistics mixed with single values in one split are not supported yet.'],
  },
  lower: (c, s, ctx) => lowerChart(c, s, ctx.text, ctx.range, ctx.options, ctx.errors),
};
