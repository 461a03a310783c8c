// The SPL language modules of the editor: tokens, Monarch tables, completion context and items, quoting,
// marker ranges, probe caching.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCatalog } from '../../src/language/catalog.ts';
import type { SplCatalog } from '../../src/language/catalog.ts';
import { itemsFor, rank } from '../../src/language/completions.ts';
import type { CompletionSources } from '../../src/language/completions.ts';
import { completionContext, currentSegment, indexOfQuery } from '../../src/language/context.ts';
import { Latest, diagnosticsOf, markerRange } from '../../src/language/markers.ts';
import type { OffsetModel } from '../../src/language/markers.ts';
import { lexiconOf } from '../../src/language/monaco.ts';
import { TOKEN_CLASS, splMonarch } from '../../src/language/monarch.ts';
import { ProbeCache, probeKey } from '../../src/language/probes.ts';
import { insideQuotes, splValue } from '../../src/language/quote.ts';
import { tokenize } from '../../src/language/tokens.ts';

/** A catalogue shaped as nexus-api's `GET catalog` answers (its own tests check the real one). */
const catalog: SplCatalog = parseCatalog({
  commands: [
    {
      name: 'search',
      syntax: 'search <terms>',
      doc: 'Keeps matching events.',
      example: 'x',
      generating: false,
      options: [],
    },
    {
      name: 'stats',
      syntax: 'stats <aggregation>… [BY <field>…]',
      doc: 'Aggregates.',
      example: '',
      generating: false,
      options: [{ name: 'allnum', type: 'bool' }],
    },
    {
      name: 'timechart',
      syntax: 'timechart [span=<time>] <aggregation>…',
      doc: 'Over time.',
      example: 'index=main | timechart span=1h count',
      generating: false,
      options: [
        { name: 'span', type: 'span' },
        { name: 'useother', type: 'bool' },
      ],
    },
    {
      name: 'eval',
      syntax: 'eval <field>=<expression>',
      doc: 'Computes.',
      example: '',
      generating: false,
      options: [],
    },
    { name: 'where', syntax: 'where <expr>', doc: '', example: '', generating: false, options: [] },
    {
      name: 'join',
      syntax: 'join',
      doc: '',
      example: '',
      generating: false,
      options: [{ name: 'type', type: 'enum', values: ['inner', 'outer', 'left'] }],
    },
    { name: 'makeresults', syntax: '| makeresults', doc: '', example: '', generating: true, options: [] },
    { name: 'broken' },
    'not an object',
  ],
  evalFunctions: [
    { name: 'round', signature: 'round(X, [digits])', doc: 'Rounds.', minArgs: 1, maxArgs: 2 },
    { name: 'coalesce', signature: 'coalesce(X, …)', doc: '', minArgs: 1, maxArgs: 64 },
    { name: 'if', signature: 'if(c, a, b)', doc: '', minArgs: 3, maxArgs: 3 },
  ],
  statsFunctions: [
    { name: 'count', signature: 'count([X])', doc: '', minArgs: 0, maxArgs: 1 },
    { name: 'avg', signature: 'avg(X)', doc: '', minArgs: 1, maxArgs: 1 },
    { name: 'dc', signature: 'dc(X)', doc: '', minArgs: 1, maxArgs: 1 },
  ],
});
const lexicon = lexiconOf(catalog);

