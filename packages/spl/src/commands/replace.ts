// `replace`: replaces field values with other values.

import { replaceBody } from '../parser/commands-misc.ts';
import type { CommandModule } from './types.ts';

export const replace: CommandModule<'replace'> = {
  name: 'replace',
  kind: 'replace',
  status: 'not-yet',
  reason: 'Not compiled yet (issue 21).',
  grammar: { mode: 'args', body: replaceBody },
  doc: {
    summary: 'Replaces field values with other values.',
    syntax: 'replace <value> WITH <new> [, …] [IN <field>…]',
  },
};
