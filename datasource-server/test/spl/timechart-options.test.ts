// timechart's bucketing and naming options on real chDB: minspan, fixedrange, partial, format (and sep),
// dedup_splitvals. The expected buckets are computed here from the fixture and the range.
//
// Search Reference 9.4, timechart: minspan ("the smallest span granularity to use automatically inferring
// span from the data time range"), fixedrange ("fixedrange=false allows the timechart command to constrict
// or expand to the time range covered by all events"), partial ("Controls if partial time bins should be
// retained or not. Only the first and last bin can be partial"), format ("$AGG$" and "$VAL$", takes
// precedence over sep):
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/timechart

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bytesFixture } from '../helpers/spl-fixture.ts';
import { refusal } from '../helpers/refusal.ts';

const minute = 60_000;
const hour = 60 * minute;
// 25 minutes past an hour: a 3-hour range then starts and ends inside an hour.
const now = Math.floor(Date.now() / hour) * hour + 25 * minute;
const earliest = now - 3 * hour;

/** [minutes ago, host, bytes] */
const events: [number, string, number][] = [
  [100, 'web1', 10],
  [70, 'web1', 30],
  [64, 'web2', 4],
  [5, 'web2', 7],
];

const iso = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** Bucket starts of `spanMs` from the one holding `from` up to the one holding `to - 1`. */
function bucketStarts(spanMs: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(from / spanMs) * spanMs; t < to; t += spanMs) out.push(t);
  return out;
}

/** `[_time, count]` rows over `starts`. */
const countRows = (starts: number[], spanMs: number): unknown[][] =>
  starts.map((t) => [
    iso(t),
    events.filter(([m]) => now - m * minute >= t && now - m * minute < t + spanMs).length,
  ]);

const run = bytesFixture(now, events, '-3h');

describe('timechart bucketing options', () => {
  test('by default every bucket the range touches, the partial first and last included', async () => {
    const r = await run('index=main | timechart span=1h count');
    assert.deepEqual(r.rows, countRows(bucketStarts(hour, earliest, now), hour));
    assert.equal(r.rows.length, 4);
  });

  test('partial=false drops the first and last buckets, which the range covers only in part', async () => {
    const whole = bucketStarts(hour, earliest, now).filter((t) => t >= earliest && t + hour <= now);
    assert.equal(whole.length, 2);
    const r = await run('index=main | timechart span=1h partial=false count');
    assert.deepEqual(r.rows, countRows(whole, hour));
    const by = await run('index=main | timechart span=1h partial=f count by host');
    assert.deepEqual(
      by.rows.map((x) => x[0]),
      whole.map(iso),
    );
  });

  test('fixedrange=false charts only from the first event’s bucket to the last one’s', async () => {
    const times = events.map(([m]) => now - m * minute);
    const starts = bucketStarts(hour, Math.min(...times), Math.max(...times) + 1);
    const r = await run('index=main | timechart span=1h fixedrange=false count');
    assert.deepEqual(r.rows, countRows(starts, hour));
    assert.notEqual(r.rows.length, 4);
  });

  test('minspan: the automatic span is at least this (3 hours in 100 bins is 5 minutes; minspan=20m gives 30)', async () => {
    const auto = await run('index=main | timechart count');
    assert.equal(auto.rows.length, bucketStarts(5 * minute, earliest, now).length);
    const r = await run('index=main | timechart minspan=20m count');
    assert.deepEqual(r.rows, countRows(bucketStarts(30 * minute, earliest, now), 30 * minute));
    // An explicit span wins over minspan.
    const explicit = await run('index=main | timechart span=1h minspan=2h count');
    assert.equal(explicit.rows.length, 4);
  });
});

describe('timechart aligntime (Search Reference, timechart: "Align the bin times to something other than base UTC time")', () => {
  const day = Math.floor(now / (24 * hour)) * 24 * hour;

  test('span=2h aligntime=@d+1h: buckets at 01:00 + 2k hours, the fill included', async () => {
    const at = day + hour;
    const first = at + Math.floor((earliest - at) / (2 * hour)) * 2 * hour;
    const starts: number[] = [];
    for (let t = first; t < now; t += 2 * hour) starts.push(t);
    const r = await run('index=main | timechart span=2h aligntime=@d+1h count');
    assert.deepEqual(r.rows, countRows(starts, 2 * hour));
    const plain = await run('index=main | timechart span=2h count');
    assert.notDeepEqual(r.rows, plain.rows);
  });

  test('aligntime=earliest: hourly buckets from the range’s start, so partial=false keeps every one', async () => {
    const starts = [0, 1, 2].map((k) => earliest + k * hour);
    const r = await run('index=main | timechart span=1h aligntime=earliest count');
    assert.deepEqual(r.rows, countRows(starts, hour));
    const whole = await run('index=main | timechart span=1h aligntime=earliest partial=f count');
    assert.deepEqual(whole.rows, r.rows);
  });

  test('a daily span ignores aligntime, as Splunk’s page says', async () => {
    const r = await run('index=main | timechart span=1d aligntime=@d+1h count');
    const plain = await run('index=main | timechart span=1d count');
    assert.deepEqual(r.rows, plain.rows);
  });
});

