// `listmodels` (Machine Learning Toolkit): the models the tenant saved with `fit … into`, one row each,
// from the catalog the service loaded (the tenant's own models only: the catalog holds nothing else).

import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import type { DensityModel } from '../models.ts';
import { withPositions } from '../plan/helpers.ts';
import { Scope } from '../plan/scope.ts';
import { genericArgs } from './generic-args.ts';
import type { CommandModule } from './types.ts';

const position = '__listmodels_row';

/**
 * A model's options as MLTK's `listmodels` shows them: a JSON object with the algorithm's `params`, the
 * fitted field (`feature_variables`) and the `by` fields (`split_by`).
 *
 * @example modelOptions({ field: 'bytes', by: ['host'], dist: 'norm', threshold: { kind: 'threshold', area: 0.01 }, … })
 *   // '{"params":{"dist":"norm","threshold":0.01},"feature_variables":["bytes"],"split_by":["host"]}'
 */
export function modelOptions(m: DensityModel): string {
  const t = m.threshold;
  const thresholds =
    t.kind === 'threshold'
      ? { threshold: t.area }
      : {
          ...(t.lower !== undefined ? { lower_threshold: t.lower } : {}),
          ...(t.upper !== undefined ? { upper_threshold: t.upper } : {}),
        };
  return JSON.stringify({
    params: { dist: m.dist, ...thresholds },
    feature_variables: [m.field],
    split_by: m.by,
  });
}

export const listmodels: CommandModule<'generic'> = {
  name: 'listmodels',
  kind: 'generic',
  status: 'partly',
  app: 'Machine Learning Toolkit',
  generating: true,
  doc: {
    summary:
      'The models the tenant saved with `fit … into`: one row per model with its `name`, `type` (the algorithm), `options` (the fit’s parameters, field and `by` fields, as JSON), `groups` and `updated`.',
    syntax: '| listmodels',
    example: '| listmodels | search type=DensityFunction',
    page: 'listmodels (MLTK)',
    url: 'https://help.splunk.com/splunk-enterprise/apply-machine-learning/use-ai-toolkit/5.6.0/mltk-commands-macros-and-visualizations/search-commands-for-machine-learning',
    differences: [
      'Models belong to the tenant, not to a user or an app: MLTK’s `app`, `owner` and sharing columns are not shown; `groups` (how many `by` groups the model keeps) and `updated` (when it was saved, ISO 8601) are Nexus’s.',
    ],
  },
  source(c, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    for (const o of options)
      ctx.errors.push(diagnostic('unsupported', `\`listmodels ${o.key.name}=\` is not supported`, o.span));
    for (const w of words)
      ctx.errors.push(diagnostic('syntax', `\`listmodels\` takes no arguments, found \`${w.text}\``, w.span));
    if (ctx.errors.length > 0) return undefined;
    const models = [...(ctx.options.models ?? new Map<string, DensityModel>())].sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    const at = col(position, 'number');
    const value = (
      pick: (name: string, m: DensityModel) => string | number,
      type: 'string' | 'number',
    ): Expr =>
      call('model_value', [at, lit(JSON.stringify(models.map(([n, m]) => pick(n, m)))), lit(type)], type);
    const columns: { name: string; expr: Expr; type: 'string' | 'number' }[] = [
      { name: 'name', expr: value((n) => n, 'string'), type: 'string' },
      { name: 'type', expr: value((_, m) => m.algorithm, 'string'), type: 'string' },
      { name: 'options', expr: value((_, m) => modelOptions(m), 'string'), type: 'string' },
      { name: 'groups', expr: value((_, m) => m.groups.length, 'number'), type: 'number' },
      {
        name: 'updated',
        expr: value(
          (_, m) => (m.updatedMs === undefined ? '' : new Date(m.updatedMs).toISOString()),
          'string',
        ),
        type: 'string',
      },
    ];
    const rows: Rel = withPositions({ kind: 'values', count: models.length, timeMs: 0 }, position);
    return {
      rel: {
        kind: 'project',
        input: rows,
        columns: columns.map(({ name, expr }) => ({ name, expr })),
        keepRaw: false,
      },
      scope: Scope.closed(columns.map(({ name, type }) => ({ name, type }))),
    };
  },
};
