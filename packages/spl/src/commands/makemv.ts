// `makemv`: splits a field into a multivalue field.

import { bool, str } from '../analyse/options.ts';
import { makemvBody } from '../parser/commands-data.ts';
import { makemv as split } from '../plan/fields.ts';
import type { CommandModule } from './types.ts';

export const makemv: CommandModule<'makemv'> = {
  name: 'makemv',
  kind: 'makemv',
  status: 'partly',
  grammar: { mode: 'args', body: makemvBody },
  options: { placement: 'leading', options: { delim: str, tokenizer: str, allowempty: bool, setsv: bool } },
  doc: {
    summary: 'Splits a field into a multivalue field.',
    syntax: 'makemv [delim=<string>|tokenizer=<regex>] <field>',
    example: '| makeresults | eval x="a,b" | makemv delim="," x',
    differences: ['`setsv=true` is not supported yet.'],
  },
  lower: (c, s, ctx) => split(c, s, ctx.errors),
};
