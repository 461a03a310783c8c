// `xmlunescape`: unescapes the XML entity and character references of `_raw`.

import { diagnostic } from '../diagnostics.ts';
import { call } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import { genericArgs, noMoreWords } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/**
 * `xmlunescape [maxinputs=<int>]`: `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;` and `&#NN;`/`&#xNN;` in `_raw`
 * become the characters they stand for.
 *
 * @example `xmlunescape` → `decodeXMLComponent(_raw) AS _raw`
 */
export const xmlunescape: CommandModule<'generic'> = {
  name: 'xmlunescape',
  kind: 'generic',
  status: 'supported',
  options: { placement: 'anywhere', options: { maxinputs: { type: 'int', min: 0 } } },
  doc: {
    summary: 'Unescapes XML entities and character references in `_raw`.',
    syntax: 'xmlunescape [maxinputs=<int>]',
    example: 'index=main | xmlunescape | table _raw',
    differences: ['`maxinputs` is accepted and ignored: every result is unescaped.'],
  },
  lower(c, s, ctx) {
    const { words } = genericArgs(c, ctx.errors);
    noMoreWords('xmlunescape', words, ctx.errors, 'no field (it always reads `_raw`)');
    if (!s.scope.raw && !s.scope.has('_raw')) {
      ctx.errors.push(
        diagnostic('semantic', '`xmlunescape` needs `_raw`, which these results do not have', c.name.span),
      );
      return s;
    }
    const expr = call('xml_unescape', [toStr(s.scope.resolve('_raw'))], 'string', c.span);
    return { rel: { kind: 'compute', input: s.rel, name: '_raw', expr }, scope: s.scope.with('_raw', 'any') };
  },
};
