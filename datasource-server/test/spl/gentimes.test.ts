// `gentimes` on real chDB: one result per interval, oldest first. Search Reference 9.4, gentimes:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/gentimes

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { splFixture } from '../helpers/spl-fixture.ts';

const now = Date.UTC(2024, 5, 12, 15, 30, 0);
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, []);
});

after(async () => {
  await fx.close();
});

const day = Date.UTC(2017, 9, 1) / 1000;

describe('gentimes', () => {
  test('the page example: daily intervals from 10/1/2017 up to 10/5/2017', async () => {
    const r = await fx.spl('| gentimes start=10/1/2017 end=10/5/2017');
    assert.deepEqual(r.columns, ['starttime', 'starthuman', 'endtime', 'endhuman']);
    assert.deepEqual(r.rows, [
      [day, 'Sun Oct 1 00:00:00 2017', day + 86_399, 'Sun Oct 1 23:59:59 2017'],
      [day + 86_400, 'Mon Oct 2 00:00:00 2017', day + 2 * 86_400 - 1, 'Mon Oct 2 23:59:59 2017'],
      [day + 2 * 86_400, 'Tue Oct 3 00:00:00 2017', day + 3 * 86_400 - 1, 'Tue Oct 3 23:59:59 2017'],
      [day + 3 * 86_400, 'Wed Oct 4 00:00:00 2017', day + 4 * 86_400 - 1, 'Wed Oct 4 23:59:59 2017'],
    ]);
  });

  test('hourly increments, and start=-N days up to today’s midnight', async () => {
    const hours = await fx.spl(
      '| gentimes start=10/1/2017 end=10/1/2017:03:00:00 increment=1h | table starttime, endtime',
    );
    assert.deepEqual(hours.rows, [
      [day, day + 3599],
      [day + 3600, day + 7199],
      [day + 7200, day + 10_799],
    ]);
    const days = await fx.spl(
      '| gentimes start=-2 | stats count, min(starttime) AS first, max(endtime) AS last',
    );
    const midnight = Date.UTC(2024, 5, 12) / 1000;
    assert.deepEqual(days.rows, [[2, midnight - 2 * 86_400, midnight - 1]]);
  });

  test('bad options and too many intervals are errors', async () => {
    await assert.rejects(fx.spl('| gentimes end=10/5/2017'), /needs `start=`/);
    await assert.rejects(fx.spl('| gentimes start=yesterday'), /must be a date/);
    await assert.rejects(fx.spl('| gentimes start=-2 increment=2x'), /`increment` must be/);
    await assert.rejects(fx.spl('| gentimes start=1/1/2000 increment=1m'), /at most 10000/);
  });
});
