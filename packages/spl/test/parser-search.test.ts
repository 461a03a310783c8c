// Parser tests for the search language: terms, comparisons, IN, time modifiers and boolean precedence.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../src/parser/index.ts';
import { and, cmp, grp, inList, not, or, q, searchOf, sub, search, t, time, v, head } from './parser-dsl.ts';

const rows: [string, unknown][] = [
  ['error', t('error')],
  ['"GET /index.html"', q('GET /index.html')],
  ['"say \\"hi\\" \\\\ bye"', q('say "hi" \\ bye')],
  ['day-average', t('day-average')],
  ['10.0.0.0/8', t('10.0.0.0/8')],
  ['web*', t('web*')],
  // Splunk: `\\` in a search term is one backslash
  ['C:\\\\temp', t('C:\\temp')],
  ['status=500', cmp('status', '=', '500')],
  ['status>=500', cmp('status', '>=', '500')],
  ['status < 300', cmp('status', '<', '300')],
  ['host!=web*', cmp('host', '!=', 'web*')],
  ['a=b', cmp('a', '=', 'b')],
  ['src=10.0.0.0/8', cmp('src', '=', '10.0.0.0/8')],
  ['msg="a b"', cmp('msg', '=', 'a b', { quoted: true })],
  [
    '"DNS.reply_code"!="No Error"',
    cmp('DNS.reply_code', '!=', 'No Error', { quoted: true, fieldQuoted: true }),
  ],
  ['host=CASE(LOCALHOST)', cmp('host', '=', 'LOCALHOST', { caseSensitive: true })],
  ['ip=TERM(10.0.0.1)', cmp('ip', '=', '10.0.0.1')],
  ['TERM(10.0.0.1)', t('10.0.0.1', { term: true })],
  ['CASE(Error)', t('Error', { caseSensitive: true })],
  ['f IN (a, "b c", d*)', inList('f', v('a'), v('b c', true), v('d*'))],
  ['f in (a,b)', inList('f', v('a'), v('b'))],
  ['earliest=-24h@h latest=now', and(time('earliest', '-24h@h'), time('latest', 'now'))],
  ['earliest!=x', cmp('earliest', '!=', 'x')],
  ['NOT a', not(t('a'))],
  ['NOT NOT a', not(not(t('a')))],
  ['not a', and(t('not'), t('a'))],
  ['a or b', and(t('a'), t('or'), t('b'))],
  ['a b OR c', and(t('a'), or(t('b'), t('c')))],
  ['a AND b OR c', and(t('a'), or(t('b'), t('c')))],
  ['a OR b c', and(or(t('a'), t('b')), t('c'))],
  ['a OR b OR c', or(t('a'), t('b'), t('c'))],
  ['a b c', and(t('a'), t('b'), t('c'))],
  ['NOT a OR b', or(not(t('a')), t('b'))],
  ['NOT (a OR b) c', and(not(grp(or(t('a'), t('b')))), t('c'))],
  ['(a b) OR c', or(grp(and(t('a'), t('b'))), t('c'))],
  [
    'x=1 [search y=2 | head 1]',
    and(cmp('x', '=', '1'), sub(search(cmp('y', '=', '2'), false), head({ count: 1 }))),
  ],
  [
    '[| makeresults]',
    sub({ kind: 'makeresults', name: { kind: 'ident', name: 'makeresults', quoted: false }, options: [] }),
  ],
  ['[inner]', sub(search(t('inner')))],
  ['a=*\\"privileged\\":true*', cmp('a', '=', '*\\"privileged\\":true*')],
];

for (const [text, expected] of rows) {
  test(`search: ${text}`, () => assert.deepEqual(searchOf(text), expected));
}

test('search: `a b OR c` is `a AND (b OR c)`', () => {
  assert.deepEqual(searchOf('a b OR c'), and(t('a'), or(t('b'), t('c'))));
  assert.deepEqual(searchOf('a b OR c'), searchOf('a AND b OR c'));
});

test('search: an explicit `search` at the start is not implicit', () => {
  const r = parse('search a');
  assert.equal(r.ast?.commands[0]?.kind === 'search' && r.ast.commands[0].implicit, false);
});

test('search: the implicit command name is an empty span at the segment start', () => {
  const r = parse('  host=a');
  assert.deepEqual(r.ast?.commands[0]?.name, {
    kind: 'ident',
    name: 'search',
    quoted: false,
    span: { start: 2, end: 2 },
  });
  assert.deepEqual(r.ast?.commands[0]?.span, { start: 2, end: 8 });
});

test('search: spans point into the original text', () => {
  const text = 'a status>=500 NOT "x y"';
  const c = parse(text).ast?.commands[0];
  assert.ok(c?.kind === 'search' && c.expr?.kind === 'search-and');
  const [a, status, n] = c.expr.operands;
  assert.deepEqual(a?.span, { start: 0, end: 1 });
  assert.ok(status?.kind === 'search-compare');
  assert.deepEqual(status.span, { start: 2, end: 13 });
  assert.deepEqual(status.field.span, { start: 2, end: 8 });
  assert.deepEqual(status.value.span, { start: 10, end: 13 });
  assert.ok(n?.kind === 'search-not');
  assert.deepEqual(n.span, { start: 14, end: 23 });
  assert.equal(text.slice(n.operand.span.start, n.operand.span.end), '"x y"');
});

test('search: a subsearch keeps its brackets in the span', () => {
  const c = parse('a [b]').ast?.commands[0];
  assert.ok(c?.kind === 'search' && c.expr?.kind === 'search-and');
  const s = c.expr.operands[1];
  assert.ok(s?.kind === 'search-subsearch');
  assert.deepEqual(s.span, { start: 2, end: 5 });
  assert.deepEqual(s.pipeline.span, { start: 3, end: 4 });
});
