// `fillnull`: replaces missing values (0 by default).

import { str } from '../analyse/options.ts';
import { fillnullBody } from '../parser/commands-data.ts';
import { fillnull as fill } from '../plan/rows.ts';
import type { CommandModule } from './types.ts';

export const fillnull: CommandModule<'fillnull'> = {
  name: 'fillnull',
  kind: 'fillnull',
  status: 'partly',
  grammar: { mode: 'args', body: fillnullBody },
  options: { placement: 'leading', options: { value: str } },
  doc: {
    summary: 'Replaces missing values (0 by default).',
    syntax: 'fillnull [value=<string>] [<field>…]',
    example: 'index=main | stats count BY host | fillnull value=0',
    differences: [
      'Without a field list (or with wildcards) over raw events, every field some result has is filled, the fields extracted before (`extract`, `spath` without a path, `xmlkv`, `multikv`, `fromjson`) or renamed by a wildcard included, and the filled fields are shown with the events (as text).',
    ],
  },
  lower: (c, s, ctx) => fill(c, s, ctx.errors),
};
