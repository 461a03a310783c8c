// `metadata`: the tenant's hosts, sources or sourcetypes, with their first and last event times and counts.

import { str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, ScalarType } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { onlyOptions } from '../plan/helpers.ts';
import { indexEvents, indexOptionsOf } from '../plan/index-metadata.ts';
import { Scope } from '../plan/scope.ts';
import type { CommandModule } from './types.ts';

/** `type=` and the field it lists. */
const fieldOfType: Readonly<Record<string, string>> = {
  hosts: 'host',
  sources: 'source',
  sourcetypes: 'sourcetype',
};

export const metadata: CommandModule<'generic'> = {
  name: 'metadata',
  kind: 'generic',
  status: 'partly',
  generating: true,
  options: {
    placement: 'anywhere',
    options: {
      type: { type: 'enum', values: ['hosts', 'sources', 'sourcetypes'] },
      index: str,
      splunk_server: str,
      splunk_server_group: str,
      datatype: { type: 'enum', values: ['event', 'metric'] },
    },
  },
  doc: {
    summary:
      "The tenant's hosts, sources or sourcetypes over the time range: first and last event time, and the number of events.",
    syntax: '| metadata type=<hosts|sources|sourcetypes> [index=<index>]…',
    example: '| metadata type=sourcetypes index=* | table sourcetype totalCount lastTime',
    differences: ['`datatype=metric` is not supported.'],
  },
  source(c, ctx) {
    const options = onlyOptions(c, 'type=hosts', ctx.errors);
    const type = options.find((o) => o.key.name.toLowerCase() === 'type');
    const field = type ? fieldOfType[type.value.text.toLowerCase()] : undefined;
    if (!type || !field) {
      // A bad value is reported by the option check.
      if (!type) {
        ctx.errors.push(
          diagnostic(
            'semantic',
            '`metadata` needs `type=hosts`, `type=sources` or `type=sourcetypes`',
            c.name.span,
          ),
        );
      }
      return undefined;
    }
    const datatype = options.find((o) => o.key.name.toLowerCase() === 'datatype');
    if (datatype?.value.text.toLowerCase() === 'metric') {
      ctx.errors.push(
        diagnostic('unsupported', '`metadata datatype=metric` is not supported yet', datatype.span),
      );
      return undefined;
    }
    const events = indexEvents(indexOptionsOf(options), ctx.range, ctx.options, ctx.errors);
    const time = events.scope.resolve('_time');
    const seconds = (e: Expr): Expr => call('tonumber', [e], 'number');
    const columns: { name: string; type: ScalarType }[] = [
      { name: field, type: 'any' },
      { name: 'firstTime', type: 'number' },
      { name: 'lastTime', type: 'number' },
      { name: 'recentTime', type: 'number' },
      { name: 'totalCount', type: 'number' },
      { name: 'type', type: 'string' },
    ];
    const exprs: Record<string, Expr> = {
      [field]: col(field, 'any'),
      firstTime: seconds(col('firstTime', 'time')),
      lastTime: seconds(col('lastTime', 'time')),
      recentTime: seconds(col('recentTime', 'time')),
      totalCount: col('totalCount', 'number'),
      type: lit(type.value.text.toLowerCase()),
    };
    return {
      rel: {
        kind: 'project',
        input: {
          kind: 'aggregate',
          input: events.rel,
          groups: [{ name: field, expr: events.scope.resolve(field) }],
          aggregates: [
            { name: 'firstTime', fn: 'min', arg: time, type: 'time' },
            { name: 'lastTime', fn: 'max', arg: time, type: 'time' },
            // When the latest event was indexed: the table's own `_indextime` column.
            { name: 'recentTime', fn: 'max', arg: col('_indextime', 'time'), type: 'time' },
            { name: 'totalCount', fn: 'count', type: 'number' },
          ],
        },
        columns: columns.map((x) => ({ name: x.name, expr: exprs[x.name] ?? lit(null) })),
        keepRaw: false,
      },
      scope: Scope.closed(columns),
    };
  },
};
