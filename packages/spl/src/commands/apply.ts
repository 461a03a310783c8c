// `apply` (Machine Learning Toolkit): applies a model the tenant saved with `fit DensityFunction … into`.
// The model's parameters are parameters of the statement (one array per statistic, at most
// MODEL_MAX_GROUPS groups); each result finds its group by its `by` values.

import { bool, number } from '../analyse/options.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import type { DensityModel } from '../models.ts';
import { isClosedForm, modelName, modelNameProblem } from '../models.ts';
import { firstValue, toNumber, toStr } from '../plan/coerce.ts';
import { KEY_SEPARATOR, cutOutputs, densityOutputs, groupKey, tailAreas } from '../plan/density.ts';
import { truthy } from '../plan/helpers.ts';
import { without } from '../plan/model.ts';
import { applyBody } from '../parser/commands-misc.ts';
import { densityThreshold } from './fit.ts';
import { optionOf } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/** The hidden column of each result's group position in the model (0: no such group). */
const position = '__model_group';

/**
 * A model name that is a Deep Learning Toolkit (DSDL) container model: DSDL's `app:` namespace, or a name
 * that says DSDL (ESCU's pretrained models are `…_dsdl` / `…_in_dsdl`).
 */
const dsdlModel = (name: string): boolean => /^app:/i.test(name) || /(^|_)dsdl(_|$)/i.test(name);

/** The model's values of one statistic, in group order, as the literal `model_value` reads. */
export function modelValues(
  model: DensityModel,
  pick: (g: DensityModel['groups'][number]) => number | string,
): Expr {
  return lit(JSON.stringify(model.groups.map(pick)));
}

