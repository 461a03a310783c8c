// `join`: joins the results with those of a subsearch.

import { bool, int, str, subsearchOptions } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import { joinBody } from '../parser/commands-sources.ts';
import { joinAliased, join as joinRows } from '../plan/join.ts';
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
      'join [type=inner|left|outer] [usetime=<bool>] [earlier=<bool>] [overwrite=<bool>] [max=<int>] (<field>… | left=<left-alias> right=<right-alias> where <left-alias>.<field>(=|!=|<|<=|>|>=)<right-alias>.<field>…) [ <subsearch> ]',
    example: 'index=main | join host [search index=audit | stats count AS logins BY host]',
    differences: [
      "A subsearch that returns raw events joins raw events only (not results a command made); the joined events shown carry its events' fields as text, fields extracted on either side (`extract`, `spath` without a path …) included: the event's own are taken before the joined event's `_raw` replaces its text.",
      'A `join` without a subsearch (a `<dataset-type>:<dataset-name>`) is not supported yet.',
      'The alias form `left=L right=R where L.a=R.b [AND …]` takes equalities between a field of each side (written either way round; `AND` between them optional), matched as the field-list form matches (case-sensitive, as text when the two sides type a field differently). The page writes only `=`; Nexus also takes `!=`, `<`, `<=`, `>`, `>=` between a field of each side (`L.t<R.t`; `R.t>L.t` is the same): numbers and times compare as such, other values as numbers when both are numbers, else as text, and a side without the field matches nothing; without any equality every subsearch row (at most the subsearch’s 50,000) is compared with every result. `OR` between conditions is not supported, and `R.t+20` is read as a field of that name, not an expression. The Search Reference does not say which fields take the aliases: here every field of each side does (`L.a`, `R.b`, `_time` too), so no field is overwritten and `overwrite=` has nothing to do; `type=` and `max=` work as in the field-list form. Over raw events each side’s structured fields (named only when the search runs) come out as series, `L.<field>`, shown as columns and read later by name; series on either side (`timechart … by`, `xyseries`) and `usetime=true` are not supported yet. Without `where` the aliases are ignored, as the page says.',
      '`usetime=true` needs `_time` on both sides (an error otherwise); with `max=1` the match is the first subsearch row within the time condition, in the subsearch’s order.',
      'Series whose names are known only when the search runs (`timechart … by`, `xyseries`, `mstats` over a wildcard metric) join as such: a matched row gets the subsearch’s series too (the subsearch’s winning unless `overwrite=false`); series of numbers and of text cannot be joined.',
    ],
  },
  lower(c, s, ctx) {
    if (!c.subsearch) {
      ctx.errors.push(
        diagnostic('unsupported', '`join` without a subsearch is not supported yet', c.name.span),
      );
      return s;
    }
    if (!c.where && c.notCondition) {
      ctx.errors.push(
        diagnostic(
          'syntax',
          'a comparison in `join` needs the alias form, `left=L right=R where L.a<R.b`',
          c.notCondition,
        ),
      );
      return s;
    }
    const sub = ctx.planPipeline(c.subsearch.pipeline);
    if (!sub) return s;
    // The alias form; without `where` the aliases are ignored, as the Search Reference says.
    return c.where ? joinAliased(c, s, sub, ctx.errors) : joinRows(c, s, sub, ctx.errors);
  },
};
