// `appendpipe`: appends the output of commands run on the current results.

import { bool } from '../analyse/options.ts';
import { appendpipeBody } from '../parser/commands-sources.ts';
import { appendpipe as appendOutput } from '../plan/append.ts';
import type { CommandModule } from './types.ts';

export const appendpipe: CommandModule<'appendpipe'> = {
  name: 'appendpipe',
  kind: 'appendpipe',
  status: 'supported',
  subpipeline: true,
  grammar: { mode: 'args', body: appendpipeBody },
  options: { placement: 'leading', options: { run_in_preview: bool } },
  doc: {
    summary: 'Appends the output of commands run on the current results.',
    syntax: 'appendpipe [ <subpipeline> ]',
    example: 'index=main | stats count BY host | appendpipe [stats sum(count) AS count]',
  },
  lower(c, s, ctx) {
    let sub = s;
    for (const command of c.subsearch.pipeline.commands) sub = ctx.lowerCommand(command, sub);
    return appendOutput(c, s, sub, ctx.errors);
  },
};
