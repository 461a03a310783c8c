// `return`: returns values from a subsearch as search terms.

import { returnBody } from '../parser/commands-sources.ts';
import { returnFields } from '../plan/rows.ts';
import type { CommandModule } from './types.ts';

export const returnCommand: CommandModule<'return'> = {
  name: 'return',
  kind: 'return',
  status: 'supported',
  grammar: { mode: 'args', body: returnBody },
  doc: {
    summary: 'Returns values from a subsearch as search terms.',
    syntax: 'return [<count>] <field>…',
    example: 'index=main [search index=audit | return host]',
    differences: [
      'Returning a field named `search` or `query` (`return search=f`) is not supported yet: Splunk writes it as `search="…"`; `| fields search` inserts the values as search text (see `search`).',
    ],
  },
  lower: (c, s) => returnFields(c, s),
};
