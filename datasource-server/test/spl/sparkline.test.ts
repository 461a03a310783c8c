// `sparkline` in stats and chart on real chDB: Splunk's multivalue `##__SPARKLINE__##, v1, v2, …`, one
// value per bucket of the search's range (empty buckets 0 for counts). The expected lists are computed here
// from the fixture.
//
// Search Reference 9.4, stats ("Sparkline function options": `sparkline(count(<field>), <span-length>)`,
// `sparkline(<sparkline-func>(<field>), <span-length>)`; without a span "an appropriate timespan is chosen
// based on the time range of the search"):
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/stats

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bytesFixture } from '../helpers/spl-fixture.ts';
import { refusal } from '../helpers/refusal.ts';

// The top of an hour: the range is the hour before it.
const now = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const marker = '##__SPARKLINE__##';

/** [minutes ago, host, bytes] */
const events: [number, string, number][] = [
  [58, 'web1', 100],
  [57, 'web1', 300],
  [41, 'web1', 20],
  [33, 'web2', 5],
  [12, 'web2', 50],
  [11, 'web2', 70],
  [2, 'web1', 9],
];

/** The bucket (0 = the oldest) of an event `minutes` ago, with `span` minutes per bucket over the hour. */
const bucketOf = (minutes: number, span: number): number => Math.floor((60 - minutes) / span);

/** The sparkline of `fn` over the events of `host` (all without), `span` minutes per bucket. */
function expected(fn: (xs: number[]) => number | undefined, span: number, host?: string): string[] {
  return [
    marker,
    ...Array.from({ length: 60 / span }, (_, b) => {
      const xs = events
        .filter((e) => (host === undefined || e[1] === host) && bucketOf(e[0], span) === b)
        .map((e) => e[2]);
      const v = fn(xs);
      return v === undefined ? '' : String(v);
    }),
  ];
}
const count = (xs: number[]): number => xs.length;
const avg = (xs: number[]): number | undefined =>
  xs.length === 0 ? undefined : xs.reduce((a, b) => a + b, 0) / xs.length;
const max = (xs: number[]): number | undefined => (xs.length === 0 ? undefined : Math.max(...xs));

const run = bytesFixture(now, events, '-1h');

describe('stats sparkline', () => {
  test('sparkline(count,5m) AS trend: twelve 5-minute buckets, empty ones 0', async () => {
    const r = await run('index=main | stats sparkline(count,5m) AS trend');
    assert.deepEqual(r.columns, ['trend']);
    assert.deepEqual(r.rows, [[expected(count, 5)]]);
  });

  test('a bare sparkline is sparkline(count), its span from the range (an hour in 100 bins: 1 minute)', async () => {
    const r = await run('index=main | stats sparkline count by host');
    assert.deepEqual(r.columns, ['host', 'sparkline', 'count']);
    assert.deepEqual(r.rows, [
      ['web1', expected(count, 1, 'web1'), 4],
      ['web2', expected(count, 1, 'web2'), 3],
    ]);
  });

  test('sparkline(avg(bytes),10m) by host: the average per bucket, empty where the host had no events', async () => {
    const r = await run('index=main | stats sparkline(avg(bytes),10m) AS trend, avg(bytes) by host');
    assert.deepEqual(r.rows, [
      ['web1', expected(avg, 10, 'web1'), avg([100, 300, 20, 9])],
      ['web2', expected(avg, 10, 'web2'), avg([5, 50, 70])],
    ]);
    // web1: 100 and 300 in the first bucket, 20 in the second, 9 in the last.
    assert.deepEqual(r.rows[0]?.[1], [marker, '200', '20', '', '', '', '9']);
  });

  test('chart sparkline(max(bytes),30m) count by host: a list beside the counts', async () => {
    const r = await run('index=main | chart sparkline(max(bytes),30m) count by host');
    assert.deepEqual(r.columns, ['host', 'sparkline(max(bytes),30m)', 'count']);
    assert.deepEqual(r.rows, [
      ['web1', expected(max, 30, 'web1'), 4],
      ['web2', expected(max, 30, 'web2'), 3],
    ]);
  });

  test('the list is a multivalue field: mvcount and mvindex read it', async () => {
    const r = await run(
      'index=main | stats sparkline(count,15m) AS s | eval n=mvcount(s), first=mvindex(s,1) | table n first',
    );
    assert.deepEqual(r.rows, [[5, expected(count, 15)[1]]]);
  });

  test('over all time (earliest=0) with a span: buckets from the first event’s to the last one’s', async () => {
    const r = await run('index=main | stats sparkline(count,10m) AS s by host', { earliest: '0' });
    // The first event (58 minutes ago) and the last (2 minutes ago) span the hour's six 10-minute buckets.
    assert.deepEqual(r.rows, [
      ['web1', expected(count, 10, 'web1')],
      ['web2', expected(count, 10, 'web2')],
    ]);
    const q = 'index=main | stats sparkline count';
    const [auto] = await refusal(() => run(q, { earliest: '0' }), q);
    assert.match(
      auto ?? '',
      /^unsupported: `sparkline` over all time without a span is not supported yet @20$/,
    );
  });

  test('a statistic Splunk does not draw, or a sparkline outside stats and chart, is refused at its position', async () => {
    const q = 'index=main | stats sparkline(perc50(bytes),5m)';
    const [perc] = await refusal(() => run(q), q);
    assert.match(perc ?? '', /^unsupported: a sparkline of `perc50` .* @30$/);
    const q2 = 'index=main | timechart sparkline(count,5m)';
    const [tc] = await refusal(() => run(q2), q2);
    assert.match(tc ?? '', /^semantic: `sparkline` works only in `stats` and `chart` @24$/);
  });
});
