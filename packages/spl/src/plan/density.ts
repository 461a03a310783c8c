// MLTK's DensityFunction as IR, shared by `fit`, `apply` and `summary`: the outlier cuts of a fitted normal
// or exponential distribution, and the fields MLTK adds to each result (IsOutlier, BoundaryRanges,
// ProbabilityDensity). The cuts are where the distribution's tail area equals the threshold: the quantiles
// are computed here (the threshold is known when compiling), the parameters come from the data or a model.

import type { Expr, Rel } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import type { Span } from '../diagnostics.ts';
import type { DensityChoice, DensityDist, DensityModel, DensityThreshold } from '../models.ts';
import { DENSITY_CANDIDATES } from '../models.ts';
import { firstValue, toMv, toStr } from './coerce.ts';
import { normalQuantile } from './normal.ts';
import type { Scope } from './scope.ts';

/** The separator of a group's `by` values in its key (a control character no field name or value uses). */
export const KEY_SEPARATOR = '\u001f';

/** A group's key from its `by` values: their texts joined; null when one is missing. */
export function groupKey(values: readonly Expr[]): Expr {
  if (values.length === 0) return lit('');
  return values
    .map((v) => toStr(firstValue(v)))
    .reduce((a, b) => call('concat', [call('concat', [a, lit(KEY_SEPARATOR)], 'string'), b], 'string'));
}

/** The area of each tail that is an outlier region (undefined: that tail is not). */
export function tailAreas(dist: DensityDist, t: DensityThreshold): { lower?: number; upper?: number } {
  if (t.kind === 'tails') return t;
  // MLTK: a normal distribution's threshold is split between its two tails; an exponential one has only
  // its right tail. Nexus splits a kernel density's and a beta's between both tails too.
  return dist === 'expon' ? { upper: t.area } : { lower: t.area / 2, upper: t.area / 2 };
}

/**
 * One distribution `density_fit` fits (backends/clickhouse/density.ts): its tail areas (null: no outlier
 * region on that side) and their standard normal quantiles, for the normal cuts.
 */
export interface DensityCandidate {
  readonly dist: DensityDist;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly zLower: number | null;
  readonly zUpper: number | null;
}

/** The distributions a `dist=` fits in SQL (all four for `auto`), each with its tail areas. */
export function densityCandidates(dist: DensityChoice, t: DensityThreshold): DensityCandidate[] {
  const dists = dist === 'auto' ? DENSITY_CANDIDATES : [dist];
  return dists.map((d) => {
    const a = tailAreas(d, t);
    return {
      dist: d,
      lower: a.lower ?? null,
      upper: a.upper ?? null,
      zLower: a.lower === undefined ? null : normalQuantile(a.lower),
      zUpper: a.upper === undefined ? null : normalQuantile(a.upper),
    };
  });
}

/** The closed-form distributions `densityOutputs` computes cuts for from window aggregates. */
export type ClosedFormDist = 'norm' | 'expon';

/** A group's fitted parameters as expressions (window columns when fitting, the model's values when applying). */
export interface DensityParams {
  readonly mean: Expr;
  readonly std: Expr;
  readonly min: Expr;
}

const num = (fn: 'add' | 'sub' | 'mul' | 'div', a: Expr, b: Expr): Expr => call(fn, [a, b], 'number');

/** The value where the lower (left) tail's area is `area`. */
function lowerCut(dist: ClosedFormDist, p: DensityParams, area: number): Expr {
  if (dist === 'norm') return num('add', p.mean, num('mul', p.std, lit(normalQuantile(area))));
  // Exponential: F(x) = 1 − e^(−(x − loc)/scale), loc = min, scale = mean − min.
  return num('sub', p.min, num('mul', num('sub', p.mean, p.min), lit(Math.log1p(-area))));
}

/** The value where the upper (right) tail's area is `area`. */
function upperCut(dist: ClosedFormDist, p: DensityParams, area: number): Expr {
  if (dist === 'norm') return num('sub', p.mean, num('mul', p.std, lit(normalQuantile(area))));
  return num('sub', p.min, num('mul', num('sub', p.mean, p.min), lit(Math.log(area))));
}

/** The probability density at `v`. */
function density(dist: ClosedFormDist, p: DensityParams, v: Expr): Expr {
  if (dist === 'norm') {
    const z = num('div', num('sub', v, p.mean), p.std);
    const e = call('exp', [num('mul', lit(-0.5), num('mul', z, z))], 'number');
    return num('div', e, num('mul', p.std, lit(Math.sqrt(2 * Math.PI))));
  }
  const scale = num('sub', p.mean, p.min);
  const e = call('exp', [call('neg', [num('div', num('sub', v, p.min), scale)], 'number')], 'number');
  return call('if', [call('lt', [v, p.min], 'bool'), lit(0), num('div', e, scale)], 'number');
}

/** What DensityFunction adds to each result, for `fit` and `apply`. */
export interface DensitySpec {
  readonly field: string;
  readonly dist: ClosedFormDist;
  readonly threshold: DensityThreshold;
  readonly showDensity: boolean;
}

/**
 * Adds `IsOutlier(<field>)` (1 outside the cuts, 0 inside, null without a value or a fitted group),
 * `BoundaryRanges` (`-Infinity:<cut>:<area>` and `<cut>:Infinity:<area>`, MLTK's text) and, with
 * `show_density`, `ProbabilityDensity(<field>)`, computed from `v` and the group's parameters `p`
 * (`fitted` is true where the row has a fitted group).
 */
