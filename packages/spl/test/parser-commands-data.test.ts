// Parser tests for the field-shaping commands: convert, lookup, bin, dedup, rex, regex, fillnull, spath, mvexpand, makemv, iplocation, addtotals.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../src/parser/index.ts';
import { cmd, commandsOf, conv, count, fp, id, key, lf, opt, ov, syntaxErrorRows } from './parser-dsl.ts';

const rows: [string, unknown[]][] = [
  // convert
  [
    '| convert timeformat="%Y-%m-%d" ctime(firstTime) AS t mktime(a) dur2sec(b) num(c) rmunit(d) rmcomma(e) auto(*) none(g) memk(h) mstime(i)',
    [
      cmd('convert', {
        options: [opt('timeformat', '%Y-%m-%d', true)],
        conversions: [
          conv('ctime', 'firstTime', 't'),
          conv('mktime', 'a'),
          conv('dur2sec', 'b'),
          conv('num', 'c'),
          conv('rmunit', 'd'),
          conv('rmcomma', 'e'),
          conv('auto', '*'),
          conv('none', 'g'),
          conv('memk', 'h'),
          conv('mstime', 'i'),
        ],
      }),
    ],
  ],
  [
    '| convert ctime(a), ctime(b) as c',
    [cmd('convert', { options: [], conversions: [conv('ctime', 'a'), conv('ctime', 'b', 'c')] })],
  ],
  // lookup
  [
    '| lookup local=t update=true tbl guid as g OUTPUT name as n, other',
    [
      cmd('lookup', {
        options: [opt('local', 't'), opt('update', 'true')],
        table: id('tbl'),
        keys: [lf('guid', 'g')],
        output: { mode: 'OUTPUT', keyword: id('OUTPUT'), fields: [lf('name', 'n'), lf('other')] },
      }),
    ],
  ],
  [
    '| lookup t a, b, OUTPUTNEW c',
    [
      cmd('lookup', {
        options: [],
        table: id('t'),
        keys: [lf('a'), lf('b')],
        output: { mode: 'OUTPUTNEW', keyword: id('OUTPUTNEW'), fields: [lf('c')] },
      }),
    ],
  ],
  ['| lookup t a', [cmd('lookup', { options: [], table: id('t'), keys: [lf('a')] })]],
  // bin / bucket
  [
    '| bin span=1h bins=10 minspan=1m start=0 end=10 aligntime=@d _time AS t',
    [
      cmd('bin', {
        options: [
          opt('span', '1h'),
          opt('bins', '10'),
          opt('minspan', '1m'),
          opt('start', '0'),
          opt('end', '10'),
          opt('aligntime', '@d'),
        ],
        field: fp('_time'),
        alias: id('t'),
      }),
    ],
  ],
  ['| bucket _time span=5m', [cmd('bin', { options: [opt('span', '5m')], field: fp('_time') }, 'bucket')]],
  // Search Reference, bin: the options may come before the field, between it and `AS`, or after the new name.
  ['| bin x bins=10 AS y', [cmd('bin', { options: [opt('bins', '10')], field: fp('x'), alias: id('y') })]],
  [
    '| bin minspan=1m x span=1h AS y aligntime=@d',
    [
      cmd('bin', {
        options: [opt('minspan', '1m'), opt('span', '1h'), opt('aligntime', '@d')],
        field: fp('x'),
        alias: id('y'),
      }),
    ],
  ],
  // dedup
  ['| dedup host,process', [cmd('dedup', { fields: [fp('host'), fp('process')], options: [], sortby: [] })]],
  [
    '| dedup 2 a b keepevents=t keepempty=f consecutive=t sortby -_time, +c',
    [
      cmd('dedup', {
        count: count(2),
        fields: [fp('a'), fp('b')],
        options: [opt('keepevents', 't'), opt('keepempty', 'f'), opt('consecutive', 't')],
        sortby: [key('_time', 'desc'), key('c')],
      }),
    ],
  ],
  // rex
  [
    '| rex field=a max_match=0 offset_field=o "(?<x>\\d+)"',
    [
      cmd('rex', {
        options: [opt('field', 'a'), opt('max_match', '0'), opt('offset_field', 'o')],
        regex: ov('(?<x>\\d+)', true),
      }),
    ],
  ],
  [
    '| rex mode=sed field=a "s/x/y/g"',
    [cmd('rex', { options: [opt('mode', 'sed'), opt('field', 'a')], regex: ov('s/x/y/g', true) })],
  ],
  ['| rex "(?<x>.)" field=b', [cmd('rex', { options: [opt('field', 'b')], regex: ov('(?<x>.)', true) })]],
  // regex
  ['| regex process="^a"', [cmd('regex', { field: id('process'), negated: false, regex: ov('^a', true) })]],
  ['| regex _raw!="b$"', [cmd('regex', { field: id('_raw'), negated: true, regex: ov('b$', true) })]],
  ['| regex "c"', [cmd('regex', { negated: false, regex: ov('c', true) })]],
  // fillnull, addtotals
  ['| fillnull', [cmd('fillnull', { options: [], fields: [] })]],
  [
    '| fillnull value=0 a, b',
    [cmd('fillnull', { options: [opt('value', '0')], fields: [fp('a'), fp('b')] })],
  ],
  [
    '| addtotals row=t col=t labelfield=l label=Total fieldname=sum a*',
    [
      cmd('addtotals', {
        options: [
          opt('row', 't'),
          opt('col', 't'),
          opt('labelfield', 'l'),
          opt('label', 'Total'),
          opt('fieldname', 'sum'),
        ],
        fields: [fp('a*')],
      }),
    ],
  ],
  // spath
  [
    '| spath input=a output=b path=c{}',
    [cmd('spath', { options: [opt('input', 'a'), opt('output', 'b'), opt('path', 'c{}')] })],
  ],
  ['| spath eventName', [cmd('spath', { options: [], path: ov('eventName') })]],
  ['| spath output=o "a.b{}"', [cmd('spath', { options: [opt('output', 'o')], path: ov('a.b{}', true) })]],
  // mvexpand, makemv, iplocation
  ['| mvexpand x limit=5', [cmd('mvexpand', { options: [opt('limit', '5')], field: fp('x') })]],
  [
    '| makemv delim=" " allowempty=t setsv=f Scope',
    [
      cmd('makemv', {
        options: [opt('delim', ' ', true), opt('allowempty', 't'), opt('setsv', 'f')],
        field: fp('Scope'),
      }),
    ],
  ],
  [
    '| makemv tokenizer="(\\w+)" x',
    [cmd('makemv', { options: [opt('tokenizer', '(\\w+)', true)], field: fp('x') })],
  ],
  [
    '| iplocation prefix=geo_ allfields=t lang=en src',
    [
      cmd('iplocation', {
        options: [opt('prefix', 'geo_'), opt('allfields', 't'), opt('lang', 'en')],
        field: id('src'),
      }),
    ],
  ],
];

