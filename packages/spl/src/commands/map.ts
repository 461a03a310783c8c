// `map`: runs a search once per result, with the result's values substituted.

import { positive } from '../analyse/options.ts';
import { mapBody } from '../parser/commands-misc.ts';
import type { CommandModule } from './types.ts';

export const map: CommandModule<'map'> = {
  name: 'map',
  kind: 'map',
  status: 'not-yet',
  reason: 'Not compiled yet (issue 21).',
  grammar: { mode: 'args', body: mapBody },
  options: { placement: 'anywhere', options: { maxsearches: positive } },
  doc: {
    summary: "Runs a search once per result, with the result's values substituted.",
    syntax: 'map search="<search>" [maxsearches=<int>]',
  },
};
