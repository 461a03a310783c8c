// A subsearch returning a `search` or `query` field, through the service on chDB: the subsearch runs first,
// its rows become search text in its place, and the search compiles again. Search Manual, "Change the format
// of subsearch results"
// (https://help.splunk.com/en/splunk-enterprise/search/search-manual/9.2/subsearches/change-the-format-of-subsearch-results):
// "If the name of a field is either search or query, the values of fields are rendered directly in the
// reformatted search string"; Search Reference, format: rows `( … ) OR ( … )`, `NOT( )` when there are none.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { writeLookup } from '../../src/lookups/service.ts';
import { CompilePool } from '../../src/query/compile-pool.ts';
import { QueryInputError, runSpl } from '../../src/query/service.ts';
import { toWritten } from '../../src/query/subsearch-insert.ts';
import { diagnostic } from '@nexus/spl';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

/** acme's proxy events: `<method> <domain> <path> <status>`, newest first. */
const proxy = [
  'GET evil.com /a 200',
  'GET good.org /b 200',
  'GET bad.net /x 403',
  'POST evil.com /up 500',
  'GET fine.io / 200',
  'user bob login failed on fine.io 401',
  'login ok, failed later on good.org 200',
];
const iocs = ['evil.com', 'bad.net'];

before(async () => {
  fx = await splFixture(now, [
    ...proxy.map((raw, i) =>
      fixtureEvent(now, i + 1, raw, 'px1', { status: raw.split(' ').at(-1) ?? '' }, { index: 'proxy' }),
    ),
    // Another tenant's events, and its own lookup below.
    fixtureEvent(now, 2, 'GET good.org /o 200', 'px9', {}, { index: 'proxy', org_id: 'other' }),
    fixtureEvent(now, 3, 'GET evil.com /o 200', 'px9', {}, { index: 'proxy', org_id: 'other' }),
  ]);
  await writeLookup(
    fx.store,
    'acme',
    'iocs',
    ['ioc'],
    iocs.map((i) => [i]),
  );
  await writeLookup(fx.store, 'acme', 'phrases', ['text'], [['login failed']]);
  await writeLookup(fx.store, 'acme', 'broken', ['text'], [['a | delete']]);
  await writeLookup(fx.store, 'other', 'iocs', ['ioc'], [['good.org']]);
});

after(async () => {
  await fx.close();
});

/** The `_raw` of the events `query` finds for `org`, in the search's order. */
async function raws(query: string, org = 'acme'): Promise<unknown[]> {
  const r = await runSpl(fx.store, org, { query: `${query} | table _raw` }, { nowMs: now });
  return r.rows.map((row) => row[0]);
}

/** The whitespace-separated words of an event. */
const words = (raw: string): string[] => raw.split(/\s+/);

describe('a subsearch returning `search`', () => {
  test('each IOC is searched as text: the same events as the terms written by hand', async () => {
    const found = await raws('index=proxy [| inputlookup iocs | rename ioc AS search | fields search]');
    const byHand = await raws('index=proxy ( ( evil.com ) OR ( bad.net ) )');
    // Computed here: the events holding one of the IOCs as a word.
    const expected = proxy.filter((raw) => words(raw).some((w) => iocs.includes(w)));
    assert.deepEqual(found, expected);
    assert.deepEqual(byHand, expected);
  });

  test('several fields: `search` as text, the others as `field="value"`, each row’s parts ANDed', async () => {
    const q = 'index=proxy [| inputlookup iocs | eval search=ioc, status="403" | fields search status]';
    const expected = proxy.filter((raw) => words(raw).includes('bad.net') && raw.endsWith(' 403'));
    assert.deepEqual(await raws(q), expected);
    assert.deepEqual(
      await raws('index=proxy ( ( bad.net AND status="403" ) OR ( evil.com AND status="403" ) )'),
      expected,
    );
  });

  test('no rows: the search matches nothing (Splunk’s `NOT( )`)', async () => {
    const q = 'index=proxy [| inputlookup iocs | where ioc="none" | rename ioc AS search | fields search]';
    assert.deepEqual(await raws(q), []);
    // …so its negation matches every event.
    assert.deepEqual(await raws(`index=proxy NOT ${q.slice('index=proxy '.length)}`), proxy);
  });

  test('`return` and a final `format`: the same text', async () => {
    const q = 'index=proxy [| inputlookup iocs | rename ioc AS search | fields search | format maxresults=1]';
    const first = await runSpl(fx.store, 'acme', { query: '| inputlookup iocs | head 1' }, { nowMs: now });
    const ioc = String(first.rows[0]?.[0]);
    assert.deepEqual(
      await raws(q),
      proxy.filter((raw) => words(raw).includes(ioc)),
    );
  });

  test('nested: the inner subsearch is inserted first, then the outer one', async () => {
    const q =
      'index=proxy [search index=proxy [| inputlookup iocs | rename ioc AS search | fields search] | stats count by status | rename status AS search | fields search]';
    const statuses = new Set(
      proxy.filter((raw) => words(raw).some((w) => iocs.includes(w))).map((raw) => words(raw).at(-1)),
    );
    const expected = proxy.filter((raw) => words(raw).some((w) => statuses.has(w)));
    assert.deepEqual(await raws(q), expected);
  });

  test('many values (one regular expression in the SQL): the same events as each term on its own', async () => {
    const values = [
      'evil.com',
      '"login failed"',
      '/x',
      ...Array.from({ length: 30 }, (_, i) => `nohit${i}.org`),
    ];
    await writeLookup(
      fx.store,
      'acme',
      'many',
      ['v'],
      values.map((v) => [v]),
    );
    const found = await raws('index=proxy [| inputlookup many | rename v AS search | fields search]');
    // Below 16 terms each prints on its own.
    assert.deepEqual(found, await raws('index=proxy ( evil.com OR "login failed" OR /x OR nohit1.org )'));
    const expected = proxy.filter(
      (raw) => words(raw).includes('evil.com') || raw.includes('login failed') || words(raw).includes('/x'),
    );
    assert.deepEqual(found, expected);
  });

  test('compiled on the service’s worker threads: the same rows', async () => {
    const query = 'index=proxy [| inputlookup iocs | rename ioc AS search | fields search] | table _raw';
    const pool = new CompilePool({ workers: 1 });
    await pool.ready();
    try {
      const pooled = await runSpl(fx.store, 'acme', { query }, { nowMs: now, compiler: pool });
      assert.deepEqual(
        pooled.rows.map((r) => r[0]),
        proxy.filter((raw) => words(raw).some((w) => iocs.includes(w))),
      );
    } finally {
      await pool.close();
    }
  });

  test('an `erex` after it learns from the events found, at its place in the query compiled', async () => {
    const q =
      'index=proxy [| inputlookup iocs | rename ioc AS search | fields search] | erex method examples="GET, POST" | table _raw method';
    const r = await runSpl(fx.store, 'acme', { query: q }, { nowMs: now });
    const expected = proxy.filter((raw) => words(raw).some((w) => iocs.includes(w)));
    assert.deepEqual(
      r.rows,
      expected.map((raw) => [raw, words(raw)[0]]),
    );
    assert.equal(r.meta.messages?.length, 1);
  });

  test('tenant isolation: each tenant’s subsearch reads its own lookup and events', async () => {
    const q = 'index=proxy [| inputlookup iocs | rename ioc AS search | fields search]';
    assert.deepEqual(await raws(q, 'other'), ['GET good.org /o 200']);
    assert.ok(!(await raws(q)).some((raw) => String(raw).includes('/o ')));
  });
});

