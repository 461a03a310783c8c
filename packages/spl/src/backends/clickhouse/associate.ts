// ClickHouse SQL for `associate`'s statistics over a list of values, and numbers written with fixed decimals.

import type { Expr } from '../../ir/types.ts';
import type { FunctionPrinter } from './functions.ts';

function decimals(e: Expr | undefined): number {
  if (e?.kind !== 'literal' || typeof e.value !== 'number')
    throw new Error('expected a number literal argument');
  return Math.trunc(e.value);
}

export const associatePrinters: Record<'mv_entropy' | 'mv_top' | 'mv_share' | 'fixed', FunctionPrinter> = {
  // Each distinct value's share p adds p × log2(1/p) (never -0).
  mv_entropy: (_e, [x = '[]']) =>
    `arraySum(arrayMap(c -> (c / length(${x})) * log2(length(${x}) / c), arrayMap(v -> countEqual(${x}, v), arrayDistinct(${x}))))`,
  mv_top: (_e, [x = '[]']) => `arraySort(v -> (-countEqual(${x}, v), v), arrayDistinct(${x}))[1]`,
  mv_share: (_e, [x = '[]', v = 'NULL']) => `(countEqual(${x}, ${v}) / length(${x}))`,
  fixed: (e, [x = 'NULL']) => `printf('%.${decimals(e.args[1])}f', toFloat64(${x}))`,
};
