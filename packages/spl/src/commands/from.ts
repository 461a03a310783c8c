// `from`: reads a dataset: a lookup, a saved search or a data model.

import { fromBody } from '../parser/commands-misc.ts';
import type { CommandModule } from './types.ts';

export const fromCommand: CommandModule<'from'> = {
  name: 'from',
  kind: 'from',
  status: 'not-yet',
  reason: 'Not compiled yet (issue 21; `from datamodel=` with CIM data models).',
  generating: true,
  grammar: { mode: 'args', body: fromBody },
  doc: {
    summary: 'Reads a dataset: a lookup, a saved search or a data model.',
    syntax: '| from <dataset-type>:<name>',
  },
};
