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
    differences: ['Wildcard fields are not supported yet.'],
  },
  lower: (c, s, ctx) => expand(c, s, ctx.errors),
};
