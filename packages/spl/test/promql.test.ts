// The PromQL backend: printed text, parse(print(x)) = x with hostile names and values, RE2-safe wildcards,
// and tenant injection (the query text never changes the tenant or the query's shape).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Matcher, PromExpr } from '../src/backends/promql/ast.ts';
import { aggregate, binary, call, matrix, num, vector } from '../src/backends/promql/ast.ts';
import { toPromQL } from '../src/backends/promql/lower.ts';
import { parsePromQL } from '../src/backends/promql/parse.ts';
import { printPromQL, quoteString, wildcardRegex } from '../src/backends/promql/print.ts';
import { compile } from '../src/compile.ts';
import type { Diagnostic } from '../src/diagnostics.ts';

const hostile = [
  'plain',
  'a"b',
  'back\\slash',
  'new\nline',
  'tab\tcr\r',
  '"} or vector(1)',
  '"} or vector(1) or {a="',
  '\\"}',
  'ünïcødé 🚀 日本',
  '\u0000\u0001\u001f\u007f',
  '',
  '.*',
  '(?i)x|y',
];

const m = (name: string, op: Matcher['op'], value: string): Matcher => ({ name, op, value });

describe('PromQL printer', () => {
  const sel = vector([m('__name__', '=', 'cpu.usage'), m('org_id', '=', 'acme')], 1);
  const cases: [PromExpr, string][] = [
    [vector([m('__name__', '=', 'up')]), 'up'],
    [vector([m('__name__', '=', 'node:cpu'), m('job', '!=', 'x')]), 'node:cpu{job!="x"}'],
    [sel, '{__name__="cpu.usage", org_id="acme"} offset 1ms'],
    [matrix(sel, 60_000), '{__name__="cpu.usage", org_id="acme"}[1m] offset 1ms'],
    [matrix(vector([m('a', '=~', 'x.*')]), 90_000), '{a=~"x.*"}[90s]'],
    [matrix(vector([m('a', '!~', 'x')]), 86_400_000), '{a!~"x"}[1d]'],
    [matrix(vector([m('a', '=', 'x')]), 1_500), '{a="x"}[1500ms]'],
    [
      aggregate('sum', ['host', 'dc'], call('sum_over_time', matrix(sel, 3_600_000))),
      'sum by (host, dc) (sum_over_time({__name__="cpu.usage", org_id="acme"}[1h] offset 1ms))',
    ],
    [aggregate('max', [], vector([m('a', '=', 'b')])), 'max ({a="b"})'],
    [binary('/', num(1), binary('-', num(2), num(-3))), '1 / (2 - -3)'],
    [call('sqrt', binary('^', num(2), num(0.5))), 'sqrt(2 ^ 0.5)'],
    [vector([m('a', '=', 'q"\\\n')]), '{a="q\\"\\\\\\n"}'],
  ];
  for (const [tree, text] of cases) {
    test(text, () => {
      assert.equal(printPromQL(tree), text);
      assert.deepEqual(parsePromQL(text), tree);
    });
  }

  test('a string is one token whatever it holds', () => {
    for (const v of hostile) {
      const text = quoteString(v);
      assert.ok(text.startsWith('"') && text.endsWith('"'));
      // No unescaped quote inside, no raw newline.
      assert.doesNotMatch(text.slice(1, -1), /(^|[^\\])(\\\\)*"/);
      assert.doesNotMatch(text, /\n/);
    }
  });
});

describe('parse(print(x)) = x', () => {
  test('hostile label values, metric names and label names', () => {
    for (const v of hostile) {
      for (const name of ['cpu.usage', 'up', v]) {
        const tree = aggregate(
          'sum',
          ['host'],
          call(
            'count_over_time',
            matrix(
              vector(
                [m('__name__', '=', name), m('org_id', '=', 'acme'), m('host', '=~', v), m('dc', '!=', v)],
                1,
              ),
              60_000,
            ),
          ),
        );
        assert.deepEqual(parsePromQL(printPromQL(tree)), tree, JSON.stringify(v));
      }
    }
  });

  test('random trees', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)] as T;
    const str = (): string =>
      Array.from({ length: rand(6) }, () =>
        pick(['a', '"', '\\', '\n', '}', '{', ',', '=', '~', 'é', '🚀', ' ', '\u0001', '*']),
      ).join('');
    const gen = (depth: number): PromExpr => {
      const leaf = depth <= 0;
      switch (leaf ? rand(2) : rand(5)) {
        case 0:
          return num(pick([0, 1, 2.5, -4, 1e21, Infinity, -Infinity]));
        case 1: {
          const v = vector(
            [
              m('__name__', '=', pick(['up', 'a.b', str()])),
              m('l', pick(['=', '!=', '=~', '!~'] as const), str()),
            ],
            rand(2) === 0 ? undefined : 1 + rand(5000),
          );
          return rand(2) === 0 ? v : matrix(v, 1 + rand(100_000));
        }
        case 2:
          return call(pick(['sqrt', 'sum_over_time']), gen(depth - 1));
        case 3:
          return aggregate(
            pick(['sum', 'min', 'max', 'count', 'avg'] as const),
            pick([[], ['a'], ['a', 'b']]),
            gen(depth - 1),
          );
        default:
          return binary(pick(['+', '-', '*', '/', '^'] as const), gen(depth - 1), gen(depth - 1));
      }
    };
    for (let i = 0; i < 500; i++) {
      const tree = gen(4);
      const text = printPromQL(tree);
      assert.deepEqual(parsePromQL(text), tree, text);
      assert.equal(printPromQL(parsePromQL(text)), text);
    }
  });
});

