// streamstats time_window on real chDB: statistics over the results within a span of time of each one.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compile } from '@nexus/spl';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
/** An event `seconds` before a second before now (the range ends at now, exclusive). */
const at = (seconds: number, v: number, host: string, index = 'main') =>
  fixtureEvent(now, (1 + seconds) / 60, `v=${v}`, host, { v: String(v) }, { index });

/** Index `long`: event times (ms) oldest first, from 9 months back, on bounds a window lands on exactly. */
const nowDate = new Date(now);
const month = (m: number, d: number, h: number, min = 0) =>
  Date.UTC(nowDate.getUTCFullYear(), nowDate.getUTCMonth() - 9 + m, d, h, min);
const times = [
  month(0, 10, 12),
  month(0, 31, 23, 30), // the last day of a 31-day month, or the 1st of the next
  month(1, 9, 12) - 1, // a millisecond before a whole number of days after the first
  month(1, 10, 12),
  month(1, 28, 23, 30),
  month(2, 10, 12),
  month(2, 31, 23, 30),
  month(3, 30, 18),
  month(5, 10, 12),
  // In Kolkata (5:30 east) the 31st of a 31-day month after a 30-day one, at 20:00 UTC, is the 1st of the
  // next: a month back is then the 30th at 20:00 UTC, which takes in the 30th at 21:00 UTC; in UTC it is not.
  ...((m) => [month(m, 30, 21), month(m + 1, 31, 20)])(
    [1, 2, 3, 4, 5, 6].find(
      (m) => month(m, 31, 0) === month(m + 1, 1, 0) && month(m + 1, 31, 0) !== month(m + 2, 1, 0),
    ) ?? 0,
  ),
].sort((a, b) => a - b);
const values = times.map((_, i) => 2 ** i);

let fx: SplFixture;

before(async () => {
  fx = await splFixture(
    now,
    [
      // newest first: A B C E F G, 0 / 30 / 60 / 200 / 301 / 600 seconds back
      at(0, 1, 'web01'),
      at(30, 2, 'web02'),
      at(60, 4, 'web01'),
      at(200, 8, 'web02'),
      at(301, 16, 'web01'),
      at(600, 32, 'web02'),
      // three events at one time, and one five seconds newer
      at(10, 1, 'h', 'ties'),
      at(10, 2, 'h', 'ties'),
      at(10, 4, 'h', 'ties'),
      at(5, 8, 'h', 'ties'),
      ...times.map((t, i) =>
        fixtureEvent(
          now,
          (now - t) / 60_000,
          `v=${values[i]}`,
          'h',
          { v: String(values[i]) },
          { index: 'long' },
        ),
      ),
    ],
    { retentionDays: 400 },
  );
});

after(async () => {
  await fx.close();
});

/** Column `name` of `query`'s rows, in their order. */
const column = async (query: string, name = 'c'): Promise<unknown[]> => {
  const r = await fx.spl(query);
  return r.rows.map((row) => row[r.columns.indexOf(name)]);
};

const opts = { orgId: 'acme', earliestMs: now - 3_600_000, latestMs: now, nowMs: now };

describe('streamstats time_window', () => {
  test('newest first: the results up to the span newer than each one, the bound included', async () => {
    // C is exactly one minute older than A: A is in its window.
    assert.deepEqual(
      await column('index=main | streamstats time_window=1m sum(v) as c'),
      [1, 3, 7, 8, 16, 32],
    );
    assert.deepEqual(await column('index=main | streamstats time_window=1m count as c'), [1, 2, 3, 1, 1, 1]);
  });

  test('oldest first (after sort _time): the results up to the span older', async () => {
    assert.deepEqual(
      await column('index=main | sort _time | streamstats time_window=1m sum(v) as c'),
      [32, 16, 8, 4, 6, 7],
    );
  });

  test('results at the same time count in their order, not all at once', async () => {
    const counts = await column('index=ties | streamstats time_window=1m count as c');
    assert.equal(counts[0], 1);
    assert.deepEqual(counts.slice(1).sort(), [2, 3, 4]);
  });

  test('with window=N both limits apply', async () => {
    // E: only E is within a minute, though the last 3 results are C, B… — the time limit is the smaller.
    assert.deepEqual(
      await column('index=main | streamstats time_window=1m window=3 sum(v) as c'),
      [1, 3, 7, 8, 16, 32],
    );
    // Five minutes hold more: the last 2 results are the smaller limit.
    assert.deepEqual(
      await column('index=main | streamstats time_window=5m window=2 sum(v) as c'),
      [1, 3, 6, 12, 24, 48],
    );
  });

  test('by host: each group its own results within the span', async () => {
    assert.deepEqual(
      await column('index=main | streamstats time_window=5m sum(v) as c by host'),
      [1, 2, 5, 10, 20, 32],
    );
  });

  test('by host with window=N: one window of the last N results (global=true), or per host', async () => {
    assert.deepEqual(
      await column('index=main | streamstats time_window=5m window=2 sum(v) as c by host'),
      [1, 2, 4, 8, 16, 32],
    );
    assert.deepEqual(
      await column('index=main | streamstats time_window=1m window=2 global=false sum(v) as c by host'),
      [1, 2, 5, 8, 16, 32],
    );
  });

  test('current=false: the results before, within the span', async () => {
    assert.deepEqual(await column('index=main | streamstats time_window=1m current=false sum(v) as c'), [
      null,
      1,
      3,
      null,
      null,
      null,
    ]);
  });

  test('other statistics: dc, values, max', async () => {
    const r = await fx.spl(
      'index=main | streamstats time_window=1m dc(host) as d values(host) as vals max(v) as m | table d vals m',
    );
    assert.deepEqual(r.rows, [
      [1, 'web01', 1],
      [2, ['web01', 'web02'], 2],
      [2, ['web01', 'web02'], 4],
      [1, 'web02', 8],
      [1, 'web01', 16],
      [1, 'web02', 32],
    ]);
  });

  test('resets start the window again', async () => {
    assert.deepEqual(
      await column('index=main | streamstats time_window=5m reset_before="(v=8)" sum(v) as c'),
      [1, 3, 7, 8, 24, 48],
    );
  });

  test('a _time made by eval, oldest first', async () => {
    assert.deepEqual(
      await column(
        '| makeresults count=5 | streamstats count as n | eval _time=_time - n*60 | sort _time | streamstats time_window=2m count as c',
      ),
      [1, 2, 3, 3, 3],
    );
  });

  test('results out of time order stop the search', async () => {
    await assert.rejects(
      fx.spl('index=main | sort host v | streamstats time_window=1m count as c'),
      /results must be in time order/,
    );
    // chDB hands the rest of a failed query's output to the next query on the connection: consume it.
    await fx.spl('index=main | stats count').catch(() => undefined);
  });

  test('no _time, and spans it cannot take, are diagnostics', () => {
    const noTime = compile('index=main | stats count by host | streamstats time_window=1m count', opts);
    assert.ok(!noTime.ok);
    assert.equal(noTime.errors[0]?.code, 'semantic');
    assert.match(noTime.errors[0]?.message ?? '', /needs `_time`/);
    const tooLong = compile('index=main | streamstats time_window=800y count', opts);
    assert.ok(!tooLong.ok);
    assert.match(tooLong.errors[0]?.message ?? '', /longer than 60 years/);
  });
});