describe('timechart series names', () => {
  test('format="$VAL$/$AGG$" names the series of several statistics, over sep', async () => {
    const r = await run(
      'index=main | timechart span=1h sep=":" format="$VAL$/$AGG$" count, max(bytes) by host',
    );
    assert.deepEqual(r.columns, ['_time', 'web1/count', 'web2/count', 'web1/max(bytes)', 'web2/max(bytes)']);
    const hourOf = (m: number): number => Math.floor((now - m * minute) / hour) * hour;
    const row = r.rows.find((x) => x[0] === iso(hourOf(64)));
    // Now is 25 past: web1's event 70 minutes ago and web2's 64 minutes ago fall in the same hour.
    const inHour = (h: string): [number, string, number][] =>
      events.filter(([m, host]) => host === h && hourOf(m) === hourOf(64));
    const maxOf = (xs: [number, string, number][]): number | null =>
      xs.length === 0 ? null : Math.max(...xs.map((e) => e[2]));
    assert.deepEqual(row?.slice(1), [
      inHour('web1').length,
      inHour('web2').length,
      maxOf(inHour('web1')),
      maxOf(inHour('web2')),
    ]);
  });

  test('dedup_splitvals over a single-valued split field changes nothing; over a multivalue one a value repeated in one event counts once', async () => {
    const plain = await run('index=main | timechart span=1h count by host');
    const dedup = await run('index=main | timechart span=1h dedup_splitvals=true count by host');
    assert.deepEqual(dedup.rows, plain.rows);
    // Each event's `hs` is a, a, b: counted twice under a without the option, once with it.
    const mv = (d: string): Promise<{ columns: string[]; rows: unknown[][] }> =>
      run(`index=main | eval hs=split("a,a,b", ",") | timechart span=1h ${d} count by hs`);
    const total = (r: { columns: string[]; rows: unknown[][] }, c: string): number =>
      r.rows.reduce<number>((n, row) => n + Number(row[r.columns.indexOf(c)] ?? 0), 0);
    const [twice, once] = await Promise.all([mv(''), mv('dedup_splitvals=t')]);
    const all = total(await run('index=main | timechart span=1h count'), 'count');
    assert.deepEqual([total(twice, 'a'), total(twice, 'b')], [2 * all, all]);
    assert.deepEqual([total(once, 'a'), total(once, 'b')], [all, all]);
  });
});

// Search Reference 9.4, timechart, bin options: `<start-end>` "Sets the minimum and maximum extents for
// numerical bins. Data outside of the [start, end] range is discarded" (epoch seconds); with cont=true
// ("If set to true, the Search application fills in the time gaps") every bucket from start to end.
describe('timechart start= and end=', () => {
  const seconds = (ms: number): string => String(ms / 1000);
  /** `[_time, count]` over the buckets from `start`'s to the one before `end`, counting events in [start, end]. */
  const within = (spanMs: number, start: number, end: number): unknown[][] =>
    bucketStarts(spanMs, start, end).map((t) => [
      iso(t),
      events.filter(([m]) => {
        const at = now - m * minute;
        return at >= Math.max(t, start) && at < t + spanMs && at <= end;
      }).length,
    ]);

  test('the buckets run from the one holding start to the one holding end; events outside are discarded', async () => {
    // start 150 minutes ago (inside an hour), end 60 minutes ago: the event 100 minutes ago is kept, those
    // 70 and 64 minutes ago too, the one 5 minutes ago is past end.
    const start = now - 150 * minute;
    const end = now - 60 * minute;
    const r = await run(`index=main | timechart span=1h start=${seconds(start)} end=${seconds(end)} count`);
    const expected = within(hour, start, end);
    assert.deepEqual(r.rows, expected);
    assert.equal(expected.length, 3);
    assert.equal(
      expected.reduce((n, [, c]) => n + Number(c), 0),
      3,
    );
    // cont=false: only the buckets with events.
    const gaps = await run(
      `index=main | timechart span=1h cont=false start=${seconds(start)} end=${seconds(end)} count`,
    );
    assert.deepEqual(
      gaps.rows,
      expected.filter(([, c]) => c !== 0),
    );
  });

  test('start before the search range: the empty buckets from start on are shown', async () => {
    const start = now - 5 * hour;
    const r = await run(`index=main | timechart span=1h start=${seconds(start)} count`);
    // Up to the range's end (now), every event of the range counted.
    assert.deepEqual(r.rows, countRows(bucketStarts(hour, start, now), hour));
    assert.equal(r.rows.length, 6);
  });

  test('with a split-by field, every series gets every bucket; time modifiers are read too', async () => {
    const start = Math.floor((now - 2 * hour) / hour) * hour; // -2h@h
    const end = Math.floor(now / hour) * hour; // @h
    const r = await run('index=main | timechart span=30m start=-2h@h end=@h count by host');
    assert.deepEqual(r.columns, ['_time', 'web1', 'web2']);
    const inBucket = (host: string, t: number): number =>
      events.filter(([m, h]) => h === host && now - m * minute >= t && now - m * minute < t + 30 * minute)
        .length;
    assert.deepEqual(
      r.rows,
      bucketStarts(30 * minute, start, end).map((t) => [iso(t), inBucket('web1', t), inBucket('web2', t)]),
    );
  });

  test('over all time, start= gives the automatic span its range', async () => {
    // 3 hours over 100 bins: 108 s, so Splunk's 5-minute span; buckets from start's to now.
    const start = now - 3 * hour;
    const r = await run(`index=main | timechart start=${seconds(start)} count`, { earliest: '0' });
    assert.deepEqual(r.rows, countRows(bucketStarts(5 * minute, start, now), 5 * minute));
  });

  test('a start that is not a time, or an end before start, is an error', async () => {
    const bad = 'index=main | timechart span=1h start=yesterday count';
    const [a] = await refusal(() => run(bad), bad);
    assert.match(a ?? '', /^semantic: `start` must be a time/);
    const q = `index=main | timechart span=1h start=${seconds(now)} end=${seconds(now - hour)} count`;
    const [b] = await refusal(() => run(q), q);
    assert.match(b ?? '', /^semantic: `end` is before `start`/);
  });
});
