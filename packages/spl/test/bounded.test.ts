// Bounded compile: nesting limits and RE2 syntax as positioned diagnostics, and parse time linear in the
// length of a term list (a ratio against a list a tenth as long, measured in the same run).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../src/compile.ts';
import { parse } from '../src/parser/index.ts';
import { NESTING_LIMITS } from '../src/parser/limits.ts';
import { matchOnlyForm, regexProblem } from '../src/plan/re2-syntax.ts';
import { fieldPatternRegExp } from '../src/plan/scope.ts';

const now = Date.parse('2026-01-01T00:00:00Z');
const options = { orgId: 'o', earliestMs: now - 86_400_000, latestMs: now, nowMs: now };

/** The only error of `query`: its code, message and span. */
function only(query: string): { code: string; message: string; start: number; end: number } {
  const out = compile(query, options);
  assert.equal(out.ok, false, `${query.slice(0, 60)} compiled`);
  if (out.ok) throw new Error('unreachable');
  const [d] = out.errors;
  assert.ok(d);
  return { code: d.code, message: d.message, start: d.span.start, end: d.span.end };
}

test('deep nesting is a positioned `limit` diagnostic at the construct that goes past the limit', () => {
  const parens = `| makeresults | eval x=${'('.repeat(1_000)}1${')'.repeat(1_000)}`;
  const p = only(parens);
  const at = parens.indexOf('(') + NESTING_LIMITS.parentheses;
  assert.deepEqual(p, {
    code: 'limit',
    message: 'parentheses nested deeper than 100 levels',
    start: at,
    end: at + 1,
  });

  const searchParens = `${'('.repeat(1_000)}a${')'.repeat(1_000)}`;
  assert.equal(only(searchParens).start, NESTING_LIMITS.parentheses);

  const subsearches = `a ${'[search '.repeat(1_000)}b${']'.repeat(1_000)}`;
  const s = only(subsearches);
  assert.equal(s.code, 'limit');
  assert.match(s.message, /subsearches nested deeper than 20 levels/);
  assert.equal(subsearches[s.start], '[');

  const nots = `${'NOT '.repeat(10_000)}a`;
  assert.deepEqual(only(nots), {
    code: 'limit',
    message: 'more than 100 `NOT` in a row',
    start: 4 * NESTING_LIMITS.nots,
    end: 4 * NESTING_LIMITS.nots + 3,
  });

  const chain = `| makeresults | eval x=${Array.from({ length: 10_000 }, (_, i) => String(i)).join('+')}`;
  const c = only(chain);
  assert.equal(c.code, 'limit');
  assert.equal(chain[c.start], '+');
  assert.match(c.message, /more than 500 operators/);
});

test('parsing and compiling never overflow the stack, whatever the nesting', () => {
  const deep = [
    '('.repeat(100_000),
    '['.repeat(100_000),
    '[search '.repeat(20_000),
    `| makeresults | eval x=${'-'.repeat(50_000)}1`,
    `| makeresults | eval x=${'NOT '.repeat(50_000)}1`,
    `| makeresults | eval x=${'f('.repeat(50_000)}`,
  ];
  for (const q of deep) {
    assert.doesNotThrow(() => compile(q, options), q.slice(0, 30));
    assert.equal(compile(q, options).ok, false, q.slice(0, 30));
  }
});

test('regular expressions are checked with RE2’s syntax, at the position of the bad construct', () => {
  const rows: [string, number, RegExp][] = [
    ['(', 0, /never closed/],
    ['ab)', 2, /closes no group/],
    ['(a)\\1', 3, /back-references/],
    ['(?<=a)b', 0, /lookahead and lookbehind/],
    ['a{1001}', 1, /more than 1000/],
    ['a{2,1}', 1, /larger count first/],
    ['*a', 0, /nothing to repeat/],
    ['[a-', 0, /never closed/],
    ['a++', 1, /possessive/],
    ['(?Xa)', 0, /unknown group syntax/],
    ['x\\', 1, /trailing/],
  ];
  for (const [pattern, offset, message] of rows) {
    const p = regexProblem(pattern);
    assert.ok(p, pattern);
    assert.equal(p.offset, offset, pattern);
    assert.match(p.message, message, pattern);
  }
  for (const ok of [
    'a{1000}',
    '(?P<n>\\d+)',
    '(?<n>x)',
    '(?i)abc',
    '(?:a|b)*?',
    '[]a]',
    '[[:alpha:]]+',
    '\\(',
    'a|b',
  ]) {
    assert.equal(regexProblem(ok), undefined, ok);
  }
  // In a search: the span is the construct inside the string literal.
  const q = '| makeresults | where match(_raw, "a(b")';
  assert.deepEqual(only(q), {
    code: 'syntax',
    message: 'invalid regular expression: this `(` group is never closed with `)`',
    start: q.indexOf('(b'),
    end: q.indexOf('(b') + 1,
  });
  const rex = '| makeresults | rex "(?<x>a)\\1"';
  assert.equal(only(rex).start, rex.indexOf('\\1'));
  assert.equal(only('| makeresults | eval y=replace(_raw, "a{5000}", "b")').code, 'syntax');
});

