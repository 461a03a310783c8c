// `makeresults`: generates results with only `_time` (the search's now).

import { bool, positive, str } from '../analyse/options.ts';
import { makeresultsBody } from '../parser/commands.ts';
import { diagnostic } from '../diagnostics.ts';
import { optionNumber, unknownOption } from '../plan/helpers.ts';
import { Scope } from '../plan/scope.ts';
import { notFirst } from './unsupported.ts';
import type { CommandModule } from './types.ts';

/** The Search Reference's other makeresults options (annotate, format/data, the server options). */
const notYet = {
  annotate: bool,
  splunk_server: str,
  splunk_server_group: str,
  format: { type: 'enum', values: ['csv', 'json'] },
  data: str,
} as const;

export const makeresults: CommandModule<'makeresults'> = {
  name: 'makeresults',
  kind: 'makeresults',
  status: 'partly',
  generating: true,
  grammar: { mode: 'args', body: makeresultsBody },
  options: {
    placement: 'anywhere',
    options: { count: positive, ...notYet },
  },
  doc: {
    summary: 'Generates results with only `_time`.',
    syntax: '| makeresults [count=<int>]',
    example: '| makeresults count=3',
    differences: ['Only `count=` is compiled; `annotate=`, `format=` and `data=` are not supported yet.'],
  },
  source(c, ctx) {
    let count = 1;
    for (const o of c.options) {
      const key = o.key.name.toLowerCase();
      if (key === 'count') count = optionNumber(o, ctx.errors, 1) ?? 1;
      else if (key in notYet) {
        // Search Reference options Nexus does not compile yet: named as such, not "no option".
        ctx.errors.push(
          diagnostic('unsupported', `\`makeresults ${o.key.name}=\` is not supported yet`, o.key.span),
        );
      } else unknownOption(o, 'makeresults', ['count', ...Object.keys(notYet)], ctx.errors);
    }
    return {
      rel: { kind: 'values', count, timeMs: ctx.options.nowMs },
      scope: Scope.closed([{ name: '_time', type: 'time' }]),
    };
  },
  lower: (c, s, ctx) => notFirst(c, s, ctx.errors),
};
