// Raw events shown after fields extracted at run time (`extract`, `spath`) or renamed by a wildcard, followed by
// a command that acts on every field (`fillnull` or `filldown` without a list, `replace` without `IN` or with
// wildcards in it, `join` merging the subsearch's fields), on real chDB: each event carries every field as it
// is at the end in its `_fields`, and the same names read one by one give the same values.
// Search Reference 9.4:
// fillnull ("If you do not specify a field list, the value is applied to all fields")
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/fillnull ;
// filldown ("If no list of fields is given, the filldown command will be applied to all fields")
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/filldown ;
// replace ("If you do not specify a field, the value is replaced in all non-generated fields"; "To replace
// values on _internal fields, you must specify the field name with the IN <fieldname> clause")
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/replace ;
// join (overwrite: "the fields from the subresults overwrite the fields from the main results")
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/join ;
// extract https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/extract

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

type Fields = Record<string, string>;

/** Events of index `main` (newest first): `key=value` text and stored fields. */
const events: { raw: string; fields: Fields }[] = [
  { raw: 'user=ann code=200', fields: { app: 'web' } },
  { raw: 'user=bob status=ok', fields: { app: 'api', role: 'admin' } },
  { raw: 'nothing here', fields: { role: 'guest' } },
  { raw: 'code=500 user=eve', fields: {} },
];

/** Events of index `side` (newest first), joined to those of `main` by `user`. */
const side: { raw: string; fields: Fields }[] = [
  { raw: 'user=ann team=red', fields: { app: 'side', level: '3' } },
  { raw: 'user=eve team=blue', fields: {} },
  { raw: 'user=ann team=old', fields: { level: '1' } },
];

/** Events of index `json` (newest first): a JSON payload in a stored field. */
const payloads: Fields[] = [
  { payload: '{"user":"ann","n":"1"}' },
  { payload: '{"user":"bob","tag":"x"}', n: 'stored' },
  { payload: 'not json' },
];

before(async () => {
  fx = await splFixture(now, [
    ...events.map((e, i) => fixtureEvent(now, i + 1, e.raw, 'h', e.fields)),
    ...side.map((e, i) => fixtureEvent(now, i + 1, e.raw, 's', e.fields, { index: 'side' })),
    ...payloads.map((f, i) => fixtureEvent(now, i + 1, `j${i}`, 'h', f, { index: 'json' })),
    // A stored `a` and a nested `x.b` (rename x.b AS a); a text without `role` (mv_add keeps the stored one).
    fixtureEvent(
      now,
      1,
      'k=1 k=2',
      'h',
      { a: '1', x: { b: '2' } as unknown as string, role: 'r' },
      { index: 'ren' },
    ),
  ]);
});

after(async () => {
  await fx.close();
});

/** Each event shown: its `_fields`. */
async function shown(query: string): Promise<Record<string, unknown>[]> {
  const r = await fx.spl(query);
  assert.ok(!r.columns.some((c) => c.startsWith('__')), r.columns.join(', '));
  return r.rows.map((row) => row[r.columns.indexOf('_fields')] as Record<string, unknown>);
}

/** `extract`'s fields of these texts, computed here: space-separated `key=value` words, the first of a key. */
function pairs(raw: string): Fields {
  const out: Fields = {};
  for (const word of raw.split(' ')) {
    const at = word.indexOf('=');
    if (at > 0 && !(word.slice(0, at) in out)) out[word.slice(0, at)] = word.slice(at + 1);
  }
  return out;
}

/** Each event's fields after `extract`: its stored fields, the extracted ones replacing those of a name. */
const extracted = (list: readonly { raw: string; fields: Fields }[]): Fields[] =>
  list.map((e) => ({ ...e.fields, ...pairs(e.raw) }));

/** Every name some result has. */
const namesOf = (rows: readonly Fields[]): string[] =>
  [...new Set(rows.flatMap((r) => Object.keys(r)))].sort();

/** fillnull without a list: every name some result has (matching `keep`), `value` where a result lacks it. */
function fillnull(
  rows: readonly Fields[],
  value: string,
  keep: (name: string) => boolean = () => true,
): Fields[] {
  const names = namesOf(rows).filter(keep);
  return rows.map((r) => ({ ...Object.fromEntries(names.map((n) => [n, value])), ...r }));
}

/** filldown without a list: each missing value is the field's last value in an earlier result. */
function filldown(rows: readonly Fields[]): Fields[] {
  const last: Fields = {};
  return rows.map((r) => {
    Object.assign(last, r);
    return { ...last };
  });
}

/** Fields sorted by name (the order chDB's JSON gives them). */
const sorted = (f: Fields): Fields =>
  Object.fromEntries(Object.entries(f).sort(([a], [b]) => a.localeCompare(b)));

