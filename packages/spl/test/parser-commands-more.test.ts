// Parser tests for apply, xmlkv, map, replace, fromjson, from and anomalydetection, with their option checks
// and the planner's "not supported yet".

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse } from '../src/analyse/index.ts';
import { compile } from '../src/compile.ts';
import { parse } from '../src/parser/index.ts';
import { cmd, cmp, commandsOf, fp, id, opt, rp, search, subq, t, syntaxErrorRows } from './parser-dsl.ts';

const rows: [string, unknown[]][] = [
  // apply (MLTK)
  ['| apply smb_pdfmodel', [cmd('apply', { model: id('smb_pdfmodel'), options: [] })]],
  [
    '| apply dns_query_pdfmodel threshold=0.01',
    [cmd('apply', { model: id('dns_query_pdfmodel'), options: [opt('threshold', '0.01')] })],
  ],
  [
    '| apply m AS out show_density=t',
    [cmd('apply', { model: id('m'), alias: id('out'), options: [opt('show_density', 't')] })],
  ],
  [
    '| apply threshold=0.1 m as out',
    [cmd('apply', { model: id('m'), alias: id('out'), options: [opt('threshold', '0.1')] })],
  ],
  ['| apply "my model"', [cmd('apply', { model: id('my model', true), options: [] })]],
  // xmlkv
  ['| xmlkv', [cmd('xmlkv', { options: [] })]],
  ['| xmlkv Message', [cmd('xmlkv', { field: id('Message'), options: [] })]],
  ['| xmlkv maxinputs=5 Message', [cmd('xmlkv', { field: id('Message'), options: [opt('maxinputs', '5')] })]],
  ['| xmlkv Message maxinputs=5', [cmd('xmlkv', { field: id('Message'), options: [opt('maxinputs', '5')] })]],
  ['| xmlkv maxinputs=5', [cmd('xmlkv', { options: [opt('maxinputs', '5')] })]],
  // map: a quoted search (kept as written), a subsearch, or a saved search
  [
    '| map search="search `wineventlog_security` TargetLogonId=$TargetLogonId$"',
    [
      cmd('map', {
        options: [],
        search: opt('search', 'search `wineventlog_security` TargetLogonId=$TargetLogonId$', true),
      }),
    ],
  ],
  [
    '| map search="search a | stats count" maxsearches=20',
    [
      cmd('map', {
        options: [opt('maxsearches', '20')],
        search: opt('search', 'search a | stats count', true),
      }),
    ],
  ],
  [
    '| map maxsearches=2 SEARCH="x \\"y\\""',
    [cmd('map', { options: [opt('maxsearches', '2')], search: opt('SEARCH', 'x "y"', true) })],
  ],
  [
    '| map [search host=$host$] maxsearches=3',
    [
      cmd('map', {
        options: [opt('maxsearches', '3')],
        subsearch: subq(search(cmp('host', '=', '$host$'), false)),
      }),
    ],
  ],
  ['| map my_saved_search', [cmd('map', { options: [], savedsearch: id('my_saved_search') })]],
  // replace
  [
    '| replace "::ffff:*" with * in src',
    [cmd('replace', { replacements: [rp('::ffff:*', '*', [true, false])], fields: [fp('src')] })],
  ],
  [
    '| replace "%%14674" with "Value Added", "%%14675" with "Value Deleted" in OperationType',
    [
      cmd('replace', {
        replacements: [
          rp('%%14674', 'Value Added', [true, true]),
          rp('%%14675', 'Value Deleted', [true, true]),
        ],
        fields: [fp('OperationType')],
      }),
    ],
  ],
  [
    '| replace 127.0.0.1 WITH localhost',
    [cmd('replace', { replacements: [rp('127.0.0.1', 'localhost')], fields: [] })],
  ],
  [
    '| replace a WITH b c WITH d IN x, y*',
    [cmd('replace', { replacements: [rp('a', 'b'), rp('c', 'd')], fields: [fp('x'), fp('y*')] })],
  ],
  // `in` is a value when WITH follows it
  [
    '| replace a WITH b, in WITH out IN f',
    [cmd('replace', { replacements: [rp('a', 'b'), rp('in', 'out')], fields: [fp('f')] })],
  ],
  // fromjson
  ['| fromjson Data', [cmd('fromjson', { field: id('Data'), options: [] })]],
  [
    '| fromjson body prefix="b_"',
    [cmd('fromjson', { field: id('body'), options: [opt('prefix', 'b_', true)] })],
  ],
  ['| fromjson prefix=x_ body', [cmd('fromjson', { field: id('body'), options: [opt('prefix', 'x_')] })]],
  // from
  [
    '| from datamodel:"Endpoint.Processes"',
    [cmd('from', { datasetType: id('datamodel'), dataset: id('Endpoint.Processes', true) })],
  ],
  [
    '| from inputlookup:mylookup.csv',
    [cmd('from', { datasetType: id('inputlookup'), dataset: id('mylookup.csv') })],
  ],
  ['| from savedsearch:x', [cmd('from', { datasetType: id('savedsearch'), dataset: id('x') })]],
  ['| from lookup:geo', [cmd('from', { datasetType: id('lookup'), dataset: id('geo') })]],
  ['| from datamodel Web.Web', [cmd('from', { datasetType: id('datamodel'), dataset: id('Web.Web') })]],
  ['| FROM DataModel:Web', [cmd('from', { datasetType: id('DataModel'), dataset: id('Web') }, 'FROM')]],
  // anomalydetection
  ['| anomalydetection', [cmd('anomalydetection', { options: [], fields: [] })]],
  [
    '| anomalydetection method=histogram action=annotate pthresh=0.01 cutoff=false a, b',
    [
      cmd('anomalydetection', {
        options: [
          opt('method', 'histogram'),
          opt('action', 'annotate'),
          opt('pthresh', '0.01'),
          opt('cutoff', 'false'),
        ],
        fields: [id('a'), id('b')],
      }),
    ],
  ],
  [
    '| anomalydetection action=summary bytes',
    [cmd('anomalydetection', { options: [opt('action', 'summary')], fields: [id('bytes')] })],
  ],
  // in a pipeline, after a search
  [
    'sourcetype=x | xmlkv Message | fromjson Data',
    [
      search(cmp('sourcetype', '=', 'x')),
      cmd('xmlkv', { field: id('Message'), options: [] }),
      cmd('fromjson', { field: id('Data'), options: [] }),
    ],
  ],
  ['a | apply m', [search(t('a')), cmd('apply', { model: id('m'), options: [] })]],
];

