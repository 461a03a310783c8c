// Template variables in SPL: quoting, multi-values, contexts, and a fuzz test through the real SPL parser.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '@nexus/spl/parser';
import type { Command, EvalExpr, SearchExpr } from '@nexus/spl';
import { interpolateSpl, quoteSpl, splValue } from '../../src/query/interpolate.ts';
import type { Formatter, ReplaceFn } from '../../src/query/interpolate.ts';

/**
 * Grafana's `templateSrv.replace` over a fixed set of variables: the formatter for references without an
 * explicit format, `raw` and `csv` for those with one; unknown variables stay as written.
 */
function grafanaReplace(vars: Record<string, string | string[]>): ReplaceFn {
  const re = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;
  return (target: string, format: Formatter) =>
    target.replace(re, (m, a?: string, b?: string, bf?: string, c?: string, _p?: string, cf?: string) => {
      const name = a ?? b ?? c ?? '';
      const v = vars[name];
      if (v === undefined) return m;
      const fmt = bf ?? cf;
      if (fmt === 'raw' || fmt === 'csv') return Array.isArray(v) ? v.join(',') : v;
      return format(v);
    });
}

test('single values are quoted SPL strings, plain numbers stay bare', () => {
  assert.equal(quoteSpl('a "b" c\\'), '"a \\"b\\" c\\\\"');
  assert.equal(splValue('500'), '500');
  assert.equal(splValue('-1.5'), '-1.5');
  assert.equal(splValue('web01'), '"web01"');
  assert.equal(splValue('1e5'), '"1e5"');
  const r = grafanaReplace({ host: 'web "01"', n: '10' });
  assert.equal(
    interpolateSpl('index=main host=$host | head $n', r),
    'index=main host="web \\"01\\"" | head 10',
  );
});

test('multi-values: field=$var → IN, IN ($var) → list, elsewhere an OR group', () => {
  const r = grafanaReplace({ host: ['a', 'b"c'], code: ['500', '503'], one: ['x'] });
  assert.equal(interpolateSpl('host=$host', r), 'host IN ("a", "b\\"c")');
  assert.equal(interpolateSpl('index=web host = ${host} error', r), 'index=web host IN ("a", "b\\"c") error');
  assert.equal(interpolateSpl('host!=$host', r), 'NOT host IN ("a", "b\\"c")');
  assert.equal(interpolateSpl('| where status IN ($code)', r), '| where status IN (500, 503)');
  assert.equal(interpolateSpl('status IN (404, $code)', r), 'status IN (404, 500, 503)');
  assert.equal(interpolateSpl('error $host', r), 'error ("a" OR "b\\"c")');
  assert.equal(interpolateSpl('host=$one', r), 'host="x"');
});

test('inside strings values are escaped, in comments not replaced, macros and formats left alone', () => {
  const r = grafanaReplace({ v: 'a"b\\', m: ['x', 'y'], evil: '``` | delete' });
  assert.equal(interpolateSpl('| eval s="pre $v post"', r), '| eval s="pre a\\"b\\\\ post"');
  assert.equal(interpolateSpl('| eval s="$m"', r), '| eval s="x,y"');
  assert.equal(interpolateSpl('x ```note $evil``` y', r), 'x ```note $evil``` y');
  assert.equal(
    interpolateSpl('| timechart span=$__interval count | eval f=$__from, t=${__to}, ms=$__interval_ms', r),
    '| timechart span=$__interval count | eval f=$__from, t=${__to}, ms=$__interval_ms',
  );
  assert.equal(interpolateSpl('host=${m:csv} $unknown', r), 'host=x,y $unknown');
  assert.equal(interpolateSpl('a \\$v', r), 'a \\$v');
});

// ------------------------------------------------------------------------------------------------
// Fuzz: hostile values never break out of their literal, checked with nexus-api's own SPL parser.

/** Deterministic PRNG (mulberry32), so a failure can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '"',
  '\\',
  '|',
  ']',
  '[',
  '`',
  '```',
  '\n',
  '\r',
  '\t',
  '$',
  '$__from',
  '${x}',
  "'",
  ' ',
  'a',
  'Z',
  'é',
  '🙂',
  '(',
  ')',
  '=',
  '!=',
  ',',
  '*',
  'OR',
  'NOT',
  'AND',
  '0',
  '7',
  '-',
  '.',
  '\\"',
  '"]',
  '|delete',
  '\u0000',
];

function hostile(next: () => number): string {
  const n = Math.floor(next() * 10);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)] ?? '';
  return s;
}

function firstSearch(c: Command | undefined): SearchExpr {
  assert.ok(c?.kind === 'search' && c.expr, 'a base search');
  return c.expr;
}

/** The right-hand literal of `f=<value>` in eval, as text. */
function evalLiteral(e: EvalExpr): string {
  if (e.kind === 'eval-string') return e.value;
  if (e.kind === 'eval-number') return e.raw;
  if (e.kind === 'eval-unary' && e.op === '-' && e.operand.kind === 'eval-number') return `-${e.operand.raw}`;
  assert.fail(`expected a literal, found ${e.kind}`);
}

test('fuzz: every hostile value parses back as exactly that literal', () => {
  const next = rng(20_260_9);
  for (let round = 0; round < 600; round++) {
    const v = hostile(next);
    const m = [hostile(next), hostile(next), hostile(next)];
    const r = grafanaReplace({ v, m });
    const spl = interpolateSpl(
      'index=main host=$v | where user=$v | eval s="<$v>" | search src IN ($m) | search dst=$m',
      r,
    );
    const { ast, errors } = parse(spl);
    const why = `round ${round}: ${JSON.stringify(v)} ${JSON.stringify(m)} → ${spl}`;
    assert.deepEqual(errors, [], why);
    const [search, where, evalc, inc, eqc] = ast?.commands ?? [];
    assert.equal(ast?.commands.length, 5, why);
    const base = firstSearch(search);
    assert.ok(base.kind === 'search-and', why);
    const host = base.operands[1];
    assert.ok(host?.kind === 'search-compare' && host.field.name === 'host', why);
    assert.equal(host.value.text, v, why);
    assert.ok(where?.kind === 'where' && where.expr.kind === 'eval-binary', why);
    assert.equal(evalLiteral(where.expr.right), v, why);
    assert.ok(evalc?.kind === 'eval', why);
    const s = evalc.assignments[0]?.expr;
    assert.ok(s?.kind === 'eval-string', why);
    assert.equal(s.value, `<${v}>`, why);
    for (const c of [inc, eqc]) {
      const e = firstSearch(c);
      assert.ok(e.kind === 'search-in', why);
      assert.deepEqual(
        e.values.map((x) => x.text),
        m,
        why,
      );
    }
  }
});
