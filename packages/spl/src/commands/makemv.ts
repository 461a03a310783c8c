// `makemv`: splits a field into a multivalue field.

import { bool, str } from '../analyse/options.ts';
import { makemvBody } from '../parser/commands-data.ts';
import { makemv as split } from '../plan/fields.ts';
import type { CommandModule } from './types.ts';

export const makemv: CommandModule<'makemv'> = {
  name: 'makemv',
  kind: 'makemv',
  status: 'supported',
  grammar: { mode: 'args', body: makemvBody },
  options: { placement: 'leading', options: { delim: str, tokenizer: str, allowempty: bool, setsv: bool } },
  doc: {
    summary: 'Splits a field into a multivalue field.',
    syntax: 'makemv [delim=<string>|tokenizer=<regex>] [allowempty=<bool>] [setsv=<bool>] <field>',
    example: '| makeresults | eval x="a,b" | makemv delim="," x',
    differences: [
      '`setsv=true`: Splunk also combines the values into a single value kept on the same field beside them (its page calls the two at once problematic); a Nexus field has one form, so the field holds the values, as every later command (`eval`, `stats`, `table`, `search`) reads them in Splunk, and the option changes nothing else.',
    ],
  },
  lower: (c, s) => split(c, s),
};
