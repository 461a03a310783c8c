// `eventcount` on real chDB: the number of the tenant's events per index, whatever the time range.
// Search Reference 9.4, eventcount:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/eventcount

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultsFixture } from '../helpers/results-fixture.ts';
import { resultsEvent, resultsFixture } from '../helpers/results-fixture.ts';

const now = Date.now();
let fx: ResultsFixture;

before(async () => {
  fx = await resultsFixture(now, [
    resultsEvent(now, 1, 'main', 'web01'),
    resultsEvent(now, 2, 'main', 'web02'),
    // Ten days old: outside the search's 24 hours, still counted.
    resultsEvent(now, 10 * 1440, 'main', 'web03'),
    resultsEvent(now, 3, 'audit', 'sec01'),
    resultsEvent(now, 4, '_internal', 'nexus'),
    resultsEvent(now, 5, 'main', 'web09', {}, { org_id: 'other' }),
    resultsEvent(now, 6, 'secret', 'web09', {}, { org_id: 'other' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('eventcount', () => {
  test('the Search Reference example: every index, summarized into one count; the time range has no effect', async () => {
    const r = await fx.spl('| eventcount index=*');
    assert.deepEqual(r.columns, ['count']);
    // `index=*` matches every index, as it does in a Nexus search (`_internal` included).
    assert.deepEqual(r.rows, [[5]]);
  });

  test('the Search Reference example `summarize=false index=* index=_*`: a count per index and server', async () => {
    const r = await fx.spl('| eventcount summarize=false index=* index=_*');
    assert.deepEqual(r.columns, ['count', 'index', 'server']);
    assert.deepEqual(r.rows, [
      [1, '_internal', 'nexus'],
      [1, 'audit', 'nexus'],
      [3, 'main', 'nexus'],
    ]);
  });

  test('one index, by name or wildcard', async () => {
    assert.deepEqual((await fx.spl('| eventcount index=main')).rows, [[3]]);
    assert.deepEqual((await fx.spl('| eventcount index=au*')).rows, [[1]]);
    assert.deepEqual((await fx.spl('| eventcount index=nosuch')).rows, [[0]]);
  });

  test("the tenant's own events only", async () => {
    const r = await fx.spl('| eventcount summarize=false index=*', { org: 'other' });
    assert.deepEqual(r.rows, [
      [1, 'main', 'nexus'],
      [1, 'secret', 'nexus'],
    ]);
  });

  test('report_size=true and positional arguments: positioned diagnostics', async () => {
    assert.deepEqual(await fx.failure('| eventcount report_size=true'), [
      'unsupported: `eventcount report_size=true` is not supported @13-29',
    ]);
    assert.deepEqual(await fx.failure('| eventcount main'), [
      'semantic: `eventcount` takes only options such as `index=<name>` @13-17',
    ]);
  });
});
