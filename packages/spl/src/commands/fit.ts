// `fit` (Machine Learning Toolkit): fits MLTK's DensityFunction per group of the results, marks each
// result's outliers, and with `into` saves the model for `apply` and `summary`.
//
// One statement for the results: each group's mean, standard deviation and minimum are window aggregates
// over its rows, the cuts follow from the threshold (plan/density.ts). `into` adds a second, small
// statement the service runs after the search (one row per group) and saves per tenant, as `outputlookup`
// does with its rows.

import { bool, number, str } from '../analyse/options.ts';
import type { CommandOption } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import type { DensityChoice, DensityThreshold } from '../models.ts';
import {
  DENSITY_CANDIDATES,
  DENSITY_FIT,
  MODEL_MAX_GROUPS,
  isClosedForm,
  modelName,
  modelNameProblem,
} from '../models.ts';
import { firstValue, toNumber, toStr } from '../plan/coerce.ts';
import type { DensityCandidate, ModelSave } from '../plan/density.ts';
import { cutOutputs, densityCandidates, densityOutputs } from '../plan/density.ts';
import { truthy, withPositions } from '../plan/helpers.ts';
import type { Scope } from '../plan/scope.ts';
import { without } from '../plan/model.ts';
import type { Word } from './generic-args.ts';
import { genericArgs, optionOf } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/** MLTK's default threshold: 1% of the distribution's area is the outlier region. */
export const DEFAULT_THRESHOLD = 0.01;

/** An area option's value, strictly between 0 and 1; undefined after a diagnostic. */
function area(o: CommandOption, errors: Diagnostic[]): number | undefined {
  const v = Number(o.value.text);
  if (o.value.text.trim() === '' || !Number.isFinite(v) || v <= 0 || v >= 1) {
    errors.push(
      diagnostic(
        'semantic',
        `\`${o.key.name}\` is the outlier area, a number between 0 and 1 (exclusive), found \`${o.value.text}\``,
        o.value.span,
      ),
    );
    return undefined;
  }
  return v;
}

/**
 * The outlier areas of `threshold=` or `lower_threshold=`/`upper_threshold=` (not both kinds); `fallback`
 * without any; undefined after a diagnostic.
 */
export function densityThreshold(
  options: readonly CommandOption[],
  fallback: DensityThreshold,
  errors: Diagnostic[],
): DensityThreshold | undefined {
  const t = optionOf(options, 'threshold');
  const lo = optionOf(options, 'lower_threshold');
  const up = optionOf(options, 'upper_threshold');
  if (t && (lo || up)) {
    errors.push(
      diagnostic(
        'semantic',
        '`threshold` cannot be given with `lower_threshold` or `upper_threshold`',
        (lo ?? up ?? t).span,
      ),
    );
    return undefined;
  }
  if (t) {
    const a = area(t, errors);
    return a === undefined ? undefined : { kind: 'threshold', area: a };
  }
  if (!lo && !up) return fallback;
  const lower = lo ? area(lo, errors) : undefined;
  const upper = up ? area(up, errors) : undefined;
  if ((lo && lower === undefined) || (up && upper === undefined)) return undefined;
  if (up && lower !== undefined && upper !== undefined && lower + upper >= 1) {
    errors.push(
      diagnostic('semantic', '`lower_threshold` and `upper_threshold` must add up to less than 1', up.span),
    );
    return undefined;
  }
  return {
    kind: 'tails',
    ...(lower !== undefined ? { lower } : {}),
    ...(upper !== undefined ? { upper } : {}),
  };
}

/** `dist=`: the distribution to fit (`auto` by default); undefined after a diagnostic. */
function distOf(o: CommandOption | undefined, errors: Diagnostic[]): DensityChoice | undefined {
  const d = (o?.value.text ?? 'auto').toLowerCase();
  const known = d === 'auto' ? 'auto' : DENSITY_CANDIDATES.find((c) => c === d);
  if (known) return known;
  errors.push(
    diagnostic(
      'semantic',
      `\`dist\` must be \`norm\`, \`expon\`, \`gaussian_kde\`, \`beta\` or \`auto\`, found \`${d}\``,
      o?.value.span ?? { start: 0, end: 0 },
    ),
  );
  return undefined;
}

