// `from`: reads a dataset: a data model dataset (compiled), a lookup or a saved search (not yet).

import { diagnostic } from '../diagnostics.ts';
import { fromBody } from '../parser/commands-misc.ts';
import { datasetEvents, resolveDataset } from '../plan/datamodel.ts';
import type { CommandModule } from './types.ts';

export const fromCommand: CommandModule<'from'> = {
  name: 'from',
  kind: 'from',
  status: 'partly',
  generating: true,
  grammar: { mode: 'args', body: fromBody },
  doc: {
    summary: 'Reads a dataset: a lookup, a saved search or a data model.',
    syntax: '| from <dataset-type>:<name>',
    example: '| from datamodel:Endpoint.Processes | stats count by process_name',
    differences: [
      'Only `datamodel:` datasets are compiled (the events of the dataset, with their own field names); `lookup:` and `savedsearch:` are not supported yet.',
    ],
  },
  source(c, ctx) {
    if (c.datasetType.name.toLowerCase() !== 'datamodel') {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          `\`from ${c.datasetType.name}:\` is not supported yet: only \`from datamodel:<model>.<dataset>\` is`,
          c.datasetType.span,
          c.datasetType.name.toLowerCase() === 'lookup' ? ['read a lookup with `| inputlookup <table>`'] : [],
        ),
      );
      return undefined;
    }
    // `Model.Dataset`, or `Model` alone for a model with one root dataset.
    const name = c.dataset.name;
    const dot = name.indexOf('.');
    const model = dot < 0 ? name : name.slice(0, dot);
    const dataset =
      dot < 0
        ? undefined
        : name
            .slice(dot + 1)
            .split('.')
            .pop();
    const resolved = resolveDataset(
      ctx.options,
      model,
      dataset,
      { model: c.dataset.span, dataset: c.dataset.span },
      ctx.errors,
    );
    if (!resolved) return undefined;
    return datasetEvents(resolved, ctx.options, ctx.range, c.dataset.span, ctx.subsearch, ctx.errors, false);
  },
};