for (const [text, expected] of rows) {
  test(`command: ${text}`, () => assert.deepEqual(commandsOf(text), expected));
}

/** [query, message, start, end] */
const errors: [string, string, number, number][] = [
  [
    '| convert',
    'expected a conversion such as `ctime(field)` after `convert`, found the end of the search',
    9,
    9,
  ],
  ['| convert ctime x', 'expected `(` after the conversion function `ctime`, found `x`', 16, 17],
  ['| convert ctime(a) AS', 'expected a field name after `AS`, found the end of the search', 21, 21],
  ['| lookup', 'expected a lookup table name after `lookup`, found the end of the search', 8, 8],
  [
    '| lookup t',
    'expected a lookup field name after the table name `t`, found the end of the search',
    10,
    10,
  ],
  ['| lookup t a OUTPUT | head', 'expected a field name after `OUTPUT`, found `|`', 20, 21],
  ['| lookup t a AS', 'expected a field name after `AS`, found the end of the search', 15, 15],
  ['| bin span=1h', 'expected a field name after `1h`, found the end of the search', 13, 13],
  ['| dedup', 'expected a field name after `dedup`, found the end of the search', 7, 7],
  ['| dedup a sortby', 'expected a sort key after `sortby`, found the end of the search', 16, 16],
  ['| rex field=a', 'expected a quoted regular expression after `a`, found the end of the search', 13, 13],
  ['| regex', 'expected a regular expression such as `field="^a.*"`, found the end of the search', 7, 7],
  ['| regex a=', 'expected a regular expression after `=`, found the end of the search', 10, 10],
  ['| mvexpand', 'expected a field name after `mvexpand`, found the end of the search', 10, 10],
  ['| spath a b', 'expected the end of the command, found `b`', 10, 11],
];

syntaxErrorRows(errors);

test('lookup: spans of keys and the output clause', () => {
  const text = '| lookup t guid AS g OUTPUT n AS m';
  const c = parse(text).ast?.commands[0];
  assert.ok(c?.kind === 'lookup');
  assert.equal(text.slice(c.keys[0]?.span.start, c.keys[0]?.span.end), 'guid AS g');
  assert.equal(text.slice(c.output?.span.start, c.output?.span.end), 'OUTPUT n AS m');
  assert.deepEqual(c.span, { start: 2, end: text.length });
});

test('convert: a conversion spans its function, field and alias', () => {
  const text = '| convert ctime(a) AS b';
  const c = parse(text).ast?.commands[0];
  assert.ok(c?.kind === 'convert');
  assert.equal(text.slice(c.conversions[0]?.span.start, c.conversions[0]?.span.end), 'ctime(a) AS b');
});
