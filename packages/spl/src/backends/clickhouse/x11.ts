// The X11 seasonal adjustment as one ClickHouse array expression (IR `SeriesModel`, x11): centred moving
// average trend, seasonal moving averages per phase, Henderson trend, seasonal again, each a moving average
// over shifted copies of the series (no array captured by a per-element lambda) or, for the long centred
// average, over cumulative sums. Stages are bound to names with one-element `arrayMap`s, so each is written
// once. A neighbour that is missing (null, or past either end) is left out and the other weights rescaled.

/** `body` with `name` bound to the value of `value` (SQL). */
const bind = (name: string, value: string, body: string): string =>
  `arrayElement(arrayMap(${name} -> ${body}, [${value}]), 1)`;

const NULLS = 'CAST([] AS Array(Nullable(Float64)))';

/** `Y` shifted so that element i holds Y[i + offset] (null past the ends). */
const shifted = (Y: string, offset: number): string =>
  offset === 0
    ? Y
    : offset > 0
      ? `arrayShiftLeft(${Y}, ${String(offset)})`
      : `arrayShiftRight(${Y}, ${String(-offset)})`;

/**
 * The moving average of `Y` with weights (SQL numbers) at offsets, null where `Y` is null; missing
 * neighbours' weights left out.
 */
function weighted(Y: string, terms: readonly { offset: number; weight: string }[]): string {
  const xs = terms.map((_, i) => `x${String(i)}`);
  const centre = terms.findIndex((t) => t.offset === 0);
  const num = terms.map((t, i) => `${t.weight} * ifNull(${xs[i] ?? ''}, 0)`).join(' + ');
  const den = terms.map((t, i) => `if(isNull(${xs[i] ?? ''}), 0, ${t.weight})`).join(' + ');
  return bind(
    '__w',
    Y,
    `arrayMap((${xs.join(', ')}) -> if(isNull(${xs[centre] ?? ''}), NULL, (${num}) / nullIf(${den}, 0)), ${terms.map((t) => shifted('__w', t.offset)).join(', ')})`,
  );
}

/**
 * The centred moving average over one period `p` (a 2×p average when p is even: half weights at both
 * ends), from cumulative sums of the series padded with nulls, null where `Y` is null.
 */
function centred(Y: string, p: number, n: string): string {
  const h = Math.floor(p / 2);
  const pad = (k: number): string => `arrayResize(${NULLS}, ${String(k)})`;
  const P = `arrayConcat(${pad(h + 1)}, ${Y}, ${pad(h)})`;
  const C = `arrayCumSum(arrayMap(x -> ifNull(x, 0), __p))`;
  const K = `arrayCumSum(arrayMap(x -> if(isNull(x), 0, 1), __p))`;
  // Over [i − h, i + h]: C[i + 2h + 1] − C[i] in the padded positions.
  const box = (S: string): string =>
    `arrayMap((a, b) -> a - b, arraySlice(${S}, ${String(2 * h + 2)}, ${n}), arraySlice(${S}, 1, ${n}))`;
  const lo = `arraySlice(__p, 2, ${n})`;
  const hi = `arraySlice(__p, ${String(2 * h + 2)}, ${n})`;
  const value =
    p % 2 === 0
      ? `arrayMap((y, s, k, l, r) -> if(isNull(y), NULL, (2 * s - ifNull(l, 0) - ifNull(r, 0)) / nullIf(2 * k - if(isNull(l), 0, 1) - if(isNull(r), 0, 1), 0)), ${Y}, ${box('__c')}, ${box('__k')}, ${lo}, ${hi})`
      : `arrayMap((y, s, k) -> if(isNull(y), NULL, s / nullIf(k, 0)), ${Y}, ${box('__c')}, ${box('__k')})`;
  return bind('__p', P, bind('__c', C, bind('__k', K, value)));
}

/** The Henderson moving average's weights for `terms` (odd) points. */
export function hendersonWeights(terms: number): number[] {
  const m = (terms - 1) / 2;
  const n = m + 2;
  return Array.from({ length: terms }, (_, i) => {
    const j = i - m;
    return (
      (315 *
        ((n - 1) ** 2 - j * j) *
        (n * n - j * j) *
        ((n + 1) ** 2 - j * j) *
        (3 * n * n - 16 - 11 * j * j)) /
      (8 * n * (n * n - 1) * (4 * n * n - 1) * (4 * n * n - 9) * (4 * n * n - 25))
    );
  });
}

/** The Henderson filter's length for period `p`: 2⌊p/2⌋ + 1 points, at most 23. */
export const hendersonTerms = (p: number): number => Math.min(2 * Math.floor(p / 2) + 1, 23);

/** A seasonal (3×3 or 3×5) moving average over the same phase of neighbouring periods. */
const seasonal = (Y: string, p: number, weights: readonly number[]): string => {
  const m = (weights.length - 1) / 2;
  return weighted(
    Y,
    weights.map((w, i) => ({ offset: (i - m) * p, weight: String(w) })),
  );
};

/**
 * The seasonally adjusted series of `Y` (SQL, an `Array(Nullable(Float64))`) with period `p`: additive
 * (O − S) or multiplicative (O / S). `float` binds a Float64 parameter (the Henderson weights).
 */
export function x11Sql(Y: string, p: number, mult: boolean, float: (x: number) => string): string {
  const op = (a: string, b: string): string => (mult ? `if(${b} = 0, NULL, ${a} / ${b})` : `${a} - ${b}`);
  const zip = (A: string, B: string): string => `arrayMap((a, b) -> ${op('a', 'b')}, ${A}, ${B})`;
  const n = 'length(__y)';
  // Seasonal factors centred on one period (sum 0, or mean 1).
  const normalised = (S: string): string => bind('__s', S, zip('__s', centred('__s', p, n)));
  const henderson = hendersonWeights(hendersonTerms(p));
  const hm = (henderson.length - 1) / 2;
  const trend2 = weighted(
    '__a1',
    henderson.map((w, i) => ({ offset: i - hm, weight: float(w) })),
  );
  const s2 = normalised(seasonal(zip('__y', trend2), p, [1, 2, 3, 3, 3, 2, 1]));
  const s1 = normalised(seasonal(zip('__y', centred('__y', p, n)), p, [1, 2, 3, 2, 1]));
  return bind('__y', Y, bind('__a1', zip('__y', s1), zip('__y', s2)));
}
