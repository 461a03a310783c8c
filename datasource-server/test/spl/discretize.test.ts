// `discretize` on real chDB: Splunk's other name for `bin` (and `bucket`), compiled exactly as `bin`.
// Search Reference 9.4, bin: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/bin
// (Splunk lists `bucket` and `discretize` as synonyms of `bin`.)

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  const sizes = ['5', '15', '18', '42', '95', 'n/a'];
  fx = await splFixture(
    now,
    sizes.map((size, i) => fixtureEvent(now, i + 1, `size=${size}`, 'www1', { size })),
  );
});

after(async () => {
  await fx.close();
});

describe('discretize', () => {
  test('span=10 puts sizes into buckets of ten, as bin does (text that is not a number stays)', async () => {
    const q = (cmd: string) => `host=www1 | ${cmd} span=10 size AS b | stats count by b`;
    const r = await fx.spl(q('discretize'));
    assert.deepEqual(r.columns, ['b', 'count']);
    assert.deepEqual(r.rows, [
      ['0-10', 1],
      ['10-20', 2],
      ['40-50', 1],
      ['90-100', 1],
      ['n/a', 1],
    ]);
    assert.deepEqual((await fx.spl(q('bin'))).rows, r.rows);
  });

  test('bins=<n> is bin’s option too: a bad value is refused at its place', async () => {
    const q = 'host=www1 | discretize bins=zero size';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /bins/);
      assert.equal(e.errors[0]?.column, q.indexOf('zero') + 1);
      return true;
    });
  });
});
