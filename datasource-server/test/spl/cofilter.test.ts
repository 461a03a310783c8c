// `cofilter` on real chDB: how many users (field1) have each pair of items (field2) together.
// Search Reference 9.4, cofilter: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/cofilter
// (`cofilter <field1> <field2>`; the output is a result per pair of items: the first item and its
// popularity, the second item and its popularity, and the popularity of the pair. The page's example
// builds users a, b, c over nine results, `streamstats count`, and an item from the count.)

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'u1 bought x', 'shop', { user: 'u1', item: 'x' }),
    fixtureEvent(now, 2, 'u1 bought y', 'shop', { user: 'u1', item: 'y' }),
    fixtureEvent(now, 3, 'u1 bought y again', 'shop', { user: 'u1', item: 'y' }),
    fixtureEvent(now, 4, 'u2 bought y', 'shop', { user: 'u2', item: 'y' }),
    fixtureEvent(now, 5, 'u2 bought x', 'shop', { user: 'u2', item: 'x' }),
    fixtureEvent(now, 6, 'u2 bought z', 'shop', { user: 'u2', item: 'z' }),
    fixtureEvent(now, 7, 'u3 bought z', 'shop', { user: 'u3', item: 'z' }),
    fixtureEvent(now, 8, 'no user', 'shop', { item: 'x' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('cofilter', () => {
  test('the page’s example: users a, b, c and item = count % 5', async () => {
    // a has the results 1, 4, 7 (items 1, 4, 2), b 2, 5, 8 (2, 0, 3), c 3, 6, 9 (3, 1, 4):
    // item 0 has one user, the others two; pair 1–4 is a's and c's, every other pair one user's.
    const r = await fx.spl(
      '| makeresults | eval user="a b c a b c a b c" | makemv user | mvexpand user | streamstats count | eval item=count % 5 | cofilter user item',
    );
    assert.deepEqual(r.columns, ['Item1', 'Item1_user_count', 'Item2', 'Item2_user_count', 'Pair_count']);
    assert.deepEqual(r.rows, [
      ['0', 1, '2', 2, 1],
      ['0', 1, '3', 2, 1],
      ['1', 2, '2', 2, 1],
      ['1', 2, '3', 2, 1],
      ['1', 2, '4', 2, 2],
      ['2', 2, '3', 2, 1],
      ['2', 2, '4', 2, 1],
      ['3', 2, '4', 2, 1],
    ]);
  });

  test('over events: a user counts once per item; events without the user are left out', async () => {
    const r = await fx.spl('host=shop | cofilter user item');
    // u1 {x, y}, u2 {x, y, z}, u3 {z}: x 2 users, y 2, z 2; x–y both u1 and u2, x–z and y–z u2 only
    assert.deepEqual(r.rows, [
      ['x', 2, 'y', 2, 2],
      ['x', 2, 'z', 2, 1],
      ['y', 2, 'z', 2, 1],
    ]);
  });

  test('it needs exactly two fields: the problem is reported at its place', async () => {
    for (const [q, at, message] of [
      ['host=shop | cofilter user', 'cofilter', /`cofilter` needs two fields/],
      ['host=shop | cofilter user item host', 'host', /`cofilter` takes two fields, found `host`/],
      ['host=shop | cofilter user item limit=3', 'limit', /limit/],
    ] as const) {
      await assert.rejects(fx.spl(q), (e: unknown) => {
        assert.ok(e instanceof QueryInputError);
        assert.match(e.message, message);
        assert.equal(e.errors[0]?.column, q.lastIndexOf(at) + 1);
        return true;
      });
    }
  });
});