describe('tokens', () => {
  test('a representative query: command, function, field, string, operator, pipe, subsearch, macro, comment', () => {
    const q =
      'index=web status>=500 NOT host="db 1" `my_macro` ```why``` | eval ms=round(dur*1000, 2) ' +
      '| stats count, avg(ms) BY host | search [search index=audit | fields host]';
    const kinds = tokenize(q, lexicon).map((t) => `${t.kind}:${t.text}`);
    assert.deepEqual(kinds, [
      'field:index',
      'operator:=',
      'word:web',
      'field:status',
      'operator:>=',
      'number:500',
      'keyword:NOT',
      'field:host',
      'operator:=',
      'string:"db 1"',
      'macro:`my_macro`',
      'comment:```why```',
      'pipe:|',
      'command:eval',
      'field:ms',
      'operator:=',
      'function:round',
      'paren:(',
      'word:dur',
      'operator:*',
      'number:1000',
      'comma:,',
      'number:2',
      'paren:)',
      'pipe:|',
      'command:stats',
      'function:count',
      'comma:,',
      'function:avg',
      'paren:(',
      'word:ms',
      'paren:)',
      'keyword:BY',
      'field:host',
      'pipe:|',
      'command:search',
      'subsearch:[',
      'command:search',
      'field:index',
      'operator:=',
      'word:audit',
      'pipe:|',
      'command:fields',
      'word:host',
      'subsearch:]',
    ]);
  });

  test('spans point into the text; a word at the start is a command only if it names one', () => {
    const toks = tokenize('error | head 5', lexicon);
    for (const t of toks) assert.equal('error | head 5'.slice(t.start, t.end), t.text);
    assert.equal(toks[0]?.kind, 'word');
    assert.equal(tokenize('search error', lexicon)[0]?.kind, 'command');
    // An escaped quote stays inside the string; an unterminated one runs to the end.
    assert.deepEqual(
      tokenize('x="a\\"b" y="open', lexicon)
        .filter((t) => t.kind === 'string')
        .map((t) => t.text),
      ['"a\\"b"', '"open'],
    );
  });

  test('Monarch rules are built from the same tables: the catalogue names, one token class per kind', () => {
    const m = splMonarch(lexicon) as unknown as Record<string, unknown>;
    assert.deepEqual(m['commands'], [...lexicon.commands]);
    assert.ok((m['functions'] as string[]).includes('round'));
    assert.ok((m['functions'] as string[]).includes('dc'));
    assert.deepEqual(m['booleans'], ['AND', 'OR', 'NOT', 'XOR']);
    const tokenizer = m['tokenizer'] as Record<string, unknown[]>;
    for (const state of ['queryStart', 'command', 'root', 'subsearchStart', 'subsearch', 'comment'])
      assert.ok(Array.isArray(tokenizer[state]) && tokenizer[state].length > 0, state);
    // Every rule's regex compiles and every action names a class of TOKEN_CLASS (or whitespace/rematch).
    const classes = new Set([...Object.values(TOKEN_CLASS), 'white', '@rematch']);
    const seen = new Set<string>();
    const visit = (a: unknown): void => {
      if (typeof a === 'string') seen.add(a);
      else if (Array.isArray(a)) a.forEach(visit);
      else if (a && typeof a === 'object') {
        const o = a as Record<string, unknown>;
        if (typeof o['token'] === 'string') seen.add(o['token']);
        if (o['cases']) Object.values(o['cases'] as object).forEach(visit);
      }
    };
    for (const rules of Object.values(tokenizer))
      for (const rule of rules as unknown[][]) {
        assert.ok(rule[0] instanceof RegExp);
        visit(rule[1]);
      }
    for (const s of seen) assert.ok(classes.has(s), s);
  });
});

