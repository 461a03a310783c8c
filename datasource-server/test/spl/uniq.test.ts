// `uniq` on real chDB: a result that copies the one just before it is removed.
// Search Reference 9.4, uniq: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/uniq

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  // Newest first: a, a, b, a, (none), (none)
  const users = ['a', 'a', 'b', 'a', undefined, undefined];
  fx = await splFixture(
    now,
    users.map((user, i) => fixtureEvent(now, i + 1, `e${i}`, 'h1', user ? { user } : {})),
  );
});

after(async () => {
  await fx.close();
});

describe('uniq', () => {
  test('the Search Reference example `… | uniq`: consecutive copies go, later repeats stay', async () => {
    const r = await fx.spl('host=h1 | table host user | uniq');
    assert.deepEqual(r.rows, [
      ['h1', 'a'],
      ['h1', 'b'],
      ['h1', 'a'],
      ['h1', null],
    ]);
  });

  test('raw events differ by their text and time: none is removed', async () => {
    const r = await fx.spl('host=h1 | uniq | stats count');
    assert.deepEqual(r.rows, [[6]]);
  });

  test('an argument is reported at its place', async () => {
    const q = 'host=h1 | uniq user';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /`uniq` takes no arguments/);
      assert.equal(e.errors[0]?.column, q.indexOf('user') + 1);
      return true;
    });
  });
});
