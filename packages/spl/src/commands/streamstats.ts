// `streamstats`: adds running aggregates, in result order.

import { bool, int, span, str } from '../analyse/options.ts';
import { streamstatsBody } from '../parser/commands-stats.ts';
import { streamstats as lowerStreamstats } from '../plan/stats.ts';
import type { CommandModule } from './types.ts';

export const streamstats: CommandModule<'streamstats'> = {
  name: 'streamstats',
  kind: 'streamstats',
  status: 'partly',
  grammar: { mode: 'args', body: streamstatsBody },
  options: {
    placement: 'leading',
    options: {
      current: bool,
      window: int,
      time_window: span,
      global: bool,
      allnum: bool,
      reset_on_change: bool,
      reset_before: str,
      reset_after: str,
    },
  },
  doc: {
    summary: 'Adds running aggregates, in result order.',
    syntax:
      'streamstats [reset_on_change=<bool>] [reset_before="(<eval-expression>)"] [reset_after="(<eval-expression>)"] [allnum=<bool>] [current=<bool>] [window=<int>] [time_window=<span>] [global=<bool>] <aggregation>… [BY <field>…]',
    example: 'index=main | streamstats count AS n BY host',
    differences: [
      '`time_window` in months, quarters or years is a calendar window (Splunk’s page does not say): it starts at the same point of the month (the time since the month’s start, in the request’s time zone) that many months before, or at that month’s end where it is shorter. Windows may be up to 60 years long.',
      'Wildcard fields in aggregations (`max(*) AS max_*`) expand over the known fields; over raw events, whose field names are known only when the search runs, each structured field the pattern matches gets its statistic as a field of the event (with `count`, `dc`, `sum`, `avg`, `min`, `max`, `range`, `stdev`, `stdevp`, `var`, `varp`, `mode`, `median`, the percentiles (`perc<N>`, `exactperc<N>`, `upperperc<N>`, all nearest rank), `values` or `list`; `min`/`max` take the least/greatest number, or where a field has no number its least/greatest text, lexicographically, as the stats functions page says; other statistics of a field without numbers give none; several wildcard aggregations may name the same field, and the first one written wins). A `values` or `list` field is a list, shown and read later by name. `allnum=true` with such a wildcard is not supported yet.',
    ],
  },
  lower: (c, s, ctx) => lowerStreamstats(c, s, ctx.text, ctx.options, ctx.errors),
};
