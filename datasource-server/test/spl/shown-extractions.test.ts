// Raw events shown after commands that extract fields whose names only the data knows (`extract`/`kv`,
// `spath` without a path, `xmlkv`) or rename fields by a wildcard, on real chDB: each event carries every
// field as it is at the end in its `_fields`, as the same names read one by one give them.
// Search Reference 9.4: extract ("Extracts field-value pairs from the search results")
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/extract ;
// spath ("If you do not specify a path, … all of the fields in the first 5000 characters are extracted")
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/spath ;
// xmlkv https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/xmlkv ;
// rename with wildcards https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/rename

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

/** The events (newest first): their text and stored fields. */
const events: { raw: string; fields: Record<string, string> }[] = [
  { raw: 'user=ann action="log in" code=200, user=zed', fields: { app: 'web' } },
  { raw: 'user=bob;status=ok src.ip=10.0.0.1', fields: { user: 'stored', app: 'api' } },
  { raw: 'no pairs here', fields: { app: 'db' } },
  { raw: 'a|b=2|c:3', fields: {} },
];

/** Events of the index `json` (newest first): a JSON payload in a stored field. */
const payloads: { raw: string; fields: Record<string, string> }[] = [
  { raw: 'j1', fields: { app: 'web', payload: '{"user":"ann","detail":{"code":"7","tags":["a","b"]}}' } },
  { raw: 'j2', fields: { app: 'api', detail: { x: '1' } as unknown as string, payload: '{"user":"bob"}' } },
  { raw: 'j3', fields: { app: 'db', payload: 'not json' } },
];

/** Events of the index `xml` (newest first). */
const xmls = [
  '<r><user>ann</user><code a="1">200</code><empty></empty></r>',
  '<r><user>bob</user><user>eve</user></r>',
  'plain',
];

before(async () => {
  fx = await splFixture(now, [
    ...events.map((e, i) => fixtureEvent(now, i + 1, e.raw, 'h', e.fields)),
    ...payloads.map((e, i) => fixtureEvent(now, i + 1, e.raw, 'h', e.fields, { index: 'json' })),
    ...xmls.map((raw, i) => fixtureEvent(now, i + 1, raw, 'h', { app: 'x' }, { index: 'xml' })),
  ]);
});

after(async () => {
  await fx.close();
});

/** Each event shown: its `_fields`. */
const shown = async (query: string): Promise<Record<string, unknown>[]> => {
  const r = await fx.spl(query);
  assert.ok(!r.columns.some((c) => c.startsWith('__')), r.columns.join(', '));
  return r.rows.map((row) => row[r.columns.indexOf('_fields')] as Record<string, unknown>);
};

/**
 * `extract`'s pairs computed here: after the start or a pair delimiter, a key, a key/value delimiter, a quoted
 * value (without its quotes) or the text up to the next pair delimiter; the first pair of a key wins; keys
 * cleaned (another character than a letter or digit becomes `_`).
 */
function pairsOf(text: string, pairdelim: string, kvdelim: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pair = (k: number): boolean => k < text.length && pairdelim.includes(text.charAt(k));
  const kv = (k: number): boolean => k < text.length && kvdelim.includes(text.charAt(k));
  let i = 0;
  while (i < text.length) {
    if ((i === 0 || pair(i - 1)) && !pair(i)) {
      let j = i;
      while (j < text.length && !pair(j) && !kv(j) && text[j] !== '"') j++;
      if (j > i && kv(j)) {
        const key = text.slice(i, j).replace(/[^A-Za-z0-9]/g, '_');
        let k = j + 1;
        let value: string;
        const close = text[k] === '"' ? text.indexOf('"', k + 1) : -1;
        if (close > 0) {
          value = text.slice(k + 1, close);
          k = close + 1;
        } else {
          while (k < text.length && !pair(k) && text[k] !== '"') k++;
          value = text.slice(j + 1, k);
        }
        if (!(key in out)) out[key] = value;
        i = k;
        continue;
      }
    }
    i++;
  }
  return out;
}

