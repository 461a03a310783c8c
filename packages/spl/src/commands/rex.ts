// `rex`: extracts fields with a regular expression (named groups), or edits with mode=sed.

import { int, str } from '../analyse/options.ts';
import { rexBody } from '../parser/commands-data.ts';
import { rex as extract } from '../plan/rex.ts';
import type { CommandModule } from './types.ts';

export const rex: CommandModule<'rex'> = {
  name: 'rex',
  kind: 'rex',
  status: 'partly',
  grammar: { mode: 'args', body: rexBody },
  options: {
    placement: 'anywhere',
    options: { field: str, max_match: int, offset_field: str, mode: { type: 'enum', values: ['sed'] } },
  },
  doc: {
    summary: 'Extracts fields with a regular expression (named groups), or edits with mode=sed.',
    syntax: 'rex [field=<field>] "<regex with named groups>"',
    example: 'index=main | rex field=_raw "user=(?<user>\\w+)" | table user',
    differences: [
      'Regular expressions run on ClickHouse (RE2): no backreferences or lookaround.',
      '`offset_field=` gives `name=start-end` for each named group, `;` between groups (the page shows one), in characters; with `max_match` other than 1, an alternation outside any group, or a named group inside another group or repeated, it is not supported yet.',
    ],
  },
  lower: (c, s, ctx) => extract(c, s, ctx.errors),
};
