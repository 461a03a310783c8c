// Parser tests for the aggregating commands: eventstats, streamstats, chart, timechart, tstats, mstats, top, rare.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../src/parser/index.ts';
import {
  agg,
  and,
  bin,
  cmd,
  cmp,
  commandsOf,
  count,
  eg,
  f,
  fp,
  id,
  inList,
  n,
  opt,
  ov,
  search,
  t,
  time,
  v,
  syntaxErrorRows,
} from './parser-dsl.ts';

const ids = (...names: string[]) => names.map((x) => id(x));

const rows: [string, unknown[]][] = [
  // eventstats
  [
    '| eventstats avg(x) as a, stdev(x) as s by h, k',
    [
      cmd('eventstats', {
        options: [],
        aggregations: [agg('avg', 'x', 'a'), agg('stdev', 'x', 's')],
        by: ids('h', 'k'),
      }),
    ],
  ],
  [
    '| eventstats allnum=t count',
    [cmd('eventstats', { options: [opt('allnum', 't')], aggregations: [agg('count')], by: [] })],
  ],
  // streamstats
  [
    '| streamstats window=3 current=f global=false reset_on_change=true count by host',
    [
      cmd('streamstats', {
        options: [
          opt('window', '3'),
          opt('current', 'f'),
          opt('global', 'false'),
          opt('reset_on_change', 'true'),
        ],
        aggregations: [agg('count')],
        by: ids('host'),
        resets: [],
      }),
    ],
  ],
  [
    '| streamstats time_window=1h reset_before="(x>1)" reset_after="(y=\\"a\\")" sum(b) as t',
    [
      cmd('streamstats', {
        options: [opt('time_window', '1h')],
        aggregations: [agg('sum', 'b', 't')],
        by: [],
        resets: [
          { kind: 'streamstats-reset', key: id('reset_before'), expr: eg(bin('>', f('x'), n('1'))) },
          {
            kind: 'streamstats-reset',
            key: id('reset_after'),
            expr: eg(bin('=', f('y'), { kind: 'eval-string', value: 'a' })),
          },
        ],
      }),
    ],
  ],
  // Search Reference, streamstats: the reset expression's parentheses may stand without the quotes.
  [
    '| streamstats count reset_after=(x>1 AND y<2) reset_on_change=true by z',
    [
      cmd('streamstats', {
        options: [opt('reset_on_change', 'true')],
        aggregations: [agg('count')],
        by: [id('z')],
        resets: [
          {
            kind: 'streamstats-reset',
            key: id('reset_after'),
            expr: eg(bin('AND', bin('>', f('x'), n('1')), bin('<', f('y'), n('2')))),
          },
        ],
      }),
    ],
  ],
  // … and after the BY fields, options among them
  [
    '| streamstats count by z window=2 reset_before="(x>1)"',
    [
      cmd('streamstats', {
        options: [opt('window', '2')],
        aggregations: [agg('count')],
        by: [id('z')],
        resets: [{ kind: 'streamstats-reset', key: id('reset_before'), expr: eg(bin('>', f('x'), n('1'))) }],
      }),
    ],
  ],
  // chart
  [
    '| chart limit=5 count over host by status',
    [
      cmd('chart', {
        options: [opt('limit', '5')],
        aggregations: [agg('count')],
        over: id('host'),
        by: ids('status'),
      }),
    ],
  ],
  [
    '| chart avg(x) BY host status useother=f',
    [
      cmd('chart', {
        options: [opt('useother', 'f')],
        aggregations: [agg('avg', 'x')],
        by: ids('host', 'status'),
      }),
    ],
  ],
  [
    '| chart count by _time span=1h bins=10 usenull=f nullstr=N otherstr=O agg=sum cont=f',
    [
      cmd('chart', {
        options: [
          opt('span', '1h'),
          opt('bins', '10'),
          opt('usenull', 'f'),
          opt('nullstr', 'N'),
          opt('otherstr', 'O'),
          opt('agg', 'sum'),
          opt('cont', 'f'),
        ],
        aggregations: [agg('count')],
        by: ids('_time'),
      }),
    ],
  ],
  // timechart
  [
    '| timechart span=5m limit=0 count',
    [cmd('timechart', { options: [opt('span', '5m'), opt('limit', '0')], aggregations: [agg('count')] })],
  ],
  [
    '| timechart bins=10 minspan=1m useother=f usenull=f cont=f partial=f agg=max avg(x) as a by host where max in top5',
    [
      cmd('timechart', {
        options: [
          opt('bins', '10'),
          opt('minspan', '1m'),
          opt('useother', 'f'),
          opt('usenull', 'f'),
          opt('cont', 'f'),
          opt('partial', 'f'),
          opt('agg', 'max'),
        ],
        aggregations: [agg('avg', 'x', 'a')],
        by: id('host'),
        where: { words: [ov('max'), ov('in'), ov('top5')] },
      }),
    ],
  ],
  [
    '| timechart count by host limit=3',
    [cmd('timechart', { options: [opt('limit', '3')], aggregations: [agg('count')], by: id('host') })],
  ],
  // tstats
  [
    '| tstats summariesonly=false allow_old_summaries=true fillnull_value=null prestats=t chunk_size=10 count min(_time) as firstTime from datamodel=Endpoint.Processes where Processes.name IN ("a", "b") by Processes.dest, _time span=1h',
    [
      cmd('tstats', {
        options: [
          opt('summariesonly', 'false'),
          opt('allow_old_summaries', 'true'),
          opt('fillnull_value', 'null'),
          opt('prestats', 't'),
          opt('chunk_size', '10'),
          opt('span', '1h'),
        ],
        aggregations: [agg('count'), agg('min', '_time', 'firstTime')],
        from: { kind: 'tstats-datamodel', datamodel: id('Endpoint'), node: id('Processes') },
        where: inList('Processes.name', v('a', true), v('b', true)),
        by: ids('Processes.dest', '_time'),
      }),
    ],
  ],
  [
    '| tstats count FROM datamodel=Web WHERE index=web earliest=-1h BY _time span=10m, host',
    [
      cmd('tstats', {
        options: [opt('span', '10m')],
        aggregations: [agg('count')],
        from: { kind: 'tstats-datamodel', datamodel: id('Web') },
        where: and(cmp('index', '=', 'web'), time('earliest', '-1h')),
        by: ids('_time', 'host'),
      }),
    ],
  ],
  [
    '| tstats count from mynamespace by host',
    [
      cmd('tstats', {
        options: [],
        aggregations: [agg('count')],
        from: { kind: 'tstats-namespace', namespace: id('mynamespace') },
        by: ids('host'),
      }),
    ],
  ],
  [
    '| tstats count where index=x',
    [cmd('tstats', { options: [], aggregations: [agg('count')], where: cmp('index', '=', 'x'), by: [] })],
  ],
  [
    '| tstats count where p=*GetCurrent()* by h',
    [
      cmd('tstats', {
        options: [],
        aggregations: [agg('count')],
        where: cmp('p', '=', '*GetCurrent()*'),
        by: ids('h'),
      }),
    ],
  ],
  // mstats
  [
    '| mstats prestats=f append=f backfill=f chart=f fillnull_value=0 avg(tcp.*) as tcp.* where index=m AND earliest=-1h by a b span=10s',
    [
      cmd('mstats', {
        options: [
          opt('prestats', 'f'),
          opt('append', 'f'),
          opt('backfill', 'f'),
          opt('chart', 'f'),
          opt('fillnull_value', '0'),
          opt('span', '10s'),
        ],
        aggregations: [agg('avg', 'tcp.*', 'tcp.*')],
        where: and(cmp('index', '=', 'm'), time('earliest', '-1h')),
        by: ids('a', 'b'),
      }),
    ],
  ],
  [
    '| mstats count(x) WHERE index=m GROUPBY h',
    [
      cmd('mstats', {
        options: [],
        aggregations: [agg('count', 'x')],
        where: cmp('index', '=', 'm'),
        by: ids('h'),
      }),
    ],
  ],
  // top / rare
  ['| top src', [cmd('top', { options: [], fields: [fp('src')], by: [] })]],
  [
    '| top 5 limit=3 countfield=c percentfield=p showcount=f showperc=f useother=t otherstr=X a, b by c',
    [
      cmd('top', {
        count: count(5),
        options: [
          opt('limit', '3'),
          opt('countfield', 'c'),
          opt('percentfield', 'p'),
          opt('showcount', 'f'),
          opt('showperc', 'f'),
          opt('useother', 't'),
          opt('otherstr', 'X'),
        ],
        fields: [fp('a'), fp('b')],
        by: ids('c'),
      }),
    ],
  ],
  ['| rare user limit=2', [cmd('rare', { options: [opt('limit', '2')], fields: [fp('user')], by: [] })]],
  // in a pipeline and a subsearch
  [
    'x | append [| tstats count by h]',
    [
      search(t('x')),
      cmd('append', {
        options: [],
        subsearch: {
          kind: 'subsearch',
          pipeline: {
            kind: 'pipeline',
            commands: [cmd('tstats', { options: [], aggregations: [agg('count')], by: ids('h') })],
          },
        },
      }),
    ],
  ],
];

