// `makecontinuous` on real chDB: the empty buckets between the values of an x-axis field are added.
// Search Reference 9.4, makecontinuous: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/makecontinuous

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const hour = 3_600_000;
const now = Math.floor(Date.now() / hour) * hour + 55 * 60_000;
let fx: SplFixture;

before(async () => {
  // Events at :50, :20 and :00 of this hour (10-minute gaps at :10, :30, :40), sizes 3, 27, 41.
  fx = await splFixture(now, [
    fixtureEvent(now, 5, 'a', 'h1', { size: '3' }),
    fixtureEvent(now, 35, 'b', 'h1', { size: '27' }),
    fixtureEvent(now, 55, 'c', 'h1', { size: '41' }),
  ]);
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

  test('without span=: unsupported on a numeric field and over all time, at the command', async () => {
    for (const [q, earliest] of [
      ['host=h1 | stats count BY size | makecontinuous size', undefined],
      ['host=h1 | stats count BY _time | makecontinuous _time', '0'],
    ] as const) {
      await assert.rejects(fx.spl(q, earliest ? { earliest } : {}), (e: unknown) => {
        assert.ok(e instanceof QueryInputError);
        assert.match(e.message, /without `span=` .* is not supported yet/);
        assert.equal(e.errors[0]?.column, q.indexOf('makecontinuous') + 1);
        return true;
      });
    }
  });
});
