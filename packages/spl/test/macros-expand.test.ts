// Macro expansion: arguments, recursion, cycles, quotes, comments, diagnostics and the source map.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MacroRegistry, expandMacros, parseMacrosConf, splitArgs } from '../src/macros/index.ts';
import type { MacroDefinition } from '../src/macros/index.ts';

const reg = (...defs: [string, string[], string, Partial<MacroDefinition>?][]): MacroRegistry =>
  new MacroRegistry(defs.map(([name, args, definition, more]) => ({ name, args, definition, ...more })));

const expand = (text: string, r: MacroRegistry) => expandMacros(text, r);

describe('expandMacros', () => {
  const r = reg(
    ['web', [], 'index=web sourcetype=access'],
    ['status', ['code'], 'status=$code$'],
    ['range', ['lo', 'hi'], 'bytes>$lo$ bytes<$hi$ "$lo$"'],
    ['ctime', ['field'], 'convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)'],
    ['cash', ['x'], 'eval p="$"."$x$" | eval q=$$x$ | eval r=$y$'],
  );

  test('no backtick: identity', () => {
    const out = expand('index=main | stats count', r);
    assert.equal(out.text, 'index=main | stats count');
    assert.deepEqual(out.errors, []);
    assert.ok(out.map.isIdentity);
  });

  test('a macro without arguments', () => {
    assert.equal(expand('`web` | stats count', r).text, 'index=web sourcetype=access | stats count');
  });

  test('arguments: positional, trimmed, quotes kept, nested commas', () => {
    assert.equal(expand('`status( 404 )`', r).text, 'status=404');
    assert.equal(expand('`status("4, 04")`', r).text, 'status="4, 04"');
    assert.equal(expand('`range(f(1, 2), [a,b])`', r).text, 'bytes>f(1, 2) bytes<[a,b] "f(1, 2)"');
    assert.equal(
      expand('`ctime(firstTime)`', r).text,
      'convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime)',
    );
    assert.deepEqual(splitArgs(' a , "b,c" , g(h, i) ,'), ['a', '"b,c"', 'g(h, i)', '']);
    assert.deepEqual(splitArgs('  '), []);
  });

  test('arguments by name, in any order', () => {
    assert.equal(expand('`range(hi=9, lo=1)`', r).text, 'bytes>1 bytes<9 "1"');
    // not all named over the macro's names: positional
    assert.equal(expand('`status(code=1)`', r).text, 'status=1');
    assert.equal(expand('`status(x=1)`', r).text, 'status=x=1');
  });

  test('$ that is not an argument placeholder stays as written', () => {
    assert.equal(expand('`cash(7)`', r).text, 'eval p="$"."7" | eval q=$7 | eval r=$y$');
  });

  test('name() is the arity-0 macro', () => {
    assert.equal(expand('`web()`', r).text, 'index=web sourcetype=access');
  });

  test('never inside double-quoted strings (escaped quotes honoured)', () => {
    const q = 'search x="audit`web`local" y="a\\"`web`" `web`';
    assert.equal(expand(q, r).text, 'search x="audit`web`local" y="a\\"`web`" index=web sourcetype=access');
  });

  test('never inside ``` comments; comments are kept for stripComments', () => {
    const q = '```uses `web` here``` `web` ```unclosed `web`';
    const out = expand(q, r);
    assert.equal(out.text, '```uses `web` here``` index=web sourcetype=access ```unclosed `web`');
    assert.deepEqual(out.errors, []);
  });

  test('recursive expansion', () => {
    const n = reg(
      ['outer', ['x'], '`inner($x$, 2)` | `leaf`'],
      ['inner', ['a', 'b'], 'a=$a$ b=$b$'],
      ['leaf', [], 'head 1'],
    );
    assert.equal(expand('`outer(1)`', n).text, 'a=1 b=2 | head 1');
  });

  test('a macro calling itself, directly and through others', () => {
    const c = reg(['a', [], 'x `b`'], ['b', [], 'y `a`'], ['self', [], '`self`'], ['top', [], '`a`']);
    const direct = expand('`self`', c);
    assert.equal(direct.errors.length, 1);
    assert.equal(direct.errors[0]?.code, 'macro-cycle');
    assert.equal(direct.errors[0]?.message, 'macro `self` calls itself');

    const q = 'search `a` | head 1';
    const out = expand(q, c);
    assert.equal(out.text, 'search x y `a` | head 1');
    assert.equal(out.errors.length, 1);
    assert.equal(out.errors[0]?.message, 'macro `a` calls itself through `b` → `a`');
    assert.deepEqual(out.errors[0]?.span, { start: 7, end: 10 });

    const via = expand('`top`', c);
    assert.equal(via.errors[0]?.message, 'macro `a` calls itself through `b` → `a`');
    assert.deepEqual(via.errors[0]?.hints, ['expansion chain: `top` → `a` → `b` → `a`']);
  });

  test('depth and length limits', () => {
    const defs: [string, string[], string][] = [];
    for (let i = 0; i < 50; i++) defs.push([`m${i}`, [], `\`m${i + 1}\``]);
    defs.push(['m50', [], 'done']);
    const deep = reg(...defs);
    // the call too deep stays as written inside the expansion
    const tooDeep = expand('`m0`', deep);
    assert.equal(tooDeep.text, '`m32`');
    assert.equal(tooDeep.errors[0]?.code, 'macro-cycle');
    assert.equal(tooDeep.errors[0]?.message, 'macro expansion nested deeper than 32 levels');
    assert.deepEqual(tooDeep.errors[0]?.hints, ['expansion chain: `m0` → `m1` → `m2` → … → `m31` → `m32`']);
    assert.equal(expandMacros('`m0`', deep, { maxDepth: 60 }).text, 'done');

    // 2^30 copies: stopped by the length limit, fast
    const bomb: [string, string[], string][] = [];
    for (let i = 0; i < 30; i++) bomb.push([`b${i}`, [], `\`b${i + 1}\` \`b${i + 1}\``]);
    bomb.push(['b30', [], 'x']);
    const t0 = Date.now();
    const out = expandMacros('`b0` | `web`', reg(...bomb), { maxLength: 10_000 });
    assert.ok(Date.now() - t0 < 1000);
    assert.equal(out.text, '`b0` | `web`');
    assert.match(out.errors[0]?.message ?? '', /exceeds 10000 characters/);
  });

  test('undefined macro: span of the call in the original text, nearest names, text left in place', () => {
    const q = 'index=a | `sttus(500)` | `nosuch`';
    const out = expand(q, r);
    assert.equal(out.text, q);
    assert.equal(out.errors.length, 2);
    const [bad, none] = out.errors;
    assert.equal(bad?.code, 'undefined-macro');
    assert.equal(q.slice(bad?.span.start, bad?.span.end), '`sttus(500)`');
    assert.equal(bad?.message, 'undefined macro `sttus(1)`');
    assert.deepEqual(bad?.hints, ['did you mean `status`?']);
    assert.equal(q.slice(none?.span.start, none?.span.end), '`nosuch`');
  });

  test('wrong arity says which arities exist', () => {
    const out = expand('`status(1, 2)`', r);
    assert.equal(out.errors[0]?.code, 'undefined-macro');
    assert.equal(out.errors[0]?.message, 'macro `status` takes 1 argument, not 2');
    assert.deepEqual(out.errors[0]?.hints, ['defined as `status(code)`']);
    const two = reg(['m', [], 'a'], ['m', ['x', 'y'], 'b']);
    assert.equal(expand('`m(1)`', two).errors[0]?.message, 'macro `m` takes 0 or 2 arguments, not 1');
  });

  test('an undefined macro inside an expansion is reported at the outermost call', () => {
    const n = reg(['outer', [], 'a `missing` b']);
    const q = 'x `outer` y';
    const out = expand(q, n);
    assert.equal(out.text, 'x a `missing` b y');
    assert.equal(out.errors[0]?.message, 'undefined macro `missing` (in the expansion of `outer`)');
    assert.deepEqual(out.errors[0]?.span, { start: 2, end: 9 });
  });

  test('fallback for unknown macros (ESCU filter hooks)', () => {
    const out = expandMacros('x | `detection_filter`', r, {
      fallback: (name) => (name.endsWith('_filter') ? 'search *' : undefined),
    });
    assert.equal(out.text, 'x | search *');
    assert.deepEqual(out.errors, []);
  });

  test('malformed and unclosed calls are syntax errors', () => {
    const m = expand('a `status(1` b', r);
    assert.equal(m.errors[0]?.code, 'syntax');
    assert.match(m.errors[0]?.message ?? '', /malformed macro call/);
    assert.deepEqual(m.errors[0]?.span, { start: 2, end: 12 });
    const u = expand('a | `web', r);
    assert.equal(u.errors[0]?.message, 'unclosed macro call: expected ` to end it');
    assert.deepEqual(u.errors[0]?.span, { start: 4, end: 5 });
    assert.equal(expand('``', r).errors[0]?.code, 'syntax');
  });

  test('iseval: string literals are evaluated, anything else is unsupported', () => {
    const e = reg(
      ['comment', ['text'], '""', { iseval: true }],
      ['lit', ['x'], '"index=" . "$x$"', { iseval: true }],
      ['calc', ['a', 'b'], 'if(b > 0, "$a$ + $b$", "$a$ - $b$")', { iseval: true }],
    );
    assert.equal(expand('a `comment("why, not")` b', e).text, 'a  b');
    assert.equal(expand('`lit(web)`', e).text, 'index=web');
    const out = expand('`calc(1, 2)`', e);
    assert.equal(out.text, '`calc(1, 2)`');
    assert.equal(out.errors[0]?.code, 'unsupported');
    assert.match(out.errors[0]?.message ?? '', /eval-based macro `calc`/);
  });

  test('never throws on odd input', () => {
    const samples = [
      '`',
      '```',
      '"`web`',
      '\\`web`',
      '`(`',
      '`a b`',
      '`$`',
      '`web`'.repeat(1000),
      'é`web`😀',
    ];
    for (const s of samples) {
      const out = expand(s, r);
      assert.equal(typeof out.text, 'string');
      out.map.toOriginal({ start: 0, end: out.text.length });
    }
  });
});

