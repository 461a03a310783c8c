// Parser tests for join, append*, foreach, transaction, inputlookup, outputlookup, xyseries, untable, tail, return, format.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../src/parser/index.ts';
import {
  agg,
  bin,
  cmd,
  cmp,
  commandsOf,
  count,
  evalc,
  f,
  fp,
  id,
  n,
  opt,
  ov,
  ret,
  s,
  search,
  stats,
  subq,
  t,
  syntaxErrorRows,
} from './parser-dsl.ts';

const rows: [string, unknown[]][] = [
  // join
  [
    '| join type=outer usetime=t earlier=f overwrite=f max=0 user [search a]',
    [
      cmd('join', {
        options: [
          opt('type', 'outer'),
          opt('usetime', 't'),
          opt('earlier', 'f'),
          opt('overwrite', 'f'),
          opt('max', '0'),
        ],
        fields: [fp('user')],
        subsearch: subq(search(t('a'), false)),
      }),
    ],
  ],
  [
    '| join user type=outer [| inputlookup t | stats count by user]',
    [
      cmd('join', {
        options: [opt('type', 'outer')],
        fields: [fp('user')],
        subsearch: subq(cmd('inputlookup', { options: [], table: id('t') }), stats([agg('count')], ['user'])),
      }),
    ],
  ],
  ['| join a, b', [cmd('join', { options: [], fields: [fp('a'), fp('b')] })]],
  // append, appendcols, appendpipe
  [
    '| append maxout=5 [search a]',
    [cmd('append', { options: [opt('maxout', '5')], subsearch: subq(search(t('a'), false)) })],
  ],
  [
    '| appendcols override=t [search a]',
    [cmd('appendcols', { options: [opt('override', 't')], subsearch: subq(search(t('a'), false)) })],
  ],
  [
    '| appendpipe [stats count]',
    [cmd('appendpipe', { options: [], subsearch: subq(stats([agg('count')])) })],
  ],
  // foreach
  [
    '| foreach a* b fieldstr=#f# matchstr=#m# matchseg1=#s# [eval <<FIELD>>=1]',
    [
      cmd('foreach', {
        fields: [fp('a*'), fp('b')],
        options: [opt('fieldstr', '#f#'), opt('matchstr', '#m#'), opt('matchseg1', '#s#')],
        subsearch: subq(evalc(['<<FIELD>>', n('1')])),
      }),
    ],
  ],
  // transaction
  [
    '| transaction src_user connected=false maxspan=180m maxpause=5s maxevents=10 keepevicted=t mvlist=t',
    [
      cmd('transaction', {
        fields: [fp('src_user')],
        options: [
          opt('connected', 'false'),
          opt('maxspan', '180m'),
          opt('maxpause', '5s'),
          opt('maxevents', '10'),
          opt('keepevicted', 't'),
          opt('mvlist', 't'),
        ],
      }),
    ],
  ],
  [
    '| transaction a b startswith="action=\\"start\\"" endswith=eval(x>1)',
    [
      cmd('transaction', {
        fields: [fp('a'), fp('b')],
        options: [],
        startswith: {
          kind: 'transaction-search',
          key: id('startswith'),
          expr: cmp('action', '=', 'start', { quoted: true }),
        },
        endswith: { kind: 'transaction-eval', key: id('endswith'), expr: bin('>', f('x'), n('1')) },
      }),
    ],
  ],
  // inputlookup, outputlookup
  [
    '| inputlookup append=t start=1 max=5 t.csv where a=1',
    [
      cmd('inputlookup', {
        options: [opt('append', 't'), opt('start', '1'), opt('max', '5')],
        table: id('t.csv'),
        where: cmp('a', '=', '1'),
      }),
    ],
  ],
  ['| inputlookup t append=t', [cmd('inputlookup', { options: [opt('append', 't')], table: id('t') })]],
  [
    '| outputlookup append=t create_empty=f override_if_empty=f max=9 key_field=k t',
    [
      cmd('outputlookup', {
        options: [
          opt('append', 't'),
          opt('create_empty', 'f'),
          opt('override_if_empty', 'f'),
          opt('max', '9'),
          opt('key_field', 'k'),
        ],
        table: id('t'),
      }),
    ],
  ],
  // xyseries, untable, tail
  [
    '| xyseries _time host count avg',
    [cmd('xyseries', { options: [], x: id('_time'), y: id('host'), values: [id('count'), id('avg')] })],
  ],
  [
    '| xyseries grouped=t x, y, v',
    [cmd('xyseries', { options: [opt('grouped', 't')], x: id('x'), y: id('y'), values: [id('v')] })],
  ],
  [
    '| untable _time name value',
    [cmd('untable', { x: id('_time'), nameField: id('name'), valueField: id('value') })],
  ],
  ['| tail', [cmd('tail', {})]],
  ['| tail 20', [cmd('tail', { count: count(20) })]],
  // return
  ['| return src', [cmd('return', { items: [ret('src')] })]],
  [
    '| return 3 ip=src $user, dest',
    [
      cmd('return', {
        count: count(3),
        items: [ret('src', { alias: 'ip' }), ret('user', { valueOnly: true }), ret('dest')],
      }),
    ],
  ],
  // format
  ['| format', [cmd('format', { options: [], strings: [] })]],
  [
    '| format mvsep="or" maxresults=5 "(" "(" "AND" ")" "OR" ")"',
    [
      cmd('format', {
        options: [opt('mvsep', 'or', true), opt('maxresults', '5')],
        strings: [
          ov('(', true),
          ov('(', true),
          ov('AND', true),
          ov(')', true),
          ov('OR', true),
          ov(')', true),
        ],
      }),
    ],
  ],
  // an eval in a foreach template keeps its string
  [
    '| foreach x [eval y="<<FIELD>>"]',
    [cmd('foreach', { fields: [fp('x')], options: [], subsearch: subq(evalc(['y', s('<<FIELD>>')])) })],
  ],
];