/** The words after `fit DensityFunction`: the field, `by "<fields>"`, `into <model>`. */
function densityWords(
  algorithm: Word,
  words: readonly Word[],
  errors: Diagnostic[],
): { field: Word; by: string[]; into?: Word } | undefined {
  const keyword = (w: Word | undefined, k: string): boolean =>
    w !== undefined && !w.quoted && w.text.toLowerCase() === k;
  const [field, ...rest] = words;
  if (!field || keyword(field, 'by') || keyword(field, 'into')) {
    errors.push(
      diagnostic(
        'syntax',
        '`fit DensityFunction` needs the numeric field to fit, for example `fit DensityFunction bytes`',
        field?.span ?? algorithm.span,
      ),
    );
    return undefined;
  }
  const by: string[] = [];
  let into: Word | undefined;
  let i = 0;
  for (let w = rest[i]; w !== undefined; w = rest[i]) {
    if (keyword(w, 'by')) {
      const fields: Word[] = [];
      for (let f = rest[++i]; f !== undefined && !keyword(f, 'into'); f = rest[++i]) fields.push(f);
      if (fields.length === 0) {
        errors.push(
          diagnostic(
            'syntax',
            'expected the fields to group by after `by`, such as `by "host,user"`',
            w.span,
          ),
        );
        return undefined;
      }
      // `by "host,user"` (MLTK's form) or `by host, user`.
      by.push(...fields.flatMap((f) => f.text.split(',').map((x) => x.trim())).filter((x) => x !== ''));
    } else if (keyword(w, 'into')) {
      into = rest[i + 1];
      if (!into) {
        errors.push(diagnostic('syntax', 'expected a model name after `into`', w.span));
        return undefined;
      }
      i += 2;
    } else {
      errors.push(
        diagnostic(
          'syntax',
          `\`fit DensityFunction\` fits one field; expected \`by\` or \`into\`, found \`${w.text}\``,
          w.span,
        ),
      );
      return undefined;
    }
  }
  return { field, by, ...(into ? { into } : {}) };
}

/** Hidden columns: each group's count, mean, standard deviation and minimum. */
const hidden = { n: '__df_n', mean: '__df_mean', std: '__df_std', min: '__df_min' } as const;

