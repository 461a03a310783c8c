// What Splunk's parser accepts must parse: names and option values in every quoting style, functions
// written without parentheses, from the syntax blocks of the Search Reference (9.4).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Command, Pipeline } from '../src/ast.ts';
import { compile } from '../src/compile.ts';
import { format } from '../src/format/index.ts';
import { parse } from '../src/parser/index.ts';

const opts = { orgId: 'acme', earliestMs: 0, latestMs: 1_000_000, nowMs: 1_000_000 };

function parsed(query: string): Pipeline {
  const r = parse(query);
  assert.deepEqual(r.errors, [], query);
  assert.ok(r.ast, query);
  return r.ast;
}

function last(query: string): Command {
  const c = parsed(query).commands.at(-1);
  assert.ok(c, query);
  return c;
}

describe('names in as clauses, by clauses and field lists', () => {
  // Search Reference, stats: `AS <wc-field>`; rename: `<wc-field> AS <wc-field>`; a name with spaces is
  // quoted, with double or single quotes.
  test('single-quoted names are names, without their quotes', () => {
    const s = last("index=main | stats count AS 'x y', avg(bytes) AS \"avg bytes\" BY 'host name'");
    assert.equal(s.kind, 'stats');
    if (s.kind !== 'stats') return;
    assert.deepEqual(
      s.aggregations.map((a) => a.alias?.name),
      ['x y', 'avg bytes'],
    );
    assert.deepEqual(
      s.by.map((b) => b.name),
      ['host name'],
    );
    const r = last('index=main | rename host AS \'h h\', src AS "s s"');
    assert.equal(r.kind, 'rename');
    const t = last("index=main | table 'a b', c:d, e-f, g.h");
    assert.equal(t.kind, 'table');
    if (t.kind === 'table')
      assert.deepEqual(
        t.fields.map((f) => f.pattern),
        ['a b', 'c:d', 'e-f', 'g.h'],
      );
  });

  test('an apostrophe inside a word stays in the word', () => {
    const t = last("index=main | table don't");
    assert.ok(t.kind === 'table' && t.fields[0]?.pattern === "don't");
  });

  test('eval assigns double- and single-quoted names', () => {
    for (const q of ['| makeresults | eval "my field"=1', "| makeresults | eval 'my field'=1"]) {
      const r = compile(`${q} | table "my field"`, opts);
      assert.ok(r.ok, q);
    }
  });
});

describe('option values in every quoting style', () => {
  for (const [query, key, value] of [
    ["index=main | head limit='5'", 'limit', '5'],
    ['index=main | head limit="5"', 'limit', '5'],
    ['index=main | head limit=5', 'limit', '5'],
    ["index=main | timechart span='1h' count", 'span', '1h'],
    ['index=main | timechart span="1h" count', 'span', '1h'],
    ["index=main | top limit='3' host", 'limit', '3'],
    ["index=main | bin span='5m' _time", 'span', '5m'],
    ["index=main | dedup keepempty='true' host", 'keepempty', 'true'],
  ] as const) {
    test(query, () => {
      const c = last(query);
      assert.ok('options' in c);
      const o = c.options.find((x) => x.key.name === key);
      assert.equal(o?.value.text, value);
      assert.ok(compile(query, opts).ok, query);
    });
  }
});

describe('functions without parentheses', () => {
  // Search Reference, stats: `count` / `c` alone; sparkline: `sparkline[(<agg>[, <span>])]`.
  test('stats count, c, and sparkline alone or with an aggregation and a span', () => {
    for (const q of [
      'index=main | stats count',
      'index=main | stats c BY host',
      'index=main | stats sparkline',
      'index=main | stats sparkline, count BY host',
      'index=main | chart sparkline count BY host',
      'index=main | stats sparkline(count, 5m) AS trend BY host',
      'index=main | stats sparkline(avg(bytes), 1h) BY host',
      'index=main | stats sparkline(dc(user)) BY host',
    ]) {
      const p = parsed(q);
      // The formatter writes it back in a form that parses to the same tree.
      const again = parsed(format(p, q));
      assert.equal(format(again, format(p, q)), format(p, q), q);
    }
  });

  test('sparkline is a clear unsupported (a chart drawn in a cell)', () => {
    const r = compile('index=main | stats sparkline(count, 5m) BY host', opts);
    assert.ok(!r.ok && r.errors.some((e) => e.code === 'unsupported' && /sparkline/.test(e.message)));
  });
});

describe('transaction filters (Search Reference, transaction: <filter-string>)', () => {
  for (const q of [
    'index=main | transaction host startswith="login" endswith="logout"',
    'index=main | transaction host startswith=(action=login OR action=signin) endswith=(action=logout)',
    'index=main | transaction host startswith=("action=login") endswith=eval(action=="logout")',
    'index=main | transaction host startswith=login endswith=logout',
  ])
    test(q, () => {
      const t = last(q);
      assert.ok(t.kind === 'transaction' && t.startswith !== undefined && t.endswith !== undefined);
      assert.ok(compile(q, opts).ok, q);
    });
});

describe('search *', () => {
  // Search Reference, search: `*` matches everything; ESCU's `…_filter` macros are `search *`.
  test('keeps every result, also after stats', () => {
    const r = compile('index=main | stats count BY host | search *', opts);
    assert.ok(r.ok);
    const plain = compile('index=main | stats count BY host', opts);
    assert.ok(plain.ok);
    // No term to match: the same parameters as without it.
    assert.deepEqual(r.sql.params, plain.sql.params);
  });
});

describe('a subsearch that starts with a generating command without its |', () => {
  // Splunk runs `[inputlookup users]` as `[| inputlookup users]` (ESCU: `join … [summary model]`).
  test('is the command, not search terms', () => {
    const opts2 = { ...opts, lookups: new Map([['users', ['user']]]) };
    const a = compile('index=main [inputlookup users | fields user]', opts2);
    const b = compile('index=main [| inputlookup users | fields user]', opts2);
    assert.ok(a.ok && b.ok);
    assert.equal(a.sql.sql, b.sql.sql);
    const s = compile('index=main | eval h=1 | join h [summary model] | table h', opts);
    assert.ok(!s.ok && s.errors.some((e) => /`summary`/.test(e.message)));
  });

  test('other first words stay search terms', () => {
    const c = last('index=main [host web01 | fields host]');
    assert.equal(c.kind, 'search');
  });
});
