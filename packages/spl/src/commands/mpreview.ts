// `mpreview` (`msearch`): a preview of the tenant's raw metric samples, the newest of each time series.

import { int, str } from '../analyse/options.ts';
import type { CommandOption } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { MetricFilter } from '../ir/metrics.ts';
import { metricColumns } from '../ir/metrics.ts';
import { parse } from '../parser/index.ts';
import { onlyOptions } from '../plan/helpers.ts';
import { lowerWhere } from '../plan/mstats.ts';
import { Scope } from '../plan/scope.ts';
import type { CommandModule } from './types.ts';

/** Splunk's default `target_per_timeseries`. */
const defaultPerSeries = 5;

/** `filter="<metric search>"` as a metric filter; its problems are reported at the option. */
function filterOf(o: CommandOption, errors: Diagnostic[]): MetricFilter | undefined {
  const inner: Diagnostic[] = [];
  const parsed = parse(o.value.text);
  inner.push(...parsed.errors);
  const [first, ...rest] = parsed.ast?.commands ?? [];
  let filter: MetricFilter | undefined;
  if (first?.kind === 'search' && rest.length === 0)
    filter = first.expr ? lowerWhere(first.expr, inner) : { kind: 'm-true' };
  else if (inner.length === 0) inner.push(diagnostic('semantic', 'expected search terms', o.span));
  for (const d of inner) errors.push(diagnostic(d.code, `in \`filter=\`: ${d.message}`, o.span, d.hints));
  return inner.length > 0 ? undefined : filter;
}

export const mpreview: CommandModule<'generic'> = {
  name: 'mpreview',
  kind: 'generic',
  aliases: ['msearch'],
  status: 'partly',
  generating: true,
  options: {
    placement: 'anywhere',
    options: {
      filter: str,
      index: str,
      target_per_timeseries: int,
      chunk_size: int,
      splunk_server: str,
      splunk_server_group: str,
      earliest: str,
      latest: str,
    },
  },
  doc: {
    summary:
      "A preview of the tenant's raw metric samples: the newest of each time series (5 by default), each as JSON in `_raw`.",
    syntax: '| mpreview [filter="<metric search>"] [index=<index>]… [target_per_timeseries=<int>]',
    example: '| mpreview index=metrics filter="metric_name=cpu.* host=web01" target_per_timeseries=2',
    differences: [
      '`target_per_timeseries` counts the newest samples of each time series over the whole time range (Splunk: per index file).',
      '`earliest=`/`latest=` options are not supported (the time range applies); not with VictoriaMetrics (METRICS_URL).',
    ],
  },
  source(c, ctx) {
    const options = onlyOptions(c, 'filter="metric_name=cpu.*"', ctx.errors);
    const before = ctx.errors.length;
    const parts: MetricFilter[] = [];
    const indexes: MetricFilter[] = [];
    let perSeries = defaultPerSeries;
    for (const o of options) {
      const key = o.key.name.toLowerCase();
      if (key === 'filter') {
        const f = filterOf(o, ctx.errors);
        if (f && f.kind !== 'm-true') parts.push(f);
      } else if (key === 'index') {
        indexes.push({
          kind: 'm-match',
          field: { kind: 'metric-index' },
          op: 'eq',
          pattern: o.value.text,
          caseless: true,
          span: o.span,
        });
      } else if (key === 'target_per_timeseries') {
        // 0 is Splunk's "every sample".
        perSeries = Number(o.value.text);
      } else if (key === 'earliest' || key === 'latest') {
        ctx.errors.push(
          diagnostic(
            'unsupported',
            `\`mpreview ${key}=\` is not supported yet: set the search's time range`,
            o.span,
          ),
        );
      }
    }
    if (ctx.errors.length > before) return undefined;
    if (indexes.length > 0)
      parts.push(
        indexes.length === 1 && indexes[0] ? indexes[0] : { kind: 'm-or', operands: indexes, span: c.span },
      );
    const filter: MetricFilter =
      parts.length === 0
        ? { kind: 'm-true' }
        : parts.length === 1 && parts[0]
          ? parts[0]
          : { kind: 'm-and', operands: parts, span: c.span };
    const { options: plan, range } = ctx;
    const rel = {
      kind: 'metric-stats' as const,
      orgId: plan.orgId,
      ...(plan.indexes ? { indexes: plan.indexes } : {}),
      earliestMs: range.earliestMs,
      latestMs: range.latestMs,
      filter,
      aggregates: [],
      by: [],
      points: perSeries > 0 ? perSeries : Number.MAX_SAFE_INTEGER,
      span: c.span,
    };
    return { rel, scope: Scope.closed(metricColumns(rel)) };
  },
};