for (const [text, expected] of rows) {
  test(`command: ${text}`, () => assert.deepEqual(commandsOf(text), expected));
}

/** [query, message, start, end] */
const errors: [string, string, number, number][] = [
  ['| eventstats by x', 'expected an aggregation such as `count` or `avg(field)`, found `by`', 13, 15],
  ['| streamstats count by', 'expected a field name after `by`, found the end of the search', 22, 22],
  [
    '| streamstats reset_after="x>1" count',
    'expected an eval expression in parentheses, such as `(count>5)` or `"(count>5)"`, after `=`, found `"x>1"`',
    26,
    31,
  ],
  ['| chart count over', 'expected a field name after `over`, found the end of the search', 18, 18],
  [
    '| timechart count by host where',
    'expected a condition after `where`, found the end of the search',
    31,
    31,
  ],
  [
    '| tstats count from | head',
    'expected a data model such as `datamodel=Endpoint.Processes` after `from`, found `|`',
    20,
    21,
  ],
  [
    '| tstats count from datamodel=',
    'expected a data model name after `=`, found the end of the search',
    30,
    30,
  ],
  ['| tstats count where by h', 'expected a search expression after `where`, found `by`', 21, 23],
  ['| tstats count where a=1 by', 'expected a field name after `by`, found the end of the search', 27, 27],
  ['| mstats avg(x) by h', 'expected `WHERE` and a search expression, found `by`', 16, 18],
  ['| top limit=5', 'expected a field name to count, found the end of the search', 13, 13],
];

