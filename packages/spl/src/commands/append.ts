// `append`: appends the results of a subsearch.

import { subsearchOptions } from '../analyse/options.ts';
import { appendBody } from '../parser/commands-sources.ts';
import { append as appendRows } from '../plan/append.ts';
import type { CommandModule } from './types.ts';

export const append: CommandModule<'append'> = {
  name: 'append',
  kind: 'append',
  status: 'supported',
  grammar: { mode: 'args', body: appendBody },
  options: { placement: 'leading', options: subsearchOptions },
  doc: {
    summary: 'Appends the results of a subsearch.',
    syntax: 'append [ <subsearch> ]',
    example: 'index=main | stats count | append [search index=audit | stats count]',
  },
  lower(c, s, ctx) {
    const sub = ctx.planPipeline(c.subsearch.pipeline);
    return sub ? appendRows(c, s, sub, ctx.errors) : s;
  },
};
