// RE2's syntax rules, checked before ClickHouse sees a pattern: the offset and the reason of the first
// construct RE2 refuses (unbalanced groups, an unterminated class, a repetition past 1000, a quantifier
// with nothing to repeat) or that is PCRE-only (look-around, back-references, atomic groups, …).

import { diagnostic } from '../diagnostics.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';

/** RE2's largest repetition count (`a{1001}` is "bad repetition operator"). */
export const RE2_MAX_REPEAT = 1000;

export interface RegexProblem {
  /** UTF-16 offset in the pattern of the construct. */
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  readonly code: 'syntax' | 'unsupported';
}

/** PCRE features RE2 does not have, by the text that starts them. */
const PCRE_ONLY: readonly [RegExp, string][] = [
  [/^\(\?<?[=!]/, 'lookahead and lookbehind'],
  [/^\(\?>/, 'atomic groups'],
  [/^\\[1-9]/, 'back-references'],
  [/^\(\?[|(]|^\(\?R\)|^\(\?\d/, 'conditionals and recursion'],
];

const REPEAT = /^\{(\d+)(,(\d*))?\}/;

/** What may follow `(?` in RE2: a non-capturing group with flags, a named group, or flags alone. */
const GROUP_PREFIX = /^\(\?(?:P?<[A-Za-z_][A-Za-z0-9_]*>|[imsU]*(?:-[imsU]+)?[:)])/;

/**
 * The first problem RE2 would have with `pattern`, or undefined.
 *
 * @example regexProblem('(a)\\1') // => { offset: 3, length: 2, message: '… back-references …', code: 'unsupported' }
 */
export function regexProblem(pattern: string): RegexProblem | undefined {
  const open: number[] = [];
  /** Whether the last item can take a quantifier. */
  let atom = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    const rest = pattern.slice(i, i + 8);
    for (const [re, what] of PCRE_ONLY) {
      const m = re.exec(rest);
      if (m) return unsupported(i, m[0].length, what);
    }
    if (ch === '\\') {
      if (i + 1 >= pattern.length) return syntax(i, 1, 'a trailing `\\` escapes nothing');
      i++;
      atom = true;
      continue;
    }
    if (ch === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) return syntax(i, 1, 'this `[` character class is never closed with `]`');
      i = end;
      atom = true;
      continue;
    }
    if (ch === '(') {
      if (pattern[i + 1] === '?') {
        const m = GROUP_PREFIX.exec(pattern.slice(i, i + 72));
        if (!m)
          return syntax(i, 2, 'unknown group syntax after `(?` (RE2 has `(?:…)`, `(?P<name>…)`, `(?i)`)');
        i += m[0].length - 1;
        if (m[0].endsWith(')')) continue; // `(?i)`: flags for the rest, not a group
      }
      open.push(i);
      atom = false;
      continue;
    }
    if (ch === ')') {
      if (open.pop() === undefined) return syntax(i, 1, 'this `)` closes no group');
      atom = true;
      continue;
    }
    if (ch === '*' || ch === '+' || ch === '?') {
      if (!atom) return syntax(i, 1, `\`${ch}\` has nothing to repeat`);
      if (pattern[i + 1] === '+') return unsupported(i, 2, 'possessive quantifiers');
      if (pattern[i + 1] === '?') i++;
      atom = false;
      continue;
    }
    if (ch === '{') {
      const m = REPEAT.exec(pattern.slice(i, i + 24));
      if (m) {
        if (!atom) return syntax(i, m[0].length, `\`${m[0]}\` has nothing to repeat`);
        const min = Number(m[1]);
        const max = m[3] === undefined || m[3] === '' ? min : Number(m[3]);
        if (min > RE2_MAX_REPEAT || max > RE2_MAX_REPEAT) {
          return syntax(i, m[0].length, `\`${m[0]}\` repeats more than ${RE2_MAX_REPEAT} times, RE2's limit`);
        }
        if (m[3] !== undefined && m[3] !== '' && max < min) {
          return syntax(i, m[0].length, `\`${m[0]}\` has its larger count first`);
        }
        i += m[0].length - 1;
        if (pattern[i + 1] === '+') return unsupported(i + 1, 1, 'possessive quantifiers');
        if (pattern[i + 1] === '?') i++;
        atom = false;
        continue;
      }
    }
    if (ch === '|') {
      atom = false;
      continue;
    }
    atom = ch !== '^';
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) return syntax(unclosed, 1, 'this `(` group is never closed with `)`');
  return undefined;
}

/** The index of the `]` closing the class that opens at `start`, or -1. */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++; // a `]` first is a literal
  for (; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close > 0) i = close + 1;
    } else if (ch === ']') return i;
  }
  return -1;
}

const syntax = (offset: number, length: number, message: string): RegexProblem => ({
  offset,
  length,
  message: `invalid regular expression: ${message}`,
  code: 'syntax',
});

const unsupported = (offset: number, length: number, what: string): RegexProblem => ({
  offset,
  length,
  message: `this regular expression uses ${what}, which ClickHouse's RE2 engine lacks`,
  code: 'unsupported',
});

/**
 * Checks a regex against RE2's syntax (re2-syntax.ts); returns a diagnostic at the offending construct when
 * RE2 would refuse it or it is PCRE-only. `at` is the pattern's string literal in the query: when the
 * literal holds the pattern as it is (no escapes), the span narrows to the construct.
 */
export function checkRegex(pattern: string, at: Span): Diagnostic | undefined {
  const problem = regexProblem(pattern);
  if (problem === undefined) return undefined;
  const exact = at.end - at.start === pattern.length + 2;
  const span = exact
    ? { start: at.start + 1 + problem.offset, end: at.start + 1 + problem.offset + problem.length }
    : at;
  return diagnostic(problem.code, problem.message, span, [
    'Nexus runs regular expressions with RE2: https://github.com/google/re2/wiki/Syntax',
  ]);
}
