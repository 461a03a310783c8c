// `gauge` on real chDB: one result, the value in `x` and the range in `y1` … `yN`.
// Search Reference 9.4, gauge: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/gauge

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'a', 'h1', { low: '10' }),
    fixtureEvent(now, 2, 'b', 'h1'),
    fixtureEvent(now, 3, 'c', 'h1'),
  ]);
});

after(async () => {
  await fx.close();
});

describe('gauge', () => {
  test('the Search Reference example: `stats count as myCount | gauge myCount 5000 8000 12000 15000`', async () => {
    const r = await fx.spl('host=h1 | stats count as myCount | gauge myCount 5000 8000 12000 15000');
    assert.deepEqual(r.columns, ['x', 'y1', 'y2', 'y3', 'y4']);
    assert.deepEqual(r.rows, [[3, 5000, 8000, 12000, 15000]]);
  });

  test('the default range is 0 to 100; a range value may be a field (its first value)', async () => {
    const r1 = await fx.spl('host=h1 | stats count | gauge count');
    assert.deepEqual(r1.rows, [[3, 0, 100]]);
    const r2 = await fx.spl('host=h1 | eval n=len(_raw) | gauge n low 20');
    assert.deepEqual(r2.rows, [[1, 10, 20]]);
  });

  test('a single range value is reported at its place', async () => {
    const q = 'host=h1 | stats count | gauge count 50';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /two or more range values/);
      assert.equal(e.errors[0]?.column, q.indexOf('50') + 1);
      return true;
    });
  });
});
