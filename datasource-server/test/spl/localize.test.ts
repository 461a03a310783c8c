// `localize` on real chDB: regions of events at most `maxpause` apart, newest region first, widened by
// `timebefore`/`timeafter`. Search Reference 9.4, localize:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/localize

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

// Whole minutes, so the epoch seconds are exact.
const now = Math.floor(Date.now() / 60_000) * 60_000;
const at = (minutes: number): number => (now - minutes * 60_000) / 1000;
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    // Region 1 (newest): 2, 3, 4 minutes ago; region 2: 20, 21 minutes ago; region 3: 60 minutes ago.
    ...[2, 3, 4, 20, 21, 60].map((m) => fixtureEvent(now, m, `failure ${m}`, 'h1')),
  ]);
});

after(async () => {
  await fx.close();
});

describe('localize', () => {
  test('the page example: localize maxpause=5m, default 30s before and after', async () => {
    const r = await fx.spl('failure | localize maxpause=5m | table starttime, endtime, duration, eventcount');
    assert.deepEqual(r.rows, [
      [at(4) - 30, at(2) + 30, 120, 3],
      [at(21) - 30, at(20) + 30, 60, 2],
      [at(60) - 30, at(60) + 30, 0, 1],
    ]);
  });

  test('the default maxpause (1m) splits more; timeafter/timebefore widen; density', async () => {
    const r = await fx.spl(
      'failure | localize timeafter=1m timebefore=0s | table starttime, endtime, density',
    );
    assert.deepEqual(r.rows, [
      [at(4), at(2) + 60, 3 / 120],
      [at(21), at(20) + 60, 2 / 60],
      [at(60), at(60) + 60, 1],
    ]);
    const tight = await fx.spl('failure | localize maxpause=30s | stats count');
    assert.deepEqual(tight.rows, [[6]]);
  });

  test('bad durations are errors at the option', async () => {
    await assert.rejects(fx.spl('failure | localize maxpause=5x'), /`maxpause` must be a whole number/);
  });
});
