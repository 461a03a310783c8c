// `union` on real chDB: datasets (subsearches and lookup tables) merged; streaming ones interleaved by
// `_time`, others one after the other, cut to `maxout`. Search Reference 9.4, union:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/union

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultsFixture } from '../helpers/results-fixture.ts';
import { resultsEvent, resultsFixture } from '../helpers/results-fixture.ts';

const now = Date.now();
let fx: ResultsFixture;

before(async () => {
  fx = await resultsFixture(now, [
    resultsEvent(now, 1, 'main', 'web01', { category: 'books' }),
    resultsEvent(now, 2, 'audit', 'sec01', { category: 'login' }),
    resultsEvent(now, 3, 'main', 'web02', { category: 'books' }),
    resultsEvent(now, 4, 'audit', 'sec02', { category: 'logout' }),
    resultsEvent(now, 5, 'main', 'web03', { category: 'games' }),
    resultsEvent(now, 6, 'main', 'web09', { category: 'secret' }, { org_id: 'other' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('union', () => {
  test('two streaming subsearches: their events interleaved by time, newest first', async () => {
    const r = await fx.spl('| union [search index=main] [search index=audit] | table host');
    assert.deepEqual(r.rows, [['web01'], ['sec01'], ['web02'], ['sec02'], ['web03']]);
  });

  test('the Search Reference example: incoming chart results, then a subsearch chart (appended in order)', async () => {
    const r = await fx.spl(
      'index=main | chart count BY category | union [search index=audit | chart count BY category]',
    );
    assert.deepEqual(r.columns, ['category', 'count']);
    assert.deepEqual(r.rows, [
      ['books', 2],
      ['games', 1],
      ['login', 1],
      ['logout', 1],
    ]);
  });

  test('maxout cuts each dataset after the first (non-streaming: appended)', async () => {
    const r = await fx.spl(
      '| union maxout=1 [search index=main | stats count BY host] [search index=audit | stats count BY host] | table host',
    );
    assert.deepEqual(r.rows, [['web01'], ['web02'], ['web03'], ['sec01']]);
  });

  test("a lookup table as a dataset: the tenant's own table", async () => {
    const r = await fx.spl(
      '| union [search index=audit | stats count BY host] inputlookup:users | table host user department',
    );
    assert.deepEqual(r.rows, [
      ['sec01', null, null],
      ['sec02', null, null],
      [null, 'alice', 'eng'],
      [null, 'bob', 'ops'],
    ]);
  });

  test('an unknown data model or a saved search: a diagnostic at its span', async () => {
    assert.deepEqual(await fx.failure('| union datamodel:Nope [search index=main]'), [
      'semantic: unknown data model `Nope` @18-22',
    ]);
    assert.deepEqual(await fx.failure('| union [search index=main] nonsense'), [
      'semantic: `union` takes datasets: subsearches or `<dataset-type>:<name>` @28-36',
    ]);
  });

  test("another tenant's events and lookup rows are never merged in", async () => {
    const r = await fx.spl(
      '| union [search index=main] [search index=audit] inputlookup:users | stats count',
      {
        org: 'other',
      },
    );
    assert.deepEqual(r.rows, [[2]]);
  });
});
