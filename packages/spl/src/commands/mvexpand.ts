// `mvexpand`: one result per value of a multivalue field.

import { int } from '../analyse/options.ts';
import { mvexpandBody } from '../parser/commands-data.ts';
import { mvexpand as expand } from '../plan/fields.ts';
import type { CommandModule } from './types.ts';

export const mvexpand: CommandModule<'mvexpand'> = {
  name: 'mvexpand',
  kind: 'mvexpand',
  status: 'partly',
  grammar: { mode: 'args', body: mvexpandBody },
  options: { placement: 'anywhere', options: { limit: int } },
  doc: {
    summary: 'One result per value of a multivalue field.',
    syntax: 'mvexpand [limit=<int>] <field>',
    example: '| makeresults | eval x=split("a,b", ",") | mvexpand x',
    differences: [
      'A wildcard expands each field it matches among those known at that point, one after the other (every combination of their values; the page does not say); over raw events it is not supported yet.',
    ],
  },
  lower: (c, s, ctx) => expand(c, s, ctx.errors),
};