describe('wildcards as RE2', () => {
  // PromQL anchors regex matchers: the whole value must match.
  const matches = (pattern: string, value: string): boolean =>
    new RegExp(`^(?:${wildcardRegex(pattern)})$`, 'u').test(value);
  test('metacharacters are literal, * is any run', () => {
    for (const p of ['a.b', 'a+b', '(x)', '[a]', 'a|b', '^$', '{1}', 'q?', 'back\\slash']) {
      assert.ok(matches(p, p), p);
      assert.ok(!matches(p, `${p}x`), p);
    }
    assert.ok(!matches('a.b', 'axb'));
    assert.ok(!matches('a|b', 'a'));
    assert.ok(matches('web*', 'web-01.example'));
    assert.ok(matches('*.example', 'a.example'));
    assert.ok(!matches('*.example', 'aexample'));
  });
});

describe('tenant injection', () => {
  const now = Date.UTC(2024, 0, 10, 12);
  const options = { orgId: 'acme', earliestMs: now - 3_600_000, latestMs: now, nowMs: now };
  const lowered = (q: string): { text: string[]; errors: Diagnostic[] } => {
    const r = compile(q, options);
    if (!r.ok) return { text: [], errors: [...r.errors] };
    const errors: Diagnostic[] = [];
    const metrics = r.plan.metrics;
    assert.ok(metrics);
    const p = toPromQL(metrics, errors);
    return { text: p ? p.queries.map((x) => printPromQL(x.expr(60_000))) : [], errors };
  };

  test('WHERE org_id= and BY org_id are semantic errors, never filters', () => {
    for (const q of [
      '| mstats avg(cpu) WHERE org_id=globex',
      '| mstats avg(cpu) WHERE index=m OR org_id=globex',
      '| mstats avg(cpu) WHERE NOT org_id=acme',
      '| mstats avg(cpu) WHERE org_id IN (globex, acme)',
      '| mstats avg(cpu) WHERE index=m BY org_id',
      '| mstats avg(cpu) WHERE __name__=x',
    ]) {
      const r = compile(q, options);
      assert.ok(!r.ok, q);
      assert.ok(
        r.errors.some((e) => e.code === 'semantic' && /org_id|__name__/.test(e.message)),
        q,
      );
    }
  });

  test('hostile values stay inside one label matcher: the query keeps its shape', () => {
    const shape = (t: string): string => t.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    const base = lowered('| mstats avg(cpu) WHERE host=x BY dc span=1m');
    for (const v of hostile.filter((h) => h !== '' && !h.includes('\u0000'))) {
      const quoted = `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
      const r = lowered(`| mstats avg(cpu) WHERE host=${quoted} BY dc span=1m`);
      assert.deepEqual(r.errors, [], v);
      assert.equal(r.text.length, 1);
      assert.equal(shape(r.text[0] ?? ''), shape(base.text[0] ?? ''), v);
      const tree = parsePromQL(r.text[0] ?? '');
      assert.equal(printPromQL(tree), r.text[0]);
      // The value arrives whole, as one regex matcher.
      assert.ok((r.text[0] ?? '').includes(`host=~${quoteString(`(?i)${wildcardRegex(v)}`)}`), v);
      // The tenant matcher is the one from the identity, exactly once per selector.
      assert.equal((r.text[0] ?? '').split('org_id="acme"').length - 1, 2);
      assert.doesNotMatch(r.text[0] ?? '', /org_id="(?!acme")/);
    }
  });

  test("a token's allowed indexes are a literal regex matcher next to the tenant", () => {
    const r = compile('| mstats sum(cpu) WHERE index=*', { ...options, indexes: ['a.b', 'c*'] });
    assert.ok(r.ok && r.plan.metrics);
    const p = toPromQL(r.plan.metrics, []);
    assert.equal(
      p && printPromQL(p.queries[0]?.expr(60_000) ?? num(0)),
      'sum (sum_over_time(cpu{org_id="acme", index=~"(?:a\\\\.b)|(?:c\\\\*)", index=~"(?i).+"}[1m] offset 1ms))',
    );
  });

  test('an OR across fields is refused on PromQL (not widened)', () => {
    const r = lowered('| mstats avg(cpu) WHERE host=a OR dc=b');
    assert.equal(r.text.length, 0);
    assert.ok(r.errors.some((e) => e.code === 'unsupported' && /OR/.test(e.message)));
  });
});