export const fit: CommandModule<'generic'> = {
  name: 'fit',
  kind: 'generic',
  status: 'partly',
  app: 'Machine Learning Toolkit',
  options: {
    placement: 'anywhere',
    options: {
      dist: str,
      threshold: number,
      lower_threshold: number,
      upper_threshold: number,
      show_density: bool,
      sample: bool,
      full_sample: bool,
      summary: bool,
      metric: str,
      random_state: number,
      partial_fit: bool,
      show_options: str,
    },
  },
  doc: {
    summary:
      'Fits the Machine Learning Toolkit’s DensityFunction per group of the results: each result gets `IsOutlier(<field>)` and `BoundaryRanges`; `into` saves the model for `apply` and `summary`.',
    syntax:
      'fit DensityFunction <field> [by "<field>,…"] [dist=auto|norm|expon|gaussian_kde|beta] [threshold=<area>|lower_threshold=<area> upper_threshold=<area>] [show_density=<bool>] [into <model>]',
    example:
      'index=main | stats count by host, date_hour | fit DensityFunction count by "date_hour" dist=norm threshold=0.01 into hourly_count',
    page: 'DensityFunction (MLTK algorithms)',
    url: 'https://help.splunk.com/en/splunk-enterprise/apply-machine-learning/use-splunk-machine-learning-toolkit/5.5.0/algorithms-and-scoring-metrics-in-mltk/algorithms-in-the-splunk-machine-learning-toolkit#densityfunction-0',
    differences: [
      'Only the DensityFunction algorithm. `dist=norm`: mean and population standard deviation; `expon`: location at the minimum, scale = mean − minimum; `gaussian_kde`: Scott’s bandwidth (sample standard deviation · n^(−1/5), as scipy’s `gaussian_kde`); `beta`: method of moments on [minimum, maximum]. A kernel density’s and a beta’s cuts are read off their CDF on a 1024-point grid; their threshold is split between both tails, as a normal one’s.',
      '`dist=auto` (the default) fits normal, exponential and beta distributions per group and keeps the one nearest the values by Wasserstein-1 distance, unless even that one is farther than 3 standard deviations / √n (more than sampling explains): then a Gaussian KDE. (The rule is Nexus’s: a kernel density fitted to the values themselves would nearly always be nearest.) With `auto`, `gaussian_kde` or `beta`, a group is fitted on at most 50,000 values (the search stops with a diagnostic beyond) and `show_density` is not supported.',
      '`sample`, `full_sample`, `summary`, `metric`, `random_state` and `partial_fit` are not supported (a diagnostic at the option).',
      `\`into\` saves at most ${MODEL_MAX_GROUPS} groups (the search stops with a diagnostic beyond), needs the editor or admin role, and only from the search itself, not from a subsearch.`,
      '`show_options` (which settings MLTK’s `summary` lists) is accepted and has no effect: Nexus’s `summary` always shows the same columns.',
      'A result without a numeric value of the field, or without a value of a `by` field, gets no `IsOutlier` (null) and is not part of the model.',
    ],
  },
  lower(c, s, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    const [algorithm, ...rest] = words;
    if (!algorithm) {
      ctx.errors.push(
        diagnostic('syntax', '`fit` needs an algorithm, such as `fit DensityFunction bytes`', c.name.span),
      );
      return s;
    }
    if (algorithm.text.toLowerCase() !== 'densityfunction') {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          `\`fit ${algorithm.text}\` is not supported: Nexus fits only the DensityFunction algorithm`,
          algorithm.span,
        ),
      );
      return s;
    }
    for (const key of ['sample', 'full_sample', 'summary', 'metric', 'random_state', 'partial_fit']) {
      const o = optionOf(options, key);
      if (o)
        ctx.errors.push(
          diagnostic('unsupported', `\`fit DensityFunction ${o.key.name}=\` is not supported`, o.span),
        );
    }
    const parsed = densityWords(algorithm, rest, ctx.errors);
    if (!parsed) return s;
    const dist = distOf(optionOf(options, 'dist'), ctx.errors);
    if (!dist) return s;
    const threshold = densityThreshold(options, { kind: 'threshold', area: DEFAULT_THRESHOLD }, ctx.errors);
    if (!threshold) return s;
    let name: string | undefined;
    if (parsed.into) {
      name = modelName(parsed.into.text);
      if (name === undefined) {
        ctx.errors.push(diagnostic('semantic', modelNameProblem(parsed.into.text), parsed.into.span));
        return s;
      }
      if (!ctx.saves) {
        ctx.errors.push(
          diagnostic(
            'unsupported',
            '`fit … into` saves a model only from the search itself, not from a subsearch',
            parsed.into.span,
          ),
        );
        return s;
      }
    }
    const field = parsed.field.text;
    const v = toNumber(s.scope.resolve(field, parsed.field.span));
    const keys = parsed.by.map((b) => toStr(firstValue(s.scope.resolve(b))));
    const showDensity = truthy(optionOf(options, 'show_density')?.value.text ?? 'false');

    const spec = { field, by: parsed.by, dist, threshold };
    if (!isClosedForm(dist)) {
      const density = optionOf(options, 'show_density');
      if (density && showDensity) {
        ctx.errors.push(
          diagnostic(
            'unsupported',
            `\`show_density\` is computed only for \`dist=norm\` and \`dist=expon\`, not for \`dist=${dist}\``,
            density.span,
          ),
        );
        return s;
      }
      if (name !== undefined && ctx.saves) ctx.saves.push(modelSave(name, s.rel, v, keys, spec, c.span));
      return fittedInSql(s, v, keys, field, densityCandidates(dist, threshold));
    }

    // Each group's statistics on every one of its rows (nulls are skipped by the aggregates).
    const windowed: Rel = {
      kind: 'window',
      input: s.rel,
      partition: keys,
      aggregates: [
        { name: hidden.n, fn: 'count_field', arg: v, type: 'number' },
        { name: hidden.mean, fn: 'avg', arg: v, type: 'number' },
        { name: hidden.std, fn: 'stdevp', arg: v, type: 'number' },
        { name: hidden.min, fn: 'min', arg: v, type: 'number' },
      ],
    };
    const scope = Object.values(hidden).reduce((sc, h) => sc.with(h, 'number'), s.scope);
    const allKeys: Expr[] = keys.map((k) => call('isnotnull', [k], 'bool'));
    const fitted = [call('gt', [col(hidden.n, 'number'), lit(0)], 'bool'), ...allKeys].reduce((a, b) =>
      call('and', [a, b], 'bool'),
    );
    const out = densityOutputs(
      windowed,
      scope,
      { field, dist, threshold, showDensity },
      toNumber(scope.resolve(field, parsed.field.span)),
      { mean: col(hidden.mean, 'number'), std: col(hidden.std, 'number'), min: col(hidden.min, 'number') },
      fitted,
    );
    if (name !== undefined && ctx.saves) ctx.saves.push(modelSave(name, s.rel, v, keys, spec, c.span));
    return without(out.rel, out.scope, Object.values(hidden));
  },
};

