// `concurrency` on real chDB: how many events were in progress when each event started, itself included.
// Search Reference 9.4, concurrency: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/concurrency

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Math.floor(Date.now() / 60_000) * 60_000;
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    // Calls: start (seconds) and total_time; [0,10) [5,15) [12,13) [13,13] [20,25) and one without a start.
    ...[
      ['A', '0', '10'],
      ['B', '5', '10'],
      ['C', '12', '1'],
      ['D', '13', '0'],
      ['E', '20', '5'],
      ['F', '', '5'],
    ].map(([id, st, d], i) =>
      fixtureEvent(now, 10 + i, `call ${id}`, 'pbx', {
        id: id ?? '',
        ...(st ? { st } : {}),
        total_time: d ?? '',
      }),
    ),
    // Sessions by _time, newest first: at -60 s for 60 s, at -120 s for 0 s, at -180 s for 100 s, at -300 s for 600 s.
    fixtureEvent(now, 1, 's4', 'web', { duration: '60' }),
    fixtureEvent(now, 2, 's3', 'web', { duration: '0' }),
    fixtureEvent(now, 3, 's2', 'web', { duration: '100' }),
    fixtureEvent(now, 5, 's1', 'web', { duration: '600' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('concurrency', () => {
  test('the Search Reference example: `concurrency duration=total_time output=foo` with start=', async () => {
    const r = await fx.spl(
      'host=pbx | concurrency duration=total_time start=st output=foo | sort id | table id foo',
    );
    assert.deepEqual(r.columns, ['id', 'foo']);
    assert.deepEqual(r.rows, [
      ['A', 1],
      ['B', 2],
      ['C', 2],
      ['D', 2],
      ['E', 1],
      ['F', null],
    ]);
  });

  test('start defaults to _time, output to `concurrency`; the events keep their order', async () => {
    const r = await fx.spl('host=web | concurrency duration=duration | table _raw concurrency');
    assert.deepEqual(r.rows, [
      ['s4', 2],
      ['s3', 3],
      ['s2', 2],
      ['s1', 1],
    ]);
  });

  test('the Search Reference example: a start computed from the end time, then a timechart of the maximum', async () => {
    const r = await fx.spl(
      'host=web | eval new_start=_time-duration | concurrency start=new_start duration=duration | stats max(concurrency) AS m',
    );
    // Ends at -300+600 … : s1 [-900,-300), s2 [-280,-180), s3 [-120,-120], s4 [-120,-60): s4 meets s3.
    assert.deepEqual(r.rows, [[2]]);
  });

  test('duration= is required; a stray word is reported at its place', async () => {
    for (const [q, at] of [
      ['host=web | concurrency output=foo', 'concurrency'],
      ['host=web | concurrency duration=duration foo', 'foo'],
    ] as const) {
      await assert.rejects(fx.spl(q), (e: unknown) => {
        assert.ok(e instanceof QueryInputError);
        assert.match(e.message, /`concurrency` takes `duration=<field>`/);
        assert.equal(e.errors[0]?.column, q.lastIndexOf(at) + 1);
        return true;
      });
    }
  });
});
