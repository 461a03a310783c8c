// `top`: the most common values of fields, with count and percent.

import { bool, int, str } from '../analyse/options.ts';
import { topBody } from '../parser/commands-stats.ts';
import { topRare } from '../plan/top.ts';
import type { CommandModule } from './types.ts';

export const top: CommandModule<'top'> = {
  name: 'top',
  kind: 'top',
  status: 'partly',
  grammar: { mode: 'args', body: topBody },
  options: {
    placement: 'anywhere',
    options: {
      limit: int,
      countfield: str,
      percentfield: str,
      showcount: bool,
      showperc: bool,
      useother: bool,
      otherstr: str,
    },
  },
  doc: {
    summary: 'The most common values of fields, with count and percent.',
    syntax: 'top [limit=<int>] <field>… [BY <field>…]',
    example: 'index=main | top limit=5 host',
    differences: [
      'Wildcard fields name the fields known at that point (after `table`, `fields` or a transforming command; fields starting with `_` only when the pattern does); over raw events they are not supported yet.',
      'A multivalue field made by `eval`, `makemv` or a lookup counts the event once under each of its values; Splunk’s page is silent on the percentage, and Nexus gives each value’s share of all the values counted (so the percentages add up to 100). A raw event’s structured field holding a list is one value so far.',
    ],
  },
  lower: (c, s, ctx) => topRare(c, s, ctx.errors),
};
