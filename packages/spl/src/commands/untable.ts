// `untable`: turns a chart-like table back into rows.

import { untableBody } from '../parser/commands-sources.ts';
import { untable as unpivot } from '../plan/pivot.ts';
import type { CommandModule } from './types.ts';

export const untable: CommandModule<'untable'> = {
  name: 'untable',
  kind: 'untable',
  status: 'partly',
  grammar: { mode: 'args', body: untableBody },
  doc: {
    summary: 'Turns a chart-like table back into rows.',
    syntax: 'untable <x-field> <name-field> <value-field>',
    example: 'index=main | chart count OVER host BY status | untable host status count',
    differences: ['Over raw events, and of multivalue fields, it is not supported yet.'],
  },
  lower: (c, s, ctx) => unpivot(c, s, ctx.errors),
};
