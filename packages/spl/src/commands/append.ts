// `append`: appends the results of a subsearch.

import { subsearchOptions } from '../analyse/options.ts';
import { appendBody } from '../parser/commands-sources.ts';
import { append as appendRows } from '../plan/append.ts';
import type { CommandModule } from './types.ts';

export const append: CommandModule<'append'> = {
  name: 'append',
  kind: 'append',
  status: 'supported',
  grammar: { mode: 'args', body: appendBody },
  options: { placement: 'leading', options: subsearchOptions },
  doc: {
    summary: 'Appends the results of a subsearch.',
    syntax: 'append [extendtimerange=<bool>] [maxtime=<int>] [maxout=<int>] [timeout=<int>] [ <subsearch> ]',
    example: 'index=main | stats count | append [search index=audit | stats count]',
    differences: [
      '`extendtimerange=true` widens the time range of the commands after `append` (`timechart`, `bin`, `chart` and `addinfo` read it) to hold the subsearch’s; an open end on either side leaves that end open.',
    ],
  },
  lower(c, s, ctx) {
    const sub = ctx.planPipeline(c.subsearch.pipeline);
    return sub ? appendRows(c, s, sub, ctx.errors) : s;
  },
};
