// Machine Learning Toolkit models a tenant saved with `fit … into`, as the planner reads them (the service
// loads them; no I/O here): DensityFunction's distribution parameters per group.

import type { Span } from './diagnostics.ts';
import { lookupNameProblem, lookupTableName } from './lookups.ts';

/** The distributions Nexus fits in SQL: MLTK's `dist=norm`, `expon`, `gaussian_kde` and `beta`. */
export type DensityDist = 'norm' | 'expon' | 'gaussian_kde' | 'beta';

/** What `fit DensityFunction dist=` asks for: one distribution, or `auto` (the best fit per group). */
export type DensityChoice = DensityDist | 'auto';

/** The distributions `auto` chooses among, in MLTK's order. */
export const DENSITY_CANDIDATES: readonly DensityDist[] = ['norm', 'expon', 'gaussian_kde', 'beta'];

/**
 * The positions of `density_fit`'s result: the 1-based number of the distribution in DENSITY_CANDIDATES, the
 * lower and upper cuts, their tail areas (NaN: no region on that side), the Wasserstein-1 distance and the
 * distribution's two parameters (norm: mean, std; expon: location, scale; gaussian_kde: bandwidth, number
 * of points; beta: α, β on [min, max]).
 */
export const DENSITY_FIT = {
  dist: 1,
  lower: 2,
  upper: 3,
  lowerArea: 4,
  upperArea: 5,
  distance: 6,
  p1: 7,
  p2: 8,
} as const;

/** True for the distributions fitted with window aggregates and closed-form cuts (plan/density.ts). */
export const isClosedForm = (d: DensityChoice): d is 'norm' | 'expon' => d === 'norm' || d === 'expon';

/**
 * The outlier areas: `threshold` splits its area between both tails of a normal distribution and puts it
 * all in the right tail of an exponential one; `lower`/`upper` name each tail's area.
 */
export type DensityThreshold =
  | { readonly kind: 'threshold'; readonly area: number }
  | { readonly kind: 'tails'; readonly lower?: number; readonly upper?: number };

/** One group's fitted distribution: the group's `by` values (as text) and its training statistics. */
export interface DensityGroup {
  readonly key: readonly string[];
  /** The number of values the group was fitted on (MLTK's `cardinality`). */
  readonly cardinality: number;
  readonly mean: number;
  /** The population standard deviation (the normal distribution's maximum-likelihood scale). */
  readonly std: number;
  readonly min: number;
  readonly max: number;
  /**
   * For `dist=auto|gaussian_kde|beta` models: the group's fitted distribution, its outlier cuts at the
   * model's threshold (absent: no region on that side), its Wasserstein-1 distance to the training values
   * and its two parameters (backends/clickhouse/density.ts `DENSITY_FIT`).
   */
  readonly fit?: DensityGroupFit;
}

/** A group's distribution fitted in SQL (`dist=auto|gaussian_kde|beta`). */
export interface DensityGroupFit {
  readonly dist: DensityDist;
  readonly lower?: number;
  readonly upper?: number;
  readonly distance: number;
  readonly params: readonly [number, number];
}

/** A saved `fit DensityFunction <field> [by "<fields>"] … into <name>`. */
export interface DensityModel {
  readonly algorithm: 'DensityFunction';
  readonly field: string;
  readonly by: readonly string[];
  readonly dist: DensityChoice;
  readonly threshold: DensityThreshold;
  readonly groups: readonly DensityGroup[];
  /** When the model was saved (epoch ms), as the store knows it; not part of the saved JSON. */
  readonly updatedMs?: number;
}

/** What `| deletemodel <name>` asks the service to delete (the command's span, for a diagnostic). */
export interface ModelDelete {
  readonly name: string;
  readonly span: Span;
}

/** A tenant's saved models by name (see `modelName`). */
export type ModelCatalog = ReadonlyMap<string, DensityModel>;

/** The most groups one DensityFunction model keeps (each group's parameters are parameters of the search). */
export const MODEL_MAX_GROUPS = 1024;

/**
 * A model's canonical name: the same rules as a lookup table's (letters, digits, `_`, `.`, `-`), without
 * `.csv`. Undefined when invalid.
 */
export function modelName(name: string): string | undefined {
  return lookupTableName(name);
}

