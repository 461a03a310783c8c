// ClickHouse SQL for the search language's predicates: token matching on _raw, field=value with wildcards.

import type { Expr } from '../../ir/types.ts';
import type { Params } from './quote.ts';

const numericValue = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A `*` pattern as a LIKE pattern: `%`, `_` and `\` are escaped, `*` becomes `%`. */
export function wildcardToLike(value: string): string {
  return value.replace(/[\\%_]/g, '\\$&').replace(/\*/g, '%');
}

/** ASCII characters that break tokens (the `splitByNonAlpha` tokenizer of the `_raw` text index). */
const breaker = String.raw`[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]`;
/** Splunk's major breakers (TERM() keeps minor breakers such as `.` and `-` inside one term). */
const majorBreaker = String.raw`[\s,;|"'()\[\]{}<>!?&]`;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The alphanumeric tokens that `text` must contain whole, for the text index (never next to a `*`). */
function wholeTokens(pattern: string): string[] {
  const tokens = new Set<string>();
  const pieces = pattern.split('*');
  pieces.forEach((piece, i) => {
    // The ASCII non-alphanumerics, control characters included, as splitByNonAlpha splits on them.
    // eslint-disable-next-line no-control-regex
    const parts = piece.split(/[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+/);
    parts.forEach((t, j) => {
      const afterStar = i > 0 && j === 0;
      const beforeStar = i < pieces.length - 1 && j === parts.length - 1;
      if (t !== '' && !afterStar && !beforeStar) tokens.add(t);
    });
  });
  return [...tokens];
}

/**
 * A bare term or phrase against `_raw`: whole tokens, case-insensitive unless `CASE()`.
 * A single token uses `hasToken(lower(_raw), …)`, which the text index on `lower(_raw)` serves; anything
 * longer also checks its exact token sequence with a regular expression (`error` never matches `errors`).
 */
export function searchTerm(
  raw: string,
  pattern: string,
  caseSensitive: boolean,
  term: boolean,
  params: Params,
): string {
  if (/^\*+$/.test(pattern)) return 'true';
  const text = caseSensitive ? pattern : pattern.toLowerCase();
  const haystack = caseSensitive ? raw : `lower(${raw})`;
  const isSingleToken = /^[a-z0-9\u0080-\uffff]+$/i.test(text);
  if (isSingleToken && !term) return `hasToken(${haystack}, ${params.string(text)})`;
  const conditions = wholeTokens(text).map((t) => `hasToken(${haystack}, ${params.string(t)})`);
  const { prefix, body, suffix } = termRegex(text, caseSensitive, term);
  conditions.push(`match(${raw}, ${params.string(prefix + body + suffix)})`);
  return conditions.length === 1 ? (conditions[0] ?? 'true') : `(${conditions.join(' AND ')})`;
}

/**
 * The regular expression of a term or phrase (already lower-cased unless case-sensitive) between token
 * breakers: `prefix` (case and the left edge), `body` (the text, `*` as `\S*`) and `suffix` (the right edge).
 */
export function termRegex(
  text: string,
  caseSensitive: boolean,
  term: boolean,
): { prefix: string; body: string; suffix: string } {
  const edge = term ? majorBreaker : breaker;
  const body = text
    .split('*')
    .map((piece) => escapeRegExp(piece).replace(/\s+/g, String.raw`\s+`))
    .join(String.raw`\S*`);
  const startsWord = /^[a-z0-9\u0080-\uffff]/i.test(text) || term;
  const endsWord = /[a-z0-9\u0080-\uffff]$/i.test(text) || term;
  return {
    prefix: (caseSensitive ? '' : '(?i)') + (startsWord ? `(?:^|${edge})` : ''),
    body,
    suffix: endsWord ? `(?:$|${edge})` : '',
  };
}

/**
 * Many OR-ed terms or phrases without `*` against the same text, sharing `termRegex`'s edges: one regular
 * expression with an alternative per term (thousands of `hasToken`/`match` calls pass ClickHouse's statement
 * bounds; RE2 matches an alternation of 10,000 terms in one pass).
 */
export function searchTermSet(
  raw: string,
  texts: readonly string[],
  caseSensitive: boolean,
  term: boolean,
  params: Params,
): string {
  const parts = texts.map((t) => termRegex(caseSensitive ? t : t.toLowerCase(), caseSensitive, term));
  const { prefix = '', suffix = '' } = parts[0] ?? {};
  const bodies = [...new Set(parts.map((p) => p.body))];
  return `match(${raw}, ${params.string(`${prefix}(?:${bodies.join('|')})${suffix}`)})`;
}

/**
 * A term or phrase known only when the query runs (`return $f` values) against `_raw`: the value's text
 * between token breakers, case-insensitively, as `searchTerm` matches a multi-token literal; regular
 * expression characters in the value are escaped in SQL, `*` is matched as written.
 */
export function searchTermOf(raw: string, valueSql: string, params: Params): string {
  const escaped = `replaceRegexpAll(${valueSql}, ${params.string(String.raw`[.*+?^$|{}()\[\]\\]`)}, ${params.string(String.raw`\\\0`)})`;
  return `match(${raw}, concat(${params.string(`(?i)(?:^|${breaker})`)}, ${escaped}, ${params.string(`(?:$|${breaker})`)}))`;
}

/** The target as a nullable string (numbers and times are compared through their text). */
function asText(target: Expr | undefined, sql: string): string {
  switch (target?.type) {
    case 'number':
    case 'bool':
      return `toString(${sql})`;
    case 'time':
      return `toString(toUnixTimestamp64Milli(${sql}) / 1000)`;
    default:
      return sql;
  }
}

function asNumber(target: Expr | undefined, sql: string): string {
  switch (target?.type) {
    case 'number':
      return sql;
    case 'time':
      return `(toUnixTimestamp64Milli(${sql}) / 1000)`;
    default:
      return `toFloat64OrNull(${sql})`;
  }
}

/**
 * `field=value` in the search language: case-insensitive (unless `CASE()`), `*` wildcards over the whole
 * value, and numeric equality when both sides are numbers (`status=500` matches `500.0`). Never null.
 * `index` is stored in lower case, so it is compared directly and the primary key applies.
 */
export function searchEquals(
  target: Expr | undefined,
  sql: string,
  value: string,
  caseSensitive: boolean,
  params: Params,
): string {
  // A multivalue field matches when any of its values does.
  if (target?.type === 'mv')
    return `arrayExists(v -> ${searchEquals(undefined, 'v', value, caseSensitive, params)}, ${sql})`;
  const isIndex = target?.kind === 'column' && target.name === 'index';
  const text = asText(target, sql);
  if (value.includes('*')) {
    if (caseSensitive) return `ifNull(like(${text}, ${params.string(wildcardToLike(value))}), false)`;
    const pattern = params.string(wildcardToLike(value.toLowerCase()));
    return isIndex ? `(${sql} LIKE ${pattern})` : `ifNull(ilike(${text}, ${pattern}), false)`;
  }
  const expected = caseSensitive ? value : value.toLowerCase();
  // A value without letters reads the same in any case: compare without lower-casing every row.
  const caseless = caseSensitive || expected === value.toUpperCase();
  const stringTest = isIndex
    ? `(${sql} = ${params.string(expected)})`
    : caseless
      ? `(${text} = ${params.string(expected)})`
      : `(lowerUTF8(${text}) = ${params.string(expected)})`;
  if (!numericValue.test(value) || isIndex) return isIndex ? stringTest : `ifNull(${stringTest}, false)`;
  // The exact text first: ClickHouse short-circuits OR, so the numeric parse runs only when it fails.
  return `ifNull(${stringTest} OR ${asNumber(target, sql)} = ${params.float(Number(value))}, false)`;
}

/**
 * `field=v1 OR field=v2 OR …` as one set test, with `searchEquals`'s rules for each value (no wildcards):
 * case-insensitive unless `CASE()`, and numeric equality for the numeric values. A long list of terms
 * stays one array parameter and a few functions, so the statement keeps within ClickHouse's
 * `max_query_size` and `max_parser_depth` whatever the number of terms.
 */
export function searchEqualsSet(
  target: Expr | undefined,
  sql: string,
  values: readonly string[],
  caseSensitive: boolean,
  params: Params,
): string {
  if (target?.type === 'mv')
    return `arrayExists(v -> ${searchEqualsSet(undefined, 'v', values, caseSensitive, params)}, ${sql})`;
  const isIndex = target?.kind === 'column' && target.name === 'index';
  const text = asText(target, sql);
  const expected = [...new Set(values.map((v) => (caseSensitive ? v : v.toLowerCase())))];
  const set = params.bind(expected, 'Array(String)');
  if (isIndex) return `has(${set}, ${sql})`;
  const stringTest = caseSensitive ? `has(${set}, ${text})` : `has(${set}, lowerUTF8(${text}))`;
  const numbers = [...new Set(values.filter((v) => numericValue.test(v)).map(Number))];
  if (numbers.length === 0) return `ifNull(${stringTest}, false)`;
  return `ifNull(${stringTest} OR has(${params.bind(numbers, 'Array(Float64)')}, ${asNumber(target, sql)}), false)`;
}

/**
 * Every text of the same length as the positive integer `text` that parses to the same number: `text`
 * itself and its exponent spellings (`5e2`, `5E2` for `500`; `5e+3`, `50e2`, `.5e4`, `5e03` … for
 * `5000`). A text without an exponent that parses to the number contains `text` and more, so it is
 * longer; an exponent spelling is as short only when the number ends in zeros. Up to 6 digits: beyond,
 * undefined (a Float64 no longer tells every such text apart).
 */
export function sameLengthSpellings(text: string): string[] | undefined {
  if (!/^[1-9]\d{0,5}$/.test(text)) return undefined;
  const value = Number(text);
  const out = new Set([text]);
  const zeros = (n: number): string => '0'.repeat(Math.max(0, n));
  for (let x = 1; x <= text.length + 2; x++) {
    // The mantissa of value × 10^-x, as integer and fraction digits without padding.
    const digits = x < text.length ? text.slice(0, -x) : '';
    const fraction = (x < text.length ? text.slice(-x) : zeros(x - text.length) + text).replace(/0+$/, '');
    for (const sign of ['', '+']) {
      for (const marker of ['e', 'E']) {
        for (const expSign of ['', '+']) {
          for (let pad = 0; pad <= text.length; pad++) {
            const exponent = `${marker}${expSign}${zeros(pad)}${x}`;
            const room = text.length - sign.length - exponent.length;
            // Leading zeros on the integer part, trailing zeros after the point, with or without it.
            for (let lead = 0; lead <= room; lead++) {
              const whole = zeros(lead) + digits;
              for (let trail = 0; trail <= room; trail++) {
                const forms =
                  fraction === ''
                    ? trail === 0
                      ? [whole, `${whole}.`]
                      : [`${whole}.${zeros(trail)}`]
                    : [`${whole}.${fraction}${zeros(trail)}`];
                for (const mantissa of forms) {
                  const candidate = `${sign}${mantissa}${exponent}`;
                  if (/\d/.test(mantissa) && candidate.length === text.length && Number(candidate) === value)
                    out.add(candidate);
                }
              }
            }
          }
        }
      }
    }
  }
  return [...out];
}

/**
 * `multiIf` branches for `field=value` on a string known not to be null, when the value is a plain
 * positive integer: the texts of its length that are that number match; any other text of that length
 * cannot be (see `sameLengthSpellings`); texts of another length (`503.0`, `0503`, `5.03e2`) go on to the
 * general test, with values of other types. Other values: undefined (the general test applies).
 */
export function searchEqualsText(text: string, value: string, params: Params): string[] | undefined {
  const same = sameLengthSpellings(value);
  if (!same) return undefined;
  return [
    same.length === 1
      ? `${text} = ${params.string(value)}`
      : `${text} IN (${same.map((v) => params.string(v)).join(', ')})`,
    'true',
    `length(${text}) = ${value.length}`,
    'false',
  ];
}

const orderOps = { search_lt: '<', search_le: '<=', search_gt: '>', search_ge: '>=' } as const;

/** `<`, `<=`, `>`, `>=` in search: numeric when the value is a number, otherwise lexicographic. Never null. */
export function searchOrder(
  fn: keyof typeof orderOps,
  target: Expr | undefined,
  sql: string,
  value: string,
  params: Params,
): string {
  if (target?.type === 'mv')
    return `arrayExists(v -> ${searchOrder(fn, undefined, 'v', value, params)}, ${sql})`;
  const op = orderOps[fn];
  if (numericValue.test(value))
    return `ifNull(${asNumber(target, sql)} ${op} ${params.float(Number(value))}, false)`;
  return `ifNull(${asText(target, sql)} ${op} ${params.string(value)}, false)`;
}
