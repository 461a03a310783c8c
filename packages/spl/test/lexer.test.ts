// Lexer tests: the three modes, comments, pipe splitting and token positions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lex, LineIndex, splitSegments, stripComments } from '../src/lexer/index.ts';
import type { LexMode, Tok } from '../src/lexer/index.ts';

function tokens(text: string, mode: LexMode): string[] {
  const out: string[] = [];
  const r = lex(text, 0, text.length, mode, {
    lines: new LineIndex(text),
    subsearch: (inner) => ({ kind: 'pipeline', commands: [], span: inner }),
  });
  assert.deepEqual(r.errors, []);
  for (let t: Tok | undefined = r.first; t !== undefined; t = t.next) out.push(`${t.kind}:${t.text}`);
  return out;
}

const rows: [LexMode, string, string[]][] = [
  [
    'search',
    'day-average 10.0.0.0/8 web* C:\\\\temp',
    ['word:day-average', 'word:10.0.0.0/8', 'word:web*', 'word:C:\\\\temp', 'eof:'],
  ],
  [
    'search',
    'status>=500 host!=web* a=b',
    [
      'word:status',
      'op:>=',
      'word:500',
      'word:host',
      'op:!=',
      'word:web*',
      'word:a',
      'op:=',
      'word:b',
      'eof:',
    ],
  ],
  ['search', '(a "b c")[d]', ['lparen:(', 'word:a', 'string:"b c"', 'rparen:)', 'subsearch:[d]', 'eof:']],
  [
    'search',
    'TERM(x) CASE(y) term(z)',
    [
      'fn:TERM(',
      'word:x',
      'rparen:)',
      'fn:CASE(',
      'word:y',
      'rparen:)',
      'word:term',
      'lparen:(',
      'word:z',
      'rparen:)',
      'eof:',
    ],
  ],
  ['search', 'a=*\\"x\\"* b!c', ['word:a', 'op:=', 'word:*\\"x\\"*', 'word:b!c', 'eof:']],
  ['eval', 'day-average', ['ident:day', 'op:-', 'ident:average', 'eof:']],
  [
    'eval',
    'a.b _time \'x y\' "s\\"" 1.5e3',
    ['ident:a.b', 'ident:_time', "field:'x y'", 'string:"s\\""', 'number:1.5e3', 'eof:'],
  ],
  [
    'eval',
    'a==b!=c<=d>=e<f>g',
    [
      'ident:a',
      'op:==',
      'ident:b',
      'op:!=',
      'ident:c',
      'op:<=',
      'ident:d',
      'op:>=',
      'ident:e',
      'op:<',
      'ident:f',
      'op:>',
      'ident:g',
      'eof:',
    ],
  ],
  [
    'eval',
    'x . "y" + 1 * 2 / 3 % 4',
    [
      'ident:x',
      'op:.',
      'string:"y"',
      'op:+',
      'number:1',
      'op:*',
      'number:2',
      'op:/',
      'number:3',
      'op:%',
      'number:4',
      'eof:',
    ],
  ],
  [
    'eval',
    'a AND b and c OR NOT d XOR e LIKE f IN (g, h)',
    [
      'ident:a',
      'keyword:AND',
      'ident:b',
      'keyword:and',
      'ident:c',
      'keyword:OR',
      'keyword:NOT',
      'ident:d',
      'keyword:XOR',
      'ident:e',
      'ident:LIKE',
      'ident:f',
      'ident:IN',
      'lparen:(',
      'ident:g',
      'comma:,',
      'ident:h',
      'rparen:)',
      'eof:',
    ],
  ],
  [
    'args',
    'field=_raw max_match=0 "x y", -a +b [s]',
    [
      'word:field',
      'op:=',
      'word:_raw',
      'word:max_match',
      'op:=',
      'word:0',
      'string:"x y"',
      'comma:,',
      'word:-a',
      'word:+b',
      'subsearch:[s]',
      'eof:',
    ],
  ],
  [
    'args',
    'count(eval(a-b>1)) dc(x-y)',
    [
      'word:count',
      'lparen:(',
      'word:eval',
      'lparen:(',
      'ident:a',
      'op:-',
      'ident:b',
      'op:>',
      'number:1',
      'rparen:)',
      'rparen:)',
      'word:dc',
      'lparen:(',
      'word:x-y',
      'rparen:)',
      'eof:',
    ],
  ],
];

for (const [mode, text, expected] of rows) {
  test(`lexer ${mode}: ${text}`, () => assert.deepEqual(tokens(text, mode), expected));
}

test('lexer: token positions are offsets, rows and columns of the original text', () => {
  const text = 'a\n  bc';
  const r = lex(text, 0, text.length, 'search', {
    lines: new LineIndex(text),
    subsearch: (inner) => ({ kind: 'pipeline', commands: [], span: inner }),
  });
  const bc = r.first.next;
  assert.deepEqual(bc?.pos, { index: 4, rowBegin: 2, columnBegin: 3, rowEnd: 2, columnEnd: 5 });
  assert.equal(bc?.next?.kind, 'eof');
  assert.equal(bc?.next?.pos.index, 6);
});

test('lexer: comments become spaces of the same length, outside strings only', () => {
  assert.equal(stripComments('a ```x``` b').text, 'a         b');
  assert.equal(stripComments('"```x```" ```y```').text, '"```x```"        ');
  assert.equal(stripComments('a ```x\ny``` b').text, 'a     \n     b');
});

test('lexer: pipes split segments outside quotes and brackets', () => {
  const text = 'a "x|y" | b [c | d] | e';
  assert.deepEqual(
    splitSegments(text, 0, text.length).map((s) => text.slice(s.start, s.end)),
    ['a "x|y" ', ' b [c | d] ', ' e'],
  );
  assert.deepEqual(
    splitSegments('| x', 0, 3).map((s) => [s.start, s.end]),
    [
      [0, 0],
      [1, 3],
    ],
  );
});