describe('extract, then a command over every field, the events shown', () => {
  test('extract | fillnull value=0: every extracted or stored field some event has, 0 where an event lacks it', async () => {
    const expected = fillnull(extracted(events), '0');
    // The fill is not empty: the test can fail.
    assert.deepEqual(expected[2], { app: '0', code: '0', role: 'guest', status: '0', user: '0' });
    assert.deepEqual(await shown('index=main | extract | fillnull value=0'), expected.map(sorted));
    // Read by name, the same values.
    const names = namesOf(expected);
    const r = await fx.spl(`index=main | extract | fillnull value=0 | table ${names.join(' ')}`);
    assert.deepEqual(
      r.rows,
      expected.map((f) => names.map((n) => f[n] ?? null)),
    );
  });

  test('fillnull with wildcards after extract: only the fields they match', async () => {
    const expected = fillnull(extracted(events), 'NA', (n) => n.startsWith('s') || n.startsWith('c'));
    assert.equal(expected[0]?.status, 'NA');
    assert.deepEqual(await shown('index=main | extract | fillnull value=NA s* c*'), expected.map(sorted));
  });

  test('fillnull before extract: the stored fields are filled, then the text sets the extracted ones', async () => {
    const filled = fillnull(
      events.map((e) => e.fields),
      '0',
    );
    const expected = filled.map((f, i) => ({ ...f, ...pairs(events[i]?.raw ?? '') }));
    assert.equal(expected[3]?.role, '0');
    assert.deepEqual(await shown('index=main | fillnull value=0 | extract'), expected.map(sorted));
  });

  test('extract | filldown: every field takes its last value in an earlier result', async () => {
    const expected = filldown(extracted(events));
    assert.deepEqual(expected[2], { app: 'api', code: '200', role: 'guest', status: 'ok', user: 'bob' });
    assert.deepEqual(await shown('index=main | extract | filldown'), expected.map(sorted));
    const r = await fx.spl('index=main | extract | filldown | table user code status');
    assert.deepEqual(
      r.rows,
      expected.map((f) => [f.user ?? null, f.code ?? null, f.status ?? null]),
    );
  });

  test('extract | replace without IN: every field but the internal ones', async () => {
    const swap: Fields = { ann: 'ANN', admin: 'root' };
    const expected = extracted(events).map((f) =>
      Object.fromEntries(Object.entries(f).map(([k, v]) => [k, swap[v] ?? v])),
    );
    assert.equal(expected[1]?.role, 'root');
    assert.deepEqual(
      await shown('index=main | extract | replace ann WITH ANN, admin WITH root'),
      expected.map(sorted),
    );
  });

  test('extract | replace with wildcards in IN: the fields they match, an internal one only by a pattern starting with _', async () => {
    // `*n WITH n*`: a value ending in n moves the n to the front (ann → nan, admin → nadmi).
    const moved = (v: string): string => (v.endsWith('n') ? `n${v.slice(0, -1)}` : v);
    const expected = extracted(events).map((f) =>
      Object.fromEntries(Object.entries(f).map(([k, v]) => [k, /^(u|r)/.test(k) ? moved(v) : v])),
    );
    assert.equal(expected[0]?.user, 'nan');
    assert.equal(expected[1]?.role, 'nadmi');
    const q = 'index=main | extract | replace *n WITH n* IN u*, r*';
    assert.deepEqual(await shown(q), expected.map(sorted));
    // _raw is internal: `*` does not reach it; `_*` does.
    const r = await fx.spl(`${q} | table _raw user`);
    assert.deepEqual(
      r.rows,
      events.map((e, i) => [e.raw, expected[i]?.user ?? null]),
    );
    const here = (v: string): string => (v.endsWith('here') ? `HERE${v.slice(0, -4)}` : v);
    assert.equal(here('nothing here'), 'HEREnothing ');
    for (const [fields, raw] of [
      ['*', (v: string) => v],
      ['_r*', here],
    ] as const) {
      const internal = await fx.spl(`index=main | replace *here WITH HERE* IN ${fields} | table _raw`);
      assert.deepEqual(
        internal.rows,
        events.map((e) => [raw(e.raw)]),
      );
    }
  });

  test('replace with wildcards in IN alone: the stored fields they match, shown and read', async () => {
    const upper = (v: string): string => (v.startsWith('a') ? `A${v.slice(1)}` : v);
    const expected = events.map((e) =>
      Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, /^(r|a)/.test(k) ? upper(v) : v])),
    );
    assert.deepEqual(expected[1], { app: 'Api', role: 'Admin' });
    const q = 'index=main | replace a* WITH A* IN r*, a*';
    assert.deepEqual(await shown(q), expected.map(sorted));
    const r = await fx.spl(`${q} | table role app`);
    assert.deepEqual(
      r.rows,
      expected.map((f) => [f.role ?? null, f.app ?? null]),
    );
  });

  test('several commands in turn: extract | fillnull | replace', async () => {
    const expected = fillnull(extracted(events), '0').map((f) =>
      Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v === '0' ? 'zero' : v])),
    );
    assert.equal(expected[2]?.code, 'zero');
    assert.deepEqual(
      await shown('index=main | extract | fillnull value=0 | replace 0 WITH zero'),
      expected.map(sorted),
    );
  });
});

