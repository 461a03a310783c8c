// `abstract`: shortens each event's text to its lines with the most terms.

import { diagnostic } from '../diagnostics.ts';
import { call, lit } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import { genericArgs, noMoreWords, optionOf } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/**
 * `abstract [maxterms=<int>] [maxlines=<int>]`: an event with more than `maxlines` (5) lines keeps the
 * `maxlines` lines with the most terms, in their order, `...` marking where lines were left out; a shorter
 * event is unchanged.
 *
 * @example `abstract maxlines=2` → `arrayStringConcat(arrayMap(…, arraySort(arraySlice(arraySort((i, l) -> (-terms, i), …), 1, 2))), '\n') AS _raw`
 */
export const abstract: CommandModule<'generic'> = {
  name: 'abstract',
  kind: 'generic',
  status: 'partly',
  aliases: ['excerpt'],
  options: {
    placement: 'anywhere',
    options: { maxterms: { type: 'int', min: 1 }, maxlines: { type: 'int', min: 1 } },
  },
  doc: {
    summary: 'Shortens each event’s text to its most relevant lines.',
    syntax: 'abstract [maxterms=<int>] [maxlines=<int>]',
    example: 'index=main | abstract maxlines=2 | table _raw',
    differences: [
      'A line’s relevance is its number of terms; Splunk also prefers lines with the search’s terms and their neighbours. `maxterms` is accepted and not applied.',
    ],
  },
  lower(c, s, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    noMoreWords('abstract', words, ctx.errors, 'only `maxterms=` and `maxlines=`');
    if (words.length > 0) return s;
    if (!s.scope.raw && !s.scope.has('_raw')) {
      ctx.errors.push(
        diagnostic('semantic', '`abstract` needs `_raw`, which these results do not have', c.name.span),
      );
      return s;
    }
    const maxlines = Number(optionOf(options, 'maxlines')?.value.text ?? 5);
    const expr = call('abstract', [toStr(s.scope.resolve('_raw')), lit(maxlines)], 'string', c.span);
    return { rel: { kind: 'compute', input: s.rel, name: '_raw', expr }, scope: s.scope.with('_raw', 'any') };
  },
};
