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

  test('series=exact: each series named by the start of its period in time_format (a `|` in it is kept)', async () => {
    // Search Reference, timewrap: "If series=exact, use the time_format argument to specify a custom format
    // for the series names". Periods end at the range's end: latest starts an hour before it.
    const name = (ms: number): string => {
      const d = new Date(ms);
      const two = (n: number): string => String(n).padStart(2, '0');
      return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}|${d.getUTCFullYear()}`;
    };
    const r = await fx.spl(
      'index=main | timechart span=30m count | timewrap 1h series=exact time_format="%H:%M|%Y"',
      range,
    );
    const starts = [now - 3 * hour, now - 2 * hour, now - hour];
    // Series in text order (as the names sort), each with its counts at :00 and :30.
    assert.deepEqual(r.columns.slice(1), starts.map(name).sort());
    const counts = [
      [0, 3],
      [0, 1],
      [0, 2],
    ];
    for (const [i, start] of starts.entries()) {
      const at = r.columns.indexOf(name(start));
      assert.deepEqual(
        r.rows.map((x) => x[at]),
        counts[i],
        name(start),
      );
    }
    // time_format alone means series=exact; series=exact alone uses %Y-%m-%d %H:%M:%S.
    const alone = await fx.spl('index=main | timechart span=30m count | timewrap 1h time_format="%H"', range);
    assert.deepEqual(
      alone.columns.slice(1),
      starts.map((ms) => String(new Date(ms).getUTCHours()).padStart(2, '0')).sort(),
    );
    const plain = await fx.spl('index=main | timechart span=30m count | timewrap 1h series=exact', range);
    assert.deepEqual(
      plain.columns.slice(1),
      starts.map((ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ')).sort(),
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
