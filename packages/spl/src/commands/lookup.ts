// `lookup`: adds fields from a lookup table.

import { bool, str } from '../analyse/options.ts';
import { lookupBody } from '../parser/commands-data.ts';
import { lookup as lookupFields } from '../plan/lookup.ts';
import type { CommandModule } from './types.ts';

export const lookup: CommandModule<'lookup'> = {
  name: 'lookup',
  kind: 'lookup',
  status: 'partly',
  grammar: { mode: 'args', body: lookupBody },
  options: { placement: 'leading', options: { local: bool, update: bool, event_time_field: str } },
  doc: {
    summary: 'Adds fields from a lookup table.',
    syntax: 'lookup [event_time_field=<field>] <table> <field> [AS <field>] [OUTPUT <field>…]',
    example: '| makeresults | lookup hosts host OUTPUT owner',
    differences: [
      'A time-based lookup (a transforms.conf definition with `time_field`, `time_format`, `max_offset_secs`, `min_offset_secs`; also as an automatic lookup, on `_time`) of a multivalue field is not supported yet by the `lookup` command; `time_format` takes the strftime specifiers `strptime` takes.',
      '`event_time_field=` with a lookup that is not time-based is an error (Splunk does not say).',
      'With several multivalue key fields, each combination of their values is looked up (the first field outermost); the Search Reference documents one multivalue key only.',
    ],
  },
  lower: (c, s, ctx) => lookupFields(c, s, ctx.options, ctx.errors),
};
