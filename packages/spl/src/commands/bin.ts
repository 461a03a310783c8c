// `bin`: puts numeric or time values into buckets.

import { binSpan, positive, span, str } from '../analyse/options.ts';
import { binBody } from '../parser/commands-data.ts';
import { bin as binValues } from '../plan/bin.ts';
import type { CommandModule } from './types.ts';

export const bin: CommandModule<'bin'> = {
  name: 'bin',
  kind: 'bin',
  aliases: ['bucket', 'discretize'],
  status: 'partly',
  grammar: { mode: 'args', body: binBody },
  options: {
    placement: 'anywhere',
    options: {
      span: binSpan,
      bins: positive,
      minspan: span,
      start: { type: 'number' },
      end: { type: 'number' },
      aligntime: str,
    },
  },
  doc: {
    summary: 'Puts numeric or time values into buckets.',
    syntax:
      'bin [span=<span>] [bins=<int>] [minspan=<span>] [start=<num>] [end=<num>] [aligntime=<time>] <field> [AS <newname>]',
    example: 'index=main | bin span=5m _time | stats count BY _time',
    differences: [
      'A wildcard bins each field it matches among those known at that point, in place (not with `AS`); over raw events it is not supported yet.',
      '`start=`/`end=` widen the range automatic bins are chosen over (they discard nothing, and change nothing with `span=`); on a time they are epoch seconds, and widen the search’s range the automatic span is chosen over.',
      '`aligntime=` (`earliest`, `latest` or a time) aligns spans of seconds to hours, and is ignored for days and longer (weeks too, which Splunk’s page does not name), and refused over all time with an automatic span.',
      'A logarithmic span `[<c>]log[<b>]` (coefficient 1 and base 10 by default; `1 ≤ c < b`, `b > 1`) puts a number in [c·b^k, c·b^(k+1)), labelled `lo-hi`; a value ≤ 0 has no such bin and stays as it is (Splunk’s page does not say). On a time it is not supported.',
    ],
  },
  lower: (c, s, ctx) => binValues(c, s, ctx.range, ctx.options, ctx.errors),
};