describe('join merging every field of a subsearch of events with extracted fields', () => {
  /** The first (newest) side event of each user, its fields after extract. */
  const firstSide = (user: string | undefined): Fields | undefined =>
    extracted(side).find((f) => user !== undefined && f.user === user);

  test('extract | join user [search index=side | extract]: the subsearch event’s fields overwrite the event’s', async () => {
    const expected = extracted(events).flatMap((f) => {
      const match = firstSide(f.user);
      return match ? [{ ...f, ...match }] : [];
    });
    // ann and eve match; ann's newest side event (team=red) wins.
    assert.deepEqual(
      expected.map((f) => [f.user, f.team, f.app]),
      [
        ['ann', 'red', 'side'],
        ['eve', 'blue', undefined],
      ],
    );
    assert.deepEqual(
      await shown('index=main | extract | join user [search index=side | extract]'),
      expected.map(sorted),
    );
  });

  test('type=left overwrite=false: every event, its own fields winning', async () => {
    const expected = extracted(events).map((f) => ({ ...(firstSide(f.user) ?? {}), ...f }));
    assert.equal(expected[0]?.app, 'web');
    assert.equal(expected[0]?.team, 'red');
    assert.deepEqual(
      await shown('index=main | extract | join type=left overwrite=false user [search index=side | extract]'),
      expected.map(sorted),
    );
    const r = await fx.spl(
      'index=main | extract | join type=left overwrite=false user [search index=side | extract] | table user team level',
    );
    assert.deepEqual(
      r.rows,
      expected.map((f) => [f.user ?? null, f.team ?? null, f.level ?? null]),
    );
  });
});

describe('a subsearch of events shown with its results', () => {
  test('append [search … | extract | fillnull]: the appended events carry their extracted and filled fields', async () => {
    // Search Reference, append: the subsearch's results are appended to the current results.
    // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/append
    const expected = [events[0]?.fields ?? {}, ...fillnull(extracted(side), '0')];
    assert.deepEqual(expected[2], { app: '0', level: '0', team: 'blue', user: 'eve' });
    assert.deepEqual(
      await shown('index=main | head 1 | append [search index=side | extract | fillnull value=0]'),
      expected.map(sorted),
    );
  });
});

describe('wildcard rename and spath, then a command over every field', () => {
  test('rename a* AS b* | fillnull value=Z: the renamed fields are filled (app → bpp)', async () => {
    const renamed = events.map((e) =>
      Object.fromEntries(
        Object.entries(e.fields).map(([k, v]) => [k.startsWith('a') ? `b${k.slice(1)}` : k, v]),
      ),
    );
    const expected = fillnull(renamed, 'Z');
    assert.deepEqual(expected[3], { bpp: 'Z', role: 'Z' });
    assert.deepEqual(await shown('index=main | rename a* AS b* | fillnull value=Z'), expected.map(sorted));
  });

  test('spath input=payload | fillnull value=0: the JSON keys are filled too', async () => {
    const parsed = payloads.map((f) => {
      let doc: Fields = {};
      try {
        doc = JSON.parse(f.payload ?? '') as Fields;
      } catch {
        // not JSON: nothing extracted
      }
      return { ...f, ...doc };
    });
    const expected = fillnull(parsed, '0');
    assert.deepEqual(Object.keys(expected[2] ?? {}).sort(), ['n', 'payload', 'tag', 'user']);
    assert.deepEqual(
      await shown('index=json | spath input=payload | fillnull value=0'),
      expected.map(sorted),
    );
  });
});

describe('commands reading every field from the events, after an extraction', () => {
  test('extract | fillnull | foreach *: the fold visits every field as it is then, in name order', async () => {
    // Search Reference, foreach: `*` reaches every field (internal ones left out); the known ones first.
    // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/foreach
    const expected = fillnull(extracted(events), '0').map((f) => [
      [
        'h',
        'main',
        '/var/log/app.log',
        'app',
        ...Object.keys(f)
          .sort()
          .map((k) => f[k]),
      ],
    ]);
    assert.equal(expected[2]?.[0]?.length, 9);
    const r = await fx.spl(
      "index=main | extract | fillnull value=0 | foreach * [eval all=mvappend(all, '<<FIELD>>')] | table all",
    );
    assert.deepEqual(r.rows, expected);
  });
});

describe('fields the events shown and the columns agree on', () => {
  test('rename x.b AS a over an event with a stored a: the column holds 2 and the event’s fields no other a', async () => {
    const r = await fx.spl('index=ren | rename x.b AS a');
    const row = r.rows[0] ?? [];
    assert.equal(row[r.columns.indexOf('a')], '2');
    assert.deepEqual(row[r.columns.indexOf('_fields')], { role: 'r' });
  });

  test('extract mv_add=true leaves a field the text does not have as it was', async () => {
    const r = await fx.spl('index=ren | extract mv_add=true | table k role a');
    assert.deepEqual(r.rows, [[['1', '2'], 'r', '1']]);
    assert.deepEqual(await shown('index=ren | extract mv_add=true'), [
      { a: '1', k: ['1', '2'], role: 'r', x: { b: '2' } },
    ]);
  });
});
