// macros.conf parsing: stanzas, arity keys, multi-line values, kept settings, errors with line numbers.

import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { MacroRegistry, expandMacros, macroKey, parseMacrosConf } from '@nexus/spl';
import { loadMacrosFile } from '../../src/query/macros.ts';

describe('parseMacrosConf', () => {
  test('stanzas, args and arity keys', () => {
    const { registry, errors } = parseMacrosConf(
      [
        '# a comment',
        '[simple]',
        'definition = index=main',
        '',
        '[pair(2)]',
        'args = a, b',
        'definition = $a$ OR $b$',
        '[pair]',
        'definition = nothing',
      ].join('\n'),
      'test.conf',
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(registry.keys().sort(), ['pair', 'pair(2)', 'simple']);
    assert.equal(registry.get('simple', 0)?.definition, 'index=main');
    assert.deepEqual(registry.get('pair', 2)?.args, ['a', 'b']);
    assert.equal(registry.get('pair', 2)?.line, 5);
    assert.equal(registry.get('pair', 2)?.source, 'test.conf');
    assert.deepEqual(registry.arities('pair'), [0, 2]);
    assert.deepEqual(registry.names().sort(), ['pair', 'simple']);
    assert.equal(registry.has('pair', 1), false);
    assert.equal(macroKey('pair', 2), 'pair(2)');
    assert.equal(macroKey('pair', 0), 'pair');
  });

  test('multi-line values continue after a trailing backslash (CRLF too); # inside is text', () => {
    const text = '[m]\r\ndefinition = index=a \\\r\n| stats count \\\n# not a comment\r\n[n]\ndefinition = x';
    const { registry, errors } = parseMacrosConf(text);
    assert.deepEqual(errors, []);
    assert.equal(registry.get('m', 0)?.definition, 'index=a \n| stats count \n# not a comment');
    assert.equal(registry.get('n', 0)?.definition, 'x');
  });

  test('iseval, validation, errormsg and description are kept', () => {
    const { registry, errors } = parseMacrosConf(
      [
        '[v(2)]',
        'args = foo, bar',
        'definition = "foo = $foo$ and bar = $bar$"',
        'validation = foo > bar',
        'errormsg = foo must be greater than bar',
        'description = demo',
        'iseval = true',
      ].join('\n'),
    );
    assert.deepEqual(errors, []);
    const d = registry.get('v', 2);
    assert.equal(d?.iseval, true);
    assert.equal(d?.validation, 'foo > bar');
    assert.equal(d?.errormsg, 'foo must be greater than bar');
    assert.equal(d?.description, 'demo');
  });

  test('a repeated stanza merges; the later setting wins', () => {
    const { registry } = parseMacrosConf('[m]\ndefinition = a\ndescription = d\n[m]\ndefinition = b');
    assert.equal(registry.get('m', 0)?.definition, 'b');
    assert.equal(registry.get('m', 0)?.description, 'd');
  });

  test('errors carry line numbers and skip the bad stanza', () => {
    const text = [
      '[ok]', // 1
      'definition = fine', // 2
      '[two(2)]', // 3
      'args = a', // 4
      'definition = $a$', // 5
      '[broken', // 6
      'definition = x', // 7
      '[nodef(1)]', // 8
      'args = x', // 9
      'just words', // 10
      '[flag]', // 11
      'definition = y', // 12
      'iseval = maybe', // 13
      '[dup(2)]', // 14
      'args = a, a', // 15
      'definition = $a$', // 16
      '[bad name]', // 17
      'definition = z', // 18
      '[noargs(1)]', // 19
      'definition = z', // 20
    ].join('\n');
    const { registry, errors } = parseMacrosConf(text, 'bad.conf');
    assert.deepEqual(registry.keys(), ['ok']);
    const lines = errors.map((e) => [e.line, e.code]);
    assert.deepEqual(
      lines.sort((a, b) => Number(a[0]) - Number(b[0])),
      [
        [4, 'semantic'], // declares 2, lists 1
        [6, 'syntax'], // malformed header
        [8, 'semantic'], // no definition
        [10, 'syntax'], // not key = value
        [13, 'semantic'], // iseval not a boolean
        [15, 'semantic'], // repeated argument
        [17, 'syntax'], // invalid stanza name
        [19, 'semantic'], // arity 1, no args
      ],
    );
    const arity = errors.find((e) => e.line === 4);
    assert.match(arity?.message ?? '', /declares 2 argument\(s\) but `args` lists 1/);
    assert.deepEqual(arity?.hints, ['rename the stanza `[two(1)]`']);
    assert.equal(arity?.source, 'bad.conf');
    assert.equal(text.slice(arity?.span.start, arity?.span.end), 'args = a');
  });

  test('args on a stanza without arity are ignored, with a warning', () => {
    const { registry, errors } = parseMacrosConf('[m]\nargs = a\ndefinition = $a$');
    assert.deepEqual(registry.get('m', 0)?.args, []);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.line, 2);
    assert.match(errors[0]?.message ?? '', /ignored/);
  });

  test('settings before any stanza and [default] are ignored; empty input is fine', () => {
    const { registry, errors } = parseMacrosConf('definition = x\n[default]\ndefinition = y\n');
    assert.equal(registry.size, 0);
    assert.deepEqual(errors, []);
    assert.equal(parseMacrosConf('').registry.size, 0);
  });

  test('registry: merge and define', () => {
    const a = new MacroRegistry([{ name: 'x', args: [], definition: '1' }]);
    const b = new MacroRegistry().define({ name: 'x', args: [], definition: '2' });
    assert.equal(a.merge(b).get('x', 0)?.definition, '2');
  });
});

describe('macros/escu.conf', () => {
  const path = fileURLToPath(new URL('../../macros/escu.conf', import.meta.url));

  test('loads without errors and expands ESCU idioms', async () => {
    const { registry, errors } = await loadMacrosFile(path);
    assert.deepEqual(errors, []);
    for (const [name, arity] of [
      ['security_content_ctime', 1],
      ['security_content_summariesonly', 0],
      ['drop_dm_object_name', 1],
    ] as const)
      assert.ok(registry.has(name, arity), `${name}(${arity})`);

    const query =
      '| tstats `security_content_summariesonly` count min(_time) as firstTime from datamodel=Endpoint.Processes' +
      ' by Processes.dest | `drop_dm_object_name(Processes)` | `security_content_ctime(firstTime)`' +
      ' `comment("tuning hook, see docs")`';
    const r = expandMacros(query, registry);
    assert.deepEqual(r.errors, []);
    assert.equal(
      r.text,
      '| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count min(_time) as firstTime' +
        ' from datamodel=Endpoint.Processes by Processes.dest | rename Processes.* AS *' +
        ' | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) ',
    );
  });

  test('a missing file rejects', async () => {
    await assert.rejects(loadMacrosFile(path + '.missing'));
  });
});
