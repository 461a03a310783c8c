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
    syntax: 'dedup [<int>] <field>… [keepevents=<bool>]',
    example: 'index=main | dedup host',
    differences: [
      '`keepevents=true`, and `consecutive=true` with a count other than 1, are not supported yet.',
    ],
  },
  lower: (c, s, ctx) => dedupRows(c, s, ctx.errors),
};
