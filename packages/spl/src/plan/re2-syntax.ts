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

/**
 * The end of the group that opens at `start` (the index of its `)`), skipping escapes and classes; -1 when
 * it is never closed.
 */
function groupEnd(pattern: string, start: number): number {
  let depth = 0;
  for (let i = start; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '[') {
      i = classEnd(pattern, i);
      if (i < 0) return -1;
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The shorthand classes and their complements. */
const COMPLEMENT: Readonly<Record<string, string>> = {
  '\\d': '\\D',
  '\\D': '\\d',
  '\\w': '\\W',
  '\\W': '\\w',
  '\\s': '\\S',
  '\\S': '\\s',
};

/**
 * A class matching every character `atom` (exactly one character: a literal, an escaped punctuation
 * character, a shorthand class or a bracket class) does not match, or undefined for anything longer.
 */
function complement(atom: string): string | undefined {
  const shorthand = COMPLEMENT[atom];
  if (shorthand !== undefined) return shorthand;
  if (/^\\[^A-Za-z0-9]$/.test(atom)) return `[^${atom}]`;
  if (/^[^\\.^$|?*+()[\]{}]$/.test(atom)) return `[^${atom}]`;
  if (atom.startsWith('[') && classEnd(atom, 0) === atom.length - 1) {
    return atom.startsWith('[^') ? `[${atom.slice(2)}` : `[^${atom.slice(1)}`;
  }
  return undefined;
}

/**
 * An RE2 pattern that matches somewhere in a text exactly when `pattern` does, for a pattern whose only
 * look-around is a lookbehind that starts it or a lookahead that ends it; undefined for any other pattern.
 * Only the answer "is there a match" is kept (not the match's text or its groups), so this serves filters
 * (`regex`), never extraction or replacement:
 * - `(?<=L)P` matches where `L` ends just before a match of `P`: the same as `(?:L)P` matching;
 * - `(?<!c)P`, `c` one character (or class): `P` at the text's start or after a character `c` does not
 *   match: `(?:\A|[^c])P`;
 * - `P(?=L)` matches where `L` matches right after `P`: the same as `P(?:L)`;
 * - `P(?!c)`: `P` at the text's end or before a character `c` does not match: `P(?:[^c]|\z)`;
 * - `P(?!c)(A|B…)`, the lookahead right before a last group of alternatives, each one character that is
 *   never `c` (then the lookahead always holds) or `\b` (then it is `\b(?:[^c]|\z)`, as above).
 * `\A` and `\z` are the text's ends under every flag (`(?m)` changes only `^` and `$`). A pattern that is an
 * alternation as a whole is left alone (the look-around would belong to one alternative only).
 *
 * @example matchOnlyForm('(?<!/)\\bx') // => '(?:\\A|[^/])\\bx'
 */
export function matchOnlyForm(pattern: string): string | undefined {
  // Only a pattern whose first problem is its look-around (never one RE2 would refuse anyway).
  if (regexProblem(pattern)?.message.includes('lookahead and lookbehind') !== true) return undefined;
  const flags = /^\(\?[imsU]+\)/.exec(pattern)?.[0] ?? '';
  let body = pattern.slice(flags.length);
  if (alternatives(body).length > 1) return undefined;
  const behind = /^\(\?<([=!])/.exec(body);
  if (behind) {
    const end = groupEnd(body, 0);
    if (end < 0) return undefined;
    const inner = body.slice(4, end);
    let lead: string | undefined;
    if (behind[1] === '=') lead = `(?:${inner})`;
    else {
      const not = complement(inner);
      lead = not === undefined ? undefined : `(?:\\A|${not})`;
    }
    if (lead === undefined) return undefined;
    body = lead + body.slice(end + 1);
  }
  const ahead = lastTopLevelGroup(body);
  if (ahead !== undefined && /^\(\?[=!]/.test(body.slice(ahead))) {
    const inner = body.slice(ahead + 3, -1);
    let tail: string | undefined;
    if (body[ahead + 2] === '=') tail = `(?:${inner})`;
    else {
      const not = complement(inner);
      tail = not === undefined ? undefined : `(?:${not}|\\z)`;
    }
    if (tail === undefined) return undefined;
    body = body.slice(0, ahead) + tail;
  } else if (ahead !== undefined && !flags.includes('i')) {
    const distributed = lookaheadBeforeLastGroup(body, ahead);
    if (distributed === undefined) return undefined;
    body = distributed;
  }
  const out = flags + body;
  return out !== pattern && regexProblem(out) === undefined ? out : undefined;
}

/** The start of the group that ends the pattern (its `)` is the last character, unescaped), or undefined. */
function lastTopLevelGroup(pattern: string): number | undefined {
  if (!pattern.endsWith(')')) return undefined;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '[') i = Math.max(i, classEnd(pattern, i));
    else if (ch === '(') {
      const end = groupEnd(pattern, i);
      if (end < 0) return undefined;
      if (end === pattern.length - 1) return i;
      i = end;
    }
  }
  return undefined;
}

/** What one character of `atom` can be, for the letters and digits RE2's shorthand classes name. */
const SHORTHAND: Readonly<Record<string, RegExp>> = { '\\d': /\d/, '\\w': /\w/, '\\s': /\s/ };

/** The single character an atom stands for (`a`, `\.`), or undefined for anything else. */
function literalChar(atom: string): string | undefined {
  if (/^\\[^A-Za-z0-9]$/.test(atom)) return atom[1];
  if (/^[^\\.^$|?*+()[\]{}]$/.test(atom)) return atom;
  return undefined;
}

/** The alternatives of a pattern (or a group's inside), split at its own `|`s, outside groups and classes. */
function alternatives(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === '\\') i++;
    else if (ch === '[') i = Math.max(i, classEnd(inner, i));
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      out.push(inner.slice(from, i));
      from = i + 1;
    }
  }
  out.push(inner.slice(from));
  return out;
}

