// `format`: a subsearch's rows as a search. At the end of a subsearch filter it sets how the rows combine
// (the filter stays an IN over the rows); anywhere else it produces Splunk's `search` string.

import type { FormatCommand } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, InRel, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { optionText, withPositions } from './helpers.ts';
import type { State } from './index.ts';
import { Scope } from './scope.ts';

/** Splunk's defaults: `( ( a="1" AND b="x" ) OR ( a="2" AND b="y" ) )`, `NOT( )` when there are no rows. */
const defaultStrings = ['(', '(', 'AND', ')', 'OR', ')'] as const;
export const defaultEmpty = 'NOT( )';

export interface FormatSpec {
  readonly rowPrefix: string;
  readonly colPrefix: string;
  readonly colSep: string;
  readonly colEnd: string;
  readonly rowSep: string;
  readonly rowEnd: string;
  /** `maxresults`: 0 = all rows. */
  readonly maxResults: number;
  readonly mvsep: string;
  readonly emptystr: string;
}

/**
 * The options of `format` (analysis checked their types; the parser wants all six strings or none); without
 * a command, Splunk's implicit `format` at the end of a subsearch.
 */
export function formatSpec(c?: FormatCommand): FormatSpec {
  const strings = c?.strings.length === 6 ? c.strings.map((s) => s.text) : defaultStrings;
  const [rowPrefix = '(', colPrefix = '(', colSep = 'AND', colEnd = ')', rowSep = 'OR', rowEnd = ')'] =
    strings;
  return {
    rowPrefix,
    colPrefix,
    colSep,
    colEnd,
    rowSep,
    rowEnd,
    maxResults: Number((c && optionText(c.options, 'maxresults')) ?? 0),
    mvsep: (c && optionText(c.options, 'mvsep')) ?? 'OR',
    emptystr: (c && optionText(c.options, 'emptystr')) ?? defaultEmpty,
  };
}

const booleanWord = (s: string): 'and' | 'or' | undefined =>
  s === 'AND' ? 'and' : s === 'OR' ? 'or' : undefined;

/**
 * How the rows of a subsearch ending in `format` combine as a filter. Only what reads back as exactly
 * one Boolean shape is supported: parentheses as prefixes and ends, `AND`/`OR` (upper case: lower-case
 * words are search terms) as separators, the default `mvsep` and `emptystr` (their text would become
 * part of the search). Undefined (with a diagnostic) otherwise.
 */
export function formatFilterShape(
  c: FormatCommand,
  errors: Diagnostic[],
): { shape: NonNullable<InRel['shape']>; maxResults: number } | undefined {
  const spec = formatSpec(c);
  const rows = booleanWord(spec.rowSep);
  const columns = booleanWord(spec.colSep);
  const parens = [spec.rowPrefix, spec.colPrefix, spec.colEnd, spec.rowEnd].join(' ') === '( ( ) )';
  let ok = true;
  if (!rows || !columns || !parens) {
    const at =
      c.strings[0] && c.strings[5]
        ? { start: c.strings[0].span.start, end: c.strings[5].span.end }
        : c.name.span;
    errors.push(
      diagnostic(
        'unsupported',
        'a subsearch filter ending in `format` is supported with `(` and `)` as prefixes and ends and `AND` or `OR` as separators',
        at,
        [
          'other strings change how the search reads; `format "(" "(" "OR" ")" "OR" ")"` matches any field of any row',
        ],
      ),
    );
    ok = false;
  }
  for (const [key, value, fallback] of [
    ['mvsep', spec.mvsep, 'OR'],
    ['emptystr', spec.emptystr, defaultEmpty],
  ] as const) {
    if (value === fallback) continue;
    const o = c.options.find((x) => x.key.name.toLowerCase() === key);
    errors.push(
      diagnostic(
        'unsupported',
        `\`format ${key}=\` in a subsearch filter is not supported yet`,
        o?.span ?? c.name.span,
      ),
    );
    ok = false;
  }
  return ok && rows && columns ? { shape: { rows, columns }, maxResults: spec.maxResults } : undefined;
}

