// Bitwise functions (Search Reference 9.4): bit_and, bit_or, bit_xor, bit_not, bit_shift_left, bit_shift_right.

import type { EvalFunction } from './types.ts';

export const bitwiseFunctions: readonly EvalFunction[] = [];
