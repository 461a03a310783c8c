// `tstats`: aggregates indexed fields (tsidx files, accelerated data models).

import { bool, int, span, str } from '../analyse/options.ts';
import { tstatsBody } from '../parser/commands-stats.ts';
import { appendTstats, tstats as lowerTstats } from '../plan/tstats.ts';
import type { CommandModule } from './types.ts';

export const tstats: CommandModule<'tstats'> = {
  name: 'tstats',
  kind: 'tstats',
  status: 'partly',
  generating: true,
  grammar: { mode: 'search', body: tstatsBody },
  options: {
    placement: 'leading',
    options: {
      prestats: bool,
      local: bool,
      append: bool,
      summariesonly: bool,
      include_reduced_buckets: bool,
      allow_old_summaries: bool,
      chunk_size: int,
      fillnull_value: str,
      // `by … span=1h` is kept with the options
      span,
    },
  },
  doc: {
    summary: 'Aggregates indexed fields (tsidx files, accelerated data models).',
    syntax: '| tstats <aggregation>… [WHERE …] [BY …]',
    example: '| tstats count WHERE index=main BY host',
    differences: [
      'Reads the events of `logs` (the indexed fields and the structured fields), or a data model dataset with `FROM datamodel=`, in one statement; there are no tsidx files.',
      "`summariesonly=t` over a data model the tenant accelerates (datamodels.conf `acceleration = true`) reads only its summary, kept at insert by a materialized view per dataset (plus a one-time backfill of older events); over a model not accelerated it reads the events (Splunk would find no summary). `summariesonly=f` (the default) reads the summary for what it covers and the events it does not cover yet in one statement: the events' results.",
      '`allow_old_summaries=f` (the default): a summary built from an older definition (knowledge objects or model changed, not yet rebuilt) is not used: the events are read, or no rows with `summariesonly=t`; `=t` reads it.',
      'A summary holds the fields of the model (and the base fields); over the events, a dataset field the model does not list is still read, where Splunk gives null.',
      '`prestats=t append=t` after the first command adds its prestats rows (the events, in Nexus) after the results before it, in the same statement, for a following `stats`, `chart` or `timechart`; `append=t` there without `prestats=t` is an error (the Search Reference gives it meaning only in prestats mode). On the first `tstats` there is nothing before it: `append=t` changes nothing.',
      '`earliest=`/`latest=` inside `where` set the time range as they do in a search (relative times such as `-24h@h` from the search’s now): the search’s range when `tstats` starts it, its own events’ range on a `tstats append=t` later.',
    ],
  },
  source: (c, ctx) => lowerTstats(c, ctx.text, ctx.options, ctx.range, ctx.subsearch, ctx.errors),
  lower: (c, s, ctx) => appendTstats(c, s, ctx.text, ctx.options, ctx.range, ctx.subsearch, ctx.errors),
};
