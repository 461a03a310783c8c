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

/** A number's text without sign and exponent. */
const digitsOf = (s: string): string =>
  `replaceRegexpOne(replaceRegexpOne(trimBoth(${s}), '^[-+]', ''), '[eE].*$', '')`;
/** The position of the leading digit of x: 0 for 1 to 9.99, 2 for 100, -2 for 0.01. */
const magnitude = (x: string): string => `floor(log10(abs(${x})))`;

export const mathPrinters = {
  // Counts are integers in ClickHouse and the values doubles: all of it is done in Float64.
  // 0 has no leading digit: it keeps its figures as decimals.
  sigfig_decimals: (_e, [x = 'NULL', n = 'NULL']) =>
    `if(${x} = 0, toFloat64(${n}) - 1, toFloat64(${n}) - 1 - ${magnitude(x)})`,
  sigfig_figures: (_e, [x = 'NULL', d = 'NULL']) =>
    `if(${x} = 0, 1., greatest(1., ${magnitude(x)} + 1 + toFloat64(${d})))`,
  sigfig_text_figures: (_e, [s = 'NULL']) => {
    const t = digitsOf(s);
    const digits = `if(position(${t}, '.') > 0, replaceOne(${t}, '.', ''), replaceRegexpOne(${t}, '0+$', ''))`;
    return `if(isNull(toFloat64OrNull(${s})), NULL, toFloat64(greatest(1, length(replaceRegexpOne(${digits}, '^0+', '')))))`;
  },
  sigfig_text_decimals: (_e, [s = 'NULL']) => {
    const t = digitsOf(s);
    return `if(isNull(toFloat64OrNull(${s})), NULL, toFloat64(if(position(${t}, '.') > 0, length(${t}) - position(${t}, '.'), 0)))`;
  },
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
  erfc: plain('erfc'),
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
