// `xpath`: extracts values from XML with an XPath location path.

import { str } from '../analyse/options.ts';
import type { Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import type { State } from '../plan/index.ts';
import { reservedNames } from '../plan/scope.ts';
import { genericArgs, noMoreWords, optionOf } from './generic-args.ts';
import type { CommandModule } from './types.ts';

const NAME = /^[A-Za-z_][\w.:-]*$/;

/**
 * An XPath location path of element names (`/a/b`, `//b`, `/a//c`, `*` for any element) with an optional last
 * `@attribute` or `text()` step, as a regular expression over element paths (`/a/b/c`) and the attribute;
 * a message naming the part that is not in this subset otherwise.
 */
export function xpathPattern(
  path: string,
): { ok: true; regex: string; attr: string } | { ok: false; message: string; at: number } {
  let rest = path.trim();
  let attr = '';
  const attrStep = /\/@([A-Za-z_][\w.:-]*)$/.exec(rest);
  if (attrStep) {
    attr = attrStep[1] ?? '';
    rest = rest.slice(0, attrStep.index);
  } else if (rest.endsWith('/text()')) {
    rest = rest.slice(0, -'/text()'.length);
  }
  if (!rest.startsWith('/'))
    return { ok: false, message: 'a relative path (start it with `/` or `//`)', at: 0 };
  let regex = '^';
  let at = 0;
  // Steps: `//` (any descendants between) or `/`, then a name or `*`.
  const step = /(\/\/?)([^/]*)/y;
  while (at < rest.length) {
    step.lastIndex = at;
    const m = step.exec(rest);
    const sep = m?.[1] ?? '/';
    const name = m?.[2] ?? '';
    if (!m || !(NAME.test(name) || name === '*')) {
      return {
        ok: false,
        message: `the step \`${name === '' ? rest.slice(at) : name}\` (predicates, axes and functions are not supported)`,
        at: at + sep.length,
      };
    }
    regex += `${sep === '//' ? '(/[^/]+)*' : ''}/${name === '*' ? '[^/]+' : name.replace(/[.]/g, '\\.')}`;
    at = step.lastIndex;
  }
  return { ok: true, regex: `${regex}$`, attr };
}

/**
 * `xpath [field=<field>] [outfield=<field>] [default=<string>] "<xpath>"`: the text (or attribute) of every
 * element of the XML in `field` (`_raw`) that the path selects, in document order, into `outfield` (`xpath`):
 * one value, several as a multivalue field; the default (when given) where nothing matches.
 *
 * @example `xpath outfield=name "//book/title"` → the text of every element whose path (`/catalog/book/title`)
 *   matches the path's regular expression, as `arrayMap(k -> …, arrayFilter(k -> match(path(k), …), …)) AS name`
 */
export const xpath: CommandModule<'generic'> = {
  name: 'xpath',
  kind: 'generic',
  status: 'partly',
  options: { placement: 'anywhere', options: { field: str, outfield: str, default: str } },
  doc: {
    summary: 'Extracts values from XML with an XPath expression.',
    syntax: 'xpath [field=<field>] [outfield=<field>] [default=<string>] "<xpath>"',
    example: 'index=main | xpath outfield=name "//book/title" | table name',
    differences: [
      'Location paths of element names (`/a/b`, `//b`, `*`) with a last `@attribute` or `text()` step; predicates (`[…]`), axes and functions are refused with a diagnostic.',
    ],
  },
  lower(c, s, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    const [path, ...extra] = words;
    noMoreWords('xpath', extra, ctx.errors, 'one XPath expression');
    if (!path) {
      ctx.errors.push(
        diagnostic('syntax', '`xpath` needs an XPath expression, such as "//book/title"', c.name.span),
      );
      return s;
    }
    const parsed = xpathPattern(path.text);
    if (!parsed.ok) {
      // Inside the quotes when the path was quoted.
      const start = path.span.start + (path.quoted ? 1 : 0) + parsed.at;
      const where: Span = { start, end: Math.max(start + 1, path.span.end - (path.quoted ? 1 : 0)) };
      ctx.errors.push(
        diagnostic('unsupported', `\`xpath\` does not support ${parsed.message}`, where, [
          'select elements by name, e.g. "//book/title" or "/catalog/book/@id", then filter with `where` or `mvfilter`',
        ]),
      );
      return s;
    }
    const outfield = optionOf(options, 'outfield');
    const out = outfield?.value.text ?? 'xpath';
    if (reservedNames.has(out)) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          `\`${out}\` is reserved and cannot be assigned`,
          outfield?.value.span ?? c.span,
        ),
      );
      return s;
    }
    const input = toStr(s.scope.resolve(optionOf(options, 'field')?.value.text ?? '_raw'));
    const values = call('xpath', [input, lit(parsed.regex), lit(parsed.attr)], 'mv', c.span);
    const fallback = optionOf(options, 'default')?.value.text;
    let state: State = {
      rel: { kind: 'compute', input: s.rel, name: out, expr: values },
      scope: s.scope.with(out, 'mv'),
    };
    if (fallback !== undefined) {
      const list: Expr = col(out, 'mv');
      const expr = call(
        'if',
        [call('isnull', [list], 'bool'), call('to_mv', [lit(fallback)], 'mv'), list],
        'mv',
        c.span,
      );
      state = { rel: { kind: 'compute', input: state.rel, name: out, expr }, scope: state.scope };
    }
    return state;
  },
};
