// Normal-distribution probabilities over IR expressions, for the commands that score values by how far
// they lie from a mean (`anomalousvalue`, `analyzefields`).

import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';

/**
 * The two-sided normal tail of `x` under mean `m` and standard deviation `sd`: erfc(|x − m| / (sd·√2)),
 * the probability of a value at least as far from the mean; with no spread (one value, or all equal), 1 at
 * the mean and 0 elsewhere. Null when `x` is null.
 */
export function normalTail(x: Expr, m: Expr, sd: Expr): Expr {
  const z = call(
    'div',
    [call('abs', [call('sub', [x, m], 'number')], 'number'), call('mul', [sd, lit(Math.SQRT2)], 'number')],
    'number',
  );
  return call(
    'if',
    [
      call('gt', [call('coalesce', [sd, lit(0)], 'number'), lit(0)], 'bool'),
      call('erfc', [z], 'number'),
      call('if', [call('eq', [x, m], 'bool'), lit(1), lit(0)], 'number'),
    ],
    'number',
  );
}