test('a leading lookbehind or a trailing lookahead has a match-only RE2 form; other look-around has none', () => {
  const rows: [string, string | undefined][] = [
    ['(?<!\\/)\\bx$', '(?:\\A|[^\\/])\\bx$'],
    ['(?<=ab)c', '(?:ab)c'],
    ['(?<![^a-z])c', '(?:\\A|[a-z])c'],
    ['(?<!\\d)c', '(?:\\A|\\D)c'],
    ['a(?=bc)', 'a(?:bc)'],
    ['a(?!b)', 'a(?:[^b]|\\z)'],
    ['(?i)(?<=x)a(?![a-c])', '(?i)(?:x)a(?:[^a-c]|\\z)'],
    // A look-around inside the pattern, a negative one longer than one character, a whole-pattern
    // alternation, a lookahead with something after it: left alone (the diagnostic stands).
    ['a(?=b)c', undefined],
    ['(?<!ab)c', undefined],
    ['a(?!bc)', undefined],
    ['a|(?<!b)c', undefined],
    // A negative one-character lookahead right before a last group of alternatives: each alternative one
    // character that is never that character (the lookahead always holds), or `\\b` (ESCU's `(?!\\.)(\\b|\\s|&)`).
    ['x(?!\\.)(\\b|\\s|&)', 'x(\\b(?:[^\\.]|\\z)|\\s|&)'],
    ['x(?!a)(?:b|\\d)', 'x(?:b|\\d)'],
    ['x(?!\\.)(\\s|\\.)', undefined],
    ['x(?!a)(\\w|b)', undefined],
    ['(?i)x(?!a)(b)', undefined],
    ['x\\(?!a)(b)', undefined],
    ['(a(?=b))', undefined],
    ['abc', undefined],
  ];
  for (const [pattern, form] of rows) assert.equal(matchOnlyForm(pattern), form, pattern);
  // `regex` runs the form; `rex` (whose match text and groups count) keeps the positioned diagnostic.
  assert.ok(compile('| makeresults | eval x="a" | regex x="(?<!b)a"', options).ok);
  const rex = '| makeresults | eval x="a" | rex field=x "(?<y>a)(?=b)"';
  assert.deepEqual([only(rex).code, only(rex).start], ['unsupported', rex.indexOf('(?=b)')]);
  const inside = '| makeresults | eval x="a" | regex x="a(?=b)c"';
  assert.equal(only(inside).start, inside.indexOf('(?=b)'));
});

test('parse time grows linearly with a term list (10× the terms, well under 30× the time)', () => {
  const terms = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`).join(' OR ');
  const time = (q: string): number => {
    const t0 = performance.now();
    assert.equal(parse(q).errors.length, 0);
    return performance.now() - t0;
  };
  time(terms(2_000)); // warm up
  const small = Math.min(time(terms(3_000)), time(terms(3_000)));
  const large = time(terms(30_000));
  console.log(
    `parse: 3,000 terms ${small.toFixed(0)} ms, 30,000 terms ${large.toFixed(0)} ms (×${(large / small).toFixed(1)})`,
  );
  assert.ok(large < small * 30, `30,000 terms ${large} ms vs 3,000 terms ${small} ms`);
});

test('a run of `*` in a field pattern matches as one `*`: no backtracking over the ways to split a name', () => {
  // The hostile fuzz found `stats perc95(<200 stars>bytes)` compiling for 84 s: `^(.*)(.*)…bytes$` tried
  // every split of each field name among the groups. Each `*` keeps its group (for `rename a* AS b*`).
  const re = fieldPatternRegExp('a***b');
  assert.equal(re.source, '^a(.*)()()b$');
  assert.deepEqual(re.exec('axyb')?.slice(1), ['xy', '', '']);
  assert.equal(fieldPatternRegExp('*x*y').source, '^(.*)x(.*)y$');
  const now = Date.UTC(2024, 0, 2);
  const r = compile(`| makeresults count=4 | stats perc95(${'*'.repeat(200)}bytes), dc(user) by _raw`, {
    orgId: 'o',
    earliestMs: now - 3_600_000,
    latestMs: now,
    nowMs: now,
  });
  assert.ok(r.ok || r.errors.length > 0);
});
