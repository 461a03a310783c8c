// The normal distribution: probabilities over IR expressions, for the commands that score values by how far
// they lie from a mean (`anomalousvalue`, `analyzefields`), and its quantile, for those that turn a
// probability into a cut (`predict`, `anomalydetection`, MLTK's DensityFunction).

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

/** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const poly = (k: readonly number[], x: number): number => k.reduce((acc, v) => acc * x + v, 0);
  const low = 0.02425;
  if (p < low) {
    const x = Math.sqrt(-2 * Math.log(p));
    return poly(c, x) / (poly(d, x) * x + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const x = p - 0.5;
  const r = x * x;
  return (poly(a, r) * x) / (poly(b, r) * r + 1);
}
