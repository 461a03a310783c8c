// `replace`: replaces field values with other values, `*` wildcards allowed on both sides.

import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { replaceBody } from '../parser/commands-misc.ts';
import { toStr } from '../plan/coerce.ts';
import { namedFields } from '../plan/helpers.ts';
import { fieldPatternRegExp } from '../plan/scope.ts';
import type { State } from '../plan/index.ts';
import { keepColumnOrder } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/** The lambda variable of the per-value replacement of a multivalue field. */
const VALUE = '__replace_value';

/** A wildcard value as a regular expression over a whole value: `*` captures any text, newlines included. */
const wholeValue = (pattern: string): string =>
  `(?s)^${pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('(.*)')}$`;

/** Whether the field pattern `pattern` names `name`: an internal field (`_…`) only when it starts with `_`. */
const internalMatch = (pattern: string, name: string): boolean =>
  fieldPatternRegExp(pattern).test(name) && (!name.startsWith('_') || pattern.startsWith('_'));

/** A replacement with its `*`s standing for the text the pattern's `*`s matched, in order (`\1`, `\2` …). */
function replacement(to: string, captures: number): string | undefined {
  const parts = to.split('*');
  if (parts.length - 1 > captures) return undefined;
  return parts.map((p) => p.replace(/\\/g, '\\\\')).reduce((acc, p, i) => `${acc}\\${i}${p}`);
}

/**
 * `replace <from> WITH <to> [, <from> WITH <to>]… [IN <field>…]`: a value equal to a `from` (case-sensitive,
 * the whole value; `*` matches any text) becomes its `to`, the first matching pair winning. Without `IN`,
 * every field but the internal ones. Each value of a multivalue field is replaced on its own.
 *
 * @example `replace *localhost WITH localhost IN host` →
 *   `if(match(host, '(?s)^(.*)localhost$'), replaceRegexpOne(host, '(?s)^(.*)localhost$', 'localhost'), host)`
 */
export const replace: CommandModule<'replace'> = {
  name: 'replace',
  kind: 'replace',
  status: 'partly',
  grammar: { mode: 'args', body: replaceBody },
  doc: {
    summary: 'Replaces field values with other values.',
    syntax: 'replace <value> WITH <new> [, <value> WITH <new>]… [IN <field>…]',
    example: 'index=main | replace *localhost WITH localhost IN host | table host',
    differences: [
      'Without `IN` over raw events, every field is replaced (the events shown carry the replaced values as text).',
      'With wildcards in `IN` over raw events, the fields they match are replaced, known and structured (the events shown carry the replaced values as text). Where the page is silent: a pattern reaches an internal field (`_raw`, `_…`) only when it starts with `_`, as the page asks internal fields to be named.',
    ],
  },
  lower(c, s, ctx) {
    const pairs: { re: string; by: string }[] = [];
    for (const p of c.replacements) {
      const captures = p.from.text.split('*').length - 1;
      const by = replacement(p.to.text, captures);
      if (by === undefined) {
        ctx.errors.push(
          diagnostic(
            'semantic',
            `\`${p.to.text}\` has more \`*\` than \`${p.from.text}\`: each \`*\` of the new value stands for one \`*\` of the old`,
            p.to.span,
          ),
        );
        continue;
      }
      pairs.push({ re: wholeValue(p.from.text), by });
    }
    if (pairs.length === 0) return s;
    // Without `IN` over raw events: every field, the structured ones (named only when the search runs) as
    // they are read later by name. With wildcards in `IN` over raw events: the known fields they match and
    // the structured ones the same way (an internal field only by a pattern starting with `_`).
    const everyRaw = c.fields.length === 0 && s.scope.raw;
    const wildcards = s.scope.raw
      ? c.fields.filter((f) => f.pattern.includes('*')).map((f) => f.pattern)
      : [];
    const known = s.scope.fields.map((x) => x.name);
    const named = everyRaw
      ? known.filter((n) => !n.startsWith('_'))
      : wildcards.length > 0
        ? [
            ...new Set([
              ...known.filter((n) => wildcards.some((p) => internalMatch(p, n))),
              ...c.fields.filter((f) => !f.pattern.includes('*')).map((f) => f.pattern),
            ]),
          ]
        : namedFields(c.name, c.fields, s, ctx.errors, 'name the fields with `IN <field>…`');
    if (named === undefined) return s;
    // The pairs in order, the first whose pattern matches the whole value.
    const replaced = (v: Expr): Expr =>
      [...pairs]
        .reverse()
        .reduce<Expr>(
          (rest, p) =>
            call(
              'if',
              [
                call('coalesce', [call('match', [v, lit(p.re)], 'bool'), lit(false)], 'bool'),
                call('replace_first', [v, lit(p.re), lit(p.by)], 'string'),
                rest,
              ],
              'string',
            ),
          v,
        );
    const replacedState = named.reduce<State>((st, name) => {
      const current = st.scope.resolve(name);
      const expr =
        current.type === 'mv'
          ? call('mvmap', [current, replaced(col(VALUE, 'string')), lit(VALUE)], 'mv', c.span)
          : replaced(toStr(current));
      return {
        rel: { kind: 'compute', input: st.rel, name, expr },
        scope: st.scope.with(name, current.type === 'mv' ? 'mv' : 'any'),
      };
    }, s);
    const done = keepColumnOrder(replacedState, s.scope.columns);
    if (!everyRaw && wildcards.length === 0) return done;
    return { ...done, scope: done.scope.withMap((v) => replaced(toStr(v)), pairs, c.span, wildcards) };
  },
};
