// Parser error tests: messages, exact positions, hints, recovery at pipes, and never throwing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../src/parser/index.ts';

/** [query, message, start, end, hints?] */
const rows: [string, string, number, number, string[]?][] = [
  ['x | stats count by | table a', 'expected a field name after `by`, found `|`', 19, 20],
  ['a "open', 'unclosed quoted string: expected a closing "', 2, 7],
  ["| eval x='open", "unclosed quoted field name: expected a closing '", 9, 14],
  ['a (b', 'unbalanced `(`: expected `)` to close it', 2, 3],
  ['a b)', 'unbalanced `)`: there is no `(` before it', 3, 4],
  ['a [b', 'unbalanced `[`: expected `]` to close the subsearch', 2, 3],
  ['a ]', 'unbalanced `]`: there is no `[` before it', 2, 3],
  ['a | | b', 'empty command between pipes', 2, 5],
  ['a |', 'expected a command after `|`, found the end of the search', 2, 3],
  ['', 'the search is empty', 0, 0],
  ['a [ ]', 'the subsearch is empty', 3, 4],
  ['| eval x=', 'expected an expression after `=`, found the end of the search', 9, 9],
  ['| eval x=1+', 'expected an expression after `+`, found the end of the search', 11, 11],
  ['| eval x 1', 'expected `=` after the field name, found `1`', 9, 10],
  ['| where', 'expected an expression after `where`, found the end of the search', 7, 7],
  ['| where a AND', 'expected an expression after `AND`, found the end of the search', 13, 13],
  ['| where f(a', 'unbalanced `(`: expected `)` to close it', 9, 10],
  ['a OR', 'expected a search term after `OR`, found the end of the search', 4, 4],
  ['a AND | head', 'expected a search term after `AND`, found `|`', 6, 7],
  ['NOT', 'expected a search term after `NOT`, found the end of the search', 3, 3],
  ['x=', 'expected a value after `=`, found the end of the search', 2, 2],
  ['a, b', 'expected the end of the command, found `,`', 1, 2],
  ['| stats', 'expected an aggregation such as `count` or `avg(field)`, found the end of the search', 7, 7],
  [
    '| stats count bi host',
    'expected `(` after the function name `bi`, found `host`',
    17,
    21,
    ['did you mean `by` instead of `bi`?'],
  ],
  [
    '| stats avg(x) az y',
    'expected `(` after the function name `az`, found `y`',
    18,
    19,
    ['did you mean `as` instead of `az`?'],
  ],
  ['| rename a b', 'expected `as` after the field name, found `b`', 11, 12],
  ['| sort', 'expected a sort key such as `-count` or `num(size)`, found the end of the search', 6, 6],
  ['| "x"', 'expected a command name after `|`, found `"x"`', 2, 5],
  ['a | `mac(x)`', 'expected a command name after `|`, found the unexpanded macro `mac(x)`', 4, 12],
  ['a ```open', 'unclosed comment: expected ``` to end it', 2, 5],
];

for (const [text, message, start, end, hints] of rows) {
  test(`error: ${text}`, () => {
    const r = parse(text);
    assert.deepEqual(
      r.errors.map((e) => ({ code: e.code, message: e.message, span: e.span })),
      [{ code: 'syntax', message, span: { start, end } }],
    );
    if (hints !== undefined) assert.deepEqual(r.errors[0]?.hints, hints);
  });
}

test('errors: every bad command is reported, the good ones are still built', () => {
  const r = parse('a | eval x= | stats count | where | head 2');
  assert.deepEqual(
    r.errors.map((e) => e.span.start),
    [12, 34],
  );
  assert.deepEqual(
    r.ast?.commands.map((c) => c.kind),
    ['search', 'stats', 'head'],
  );
});

test('errors: an error inside a subsearch is reported at its offset', () => {
  const r = parse('a [search b OR] | head 1');
  assert.deepEqual(
    r.errors.map((e) => [e.message, e.span]),
    [['expected a search term after `OR`, found `]`', { start: 14, end: 15 }]],
  );
});

test('errors: parse never throws and every span lies within the text', () => {
  let seed = 7;
  const next = (k: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % k;
  };
  const alphabet = [
    '|',
    '[',
    ']',
    '(',
    ')',
    '"',
    "'",
    '`',
    '```',
    '=',
    '!=',
    '<',
    ',',
    ' ',
    '\\',
    'a',
    'OR',
    'NOT',
    'by',
    'stats',
    'eval',
    'sort',
    'head',
    'x=1',
    '5',
  ];
  for (let i = 0; i < 3000; i++) {
    let text = '';
    const len = next(14);
    for (let j = 0; j < len; j++) text += alphabet[next(alphabet.length)] ?? '';
    const r = parse(text);
    for (const e of r.errors) {
      assert.ok(
        e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length,
        `${text}: ${e.message}`,
      );
    }
    assert.ok(r.ast !== undefined || r.errors.length > 0, `no ast and no error for ${JSON.stringify(text)}`);
  }
});