/**
 * `P(?!c)(A|B…)` with the last group at `last`: each alternative one character that can never be `c`
 * (kept), or `\b` (followed by `(?:[^c]|\z)`); undefined for anything else (and when no `(?!c)` stands right
 * before the group).
 */
function lookaheadBeforeLastGroup(body: string, last: number): string | undefined {
  const m = /\(\?!((?:\\.|[^\\()])+)\)$/.exec(body.slice(0, last));
  const c = m?.[1] === undefined ? undefined : literalChar(m[1]);
  const not = m?.[1] === undefined ? undefined : complement(m[1]);
  if (!m || c === undefined || not === undefined) return undefined;
  // The `(` must open a group, not be an escaped parenthesis (`\\(?!…` is `\\(` then `?!…`).
  const start = last - m[0].length;
  const escapes = /\\*$/.exec(body.slice(0, start))?.[0].length ?? 0;
  if (escapes % 2 === 1) return undefined;
  const group = body.slice(last);
  const open = group.startsWith('(?:') ? '(?:' : group.startsWith('(?') ? undefined : '(';
  if (open === undefined) return undefined;
  const kept: string[] = [];
  for (const alt of alternatives(group.slice(open.length, -1))) {
    if (alt === '\\b') kept.push(`\\b(?:${not}|\\z)`);
    else {
      const literal = literalChar(alt);
      const shorthand = SHORTHAND[alt];
      const never = literal !== undefined ? literal !== c : shorthand !== undefined && !shorthand.test(c);
      if (!never) return undefined;
      kept.push(alt);
    }
  }
  return `${body.slice(0, start)}${open}${kept.join('|')})`;
}

/** The capture groups of `pattern` (plain and named `(…)`, not `(?:…)` nor look-arounds), escapes and classes skipped. */
function captureCount(pattern: string): number {
  let n = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '[') {
      i = classEnd(pattern, i);
      if (i < 0) return n;
    } else if (ch === '(' && (pattern[i + 1] !== '?' || /^\(\?(P?<[A-Za-z_]|')/.test(pattern.slice(i)))) n++;
  }
  return n;
}

/** Whether `alt` ends with an unescaped `$` (an even number of backslashes before it). */
function endsAtEnd(alt: string): boolean {
  if (!alt.endsWith('$')) return false;
  let slashes = 0;
  for (let i = alt.length - 2; i >= 0 && alt[i] === '\\'; i--) slashes++;
  return slashes % 2 === 0;
}

/**
 * An RE2 pattern and replacement that replace (every match, as `replace()` does) exactly what `pattern` and
 * `replacement` replace, for a pattern `P(?=L)` whose only look-around is a lookahead that ends it and reaches
 * the end of the text (each alternative of `L` ends with `$`, no `(?m)`), where `P` never matches empty text:
 * `P(L)`, its replacement followed by `L`'s text again. Every match then ends at the text's end, so no later
 * match is lost; `L`'s own groups are one number further on. Undefined for any other pattern.
 *
 * @example replaceForm('(.*\\\\)(?=\\w+$)', '') // => { pattern: '(.*\\\\)(\\w+$)', replacement: '\\2' }
 */
export function replaceForm(
  pattern: string,
  replacement: string,
): { pattern: string; replacement: string } | undefined {
  if (regexProblem(pattern)?.message.includes('lookahead and lookbehind') !== true) return undefined;
  const flags = /^\(\?[imsU]+\)/.exec(pattern)?.[0] ?? '';
  if (flags.includes('m')) return undefined;
  const body = pattern.slice(flags.length);
  if (alternatives(body).length > 1) return undefined;
  const ahead = lastTopLevelGroup(body);
  if (ahead === undefined || !body.slice(ahead).startsWith('(?=')) return undefined;
  const p = body.slice(0, ahead);
  const l = body.slice(ahead + 3, -1);
  if (!alternatives(l).every(endsAtEnd)) return undefined;
  // `P` must not match empty text (else an empty match at the end would be replaced too).
  try {
    if (new RegExp(`^(?:${p})$`).test('')) return undefined;
  } catch {
    return undefined;
  }
  const n = captureCount(p);
  let tooMany = false;
  const shifted = replacement.replace(/\\(\d)/g, (whole, d: string) => {
    const k = Number(d);
    if (k <= n) return whole;
    if (k + 1 > 9) tooMany = true;
    return `\\${k + 1}`;
  });
  if (tooMany || captureCount(l) + n + 1 > 9) return undefined;
  const out = `${flags}${p}(${l})`;
  if (regexProblem(out) !== undefined) return undefined;
  return { pattern: out, replacement: `${shifted}\\${n + 1}` };
}
