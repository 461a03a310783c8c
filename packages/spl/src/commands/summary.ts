// `summary` (Machine Learning Toolkit): the parameters of a model the tenant saved with
// `fit DensityFunction … into`, one row per group.

import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import type { DensityModel } from '../models.ts';
import { isClosedForm } from '../models.ts';
import { withPositions } from '../plan/helpers.ts';
import { Scope } from '../plan/scope.ts';
import { modelValues } from './apply.ts';
import { modelArgument } from './model-arg.ts';
import type { CommandModule } from './types.ts';

const position = '__summary_row';

export const summary: CommandModule<'generic'> = {
  name: 'summary',
  kind: 'generic',
  status: 'partly',
  app: 'Machine Learning Toolkit',
  generating: true,
  doc: {
    summary:
      'The parameters of a DensityFunction model the tenant saved with `fit … into`: one row per group with its `by` values, `type` (the distribution), `min`, `max`, `mean`, `std`, `cardinality` (the values it was fitted on) and, for a `dist=auto|gaussian_kde|beta` model, `distance` (its fit’s Wasserstein-1 distance to them).',
    syntax: '| summary <model>',
    example: '| summary hourly_count',
    page: 'DensityFunction (MLTK algorithms)',
    url: 'https://help.splunk.com/en/splunk-enterprise/apply-machine-learning/use-splunk-machine-learning-toolkit/5.5.0/algorithms-and-scoring-metrics-in-mltk/algorithms-in-the-splunk-machine-learning-toolkit#densityfunction-0',
    differences: [
      '`type` is each group’s fitted distribution; `distance` (a `dist=auto|gaussian_kde|beta` model’s Wasserstein-1 distance between the group’s fit and its training values) is shown only for those models; MLTK’s `other` column is not shown.',
    ],
  },
  source(c, ctx) {
    const arg = modelArgument(c, ctx.errors);
    if (!arg) return undefined;
    const { name, word } = arg;
    const model = ctx.options.models?.get(name);
    if (!model) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          `no model \`${word.text}\`: save one with \`fit DensityFunction <field> … into ${word.text}\``,
          word.span,
        ),
      );
      return undefined;
    }
    if (ctx.errors.length > 0) return undefined;
    const at = col(position, 'number');
    const num = (pick: (g: DensityModel['groups'][number]) => number): Expr =>
      call('model_value', [at, modelValues(model, pick), lit('number')], 'number');
    const columns: { name: string; expr: Expr; type: 'string' | 'number' }[] = [
      ...model.by.map((b, i) => ({
        name: b,
        expr: call('model_value', [at, modelValues(model, (g) => g.key[i] ?? ''), lit('string')], 'string'),
        type: 'string' as const,
      })),
      {
        name: 'type',
        expr: isClosedForm(model.dist)
          ? lit(model.dist)
          : call('model_value', [at, modelValues(model, (g) => g.fit?.dist ?? ''), lit('string')], 'string'),
        type: 'string',
      },
      { name: 'min', expr: num((g) => g.min), type: 'number' },
      { name: 'max', expr: num((g) => g.max), type: 'number' },
      { name: 'mean', expr: num((g) => g.mean), type: 'number' },
      { name: 'std', expr: num((g) => g.std), type: 'number' },
      { name: 'cardinality', expr: num((g) => g.cardinality), type: 'number' },
      // The Wasserstein-1 distance of the group's fitted distribution to its training values.
      ...(isClosedForm(model.dist)
        ? []
        : [{ name: 'distance', expr: num((g) => g.fit?.distance ?? 0), type: 'number' as const }]),
    ];
    const rows: Rel = withPositions({ kind: 'values', count: model.groups.length, timeMs: 0 }, position);
    return {
      rel: {
        kind: 'project',
        input: rows,
        columns: columns.map(({ name: n, expr }) => ({ name: n, expr })),
        keepRaw: false,
      },
      scope: Scope.closed(columns.map(({ name: n, type }) => ({ name: n, type }))),
    };
  },
};
