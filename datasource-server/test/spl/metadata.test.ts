// `metadata` on real chDB: the tenant's hosts, sources or sourcetypes over the time range, with their
// first and last event times and counts. Search Reference 9.4, metadata:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/metadata

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultsFixture } from '../helpers/results-fixture.ts';
import { resultsEvent, resultsFixture } from '../helpers/results-fixture.ts';

// Whole seconds, so the times compare exactly.
const now = Math.floor(Date.now() / 60_000) * 60_000;
const at = (minutes: number): number => (now - minutes * 60_000) / 1000;
let fx: ResultsFixture;
/** When the fixture's events were indexed (epoch seconds): between these two. */
let indexedFrom = 0;
let indexedTo = 0;

before(async () => {
  indexedFrom = Date.now() / 1000;
  fx = await resultsFixture(now, [
    resultsEvent(now, 1, 'main', 'web01'),
    resultsEvent(now, 5, 'main', 'web01'),
    resultsEvent(now, 2, 'main', 'web02'),
    resultsEvent(now, 3, 'audit', 'sec01'),
    // Outside the last 24 hours.
    resultsEvent(now, 3 * 1440, 'main', 'web03'),
    resultsEvent(now, 4, 'main', 'web09', {}, { org_id: 'other' }),
  ]);
  indexedTo = Date.now() / 1000;
});

after(async () => {
  await fx.close();
});

describe('metadata', () => {
  test('the Search Reference example `type=hosts`: per host, first/last time and count over the range', async () => {
    const r = await fx.spl('| metadata type=hosts index=main');
    assert.deepEqual(r.columns, ['host', 'firstTime', 'lastTime', 'recentTime', 'totalCount', 'type']);
    // recentTime is when the host's latest event was indexed (`_indextime`), not its event time.
    assert.deepEqual(
      r.rows.map(([host, first, last, , count, type]) => [host, first, last, count, type]),
      [
        ['web01', at(5), at(1), 2, 'hosts'],
        ['web02', at(2), at(2), 1, 'hosts'],
      ],
    );
    for (const row of r.rows) {
      const recent = Number(row[3]);
      assert.ok(recent >= Math.floor(indexedFrom) && recent <= indexedTo, `recentTime ${recent}`);
      assert.ok(recent > Number(row[2]), 'indexed after the event happened');
    }
  });

  test('the Search Reference example `type=sourcetypes index=*`, then later commands', async () => {
    const r = await fx.spl('| metadata type=sourcetypes index=* | table sourcetype totalCount');
    assert.deepEqual(r.rows, [
      ['access_combined', 3],
      ['audit', 1],
    ]);
  });

  test('the time range applies: over 7 days the older host appears', async () => {
    const r = await fx.spl('| metadata type=sources | table source totalCount', { earliest: '-7d' });
    assert.deepEqual(r.rows, [
      ['/var/log/sec01.log', 1],
      ['/var/log/web01.log', 2],
      ['/var/log/web02.log', 1],
      ['/var/log/web03.log', 1],
    ]);
  });

  test("the tenant's own events only", async () => {
    const r = await fx.spl('| metadata type=hosts index=* | table host totalCount', { org: 'other' });
    assert.deepEqual(r.rows, [['web09', 1]]);
  });

  test('a missing or unknown type: positioned diagnostics', async () => {
    assert.deepEqual(await fx.failure('| metadata index=main'), [
      'semantic: `metadata` needs `type=hosts`, `type=sources` or `type=sourcetypes` @2-10',
    ]);
    const [bad] = await fx.failure('| metadata type=users');
    assert.match(bad ?? '', /^semantic: .*users.* @16-21$/);
  });
});
