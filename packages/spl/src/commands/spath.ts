// `spath`: extracts values from JSON or XML.

import { str } from '../analyse/options.ts';
import { spathBody } from '../parser/commands-data.ts';
import { spath as extractPath } from '../plan/fields.ts';
import type { CommandModule } from './types.ts';

export const spath: CommandModule<'spath'> = {
  name: 'spath',
  kind: 'spath',
  status: 'partly',
  grammar: { mode: 'args', body: spathBody },
  options: { placement: 'anywhere', options: { input: str, output: str, path: str } },
  doc: {
    summary: 'Extracts values from JSON or XML.',
    syntax: 'spath [input=<field>] [output=<field>] [path=<path>]',
    example: '| makeresults | eval j="{\\"a\\": 1}" | spath input=j path=a output=a | table a',
    differences: [
      '`spath` without a path after a transforming command is not supported yet.',
      'Without a path, the events shown carry every field of the JSON in their fields (as text; a name with several values as a list), over the stored fields; a nested field shows nested, as stored fields do.',
    ],
  },
  lower: (c, s, ctx) => extractPath(c, s, ctx.errors),
};
