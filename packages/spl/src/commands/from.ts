// `from`: reads a dataset: a lookup table (`lookup:` / `inputlookup:`); saved searches and data models are
// diagnostics.

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
    summary: 'Reads a dataset: a lookup table (`lookup:<table>` or `inputlookup:<table>`).',
    syntax: '| from <dataset-type>:<dataset-name>',
    example: '| from inputlookup:hosts | stats count BY owner',
    differences: [
      '`from datamodel:<name>` is not supported yet (issue 25); `tstats … from datamodel=` reads the CIM data models.',
      'Nexus has no saved searches, so `from savedsearch:<name>` is a diagnostic.',
    ],
  },
  source: (c, ctx) => readDataset(c.datasetType, c.dataset, c.span, ctx.options, ctx.errors),
  lower(c, s, ctx) {
    ctx.errors.push(
      diagnostic('semantic', '`from` is a generating command: it must come first, after a `|`', c.name.span, [
        'to add a dataset to the results, use `union <dataset-type>:<name>`',
      ]),
    );
    return s;
  },
};
