// `require`: stops the search with an error when the commands before it return no results.

import { call, col, lit } from '../ir/types.ts';
import type { Rel } from '../ir/types.ts';
import { genericArgs, noMoreWords } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/** The error a search stops with when `require` sees no results (the service returns it as a 400). */
export const requireMessage = 'require: the search returned no results';

/**
 * `require`: the results pass through unchanged; none at all stop the search with {@link requireMessage}.
 * The count is a scalar subquery, which ClickHouse computes before reading any row, so an empty input
 * stops the statement too (a test on each row would never run).
 *
 * @example `index=main | require` → `… WHERE ((SELECT ok FROM (SELECT check(count, count = 0, msg) AS ok FROM (SELECT count() …))) > 0)`
 */
export const requireCommand: CommandModule<'generic'> = {
  name: 'require',
  kind: 'generic',
  status: 'supported',
  options: { placement: 'anywhere', options: {} },
  doc: {
    summary: 'Stops the search with an error when the commands before it return no results.',
    syntax: 'require',
    example: 'index=main status=500 | require | stats count BY host',
    differences: [],
  },
  lower(c, s, ctx) {
    const { words } = genericArgs(c, ctx.errors);
    noMoreWords('require', words, ctx.errors, 'no arguments');
    if (words.length > 0) return s;
    const counted: Rel = {
      kind: 'aggregate',
      input: s.rel,
      groups: [],
      aggregates: [{ name: 'count', fn: 'count', type: 'number' }],
    };
    const none = call('eq', [col('count', 'number'), lit(0)], 'bool', c.name.span);
    const checked: Rel = {
      kind: 'compute',
      input: counted,
      name: 'ok',
      // The count itself, not a constant: ClickHouse folds `if(throwIf(…) = 0, 0, 0)` to 0 unchecked.
      expr: call('check', [col('count', 'number'), none, lit(requireMessage)], 'number', c.name.span),
    };
    const ok = { kind: 'scalar', rel: checked, column: 'ok', type: 'number' } as const;
    return {
      rel: { kind: 'filter', input: s.rel, predicate: call('gt', [ok, lit(0)], 'bool', c.name.span) },
      scope: s.scope,
    };
  },
};