// Windows longer than 24 days (a ClickHouse RANGE frame's offset is below 2^31 ms) and calendar windows.
// Search Reference, streamstats: "time_window … Specifies the window size for the streamstats calculations,
// based on time" (https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/streamstats).
describe('streamstats time_window over weeks and months', () => {
  const day = 86_400_000;
  const sums = async (query: string, timezone?: string): Promise<unknown[]> => {
    const r = await fx.spl(query, { earliest: '-1y', ...(timezone ? { timezone } : {}) });
    return r.rows.map((row) => row[r.columns.indexOf('c')]);
  };

  /** streamstats sum(v) oldest first: each event and those before it whose time is at or after `start(t)`. */
  const expected = (start: (t: number) => number): number[] =>
    times.map((t, i) =>
      times.slice(0, i + 1).reduce((acc, u, j) => (u >= start(t) ? acc + (values[j] ?? 0) : acc), 0),
    );

  /** The same point of the month `n` months before, in a zone `offsetMs` east of UTC; its end if shorter. */
  const monthsBefore =
    (n: number, offsetMs = 0) =>
    (t: number): number => {
      const local = new Date(t + offsetMs);
      const monthStart = (y: number, m: number) => Date.UTC(y, m, 1) - offsetMs;
      const y = local.getUTCFullYear();
      const m = local.getUTCMonth();
      const into = t - monthStart(y, m);
      return Math.min(monthStart(y, m - n) + into, monthStart(y, m - n + 1));
    };

  test('30d and 31d (longer than 24 days): the bound is exact to the millisecond', async () => {
    for (const days of [30, 31, 45]) {
      assert.deepEqual(
        await sums(`index=long | sort _time | streamstats time_window=${days}d sum(v) as c`),
        expected((t) => t - days * day),
        `${days}d`,
      );
    }
    assert.deepEqual(
      await sums('index=long | sort _time | streamstats time_window=5w sum(v) as c'),
      expected((t) => t - 35 * day),
    );
  });

  test('newest first: the events up to 30 days newer', async () => {
    const newest = expected((t) => t - 30 * day);
    const r = await sums('index=long | streamstats time_window=30d sum(v) as c');
    // Newest first, each event's window holds the newer events: mirror the oldest-first computation.
    const mirrored = times.map((t, i) =>
      times.slice(i).reduce((acc, u, j) => (u <= t + 30 * day ? acc + (values[i + j] ?? 0) : acc), 0),
    );
    assert.deepEqual(r, [...mirrored].reverse());
    assert.notDeepEqual(mirrored, newest);
  });

  test('months, quarters and years: calendar windows in the request time zone', async () => {
    for (const [span, months] of [
      ['1mon', 1],
      ['2mon', 2],
      ['1q', 3],
      ['1y', 12],
    ] as const) {
      assert.deepEqual(
        await sums(`index=long | sort _time | streamstats time_window=${span} sum(v) as c`),
        expected(monthsBefore(months)),
        span,
      );
    }
    // Kolkata is 5:30 east of UTC: the 31st at 20:00Z is already the 1st of the next month there.
    assert.deepEqual(
      await sums('index=long | sort _time | streamstats time_window=1mon sum(v) as c', 'Asia/Kolkata'),
      expected(monthsBefore(1, 5.5 * 3_600_000)),
    );
    assert.notDeepEqual(expected(monthsBefore(1)), expected(monthsBefore(1, 5.5 * 3_600_000)));
  });
});
