// Prints series models (IR `SeriesModel`: predict, x11) as one statement: the input's rows are numbered in
// their order and collected into one array of tuples; each model runs over its values with array functions
// (the Kalman filters as `arrayFold`); the array, padded with the added rows, is expanded back into rows.
//
// No array is captured by a lambda that runs per element (ClickHouse copies a captured array into each
// call): the models read their values as `arrayFold`/`arrayMap` arguments.

import type { SeriesModel, TimeSeriesModel } from '../../ir/types.ts';
import { printExpr } from './expr.ts';
import type { Layer, SelectItem } from './print.ts';
import { orderSql } from './print.ts';
import { quoteIdent as q } from './quote.ts';
import type { LayerPrinter } from './transaction.ts';
import { over, pass } from './transaction.ts';
import { periodSql, x11Sql } from './x11.ts';

/** `count` Float64 zeros, then `rest`, as a tuple literal. */
const zeros = (count: number, ...rest: string[]): string =>
  `(${[...Array.from({ length: count }, () => '0'), ...rest].join(', ')})`;

const F64 = 'Float64';
const NULLABLES = 'Array(Nullable(Float64))';

/**
 * A Kalman filter: its state (Float64s), the step over the value `y` (its state `s`), the one-step-ahead
 * prediction and its variance (in units of the measurement noise variance) read from the state before the
 * step, and the positions of the likelihood sums `S` (Σ v²/F), `L` (Σ log F) and `m` (updates).
 */
interface Filter {
  readonly size: number;
  step(s: string, y: string, q: readonly string[]): string;
  prediction(s: string): string;
  variance(s: string): string;
  readonly sums: readonly [number, number, number];
  /** The grid of noise variance ratios, each a tuple of `q` values (SQL). */
  readonly grid: string;
  readonly ratios: number;
}

const e = (s: string, i: number): string => `tupleElement(${s}, ${String(i)})`;

/** The first `n` elements of the tuple `s`. */
const elements = (s: string, n: number): string[] => Array.from({ length: n }, (_, i) => e(s, i + 1));

/**
 * Local level: state (seen, a, p, S, L, m), `a` the level predicted for the next value and `p` its variance;
 * q[0] the level's variance. Diffuse start: the first value is the level, with variance 1.
 */
const localLevel: Filter = {
  size: 6,
  step(s, y, [ql = '0']) {
    const [seen = '', a = '', p = '', S = '', L = '', m = ''] = elements(s, 6);
    const F = `(${p} + 1)`;
    const v = `(${y} - ${a})`;
    const missing = `(${seen}, ${a}, if(${seen} > 0, ${p} + ${ql}, ${p}), ${S}, ${L}, ${m})`;
    const first = `(1, ${y}, 1 + ${ql}, ${S}, ${L}, ${m})`;
    const update = `(1, ${a} + ${p} / ${F} * ${v}, ${p} - ${p} * ${p} / ${F} + ${ql}, ${S} + ${v} * ${v} / ${F}, ${L} + log(${F}), ${m} + 1)`;
    return `multiIf(isNull(${y}), ${missing}, ${seen} = 0, ${first}, ${update})`;
  },
  prediction: (s) => `if(${e(s, 1)} > 0, ${e(s, 2)}, NULL)`,
  variance: (s) => `if(${e(s, 1)} > 0, ${e(s, 3)} + 1, NULL)`,
  sums: [4, 5, 6],
  // 0 and 10^(k/4) for k = −16 … 16.
  grid: `arrayMap(k -> tuple(if(k = -17, 0, pow(10, k / 4))), range(-17, 17))`,
  ratios: 1,
};

/** 0 and 10^(k/2) for k = −8 … 6. */
const SLOPE_GRID = 'arrayMap(k -> if(k = -9, 0, pow(10, k / 2)), range(-9, 7))';

/**
 * Local level and trend: state (seen, y1, a1, a2, p11, p12, p22, S, L, m), (a1, a2) the level and slope
 * predicted for the next value with covariance [[p11, p12], [p12, p22]]; q = (level, slope) variances.
 * Diffuse start: the first two values give the level and the slope exactly.
 */
