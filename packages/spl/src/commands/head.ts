// `head`: the first results (10 by default), or the first ones while an eval expression holds.

import { bool, int } from '../analyse/options.ts';
import type { CommandOption, EvalExpr } from '../ast.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { headBody } from '../parser/commands.ts';
import { requireBool } from '../plan/coerce.ts';
import { lowerEval } from '../plan/eval.ts';
import { optionNumber, truthy, unknownOption } from '../plan/helpers.ts';
import type { State } from '../plan/index.ts';
import { withPositions } from '../plan/streamstats.ts';
import type { CommandModule, LowerContext } from './types.ts';

/**
 * The results before the first one for which `expr` is false (Search Reference, head): a NULL value counts
 * as false, or as true with `null=true`; `keeplast=true` keeps the result that stopped it. Each result's
 * count of stopping results so far (itself included, or not with `keeplast`) is a running sum in the
 * results' order; the kept results are those where it is 0, at most `limit` of them.
 *
 * @example `| head (x>1) keeplast=true` → `sum(if(coalesce(x > 1, false), 0, 1)) OVER (ORDER BY … ROWS
 * BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`, then `WHERE coalesce(stops, 0) = 0`.
 */
function whileTrue(
  expr: EvalExpr,
  options: readonly CommandOption[],
  limit: number,
  s: State,
  ctx: LowerContext,
): Rel {
  const flag = (key: string): boolean =>
    truthy(options.find((o) => o.key.name.toLowerCase() === key)?.value.text);
  const condition = requireBool(lowerEval(expr, ctx.expr), '`head`', expr.span, ctx.expr);
  const holds = call('coalesce', [condition, lit(flag('null'))], 'bool');
  const positioned = withPositions(s.rel);
  const stop = col('__hd_stop', 'number');
  const marked: Rel = {
    kind: 'compute',
    input: positioned.rel,
    name: stop.name,
    expr: call('if', [holds, lit(0), lit(1)], 'number'),
  };
  const counted: Rel = {
    kind: 'window',
    input: marked,
    partition: [],
    aggregates: [{ name: '__hd_stops', fn: 'sum', arg: stop, type: 'number' }],
    running: { size: 0, current: !flag('keeplast'), positions: positioned.positions },
  };
  const stops = call('coalesce', [col('__hd_stops', 'number'), lit(0)], 'number');
  // The kept results are the first ones (positions 1 … k), so at most `limit` of them is a position test.
  const predicate = call(
    'and',
    [call('eq', [stops, lit(0)], 'bool'), call('le', [positioned.positions, lit(limit)], 'bool')],
    'bool',
  );
  return { kind: 'filter', input: counted, predicate };
}

export const head: CommandModule<'head'> = {
  name: 'head',
  kind: 'head',
  status: 'supported',
  grammar: { mode: 'eval', body: headBody },
  options: { placement: 'anywhere', options: { limit: int, null: bool, keeplast: bool } },
  doc: {
    summary: 'The first results (10 by default), or the first ones while an expression is true.',
    syntax: 'head [<N> | (<eval-expression>)] [limit=<int>] [null=<bool>] [keeplast=<bool>]',
    example: 'index=main | head 20',
  },
  lower(c, s, ctx) {
    const { errors } = ctx;
    let limit = c.count?.value ?? 10;
    for (const o of c.options) {
      const key = o.key.name.toLowerCase();
      if (key === 'limit') limit = optionNumber(o, errors) ?? limit;
      else if (key === 'null' || key === 'keeplast') {
        if (!c.expr) {
          errors.push(
            diagnostic(
              'semantic',
              `\`head ${key}=\` needs an eval expression, such as \`head (x>1)\``,
              o.span,
            ),
          );
        }
      } else unknownOption(o, 'head', ['limit', 'null', 'keeplast'], errors);
    }
    if (!c.expr) return { rel: { kind: 'take', input: s.rel, limit }, scope: s.scope };
    // With both a count and an expression, the smaller set of results: at most `limit` of them.
    const kept = whileTrue(c.expr, c.options, limit, s, ctx);
    const columns = s.scope.columns.map((x) => ({ name: x.name, expr: s.scope.resolve(x.name) }));
    return { rel: { kind: 'project', input: kept, columns, keepRaw: s.scope.raw }, scope: s.scope };
  },
};
