// streamstats time_window on real chDB: statistics over the results within a span of time of each one.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compile } from '@nexus/spl';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
/** An event `seconds` before a second before now (the range ends at now, exclusive). */
const at = (seconds: number, v: number, host: string, index = 'main') =>
  fixtureEvent(now, (1 + seconds) / 60, `v=${v}`, host, { v: String(v) }, { index });

let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    // newest first: A B C E F G, 0 / 30 / 60 / 200 / 301 / 600 seconds back
    at(0, 1, 'web01'),
    at(30, 2, 'web02'),
    at(60, 4, 'web01'),
    at(200, 8, 'web02'),
    at(301, 16, 'web01'),
    at(600, 32, 'web02'),
    // three events at one time, and one five seconds newer
    at(10, 1, 'h', 'ties'),
    at(10, 2, 'h', 'ties'),
    at(10, 4, 'h', 'ties'),
    at(5, 8, 'h', 'ties'),
  ]);
});

after(async () => {
  await fx.close();
});

/** Column `name` of `query`'s rows, in their order. */
const column = async (query: string, name = 'c'): Promise<unknown[]> => {
  const r = await fx.spl(query);
  return r.rows.map((row) => row[r.columns.indexOf(name)]);
};

const opts = { orgId: 'acme', earliestMs: now - 3_600_000, latestMs: now, nowMs: now };

describe('streamstats time_window', () => {
  test('newest first: the results up to the span newer than each one, the bound included', async () => {
    // C is exactly one minute older than A: A is in its window.
    assert.deepEqual(
      await column('index=main | streamstats time_window=1m sum(v) as c'),
      [1, 3, 7, 8, 16, 32],
    );
    assert.deepEqual(await column('index=main | streamstats time_window=1m count as c'), [1, 2, 3, 1, 1, 1]);
  });

  test('oldest first (after sort _time): the results up to the span older', async () => {
    assert.deepEqual(
      await column('index=main | sort _time | streamstats time_window=1m sum(v) as c'),
      [32, 16, 8, 4, 6, 7],
    );
  });

  test('results at the same time count in their order, not all at once', async () => {
    const counts = await column('index=ties | streamstats time_window=1m count as c');
    assert.equal(counts[0], 1);
    assert.deepEqual(counts.slice(1).sort(), [2, 3, 4]);
  });

  test('with window=N both limits apply', async () => {
    // E: only E is within a minute, though the last 3 results are C, B… — the time limit is the smaller.
    assert.deepEqual(
      await column('index=main | streamstats time_window=1m window=3 sum(v) as c'),
      [1, 3, 7, 8, 16, 32],
    );
    // Five minutes hold more: the last 2 results are the smaller limit.
    assert.deepEqual(
      await column('index=main | streamstats time_window=5m window=2 sum(v) as c'),
      [1, 3, 6, 12, 24, 48],
    );
  });

  test('by host: each group its own results within the span', async () => {
    assert.deepEqual(
      await column('index=main | streamstats time_window=5m sum(v) as c by host'),
      [1, 2, 5, 10, 20, 32],
    );
  });

  test('by host with window=N: one window of the last N results (global=true), or per host', async () => {
    assert.deepEqual(
      await column('index=main | streamstats time_window=5m window=2 sum(v) as c by host'),
      [1, 2, 4, 8, 16, 32],
    );
    assert.deepEqual(
      await column('index=main | streamstats time_window=1m window=2 global=false sum(v) as c by host'),
      [1, 2, 5, 8, 16, 32],
    );
  });

  test('current=false: the results before, within the span', async () => {
    assert.deepEqual(await column('index=main | streamstats time_window=1m current=false sum(v) as c'), [
      null,
      1,
      3,
      null,
      null,
      null,
    ]);
  });

  test('other statistics: dc, values, max', async () => {
    const r = await fx.spl(
      'index=main | streamstats time_window=1m dc(host) as d values(host) as vals max(v) as m | table d vals m',
    );
    assert.deepEqual(r.rows, [
      [1, 'web01', 1],
      [2, ['web01', 'web02'], 2],
      [2, ['web01', 'web02'], 4],
      [1, 'web02', 8],
      [1, 'web01', 16],
      [1, 'web02', 32],
    ]);
  });

  test('resets start the window again', async () => {
    assert.deepEqual(
      await column('index=main | streamstats time_window=5m reset_before="(v=8)" sum(v) as c'),
      [1, 3, 7, 8, 24, 48],
    );
  });

  test('a _time made by eval, oldest first', async () => {
    assert.deepEqual(
      await column(
        '| makeresults count=5 | streamstats count as n | eval _time=_time - n*60 | sort _time | streamstats time_window=2m count as c',
      ),
      [1, 2, 3, 3, 3],
    );
  });

  test('results out of time order stop the search', async () => {
    await assert.rejects(
      fx.spl('index=main | sort host v | streamstats time_window=1m count as c'),
      /results must be in time order/,
    );
    // chDB hands the rest of a failed query's output to the next query on the connection: consume it.
    await fx.spl('index=main | stats count').catch(() => undefined);
  });

  test('no _time, and spans it cannot take, are diagnostics', () => {
    const noTime = compile('index=main | stats count by host | streamstats time_window=1m count', opts);
    assert.ok(!noTime.ok);
    assert.equal(noTime.errors[0]?.code, 'semantic');
    assert.match(noTime.errors[0]?.message ?? '', /needs `_time`/);
    for (const [span, message] of [
      ['1mon', /months, quarters or years/],
      ['30d', /longer than 24 days/],
    ] as const) {
      const r = compile(`index=main | streamstats time_window=${span} count`, opts);
      assert.ok(!r.ok);
      assert.equal(r.errors[0]?.code, 'unsupported');
      assert.match(r.errors[0]?.message ?? '', message);
    }
  });
});
