// A subsearch that returns a field named `search` or `query`: Splunk inserts its rows into the search as
// text, as `format` prints them (Search Manual, "Change the format of subsearch results"). The text is only
// known once the subsearch has run, so the planner records the subsearch's statement (`Plan.texts`), the
// service runs it, builds the text here, puts it in the query in place of the subsearch and compiles again.

import type { Span } from '../diagnostics.ts';
import type { Rel } from '../ir/types.ts';
import type { FormatSpec } from './format.ts';
import { defaultEmpty } from './format.ts';

/**
 * A subsearch whose rows are inserted as search text (it returns a `search` or `query` field). Until the
 * service inserts them, the search reads nothing where it stands.
 */
export interface SubsearchText {
  /** The subsearch, brackets included, in the (macro-expanded) search. */
  readonly span: Span;
  /** Its text there (the service checks the query as written holds the same text at the same place). */
  readonly source: string;
  /** Its rows (at most `limit`), with the fields it returns. */
  readonly rel: Rel;
  /** The fields it returns, internal ones (`_…`) left out, in the order `format` prints them. */
  readonly columns: readonly string[];
  /** How the rows are printed: Splunk's implicit `format`, or the subsearch's final `format`. */
  readonly format: FormatSpec;
}

/** The most characters of text one subsearch inserts (Nexus's bound: the query must stay parseable). */
export const MAX_INSERTED_CHARS = 1_000_000;

/**
 * What stands for Splunk's empty `NOT( )` (which matches nothing): the Nexus parser wants an expression in
 * parentheses, and `NOT *` is one that matches nothing.
 */
export const MATCHES_NOTHING = 'NOT *';

/** `"v"` with `"` and `\` escaped by a backslash, as `format` quotes a value. */
const quoted = (v: string): string => `"${v.replace(/(["\\])/g, '\\$1')}"`;

/** A cell as `format` reads it: its values, as text (a multivalue field has several; empty ones dropped). */
function cellValues(v: unknown): string[] {
  const list = Array.isArray(v) ? (v as unknown[]) : [v];
  return list
    .filter((x) => x !== null && x !== undefined)
    .map((x) => (typeof x === 'string' ? x : typeof x === 'object' ? JSON.stringify(x) : String(x)))
    .filter((x) => x.length > 0);
}

/**
 * The subsearch's rows as the search text Splunk's `format` makes of them: for each row, its fields in name
 * order, each `name="value"`, except a `search` field, whose value is written as it is (search syntax), and a
 * `query` field, whose value is written as a quoted term; a multivalue field's values joined by `mvsep` in
 * parentheses; a row's parts joined by the column separator inside the column prefix and end; rows joined by
 * the row separator inside the row prefix and end; empty values left out, rows left without fields
 * skipped, and `emptystr` when no row is left (its default `NOT( )` as `MATCHES_NOTHING`).
 *
 * @example subsearchSearchText(['search'], [['evil.com'], ['"bad host"']], spec)
 *   // '( ( evil.com ) OR ( "bad host" ) )'
 * @example subsearchSearchText(['query'], [['a b']], spec) // '( ( "a b" ) )'
 */
export function subsearchSearchText(
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  spec: FormatSpec,
): string {
  const order = columns
    .map((name, i) => ({ name, i }))
    .filter((c) => !c.name.startsWith('_'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const part = (name: string, v: string): string =>
    name === 'search' ? v : name === 'query' ? quoted(v) : `${name}=${quoted(v)}`;
  const printed: string[] = [];
  for (const row of rows) {
    const parts: string[] = [];
    for (const { name, i } of order) {
      const values = cellValues(row[i]);
      const [only] = values;
      if (only === undefined) continue;
      parts.push(
        values.length === 1
          ? part(name, only)
          : `( ${values.map((v) => part(name, v)).join(` ${spec.mvsep} `)} )`,
      );
    }
    if (parts.length > 0) printed.push(`${spec.colPrefix} ${parts.join(` ${spec.colSep} `)} ${spec.colEnd}`);
  }
  if (printed.length === 0) return spec.emptystr === defaultEmpty ? MATCHES_NOTHING : spec.emptystr;
  return `${spec.rowPrefix} ${printed.join(` ${spec.rowSep} `)} ${spec.rowEnd}`;
}
