// `x11`: removes the seasonal pattern of a series (usually `timechart` output) by the X11 moving-average
// method, additive or multiplicative.

import { diagnostic } from '../diagnostics.ts';
import type { Span } from '../diagnostics.ts';
import { plainSeries, withModels } from '../plan/series-model.ts';
import { argsOf, assignable, isAs } from '../plan/streaming.ts';
import type { CommandModule } from './types.ts';

/** `add`/`mult`, optionally followed by the period (`mult15`). */
const TYPE = /^(add|mult)(\d*)$/i;
const PERIOD = /^\d+$/;

const usage = 'x11 [add|mult][<period>](<field>) [AS <newfield>]';

export const x11: CommandModule<'generic'> = {
  name: 'x11',
  kind: 'generic',
  status: 'partly',
  doc: {
    summary:
      'Removes the seasonal pattern of a series by the X11 moving-average method: `x11(<field>)` (or the `AS` name) holds the seasonally adjusted value, additive (`add()`) or multiplicative (`mult()`, the default).',
    syntax: 'x11 [add()|mult()] [<period>] (<field>) [AS <newfield>]',
    example: 'index=main | timechart span=1d count | x11 add7(count) AS weekly_adjusted',
    differences: [
      'Without a period, Nexus takes the lag from 5 to half the series (at most 1000) at which the series’ changes (first differences less their mean) correlate most with themselves, the shortest on a tie (5 for fewer than 10 values); the Search Reference does not say how Splunk computes it.',
      'One X11 pass without extreme-value replacement: trend by the centred moving average over one period, seasonal factors by a 3×3 moving average of each phase (normalised over one period), trend again by a Henderson filter of 2⌊period/2⌋+1 points (at most 23), seasonal factors by a 3×5 moving average; the output is the series less (or divided by) the final seasonal factors.',
      'At the ends of the series the moving averages use the neighbours there are, their weights rescaled, where X11 uses its asymmetric end filters; a missing value stays missing.',
      'Without `AS` the output field is named `x11(<field>)`.',
    ],
  },
  lower(c, s, ctx) {
    const args = argsOf(c, ctx.errors);
    let mult = true;
    let period: { value: number; span: Span } | undefined;
    let field: { name: string; span: Span } | undefined;
    let target: string | undefined;
    const bad = (at: Span): typeof s => {
      ctx.errors.push(
        diagnostic('syntax', `\`x11\` takes \`${usage}\``, at, ['for example `x11 add12(count)`']),
      );
      return s;
    };
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (!a) continue;
      if (a.kind === 'option') return bad(a.option.span);
      if (a.kind === 'group') {
        // `add()` / `mult()`: an empty group after the type.
        if (a.words.length === 0) continue;
        const [w, ...rest] = a.words;
        if (!w || rest.length > 0 || field) return bad(a.span);
        field = { name: w.text, span: w.span };
        continue;
      }
      if (isAs(a)) {
        const next = args[i + 1];
        if (next?.kind !== 'word' || !field) return bad(a.word.span);
        target = next.word.text;
        i += 1;
        continue;
      }
      const type = TYPE.exec(a.word.text);
      if (type && !field) {
        mult = (type[1] ?? '').toLowerCase() === 'mult';
        if (type[2]) period = { value: Number(type[2]), span: a.word.span };
      } else if (PERIOD.test(a.word.text) && !field)
        period = { value: Number(a.word.text), span: a.word.span };
      else if (!field && (args[i + 1] === undefined || isAs(args[i + 1])))
        field = { name: a.word.text, span: a.word.span };
      else return bad(a.word.span);
    }
    if (!field) return bad(c.name.span);
    if (period && (period.value < 5 || period.value > 1000)) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          `the \`x11\` period must be from 5 to 1000, found ${String(period.value)}`,
          period.span,
        ),
      );
      return s;
    }
    if (!plainSeries(c, s, ctx.errors, 'timechart span=1d count | x11 add7(count)')) return s;
    if (!s.scope.has(field.name)) {
      ctx.errors.push(
        diagnostic('semantic', `\`x11\`: the results have no field \`${field.name}\``, field.span),
      );
      return s;
    }
    const output = target ?? `x11(${field.name})`;
    if (!assignable(output, field.span, ctx.errors)) return s;
    return withModels(
      s,
      [
        {
          value: s.scope.resolve(field.name),
          algorithm: mult ? 'x11-mult' : 'x11-add',
          holdback: 0,
          period: period?.value ?? null,
          prediction: output,
          upper: null,
          lower: null,
        },
      ],
      0,
    );
  },
};
