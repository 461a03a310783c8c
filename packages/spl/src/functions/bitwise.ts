// Bitwise functions (Search Reference 9.4): integers from 0 to 2^53-1; anything else gives null.

import { call, lit } from '../ir/types.ts';
import { toNumber } from '../plan/coerce.ts';
import type { EvalFunction } from './types.ts';
import { evalFn } from './types.ts';

const p = 'bitwise' as const;

/** The largest bitwise argument: Splunk's range is 0 to 2^53-1. */
export const bitLimit = 2 ** 53 - 1;

const fold = (fn: 'bit_and' | 'bit_or' | 'bit_xor', op: string): EvalFunction =>
  evalFn(
    p,
    fn,
    [2, 64],
    `${fn}(<values>)`,
    `The bitwise ${op} of two or more integers, from left to right.`,
    (args, at) => args.map(toNumber).reduce((acc, x) => call(fn, [acc, x], 'number', at)),
  );

export const bitwiseFunctions: readonly EvalFunction[] = [
  fold('bit_and', 'AND'),
  fold('bit_or', 'OR'),
  evalFn(
    p,
    'bit_not',
    [1, 2],
    'bit_not(<value>, <bitmask>)',
    'The bits of the value inverted, within the bitmask (2^53-1 by default).',
    ([x, mask], at) =>
      call('bit_not', [toNumber(x ?? lit(null)), toNumber(mask ?? lit(bitLimit))], 'number', at),
  ),
  fold('bit_xor', 'XOR'),
  evalFn(
    p,
    'bit_shift_left',
    [2, 2],
    'bit_shift_left(<value>, <shift_offset>)',
    'The value shifted left by the offset, within 53 bits.',
    ([x, n], at) =>
      call('bit_shift_left', [toNumber(x ?? lit(null)), toNumber(n ?? lit(null))], 'number', at),
  ),
  evalFn(
    p,
    'bit_shift_right',
    [2, 2],
    'bit_shift_right(<value>, <shift_offset>)',
    'The value shifted right by the offset.',
    ([x, n], at) =>
      call('bit_shift_right', [toNumber(x ?? lit(null)), toNumber(n ?? lit(null))], 'number', at),
  ),
];