const localLevelTrend: Filter = {
  size: 10,
  step(s, y, [q1 = '0', q2 = '0']) {
    const [seen = '', y1 = '', a1 = '', a2 = '', p11 = '', p12 = '', p22 = '', S = '', L = '', m = ''] =
      elements(s, 10);
    const started = `${seen} >= 2`;
    const missing = `(${seen}, ${y1}, if(${started}, ${a1} + ${a2}, ${a1}), ${a2}, if(${started}, ${p11} + 2 * ${p12} + ${p22} + ${q1}, ${p11}), if(${started}, ${p12} + ${p22}, ${p12}), if(${started}, ${p22} + ${q2}, ${p22}), ${S}, ${L}, ${m})`;
    const first = `(1, ${y}, ${a1}, ${a2}, ${p11}, ${p12}, ${p22}, ${S}, ${L}, ${m})`;
    const second = `(2, ${y1}, 2 * ${y} - ${y1}, ${y} - ${y1}, 5 + 2 * ${q1} + ${q2}, 3 + ${q1} + ${q2}, 2 + ${q1} + 2 * ${q2}, ${S}, ${L}, ${m})`;
    const F = `(${p11} + 1)`;
    const v = `(${y} - ${a1})`;
    const f2 = `(${a2} + ${p12} / ${F} * ${v})`;
    const f1 = `(${a1} + ${p11} / ${F} * ${v})`;
    const g11 = `(${p11} - ${p11} * ${p11} / ${F})`;
    const g12 = `(${p12} - ${p11} * ${p12} / ${F})`;
    const g22 = `(${p22} - ${p12} * ${p12} / ${F})`;
    const update = `(2, ${y1}, ${f1} + ${f2}, ${f2}, ${g11} + 2 * ${g12} + ${g22} + ${q1}, ${g12} + ${g22}, ${g22} + ${q2}, ${S} + ${v} * ${v} / ${F}, ${L} + log(${F}), ${m} + 1)`;
    return `multiIf(isNull(${y}), ${missing}, ${seen} = 0, ${first}, ${seen} = 1, ${second}, ${update})`;
  },
  prediction: (s) => `if(${e(s, 1)} >= 2, ${e(s, 3)}, NULL)`,
  variance: (s) => `if(${e(s, 1)} >= 2, ${e(s, 5)} + 1, NULL)`,
  sums: [8, 9, 10],
  // Each variance 0 or 10^(k/2) for k = −8 … 6: 16 × 16 pairs.
  grid: `arrayFlatten(arrayMap(a -> arrayMap(b -> (a, b), ${SLOPE_GRID}), ${SLOPE_GRID}))`,
  ratios: 2,
};

/** The filter of a Kalman model. */
const filters: Record<'LL' | 'LLT', Filter> = { LL: localLevel, LLT: localLevelTrend };

/** The ratios tuple's elements as SQL. */
const ratioArgs = (f: Filter, r: string): string[] => elements(r, f.ratios);

/**
 * The grid point that minimises −2 log L concentrated over the measurement variance,
 * m·log(S/m) + L, for values `Y` (SQL).
 */
function bestRatios(f: Filter, Y: string): string {
  const state = `Tuple(${Array.from({ length: f.size }, () => F64).join(', ')})`;
  const fold = `arrayFold((s, y) -> CAST(${f.step('s', 'y', ratioArgs(f, 'r'))} AS ${state}), ${Y}, CAST(${zeros(f.size)} AS ${state}))`;
  const [S, L, m] = f.sums.map((i) => e('t', i)) as [string, string, string];
  const objective = `arrayMap(t -> ${m} * log(${S} / ${m}) + ${L}, [${fold}])[1]`;
  return e(`arraySort(x -> tupleElement(x, 1), arrayMap(r -> (${objective}, r), ${f.grid}))[1]`, 2);
}

/**
 * The final run with the chosen ratios `R`: the state with the predictions and their variances (two
 * arrays, the state's last elements).
 */
