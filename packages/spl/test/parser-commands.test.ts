// Parser tests for the typed commands, generic commands, pipelines, comments and subsearches.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../src/parser/index.ts';
import {
  agg,
  aggEval,
  bin,
  cmp,
  commandsOf,
  eg,
  f,
  fields,
  fp,
  gGroup,
  gSub,
  generic,
  head,
  key,
  makeresults,
  n,
  opt,
  rename,
  search,
  sort,
  stats,
  strip,
  t,
  table,
  w,
  where,
} from './parser-dsl.ts';

const rows: [string, unknown[]][] = [
  // stats
  ['| stats count', [stats([agg('count')])]],
  ['| stats c', [stats([agg('c')])]],
  ['| stats count(x) dc(y)', [stats([agg('count', 'x'), agg('dc', 'y')])]],
  ['| stats avg(x) AS y, p95(z) as p', [stats([agg('avg', 'x', 'y'), agg('p95', 'z', 'p')])]],
  ['| stats count(eval(x>1)) as n', [stats([agg('count', aggEval(bin('>', f('x'), n('1'))), 'n')])]],
  ['| stats values(x) BY f1, f2', [stats([agg('values', 'x')], ['f1', 'f2'])]],
  ['| stats count by f1 f2', [stats([agg('count')], ['f1', 'f2'])]],
  ['| stats allnum=t count', [stats([agg('count')], [], [opt('allnum', 't')])]],
  [
    '| stats count min(_time) as firstTime, by a',
    [stats([agg('count'), agg('min', '_time', 'firstTime')], ['a'])],
  ],
  [
    '| stats count by "src ip"',
    [{ ...stats([agg('count')]), by: [{ kind: 'ident', name: 'src ip', quoted: true }] }],
  ],
  // sort
  ['| sort 0 -a, +b', [sort([key('a', 'desc'), key('b')], { limit: 0 })]],
  ['| sort limit=5 x', [sort([key('x')], { limit: 5 })]],
  ['| sort num(x) desc', [sort([key('x', 'asc', 'num')], { reverse: true })]],
  ['| sort - total', [sort([key('total', 'desc')])]],
  ['| sort -_time', [sort([key('_time', 'desc')])]],
  ['| sort -str(name), ip(addr)', [sort([key('name', 'desc', 'str'), key('addr', 'asc', 'ip')])]],
  // head
  ['| head', [head()]],
  ['| head 5', [head({ count: 5 })]],
  ['| head limit=5', [head({ count: 5, options: [opt('limit', '5')] })]],
  ['| head (x>1)', [head({ expr: eg(bin('>', f('x'), n('1'))) })]],
  // Search Reference, head: `head [<N> | (<eval-expression>)] [limit=<int>] [null=<bool>] [keeplast=<bool>]`;
  // the expression may also be bare, and the options come before or after it.
  ['| head count>10', [head({ expr: bin('>', f('count'), n('10')) })]],
  [
    '| head (x>1) limit=5 null=true keeplast=true',
    [
      head({
        count: 5,
        expr: eg(bin('>', f('x'), n('1'))),
        options: [opt('limit', '5'), opt('null', 'true'), opt('keeplast', 'true')],
      }),
    ],
  ],
  [
    '| head keeplast=t (status<=200)',
    [head({ expr: eg(bin('<=', f('status'), n('200'))), options: [opt('keeplast', 't')] })],
  ],
  ['| head 5 x=1', [head({ count: 5, expr: bin('=', f('x'), n('1')) })]],
  // table, fields, rename, makeresults
  ['| table a b*, c', [table('a', 'b*', 'c')]],
  ['| fields a b', [fields('keep', 'a', 'b')]],
  ['| fields + a', [fields('keep', 'a')]],
  ['| fields - a', [fields('remove', 'a')]],
  [
    '| rename a AS b, "x y" as z, a.* AS *',
    [rename([fp('a'), fp('b')], [fp('x y', true), fp('z')], [fp('a.*'), fp('*')])],
  ],
  ['| rename a as "B c",', [rename([fp('a'), fp('B c', true)])]],
  // ESCU's drop_dm_object_name("Web"): a quoted name with `.*` against it is one name
  ['| rename "Web".* AS *', [rename([fp('Web.*'), fp('*')])]],
  ['| makeresults', [makeresults()]],
  ['| makeresults count=3 annotate=true', [makeresults(opt('count', '3'), opt('annotate', 'true'))]],
  // where
  ['| where x>1', [where(bin('>', f('x'), n('1')))]],
  // generic: commands without a typed node
  ['| kvform maxinputs=5 x', [generic('kvform', opt('maxinputs', '5'), w('x'))]],
  ['| cluster a WITH b IN f', [generic('cluster', w('a'), w('WITH'), w('b'), w('IN'), w('f'))]],
  ['| foo a!=b', [generic('foo', w('a'), w('!='), w('b'))]],
  ['| fit m (x)', [generic('fit', w('m'), gGroup(w('x')))]],
  [
    '| gentimes search="x" [search a]',
    [generic('gentimes', opt('search', 'x', true), gSub(search(t('a'), false)))],
  ],
  // pipelines
  ['a | b', [search(t('a')), generic('b')]],
  [
    'host=x | STATS count',
    [
      search(cmp('host', '=', 'x')),
      { ...stats([agg('count')]), name: { kind: 'ident', name: 'STATS', quoted: false } },
    ],
  ],
  ['a ```a comment | here``` b', [search({ kind: 'search-and', operands: [t('a'), t('b')] })]],
  [
    'a "```not a comment```"',
    [search({ kind: 'search-and', operands: [t('a'), t('```not a comment```', { quoted: true })] })],
  ],
  [
    'a "x|y" | b [c | d]',
    [
      search({ kind: 'search-and', operands: [t('a'), t('x|y', { quoted: true })] }),
      generic('b', gSub(search(t('c')), generic('d'))),
    ],
  ],
];

for (const [text, expected] of rows) {
  test(`command: ${text}`, () => assert.deepEqual(commandsOf(text), expected));
}

test('commands: spans of commands and their parts', () => {
  const text = 'x | stats count(a) AS n BY host | sort -n';
  const ast = parse(text).ast;
  const [, st, so] = ast?.commands ?? [];
  assert.deepEqual(ast?.span, { start: 0, end: text.length });
  assert.ok(st?.kind === 'stats');
  assert.deepEqual(st.span, { start: 4, end: 31 });
  assert.deepEqual(st.name.span, { start: 4, end: 9 });
  assert.deepEqual(st.aggregations[0]?.span, { start: 10, end: 23 });
  assert.deepEqual(st.aggregations[0]?.alias?.span, { start: 22, end: 23 });
  assert.deepEqual(st.by[0]?.span, { start: 27, end: 31 });
  assert.ok(so?.kind === 'sort');
  assert.deepEqual(so.keys[0]?.span, { start: 39, end: 41 });
  assert.deepEqual(so.keys[0]?.field.span, { start: 40, end: 41 });
});

test('commands: a comment keeps the offsets of the text after it', () => {
  const text = 'a ```x``` status=5';
  const c = parse(text).ast?.commands[0];
  assert.ok(c?.kind === 'search' && c.expr?.kind === 'search-and');
  const s = c.expr.operands[1];
  assert.deepEqual(s?.span, { start: 10, end: 18 });
});

test('commands: a multi-line comment keeps line structure', () => {
  assert.deepEqual(strip(parse('a ```x\ny```\n| head 1').ast?.commands), [
    search(t('a')),
    head({ count: 1 }),
  ]);
});
