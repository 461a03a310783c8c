// `xyseries`: turns rows into a chart-like table.

import { bool, str } from '../analyse/options.ts';
import { xyseriesBody } from '../parser/commands-sources.ts';
import { xyseries as pivot } from '../plan/pivot.ts';
import type { CommandModule } from './types.ts';

export const xyseries: CommandModule<'xyseries'> = {
  name: 'xyseries',
  kind: 'xyseries',
  status: 'partly',
  grammar: { mode: 'args', body: xyseriesBody },
  options: { placement: 'anywhere', options: { grouped: bool, sep: str, format: str } },
  doc: {
    summary: 'Turns rows into a chart-like table.',
    syntax: 'xyseries <x-field> <y-name-field> <y-data-field>',
    example: 'index=main | stats count BY host, status | xyseries host status count',
    differences: [
      'Multivalue and single values in one `xyseries`, and `grouped=`/`sep=`/`format=`, are not supported yet.',
    ],
  },
  lower: (c, s, ctx) => pivot(c, s, ctx.errors),
};
