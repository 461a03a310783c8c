// `outputtext`: copies `_raw` into `_xml`, escaped as XML text unless `usexml=false`.

import { bool } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import { call } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import { truthy } from '../plan/helpers.ts';
import { genericArgs, noMoreWords, optionOf } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/**
 * `outputtext [usexml=<bool>]`: `_xml` is `_raw` with `&`, `<`, `>`, `"` and `'` as entity references
 * (`usexml=true`, the default), or an exact copy of `_raw` (`usexml=false`).
 *
 * @example `outputtext` → `encodeXMLComponent(_raw) AS _xml`
 */
export const outputtext: CommandModule<'generic'> = {
  name: 'outputtext',
  kind: 'generic',
  status: 'supported',
  options: { placement: 'anywhere', options: { usexml: bool } },
  doc: {
    summary: 'Copies the events’ text (`_raw`) into the `_xml` field, escaped as XML unless `usexml=false`.',
    syntax: 'outputtext [usexml=<bool>]',
    example: 'index=main | outputtext | table _raw _xml',
    differences: [
      'With `usexml=true`, `&`, `<`, `>`, `"` and `\'` become `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&apos;`.',
    ],
  },
  lower(c, s, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    noMoreWords('outputtext', words, ctx.errors, 'no field (it always reads `_raw`)');
    if (words.length > 0) return s;
    if (!s.scope.raw && !s.scope.has('_raw')) {
      ctx.errors.push(
        diagnostic('semantic', '`outputtext` needs `_raw`, which these results do not have', c.name.span),
      );
      return s;
    }
    const usexml = optionOf(options, 'usexml');
    const raw = toStr(s.scope.resolve('_raw', c.name.span));
    const expr =
      usexml === undefined || truthy(usexml.value.text) ? call('xml_escape', [raw], 'string', c.span) : raw;
    return {
      rel: { kind: 'compute', input: s.rel, name: '_xml', expr },
      scope: s.scope.with('_xml', 'string'),
    };
  },
};
