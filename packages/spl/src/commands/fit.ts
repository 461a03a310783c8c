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
import type { DensityDist, DensityThreshold } from '../models.ts';
import { MODEL_MAX_GROUPS, modelName, modelNameProblem } from '../models.ts';
import { firstValue, toNumber, toStr } from '../plan/coerce.ts';
import type { ModelSave } from '../plan/density.ts';
import { densityOutputs } from '../plan/density.ts';
import { truthy } from '../plan/helpers.ts';
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

/** `dist=`: the distribution to fit; undefined after a diagnostic (auto and gaussian_kde are not fitted). */
function distOf(o: CommandOption | undefined, at: Word, errors: Diagnostic[]): DensityDist | undefined {
  const d = (o?.value.text ?? 'auto').toLowerCase();
  if (d === 'norm' || d === 'expon') return d;
  const where = o?.value.span ?? at.span;
  if (d === 'auto' || d === 'gaussian_kde' || d === 'beta') {
    errors.push(
      diagnostic(
        'unsupported',
        d === 'auto'
          ? '`dist=auto` (the default) picks the distribution that fits best among normal, exponential, Gaussian KDE and beta, and Nexus fits only normal and exponential ones: name one with `dist=norm` or `dist=expon`'
          : `\`dist=${d}\` is not fitted by Nexus: only \`dist=norm\` and \`dist=expon\` are`,
        where,
        ['for example `fit DensityFunction bytes dist=norm threshold=0.01 into bytes_model`'],
      ),
    );
    return undefined;
  }
  errors.push(
    diagnostic(
      'semantic',
      `\`dist\` must be \`norm\`, \`expon\`, \`gaussian_kde\`, \`beta\` or \`auto\`, found \`${d}\``,
      where,
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
      'fit DensityFunction <field> [by "<field>,…"] dist=norm|expon [threshold=<area>|lower_threshold=<area> upper_threshold=<area>] [show_density=<bool>] [into <model>]',
    example:
      'index=main | stats count by host, date_hour | fit DensityFunction count by "date_hour" dist=norm threshold=0.01 into hourly_count',
    page: 'DensityFunction (MLTK algorithms)',
    url: 'https://help.splunk.com/en/splunk-enterprise/apply-machine-learning/use-splunk-machine-learning-toolkit/5.5.0/algorithms-and-scoring-metrics-in-mltk/algorithms-in-the-splunk-machine-learning-toolkit#densityfunction-0',
    differences: [
      'Only the DensityFunction algorithm, and only `dist=norm` (mean and population standard deviation) and `dist=expon` (location at the minimum, scale = mean − minimum): `dist=auto` (the default), `gaussian_kde` and `beta` are refused with a diagnostic, since choosing by distance and kernel densities are not computed.',
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
    const dist = distOf(optionOf(options, 'dist'), algorithm, ctx.errors);
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
    if (name !== undefined && ctx.saves)
      ctx.saves.push(modelSave(name, s.rel, v, keys, { field, by: parsed.by, dist, threshold }, c.span));
    return without(out.rel, out.scope, Object.values(hidden));
  },
};

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
    ],
  };
  const sorted: Rel = {
    kind: 'sort',
    input: aggregate,
    keys: keyColumns.map((k) => ({ expr: col(k, 'string'), descending: false, mode: 'str' as const })),
  };
  return {
    name,
    model: { algorithm: 'DensityFunction', ...spec },
    rel: { kind: 'take', input: keyColumns.length > 0 ? sorted : aggregate, limit: MODEL_MAX_GROUPS + 1 },
    keyColumns,
    statColumns: stats,
    span,
  };
}
