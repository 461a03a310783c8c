// `inputlookup`: reads a lookup table.

import { bool, int } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import { inputlookupBody } from '../parser/commands-sources.ts';
import { concat } from '../plan/append.ts';
import { appends, inputlookup as readTable } from '../plan/lookup.ts';
import type { CommandModule } from './types.ts';

export const inputlookup: CommandModule<'inputlookup'> = {
  name: 'inputlookup',
  kind: 'inputlookup',
  status: 'partly',
  generating: true,
  grammar: { mode: 'search', body: inputlookupBody },
  options: { placement: 'leading', options: { append: bool, start: int, max: int, strict: bool } },
  doc: {
    summary: 'Reads a lookup table.',
    syntax: '| inputlookup [append=<bool>] [start=<int>] [max=<int>] <table> [WHERE <search>]',
    example: '| inputlookup hosts',
    differences: [
      '`start=` and `max=` count the rows read from the file (the page: "events to be read from the file"), before `WHERE` filters them; `max=0` reads every row (the page gives 0 no meaning).',
    ],
  },
  source: (c, ctx) => readTable(c, ctx.options, ctx.errors, ctx.subsearch),
  lower(c, s, ctx) {
    if (!appends(c)) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          '`inputlookup` is a generating command: it must come first, after a `|`, or have `append=true`',
          c.name.span,
        ),
      );
      return s;
    }
    const table = readTable(c, ctx.options, ctx.errors, ctx.subsearch);
    return table ? concat(s, table) : s;
  },
};
