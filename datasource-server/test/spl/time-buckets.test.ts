// Time buckets in the request's time zone: `span=1h` starts at the local hour, which is a quarter past the
// UTC hour in Asia/Kathmandu (UTC+5:45) and half past in Asia/Kolkata (UTC+5:30); the 1, 5, 10 and
// 15-minute spans print ClickHouse's own functions (toStartOfHour, toStartOfFifteenMinutes, …) and must
// give the buckets toStartOfInterval gave. Search Reference 9.4, timechart (span) and bin:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/timechart
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/bin

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const minute = 60_000;
const hour = 60 * minute;
// A UTC hour boundary: the events are 10, 40 and 70 minutes before it, 3 minutes before the last.
const now = Math.floor(Date.now() / hour) * hour;
const iso = (ms: number): string => new Date(ms).toISOString();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 10, 'a', 'h1'),
    fixtureEvent(now, 40, 'b', 'h1'),
    fixtureEvent(now, 70, 'c', 'h2'),
    fixtureEvent(now, 73, 'd', 'h2'),
  ]);
});

after(async () => {
  await fx.close();
});

/** The non-empty buckets of `query` in `timezone`, as [UTC start, count]. */
async function buckets(query: string, timezone: string): Promise<[string, unknown][]> {
  const r = await fx.spl(`${query} | where count > 0`, { timezone });
  return r.rows.map((x) => [iso(new Date(String(x[0])).getTime()), x[1]]);
}

describe('time buckets in the request time zone', () => {
  test('span=1h: the local hour (UTC, Kathmandu +5:45, Kolkata +5:30)', async () => {
    const q = 'index=main | timechart span=1h count';
    assert.deepEqual(await buckets(q, 'UTC'), [
      [iso(now - 2 * hour), 2],
      [iso(now - hour), 2],
    ]);
    // Kathmandu hours start at :15 UTC: 70 and 73 minutes before fall in the hour from -105 min.
    assert.deepEqual(await buckets(q, 'Asia/Kathmandu'), [
      [iso(now - 105 * minute), 2],
      [iso(now - 45 * minute), 2],
    ]);
    assert.deepEqual(await buckets(q, 'Asia/Kolkata'), [
      [iso(now - 90 * minute), 3],
      [iso(now - 30 * minute), 1],
    ]);
  });

  test('span=15m, 10m, 5m, 1m and bin: quarter and five-minute marks in Kathmandu fall on UTC ones (10m in UTC)', async () => {
    const tz = 'Asia/Kathmandu';
    assert.deepEqual(await buckets('index=main | timechart span=15m count', tz), [
      [iso(now - 75 * minute), 2],
      [iso(now - 45 * minute), 1],
      [iso(now - 15 * minute), 1],
    ]);
    assert.deepEqual(await buckets('index=main | timechart span=10m count', 'UTC'), [
      [iso(now - 80 * minute), 1],
      [iso(now - 70 * minute), 1],
      [iso(now - 40 * minute), 1],
      [iso(now - 10 * minute), 1],
    ]);
    assert.deepEqual(await buckets('index=main | timechart span=5m count', tz), [
      [iso(now - 75 * minute), 1],
      [iso(now - 70 * minute), 1],
      [iso(now - 40 * minute), 1],
      [iso(now - 10 * minute), 1],
    ]);
    assert.deepEqual((await buckets('index=main | timechart span=1m count', tz)).length, 4);
    assert.deepEqual(await buckets('index=main | bin _time span=15m | stats count BY _time', tz), [
      [iso(now - 75 * minute), 2],
      [iso(now - 45 * minute), 1],
      [iso(now - 15 * minute), 1],
    ]);
  });

  test('tstats span=1h: the same local hours as timechart', async () => {
    assert.deepEqual(await buckets('| tstats count WHERE index=main BY _time span=1h', 'Asia/Kathmandu'), [
      [iso(now - 105 * minute), 2],
      [iso(now - 45 * minute), 2],
    ]);
  });
});

// Search Reference, bin, aligntime: "Align the bin times to something other than base UTC time (epoch 0)",
// as `earliest`, `latest` or a time modifier; ignored for spans of days and longer.
describe('bin aligntime', () => {
  /** Each event's bin start (UTC ISO), newest first. */
  const starts = async (
    options: string,
    extra: { earliest?: string; latest?: string } = {},
  ): Promise<string[]> =>
    (await fx.spl(`index=main | bin _time ${options} | table _time`, extra)).rows.map((x) =>
      iso(new Date(String(x[0])).getTime()),
    );

  test('a time modifier: one-hour bins starting at 20 minutes past the hour', async () => {
    // `@h+20m` of `now` (a UTC hour boundary) is now + 20 min; bins start there plus whole hours.
    const start = (ago: number): number => {
      const align = now + 20 * minute;
      return align + Math.floor((now - ago * minute - align) / hour) * hour;
    };
    assert.deepEqual(
      await starts('span=1h aligntime=@h+20m'),
      [10, 40, 70, 73].map((m) => iso(start(m))),
    );
    assert.deepEqual(await starts('span=1h aligntime=@h+20m'), [
      iso(now - 40 * minute),
      iso(now - 40 * minute),
      iso(now - 100 * minute),
      iso(now - 100 * minute),
    ]);
  });

  test('earliest and latest: bins from the search’s earliest or latest time', async () => {
    // The search starts 75 minutes before `now`: 30-minute bins from there.
    assert.deepEqual(await starts('span=30m aligntime=earliest', { earliest: '-75m', latest: 'now' }), [
      iso(now - 15 * minute),
      iso(now - 45 * minute),
      iso(now - 75 * minute),
      iso(now - 75 * minute),
    ]);
    assert.deepEqual(await starts('span=30m aligntime=latest', { earliest: '-2h', latest: '-5m' }), [
      iso(now - 35 * minute),
      iso(now - 65 * minute),
      iso(now - 95 * minute),
      iso(now - 95 * minute),
    ]);
  });

  test('ignored for a span of a day; refused on a number and over all time without a span', async () => {
    assert.deepEqual(await starts('span=1d aligntime=@h+20m'), await starts('span=1d'));
    await assert.rejects(fx.spl('index=main | eval n=1 | bin n span=10 aligntime=latest'), /not a time/);
    await assert.rejects(
      fx.spl('index=main | bin _time aligntime=@h', { earliest: '0', latest: 'now' }),
      /all time/,
    );
  });
});