describe('a subsearch returning `query`', () => {
  test('each value is a quoted term: a phrase', async () => {
    const found = await raws('index=proxy [| inputlookup phrases | rename text AS query | fields query]');
    assert.deepEqual(found, await raws('index=proxy ( ( "login failed" ) )'));
    assert.deepEqual(
      found,
      proxy.filter((raw) => raw.includes('login failed')),
    );
  });
});

describe('refusals and positions', () => {
  /** The 400's first diagnostic. */
  async function refusal(query: string): Promise<{ message: string; column: number; end: number }> {
    let out = { message: '', column: 0, end: 0 };
    await assert.rejects(runSpl(fx.store, 'acme', { query }, { nowMs: now }), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      const [d] = e.errors;
      out = { message: d?.message ?? '', column: d?.column ?? 0, end: d?.end ?? 0 };
      return true;
    });
    return out;
  }

  test('a value that is not one search expression: a 400 at the subsearch', async () => {
    const sub = '[| inputlookup broken | rename text AS search | fields search]';
    const d = await refusal(`index=proxy ${sub}`);
    assert.match(d.message, /not one search expression/);
    assert.equal(d.column, 'index=proxy '.length + 1);
    assert.equal(d.end, `index=proxy ${sub}`.length);
  });

  test('a later diagnostic stands where the query as written has it', async () => {
    const q = 'index=proxy [| inputlookup iocs | rename ioc AS search | fields search] | eval x=nosuchfn(1)';
    const d = await refusal(q);
    assert.equal(d.column, q.indexOf('nosuchfn') + 1);
  });
});

describe('toWritten: a span of the query compiled, back in the query as written', () => {
  // `a [x] b [yy] c` → `a ( p ) b [yy] c` → `a ( p ) b ( qqq ) c`
  const insertions = [
    { start: 2, end: 5, length: 5 },
    { start: 10, end: 14, length: 7 },
  ];
  const at = (start: number, end: number) => toWritten(diagnostic('syntax', 'm', { start, end }), insertions);

  test('before, between and after the insertions: shifted back', () => {
    assert.deepEqual(at(0, 1).span, { start: 0, end: 1 });
    assert.deepEqual(at(8, 9).span, { start: 6, end: 7 });
    assert.deepEqual(at(20, 21).span, { start: 15, end: 16 });
    assert.equal(at(20, 21).message, 'm');
  });

  test('within an inserted text: the subsearch, the message says so', () => {
    assert.deepEqual(at(3, 4).span, { start: 2, end: 5 });
    assert.deepEqual(at(12, 14).span, { start: 8, end: 12 });
    assert.match(at(12, 14).message, /^in the search text this subsearch returned: m$/);
  });

  test('a span over the whole query: the whole query as written', () => {
    assert.deepEqual(at(0, 21).span, { start: 0, end: 16 });
  });
});
