// `from`: reads a dataset: a lookup table (`lookup:` / `inputlookup:`) or a data model dataset
// (`datamodel:Model.Dataset`); a saved search is a diagnostic.

import { diagnostic } from '../diagnostics.ts';
import { fromBody } from '../parser/commands-misc.ts';
import { readDataset } from '../plan/datasets.ts';
import type { CommandModule } from './types.ts';

export const fromCommand: CommandModule<'from'> = {
  name: 'from',
  kind: 'from',
  status: 'partly',
  generating: true,
  grammar: { mode: 'args', body: fromBody },
  doc: {
    summary:
      'Reads a dataset: a lookup table (`lookup:<table>` or `inputlookup:<table>`) or a data model dataset.',
    syntax: '| from <dataset-type>:<dataset-name>',
    example: '| from datamodel:Web | stats count BY status',
    differences: ['Nexus has no saved searches, so `from savedsearch:<name>` is a diagnostic.'],
  },
  source: (c, ctx) => readDataset(c.datasetType, c.dataset, c.span, ctx),
  lower(c, s, ctx) {
    ctx.errors.push(
      diagnostic('semantic', '`from` is a generating command: it must come first, after a `|`', c.name.span, [
        'to add a dataset to the results, use `union <dataset-type>:<name>`',
      ]),
    );
    return s;
  },
};
