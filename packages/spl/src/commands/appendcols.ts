// `appendcols`: appends the columns of a subsearch, row by row.

import { bool, subsearchOptions } from '../analyse/options.ts';
import { appendcolsBody } from '../parser/commands-sources.ts';
import { appendcols as paste } from '../plan/appendcols.ts';
import type { CommandModule } from './types.ts';

export const appendcols: CommandModule<'appendcols'> = {
  name: 'appendcols',
  kind: 'appendcols',
  status: 'partly',
  grammar: { mode: 'args', body: appendcolsBody },
  options: { placement: 'leading', options: { override: bool, ...subsearchOptions } },
  doc: {
    summary: 'Appends the columns of a subsearch, row by row.',
    syntax:
      'appendcols [override=<bool>] [extendtimerange=<bool>] [maxtime=<int>] [maxout=<int>] [timeout=<int>] [ <subsearch> ]',
    example: 'index=main | stats count | appendcols [search index=audit | stats count AS audit]',
    differences: [
      '`extendtimerange=true`, which the appendcols page does not list, does what the append page says: the time range of the commands after `appendcols` (`timechart`, `bin`, `chart`, `addinfo`) widens to hold the subsearch’s; an open end on either side leaves that end open.',
      'A subsearch that returns raw events is supported over raw events (its events’ structured fields are read by name later, for example with `table`); after a command that made the results (`stats`, `table`), end the subsearch with `table`, `fields`, or `stats`.',
    ],
  },
  lower(c, s, ctx) {
    const sub = ctx.planPipeline(c.subsearch.pipeline);
    return sub ? paste(c, s, sub, ctx.errors) : s;
  },
};
