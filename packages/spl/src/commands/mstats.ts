// `mstats`: aggregates metrics (on VictoriaMetrics when the service has one).

import { bool, int, span, str } from '../analyse/options.ts';
import { mstatsBody } from '../parser/commands-stats.ts';
import { metricColumns, mstats as lowerMstats } from '../plan/mstats.ts';
import { Scope } from '../plan/scope.ts';
import type { CommandModule } from './types.ts';
import { notSupportedYet } from './unsupported.ts';

export const mstats: CommandModule<'mstats'> = {
  name: 'mstats',
  kind: 'mstats',
  status: 'partly',
  generating: true,
  grammar: { mode: 'search', body: mstatsBody },
  options: {
    placement: 'leading',
    options: {
      prestats: bool,
      append: bool,
      backfill: bool,
      update_period: int,
      fillnull_value: str,
      chunk_size: int,
      chart: bool,
      span,
    },
  },
  doc: {
    summary: 'Aggregates metrics (on VictoriaMetrics when the service has one).',
    syntax: '| mstats <aggregation>(<metric>)… WHERE index=<index> [BY <dimension>…] [span=<time>]',
    example: '| mstats avg(cpu.usage) WHERE index=metrics span=1m',
    differences: [
      '`prestats=true` is not supported; only as the first command.',
      'A wildcard metric name (`avg(tcp.*) AS tcp_*`) gives one column per matching metric with count, sum, avg, min, max and stdev, on the embedded metrics table only (not with METRICS_URL); later commands read those columns by name, `join` merges them and `foreach` reaches them.',
    ],
  },
  source(c, ctx) {
    const { options, range } = ctx;
    const scope = { orgId: options.orgId, earliestMs: range.earliestMs, latestMs: range.latestMs };
    const rel = lowerMstats(c, options.indexes ? { ...scope, indexes: options.indexes } : scope, ctx.errors);
    return rel ? { rel, scope: Scope.closed(metricColumns(rel)) } : undefined;
  },
  lower: (c, s, ctx) => notSupportedYet(c, s, ctx.errors),
};
