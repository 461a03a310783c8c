// `tail`: the last results (10 by default).

import { tailBody } from '../parser/commands-sources.ts';
import { tail as last } from '../plan/rows.ts';
import type { CommandModule } from './types.ts';

export const tail: CommandModule<'tail'> = {
  name: 'tail',
  kind: 'tail',
  status: 'supported',
  grammar: { mode: 'args', body: tailBody },
  doc: {
    summary: 'The last results (10 by default).',
    syntax: 'tail [<count>]',
    example: 'index=main | tail 5',
  },
  lower: (c, s) => last(c, s),
};
