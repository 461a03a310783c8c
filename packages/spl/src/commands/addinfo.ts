// `addinfo`: adds fields about the search: its time range, when it ran and its id.

import type { Expr } from '../ir/types.ts';
import { lit } from '../ir/types.ts';
import type { State } from '../plan/index.ts';
import { genericArgs, noMoreWords } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/**
 * `addinfo`: every result gains `info_min_time` and `info_max_time` (the search's time range, epoch seconds;
 * `0` and `+Infinity` for an open range, as Splunk shows "All time"), `info_search_time` (the search's `now`)
 * and `info_sid` (the id the service gave the search).
 *
 * @example `addinfo` over the last hour → `1704884400 AS info_min_time, 1704888000 AS info_max_time, …`
 */
export const addinfo: CommandModule<'generic'> = {
  name: 'addinfo',
  kind: 'generic',
  status: 'supported',
  options: { placement: 'anywhere', options: {} },
  doc: {
    summary: 'Adds fields about the search: its time range, search time and id.',
    syntax: 'addinfo',
    example:
      'index=main | stats latest(_time) AS latest_time BY host | addinfo | eval age=info_max_time - latest_time',
    differences: [
      '`info_sid` is the id the Nexus service gave the search (its query id), not a Splunk job id.',
    ],
  },
  lower(c, s, ctx) {
    const { words } = genericArgs(c, ctx.errors);
    noMoreWords('addinfo', words, ctx.errors, 'no arguments');
    if (words.length > 0) return s;
    const { earliestMs, latestMs } = ctx.range;
    const fields: [string, Expr][] = [
      ['info_min_time', lit(earliestMs === null ? 0 : earliestMs / 1000)],
      ['info_max_time', latestMs === null ? lit('+Infinity') : lit(latestMs / 1000)],
      ['info_search_time', lit(ctx.options.nowMs / 1000)],
      // A compile without a search id (the CLI's `spl compile`): the field is left out, not invented.
      ['info_sid', lit(ctx.options.searchId ?? null)],
    ];
    return fields.reduce<State>(
      (st, [name, expr]) => ({
        rel: { kind: 'compute', input: st.rel, name, expr },
        scope: st.scope.with(name, expr.type === 'null' ? 'string' : expr.type),
      }),
      s,
    );
  },
};
