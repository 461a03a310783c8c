// `dedup`: removes results with the same values of the fields.

import { bool } from '../analyse/options.ts';
import { dedupBody } from '../parser/commands-data.ts';
import { dedup as dedupRows } from '../plan/rows.ts';
import type { CommandModule } from './types.ts';

export const dedup: CommandModule<'dedup'> = {
  name: 'dedup',
  kind: 'dedup',
  status: 'partly',
  grammar: { mode: 'args', body: dedupBody },
  options: { placement: 'anywhere', options: { keepevents: bool, keepempty: bool, consecutive: bool } },
  doc: {
    summary: 'Removes results with the same values of the fields.',
    syntax:
      'dedup [<int>] <field>… [keepevents=<bool>] [keepempty=<bool>] [consecutive=<bool>] [sortby <sort-by-clause>]',
    example: 'index=main | dedup host',
    differences: [
      '`keepevents=true` keeps every event; those after the first N of their combination (in the results’ order) have the fields emptied as if by `eval` (a structured field is still listed among the event’s own fields, as after `eval f=null()`). An event missing one of the fields keeps them. With `consecutive=true`, the events after the first N of each run of events with the same values lose them; an event missing one of the fields takes no part, so it neither counts nor ends a run, as without `keepevents`, where it is dropped before events are compared (the page does not say).',
      '`dedup N consecutive=true` keeps the first N events of each run of consecutive events with the same values (Splunk’s page does not say how N and `consecutive` combine).',
    ],
  },
  lower: (c, s, ctx) => dedupRows(c, s, ctx.errors),
};