for (const [text, expected] of rows) {
  test(`command: ${text}`, () => assert.deepEqual(commandsOf(text), expected));
}

/** [query, message, start, end] */
const errors: [string, string, number, number][] = [
  ['| append', 'expected a subsearch `[ … ]` after `append`, found the end of the search', 8, 8],
  ['| appendpipe x', 'expected a subsearch `[ … ]` after `appendpipe`, found `x`', 13, 14],
  ['| foreach [eval x=1]', 'expected a field name or pattern after `foreach`, found `[eval x=1]`', 10, 20],
  ['| foreach a*', 'expected a subsearch `[ … ]` after `a*`, found the end of the search', 12, 12],
  [
    '| transaction startswith="a OR"',
    'expected a search (quoted, in parentheses, or one term) or `eval(…)` after `=`, found `"a OR"`',
    25,
    31,
  ],
  ['| transaction endswith=eval(x>)', 'expected an expression after `>`, found `)`', 30, 31],
  // Search Reference, transaction: startswith=(<search-expression>); the parenthesis must close.
  ['| transaction startswith=(a=1 OR', 'unbalanced `(`: expected `)` to close it', 25, 26],
  ['| inputlookup', 'expected a lookup table name after `inputlookup`, found the end of the search', 13, 13],
  [
    '| inputlookup t where',
    'expected a search expression after `where`, found the end of the search',
    21,
    21,
  ],
  ['| outputlookup append=t', 'expected a lookup table name after `t`, found the end of the search', 23, 23],
  ['| xyseries a b', 'expected a value field after `b`, found the end of the search', 14, 14],
  ['| untable a', 'expected the name field after `a`, found the end of the search', 11, 11],
  ['| tail x', 'expected the end of the command, found `x`', 7, 8],
  ['| return', 'expected a field to return after `return`, found the end of the search', 8, 8],
  [
    '| format "(" "("',
    'expected the column separator string after `"("`, found the end of the search',
    16,
    16,
  ],
];

syntaxErrorRows(errors);

test('join: the subsearch spans its brackets, its pipeline its content', () => {
  const text = '| join a [search b]';
  const c = parse(text).ast?.commands[0];
  assert.ok(c?.kind === 'join');
  assert.deepEqual(c.subsearch?.span, { start: 9, end: 19 });
  assert.deepEqual(c.subsearch?.pipeline.span, { start: 10, end: 18 });
});

test('transaction: a quoted search keeps offsets inside the quotes', () => {
  const text = '| transaction startswith="user=a OR x"';
  const c = parse(text).ast?.commands[0];
  assert.ok(c?.kind === 'transaction' && c.startswith?.kind === 'transaction-search');
  assert.equal(text.slice(c.startswith.expr.span.start, c.startswith.expr.span.end), 'user=a OR x');
});
