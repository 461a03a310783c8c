// Mathematical functions (Search Reference 9.4): abs, ceiling, exp, floor, ln, log, pi, pow, round, sqrt, …

import { call, lit } from '../ir/types.ts';
import { toNumber } from '../plan/coerce.ts';
import type { EvalFunction } from './types.ts';
import { evalFn } from './types.ts';
import { sigfig } from './sigfig.ts';

const p = 'math' as const;

const numeric1 = (
  name: string,
  fn: 'abs' | 'floor' | 'ceil' | 'sqrt' | 'exp' | 'ln',
  doc: string,
): EvalFunction =>
  evalFn(p, name, [1, 1], `${name}(<num>)`, doc, ([x], at) =>
    call(fn, [toNumber(x ?? lit(null))], 'number', at),
  );

export const mathFunctions: readonly EvalFunction[] = [
  evalFn(
    p,
    'round',
    [1, 2],
    'round(<num>, <digits>)',
    'The number rounded half away from zero (to `digits` decimals).',
    ([x, n], at) => call('round', [toNumber(x ?? lit(null)), toNumber(n ?? lit(0))], 'number', at),
  ),
  numeric1('abs', 'abs', 'The absolute value.'),
  numeric1('floor', 'floor', 'The number rounded down.'),
  numeric1('ceil', 'ceil', 'The number rounded up (alias of `ceiling`).'),
  numeric1('ceiling', 'ceil', 'The number rounded up.'),
  numeric1('sqrt', 'sqrt', 'The square root; null for a negative number.'),
  numeric1('exp', 'exp', 'e to the power of the number.'),
  numeric1('ln', 'ln', 'The natural logarithm; null for zero or less.'),
  evalFn(
    p,
    'log',
    [1, 2],
    'log(<num>, <base>)',
    'The logarithm (base 10 by default); null when undefined.',
    ([x, base], at) => call('log', [toNumber(x ?? lit(null)), toNumber(base ?? lit(10))], 'number', at),
  ),
  evalFn(p, 'pow', [2, 2], 'pow(<num>, <exp>)', 'The number to the power `exp`.', ([x, y], at) =>
    call('pow', [toNumber(x ?? lit(null)), toNumber(y ?? lit(null))], 'number', at),
  ),
  evalFn(p, 'pi', [0, 0], 'pi()', 'π (11 digits, as Splunk gives it: 3.14159265359).', (_args, at) =>
    lit(Math.PI, at),
  ),
  evalFn(
    p,
    'exact',
    [1, 1],
    'exact(<expression>)',
    'The number with full precision: Nexus always returns numbers with the full precision of a double.',
    ([x], at) => toNumber(x ?? lit(null, at)),
  ),
  sigfig,
  evalFn(
    p,
    'sum',
    [1, 64],
    'sum(<num>, …)',
    'The sum of the numeric arguments; nulls are ignored.',
    (args, at) => call('sum_of', args.map(toNumber), 'number', at),
  ),
];
