// `makeresults`: generates results with only `_time` (the search's now).

import { bool, positive, str } from '../analyse/options.ts';
import { makeresultsBody } from '../parser/commands.ts';
import { optionNumber, unknownOption } from '../plan/helpers.ts';
import { Scope } from '../plan/scope.ts';
import { notFirst } from './unsupported.ts';
import type { CommandModule } from './types.ts';

export const makeresults: CommandModule<'makeresults'> = {
  name: 'makeresults',
  kind: 'makeresults',
  status: 'partly',
  generating: true,
  grammar: { mode: 'args', body: makeresultsBody },
  options: {
    placement: 'anywhere',
    options: {
      count: positive,
      annotate: bool,
      splunk_server: str,
      splunk_server_group: str,
      format: { type: 'enum', values: ['csv', 'json'] },
      data: str,
    },
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
      if (o.key.name === 'count') count = optionNumber(o, ctx.errors, 1) ?? 1;
      else unknownOption(o, 'makeresults', ['count'], ctx.errors);
    }
    return {
      rel: { kind: 'values', count, timeMs: ctx.options.nowMs },
      scope: Scope.closed([{ name: '_time', type: 'time' }]),
    };
  },
  lower: (c, s, ctx) => notFirst(c, s, ctx.errors),
};
