// `delta` on real chDB: the difference between a field's value and its value p results before.
// Search Reference 9.4, delta: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/delta

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  // Newest first: count 10, 7, (none), 3, 1 — and a web log with purchases per hour.
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'count=10', 'h1', { count: '10' }),
    fixtureEvent(now, 2, 'count=7', 'h1', { count: '7' }),
    fixtureEvent(now, 3, 'no count', 'h1'),
    fixtureEvent(now, 4, 'count=3', 'h1', { count: '3' }),
    fixtureEvent(now, 5, 'count=1', 'h1', { count: '1' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('delta', () => {
  test('the default name `delta(<field>)`, newest first: values ascending over time show negative deltas', async () => {
    const r = await fx.spl('host=h1 | delta count | table count "delta(count)"');
    assert.deepEqual(r.columns, ['count', 'delta(count)']);
    // A result without the field gets no delta and is skipped as a previous result.
    assert.deepEqual(r.rows, [
      ['10', null],
      ['7', -3],
      [null, null],
      ['3', -4],
      ['1', -2],
    ]);
  });

  test('the Search Reference example: the time between events, `delta _time AS timeDeltaS`', async () => {
    const r = await fx.spl(
      'host=h1 | delta _time AS timeDeltaS | eval timeDeltaS=abs(timeDeltaS) | table timeDeltaS',
    );
    assert.deepEqual(
      r.rows.map((x) => x[0]),
      [null, 60, 60, 60, 60],
    );
  });

  test('p=2: against the value two results before, after stats (`delta count AS countdiff p=2`)', async () => {
    const r = await fx.spl(
      'host=h1 | eval n=coalesce(count, 0) | stats sum(n) AS count BY _time | sort _time | delta count AS countdiff p=2 | table count countdiff',
    );
    assert.deepEqual(r.rows, [
      [1, null],
      [3, null],
      [0, -1],
      [7, 4],
      [10, 10],
    ]);
  });

  test('the window carries only what is read after it: the rows of a delta that stats reads are the same', async () => {
    // The deltas of 10, 7, (none), 3, 1 newest first: -3, -4, -2.
    const r = await fx.spl('host=h1 | delta count AS d | stats avg(d) AS a, count(d) AS n, sum(d) AS s');
    assert.deepEqual(r.rows, [[-3, 3, -9]]);
    // The window's SELECT (the one with OVER) carries the number it computed below, not the event.
    const window = r.sql.split('\n').find((l) => l.includes(' OVER ('));
    assert.ok(window, r.sql);
    for (const column of ['`_raw`', '`index`', '`host`', '`_fields.count`', '`_fields`'])
      assert.ok(!window.includes(column), `${column} in ${window}`);
  });

  test('events shown after delta keep every column and field', async () => {
    const r = await fx.spl('host=h1 | delta count AS d');
    assert.deepEqual(r.columns, ['_time', 'index', 'host', 'source', 'sourcetype', '_raw', 'd', '_fields']);
    assert.deepEqual(
      r.rows.map((x) => [x[1], x[2], x[3], x[4], x[5], x[6], x[7]]),
      [
        ['main', 'h1', '/var/log/app.log', 'app', 'count=10', null, { count: '10' }],
        ['main', 'h1', '/var/log/app.log', 'app', 'count=7', -3, { count: '7' }],
        ['main', 'h1', '/var/log/app.log', 'app', 'no count', null, {}],
        ['main', 'h1', '/var/log/app.log', 'app', 'count=3', -4, { count: '3' }],
        ['main', 'h1', '/var/log/app.log', 'app', 'count=1', -2, { count: '1' }],
      ],
    );
  });

  test('p must be a whole number ≥ 1, reported at its value', async () => {
    const q = 'host=h1 | delta count p=0';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /`p`/);
      assert.equal(e.errors[0]?.column, q.indexOf('0') + 1);
      return true;
    });
  });
});
