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
    syntax: 'appendcols [override=<bool>] [ <subsearch> ]',
    example: 'index=main | stats count | appendcols [search index=audit | stats count AS audit]',
    differences: [
      '`extendtimerange=true` is not supported yet.',
      'A subsearch that returns raw events is supported over raw events (its events’ structured fields are read by name later, for example with `table`); after a command that made the results (`stats`, `table`), end the subsearch with `table`, `fields`, or `stats`.',
    ],
  },
  lower(c, s, ctx) {
    const sub = ctx.planPipeline(c.subsearch.pipeline);
    return sub ? paste(c, s, sub, ctx.errors) : s;
  },
};