function finalRun(f: Filter, Y: string, R: string): string {
  const state = `Tuple(${[...Array.from({ length: f.size }, () => F64), NULLABLES, NULLABLES].join(', ')})`;
  const n = f.size;
  const step = f.step('s', 'y', ratioArgs(f, R));
  // The step's tuple, with both arrays pushed (the prediction read before the step).
  const record = `tuple(${elements('t', n).join(', ')}, arrayPushBack(${e('s', n + 1)}, ${f.prediction('s')}), arrayPushBack(${e('s', n + 2)}, ${f.variance('s')}))`;
  const body = `arrayMap(t -> ${record}, [${step}])[1]`;
  return `arrayFold((s, y) -> CAST(${body} AS ${state}), ${Y}, CAST(${zeros(n, '[]', '[]')} AS ${state}))`;
}

/** Each row's (prediction, variance) of model `m` over values `Y`, from the final run's state `FIN`. */
function outputs(m: TimeSeriesModel, FIN: string): string {
  if (m.algorithm === 'x11-add' || m.algorithm === 'x11-mult')
    return `arrayMap(a -> (a, CAST(NULL AS Nullable(Float64))), ${FIN})`;
  const f = filters[m.algorithm];
  const [S, , count] = f.sums.map((i) => e(FIN, i)) as [string, string, string];
  const sigma2 = `if(${count} > 0, ${S} / ${count}, NULL)`;
  return `arrayMap((a, v) -> (a, v * ${sigma2}), ${e(FIN, f.size + 1)}, ${e(FIN, f.size + 2)})`;
}

