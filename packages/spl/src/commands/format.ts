// `format`: turns the results of a subsearch into one search string.

import { int, str } from '../analyse/options.ts';
import { formatBody } from '../parser/commands-sources.ts';
import { formatSearch } from '../plan/format.ts';
import type { CommandModule } from './types.ts';

export const format: CommandModule<'format'> = {
  name: 'format',
  kind: 'format',
  status: 'partly',
  grammar: { mode: 'args', body: formatBody },
  options: { placement: 'leading', options: { mvsep: str, maxresults: int, emptystr: str } },
  doc: {
    summary: 'Turns the results of a subsearch into one search string.',
    syntax: 'format',
    example: 'index=main | stats count BY host | format',
    differences: [
      'Over raw events, of multivalue fields, and with options in a subsearch filter, it is not supported yet.',
      'At the end of a subsearch returning a `search` or `query` field, every option applies: the text it prints is inserted in the search (see `search`).',
    ],
  },
  lower: (c, s, ctx) => formatSearch(c, s, ctx.errors),
};