export const apply: CommandModule<'apply'> = {
  name: 'apply',
  kind: 'apply',
  status: 'partly',
  app: 'Machine Learning Toolkit',
  grammar: { mode: 'args', body: applyBody },
  options: {
    placement: 'anywhere',
    options: {
      threshold: number,
      lower_threshold: number,
      upper_threshold: number,
      show_density: bool,
      sample: bool,
      full_sample: bool,
    },
  },
  doc: {
    summary:
      'Applies a DensityFunction model the tenant saved with `fit … into`: each result gets `IsOutlier(<field>)` and `BoundaryRanges` from its group’s distribution.',
    syntax:
      'apply <model> [threshold=<area>|lower_threshold=<area> upper_threshold=<area>] [show_density=<bool>]',
    example: 'index=main | stats count by host, date_hour | apply hourly_count threshold=0.005',
    page: 'DensityFunction (MLTK algorithms)',
    url: 'https://help.splunk.com/en/splunk-enterprise/apply-machine-learning/use-splunk-machine-learning-toolkit/5.5.0/algorithms-and-scoring-metrics-in-mltk/algorithms-in-the-splunk-machine-learning-toolkit#densityfunction-0',
    differences: [
      'Only DensityFunction models fitted on Nexus (`fit DensityFunction … into <model>`); a model is the tenant’s own, no other tenant sees it. A `dist=auto|gaussian_kde|beta` model keeps each group’s cuts at the fit’s threshold: `apply` marks exactly what the fit marked, and `threshold=` or `show_density` on it is an `unsupported` diagnostic.',
      'Deep Learning Toolkit (DSDL) models run in an external container Nexus does not have: `apply` of a model named `app:…` or `…_dsdl…` is an `unsupported` diagnostic.',
      'A result whose group the model has no distribution for gets no `IsOutlier` (null). `sample`, `full_sample` and `AS` are not supported.',
    ],
  },
  lower(c, s, ctx) {
    const written = c.model.name;
    const name = modelName(written);
    const model = name === undefined ? undefined : ctx.options.models?.get(name);
    if (!model) {
      if (dsdlModel(written)) {
        ctx.errors.push(
          diagnostic(
            'unsupported',
            `\`${written}\` is a Deep Learning Toolkit (DSDL) model: it runs in an external container, which Nexus does not have`,
            c.model.span,
          ),
        );
      } else if (name === undefined) {
        ctx.errors.push(diagnostic('semantic', modelNameProblem(written), c.model.span));
      } else {
        const known = [...(ctx.options.models?.keys() ?? [])];
        const near = nearest(name, known);
        ctx.errors.push(
          diagnostic(
            'semantic',
            `no model \`${written}\`: save one with \`fit DensityFunction <field> … into ${written}\``,
            c.model.span,
            near.length > 0 ? [`did you mean ${near.map((n) => `\`${n}\``).join(', ')}?`] : [],
          ),
        );
      }
      return s;
    }
    if (c.alias) {
      ctx.errors.push(
        diagnostic('unsupported', '`apply … AS` is not supported for DensityFunction models', c.alias.span),
      );
      return s;
    }
    for (const key of ['sample', 'full_sample']) {
      const o = optionOf(c.options, key);
      if (o) ctx.errors.push(diagnostic('unsupported', `\`apply ${o.key.name}=\` is not supported`, o.span));
    }
    if (!isClosedForm(model.dist)) {
      // The cuts were fitted at the model's threshold (backends/clickhouse/density.ts); other areas would
      // need the training values again.
      for (const key of ['threshold', 'lower_threshold', 'upper_threshold', 'show_density']) {
        const o = optionOf(c.options, key);
        if (o)
          ctx.errors.push(
            diagnostic(
              'unsupported',
              `\`apply ${o.key.name}=\` is supported only for \`dist=norm\` and \`dist=expon\` models; \`${written}\` was fitted with \`dist=${model.dist}\`: fit it again with the threshold you want`,
              o.span,
            ),
          );
      }
      if (ctx.errors.length > 0) return s;
    }
    const threshold = densityThreshold(c.options, model.threshold, ctx.errors);
    if (!threshold) return s;
    const keys = model.groups.map((g) => g.key.join(KEY_SEPARATOR));
    const key = groupKey(model.by.map((b) => toStr(firstValue(s.scope.resolve(b)))));
    const rel = {
      kind: 'compute' as const,
      input: s.rel,
      name: position,
      expr: call('model_index', [key, lit(JSON.stringify(keys))], 'number'),
    };
    const scope = s.scope.with(position, 'number');
    const at = col(position, 'number');
    const value = (pick: (g: DensityModel['groups'][number]) => number): Expr =>
      call('model_value', [at, modelValues(model, pick), lit('number')], 'number');
    if (!isClosedForm(model.dist)) {
      // Each group's stored cuts and their areas; null where the group has no region on that side.
      const side = (pick: (g: DensityModel['groups'][number]) => number | undefined): Expr =>
        call(
          'if',
          [
            call('eq', [value((g) => (pick(g) === undefined ? 0 : 1)), lit(1)], 'bool'),
            value((g) => pick(g) ?? 0),
            lit(null),
          ],
          'number',
        );
      const areas = (g: DensityModel['groups'][number]) => tailAreas(g.fit?.dist ?? 'norm', model.threshold);
      const cut = cutOutputs(
        rel,
        scope,
        model.field,
        toNumber(scope.resolve(model.field)),
        {
          lower: side((g) => (areas(g).lower === undefined ? undefined : g.fit?.lower)),
          upper: side((g) => (areas(g).upper === undefined ? undefined : g.fit?.upper)),
          lowerArea: side((g) => areas(g).lower),
          upperArea: side((g) => areas(g).upper),
        },
        call('gt', [at, lit(0)], 'bool'),
      );
      return without(cut.rel, cut.scope, [position]);
    }
    const out = densityOutputs(
      rel,
      scope,
      {
        field: model.field,
        dist: model.dist,
        threshold,
        showDensity: truthy(optionOf(c.options, 'show_density')?.value.text ?? 'false'),
      },
      toNumber(scope.resolve(model.field)),
      { mean: value((g) => g.mean), std: value((g) => g.std), min: value((g) => g.min) },
      call('gt', [at, lit(0)], 'bool'),
    );
    return without(out.rel, out.scope, [position]);
  },
};
