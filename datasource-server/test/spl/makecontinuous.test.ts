// `makecontinuous` on real chDB: the empty buckets between the values of an x-axis field are added.
// Search Reference 9.4, makecontinuous: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/makecontinuous

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const hour = 3_600_000;
const now = Math.floor(Date.now() / hour) * hour + 55 * 60_000;
let fx: SplFixture;

before(async () => {
  // Events at :50, :20 and :00 of this hour (10-minute gaps at :10, :30, :40), sizes 3, 27, 41.
  fx = await splFixture(
    now,
    [
      fixtureEvent(now, 5, 'a', 'h1', { size: '3' }),
      fixtureEvent(now, 35, 'b', 'h1', { size: '27' }),
      fixtureEvent(now, 55, 'c', 'h1', { size: '41' }),
      // Months (January and March 2021, June 2023) and days (5 and 15 March 2024, noon in New York): the
      // store keeps them (longer than the usual 30 days).
      ...[Date.UTC(2021, 0, 15), Date.UTC(2021, 2, 15), Date.UTC(2023, 5, 15)].map((t) =>
        fixtureEvent(now, (now - t) / 60_000, 'm', 'h2', {}, { index: 'months' }),
      ),
      ...[Date.UTC(2024, 2, 5, 17), Date.UTC(2024, 2, 15, 16)].map((t) =>
        fixtureEvent(now, (now - t) / 60_000, 'd', 'h3', {}, { index: 'days' }),
      ),
    ],
    { retentionDays: 3650 },
  );
});

after(async () => {
  await fx.close();
});

