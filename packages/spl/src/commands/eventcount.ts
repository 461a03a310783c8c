// `eventcount`: the number of the tenant's events in indexes, whatever the time range.

import { bool, str } from '../analyse/options.ts';
import type { CommandOption } from '../ast.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Rel } from '../ir/types.ts';
import { col, lit } from '../ir/types.ts';
import { onlyOptions, truthy } from '../plan/helpers.ts';
import { indexEvents, indexOptionsOf } from '../plan/index-metadata.ts';
import { Scope } from '../plan/scope.ts';
import type { CommandModule } from './types.ts';

/** The value of `server` (Splunk's search peer): Nexus answers from one store. */
const serverName = 'nexus';

export const eventcount: CommandModule<'generic'> = {
  name: 'eventcount',
  kind: 'generic',
  status: 'partly',
  generating: true,
  options: {
    placement: 'anywhere',
    options: { index: str, summarize: bool, report_size: bool, list_vix: bool, list_federated_remote: bool },
  },
  doc: {
    summary: "The number of the tenant's events in indexes (all of them: the time range does not apply).",
    syntax: '| eventcount [index=<string>]… [summarize=<bool>] [report_size=<bool>]',
    example: '| eventcount summarize=false index=*',
    differences: [
      '`report_size=true` is not supported (ClickHouse stores the tenants together; a tenant has no size of its own).',
      'Only indexes that hold events are listed; `server` is always `nexus`.',
    ],
  },
  source(c, ctx) {
    const options = onlyOptions(c, 'index=<name>', ctx.errors);
    const flag = (key: string): CommandOption | undefined =>
      options.find((o) => o.key.name.toLowerCase() === key);
    const size = flag('report_size');
    if (size && truthy(size.value.text)) {
      ctx.errors.push(
        diagnostic('unsupported', '`eventcount report_size=true` is not supported', size.span, [
          "the events of all tenants share ClickHouse's storage, so one tenant's index has no size of its own",
        ]),
      );
    }
    const summarize = flag('summarize');
    const perIndex = summarize !== undefined && !truthy(summarize.value.text);
    // Splunk: "Specifying a time range has no effect on the results returned by the eventcount command."
    const events = indexEvents(
      indexOptionsOf(options),
      { earliestMs: null, latestMs: null },
      ctx.options,
      ctx.errors,
    );
    const counted: Rel = {
      kind: 'aggregate',
      input: events.rel,
      groups: perIndex ? [{ name: 'index', expr: events.scope.resolve('index') }] : [],
      aggregates: [{ name: 'count', fn: 'count', type: 'number' }],
    };
    if (!perIndex) return { rel: counted, scope: Scope.closed([{ name: 'count', type: 'number' }]) };
    const columns = [
      { name: 'count', type: 'number' as const },
      { name: 'index', type: 'any' as const },
      { name: 'server', type: 'string' as const },
    ];
    return {
      rel: {
        kind: 'project',
        input: { kind: 'compute', input: counted, name: 'server', expr: lit(serverName) },
        columns: columns.map((x) => ({ name: x.name, expr: col(x.name, x.type) })),
        keepRaw: false,
      },
      scope: Scope.closed(columns),
    };
  },
};
