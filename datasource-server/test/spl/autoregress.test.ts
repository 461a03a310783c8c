// `autoregress` on real chDB: the values a field had in earlier results, copied into each result.
// Search Reference 9.4, autoregress: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/autoregress

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'count=5', 'h1', { count: '5' }),
    fixtureEvent(now, 2, 'count=4', 'h1', { count: '4' }),
    fixtureEvent(now, 3, 'no count', 'h1'),
    fixtureEvent(now, 4, 'count=2', 'h1', { count: '2' }),
    fixtureEvent(now, 5, 'count=1', 'h1', { count: '1' }),
  ]);
});

after(async () => {
  await fx.close();
});

async function rejectedAt(q: string, message: RegExp, at: string): Promise<void> {
  await assert.rejects(fx.spl(q), (e: unknown) => {
    assert.ok(e instanceof QueryInputError);
    assert.match(e.message, message);
    assert.equal(e.errors[0]?.column, q.indexOf(at) + 1);
    return true;
  });
}

describe('autoregress', () => {
  test('p=2-4: fields count_p2, count_p3, count_p4; the first results lack the prior values', async () => {
    const r = await fx.spl('host=h1 | autoregress count p=2-4 | table count count_p2 count_p3 count_p4');
    assert.deepEqual(r.columns, ['count', 'count_p2', 'count_p3', 'count_p4']);
    assert.deepEqual(r.rows, [
      ['5', null, null, null],
      ['4', null, null, null],
      [null, '5', null, null],
      ['2', '4', '5', null],
      ['1', null, '4', '5'],
    ]);
  });

  test('the Search Reference example: the moving average of the event size and the three before it', async () => {
    const r = await fx.spl(
      'host=h1 | eval rawlen=len(_raw) | autoregress rawlen p=1-3 | eval moving_average=(rawlen + rawlen_p1 + rawlen_p2 + rawlen_p3) / 4 | table rawlen moving_average',
    );
    // 'count=5', 'count=4', 'no count', 'count=2', 'count=1': lengths 7 7 8 7 7.
    assert.deepEqual(r.rows, [
      [7, null],
      [7, null],
      [8, null],
      [7, 7.25],
      [7, 7.25],
    ]);
  });

  test('AS newfield with a single p (default p=1)', async () => {
    const r = await fx.spl('host=h1 | autoregress count AS prev | table count prev');
    assert.deepEqual(
      r.rows.map((x) => x[1]),
      [null, '5', '4', null, '2'],
    );
  });

  test('bad options are reported at their place', async () => {
    await rejectedAt('host=h1 | autoregress count AS x p=2-4', /needs a single `p`/, 'x p');
    await rejectedAt('host=h1 | autoregress count p=3-1', /`p` must be a whole number ≥ 1 or a range/, '3-1');
  });
});
