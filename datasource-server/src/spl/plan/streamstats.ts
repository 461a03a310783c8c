// streamstats' resets and its single window across BY groups, as window functions over the results' order.

import type { StreamstatsCommand } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Aggregate, Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { requireBool } from './coerce.ts';
import { lowerEval } from './eval.ts';
import { exprContext } from './helpers.ts';
import type { PlanOptions, State } from './index.ts';

/** Running statistics over all results, in the order of `positions` (or the input's), adding `aggregates`. */
function running(
  input: Rel,
  aggregates: Aggregate[],
  frame: { size: number; current: boolean },
  positions?: Expr,
): Rel {
  return {
    kind: 'window',
    input,
    partition: [],
    aggregates,
    running: { ...frame, ...(positions ? { positions } : {}) },
  };
}

/**
 * Each result's position in the results' order, as a column: the windows that follow order by it, so
 * they all see one order even where the input's order has ties.
 */
export function withPositions(rel: Rel): { rel: Rel; positions: Expr } {
  return {
    rel: running(rel, [{ name: '__ss_pos', fn: 'count', type: 'number' }], { size: 0, current: true }),
    positions: col('__ss_pos', 'number'),
  };
}

const sumOf = (name: string, arg: Expr): Aggregate => ({ name, fn: 'sum', arg, type: 'number' });
const asInt = (b: Expr): Expr => call('if', [b, lit(1), lit(0)], 'number');

/**
 * The segment every result belongs to, as a new column `__ss_segment` of `s.rel` (which has `positions`),
 * for `reset_on_change`, `reset_before` and `reset_after`. Splunk resets all statistics:
 * - before a result whose `reset_before` expression is true (the result starts a segment);
 * - after a result whose `reset_after` expression is true (the next result starts one);
 * - before a result whose BY values differ from the previous result's (`reset_on_change`; a missing value
 *   counts as a value).
 * The segment number is the running count of those resets, in the results' order.
 */
export function resetSegments(
  c: StreamstatsCommand,
  s: State,
  positions: Expr,
  options: PlanOptions,
  errors: Diagnostic[],
  onChange: boolean,
): { rel: Rel; segment: Expr } {
  const ctx = exprContext(s, options, errors);
  let rel = s.rel;
  const flag = (which: 'reset_before' | 'reset_after'): Expr | undefined => {
    const r = c.resets.find((x) => x.key.name.toLowerCase() === which);
    return r ? asInt(requireBool(lowerEval(r.expr, ctx), `\`${which}\``, r.expr.span, ctx)) : undefined;
  };
  const starts: Expr[] = [];
  const before = flag('reset_before');
  if (before) starts.push(before);
  if (onChange && c.by.length > 0) {
    // Each BY value of the previous result: the running max over the one row before.
    const by = c.by.map((b) => s.scope.resolve(b.name, b.span));
    const previous = by.map((e, i): Aggregate => ({
      name: `__ss_prev${i}`,
      fn: 'max',
      arg: e,
      type: e.type === 'null' ? 'any' : e.type,
    }));
    rel = running(rel, previous, { size: 1, current: false }, positions);
    const same = by.map((e, i) =>
      call(
        'or',
        [
          call(
            'and',
            [call('isnull', [e], 'bool'), call('isnull', [col(`__ss_prev${i}`, e.type)], 'bool')],
            'bool',
          ),
          call('coalesce', [call('eq', [e, col(`__ss_prev${i}`, e.type)], 'bool'), lit(false)], 'bool'),
        ],
        'bool',
      ),
    );
    starts.push(asInt(call('not', [same.reduce((a, b) => call('and', [a, b], 'bool'))], 'bool')));
  }
  const after = flag('reset_after');
  const sums: Expr[] = [];
  if (starts.length > 0) {
    rel = {
      kind: 'compute',
      input: rel,
      name: '__ss_start',
      expr: starts.reduce((a, b) => call('add', [a, b], 'number')),
    };
    rel = running(
      rel,
      [sumOf('__ss_starts', col('__ss_start', 'number'))],
      { size: 0, current: true },
      positions,
    );
    sums.push(col('__ss_starts', 'number'));
  }
  if (after) {
    rel = { kind: 'compute', input: rel, name: '__ss_end', expr: after };
    // The resets after the results before this one.
    rel = running(
      rel,
      [sumOf('__ss_ends', col('__ss_end', 'number'))],
      { size: 0, current: false },
      positions,
    );
    sums.push(call('coalesce', [col('__ss_ends', 'number'), lit(0)], 'number'));
  }
  rel = {
    kind: 'compute',
    input: rel,
    name: '__ss_segment',
    expr: sums.length === 0 ? lit(0) : sums.reduce((a, b) => call('add', [a, b], 'number')),
  };
  return { rel, segment: col('__ss_segment', 'number') };
}
