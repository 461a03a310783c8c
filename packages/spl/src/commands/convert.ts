// `convert`: converts field values with conversion functions

import { str } from '../analyse/options.ts';
import { convertBody } from '../parser/commands-data.ts';
import { convert as convertFields } from '../plan/convert.ts';
import type { CommandModule } from './types.ts';

export const convert: CommandModule<'convert'> = {
  name: 'convert',
  kind: 'convert',
  status: 'partly',
  grammar: { mode: 'args', body: convertBody },
  options: { placement: 'leading', options: { timeformat: str } },
  doc: {
    summary: 'Converts values: ctime, mktime, num, dur2sec, memk, …',
    syntax: 'convert [timeformat=<string>] <function>(<field>) [AS <newname>]…',
    example: 'index=main | convert ctime(_time) AS t | table t',
    differences: [
      'Wildcards over the structured fields of raw events are not supported yet.',
      '`auto()` converts a field when every value of it in the results is a number (the conversion `num()` makes; Splunk says only "the best conversion"); one column holds one type, so the converted values stay text, the number\'s (`007` → `7`).',
    ],
  },
  lower: (c, s, ctx) => convertFields(c, s, ctx.options.timeZone ?? 'UTC', ctx.errors),
};
