// `predict`: forecasts time series with Kalman-filter state-space models (local level, local level and
// trend): each result gains the one-step-ahead prediction and its confidence bounds, and rows follow for
// the future.

import type { CommandOption } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { TimeSeriesModel } from '../ir/types.ts';
import { optionNumber, unknownOption } from '../plan/helpers.ts';
import { plainSeries, withModels } from '../plan/series-model.ts';
import type { Arg } from '../plan/streaming.ts';
import { argsOf, assignable, isAs } from '../plan/streaming.ts';
import { normalQuantile } from '../plan/normal.ts';
import type { CommandModule } from './types.ts';

/** The z of a two-sided `level` % confidence interval. */
const zOf = (level: number): number => normalQuantile(1 - (1 - level / 100) / 2);

const algorithms = ['LL', 'LLT', 'LLP', 'LLP5', 'LLB', 'BiLL'] as const;

/** A field to predict, with its output name. */
interface Target {
  readonly field: string;
  readonly as?: string;
  readonly span: Span;
}

const BOUND = /^(upper|lower)(\d{1,2})$/i;

/** The fields to predict, `<field> [AS <newfield>]…`; undefined after a diagnostic. */
function targets(args: readonly Arg[], errors: Diagnostic[]): Target[] | undefined {
  const out: Target[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a || a.kind === 'option') continue;
    if (a.kind === 'group' || isAs(a)) {
      errors.push(
        diagnostic(
          'syntax',
          '`predict` takes `<field> [AS <newfield>]…` and options',
          a.kind === 'group' ? a.span : a.word.span,
        ),
      );
      return undefined;
    }
    const next = args[i + 1];
    const name = args[i + 2];
    if (isAs(next)) {
      if (name?.kind !== 'word') {
        errors.push(
          diagnostic(
            'syntax',
            '`AS` needs the new field name',
            next?.kind === 'word' ? next.word.span : a.word.span,
          ),
        );
        return undefined;
      }
      out.push({ field: a.word.text, as: name.word.text, span: a.word.span });
      i += 2;
    } else out.push({ field: a.word.text, span: a.word.span });
  }
  return out;
}