describe('completion context', () => {
  const optionsOf = (c: string): string[] =>
    catalog.commands.find((x) => x.name === c)?.options.map((o) => o.name) ?? [];
  const ctx = (before: string) => completionContext(before, optionsOf);

  test('after a pipe: command names', () => {
    assert.deepEqual(ctx('index=main | '), { kind: 'command', prefix: '' });
    assert.deepEqual(ctx('index=main | ti'), { kind: 'command', prefix: 'ti' });
    assert.deepEqual(ctx('index=main\n| st'), { kind: 'command', prefix: 'st' });
    assert.deepEqual(ctx('index=main [search x | he'), { kind: 'command', prefix: 'he' });
  });

  test('a pipe inside a string or comment does not start a command', () => {
    assert.deepEqual(ctx('x="a | b'), { kind: 'value', field: 'x', prefix: 'a | b', quoted: true });
    assert.deepEqual(ctx('x ```a | '), { kind: 'none' });
    assert.equal(currentSegment('a [b | c] | d').text, ' d');
    assert.equal(currentSegment('a [b | c').text, ' c');
  });

  test('index= and field= in a search: indexes and values', () => {
    assert.deepEqual(ctx('index='), { kind: 'index', prefix: '', quoted: false });
    assert.deepEqual(ctx('index=ma'), { kind: 'index', prefix: 'ma', quoted: false });
    assert.deepEqual(ctx('index="ma'), { kind: 'index', prefix: 'ma', quoted: true });
    assert.deepEqual(ctx('index=main host='), { kind: 'value', field: 'host', prefix: '', quoted: false });
    assert.deepEqual(ctx('index=main host!=we'), {
      kind: 'value',
      field: 'host',
      prefix: 'we',
      quoted: false,
    });
    assert.deepEqual(ctx('index=main ho'), { kind: 'search', prefix: 'ho' });
  });

  test('options and their values; functions in eval and after stats; fields after BY and inside calls', () => {
    assert.deepEqual(ctx('x | timechart span='), {
      kind: 'option-value',
      command: 'timechart',
      option: 'span',
      prefix: '',
    });
    assert.deepEqual(ctx('x | timechart '), { kind: 'stats', command: 'timechart', prefix: '' });
    assert.deepEqual(ctx('x | stats count, a'), { kind: 'stats', command: 'stats', prefix: 'a' });
    assert.deepEqual(ctx('x | stats avg('), { kind: 'field', command: 'stats', prefix: '' });
    assert.deepEqual(ctx('x | stats count BY ho'), { kind: 'field', command: 'stats', prefix: 'ho' });
    assert.deepEqual(ctx('x | stats count by host, '), { kind: 'field', command: 'stats', prefix: '' });
    assert.deepEqual(ctx('x | eval y=ro'), { kind: 'eval', command: 'eval', prefix: 'ro' });
    assert.deepEqual(ctx('x | where a > 1 AND '), { kind: 'eval', command: 'where', prefix: '' });
    assert.deepEqual(ctx('x | join type='), {
      kind: 'option-value',
      command: 'join',
      option: 'type',
      prefix: '',
    });
    assert.deepEqual(ctx('x | table _t'), { kind: 'args', command: 'table', prefix: '_t' });
  });

  test('the index of a query: its first index= term, quoted or not', () => {
    assert.equal(indexOfQuery('index=web status=500'), 'web');
    assert.equal(indexOfQuery('status=500 index="my \\"idx"'), 'my "idx');
    assert.equal(indexOfQuery('status=500 myindex=web'), undefined);
    assert.equal(indexOfQuery('error'), undefined);
  });
});

