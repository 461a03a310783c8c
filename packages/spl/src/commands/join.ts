// `join`: joins the results with those of a subsearch.

import { bool, int, str, subsearchOptions } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import { joinBody } from '../parser/commands-sources.ts';
import { join as joinRows } from '../plan/join.ts';
import type { CommandModule } from './types.ts';

export const join: CommandModule<'join'> = {
  name: 'join',
  kind: 'join',
  status: 'partly',
  grammar: { mode: 'args', body: joinBody },
  options: {
    placement: 'leading',
    options: {
      type: { type: 'enum', values: ['inner', 'outer', 'left'] },
      usetime: bool,
      earlier: bool,
      overwrite: bool,
      max: int,
      left: str,
      right: str,
      where: str,
      ...subsearchOptions,
    },
  },
  doc: {
    summary: 'Joins the results with those of a subsearch.',
    syntax:
      'join [type=inner|left|outer] [usetime=<bool>] [earlier=<bool>] [overwrite=<bool>] [max=<int>] <field>… [ <subsearch> ]',
    example: 'index=main | join host [search index=audit | stats count AS logins BY host]',
    differences: [
      "A subsearch that returns raw events joins raw events only (not results a command made); the joined events shown carry its events' fields as text.",
      'A `join` without a subsearch is not supported yet; so is the alias form `left=L right=R where L.a=R.b`.',
      '`usetime=true` needs `_time` on both sides (an error otherwise); with `max=1` the match is the first subsearch row within the time condition, in the subsearch’s order.',
      'Series whose names are known only when the search runs (`timechart … by`, `xyseries`, `mstats` over a wildcard metric) join as such: a matched row gets the subsearch’s series too (the subsearch’s winning unless `overwrite=false`); series of numbers and of text cannot be joined.',
    ],
  },
  lower(c, s, ctx) {
    if (c.where) {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          '`join … where <conditions>` (the `left=`/`right=` alias form) is not supported yet',
          c.where,
          ['join on field names the two sides share: `join <field> [ <subsearch> ]`'],
        ),
      );
      return s;
    }
    if (!c.subsearch) {
      ctx.errors.push(
        diagnostic('unsupported', '`join` without a subsearch is not supported yet', c.name.span),
      );
      return s;
    }
    const sub = ctx.planPipeline(c.subsearch.pipeline);
    return sub ? joinRows(c, s, sub, ctx.errors) : s;
  },
};