describe('events shown after extract', () => {
  test('extract: every pair of the text in each event, over its stored fields', async () => {
    const expected = events.map((e) => ({ ...e.fields, ...pairsOf(e.raw, ' \t\r\n,;', '=') }));
    // The computed pairs are not empty: the test can fail.
    assert.deepEqual(expected[0], { app: 'web', user: 'ann', action: 'log in', code: '200' });
    assert.deepEqual(await shown('index=main | extract'), expected);
    assert.deepEqual(await shown('index=main | kv'), expected);
  });

  test('extract pairdelim= kvdelim=', async () => {
    const expected = events.map((e) => ({ ...e.fields, ...pairsOf(e.raw, '|', ':=') }));
    assert.deepEqual(expected[3], { b: '2', c: '3' });
    assert.deepEqual(await shown('index=main | extract pairdelim="|" kvdelim=":="'), expected);
  });

  test('extract | fields - code | head 2: a removed field is not shown; the other commands keep the fields', async () => {
    const expected = events.slice(0, 2).map((e) => {
      const { code: _code, ...rest } = { ...e.fields, ...pairsOf(e.raw, ' \t\r\n,;', '=') };
      return rest;
    });
    assert.equal(expected[0]?.action, 'log in');
    assert.deepEqual(await shown('index=main | extract | fields - code | head 2'), expected);
  });

  test('the fields shown are those read by name', async () => {
    const q = 'index=main | extract';
    const fields = await shown(q);
    const names = [...new Set(fields.flatMap((f) => Object.keys(f)))].sort();
    const r = await fx.spl(`${q} | table ${names.join(' ')}`);
    assert.deepEqual(
      r.rows,
      fields.map((f) => names.map((n) => f[n] ?? null)),
    );
  });
});

/**
 * Every field `spath` without a path gives from the JSON text, computed here: nested keys joined with `.`,
 * `{}` after an array's name, each name's values in order (one value as itself).
 */
function spathFieldsOf(text: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return {};
  }
  const out: Record<string, string[]> = {};
  const walk = (v: unknown, name: string): void => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, `${name}{}`));
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, name === '' ? k : `${name}.${k}`);
    else if (name !== '') (out[name] ??= []).push(String(v));
  };
  walk(doc, '');
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

/** Fields by dotted name from the nested objects the stored JSON gives (`{detail: {x}}` → `detail.x`). */
function flat(fields: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).flatMap(([k, v]) =>
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? Object.entries(flat(v as Record<string, unknown>, `${prefix}${k}.`))
        : [[`${prefix}${k}`, v]],
    ),
  );
}

describe('events shown after spath without a path, xmlkv and wildcard renames', () => {
  test('spath input=payload: every field of the JSON, over the stored fields', async () => {
    const expected = payloads.map((e) => ({ ...flat(e.fields), ...spathFieldsOf(e.fields.payload ?? '') }));
    assert.deepEqual(expected[0], {
      app: 'web',
      payload: payloads[0]?.fields.payload,
      user: 'ann',
      'detail.code': '7',
      'detail.tags{}': ['a', 'b'],
    });
    // The events' JSON nests a dotted name, as it stores one: compared by dotted name.
    assert.deepEqual(
      (await shown('index=json | spath input=payload')).map((f) => flat(f)),
      expected,
    );
  });

  test('spath | rename detail.* AS d_*: the renamed fields, and a name taken replaced', async () => {
    const renamed = (f: Record<string, unknown>): Record<string, unknown> =>
      Object.fromEntries(Object.entries(f).map(([k, v]) => [k.replace(/^detail\.(.*)$/, 'd_$1'), v]));
    const expected = payloads.map((e) =>
      renamed({ ...flat(e.fields), ...spathFieldsOf(e.fields.payload ?? '') }),
    );
    // The stored `detail.x` is renamed too.
    assert.equal(expected[1]?.d_x, '1');
    const q = 'index=json | spath input=payload | rename detail.* AS d_*';
    assert.deepEqual(
      (await shown(q)).map((f) => flat(f)),
      expected,
    );
  });

  test('rename ap* AS z* alone: the stored fields renamed, the others kept', async () => {
    const expected = payloads.map((e) =>
      Object.fromEntries(Object.entries(flat(e.fields)).map(([k, v]) => [k.replace(/^ap(.*)$/, 'z$1'), v])),
    );
    assert.equal(expected[0]?.zp, 'web');
    assert.deepEqual(
      (await shown('index=json | rename ap* AS z*')).map((f) => flat(f)),
      expected,
    );
  });

  test('xmlkv: each element holding text, its first text', async () => {
    const expected = [{ app: 'x', user: 'ann', code: '200' }, { app: 'x', user: 'bob' }, { app: 'x' }];
    // The same computed from the text: every element with only text, the first of a name.
    const computed = xmls.map((raw) => {
      const out: Record<string, string> = { app: 'x' };
      for (const m of raw.matchAll(/<([A-Za-z_][\w.-]*)(?:\s[^>]*)?>([^<]+)<\/\1\s*>/g))
        if (m[1] !== undefined && m[2] !== undefined) out[m[1]] ??= m[2];
      return out;
    });
    assert.deepEqual(computed, expected);
    assert.deepEqual(await shown('index=xml | xmlkv'), expected);
  });
});
