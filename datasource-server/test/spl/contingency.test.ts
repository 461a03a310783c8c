// `contingency` on real chDB: a row per value of the first field, a column per value of the second, each
// cell the number of results with both; row and column totals. Search Reference 9.4, contingency:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/contingency

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultsFixture } from '../helpers/results-fixture.ts';
import { resultsEvent, resultsFixture } from '../helpers/results-fixture.ts';

const now = Date.now();
let fx: ResultsFixture;

const purchases: [string, string][] = [
  ['purchase', 'STRATEGY'],
  ['purchase', 'STRATEGY'],
  ['purchase', 'ARCADE'],
  ['view', 'STRATEGY'],
  ['view', 'ARCADE'],
  ['view', 'ARCADE'],
  ['view', 'ARCADE'],
  ['remove', 'SIMULATION'],
];

before(async () => {
  fx = await resultsFixture(now, [
    ...purchases.map(([action, categoryId], i) =>
      resultsEvent(now, i + 1, 'main', 'web01', { action, categoryId }),
    ),
    // No categoryId: not counted.
    resultsEvent(now, 20, 'main', 'web01', { action: 'view' }),
    resultsEvent(now, 21, 'main', 'web09', { action: 'view', categoryId: 'ARCADE' }, { org_id: 'other' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('contingency', () => {
  test('the Search Reference example `contingency action categoryId`: counts, totals, rows by total', async () => {
    const r = await fx.spl('index=main | contingency action categoryId');
    assert.deepEqual(r.columns, ['action', 'ARCADE', 'SIMULATION', 'STRATEGY', 'TOTAL']);
    assert.deepEqual(r.rows, [
      ['view', 3, 0, 1, 4],
      ['purchase', 1, 0, 2, 3],
      ['remove', 0, 1, 0, 1],
      ['TOTAL', 4, 1, 3, 8],
    ]);
  });

  test('the Search Reference example with `maxrows=`/`maxcols=` and `usetotal=F`: the most frequent values only', async () => {
    const r = await fx.spl('index=main | contingency action categoryId maxrows=2 maxcols=2 usetotal=F');
    assert.deepEqual(r.columns, ['action', 'ARCADE', 'STRATEGY']);
    assert.deepEqual(r.rows, [
      ['view', 3, 1],
      ['purchase', 1, 2],
    ]);
  });

  test('totalstr= names the totals row and column; ctable is the same command (a row with no kept column stays, at 0)', async () => {
    const r = await fx.spl('index=main | ctable totalstr=All action categoryId maxcols=1');
    assert.deepEqual(r.columns, ['action', 'ARCADE', 'All']);
    assert.deepEqual(r.rows, [
      ['view', 3, 3],
      ['purchase', 1, 1],
      ['remove', 0, 0],
      ['All', 4, 4],
    ]);
  });

  test('mincolcover= / minrowcover=: the most frequent values until they hold that share of the results', async () => {
    // Column totals ARCADE 4, STRATEGY 3, SIMULATION 1 of 8: 0.5 keeps ARCADE (it reaches 4/8); 0.6 also
    // STRATEGY (4/8 before it is below 0.6); row totals view 4, purchase 3, remove 1: 0.9 keeps all three
    // (7/8 before remove is below 0.9), 0.8 the first two.
    const cols = await fx.spl('index=main | contingency mincolcover=0.5 usetotal=F action categoryId');
    assert.deepEqual(cols.columns, ['action', 'ARCADE']);
    const more = await fx.spl('index=main | contingency mincolcover=0.6 usetotal=F action categoryId');
    assert.deepEqual(more.columns, ['action', 'ARCADE', 'STRATEGY']);
    const rows = await fx.spl('index=main | contingency minrowcover=0.8 usetotal=F action categoryId');
    assert.deepEqual(
      rows.rows.map((r) => r[0]),
      ['view', 'purchase'],
    );
    const all = await fx.spl('index=main | contingency minrowcover=0.9 usetotal=F action categoryId');
    assert.deepEqual(
      all.rows.map((r) => r[0]),
      ['view', 'purchase', 'remove'],
    );
  });

  test('one field, or a cover outside (0, 1]: positioned diagnostics', async () => {
    assert.deepEqual(await fx.failure('index=main | contingency action'), [
      'semantic: `contingency` takes two fields: the rows’ field and the columns’ field @13-24',
    ]);
    assert.deepEqual(await fx.failure('index=main | contingency mincolcover=1.5 action categoryId'), [
      'semantic: `mincolcover` is a share of the results, above 0 and at most 1 @37-40',
    ]);
  });
});
