// ClickHouse SQL for the trigonometric, hyperbolic and bitwise eval functions, with Splunk's domains.

import type { FunctionPrinter } from './functions.ts';

/** A function defined on part of the line: null elsewhere (ClickHouse gives nan or inf). */
const within =
  (fn: string, inside: (x: string) => string): FunctionPrinter =>
  (_e, [x = 'NULL']) =>
    `if(${inside(x)}, ${fn}(${x}), NULL)`;

const plain =
  (fn: string): FunctionPrinter =>
  (_e, args) =>
    `${fn}(${args.join(', ')})`;

/** A bitwise argument: an integer from 0 to 2^53-1, else null (Splunk's range). */
const bits = (x: string): string =>
  `if(${x} >= 0 AND ${x} <= 9007199254740991 AND ${x} = floor(${x}), toUInt64(${x}), NULL)`;

export const mathPrinters = {
  sin: plain('sin'),
  cos: plain('cos'),
  tan: plain('tan'),
  asin: within('asin', (x) => `abs(${x}) <= 1`),
  acos: within('acos', (x) => `abs(${x}) <= 1`),
  atan: plain('atan'),
  atan2: plain('atan2'),
  sinh: plain('sinh'),
  cosh: plain('cosh'),
  tanh: plain('tanh'),
  asinh: plain('asinh'),
  acosh: within('acosh', (x) => `${x} >= 1`),
  atanh: within('atanh', (x) => `abs(${x}) < 1`),
  hypot: plain('hypot'),
  bit_and: (_e, [a = 'NULL', b = 'NULL']) => `toFloat64(bitAnd(${bits(a)}, ${bits(b)}))`,
  bit_or: (_e, [a = 'NULL', b = 'NULL']) => `toFloat64(bitOr(${bits(a)}, ${bits(b)}))`,
  bit_xor: (_e, [a = 'NULL', b = 'NULL']) => `toFloat64(bitXor(${bits(a)}, ${bits(b)}))`,
  bit_not: (_e, [a = 'NULL', mask = 'NULL']) => `toFloat64(bitAnd(bitNot(${bits(a)}), ${bits(mask)}))`,
  // Bits beyond the 53rd are dropped, so the result stays an exact integer.
  bit_shift_left: (_e, [a = 'NULL', n = 'NULL']) =>
    `if(${n} >= 0 AND ${n} = floor(${n}), toFloat64(bitAnd(bitShiftLeft(${bits(a)}, toUInt8(least(${n}, 64))), 9007199254740991)), NULL)`,
  bit_shift_right: (_e, [a = 'NULL', n = 'NULL']) =>
    `if(${n} >= 0 AND ${n} = floor(${n}), toFloat64(bitShiftRight(${bits(a)}, toUInt8(least(${n}, 64)))), NULL)`,
} satisfies Record<string, FunctionPrinter>;