const str = (s: string): Expr => lit(s);
const cat = (...parts: Expr[]): Expr => parts.reduce((a, b) => call('concat', [a, b], 'string'));

/**
 * `f="v"` with `"` and `\` escaped by a backslash; null when the value is. A `search` field's value is written
 * as it is and a `query` field's as a quoted term, as when a subsearch's rows are inserted as text
 * (`subsearchSearchText`).
 */
function term(name: string, value: Expr): Expr {
  const text = call('tostring', [value], 'string');
  if (name === 'search') return text;
  const escaped = call('replace', [text, str('(["\\\\])'), str('\\\\\\1')], 'string');
  return cat(str(name === 'query' ? '"' : `${name}="`), escaped, str('"'));
}

/**
 * `format` in the pipeline: one result whose `search` field is the rows as Splunk prints them, e.g.
 * `( ( host="a" AND status="500" ) OR ( host="b" AND status="404" ) )`: fields in name order, internal ones
 * left out, a row's empty fields left out, rows without fields skipped, `emptystr` when nothing is left.
 */
export function formatSearch(c: FormatCommand, s: State, errors: Diagnostic[]): State {
  const spec = formatSpec(c);
  if (s.scope.raw) {
    errors.push(
      diagnostic('unsupported', '`format` over raw events is not supported yet', c.name.span, [
        'name the fields first, for example `| fields host status | format`',
      ]),
    );
    return s;
  }
  const names = s.scope.columns
    .map((col) => col.name)
    .filter((n) => !n.startsWith('_'))
    .sort();
  const mv = s.scope.columns.find((col) => names.includes(col.name) && col.type === 'mv');
  if (mv || spec.mvsep !== 'OR') {
    errors.push(
      diagnostic('unsupported', 'multivalue fields in `format` are not supported yet', c.name.span),
    );
    return s;
  }
  const joined = (list: Expr, sep: string): Expr => call('mvjoin', [list, str(` ${sep} `)], 'string');
  // Each term, then each row's text, in a column of its own: the SQL reads them more than once.
  let rel: Rel = spec.maxResults > 0 ? { kind: 'take', input: s.rel, limit: spec.maxResults } : s.rel;
  // Each row's position in the results' order: the rows are then joined in that order.
  rel = withPositions(rel, '__format_n');
  const terms = names.map((n, i) => {
    const name = `__format_term${i}`;
    rel = { kind: 'compute', input: rel, name, expr: term(n, s.scope.resolve(n, c.name.span)) };
    return call('to_mv', [col(name, 'string')], 'mv');
  });
  // A row without fields is null (mvjoin of nothing), and `list` skips nulls.
  const row =
    terms.length === 0
      ? lit(null)
      : cat(
          str(`${spec.colPrefix} `),
          joined(call('mvappend', terms, 'mv'), spec.colSep),
          str(` ${spec.colEnd}`),
        );
  rel = { kind: 'compute', input: rel, name: '__format_row', expr: row };
  const rowsName = '__format_rows';
  const rows = col(rowsName, 'mv');
  const searchText = call(
    'coalesce',
    [cat(str(`${spec.rowPrefix} `), joined(rows, spec.rowSep), str(` ${spec.rowEnd}`)), str(spec.emptystr)],
    'string',
  );
  return {
    rel: {
      kind: 'project',
      input: {
        kind: 'aggregate',
        input: rel,
        groups: [],
        aggregates: [
          {
            name: rowsName,
            fn: 'list',
            arg: col('__format_row', 'string'),
            // `list` puts the largest `time` first: the negated position keeps the results' order.
            time: call('neg', [col('__format_n', 'number')], 'number'),
            max: 0,
            type: 'mv',
          },
        ],
      },
      columns: [{ name: 'search', expr: searchText }],
      keepRaw: false,
    },
    scope: Scope.closed([{ name: 'search', type: 'string' }]),
  };
}
