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
    syntax:
      'xyseries [grouped=<bool>] <x-field> <y-name-field> <y-data-field>… [sep=<string>] [format=<string>]',
    example: 'index=main | stats count BY host, status | xyseries host status count',
    differences: [
      'Multivalue and single values in one `xyseries` are not supported yet.',
      'With several data fields the series are named `<data field><sep><value>` (`sep=`, default `: `) or by `format=` (`$AGG$` the data field, `$VAL$` the value), as in `chart`; `grouped=true` changes nothing (the input’s order does not matter here).',
    ],
  },
  lower: (c, s, ctx) => pivot(c, s, ctx.errors),
};