for (const [text, expected] of rows) {
  test(`command: ${text}`, () => assert.deepEqual(commandsOf(text), expected));
}

/** [query, message, start, end] */
const errors: [string, string, number, number][] = [
  ['| apply', 'expected a model name after `apply`, found the end of the search', 7, 7],
  ['| apply m as', 'expected a field name after `as`, found the end of the search', 12, 12],
  ['| apply m threshold=', 'expected a value after `=`, found the end of the search', 20, 20],
  ['| apply m n', 'expected the end of the command, found `n`', 10, 11],
  ['| xmlkv a b', 'expected the end of the command, found `b`', 10, 11],
  [
    '| map',
    'expected a search such as `search="…"` or `[ … ]` after `map`, found the end of the search',
    5,
    5,
  ],
  [
    '| map maxsearches=3',
    'expected a search such as `search="…"` or `[ … ]` after `3`, found the end of the search',
    19,
    19,
  ],
  ['| map search=', 'expected a quoted search after `=`, found the end of the search', 13, 13],
  ['| map search="a" [search b]', 'expected the end of the command, found `[search b]`', 17, 27],
  ['| map search="a" search="b"', 'expected the end of the command, found `search`', 17, 23],
  ['| replace', 'expected a value to replace after `replace`, found the end of the search', 9, 9],
  ['| replace a', 'expected `WITH` after `a`, found the end of the search', 11, 11],
  ['| replace a b', 'expected `WITH` after `a`, found `b`', 12, 13],
  ['| replace a WITH', 'expected a replacement value after `WITH`, found the end of the search', 16, 16],
  ['| replace a WITH b c', 'expected `WITH` after `c`, found the end of the search', 20, 20],
  ['| replace a WITH b IN', 'expected a field name after `IN`, found the end of the search', 21, 21],
  ['| replace a WITH b IN (x)', 'expected a field name after `IN`, found `(`', 22, 23],
  ['| fromjson', 'expected a field name after `fromjson`, found the end of the search', 10, 10],
  ['| fromjson a b', 'expected the end of the command, found `b`', 13, 14],
  [
    '| from',
    'expected a dataset such as `datamodel:<name>` or `inputlookup:<table>` after `from`, found the end of the search',
    6,
    6,
  ],
  [
    '| from index:main',
    'expected a dataset such as `datamodel:<name>` or `inputlookup:<table>` after `from`, found `index:main`',
    7,
    17,
  ],
  ['| from datamodel:', 'expected a dataset name after `datamodel:`, found the end of the search', 17, 17],
  ['| from datamodel', 'expected a dataset name after `datamodel`, found the end of the search', 16, 16],
  ['| from datamodel:a b', 'expected the end of the command, found `b`', 19, 20],
  ['| anomalydetection a (b)', 'expected the end of the command, found `(`', 21, 22],
  ['| anomalydetection method=', 'expected a value after `=`, found the end of the search', 26, 26],
];

syntaxErrorRows(errors);