describe('SourceMap', () => {
  const r = reg(['web', [], 'index=web sourcetype=access'], ['nothing', [], ''], ['two', [], '`web` `web`']);

  test('offsets after an expansion map back by the shift', () => {
    const q = '`web` | stats count by host';
    const out = expandMacros(q, r);
    const at = out.text.indexOf('host');
    const back = out.map.toOriginal({ start: at, end: at + 4 });
    assert.equal(q.slice(back.start, back.end), 'host');
    // before the call, 1:1
    const q2 = 'x=1 `web` y=2';
    const o2 = expandMacros(q2, r);
    assert.deepEqual(o2.map.toOriginal({ start: 0, end: 3 }), { start: 0, end: 3 });
    const y = o2.text.indexOf('y=2');
    assert.deepEqual(o2.map.toOriginal({ start: y, end: y + 3 }), { start: 10, end: 13 });
  });

  test('offsets inside an expansion map to the whole outermost call', () => {
    const q = 'a | `two` | b';
    const out = expandMacros(q, r);
    assert.equal(out.text, 'a | index=web sourcetype=access index=web sourcetype=access | b');
    const inner = out.text.lastIndexOf('sourcetype');
    assert.deepEqual(out.map.toOriginal({ start: inner, end: inner + 10 }), { start: 4, end: 9 });
    // a span from before the call into it covers the call
    assert.deepEqual(out.map.toOriginal({ start: 0, end: inner }), { start: 0, end: 9 });
    // empty spans at the call's edges stay at its edges
    const s = out.text.indexOf('index');
    assert.deepEqual(out.map.toOriginal({ start: s, end: s }), { start: 4, end: 4 });
    const e = out.text.indexOf(' | b');
    assert.deepEqual(out.map.toOriginal({ start: e, end: e }), { start: 9, end: 9 });
    // the whole text maps to the whole query
    assert.deepEqual(out.map.toOriginal({ start: 0, end: out.text.length }), { start: 0, end: q.length });
  });

  test('empty expansions, adjacent calls, a call at the end, clamping', () => {
    const q = '`nothing``web`';
    const out = expandMacros(q, r);
    assert.equal(out.text, 'index=web sourcetype=access');
    assert.deepEqual(out.map.toOriginal({ start: 0, end: 5 }), { start: 9, end: 14 });
    assert.deepEqual(out.map.toOriginal({ start: -5, end: 1e9 }), { start: 9, end: 14 });
    assert.equal(out.map.offsetToOriginal(out.text.length), q.length);
    const d = out.map.diagnostic({ code: 'syntax', message: 'm', span: { start: 1, end: 2 }, hints: [] });
    assert.deepEqual(d.span, { start: 9, end: 14 });
  });

  test('round trip: every token of the expanded text outside expansions maps to the same text', () => {
    const { registry } = parseMacrosConf(
      '[w]\ndefinition = index=web\n[f(1)]\nargs = x\ndefinition = fields $x$',
    );
    const q = 'search `w` status=200 | `f(host)` | eval y="`w`" | stats count by host';
    const out = expandMacros(q, registry);
    assert.equal(out.text, 'search index=web status=200 | fields host | eval y="`w`" | stats count by host');
    for (const word of ['search', 'status=200', 'eval', '"`w`"', 'count', 'by host']) {
      const at = out.text.indexOf(word);
      const back = out.map.toOriginal({ start: at, end: at + word.length });
      assert.equal(q.slice(back.start, back.end), word);
    }
    const f = out.text.indexOf('fields');
    const back = out.map.toOriginal({ start: f, end: f + 6 });
    assert.equal(q.slice(back.start, back.end), '`f(host)`');
  });
});
