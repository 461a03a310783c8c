// `return $f` on real chDB: the subsearch's values become search terms against `_raw`; `search`/`query`
// fields are inserted as search text (`return search=f` is not yet).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
const at = (minutes: number, raw: string, host: string, fields: Record<string, string>, index = 'main') =>
  fixtureEvent(now, minutes, raw, host, fields, { index });

let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    at(1, 'GET / status=500 user=alice', 'web01', { status: '500', user: 'alice' }),
    at(2, 'GET / status=500 user=bob', 'web02', { status: '500', user: 'bob' }),
    at(3, 'GET / status=200 user=bobby', 'web01', { status: '200', user: 'bobby' }),
    at(4, 'Alice logged in from a.c', 'web03', { user: 'alice' }),
    at(5, 'disk full on abc', 'db01', {}),
    at(6, 'login failed for BOB', 'web02', { user: 'bob' }),
    at(7, 'audit user=alice path=a.c', 'web01', { user: 'alice', path: 'a.c' }, 'security'),
    at(8, 'audit user=bob', 'web03', { user: 'bob' }, 'security'),
  ]);
});

after(async () => {
  await fx.close();
});

const hosts = async (query: string): Promise<unknown[]> =>
  (await fx.spl(`${query} | table host`)).rows.map((r) => r[0]);

describe('return $f: the values as terms', () => {
  test('the first row by default; a value matches whole tokens of _raw, case-insensitively', async () => {
    // newest security event first: user=alice
    assert.deepEqual(await hosts('index=main [search index=security | return $user]'), ['web01', 'web03']);
    assert.deepEqual(await hosts('index=main [search index=security user=bob | return $user]'), [
      'web02',
      'web02',
    ]);
  });

  test('return N: the first N rows, OR-ed', async () => {
    assert.deepEqual(await hosts('index=main [search index=security | return 2 $user]'), [
      'web01',
      'web02',
      'web03',
      'web02',
    ]);
  });

  test('regular-expression characters in a value are matched as written', async () => {
    // `a.c` must not match `abc`
    assert.deepEqual(await hosts('index=main [search index=security user=alice | return $path]'), ['web03']);
  });

  test('with other returned fields, a row needs all of them', async () => {
    assert.deepEqual(await hosts('index=main [search index=security | return 2 $user host]'), ['web01']);
  });

  test('a value that is no whole token matches nothing', async () => {
    assert.deepEqual(
      await hosts('index=main [search index=security user=bob | eval user="bo" | return $user]'),
      [],
    );
  });
});

describe('fields named search or query', () => {
  test('their values are inserted as search text (subsearch-search-field.test.ts has more)', async () => {
    // `( ( user=alice ) OR ( user=bob ) )`
    assert.deepEqual(
      await hosts('index=main [search index=security | eval search="user=".user | fields search]'),
      await hosts('index=main (user=alice OR user=bob)'),
    );
    // `( ( "alice" ) OR ( "bob" ) )`: terms of _raw
    assert.deepEqual(
      await hosts('index=main [search index=security | rename user AS query | fields query]'),
      await hosts('index=main ("alice" OR "bob")'),
    );
    // `( ( ( user="alice" ) OR ( user="bob" ) ) AND x="1" )`: no main event has `x`
    assert.deepEqual(await hosts('index=main [search index=security | fields user | format | eval x=1]'), []);
  });

  test('`return search=f` is unsupported: Splunk writes it as `search="…"`', async () => {
    await assert.rejects(
      fx.spl('index=main [search index=security | return search=user]'),
      /`return` of a field named `search` or `query`/,
    );
  });
});
