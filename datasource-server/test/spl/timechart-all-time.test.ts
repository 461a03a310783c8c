// An all-time search (earliest=0) charts from its first event, as Splunk does — not from 1970, which gave
// 10,000 empty buckets and cut the chart off before the data. Search Reference 9.4, timechart:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/timechart

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

// A fixed hour boundary plus 30 minutes, so the buckets are known.
const hour = 3_600_000;
const now = Math.floor(Date.now() / hour) * hour + 30 * 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 150, 'old', 'h1'), // two and a half hours ago
    fixtureEvent(now, 10, 'new', 'h1'),
    fixtureEvent(now, 20, 'new', 'h2'),
  ]);
});

after(async () => {
  await fx.close();
});

const times = (rows: unknown[][]): string[] => rows.map((r) => iso(new Date(String(r[0])).getTime()));

describe('an all-time timechart', () => {
  test('span=1h: the first bucket is the first event’s hour, empty hours up to now included', async () => {
    const r = await fx.spl('index=main | timechart span=1h count', { earliest: '0', latest: 'now' });
    const first = now - 150 * 60_000 - ((now - 150 * 60_000) % hour);
    assert.deepEqual(times(r.rows), [iso(first), iso(first + hour), iso(first + 2 * hour)]);
    assert.deepEqual(
      r.rows.map((x) => x[1]),
      [1, 0, 2],
    );
  });

  test('with a split-by field: every series from the first event on', async () => {
    const r = await fx.spl('index=main | timechart span=1h count BY host', { earliest: '0', latest: 'now' });
    assert.deepEqual(r.columns, ['_time', 'h1', 'h2']);
    assert.deepEqual(
      r.rows.map((x) => x.slice(1)),
      [
        [1, 0],
        [0, 0],
        [1, 1],
      ],
    );
  });

  test('a bounded range still charts the whole range', async () => {
    const r = await fx.spl('index=main | timechart span=1h count', { earliest: '-4h@h', latest: 'now' });
    assert.equal(r.rows.length, 5);
    assert.deepEqual(
      r.rows.map((x) => x[1]),
      [0, 0, 1, 0, 2],
    );
  });
});

describe('an all-time search with automatic spans', () => {
  // The events' 5-minute buckets (the span the data's 140 minutes in 100 bins choose), every one from the
  // first event's to the last event's: cont=true ("If set to true, the Search application fills in the
  // time gaps"), the step known only when the search runs.
  const fiveMinutes = 300_000;
  const eventTimes = [150, 20, 10].map((m) => now - m * 60_000);
  const buckets: number[] = [];
  for (let t = now - 150 * 60_000; t <= now - 10 * 60_000; t += fiveMinutes) buckets.push(t);
  const inBucket = (t: number, among = eventTimes, span = fiveMinutes): number =>
    among.filter((e) => e >= t && e < t + span).length;

  test('timechart: the span follows the data (2.5 hours in 100 bins: 5 minutes), not 1970 to now', async () => {
    const r = await fx.spl('index=main | timechart count', { earliest: '0', latest: 'now' });
    assert.deepEqual(times(r.rows), buckets.map(iso));
    assert.equal(buckets.length, 29);
    assert.deepEqual(
      r.rows.map((x) => x[1]),
      buckets.map((t) => inBucket(t)),
    );
    // cont=false: only the buckets with events.
    const gaps = await fx.spl('index=main | timechart cont=false count', { earliest: '0', latest: 'now' });
    assert.deepEqual(
      gaps.rows.map((x) => x[1]),
      [1, 1, 1],
    );
  });

  // Search Reference, timechart: per_minute(X) is the bucket's sum of X scaled to one minute. With the
  // span the data chose (5 minutes here) each bucket holding one event with b=10 gives 10 × 60 / 300 = 2.
  // (It failed to compile before: per_minute needs the bucket's length, and this bucket is chosen at run time.)
  test('per_minute with the span the data chose: each bucket sum scaled from 5 minutes', async () => {
    const r = await fx.spl('index=main | eval b=10 | timechart per_minute(b)', {
      earliest: '0',
      latest: 'now',
    });
    // An empty bucket has no sum: empty, as with sum().
    assert.deepEqual(
      r.rows.map((x) => x[1]),
      buckets.map((t) => (inBucket(t) > 0 ? 2 : null)),
    );
    const by = await fx.spl('index=main | eval b=10 | timechart per_minute(b) BY host', {
      earliest: '0',
      latest: 'now',
    });
    // A series without events in a bucket has no sum there: empty, as with sum().
    assert.deepEqual(by.columns, ['_time', 'h1', 'h2']);
    const h1 = [eventTimes[0] ?? 0, eventTimes[2] ?? 0];
    const h2 = [eventTimes[1] ?? 0];
    assert.deepEqual(
      by.rows.map((x) => x.slice(1)),
      buckets.map((t) => [inBucket(t, h1) > 0 ? 2 : null, inBucket(t, h2) > 0 ? 2 : null]),
    );
    assert.deepEqual(times(by.rows), buckets.map(iso));
  });

  test('bin _time bins=3 and chart over _time: buckets from the data’s range', async () => {
    const r = await fx.spl('index=main | bin _time bins=3 | stats count BY _time', {
      earliest: '0',
      latest: 'now',
    });
    // 140 minutes in 3 bins: at least 47 minutes each, so Splunk's 1-hour span.
    assert.deepEqual(
      r.rows.map((x) => x[1]),
      [1, 2],
    );
    // chart fills the empty hour between (cont=true, the step chosen when the search runs); bin does not.
    const c = await fx.spl('index=main | chart count over _time bins=3', { earliest: '0', latest: 'now' });
    const firstHour = now - 150 * 60_000 - ((now - 150 * 60_000) % hour);
    assert.deepEqual(times(c.rows), [firstHour, firstHour + hour, firstHour + 2 * hour].map(iso));
    assert.deepEqual(
      c.rows.map((x) => x[1]),
      [0, 1, 2].map((k) => inBucket(firstHour + k * hour, eventTimes, hour)),
    );
    // With a column split: every series has every hour.
    const by = await fx.spl('index=main | chart count over _time bins=3 by host', {
      earliest: '0',
      latest: 'now',
    });
    assert.deepEqual(by.columns, ['_time', 'h1', 'h2']);
    const hostTimes = { h1: [eventTimes[0] ?? 0, eventTimes[2] ?? 0], h2: [eventTimes[1] ?? 0] };
    assert.deepEqual(
      by.rows,
      [0, 1, 2].map((k) => {
        const t = firstHour + k * hour;
        return [
          new Date(t).toISOString().replace('T', ' ').replace('Z', ''),
          inBucket(t, hostTimes.h1, hour),
          inBucket(t, hostTimes.h2, hour),
        ];
      }),
    );
    const gaps = await fx.spl('index=main | chart cont=f count over _time bins=3', {
      earliest: '0',
      latest: 'now',
    });
    assert.deepEqual(
      gaps.rows.map((x) => x[1]),
      [1, 2],
    );
  });
});
