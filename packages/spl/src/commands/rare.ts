// `rare`: the least common values of fields, with count and percent.

import { rareBody } from '../parser/commands-stats.ts';
import { topRare } from '../plan/top.ts';
import { top } from './top.ts';
import type { CommandModule } from './types.ts';

export const rare: CommandModule<'rare'> = {
  name: 'rare',
  kind: 'rare',
  status: 'partly',
  grammar: { mode: 'args', body: rareBody },
  // `rare` takes `top`'s options.
  options: top.options,
  doc: {
    summary: 'The least common values of fields, with count and percent.',
    syntax: 'rare [limit=<int>] <field>… [BY <field>…]',
    example: 'index=main | rare host',
    differences: [
      'Wildcard fields name the fields known at that point (after `table`, `fields` or a transforming command; fields starting with `_` only when the pattern does); over raw events they are not supported yet.',
      'A multivalue field made by `eval`, `makemv` or a lookup counts the event once under each of its values; Splunk’s page is silent on the percentage, and Nexus gives each value’s share of all the values counted (so the percentages add up to 100). A raw event’s structured field holding a list is one value so far.',
    ],
  },
  lower: (c, s, ctx) => topRare(c, s, ctx.errors),
};
