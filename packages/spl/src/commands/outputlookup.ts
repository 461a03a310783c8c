// `outputlookup`: writes the results to a lookup table (editor or admin role).

import { bool, int, str } from '../analyse/options.ts';
import { outputlookup as checkOutput, writtenTable } from '../plan/lookup.ts';
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
      'KV store collections are not supported. Raw events are written with every field, as `table *` gives them (the event columns, then every structured field any event has, in name order; a multivalue field as its values joined by newlines); fields starting with `_` other than `_time` are not written.',
      'Before the end of the search (in a subsearch, or followed by more commands) the rows pass on unchanged and are written once the whole search has run, after its reads: another part of the search may not read the table written (a positioned diagnostic).',
      'Not in a `map` template.',
    ],
  },
  // The search's last `outputlookup` is planned by plan(); this one is followed by more commands or in a
  // subsearch: Splunk writes the rows there and passes them on.
  lower(c, s, ctx) {
    // Raw events are written as a table of every field; they pass on as they are.
    const written = writtenTable(s, c.span, ctx.errors);
    const output = checkOutput(c, written, ctx.errors);
    if (output) ctx.writes?.push({ output, rel: written.rel });
    return s;
  },
};
