// `outputlookup`: writes the results to a lookup table (editor or admin role).

import { bool, int, str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import { outputlookupBody } from '../parser/commands-sources.ts';
import type { CommandModule } from './types.ts';

export const outputlookup: CommandModule<'outputlookup'> = {
  name: 'outputlookup',
  kind: 'outputlookup',
  status: 'partly',
  grammar: { mode: 'args', body: outputlookupBody },
  options: {
    placement: 'anywhere',
    options: {
      append: bool,
      create_empty: bool,
      override_if_empty: bool,
      max: int,
      key_field: str,
      createinapp: bool,
      output_format: str,
    },
  },
  doc: {
    summary: 'Writes the results to a lookup table (editor or admin role).',
    syntax: 'outputlookup <table>',
    example: 'index=main | stats count BY host | outputlookup hosts',
    differences: [
      'Only as the last command of the search (not inside a subsearch); KV store collections and raw events are not supported.',
    ],
  },
  lower(c, s, ctx) {
    ctx.errors.push(
      diagnostic(
        'unsupported',
        '`outputlookup` is supported only as the last command of the search, not followed by other commands or inside a subsearch',
        c.name.span,
      ),
    );
    return s;
  },
};