describe('makecontinuous', () => {
  test('the Search Reference example over _time: `makecontinuous _time span=10m`', async () => {
    const r = await fx.spl(
      'host=h1 | bin _time span=10m | stats count BY _time | makecontinuous _time span=10m',
    );
    assert.deepEqual(r.columns, ['_time', 'count']);
    assert.deepEqual(
      r.rows.map((x) => x[1]),
      [1, null, 1, null, null, 1],
    );
    const times = r.rows.map((x) => new Date(String(x[0])).getTime());
    assert.deepEqual(
      times.map((t) => t - (times[0] ?? 0)),
      [0, 1, 2, 3, 4, 5].map((i) => i * 600_000),
    );
  });

  test('aligntime= aligns the buckets as bin does (Search Reference, makecontinuous: aligntime)', async () => {
    // Buckets of 20 minutes that start at :05 of the hour (plus whole spans): the events at :00, :20 and :50
    // fall in :45 of the hour before, :05 and :45; :25 is added empty.
    const r = await fx.spl(
      'host=h1 | bin _time span=20m aligntime=@h+5m | stats count BY _time | makecontinuous _time span=20m aligntime=@h+5m',
    );
    assert.deepEqual(
      r.rows.map((x) => x[1]),
      [1, 1, null, 1],
    );
    assert.deepEqual(
      r.rows.map((x) => new Date(`${String(x[0]).replace(' ', 'T')}Z`).getUTCMinutes()),
      [45, 5, 25, 45],
    );
    await assert.rejects(
      fx.spl('host=h1 | stats count BY size | makecontinuous size span=10 aligntime=@h'),
      /`aligntime=` aligns time bins; `size` is not a time/,
    );
  });

  test('a numeric field with span=10, start= and end=: every bucket from start to end', async () => {
    const r = await fx.spl('host=h1 | stats count BY size | makecontinuous size span=10 start=0 end=50');
    assert.deepEqual(r.columns, ['size', 'count']);
    assert.deepEqual(r.rows, [
      [0, 1],
      [10, null],
      [20, 1],
      [30, null],
      [40, 1],
      [50, null],
    ]);
  });

  test('data outside [start, end] is discarded', async () => {
    const r = await fx.spl('host=h1 | stats count BY size | makecontinuous size span=10 start=10 end=30');
    assert.deepEqual(r.rows, [
      [10, null],
      [20, 1],
      [30, null],
    ]);
  });

  test('without span=: automatic bins over the search range (bins=, 100 by default; minspan=)', async () => {
    // Search Reference, makecontinuous: `bins` "Sets the maximum number of bins to discretize into"; the
    // span is the shortest of Splunk's spans giving at most that many over the range (as `bin`'s).
    const withSpan = await fx.spl(
      'host=h1 | bin _time span=10m | stats count BY _time | makecontinuous _time span=10m',
      { earliest: '-1h' },
    );
    // 1 hour in at most 6 bins: 10 minutes.
    const auto = await fx.spl('host=h1 | stats count BY _time | makecontinuous _time bins=6', {
      earliest: '-1h',
    });
    assert.equal(auto.rows.length, 6);
    assert.deepEqual(auto.rows, withSpan.rows);
    // minspan=30m: no bins shorter than 30 minutes.
    const min = await fx.spl('host=h1 | stats count BY _time | makecontinuous _time minspan=30m', {
      earliest: '-1h',
    });
    const times = min.rows.map((x) => new Date(String(x[0])).getTime());
    assert.ok(times.every((t) => t % 1_800_000 === 0));
    assert.equal(new Set(times).size, 2);
    // The default, 100 bins over the last 24 hours: 30 minutes.
    const day = await fx.spl('host=h1 | stats count BY _time | makecontinuous _time');
    assert.deepEqual(
      day.rows.map((x) => new Date(String(x[0])).getTime()),
      min.rows.map((x) => new Date(String(x[0])).getTime()),
    );
  });

  test('without span= on a numeric field: automatic bins as bin makes them (a power of 10, at most bins=)', async () => {
    // Search Reference, makecontinuous: `bins` "Sets the maximum number of bins to discretize into" (100 by
    // default, as for bin); over 3…41, 100 bins give a span of 1, 5 bins a span of 10.
    const auto = await fx.spl('host=h1 | stats count BY size | makecontinuous size');
    assert.equal(auto.rows.length, 39);
    assert.deepEqual(auto.rows.slice(0, 3), [
      [3, 1],
      [4, null],
      [5, null],
    ]);
    assert.deepEqual(auto.rows[auto.rows.length - 1], [41, 1]);
    const five = await fx.spl('host=h1 | stats count BY size | makecontinuous size bins=5');
    const ten = await fx.spl('host=h1 | stats count BY size | makecontinuous size span=10');
    assert.deepEqual(five.rows, [
      [0, 1],
      [10, null],
      [20, 1],
      [30, null],
      [40, 1],
    ]);
    assert.deepEqual(five.rows, ten.rows);
  });

  test('without span=, start= and end= bound the bins: the range is [start, end], the data’s where not given', async () => {
    // start=15: 27 and 41 are kept, over 15…41 five bins are 10 wide, from the bin of 15.
    assert.deepEqual(
      (await fx.spl('host=h1 | stats count BY size | makecontinuous size bins=5 start=15')).rows,
      [
        [10, null],
        [20, 1],
        [30, null],
        [40, 1],
      ],
    );
    // end=30: 3 and 27 are kept, up to the bin of 30.
    assert.deepEqual(
      (await fx.spl('host=h1 | stats count BY size | makecontinuous size bins=5 end=30')).rows,
      [
        [0, 1],
        [10, null],
        [20, 1],
        [30, null],
      ],
    );
    // Both: 50 / 5 → bins of 10 from 0 to 50.
    assert.deepEqual(
      (await fx.spl('host=h1 | stats count BY size | makecontinuous size bins=5 start=0 end=50')).rows,
      (await fx.spl('host=h1 | stats count BY size | makecontinuous size span=10 start=0 end=50')).rows,
    );
  });

  test('without span= over all time: automatic bins over the data’s range', async () => {
    const all = { earliest: '0' };
    // 50 minutes of data in at most 6 bins: 10 minutes, as span=10m gives.
    const six = await fx.spl('host=h1 | stats count BY _time | makecontinuous _time bins=6', all);
    const withSpan = await fx.spl(
      'host=h1 | bin _time span=10m | stats count BY _time | makecontinuous _time span=10m',
      all,
    );
    assert.equal(six.rows.length, 6);
    assert.deepEqual(six.rows, withSpan.rows);
    // 100 bins (the default): 30 seconds, from :00 to :50.
    const auto = await fx.spl('host=h1 | stats count BY _time | makecontinuous _time', all);
    const times = auto.rows.map((x) => new Date(String(x[0])).getTime());
    assert.equal(times.length, 101);
    assert.ok(times.every((t, i) => t - (times[0] ?? 0) === i * 30_000));
    assert.equal(auto.rows.filter((x) => x[1] === 1).length, 3);
    // minspan=30m: the :00 and :30 half hours.
    // minspan=30m: the :00 and :30 half hours (the rows stay rows: two in the first).
    const min = await fx.spl('host=h1 | stats count BY _time | makecontinuous _time minspan=30m', all);
    const halves = min.rows.map((x) => new Date(String(x[0])).getTime());
    assert.ok(halves.every((t) => t % 1_800_000 === 0));
    assert.deepEqual(
      halves.map((t) => t - (halves[0] ?? 0)),
      [0, 0, 1_800_000],
    );
  });

  test('without span= over all time, months: every month start between, none skipped', async () => {
    // Jan 2021 to Jun 2023 (29 months) in at most 40 bins: a month each.
    const r = await fx.spl(
      'index=months | bin _time span=1mon | stats count BY _time | makecontinuous _time bins=40',
      { earliest: '0' },
    );
    const months = r.rows.map((x) => {
      const d = new Date(String(x[0]));
      assert.equal(d.getTime() % 86_400_000, 0, String(x[0]));
      assert.equal(d.getUTCDate(), 1);
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    });
    assert.equal(months.length, 30);
    assert.ok(months.every((m, i) => m === 2021 * 12 + i));
    assert.deepEqual(
      r.rows.flatMap((x, i) => (x[1] === null ? [] : [i])),
      [0, 2, 29],
    );
  });

  test('without span= over all time, days across a daylight-saving change: each local midnight', async () => {
    // 5 to 15 March 2024 in New York (clocks forward on the 10th): 10 days in 100 bins → one day each.
    const r = await fx.spl('index=days | stats count BY _time | makecontinuous _time', {
      earliest: '0',
      timezone: 'America/New_York',
    });
    const expected = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((d) =>
      Date.UTC(2024, 2, d, d <= 10 ? 5 : 4),
    );
    assert.deepEqual(
      r.rows.map((x) => new Date(String(x[0])).getTime()),
      expected,
    );
    assert.deepEqual(
      r.rows.map((x) => x[1]),
      [1, null, null, null, null, null, null, null, null, null, 1],
    );
  });
});
