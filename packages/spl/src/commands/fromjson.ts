// `fromjson`: expands the JSON object in a field into fields.

import { str } from '../analyse/options.ts';
import { fromjsonBody } from '../parser/commands-misc.ts';
import type { CommandModule } from './types.ts';

export const fromjson: CommandModule<'fromjson'> = {
  name: 'fromjson',
  kind: 'fromjson',
  status: 'not-yet',
  reason: 'Not compiled yet (issue 21).',
  grammar: { mode: 'args', body: fromjsonBody },
  options: { placement: 'anywhere', options: { prefix: str } },
  doc: {
    summary: 'Expands the JSON object in a field into fields.',
    syntax: 'fromjson <field> [prefix=<string>]',
  },
};