export function printSeriesModel(p: LayerPrinter, r: SeriesModel): Layer {
  // The rows numbered in their order, with each model's value.
  const input = p.wrap(p.rel(r.input));
  const ctx = p.ctx(input);
  const POS = p.hidden();
  const order = input.order.length > 0 ? `ORDER BY ${orderSql(input.order)}` : '';
  input.select.push({ sql: `row_number() OVER (${order})`, alias: POS });
  const values = r.models.map((m) => {
    const alias = p.hidden();
    input.select.push({ sql: `toNullable(toFloat64(${printExpr(m.value, ctx)}))`, alias });
    return alias;
  });
  input.fresh = false;
  // One row: every row as a tuple (position, columns…, values…), in order. Multivalue columns are not
  // Nullable; the others are made so, so the added rows have nulls.
  const R = p.hidden();
  const items = [
    q(POS),
    ...r.columns.map((c) => (c.type === 'mv' ? q(c.name) : `toNullable(${q(c.name)})`)),
    ...values.map(q),
  ];
  const collected = over(p, input, [
    { sql: `arraySort(x -> tupleElement(x, 1), groupArray(tuple(${items.join(', ')})))`, alias: R },
  ]);
  const valueAt = (k: number): number => 2 + r.columns.length + k;
  // Each model's values: the held-back ones null, the added rows' null.
  const N = p.hidden();
  const Ys = r.models.map(() => p.hidden());
  const series = over(p, collected, [
    ...pass(R),
    { sql: `length(${q(R)})`, alias: N },
    ...r.models.map((m, k) => ({
      sql: `arrayConcat(arrayMap(x -> tupleElement(x, ${String(valueAt(k))}), arraySlice(${q(R)}, 1, greatest(length(${q(R)}) - ${String(m.holdback)}, 0))), arrayResize(CAST([] AS ${NULLABLES}), least(${String(m.holdback)}, length(${q(R)})) + ${String(r.future)}))`,
      alias: Ys[k] ?? '',
    })),
  ]);
  const Bs = r.models.map(() => p.hidden());
  const fitted = over(p, series, [
    ...pass(R, N, ...Ys),
    // The Kalman models' variance ratios; the period of an x11 model that has none.
    ...r.models.flatMap((m, k) =>
      m.algorithm === 'LL' || m.algorithm === 'LLT'
        ? [{ sql: bestRatios(filters[m.algorithm], q(Ys[k] ?? '')), alias: Bs[k] ?? '' }]
        : m.period === null
          ? [{ sql: periodSql(q(Ys[k] ?? '')), alias: Bs[k] ?? '' }]
          : [],
    ),
  ]);
  const FINs = r.models.map(() => p.hidden());
  const run = over(p, fitted, [
    ...pass(R, N),
    ...r.models.map((m, k) => ({
      sql:
        m.algorithm === 'LL' || m.algorithm === 'LLT'
          ? finalRun(filters[m.algorithm], q(Ys[k] ?? ''), q(Bs[k] ?? ''))
          : x11Sql(
              q(Ys[k] ?? ''),
              m.period === null ? q(Bs[k] ?? '') : String(m.period),
              m.algorithm === 'x11-mult',
            ),
      alias: FINs[k] ?? '',
    })),
  ]);
  // One row per position: the input's rows, then the added ones.
  const J = p.hidden();
  const LAST = p.hidden();
  const STEP = p.hidden();
  const timeAt = r.time === null ? -1 : r.columns.findIndex((c) => c.name === r.time);
  // The time column as a number to step on: milliseconds of a time, or the number itself (epoch
  // seconds after `eval _time=…`); text is not stepped.
  const timeType = r.columns[timeAt]?.type;
  const stepped = timeType === 'time' || timeType === 'number';
  const asNumber = (t: string): string =>
    timeType === 'time' ? `toUnixTimestamp64Milli(toDateTime64(${t}, 3, 'UTC'))` : `toFloat64(${t})`;
  const tAt = (i: string): string => `tupleElement(arrayElement(${q(R)}, ${i}), ${String(timeAt + 2)})`;
  const expanded = over(p, run, [
    {
      sql: `arrayJoin(arrayZip(arrayEnumerate(arrayResize(${q(R)}, ${q(N)} + ${String(r.future)})), arrayResize(${q(R)}, ${q(N)} + ${String(r.future)}), ${r.models.map((m, k) => outputs(m, q(FINs[k] ?? ''))).join(', ')}))`,
      alias: J,
    },
    ...pass(N),
    ...(stepped
      ? [
          { sql: asNumber(tAt(q(N))), alias: LAST },
          {
            sql: `if(${q(N)} >= 2, ${asNumber(tAt(q(N)))} - ${asNumber(tAt(`${q(N)} - 1`))}, 0)`,
            alias: STEP,
          },
        ]
      : []),
  ]);
  const I = p.hidden();
  const j = (...path: number[]): string => path.reduce((s, i) => e(s, i), q(J));
  const next = `${q(LAST)} + (${j(1)} - ${q(N)}) * ${q(STEP)}`;
  const select: SelectItem[] = r.columns.map((c, i) => ({
    sql:
      i === timeAt && stepped
        ? timeType === 'time'
          ? `if(${j(1)} > ${q(N)}, fromUnixTimestamp64Milli(${next}, 'UTC'), ${j(2, i + 2)})`
          : `if(${j(1)} > ${q(N)}, ${next}, toFloat64(${j(2, i + 2)}))`
        : j(2, i + 2),
    alias: c.name,
  }));
  r.models.forEach((m, k) => {
    const prediction = j(3 + k, 1);
    select.push({ sql: prediction, alias: m.prediction });
    const sd = `sqrt(${j(3 + k, 2)})`;
    if (m.upper)
      select.push({ sql: `${prediction} + ${p.params.float(m.upper.z)} * ${sd}`, alias: m.upper.name });
    if (m.lower)
      select.push({ sql: `${prediction} - ${p.params.float(m.lower.z)} * ${sd}`, alias: m.lower.name });
  });
  select.push({ sql: j(1), alias: I });
  const out = over(p, expanded, select);
  out.order = [{ alias: I, descending: false }];
  out.visible = [
    ...r.columns,
    ...r.models.flatMap((m) => [
      { name: m.prediction, type: 'number' as const },
      ...(m.upper ? [{ name: m.upper.name, type: 'number' as const }] : []),
      ...(m.lower ? [{ name: m.lower.name, type: 'number' as const }] : []),
    ]),
  ];
  out.raw = false;
  return out;
}