/** The most values one group of `dist=auto|gaussian_kde|beta` is fitted on (they are held in one array). */
export const DENSITY_MAX_POINTS = 50_000;

/** Hidden columns of the fit in SQL: the rows' order, the groups' keys, their values and their fit. */
const sqlHidden = {
  position: '__df_pos',
  one: '__df_one',
  points: '__df_points',
  n: '__df_count',
  fit: '__df_fit',
};
const keyColumn = (i: number): string => `__df_key${String(i)}`;

/**
 * Each group's values fitted in SQL (`density_fit`, one row per group), joined back to its rows, which get
 * `IsOutlier` and `BoundaryRanges` from the group's cuts, in their order.
 */
function fittedInSql(
  s: { rel: Rel; scope: Scope },
  v: Expr,
  keys: readonly Expr[],
  field: string,
  candidates: readonly DensityCandidate[],
): { rel: Rel; scope: Scope } {
  const keyNames = [sqlHidden.one, ...keys.map((_, i) => keyColumn(i))];
  const keyExprs = [lit(1), ...keys];
  let left: Rel = withPositions(s.rel, sqlHidden.position);
  let scope = s.scope.with(sqlHidden.position, 'number');
  keyNames.forEach((k, i) => {
    left = { kind: 'compute', input: left, name: k, expr: keyExprs[i] ?? lit(null) };
    scope = scope.with(k, i === 0 ? 'number' : 'string');
  });
  const groups: Rel = {
    kind: 'aggregate',
    input: { kind: 'filter', input: left, predicate: call('isnotnull', [v], 'bool') },
    groups: keyNames.map((k, i) => ({ name: k, expr: col(k, i === 0 ? 'number' : 'string') })),
    aggregates: [
      { name: sqlHidden.points, fn: 'collect', arg: v, type: 'any' },
      { name: sqlHidden.n, fn: 'count', type: 'number' },
    ],
  };
  const message = `\`fit DensityFunction\` fits at most ${DENSITY_MAX_POINTS.toLocaleString('en-US')} values per group with \`dist=auto\`, \`gaussian_kde\` or \`beta\`: narrow the search, group by more fields, or use \`dist=norm\` or \`dist=expon\``;
  const models: Rel = {
    kind: 'project',
    input: {
      kind: 'filter',
      input: groups,
      predicate: call(
        'check',
        [lit(true), call('gt', [col(sqlHidden.n, 'number'), lit(DENSITY_MAX_POINTS)], 'bool'), lit(message)],
        'bool',
      ),
    },
    columns: [
      ...keyNames.map((k, i) => ({ name: k, expr: col(k, i === 0 ? 'number' : 'string') })),
      {
        name: sqlHidden.fit,
        expr: call('density_fit', [col(sqlHidden.points, 'any'), lit(JSON.stringify(candidates))], 'any'),
      },
    ],
    keepRaw: false,
  };
  const joined: Rel = {
    kind: 'join',
    left,
    right: models,
    keys: keyNames,
    type: 'left',
    overwrite: false,
    columns: [
      ...scope.columns.map((x) => ({ ...x, from: 'left' as const })),
      { name: sqlHidden.fit, type: 'any', from: 'right' },
    ],
    raw: scope.raw,
  };
  const withFit = scope.with(sqlHidden.fit, 'any');
  const fit = col(sqlHidden.fit, 'any');
  const at = (i: number): Expr => call('density_param', [fit, lit(i)], 'number');
  const out = cutOutputs(
    joined,
    withFit,
    field,
    toNumber(withFit.resolve(field)),
    {
      lower: at(DENSITY_FIT.lower),
      upper: at(DENSITY_FIT.upper),
      lowerArea: at(DENSITY_FIT.lowerArea),
      upperArea: at(DENSITY_FIT.upperArea),
    },
    call('isnotnull', [at(DENSITY_FIT.dist)], 'bool'),
  );
  // The rows in their order (the join keeps no order of its own).
  const sorted: Rel = {
    kind: 'sort',
    input: out.rel,
    keys: [{ expr: col(sqlHidden.position, 'number'), descending: false, mode: 'num' }],
  };
  return without(sorted, out.scope, [...keyNames, sqlHidden.position, sqlHidden.fit]);
}