/** Why `name` is not a valid model name. */
export function modelNameProblem(name: string): string {
  return lookupNameProblem(name).replace('lookup table', 'model').replace('`users.csv`', '`hourly_count`');
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isArea = (v: unknown): v is number => isNum(v) && v > 0 && v < 1;

function thresholdOf(v: unknown): DensityThreshold | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const t = v as Record<string, unknown>;
  if (t.kind === 'threshold' && isArea(t.area)) return { kind: 'threshold', area: t.area };
  if (t.kind !== 'tails') return undefined;
  if ((t.lower !== undefined && !isArea(t.lower)) || (t.upper !== undefined && !isArea(t.upper)))
    return undefined;
  return {
    kind: 'tails',
    ...(isArea(t.lower) ? { lower: t.lower } : {}),
    ...(isArea(t.upper) ? { upper: t.upper } : {}),
  };
}

function groupFitOf(v: unknown): DensityGroupFit | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const f = v as Record<string, unknown>;
  const dist = DENSITY_CANDIDATES.find((d) => d === f.dist);
  const params = f.params;
  if (
    !dist ||
    !isNum(f.distance) ||
    (f.lower !== undefined && !isNum(f.lower)) ||
    (f.upper !== undefined && !isNum(f.upper)) ||
    !Array.isArray(params) ||
    params.length !== 2 ||
    !isNum(params[0]) ||
    !isNum(params[1])
  )
    return undefined;
  return {
    dist,
    ...(isNum(f.lower) ? { lower: f.lower } : {}),
    ...(isNum(f.upper) ? { upper: f.upper } : {}),
    distance: f.distance,
    params: [params[0], params[1]],
  };
}

/**
 * A model from its stored JSON (what `fit … into` saved), or an error saying what is wrong.
 *
 * @example densityModelFromJson({ algorithm: 'DensityFunction', field: 'bytes', by: [], dist: 'norm',
 *   threshold: { kind: 'threshold', area: 0.01 }, groups: [{ key: [], cardinality: 50, mean: 10, std: 2, min: 4, max: 15 }] })
 */
export function densityModelFromJson(value: unknown): { model: DensityModel } | { error: string } {
  if (typeof value !== 'object' || value === null) return { error: 'a model is a JSON object' };
  const m = value as Record<string, unknown>;
  const threshold = thresholdOf(m.threshold);
  if (m.algorithm !== 'DensityFunction') return { error: 'only DensityFunction models are known' };
  if (typeof m.field !== 'string' || m.field === '') return { error: 'a model needs its `field`' };
  if (!Array.isArray(m.by) || !m.by.every((b): b is string => typeof b === 'string' && b !== ''))
    return { error: '`by` must be a list of field names' };
  const dist: DensityChoice | undefined =
    m.dist === 'auto' ? 'auto' : DENSITY_CANDIDATES.find((d) => d === m.dist);
  if (!dist) return { error: '`dist` must be `norm`, `expon`, `gaussian_kde`, `beta` or `auto`' };
  if (!threshold) return { error: '`threshold` must give areas between 0 and 1' };
  if (!Array.isArray(m.groups) || m.groups.length > MODEL_MAX_GROUPS)
    return { error: `\`groups\` must be a list of at most ${MODEL_MAX_GROUPS} groups` };
  const by = m.by;
  const groups: DensityGroup[] = [];
  for (const g of m.groups as unknown[]) {
    const r = (typeof g === 'object' && g !== null ? g : {}) as Record<string, unknown>;
    const key = r.key;
    if (
      !Array.isArray(key) ||
      key.length !== by.length ||
      !key.every((k): k is string => typeof k === 'string') ||
      !isNum(r.cardinality) ||
      !isNum(r.mean) ||
      !isNum(r.std) ||
      !isNum(r.min) ||
      !isNum(r.max)
    )
      return {
        error: 'each group needs its key (one text per `by` field), cardinality, mean, std, min and max',
      };
    const fit = groupFitOf(r.fit);
    if (!isClosedForm(dist) && !fit)
      return { error: 'each group of a `dist=auto|gaussian_kde|beta` model needs its fitted distribution' };
    groups.push({
      key,
      cardinality: r.cardinality,
      mean: r.mean,
      std: r.std,
      min: r.min,
      max: r.max,
      ...(fit && !isClosedForm(dist) ? { fit } : {}),
    });
  }
  return { model: { algorithm: 'DensityFunction', field: m.field, by, dist, threshold, groups } };
}
