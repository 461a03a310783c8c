// `multisearch` on real chDB: the events of several streaming searches, interleaved by `_time`, newest
// first, from the tenant's data only. Search Reference 9.4, multisearch:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/multisearch

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultsFixture } from '../helpers/results-fixture.ts';
import { resultsEvent, resultsFixture } from '../helpers/results-fixture.ts';

const now = Date.now();
let fx: ResultsFixture;

before(async () => {
  fx = await resultsFixture(now, [
    resultsEvent(now, 1, 'main', 'web01', { status: '200' }),
    resultsEvent(now, 2, 'audit', 'sec01', { action: 'failure' }),
    resultsEvent(now, 3, 'main', 'web02', { status: '500' }),
    resultsEvent(now, 4, 'audit', 'sec02', { action: 'success' }),
    resultsEvent(now, 5, 'main', 'web03', { status: '500' }, { org_id: 'other' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('multisearch', () => {
  test('the Search Reference example: two searches with an eval each, merged newest first', async () => {
    const r = await fx.spl(
      '| multisearch [search index=main | eval type="foo"] [search index=audit | eval mytype="bar"] | table host type mytype',
    );
    assert.deepEqual(r.columns, ['host', 'type', 'mytype']);
    assert.deepEqual(r.rows, [
      ['web01', 'foo', null],
      ['sec01', null, 'bar'],
      ['web02', 'foo', null],
      ['sec02', null, 'bar'],
    ]);
  });

  test('filters in each subsearch, then a transforming command over the merged events', async () => {
    const r = await fx.spl(
      '| multisearch [search index=main status=500] [search index=audit action=failure] | stats count BY index',
    );
    assert.deepEqual(r.rows, [
      ['audit', 1],
      ['main', 1],
    ]);
  });

  test('read by stats, each side gives only the columns stats reads: the same counts', async () => {
    const r = await fx.spl('| multisearch [search index=main] [search index=audit] | stats count BY host');
    assert.deepEqual(r.rows, [
      ['sec01', 1],
      ['sec02', 1],
      ['web01', 1],
      ['web02', 1],
    ]);
    // No SELECT list carries the events' text or their structured fields (WHERE clauses may read them).
    const lists = r.sql.split('\n').filter((l) => l.trim().startsWith('SELECT'));
    for (const l of lists) assert.doesNotMatch(l, /`_raw`|`fields`|`_fields`|`source`/, l);
  });

  test('a subsearch with a non-streaming command, or fewer than two subsearches: positioned diagnostics', async () => {
    assert.deepEqual(
      await fx.failure('| multisearch [search index=main | stats count] [search index=audit]'),
      [
        'semantic: `multisearch` subsearches may only contain streaming commands (such as `search`, `eval`, `where`, `fields`, `rex`) @14-47',
      ],
    );
    assert.deepEqual(await fx.failure('| multisearch [search index=main]'), [
      'semantic: `multisearch` needs at least two subsearches @2-13',
    ]);
  });

  test("another tenant's events are never merged in", async () => {
    const r = await fx.spl('| multisearch [search index=main] [search index=audit] | stats count', {
      org: 'other',
    });
    assert.deepEqual(r.rows, [[1]]);
  });
});
