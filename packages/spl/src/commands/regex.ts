// `regex`: keeps the results whose field matches (or with != does not match) the regular expression.

import { regexBody } from '../parser/commands-data.ts';
import { regexFilter } from '../plan/rex.ts';
import type { CommandModule } from './types.ts';

export const regex: CommandModule<'regex'> = {
  name: 'regex',
  kind: 'regex',
  status: 'supported',
  grammar: { mode: 'args', body: regexBody },
  doc: {
    summary: 'Keeps the results whose field matches (or with != does not match) the regular expression.',
    syntax: 'regex <field>[!]="<regex>"',
    example: 'index=main | regex host="^web"',
    differences: [
      'Regular expressions run on ClickHouse (RE2): no backreferences or lookaround, except a lookbehind that starts the pattern, a lookahead that ends it (one character when negative), or a one-character negative lookahead right before a last group of one-character or `\\b` alternatives, which run in an equivalent RE2 form since only whether the field matches counts.',
    ],
  },
  lower: (c, s, ctx) => regexFilter(c, s, ctx.errors),
};
