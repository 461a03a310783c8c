// The X11 seasonal adjustment as one ClickHouse array expression (IR `SeriesModel`, x11): centred moving
// average trend, seasonal moving averages per phase, Henderson trend, seasonal again, each a moving average
// over shifted copies of the series (no array captured by a per-element lambda) or, for the long centred
// average, over cumulative sums. Stages are bound to names with one-element `arrayMap`s, so each is written
// once. A neighbour that is missing (null, or past either end) is left out and the other weights rescaled.

/** `body` with `name` bound to the value of `value` (SQL). */
const bind = (name: string, value: string, body: string): string =>
  `arrayElement(arrayMap(${name} -> ${body}, [${value}]), 1)`;

const NULLS = 'CAST([] AS Array(Nullable(Float64)))';

/**
 * `Y` shifted so that element i holds Y[i + k·unit] (null past the ends); `unit` is SQL (1, or the
 * period).
 */
const shifted = (Y: string, k: number, unit: string): string =>
  k === 0
    ? Y
    : k > 0
      ? `arrayShiftLeft(${Y}, ${String(k)} * ${unit})`
      : `arrayShiftRight(${Y}, ${String(-k)} * ${unit})`;

/**
 * The moving average of `Y` with weights (SQL numbers) at offsets, null where `Y` is null; missing
 * neighbours' weights left out.
 */
function weighted(Y: string, terms: readonly { offset: number; weight: string }[], unit = '1'): string {
  const xs = terms.map((_, i) => `x${String(i)}`);
  const centre = terms.findIndex((t) => t.offset === 0);
  const num = terms.map((t, i) => `${t.weight} * ifNull(${xs[i] ?? ''}, 0)`).join(' + ');
  const den = terms.map((t, i) => `if(isNull(${xs[i] ?? ''}), 0, ${t.weight})`).join(' + ');
  return bind(
    '__w',
    Y,
    `arrayMap((${xs.join(', ')}) -> if(isNull(${xs[centre] ?? ''}), NULL, (${num}) / nullIf(${den}, 0)), ${terms.map((t) => shifted('__w', t.offset, unit)).join(', ')})`,
  );
}

/**
 * The centred moving average over one period `p` (SQL: a 2×p average when p is even, half weights at both
 * ends), from cumulative sums of the series padded with nulls, null where `Y` is null.
 */
function centred(Y: string, p: string, n: string): string {
  const h = `intDiv(${p}, 2)`;
  const P = `arrayConcat(arrayResize(${NULLS}, ${h} + 1), ${Y}, arrayResize(${NULLS}, ${h}))`;
  const C = `arrayCumSum(arrayMap(x -> ifNull(x, 0), __p))`;
  const K = `arrayCumSum(arrayMap(x -> if(isNull(x), 0, 1), __p))`;
  // Over [i − h, i + h]: C[i + 2h + 1] − C[i] in the padded positions.
  const box = (S: string): string =>
    `arrayMap((a, b) -> a - b, arraySlice(${S}, 2 * ${h} + 2, ${n}), arraySlice(${S}, 1, ${n}))`;
  const lo = `arraySlice(__p, 2, ${n})`;
  const hi = `arraySlice(__p, 2 * ${h} + 2, ${n})`;
  const even = `arrayMap((y, s, k, l, r) -> if(isNull(y), NULL, (2 * s - ifNull(l, 0) - ifNull(r, 0)) / nullIf(2 * k - if(isNull(l), 0, 1) - if(isNull(r), 0, 1), 0)), ${Y}, ${box('__c')}, ${box('__k')}, ${lo}, ${hi})`;
  const odd = `arrayMap((y, s, k) -> if(isNull(y), NULL, s / nullIf(k, 0)), ${Y}, ${box('__c')}, ${box('__k')})`;
  return bind('__p', P, bind('__c', C, bind('__k', K, `if(${p} % 2 = 0, ${even}, ${odd})`)));
}

/** The longest Henderson filter: 23 points. */
const HENDERSON_HALF = 11;

