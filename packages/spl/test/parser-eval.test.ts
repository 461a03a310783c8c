// Parser tests for the eval language (`where`, `eval`): literals, operators and precedence.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../src/parser/index.ts';
import { bin, call, commandsOf, eg, ein, evalc, f, n, s, un, whereOf } from './parser-dsl.ts';

const rows: [string, unknown][] = [
  ['x', f('x')],
  ['a.b', f('a.b')],
  ['_time', f('_time')],
  ["'k8s.pod.name'", f('k8s.pod.name', true)],
  ['"a \\"b\\" \\\\"', s('a "b" \\')],
  ['1.50', n('1.50')],
  ['1e3', n('1e3')],
  ['day-average', bin('-', f('day'), f('average'))],
  ['1+2*3', bin('+', n('1'), bin('*', n('2'), n('3')))],
  ['1*2+3', bin('+', bin('*', n('1'), n('2')), n('3'))],
  ['a-b-c', bin('-', bin('-', f('a'), f('b')), f('c'))],
  ['a % 2', bin('%', f('a'), n('2'))],
  ['"x" . a . "y"', bin('.', bin('.', s('x'), f('a')), s('y'))],
  ['-x', un('-', f('x'))],
  ['- -x', un('-', un('-', f('x')))],
  ['+1', un('+', n('1'))],
  ['a AND b OR c', bin('OR', bin('AND', f('a'), f('b')), f('c'))],
  ['a OR b AND c', bin('OR', f('a'), bin('AND', f('b'), f('c')))],
  ['a OR b XOR c', bin('OR', f('a'), bin('XOR', f('b'), f('c')))],
  ['a XOR b AND c', bin('XOR', f('a'), bin('AND', f('b'), f('c')))],
  ['a and b or c', bin('OR', bin('AND', f('a'), f('b')), f('c'))],
  ['NOT a AND b', bin('AND', un('NOT', f('a')), f('b'))],
  ['NOT a=1', un('NOT', bin('=', f('a'), n('1')))],
  ['a=1', bin('=', f('a'), n('1'))],
  ['a==1', bin('==', f('a'), n('1'))],
  ['a!=1', bin('!=', f('a'), n('1'))],
  ['a<=b+1', bin('<=', f('a'), bin('+', f('b'), n('1')))],
  ['x>1 AND y<2', bin('AND', bin('>', f('x'), n('1')), bin('<', f('y'), n('2')))],
  ['a LIKE "x%"', bin('LIKE', f('a'), s('x%'))],
  ['a like "x%"', bin('LIKE', f('a'), s('x%'))],
  ['a IN ("x", 1)', ein(f('a'), [s('x'), n('1')])],
  ['a in (b)', ein(f('a'), [f('b')])],
  ['a NOT IN (1, 2)', ein(f('a'), [n('1'), n('2')], true)],
  ['(a OR b) AND c', bin('AND', eg(bin('OR', f('a'), f('b'))), f('c'))],
  ['isnull(x)', call('isnull', f('x'))],
  ['now()', call('now')],
  ['if(in(a, "x"), 1, 0)', call('if', call('in', f('a'), s('x')), n('1'), n('0'))],
  ['like(a, "x%")', call('like', f('a'), s('x%'))],
  ['round(a/b, 2)', call('round', bin('/', f('a'), f('b')), n('2'))],
];

for (const [text, expected] of rows) {
  test(`eval: ${text}`, () => assert.deepEqual(whereOf(text), expected));
}

test('where: `a AND b OR c` is `(a AND b) OR c`', () => {
  const expected = bin('OR', bin('AND', f('a'), f('b')), f('c'));
  assert.deepEqual(whereOf('a AND b OR c'), expected);
  assert.deepEqual(whereOf('(a AND b) OR c'), bin('OR', eg(bin('AND', f('a'), f('b'))), f('c')));
});

test('eval: comma-separated assignments, quoted and dotted targets', () => {
  assert.deepEqual(commandsOf('| eval a=1+1, b=a*2, x="s", c.d=e'), [
    evalc(['a', bin('+', n('1'), n('1'))], ['b', bin('*', f('a'), n('2'))], ['x', s('s')], ['c.d', f('e')]),
  ]);
  const c = parse("| eval 'x y'=1").ast?.commands[0];
  assert.ok(c?.kind === 'eval');
  assert.equal(c.assignments[0]?.target.quoted, true);
});

// Search Reference, eval: the destination `<field>` is a `<string>` up to the `=`, so an unquoted name may
// hold `-` and `:`; on the right of `=` the same characters are operators (or need single quotes).
test('eval: an unquoted target may hold `-` and `:`; the value side still subtracts', () => {
  assert.deepEqual(commandsOf('| eval a-b=1, c:d=x-y, e-f:g.h-2=3'), [
    evalc(['a-b', n('1')], ['c:d', bin('-', f('x'), f('y'))], ['e-f:g.h-2', n('3')]),
  ]);
  const c = parse('| eval a-b=1').ast?.commands[0];
  assert.ok(c?.kind === 'eval');
  assert.deepEqual(c.assignments[0]?.target.span, { start: 7, end: 10 });
  assert.equal(c.assignments[0]?.target.quoted, false);
});

test('eval: a space ends the target (`a -b=1` is not a name)', () => {
  const r = parse('| eval a -b=1');
  assert.deepEqual(
    r.errors.map((e) => [e.message, e.span.start]),
    [['expected `=` after the field name, found `-`', 9]],
  );
});

test('eval: foreach templates are names', () => {
  assert.deepEqual(commandsOf('| eval <<FIELD>>=if(<<FIELD>>="null", 0, <<FIELD>>)'), [
    evalc(['<<FIELD>>', call('if', bin('=', f('<<FIELD>>'), s('null')), n('0'), f('<<FIELD>>'))]),
  ]);
});

test('eval: spans of binary nodes cover both operands', () => {
  const c = parse('| where a + 10 > b').ast?.commands[0];
  assert.ok(c?.kind === 'where' && c.expr.kind === 'eval-binary');
  assert.deepEqual(c.expr.span, { start: 8, end: 18 });
  assert.ok(c.expr.left.kind === 'eval-binary');
  assert.deepEqual(c.expr.left.span, { start: 8, end: 14 });
  assert.deepEqual(c.expr.left.right.span, { start: 12, end: 14 });
});