export function densityOutputs(
  rel: Rel,
  scope: Scope,
  spec: DensitySpec,
  v: Expr,
  p: DensityParams,
  fitted: Expr,
): { rel: Rel; scope: Scope } {
  const areas = tailAreas(spec.dist, spec.threshold);
  const lower = areas.lower === undefined ? undefined : lowerCut(spec.dist, p, areas.lower);
  const upper = areas.upper === undefined ? undefined : upperCut(spec.dist, p, areas.upper);
  const outside = [
    ...(lower ? [call('lt', [v, lower], 'bool')] : []),
    ...(upper ? [call('gt', [v, upper], 'bool')] : []),
  ].reduce((a, b) => call('or', [a, b], 'bool'));
  const known = call('and', [fitted, call('isnotnull', [v], 'bool')], 'bool');
  const isOutlier = call('if', [known, call('if', [outside, lit(1), lit(0)], 'number'), lit(null)], 'number');
  const text = (e: Expr): Expr => call('tostring', [e], 'string');
  const cat = (...parts: Expr[]): Expr => parts.reduce((a, b) => call('concat', [a, b], 'string'));
  const ranges = [
    ...(lower && areas.lower !== undefined
      ? [cat(lit('-Infinity:'), text(lower), lit(`:${String(areas.lower)}`))]
      : []),
    ...(upper && areas.upper !== undefined
      ? [cat(text(upper), lit(`:Infinity:${String(areas.upper)}`))]
      : []),
  ];
  const boundaries = call('if', [fitted, call('mvappend', ranges.map(toMv), 'mv'), toMv(lit(null))], 'mv');
  const outputs: { name: string; expr: Expr; type: 'number' | 'mv' }[] = [
    { name: `IsOutlier(${spec.field})`, expr: isOutlier, type: 'number' },
    { name: 'BoundaryRanges', expr: boundaries, type: 'mv' },
    ...(spec.showDensity
      ? [
          {
            name: `ProbabilityDensity(${spec.field})`,
            expr: call('if', [known, density(spec.dist, p, v), lit(null)], 'number'),
            type: 'number' as const,
          },
        ]
      : []),
  ];
  return withOutputs(rel, scope, outputs);
}

/** A group's cuts and their tail areas as expressions (null where that side has no outlier region). */
export interface DensityCuts {
  readonly lower: Expr;
  readonly upper: Expr;
  readonly lowerArea: Expr;
  readonly upperArea: Expr;
}

/**
 * Adds `IsOutlier(<field>)` and `BoundaryRanges` from cuts already computed per group (`dist=auto`,
 * `gaussian_kde`, `beta`: by `density_fit` when fitting, from the model when applying); `fitted` is true
 * where the row has a fitted group.
 */
export function cutOutputs(
  rel: Rel,
  scope: Scope,
  field: string,
  v: Expr,
  cuts: DensityCuts,
  fitted: Expr,
): { rel: Rel; scope: Scope } {
  const and = (a: Expr, b: Expr): Expr => call('and', [a, b], 'bool');
  const has = (e: Expr): Expr => call('isnotnull', [e], 'bool');
  const outside = call(
    'or',
    [
      and(has(cuts.lower), call('lt', [v, cuts.lower], 'bool')),
      and(has(cuts.upper), call('gt', [v, cuts.upper], 'bool')),
    ],
    'bool',
  );
  const known = and(fitted, has(v));
  const isOutlier = call('if', [known, call('if', [outside, lit(1), lit(0)], 'number'), lit(null)], 'number');
  const text = (e: Expr): Expr => call('tostring', [e], 'string');
  const cat = (...parts: Expr[]): Expr => parts.reduce((a, b) => call('concat', [a, b], 'string'));
  const range = (cut: Expr, textOf: Expr): Expr => toMv(call('if', [has(cut), textOf, lit(null)], 'string'));
  const ranges = call(
    'mvappend',
    [
      range(cuts.lower, cat(lit('-Infinity:'), text(cuts.lower), lit(':'), text(cuts.lowerArea))),
      range(cuts.upper, cat(text(cuts.upper), lit(':Infinity:'), text(cuts.upperArea))),
    ],
    'mv',
  );
  const outputs = [
    { name: `IsOutlier(${field})`, expr: isOutlier, type: 'number' as const },
    {
      name: 'BoundaryRanges',
      expr: call('if', [fitted, ranges, toMv(lit(null))], 'mv'),
      type: 'mv' as const,
    },
  ];
  return withOutputs(rel, scope, outputs);
}

/**
 * What `fit … into <name>` asks the service to save: `rel` gives one row per group (at most
 * `MODEL_MAX_GROUPS` + 1, so the service can refuse more), with the group's `by` values in `keyColumns`
 * and its statistics in the columns `statColumns` names.
 */
export interface ModelSave {
  readonly name: string;
  readonly model: Omit<DensityModel, 'groups'>;
  readonly rel: Rel;
  readonly keyColumns: readonly string[];
  readonly statColumns: { readonly [K in 'cardinality' | 'mean' | 'std' | 'min' | 'max']: string };
  /**
   * `dist=auto|gaussian_kde|beta`: the columns of each group's fitted distribution (its number in
   * `DENSITY_DISTS`, cuts, distance and parameters; null where a cut is absent).
   */
  readonly fitColumns?: {
    readonly [K in 'dist' | 'lower' | 'upper' | 'distance' | 'p1' | 'p2']: string;
  };
  /** The command, for a diagnostic the service raises. */
  readonly span: Span;
}

/** `rel` with each output computed in order, and `scope` with their names and types. */
function withOutputs(
  rel: Rel,
  scope: Scope,
  outputs: readonly { readonly name: string; readonly expr: Expr; readonly type: 'number' | 'mv' }[],
): { rel: Rel; scope: Scope } {
  let out = rel;
  let sc = scope;
  for (const o of outputs) {
    out = { kind: 'compute', input: out, name: o.name, expr: o.expr };
    sc = sc.with(o.name, o.type);
  }
  return { rel: out, scope: sc };
}
