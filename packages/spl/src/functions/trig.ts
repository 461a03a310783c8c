// Trig and Hyperbolic functions (Search Reference 9.4): acos … tanh, atan2, hypot; angles in radians.

import { call, lit } from '../ir/types.ts';
import { toNumber } from '../plan/coerce.ts';
import type { EvalFunction } from './types.ts';
import { evalFn } from './types.ts';

type Trig1 =
  'sin' | 'cos' | 'tan' | 'asin' | 'acos' | 'atan' | 'sinh' | 'cosh' | 'tanh' | 'asinh' | 'acosh' | 'atanh';

const one = (fn: Trig1, doc: string): EvalFunction =>
  evalFn('trig', fn, [1, 1], `${fn}(<num>)`, doc, ([x], at) =>
    call(fn, [toNumber(x ?? lit(null))], 'number', at),
  );

export const trigFunctions: readonly EvalFunction[] = [
  one('acos', 'The arc cosine, in [0, π] radians; null outside [-1, 1].'),
  one('acosh', 'The arc hyperbolic cosine; null below 1.'),
  one('asin', 'The arc sine, in [-π/2, π/2] radians; null outside [-1, 1].'),
  one('asinh', 'The arc hyperbolic sine.'),
  one('atan', 'The arc tangent, in [-π/2, π/2] radians.'),
  evalFn(
    'trig',
    'atan2',
    [2, 2],
    'atan2(<y>, <x>)',
    'The arc tangent of y/x, in [-π, π] radians, by the signs of both.',
    ([y, x], at) => call('atan2', [toNumber(y ?? lit(null)), toNumber(x ?? lit(null))], 'number', at),
  ),
  one('atanh', 'The arc hyperbolic tangent; null outside (-1, 1).'),
  one('cos', 'The cosine of an angle in radians.'),
  one('cosh', 'The hyperbolic cosine.'),
  evalFn(
    'trig',
    'hypot',
    [2, 2],
    'hypot(<x>, <y>)',
    'The hypotenuse: the square root of x² + y².',
    ([x, y], at) => call('hypot', [toNumber(x ?? lit(null)), toNumber(y ?? lit(null))], 'number', at),
  ),
  one('sin', 'The sine of an angle in radians.'),
  one('sinh', 'The hyperbolic sine.'),
  one('tan', 'The tangent of an angle in radians.'),
  one('tanh', 'The hyperbolic tangent.'),
];
