// `deletemodel` (Machine Learning Toolkit): deletes a model the tenant saved with `fit … into`. The
// command only records the name (after checking the tenant has such a model); the service deletes it
// before it runs the search, which returns no results.

import { diagnostic, nearest } from '../diagnostics.ts';
import { Scope } from '../plan/scope.ts';
import { modelArgument } from './model-arg.ts';
import type { CommandModule } from './types.ts';

export const deletemodel: CommandModule<'generic'> = {
  name: 'deletemodel',
  kind: 'generic',
  status: 'partly',
  app: 'Machine Learning Toolkit',
  generating: true,
  doc: {
    summary:
      'Deletes a model the tenant saved with `fit … into`: `apply`, `summary` and `listmodels` stop seeing it at once. Returns no results.',
    syntax: '| deletemodel <model>',
    example: '| deletemodel hourly_count',
    page: 'deletemodel (MLTK)',
    url: 'https://help.splunk.com/splunk-enterprise/apply-machine-learning/use-ai-toolkit/5.6.0/mltk-commands-macros-and-visualizations/search-commands-for-machine-learning',
    differences: [
      'Needs the editor or admin role (as `fit … into`), and only from the search itself, not from a subsearch. A model that does not exist is a diagnostic at its name.',
    ],
  },
  source(c, ctx) {
    const arg = modelArgument(c, ctx.errors);
    if (!arg) return undefined;
    const { name, word } = arg;
    const models = ctx.options.models;
    if (!models?.has(name)) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          `no model \`${word.text}\` to delete`,
          word.span,
          nearest(name, [...(models?.keys() ?? [])]).map((n) => `did you mean \`${n}\`?`),
        ),
      );
      return undefined;
    }
    if (!ctx.deletes) {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          '`deletemodel` deletes a model only from the search itself, not from a subsearch',
          c.span,
        ),
      );
      return undefined;
    }
    if (ctx.errors.length > 0) return undefined;
    ctx.deletes.push({ name, span: word.span });
    return { rel: { kind: 'values', count: 0, timeMs: 0 }, scope: Scope.closed([]) };
  },
};
