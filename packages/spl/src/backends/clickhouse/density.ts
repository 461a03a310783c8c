// ClickHouse SQL that fits MLTK's DensityFunction to one group's collected values (IR `collect`), for
// `dist=auto|gaussian_kde|beta` (commands/fit.ts; `norm` and `expon` alone are fitted with window
// aggregates, plan/density.ts). One expression per group, folded over arrays: nothing is finished in Node.
//
// Every candidate's CDF is evaluated on one grid of DENSITY_GRID points spanning the data ± 4 standard
// deviations. A candidate's distance to the data is the Wasserstein-1 distance ∫|Fₙ − F| dx between the
// empirical CDF Fₙ and its CDF F (the grid's midpoint sum); `auto` keeps the parametric candidate (norm,
// expon, beta) with the smallest, or the kernel density when even that one is farther than sampling
// explains (AUTO_KDE_DISTANCE).
// The outlier cuts of normal and exponential fits are closed-form; a kernel density's and a beta's are read
// off the grid CDF (linear interpolation between the grid points around the tail area).
//
// Lambda variables start with `__d` so that they never shadow a column the printed arguments read.

import type { Expr } from '../../ir/types.ts';
import { DENSITY_CANDIDATES, DENSITY_FIT } from '../../models.ts';
import type { DensityCandidate } from '../../plan/density.ts';
import type { FunctionPrinter } from './functions.ts';

/**
 * `auto` keeps the nearest parametric fit while its distance is within this many standard deviations / √n
 * (a correct fit's expected distance is about 0.9 σ/√n for a normal distribution).
 */
export const AUTO_KDE_DISTANCE = 3;

/** The points of the grid the CDFs are evaluated on. */
export const DENSITY_GRID = 1024;

function candidatesOf(e: Expr | undefined): DensityCandidate[] {
  if (e?.kind !== 'literal' || typeof e.value !== 'string') throw new Error('expected the candidates');
  const v: unknown = JSON.parse(e.value);
  if (!Array.isArray(v)) throw new Error('expected a JSON list of candidates');
  return v as DensityCandidate[];
}

/** `body` with `name` bound to `value` (ClickHouse has no let: a one-element arrayMap). */
const bind = (name: string, value: string, body: string): string =>
  `arrayElement(arrayMap(${name} -> ${body}, [${value}]), 1)`;

/** The grid point where the grid CDF `cdf` reaches `level`, linearly interpolated. */
function gridCut(cdf: string, level: string, low: string, step: string): string {
  const i = `arrayFirstIndex(__dc -> __dc >= ${level}, ${cdf})`;
  // The grid's j-th point (1-based) is low + (j − 0.5)·step.
  const at = (j: string): string => `(${low} + (${j} - 0.5) * ${step})`;
  const prev = `arrayElement(${cdf}, ${i} - 1)`;
  const next = `arrayElement(${cdf}, ${i})`;
  return `multiIf(${i} = 0, ${at(String(DENSITY_GRID))}, ${i} = 1, ${at('1')}, ${at(`${i} - 1`)} + (${level} - ${prev}) / greatest(${next} - ${prev}, 1e-300) * ${step})`;
}

