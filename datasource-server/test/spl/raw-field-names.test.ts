// Commands over raw events whose field names only the data knows: `fillnull` without a field list (or
// with wildcards) and `foreach` with wildcards, on real chDB.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 30 * 60_000;
let fx: SplFixture;

/** The events' structured fields, newest first. */
const events: Record<string, string>[] = [
  { user: 'ann', a0: 'rm', a1: '-rf', a2: '/tmp/x', type: 'EXECVE' },
  { action: 'login', a0: 'ls', type: 'EXECVE' },
  { user: 'bob', a10: 'ten', type: 'OTHER' },
];

before(async () => {
  fx = await splFixture(
    now,
    events.map((f, i) =>
      fixtureEvent(now, [5, 20, 40][i] ?? 0, ['x', 'y', 'z'][i] ?? '', i === 1 ? 'web02' : 'web01', f),
    ),
  );
});

after(async () => {
  await fx.close();
});

/** The rows of `query` as objects, without `_time`. */
const rows = async (query: string): Promise<Record<string, unknown>[]> => {
  const r = await fx.spl(query, { earliest: '-2h' });
  return r.rows.map((row) =>
    Object.fromEntries(r.columns.map((c, i) => [c, row[i]]).filter(([c]) => c !== '_time')),
  );
};

// https://docs.splunk.com/Documentation/Splunk/latest/SearchReference/Fillnull
describe('fillnull over raw events without a field list', () => {
  test('fills every field some event has, with 0 by default; a field no event has stays null', async () => {
    assert.deepEqual(await rows('* | fillnull | table host user action nothing'), [
      { host: 'web01', user: 'ann', action: '0', nothing: null },
      { host: 'web02', user: '0', action: 'login', nothing: null },
      { host: 'web01', user: 'bob', action: '0', nothing: null },
    ]);
  });

  test('value= and stats by a filled field keep every event (Search Reference: fillnull before stats)', async () => {
    assert.deepEqual(await rows('* | fillnull value=NULL | stats count by user action | sort user action'), [
      { user: 'NULL', action: 'login', count: 1 },
      { user: 'ann', action: 'NULL', count: 1 },
      { user: 'bob', action: 'NULL', count: 1 },
    ]);
  });

  test('wildcards fill only the fields they match', async () => {
    assert.deepEqual(await rows('* | fillnull value=- a* | table a0 a10 user'), [
      { a0: 'rm', a10: '-', user: 'ann' },
      { a0: 'ls', a10: '-', user: null },
      { a0: '-', a10: 'ten', user: 'bob' },
    ]);
  });

  test('a field an eval made is filled at once', async () => {
    assert.deepEqual(await rows('* | eval u=upper(user) | fillnull value=none | table u'), [
      { u: 'ANN' },
      { u: 'none' },
      { u: 'BOB' },
    ]);
  });
});

// https://docs.splunk.com/Documentation/Splunk/latest/SearchReference/Foreach
describe('foreach with wildcards over raw events', () => {
  test('collects the values of the fields a* in name order (the ESCU auditd idiom)', async () => {
    assert.deepEqual(
      await rows(
        '* | eval relevant=if(type="EXECVE", "", relevant) | foreach a* [eval relevant=if(type="EXECVE", mvappend(relevant, \'<<FIELD>>\'), relevant)] | eval cmd=mvjoin(relevant, " ") | table cmd',
      ),
      [{ cmd: ' rm -rf /tmp/x' }, { cmd: ' ls login' }, { cmd: null }],
    );
  });

  test('a running total over the fields a* (Search Reference example 2, over events; `action` matches too)', async () => {
    const r = await fx.spl(
      '* | eval total=0 | foreach a* [eval total=total + len(<<FIELD>>)] | table total',
      {
        earliest: '-2h',
      },
    );
    assert.deepEqual(r.rows, [[11], [7], [3]]);
  });

  test('what it cannot do yet is a clear unsupported', async () => {
    await assert.rejects(
      fx.spl('* | foreach a* [eval <<FIELD>>=upper(<<FIELD>>)]', { earliest: '-2h' }),
      /cannot assign/,
    );
  });

  // Search Reference, foreach: <<FIELD>> "the whole field name", <<MATCHSTR>> "the part of the field name that
  // matches the wildcard values", <<MATCHSEG1>> "the part … that matches the first wildcard".
  test('names over raw events: <<FIELD>> in a text, <<MATCHSTR>> and <<MATCHSEGn>>, in name order', async () => {
    const names = (re: RegExp) =>
      events.map((f) =>
        Object.keys(f)
          .filter((k) => re.test(k))
          .sort(),
      );
    assert.deepEqual(
      await rows('* | eval n="" | foreach a* [eval n=n . "<<FIELD>>,"] | table n'),
      names(/^a/).map((ns) => ({ n: ns.map((k) => `${k},`).join('') })),
    );
    assert.deepEqual(
      await rows(`* | eval m="" | foreach a* [eval m=m . "<<MATCHSTR>>=" . '<<FIELD>>' . ";"] | table m`),
      events.map((f, i) => ({ m: (names(/^a/)[i] ?? []).map((k) => `${k.slice(1)}=${f[k]};`).join('') })),
    );
    // Two wildcards: a*1* matches a1 ('' and '') and a10 ('' and '0'); <<MATCHSTR>> spans both.
    const two = /^a(.*)1(.*)$/;
    assert.deepEqual(
      await rows(
        '* | eval m="" | foreach a*1* [eval m=m . "<<MATCHSEG1>>|<<MATCHSEG2>>|<<MATCHSTR>>;"] | table m',
      ),
      names(two).map((ns) => ({
        m: ns.map((k) => `${two.exec(k)?.[1]}|${two.exec(k)?.[2]}|${k.slice(1)};`).join(''),
      })),
    );
  });

  test("a wildcard reaching a field this search made and the events' fields: the made one first", async () => {
    assert.deepEqual(
      await rows('* | eval a_made="M", n="" | foreach a* [eval n=n . "<<FIELD>>,"] | table n'),
      events.map((f) => ({
        n: [
          'a_made',
          ...Object.keys(f)
            .filter((k) => k.startsWith('a'))
            .sort(),
        ]
          .map((k) => `${k},`)
          .join(''),
      })),
    );
  });
});