describe('completion items', () => {
  const asked: string[] = [];
  const sources: CompletionSources = {
    catalog,
    indexes: () => Promise.resolve(['main', 'audit', 'web logs']),
    fields: () => Promise.resolve(['host', 'status', '_time']),
    values: (f) => {
      asked.push(f);
      return Promise.resolve([
        { value: 'web01', count: 3 },
        { value: 'say "hi"', count: 1 },
        { value: 'OR', count: 1 },
      ]);
    },
  };

  test('commands carry their syntax, doc and options', async () => {
    const items = rank(await itemsFor({ kind: 'command', prefix: 'ti' }, sources), 'ti');
    assert.deepEqual(
      items.map((i) => i.label),
      ['timechart'],
    );
    assert.equal(items[0]?.detail, 'timechart [span=<time>] <aggregation>…');
    assert.match(items[0]?.documentation ?? '', /Options: span= useother=/);
    assert.equal(items[0]?.insertText, 'timechart ');
  });

  test('stats functions with signatures and snippets; the command options; BY', async () => {
    const items = await itemsFor({ kind: 'stats', command: 'timechart', prefix: '' }, sources);
    const avg = items.find((i) => i.label === 'avg');
    assert.deepEqual([avg?.detail, avg?.insertText, avg?.snippet], ['avg(X)', 'avg($1)', true]);
    assert.equal(items.find((i) => i.label === 'count')?.insertText, 'count');
    assert.ok(items.some((i) => i.label === 'span=' && i.kind === 'option'));
    assert.ok(items.some((i) => i.label === 'BY'));
    assert.ok(!items.some((i) => i.label === 'round'), 'no eval functions after timechart');
  });

  test('eval: eval functions and fields; option values: enum and bool', async () => {
    const labels = (await itemsFor({ kind: 'eval', command: 'eval', prefix: '' }, sources)).map(
      (i) => i.label,
    );
    for (const l of ['round', 'coalesce', 'if', 'host']) assert.ok(labels.includes(l), l);
    assert.ok(!labels.includes('dc'));
    const types = await itemsFor(
      { kind: 'option-value', command: 'join', option: 'type', prefix: '' },
      sources,
    );
    assert.deepEqual(
      types.map((i) => i.label),
      ['inner', 'outer', 'left'],
    );
    const bools = await itemsFor(
      { kind: 'option-value', command: 'timechart', option: 'useother', prefix: '' },
      sources,
    );
    assert.deepEqual(
      bools.map((i) => i.label),
      ['true', 'false'],
    );
  });

  test('values are quoted for SPL; inside an open quote they are escaped and closed', async () => {
    const bare = await itemsFor({ kind: 'value', field: 'host', prefix: '', quoted: false }, sources);
    assert.deepEqual(
      bare.map((i) => i.insertText),
      ['web01', '"say \\"hi\\""', '"OR"'],
    );
    assert.equal(bare[0]?.detail, '3 events');
    const open = await itemsFor({ kind: 'value', field: 'host', prefix: 'sa', quoted: true }, sources);
    assert.equal(open[1]?.insertText, 'say \\"hi\\""');
    assert.deepEqual(asked, ['host', 'host']);
    const idx = await itemsFor({ kind: 'index', prefix: '', quoted: false }, sources);
    assert.deepEqual(
      idx.map((i) => i.insertText),
      ['main', 'audit', '"web logs"'],
    );
  });

  test('search terms: fields as `field=`; a failing probe leaves the keywords', async () => {
    const items = await itemsFor({ kind: 'search', prefix: '' }, sources);
    assert.equal(items.find((i) => i.label === 'host')?.insertText, 'host=');
    const failing: CompletionSources = { ...sources, fields: () => Promise.reject(new Error('down')) };
    const labels = (await itemsFor({ kind: 'search', prefix: '' }, failing)).map((i) => i.label);
    assert.deepEqual(labels, ['AND', 'OR', 'NOT', 'XOR']);
  });

  test('ranking: prefix matches first, then substring matches, by rank then name; others dropped', async () => {
    const items = await itemsFor({ kind: 'eval', command: 'eval', prefix: 'o' }, sources);
    assert.deepEqual(
      rank(items, 'o').map((i) => i.label),
      ['OR', 'coalesce', 'round', 'host', 'NOT', 'XOR'],
    );
    assert.deepEqual(
      rank(items, 'RO').map((i) => i.label),
      ['round'],
    );
  });
});

describe('quoting', () => {
  test('bare when SPL reads the value back unchanged, else quoted with escapes', () => {
    assert.equal(splValue('web-01.example.com'), 'web-01.example.com');
    assert.equal(splValue('10.0.0.1:8080'), '10.0.0.1:8080');
    assert.equal(splValue(42), '42');
    assert.equal(splValue('two words'), '"two words"');
    assert.equal(splValue('a|b'), '"a|b"');
    assert.equal(splValue('x*'), '"x*"');
    assert.equal(splValue('not'), '"not"');
    assert.equal(splValue('-x'), '"-x"');
    assert.equal(splValue('C:\\tmp "q"'), '"C:\\\\tmp \\"q\\""');
    assert.equal(splValue(''), '""');
    assert.equal(splValue(null), '""');
    assert.equal(insideQuotes('a\\b"c'), 'a\\\\b\\"c"');
  });
});

