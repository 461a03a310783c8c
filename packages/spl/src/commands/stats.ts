// `stats`: aggregates the results, one row per group.

import { bool, positive, str } from '../analyse/options.ts';
import { statsBody } from '../parser/stats.ts';
import { stats as lowerStats } from '../plan/stats.ts';
import type { CommandModule } from './types.ts';

export const stats: CommandModule<'stats'> = {
  name: 'stats',
  kind: 'stats',
  status: 'partly',
  grammar: { mode: 'args', body: statsBody },
  options: {
    placement: 'leading',
    options: { allnum: bool, delim: str, partitions: positive, dedup_splitvals: bool },
  },
  doc: {
    summary: 'Aggregates the results, one row per group.',
    syntax: 'stats [allnum=<bool>] <aggregation>… [BY <field>…]',
    example: 'index=main | stats count, avg(bytes) BY host',
    differences: [
      '`partitions=`, `delim=` and `dedup_splitvals=` are not supported yet.',
      'Wildcard fields in aggregations (`values(*) AS *`) expand over the known fields. Over raw events, whose structured field names only the data knows, one `values(<wc-field>)` per `stats` is supported (its columns come in the order the fields first appear in the results, each group in name order); after removals, wildcard `rename`s and `spath` without a path it reads the fields as they are then (`spath` lists nested fields ten levels deep; deeper values stay JSON text); other functions, a second wildcard, or structured fields changed first by `replace`, `fillnull`, `join`, `xmlkv` or `extract` are not supported yet.',
    ],
  },
  lower: (c, s, ctx) => lowerStats(c, s, ctx.text, ctx.options, ctx.errors),
};
