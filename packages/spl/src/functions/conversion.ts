// Conversion functions (Search Reference 9.4): tonumber, tostring, printf, ipmask.

import { call, lit } from '../ir/types.ts';
import type { EvalFunction } from './types.ts';
import { evalFn } from './types.ts';

const p = 'conversion' as const;

export const conversionFunctions: readonly EvalFunction[] = [
  evalFn(
    p,
    'tonumber',
    [1, 1],
    'tonumber(<str>, <base>)',
    'The string as a number; null when it is not one.',
    ([a], at) => call('tonumber', [a ?? lit(null)], 'number', at),
  ),
  evalFn(p, 'tostring', [1, 1], 'tostring(<value>, <format>)', 'The value as a string.', ([a], at) =>
    call('tostring', [a ?? lit(null)], 'string', at),
  ),
];