export const predict: CommandModule<'generic'> = {
  name: 'predict',
  kind: 'generic',
  status: 'partly',
  doc: {
    summary:
      'Forecasts time series (usually `timechart` output) with a Kalman filter: each result gains `prediction(<field>)` and its 95 % bounds `upper95(prediction(<field>))` and `lower95(prediction(<field>))`, and `future_timespan` results follow.',
    syntax:
      'predict <field> [AS <newfield>]… [algorithm=LL|LLT] [future_timespan=<int>] [holdback=<int>] [upper<int>=<field>] [lower<int>=<field>]',
    example: 'index=main | timechart span=1h count | predict count algorithm=LLT future_timespan=3',
    differences: [
      'Only the `LL` (local level) and `LLT` (local level and trend) models are built; without `algorithm=` Nexus uses `LLT` where Splunk’s default is `LLP5`. `LLP`, `LLP5`, `LLB` and `BiLL` (seasonal and bivariate), `correlate=` and `suppress=` are not supported yet; `period=` is checked but has no effect (it only shapes the seasonal models).',
      'The noise variances are estimated by maximum likelihood over a fixed grid of variance ratios (level: 0 and 10^(k/4) for k = −16…16; trend: 0 and 10^(k/2) for k = −8…6 for each), the measurement variance concentrated out; Splunk maximises the likelihood continuously, so its variances, predictions and bounds can differ.',
      'The filter starts diffuse: `LL` predicts from the second value on, `LLT` from the third; the predictions are one-step-ahead (before each value is seen), the bounds prediction ± z·√(prediction variance).',
      '`holdback=<n>`: the last n values are not used to fit the model and are predicted in place; `future_timespan` rows are added after the last result (stepped by the last interval of `_time`).',
      'Over raw events, or after `timechart … by <field>` (series fields), `predict` is not supported: name the fields first, for example with `timechart count`.',
    ],
  },
  lower(c, s, ctx) {
    const args = argsOf(c, ctx.errors);
    const fields = targets(args, ctx.errors);
    if (!fields) return s;
    if (fields.length === 0) {
      ctx.errors.push(
        diagnostic('syntax', '`predict` needs the field to predict', c.name.span, [
          'for example `timechart span=1d count | predict count`',
        ]),
      );
      return s;
    }
    const options = args.flatMap((a): CommandOption[] => (a.kind === 'option' ? [a.option] : []));
    let algorithm: 'LL' | 'LLT' = 'LLT';
    let future = 5;
    let holdback = 0;
    let period: number | null = null;
    const bounds: Record<'upper' | 'lower', { level: number; name?: string }> = {
      upper: { level: 95 },
      lower: { level: 95 },
    };
    for (const o of options) {
      const key = o.key.name.toLowerCase();
      const bound = BOUND.exec(o.key.name);
      if (key === 'algorithm') {
        const value = algorithms.find((x) => x.toLowerCase() === o.value.text.toLowerCase());
        if (value === undefined) {
          ctx.errors.push(
            diagnostic(
              'semantic',
              `\`algorithm\` must be one of ${algorithms.join(', ')}, found \`${o.value.text}\``,
              o.value.span,
            ),
          );
          return s;
        }
        if (value !== 'LL' && value !== 'LLT') {
          ctx.errors.push(
            diagnostic('unsupported', `\`predict algorithm=${value}\` is not supported yet`, o.value.span, [
              'use `algorithm=LL` or `algorithm=LLT`',
            ]),
          );
          return s;
        }
        algorithm = value;
      } else if (key === 'future_timespan' || key === 'holdback' || key === 'period') {
        const n = optionNumber(o, ctx.errors, key === 'period' ? 1 : 0);
        if (n === undefined) return s;
        if (key === 'future_timespan') future = n;
        else if (key === 'holdback') holdback = n;
        else period = n;
      } else if (key === 'correlate' || key === 'correlate_field' || key === 'suppress') {
        ctx.errors.push(
          diagnostic(
            'unsupported',
            `\`predict ${key}=\` (bivariate models) is not supported yet`,
            o.key.span,
          ),
        );
        return s;
      } else if (bound) {
        const level = Number(bound[2]);
        if (level < 1) {
          ctx.errors.push(
            diagnostic('semantic', 'a confidence level is a percentage from 1 to 99', o.key.span),
          );
          return s;
        }
        if (fields.length > 1) {
          ctx.errors.push(
            diagnostic(
              'semantic',
              `\`${o.key.name}=\` names one field: predict one field with it`,
              o.key.span,
            ),
          );
          return s;
        }
        bounds[(bound[1] ?? '').toLowerCase() === 'upper' ? 'upper' : 'lower'] = {
          level,
          name: o.value.text,
        };
      } else {
        unknownOption(
          o,
          'predict',
          ['algorithm', 'future_timespan', 'holdback', 'period', 'upper95', 'lower95'],
          ctx.errors,
        );
        return s;
      }
    }
    // `period` only matters to the seasonal models, which are not built.
    void period;
    if (!plainSeries(c, s, ctx.errors, 'timechart span=1d count | predict count')) return s;
    const models: TimeSeriesModel[] = [];
    for (const f of fields) {
      if (!s.scope.has(f.field)) {
        ctx.errors.push(
          diagnostic('semantic', `\`predict\`: the results have no field \`${f.field}\``, f.span),
        );
        return s;
      }
      const prediction = f.as ?? `prediction(${f.field})`;
      const upper = bounds.upper.name ?? `upper${String(bounds.upper.level)}(${prediction})`;
      const lower = bounds.lower.name ?? `lower${String(bounds.lower.level)}(${prediction})`;
      for (const name of [prediction, upper, lower]) if (!assignable(name, f.span, ctx.errors)) return s;
      models.push({
        value: s.scope.resolve(f.field),
        algorithm,
        holdback,
        period: null,
        prediction,
        upper: { name: upper, z: zOf(bounds.upper.level) },
        lower: { name: lower, z: zOf(bounds.lower.level) },
      });
    }
    return withModels(s, models, future);
  },
};
