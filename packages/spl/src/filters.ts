// Structured search filters (Grafana's ad hoc filters) added to the base search of a parsed query.

import type { Pipeline, SearchCompareOp, SearchExpr, SearchValue } from './ast.ts';
import { diagnostic } from './diagnostics.ts';
import type { Diagnostic, Span } from './diagnostics.ts';

/** `=|` / `!=|`: the field is one of (is none of) `values`, as Grafana's "one of" filters. */
export type SearchFilterOp = SearchCompareOp | '=|' | '!=|';

export const SEARCH_FILTER_OPS: readonly SearchFilterOp[] = ['=', '!=', '<', '<=', '>', '>=', '=|', '!=|'];

/** One filter as a client sends it (`POST /query/spl` `filters`). */
export interface SearchFilter {
  readonly key: string;
  readonly operator: string;
  readonly value?: string;
  readonly values?: readonly string[];
}

const isOp = (op: string): op is SearchFilterOp => (SEARCH_FILTER_OPS as readonly string[]).includes(op);

/**
 * Adds `filters` to the base search of `ast` as search terms: each one is ANDed to the first command's
 * search expression, with its key as a quoted field name and its value as a quoted search value, so no
 * filter can change how the rest of the query parses (it never becomes text). The filters get an empty span
 * at the end of the base search, where a diagnostic about them points.
 *
 * Semantics are the search language's: `f=v` (with `*` wildcards, case-insensitive as in Splunk), `f!=v`
 * (the field must exist), `<`/`>` compare numbers as numbers, `=|` is `f IN (…)`, `!=|` is `NOT f IN (…)`.
 * A query with no base event search (`| makeresults`, `| mstats`, `| inputlookup`) cannot take filters:
 * that is an error at its first command, never a filter silently dropped. So are regex operators (`=~`, `!~`):
 * the search language has no regex term.
 *
 * @example applySearchFilters(parse('index=web | stats count').ast, [{ key: 'host', operator: '=', value: 'a' }])
 *   // the base search becomes `index=web AND "host"="a"` (as a tree); `| stats count` is untouched
 */
export function applySearchFilters(
  ast: Pipeline,
  filters: readonly SearchFilter[],
): { ok: true; ast: Pipeline } | { ok: false; errors: Diagnostic[] } {
  if (filters.length === 0) return { ok: true, ast };
  const [first, ...rest] = ast.commands;
  if (first === undefined) return { ok: true, ast };
  if (first.kind !== 'search') {
    return {
      ok: false,
      errors: [
        diagnostic(
          'unsupported',
          `ad hoc filters apply to the base search, and this query starts with \`${first.name.name}\` instead of search terms`,
          first.name.span.start === first.name.span.end ? first.span : first.name.span,
          ['start the query with search terms (`index=… | …`), or remove the dashboard filters'],
        ),
      ],
    };
  }
  const at: Span = { start: first.span.end, end: first.span.end };
  const errors: Diagnostic[] = [];
  const terms: SearchExpr[] = [];
  for (const f of filters) {
    const term = filterTerm(f, at, errors);
    if (term) terms.push(term);
  }
  if (errors.length > 0) return { ok: false, errors };
  const operands: SearchExpr[] =
    first.expr === undefined
      ? terms
      : first.expr.kind === 'search-and'
        ? [...first.expr.operands, ...terms]
        : [first.expr, ...terms];
  const [only] = operands;
  const expr: SearchExpr =
    operands.length === 1 && only !== undefined
      ? only
      : { kind: 'search-and', operands, span: first.expr?.span ?? at };
  return { ok: true, ast: { ...ast, commands: [{ ...first, expr }, ...rest] } };
}

function filterTerm(f: SearchFilter, at: Span, errors: Diagnostic[]): SearchExpr | undefined {
  const field = { kind: 'ident', name: f.key, quoted: true, span: at } as const;
  const value = (text: string): SearchValue => ({ kind: 'search-value', text, quoted: true, span: at });
  if (f.key === '') {
    errors.push(diagnostic('semantic', 'an ad hoc filter has no field name', at));
    return undefined;
  }
  if (!isOp(f.operator)) {
    errors.push(
      diagnostic(
        'unsupported',
        `the ad hoc filter on \`${f.key}\` uses \`${f.operator}\`, which search terms cannot express`,
        at,
        ['use `=` or `!=` (a value may contain `*` wildcards), `<`, `>`, `<=`, `>=`, or "one of"'],
      ),
    );
    return undefined;
  }
  if (f.operator === '=|' || f.operator === '!=|') {
    const values = f.values ?? (f.value === undefined ? [] : [f.value]);
    const inList: SearchExpr = { kind: 'search-in', field, values: values.map(value), span: at };
    return f.operator === '=|' ? inList : { kind: 'search-not', operand: inList, span: at };
  }
  if (f.value === undefined) {
    errors.push(diagnostic('semantic', `the ad hoc filter on \`${f.key}\` has no value`, at));
    return undefined;
  }
  return {
    kind: 'search-compare',
    field,
    op: f.operator,
    value: value(f.value),
    caseSensitive: false,
    span: at,
  };
}