export const densityPrinters = {
  // density_fit(points, candidates literal) → Array(Float64) as DENSITY_FIT describes (the best candidate).
  density_fit: (e, [points = '[]'], { params }) => {
    const candidates = candidatesOf(e.args[1]);
    const f = (n: number): string => params.float(n);
    // Bound in turn: the sorted values; n, mean, min, max; the population standard deviation; the grid.
    const xs = '__dx';
    const n = '__ds.1';
    const mean = '__ds.2';
    const min = '__ds.3';
    const max = '__ds.4';
    const std = '__dv.1';
    const sstd = `(${std} * sqrt(${n} / greatest(${n} - 1, 1)))`;
    const width = `if(${std} > 0, ${std}, 1)`;
    const low = `(${min} - 4 * ${width})`;
    const step = `((${max} + 4 * ${width} - ${low}) / ${DENSITY_GRID})`;
    const grid = '__dg';
    const empirical = '__de';
    const sqrt2 = f(Math.SQRT2);
    const phi = (z: string): string => `(0.5 * (1 + erf(${z} / ${sqrt2})))`;
    const nan = 'nan';
    const area = (a: number | null): string => (a === null ? nan : f(a));

    /** [cdf on the grid, lower cut, upper cut, p1, p2] of one candidate. */
    const fitOf = (
      c: DensityCandidate,
    ): { cdf: string; lower: string; upper: string; p1: string; p2: string } => {
      const fromGrid = (cdf: string): { lower: string; upper: string } => ({
        lower: c.lower === null ? nan : gridCut(cdf, f(c.lower), low, step),
        upper: c.upper === null ? nan : gridCut(cdf, `(1 - ${f(c.upper)})`, low, step),
      });
      switch (c.dist) {
        case 'norm':
          return {
            cdf: `arrayMap(__dg1 -> ${phi(`((__dg1 - ${mean}) / ${std})`)}, ${grid})`,
            lower: c.zLower === null ? nan : `(${mean} + ${std} * ${f(c.zLower)})`,
            upper: c.zUpper === null ? nan : `(${mean} - ${std} * ${f(c.zUpper)})`,
            p1: mean,
            p2: std,
          };
        case 'expon': {
          const scale = `(${mean} - ${min})`;
          return {
            cdf: `arrayMap(__dg1 -> if(__dg1 < ${min}, 0, 1 - exp(-(__dg1 - ${min}) / ${scale})), ${grid})`,
            lower: c.lower === null ? nan : `(${min} - ${scale} * log1p(-${f(c.lower)}))`,
            upper: c.upper === null ? nan : `(${min} - ${scale} * log(${f(c.upper)}))`,
            p1: min,
            p2: scale,
          };
        }
        case 'gaussian_kde': {
          // Scott's rule, as scipy.stats.gaussian_kde: bandwidth = sample standard deviation · n^(−1/5).
          const h = `(${sstd} * pow(${n}, -0.2))`;
          const cdf = `arrayMap(__dg1 -> arrayAvg(arrayMap(__dk -> ${phi(`((__dg1 - __dk) / ${h})`)}, ${xs})), ${grid})`;
          return { cdf, ...fromGrid(cdf), p1: h, p2: n };
        }
        case 'beta': {
          // Method of moments on the values scaled to [min, max]: α = μ·c, β = (1 − μ)·c, c = μ(1 − μ)/σ² − 1.
          const range = `(${max} - ${min})`;
          const mu = `((${mean} - ${min}) / ${range})`;
          const c2 = `(${mu} * (1 - ${mu}) / pow(${std} / ${range}, 2) - 1)`;
          const a = `(${mu} * ${c2})`;
          const b = `((1 - ${mu}) * ${c2})`;
          // The density at the grid's points inside (min, max), up to its constant, then its running sum
          // normalised to 1 (the midpoint rule; the half of the current cell is the CDF at its middle).
          const u = `((__dg1 - ${min}) / ${range})`;
          const dens = `arrayMap(__dg1 -> if(${u} > 0 AND ${u} < 1, exp((${a} - 1) * log(${u}) + (${b} - 1) * log(1 - ${u})), 0), ${grid})`;
          const cdf = bind(
            '__dd',
            dens,
            `arrayMap((__dc1, __dd1) -> (__dc1 - __dd1 / 2) / arraySum(__dd), arrayCumSum(__dd), __dd)`,
          );
          return { cdf, ...fromGrid(cdf), p1: a, p2: b };
        }
      }
    };

    const fits = candidates.map((c) => {
      const fit = fitOf(c);
      const number = DENSITY_CANDIDATES.indexOf(c.dist) + 1;
      const distance = bind(
        '__dcdf',
        fit.cdf,
        `arraySum(arrayMap((__de1, __df1) -> abs(__de1 - __df1), ${empirical}, __dcdf)) * ${step}`,
      );
      return `[toFloat64(${number}), ${fit.lower}, ${fit.upper}, ${area(c.lower)}, ${area(c.upper)}, if(isFinite(${distance}), ${distance}, inf), ${fit.p1}, ${fit.p2}]`;
    });
    // The parametric candidate with the smallest distance (the first of equals); with a kernel density
    // among the candidates (`auto`), that one instead when even the best parametric fit is farther from
    // the data than sampling explains: AUTO_KDE_DISTANCE/√n standard deviations. (A kernel density is
    // fitted to the data themselves: by distance alone it would nearly always win.)
    const kde = candidates.findIndex((c) => c.dist === 'gaussian_kde');
    const parametric = fits.filter((_, i) => i !== kde);
    const nearest =
      parametric.length === 0
        ? (fits[kde] ?? '[]')
        : bind(
            '__dfits',
            `[${parametric.join(', ')}]`,
            `arrayElement(__dfits, arrayFirstIndex(__dfit -> __dfit[${DENSITY_FIT.distance}] = arrayMin(arrayMap(__dfit2 -> __dfit2[${DENSITY_FIT.distance}], __dfits)), __dfits))`,
          );
    const best =
      kde < 0 || parametric.length === 0
        ? nearest
        : bind(
            '__dbest',
            nearest,
            `if(__dbest[${DENSITY_FIT.distance}] > ${f(AUTO_KDE_DISTANCE)} * ${std} / sqrt(${n}), ${fits[kde] ?? '[]'}, __dbest)`,
          );
    // One value, or all equal: a normal distribution of no spread (nothing lies outside it).
    const first = candidates[0];
    const degenerate = `[toFloat64(1), ${mean}, ${mean}, ${area(first?.lower ?? null)}, ${area(first?.upper ?? null)}, 0, ${mean}, 0]`;
    const body = `if(${n} < 2 OR ${std} = 0, ${degenerate}, ${best})`;
    const withGrid = bind(
      grid,
      `arrayMap(__dj -> ${low} + (__dj - 0.5) * ${step}, range(1, ${DENSITY_GRID + 1}))`,
      bind(empirical, `arrayMap(__dg1 -> arrayCount(__dx1 -> __dx1 <= __dg1, ${xs}) / ${n}, ${grid})`, body),
    );
    const withStd = bind(
      '__dv',
      `tuple(sqrt(arrayAvg(arrayMap(__dx1 -> pow(__dx1 - ${mean}, 2), ${xs}))))`,
      withGrid,
    );
    const withStats = bind(
      '__ds',
      `tuple(toFloat64(length(${xs})), arrayAvg(${xs}), arrayElement(${xs}, 1), arrayElement(${xs}, -1))`,
      withStd,
    );
    return bind(xs, `arraySort(arrayMap(__dp -> toFloat64(__dp), ${points}))`, withStats);
  },
  // density_param(fit, position literal) → the number at that position of a `density_fit` result, null
  // when it is NaN (no outlier region on that side) or the row has no fit (an array is never Nullable: a
  // row the join found no group for has an empty one).
  density_param: (e, [fit = 'NULL']) => {
    const at = e.args[1];
    if (at?.kind !== 'literal' || typeof at.value !== 'number') throw new Error('expected a position');
    const v = `arrayElement(${fit}, ${Math.trunc(at.value)})`;
    return `if(empty(${fit}) OR isNaN(${v}), NULL, ${v})`;
  },
} satisfies Record<string, FunctionPrinter>;