/**
 * The weight (SQL) at offset `j` of the Henderson filter of 2m+1 points, m = ⌊p/2⌋ up to 11 (13 points
 * for a period of 12); 0 beyond m.
 */
function hendersonWeight(p: string, j: number): string {
  const m = `least(intDiv(${p}, 2), ${String(HENDERSON_HALF)})`;
  const n = `(${m} + 2)`;
  const jj = String(j * j);
  const sq = (x: string): string => `(${x} * ${x})`;
  const num = `315 * (${sq(`(${n} - 1)`)} - ${jj}) * (${sq(n)} - ${jj}) * (${sq(`(${n} + 1)`)} - ${jj}) * (3 * ${sq(n)} - 16 - 11 * ${jj})`;
  const den = `8 * ${n} * (${sq(n)} - 1) * (4 * ${sq(n)} - 1) * (4 * ${sq(n)} - 9) * (4 * ${sq(n)} - 25)`;
  return `if(${String(Math.abs(j))} > ${m}, 0, ${num} / ${den})`;
}

/** A seasonal (3×3 or 3×5) moving average over the same phase of neighbouring periods. */
const seasonal = (Y: string, p: string, weights: readonly number[]): string => {
  const m = (weights.length - 1) / 2;
  return weighted(
    Y,
    weights.map((w, i) => ({ offset: i - m, weight: String(w) })),
    p,
  );
};

/**
 * The seasonally adjusted series of `Y` (SQL, an `Array(Nullable(Float64))`) with period `p` (SQL, a whole
 * number ≥ 2): additive (O − S) or multiplicative (O / S).
 */
export function x11Sql(Y: string, p: string, mult: boolean): string {
  const op = (a: string, b: string): string => (mult ? `if(${b} = 0, NULL, ${a} / ${b})` : `${a} - ${b}`);
  const zip = (A: string, B: string): string => `arrayMap((a, b) -> ${op('a', 'b')}, ${A}, ${B})`;
  const n = 'length(__y)';
  // Seasonal factors centred on one period (sum 0, or mean 1).
  const normalised = (S: string): string => bind('__s', S, zip('__s', centred('__s', p, n)));
  const trend2 = weighted(
    '__a1',
    Array.from({ length: 2 * HENDERSON_HALF + 1 }, (_, i) => ({
      offset: i - HENDERSON_HALF,
      weight: hendersonWeight(p, i - HENDERSON_HALF),
    })),
  );
  const s2 = normalised(seasonal(zip('__y', trend2), p, [1, 2, 3, 3, 3, 2, 1]));
  const s1 = normalised(seasonal(zip('__y', centred('__y', p, n)), p, [1, 2, 3, 2, 1]));
  return bind('__y', Y, bind('__a1', zip('__y', s1), zip('__y', s2)));
}

/**
 * The period of `Y` (SQL): the lag from 5 to half the series (at most 1000) at which the series' changes
 * (first differences, less their mean) correlate most with themselves; the shortest on a tie; 5 for a
 * series of fewer than 10 values.
 */
export function periodSql(Y: string): string {
  const D = `arrayMap((a, b) -> b - a, arrayPopBack(__y), arrayPopFront(__y))`;
  const centredD = bind(
    '__m',
    'arrayAvg(arrayMap(v -> assumeNotNull(v), arrayFilter(v -> isNotNull(v), __d)))',
    'arrayMap(x -> x - __m, __d)',
  );
  const lags = `range(5, least(1000, intDiv(length(__y), 2)) + 1)`;
  const score = `arrayMap(c -> (arraySum(arrayMap((a, b) -> ifNull(a * b, 0), __e, arrayShiftLeft(__e, c))), c), ${lags})`;
  const best = `if(empty(${lags}), 5, tupleElement(arraySort(x -> (-tupleElement(x, 1), tupleElement(x, 2)), ${score})[1], 2))`;
  return bind('__y', Y, bind('__d', D, bind('__e', centredD, best)));
}
