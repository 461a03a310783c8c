// MLTK's DensityFunction as IR, shared by `fit`, `apply` and `summary`: the outlier cuts of a fitted normal
// or exponential distribution, and the fields MLTK adds to each result (IsOutlier, BoundaryRanges,
// ProbabilityDensity). The cuts are where the distribution's tail area equals the threshold: the quantiles
// are computed here (the threshold is known when compiling), the parameters come from the data or a model.

import type { Expr, Rel } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import type { Span } from '../diagnostics.ts';
import type { DensityDist, DensityModel, DensityThreshold } from '../models.ts';
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
  // its right tail.
  return dist === 'norm' ? { lower: t.area / 2, upper: t.area / 2 } : { upper: t.area };
}

/** A group's fitted parameters as expressions (window columns when fitting, the model's values when applying). */
export interface DensityParams {
  readonly mean: Expr;
  readonly std: Expr;
  readonly min: Expr;
}

const num = (fn: 'add' | 'sub' | 'mul' | 'div', a: Expr, b: Expr): Expr => call(fn, [a, b], 'number');

/** The value where the lower (left) tail's area is `area`. */
function lowerCut(dist: DensityDist, p: DensityParams, area: number): Expr {
  if (dist === 'norm') return num('add', p.mean, num('mul', p.std, lit(normalQuantile(area))));
  // Exponential: F(x) = 1 − e^(−(x − loc)/scale), loc = min, scale = mean − min.
  return num('sub', p.min, num('mul', num('sub', p.mean, p.min), lit(Math.log1p(-area))));
}

/** The value where the upper (right) tail's area is `area`. */
function upperCut(dist: DensityDist, p: DensityParams, area: number): Expr {
  if (dist === 'norm') return num('sub', p.mean, num('mul', p.std, lit(normalQuantile(area))));
  return num('sub', p.min, num('mul', num('sub', p.mean, p.min), lit(Math.log(area))));
}

/** The probability density at `v`. */
function density(dist: DensityDist, p: DensityParams, v: Expr): Expr {
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
  readonly dist: DensityDist;
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
  let out = rel;
  let sc = scope;
  for (const o of outputs) {
    out = { kind: 'compute', input: out, name: o.name, expr: o.expr };
    sc = sc.with(o.name, o.type);
  }
  return { rel: out, scope: sc };
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
  /** The command, for a diagnostic the service raises. */
  readonly span: Span;
}
