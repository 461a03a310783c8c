// `trendline` on real chDB: simple, exponential and weighted moving averages over the results' order.
// Search Reference 9.4, trendline: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/trendline

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  // Newest first: foo = 1, 2, 3, n/a, 4, 5, 6; bar = 10 × foo.
  const values = ['1', '2', '3', 'n/a', '4', '5', '6'];
  fx = await splFixture(
    now,
    values.map((v, i) =>
      fixtureEvent(now, i + 1, `foo=${v}`, 'h1', { foo: v, bar: v === 'n/a' ? v : String(Number(v) * 10) }),
    ),
  );
});

after(async () => {
  await fx.close();
});

const round = (rows: unknown[][]): unknown[][] =>
  rows.map((r) => r.map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)));

describe('trendline', () => {
  test('the Search Reference example: `sma5(foo) AS smoothed_foo ema10(bar)` names its outputs', async () => {
    const r = await fx.spl(
      'host=h1 | trendline sma5(foo) AS smoothed_foo ema10(bar) | table foo smoothed_foo "ema10(bar)"',
    );
    assert.deepEqual(r.columns, ['foo', 'smoothed_foo', 'ema10(bar)']);
    assert.deepEqual(
      r.rows.map((x) => x[1]),
      [null, null, null, null, null, 3, 4],
    );
  });

  test('sma, wma and ema over three values; a result that is not a number is skipped', async () => {
    const r = await fx.spl(
      'host=h1 | trendline sma3(foo) AS s wma3(foo) AS w ema3(foo) AS e | table foo s w e',
    );
    // wma: weights 1, 2, 3 (newest); ema: α = 2/(3+1) = 0.5, from the first value.
    assert.deepEqual(round(r.rows), [
      ['1', null, null, null],
      ['2', null, null, null],
      ['3', 2, 2.333333, 2.25],
      ['n/a', null, null, null],
      ['4', 3, 3.333333, 3.125],
      ['5', 4, 4.333333, 4.0625],
      ['6', 5, 5.333333, 5.03125],
    ]);
  });

  test('the Search Reference example: a weighted moving average of a timechart series', async () => {
    const r = await fx.spl(
      'host=h1 | eval n=tonumber(foo) | stats sum(n) AS total BY _time | trendline wma2(total) AS trend | table total trend',
    );
    // stats orders by _time, oldest first: 6, 5, 4, (none), 3, 2, 1.
    assert.deepEqual(
      round(r.rows).map((x) => x[1]),
      [null, 5.333333, 4.333333, null, 3.333333, 2.333333, 1.333333],
    );
  });

  test('bad trends are reported at their place', async () => {
    for (const [q, at, message] of [
      ['host=h1 | trendline sma1(foo)', 'sma1', /period of a trend is a whole number from 2 to 10000/],
      ['host=h1 | trendline avg5(foo)', 'avg5', /`trendline` takes `<sma\|ema\|wma><period>/],
      ['host=h1 | trendline sma5(foo) AS', 'AS', /expected the name of the new field after `AS`/],
    ] as const) {
      await assert.rejects(fx.spl(q), (e: unknown) => {
        assert.ok(e instanceof QueryInputError);
        assert.match(e.message, message);
        assert.equal(e.errors[0]?.column, q.indexOf(at) + 1);
        return true;
      });
    }
  });
});