describe('spans', () => {
  test('from: the type and the name of a `type:name` word have their own spans', () => {
    const text = '| from inputlookup:mylookup.csv';
    const c = parse(text).ast?.commands[0];
    assert.ok(c?.kind === 'from');
    assert.equal(text.slice(c.datasetType.span.start, c.datasetType.span.end), 'inputlookup');
    assert.equal(text.slice(c.dataset.span.start, c.dataset.span.end), 'mylookup.csv');
  });

  test('from: a quoted name spans its quotes', () => {
    const text = '| from datamodel:"Endpoint.Processes"';
    const c = parse(text).ast?.commands[0];
    assert.ok(c?.kind === 'from');
    assert.equal(text.slice(c.datasetType.span.start, c.datasetType.span.end), 'datamodel');
    assert.equal(text.slice(c.dataset.span.start, c.dataset.span.end), '"Endpoint.Processes"');
  });

  test('replace: a pair spans from its value to its replacement', () => {
    const text = '| replace "a*" WITH b* IN f';
    const c = parse(text).ast?.commands[0];
    assert.ok(c?.kind === 'replace');
    const [p] = c.replacements;
    assert.equal(text.slice(p?.span.start, p?.span.end), '"a*" WITH b*');
  });

  test('map: the quoted search spans its quotes', () => {
    const text = '| map search="search x=$x$"';
    const c = parse(text).ast?.commands[0];
    assert.ok(c?.kind === 'map' && c.search !== undefined);
    assert.equal(text.slice(c.search.span.start, c.search.span.end), 'search="search x=$x$"');
    assert.equal(text.slice(c.search.value.span.start, c.search.value.span.end), '"search x=$x$"');
  });
});

const now = Date.UTC(2024, 0, 10, 12);
const request = { earliestMs: now - 86_400_000, latestMs: now, nowMs: now };

function optionMessages(q: string): string[] {
  const r = parse(q);
  assert.deepEqual(r.errors, [], q);
  assert.ok(r.ast);
  return analyse(r.ast, request).diagnostics.map((d) => d.message);
}

describe('options', () => {
  const cases: [string, string[]][] = [
    ['| apply m threshold=0.01 lower_threshold=0.1 upper_threshold=0.2 sample=t full_sample=f', []],
    ['| apply m threshhold=0.01', ['`apply` has no option `threshhold`']],
    ['| apply m threshold=low', ['`threshold` must be a number, found `low`']],
    [
      '| apply m show_density=maybe',
      ['`show_density` must be a Boolean (`true`/`false`, `t`/`f`), found `maybe`'],
    ],
    ['| xmlkv maxinputs=10 x', []],
    ['| xmlkv maxinputs=-1', ['`maxinputs` must be a whole number ≥ 0, found `-1`']],
    ['| xmlkv maxinput=1', ['`xmlkv` has no option `maxinput`']],
    ['| map search="x" maxsearches=10', []],
    ['| map search="x" maxsearches=0', ['`maxsearches` must be a whole number ≥ 1, found `0`']],
    ['| map [search x] maxsearch=2', ['`map` has no option `maxsearch`']],
    ['| fromjson Data prefix=p_', []],
    ['| fromjson Data prefx=p_', ['`fromjson` has no option `prefx`']],
    ['| anomalydetection method=iqr action=transform pthresh=0.5 cutoff=t a', []],
    [
      '| anomalydetection method=zcore',
      ['`method` must be one of `histogram`, `zscore`, `iqr`, found `zcore`'],
    ],
    [
      '| anomalydetection action=drop',
      [
        '`action` must be one of `filter`, `annotate`, `summary`, `remove`, `transform`, `rm`, `tf`, found `drop`',
      ],
    ],
    ['| anomalydetection pthresh=high', ['`pthresh` must be a number, found `high`']],
    [
      '| anomalydetection cutoff=nope',
      ['`cutoff` must be a Boolean (`true`/`false`, `t`/`f`), found `nope`'],
    ],
    ['| anomalydetection methd=zscore', ['`anomalydetection` has no option `methd`']],
  ];
  for (const [q, expected] of cases) test(q, () => assert.deepEqual(optionMessages(q), expected));

  test('an unknown option gets the nearest name as a hint', () => {
    const r = parse('| anomalydetection methd=zscore');
    assert.ok(r.ast);
    assert.deepEqual(analyse(r.ast, request).diagnostics[0]?.hints, ['did you mean `method`?']);
  });
});

describe('planner', () => {
  // `apply` compiles against the tenant's saved models (test/mltk.test.ts): without one, the model name is
  // the error's position.
  test('x | apply m', () => {
    const q = 'x | apply m';
    const r = compile(q, { orgId: 'o', ...request });
    assert.ok(!r.ok, q);
    assert.deepEqual(
      r.errors.map((e) => ({ code: e.code, at: q.slice(e.span.start, e.span.end) })),
      [{ code: 'semantic', at: 'm' }],
    );
  });

  test('`from` generates events: first in the search, or a positioned error at its name', () => {
    assert.ok(compile('| from datamodel:Web', { orgId: 'o', ...request }).ok);
    const q = 'x | from datamodel:Web';
    const r = compile(q, { orgId: 'o', ...request });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => [e.code, q.slice(e.span.start, e.span.end)]),
      [['semantic', 'from']],
    );
    assert.match(r.errors[0]?.message ?? '', /generating command: it must come first/);
  });
});
