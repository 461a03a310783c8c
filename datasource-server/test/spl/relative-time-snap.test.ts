// relative_time snapping to a minute or hour keeps millisecond time values (ClickHouse's toStartOfMinute/Hour
// return a DateTime, which later time functions refused): Search Reference, "Date and Time functions".

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';

const now = Date.UTC(2026, 11, 7, 12, 0, 0);
let f: SplFixture;
before(async () => {
  f = await splFixture(now, [fixtureEvent(now, 5, 'a', 'h1'), fixtureEvent(now, 65, 'b', 'h1')]);
});
after(async () => f.close());

test('relative_time(t, "-1m@m") and "@h" give epoch seconds that other time functions accept', async () => {
  const r = await f.spl(
    '| makeresults | eval m=relative_time(1700000123, "-1m@m"), h=relative_time(1700000123, "@h"), again=relative_time(relative_time(1700000123, "@m"), "-70m@m") | table m h again',
  );
  assert.deepEqual(r.rows, [[1700000040, 1699999200, 1699995900]]);
});

test('snapped times of a window aggregate over bucketed _time (an ESCU outlier shape)', async () => {
  const r = await f.spl(
    'index=main | bin _time span=1h | stats count by _time | eventstats max(_time) as maxtime | eval recent=if(_time >= relative_time(maxtime, "-70m@m"), 1, 0) | stats sum(recent) as recent count',
  );
  assert.deepEqual(r.rows, [[2, 2]]);
});
