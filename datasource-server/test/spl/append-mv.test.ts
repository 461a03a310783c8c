// append/appendpipe where one side has a multivalue field the other lacks (found by the tenant-isolation
// fuzz test: ClickHouse found no common type for a list and NULL, and the search failed with a 500).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let f: SplFixture;

before(async () => {
  f = await splFixture(now, [
    fixtureEvent(now, 1, 'user=alice', 'web01', { user: 'alice' }),
    fixtureEvent(now, 2, 'user=bob', 'web01', { user: 'bob' }),
    fixtureEvent(now, 3, 'user=carol', 'web02', { user: 'carol' }),
  ]);
});

after(async () => {
  await f.close();
});

describe('append of a multivalue field and a side without it', () => {
  test('the side without it has no values there (null)', async () => {
    const r = await f.spl(
      'index=main | stats values(user) AS users by host | append [search index=main | stats count]',
    );
    assert.deepEqual(r.columns, ['host', 'users', 'count']);
    assert.deepEqual(r.rows, [
      ['web01', ['alice', 'bob'], null],
      ['web02', 'carol', null],
      [null, null, 3],
    ]);
  });

  test('appendpipe, and the list on the appended side', async () => {
    const r = await f.spl('index=main | stats count by host | appendpipe [stats values(host) AS hosts]');
    assert.deepEqual(r.rows, [
      ['web01', 2, null],
      ['web02', 1, null],
      [null, null, ['web01', 'web02']],
    ]);
  });
});