describe('markers', () => {
  /** A model over text with Monaco's 1-based line/column positions. */
  const model = (text: string): OffsetModel => ({
    getValueLength: () => text.length,
    getPositionAt: (offset) => {
      const before = text.slice(0, Math.min(Math.max(offset, 0), text.length));
      const lines = before.split('\n');
      return { lineNumber: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
    },
  });

  test('offsets map to the exact line and column, across lines; hints join the message', () => {
    const text = 'index=main\n| stats cnt(x) by host';
    const r = markerRange(
      { message: 'unknown function `cnt`', start: 19, end: 22, hints: ['did you mean `count`?'] },
      model(text),
    );
    assert.deepEqual(r, {
      startLineNumber: 2,
      startColumn: 9,
      endLineNumber: 2,
      endColumn: 12,
      message: 'unknown function `cnt`\ndid you mean `count`?',
    });
    assert.equal(text.slice(19, 22), 'cnt');
  });

  test('an empty span at the end covers the last character; without offsets line/column are used', () => {
    const text = 'x | stats count by';
    const r = markerRange({ message: 'expected a field', start: text.length, end: text.length }, model(text));
    assert.deepEqual([r.startColumn, r.endColumn], [text.length, text.length + 1]);
    const mid = markerRange({ message: 'm', start: 2, end: 2 }, model(text));
    assert.deepEqual([mid.startColumn, mid.endColumn], [3, 4]);
    const lc = markerRange({ message: 'm', line: 1, column: 5 }, model(text));
    assert.deepEqual([lc.startLineNumber, lc.startColumn, lc.endColumn], [1, 5, 6]);
    // Offsets beyond the text (a stale answer) are clamped, never thrown on.
    const far = markerRange({ message: 'm', start: 500, end: 900 }, model(text));
    assert.equal(far.endColumn, text.length + 1);
  });

  test('diagnostics are read from validate answers, malformed entries dropped', () => {
    assert.deepEqual(
      diagnosticsOf({
        valid: false,
        errors: [
          { message: 'a', line: 1, column: 2, start: 1, end: 3, hints: ['h', 3], code: 'syntax' },
          { nope: 1 },
        ],
      }),
      [{ message: 'a', hints: ['h'], code: 'syntax', line: 1, column: 2, start: 1, end: 3 }],
    );
    assert.deepEqual(diagnosticsOf({ valid: true, errors: [] }), []);
    assert.deepEqual(diagnosticsOf('x'), []);
  });

  test('only the newest validation may publish', () => {
    const l = new Latest();
    const first = l.next();
    const second = l.next();
    assert.equal(l.isCurrent(first), false);
    assert.equal(l.isCurrent(second), true);
  });
});

describe('probe cache', () => {
  test('one request per (probe, index, range bucket); failures are retried', async () => {
    const cache = new ProbeCache();
    let calls = 0;
    const load = () => {
      calls++;
      return Promise.resolve(['host']);
    };
    const t = 1_700_000_000_000;
    await Promise.all([
      cache.get(probeKey(['fields', 'main'], t - 3_600_000, t), load),
      cache.get(probeKey(['fields', 'main'], t - 3_600_000, t), load),
    ]);
    await cache.get(probeKey(['fields', 'main'], t - 3_600_000 + 10, t + 10), load);
    assert.equal(calls, 1, 'same bucket');
    await cache.get(probeKey(['fields', 'audit'], t - 3_600_000, t), load);
    await cache.get(probeKey(['fields', 'main'], t - 7_200_000, t), load);
    assert.equal(calls, 3, 'another index, another range');
    let fail = true;
    const flaky = () => (fail ? Promise.reject(new Error('down')) : Promise.resolve(['x']));
    await assert.rejects(cache.get('k', flaky));
    await new Promise((r) => setImmediate(r));
    fail = false;
    assert.deepEqual(await cache.get('k', flaky), ['x']);
  });

  test('the oldest entries go first past the cap', async () => {
    const cache = new ProbeCache(2);
    for (const k of ['a', 'b', 'c']) await cache.get(k, () => Promise.resolve(k));
    assert.equal(cache.size, 2);
    let reloaded = false;
    await cache.get('a', () => {
      reloaded = true;
      return Promise.resolve('a');
    });
    assert.equal(reloaded, true);
  });
});
