// `timewrap` on real chDB: a timechart wrapped into periods, each period a series over the latest one's times.
// Search Reference 9.4, timewrap: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/timewrap

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const hour = 3_600_000;
const now = Math.floor(Date.now() / hour) * hour;
let fx: SplFixture;

before(async () => {
  // 2 events 10 minutes ago, 1 event 70 minutes ago, 3 events 130 minutes ago.
  const minutes = [10, 10, 70, 130, 130, 130];
  fx = await splFixture(
    now,
    minutes.map((m, i) => fixtureEvent(now, m, `e${i}`, i % 2 === 0 ? 'h1' : 'h2')),
  );
});

after(async () => {
  await fx.close();
});

/** 2 results on 15 January 2024, 1 on 15 February, 3 on 10 March (10:00 UTC), counted by day. */
const monthly =
  '| makeresults count=6 | streamstats count AS n | eval _time=strptime(case(n<=2, "2024-01-15", n=3, "2024-02-15", true(), "2024-03-10") + " 10:00", "%Y-%m-%d %H:%M") | timechart span=1d count';

const range = { earliest: String((now - 3 * hour) / 1000), latest: String(now / 1000) };

describe('timewrap', () => {
  test('`timechart span=30m count | timewrap 1h`: latest_hour, 1hour_before, 2hours_before', async () => {
    const r = await fx.spl('index=main | timechart span=30m count | timewrap 1h', range);
    assert.deepEqual(r.columns, ['_time', '1hour_before', '2hours_before', 'latest_hour']);
    assert.deepEqual(
      r.rows.map((x) => Number(x[0]) * 1000 - now),
      [-hour, -hour / 2],
    );
    assert.deepEqual(
      r.rows.map((x) => x.slice(1)),
      [
        [0, 0, 0],
        [1, 3, 2],
      ],
    );
  });

  test('series=short and a split-by field: `<series>_s<N>`', async () => {
    const r = await fx.spl('index=main | timechart span=1h count BY host | timewrap 1h series=short', range);
    assert.deepEqual(r.columns, ['_time', 'h1_s0', 'h1_s1', 'h1_s2', 'h2_s0', 'h2_s1', 'h2_s2']);
    assert.deepEqual(
      r.rows.map((x) => x.slice(1)),
      [[1, 1, 1, 1, 0, 2]],
    );
  });

  test('`timewrap 1mon`: calendar months back from the end of the range', async () => {
    // Search Reference, timewrap: the timescale may be `mon`/`month`; the end of the range is 1 April 2024,
    // so March is the latest month, February 1month_before, January 2months_before.
    const months = {
      earliest: String(Date.parse('2024-01-01T00:00:00Z') / 1000),
      latest: String(Date.parse('2024-04-01T00:00:00Z') / 1000),
    };
    const r = await fx.spl(`${monthly} | timewrap 1mon`, months);
    assert.deepEqual(r.columns, ['_time', '1month_before', '2months_before', 'latest_month']);
    const day = (d: string): number => Date.parse(`${d}T00:00:00Z`) / 1000;
    // Every day of March (January's 31st and February's 29th fall on March's).
    assert.deepEqual(
      r.rows.map((x) => Number(x[0])),
      Array.from({ length: 31 }, (_, i) => day('2024-03-01') + i * 86_400),
    );
    const at = (d: string): unknown[] | undefined => r.rows.find((x) => Number(x[0]) === day(d))?.slice(1);
    assert.deepEqual(at('2024-03-15'), [1, 2, 0]);
    assert.deepEqual(at('2024-03-10'), [0, 0, 3]);
    assert.deepEqual(at('2024-03-31'), [null, 0, 0]);
    // A quarter: all three months in one period.
    const q = await fx.spl(`${monthly} | timewrap 1q`, months);
    assert.deepEqual(q.columns, ['_time', 'latest_quarter']);
    assert.equal(q.rows.length, 91);
  });

  test('a period that is not a span is reported at its place', async () => {
    const q = 'index=main | timechart span=1d count | timewrap often';
    await assert.rejects(fx.spl(q, range), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /takes one period/);
      assert.equal(e.errors[0]?.column, q.indexOf('often') + 1);
      return true;
    });
  });
});
