// `xmlkv`: extracts fields from XML elements.

import { int } from '../analyse/options.ts';
import { xmlkvBody } from '../parser/commands-misc.ts';
import { xmlkv as extractXml } from '../plan/fields.ts';
import type { CommandModule } from './types.ts';

export const xmlkv: CommandModule<'xmlkv'> = {
  name: 'xmlkv',
  kind: 'xmlkv',
  status: 'partly',
  grammar: { mode: 'args', body: xmlkvBody },
  options: { placement: 'anywhere', options: { maxinputs: int } },
  doc: {
    summary: 'Extracts fields from XML elements.',
    syntax: 'xmlkv [<field>] [maxinputs=<int>]',
    example: 'index=main | xmlkv | table host',
    differences: [
      'After a transforming command it is not supported yet.',
      'The events shown carry each element holding only text (not empty) in their fields, the first text of a name, over the stored fields.',
    ],
  },
  lower: (c, s, ctx) => extractXml(c, s, ctx.errors),
};
