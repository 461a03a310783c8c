// `return`: returns values from a subsearch as search terms.

import { returnBody } from '../parser/commands-sources.ts';
import { returnFields } from '../plan/rows.ts';
import type { CommandModule } from './types.ts';

export const returnCommand: CommandModule<'return'> = {
  name: 'return',
  kind: 'return',
  status: 'supported',
  grammar: { mode: 'args', body: returnBody },
  doc: {
    summary: 'Returns values from a subsearch as search terms.',
    syntax: 'return [<count>] <field>…',
    example: 'index=main [search index=audit | return host]',
  },
  lower: (c, s) => returnFields(c, s),
};