/** The statement that computes the model's groups (one row each, in key order), for the service to save. */
function modelSave(
  name: string,
  input: Rel,
  v: Expr,
  keys: readonly Expr[],
  spec: Pick<ModelSave['model'], 'field' | 'by' | 'dist' | 'threshold'>,
  span: ModelSave['span'],
): ModelSave {
  const keyColumns = keys.map((_, i) => `__key${String(i)}`);
  const stats = {
    cardinality: '__cardinality',
    mean: '__mean',
    std: '__std',
    min: '__min',
    max: '__max',
  } as const;
  const aggregate: Rel = {
    kind: 'aggregate',
    input: { kind: 'filter', input, predicate: call('isnotnull', [v], 'bool') },
    groups: keys.map((k, i) => ({ name: keyColumns[i] ?? '', expr: k })),
    aggregates: [
      { name: stats.cardinality, fn: 'count_field', arg: v, type: 'number' },
      { name: stats.mean, fn: 'avg', arg: v, type: 'number' },
      { name: stats.std, fn: 'stdevp', arg: v, type: 'number' },
      { name: stats.min, fn: 'min', arg: v, type: 'number' },
      { name: stats.max, fn: 'max', arg: v, type: 'number' },
      ...(isClosedForm(spec.dist)
        ? []
        : [{ name: sqlHidden.points, fn: 'collect' as const, arg: v, type: 'any' as const }]),
    ],
  };
  // `dist=auto|gaussian_kde|beta`: each group's fit, and its parts as columns.
  const fitColumns = {
    dist: '__fit_dist',
    lower: '__fit_lower',
    upper: '__fit_upper',
    distance: '__fit_distance',
    p1: '__fit_p1',
    p2: '__fit_p2',
  } as const;
  let groups: Rel = aggregate;
  if (!isClosedForm(spec.dist)) {
    const candidates = densityCandidates(spec.dist, spec.threshold);
    groups = {
      kind: 'compute',
      input: aggregate,
      name: sqlHidden.fit,
      expr: call('density_fit', [col(sqlHidden.points, 'any'), lit(JSON.stringify(candidates))], 'any'),
    };
    for (const [k, column] of Object.entries(fitColumns) as [keyof typeof fitColumns, string][])
      groups = {
        kind: 'compute',
        input: groups,
        name: column,
        expr: call('density_param', [col(sqlHidden.fit, 'any'), lit(DENSITY_FIT[k])], 'number'),
      };
  }
  const sorted: Rel = {
    kind: 'sort',
    input: groups,
    keys: keyColumns.map((k) => ({ expr: col(k, 'string'), descending: false, mode: 'str' as const })),
  };
  return {
    name,
    model: { algorithm: 'DensityFunction', ...spec },
    rel: { kind: 'take', input: keyColumns.length > 0 ? sorted : groups, limit: MODEL_MAX_GROUPS + 1 },
    keyColumns,
    statColumns: stats,
    ...(isClosedForm(spec.dist) ? {} : { fitColumns }),
    span,
  };
}