syntaxErrorRows(errors);

test('tstats: spans of the data model, node and where-clause', () => {
  const text = '| tstats count from datamodel=Endpoint.Processes where a=1 by h';
  const c = parse(text).ast?.commands[0];
  assert.ok(c?.kind === 'tstats' && c.from?.kind === 'tstats-datamodel');
  assert.equal(text.slice(c.from.span.start, c.from.span.end), 'from datamodel=Endpoint.Processes');
  assert.equal(text.slice(c.from.datamodel.span.start, c.from.datamodel.span.end), 'Endpoint');
  assert.equal(text.slice(c.from.node?.span.start, c.from.node?.span.end), 'Processes');
  assert.equal(text.slice(c.where?.span.start, c.where?.span.end), 'a=1');
  assert.deepEqual(c.span, { start: 2, end: text.length });
});

test('streamstats: a reset expression keeps offsets inside the quoted value', () => {
  const text = '| streamstats reset_after="(x>\\"a\\")" count';
  const c = parse(text).ast?.commands[0];
  assert.ok(c?.kind === 'streamstats');
  const r = c.resets[0];
  assert.equal(text.slice(r?.span.start, r?.span.end), 'reset_after="(x>\\"a\\")"');
  assert.equal(text.slice(r?.expr.span.start, r?.expr.span.end), '(x>\\"a\\")');
});
