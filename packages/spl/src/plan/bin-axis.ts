// Bins by index for a continuous x-axis (chart's `cont=true`): logarithmic spans, and the bins of `start=`/`end=`.

import type { Expr, Fill } from '../ir/types.ts';
import type { State } from './index.ts';
import { call, lit } from '../ir/types.ts';
import type { TimeUnit } from '../time.ts';

/**
 * The x-axis of bins, for chart's `cont=true` (empty bins between the first and the last): time buckets of a
 * known span, or numeric bins by their index (a whole number; null for a value left unbinned) in the column
 * `index`, with the label of an index (automatic bins read their width, the same in every row, from `width`).
 */
export type BinAxis =
  | {
      /** Automatic time buckets over the data's range (all time): filled by index (`indexedTimeBuckets`). */
      readonly kind: 'data-time';
      readonly hidden: readonly { name: string; expr: Expr }[];
      readonly fill: Omit<Fill, 'kind' | 'input'>;
      readonly finish: (out: State) => State;
    }
  | {
      readonly kind: 'time';
      readonly span: { count: number; unit: TimeUnit };
      readonly offsetMs: number;
      /** start=/end= (ms): the buckets run from the one holding start to the one holding end. */
      readonly fromMs?: number;
      readonly toMs?: number;
    }
  | {
      readonly kind: 'index';
      readonly index: string;
      readonly width?: string;
      /** `width`: automatic bins' width, read from the rows (linear bins of a fixed span know theirs). */
      readonly label: (index: Expr, width?: Expr) => Expr;
      /** The indexes of the bins holding `start=` and `end=`, when known as the statement is written. */
      readonly first?: number;
      readonly last?: number;
    };

/** A logarithmic span `[<coefficient>]log[<base>]` (Search Reference, bin: `<log-span>`). */
const logSpanPattern = /^(\d+(?:\.\d+)?)?log(\d+(?:\.\d+)?)?$/i;

/**
 * Logarithmic bins of `value` (span=`[c]log[b]`): the bin `[c·b^k, c·b^(k+1))` holding it, by its index `k`;
 * a value ≤ 0 has none (null). `k` is corrected by one where the floating-point logarithm of an exact bound
 * (log10(1000) = 2.9999…) falls short of it.
 *
 * @example span=log10 on 42 → k = 1, label `10-100`; span=2log10 on 5 → k = 0, label `2-20`
 */
export function logBins(
  value: Expr,
  coefficient: number,
  base: number,
): { index: Expr; label: (k: Expr) => Expr; known: KnownBins } {
  const bound = (k: Expr): Expr =>
    call('mul', [lit(coefficient), call('pow', [lit(base), k], 'number')], 'number');
  const k0 = call(
    'floor',
    [call('log', [call('div', [value, lit(coefficient)], 'number'), lit(base)], 'number')],
    'number',
  );
  const next = call('add', [k0, lit(1)], 'number');
  const index = call(
    'sub',
    [
      call(
        'add',
        [k0, call('if', [call('le', [bound(next), value], 'bool'), lit(1), lit(0)], 'number')],
        'number',
      ),
      call('if', [call('gt', [bound(k0), value], 'bool'), lit(1), lit(0)], 'number'),
    ],
    'number',
  );
  const low = (n: number): number => coefficient * base ** n;
  const indexOf = (v: number): number | undefined => {
    if (!(v > 0)) return undefined;
    const k = Math.floor(Math.log(v / coefficient) / Math.log(base));
    return k + (low(k + 1) <= v ? 1 : 0) - (low(k) > v ? 1 : 0);
  };
  return {
    index,
    label: (k) => call('range_label', [bound(k), bound(call('add', [k, lit(1)], 'number'))], 'string'),
    known: { indexOf, low },
  };
}

/** Bins computed now for the numbers `start=`/`end=`: the index of a value's bin, and a bin's low bound. */
export interface KnownBins {
  readonly indexOf: (v: number) => number | undefined;
  readonly low: (k: number) => number;
}

/** Linear bins of a fixed `step`, for `KnownBins`. */
export const linearKnown = (step: number): KnownBins => ({
  indexOf: (v) => Math.floor(v / step),
  low: (k) => k * step,
});

/** `[c]log[b]` as its coefficient and base, or a message when Splunk's rules do not hold; undefined for other spans. */
export function parseLogSpan(text: string): { coefficient: number; base: number } | string | undefined {
  const m = logSpanPattern.exec(text);
  if (!m) return undefined;
  const coefficient = m[1] === undefined ? 1 : Number(m[1]);
  const base = m[2] === undefined ? 10 : Number(m[2]);
  // "If the first number is supplied, it must be a real number >= 1.0 and < base. Base, if supplied, must be
  // real number > 1.0".
  if (!(base > 1)) return `the base of a logarithmic span must be greater than 1, found \`${m[2] ?? ''}\``;
  if (coefficient < 1 || coefficient >= base)
    return `the coefficient of a logarithmic span must be at least 1 and less than the base ${base}, found \`${m[1] ?? ''}\``;
  return { coefficient, base };
}
