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

  test('a period in months is reported as not supported yet, at its place', async () => {
    const q = 'index=main | timechart span=1d count | timewrap 1mon';
    await assert.rejects(fx.spl(q, range), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /months, quarters or years is not supported yet/);
      assert.equal(e.errors[0]?.column, q.indexOf('1mon') + 1);
      return true;
    });
  });
});
