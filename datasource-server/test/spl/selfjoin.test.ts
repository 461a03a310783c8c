// `selfjoin` on real chDB: each result joined with the other results that share the join fields' values.
// Search Reference 9.4, selfjoin:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/selfjoin

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultsFixture } from '../helpers/results-fixture.ts';
import { resultsEvent, resultsFixture } from '../helpers/results-fixture.ts';

const now = Date.now();
let fx: ResultsFixture;

before(async () => {
  fx = await resultsFixture(now, [
    resultsEvent(now, 1, 'main', 'web01', { id: 'a', step: 'start', user: 'alice' }),
    resultsEvent(now, 2, 'main', 'web02', { id: 'a', step: 'end' }),
    resultsEvent(now, 3, 'main', 'web03', { id: 'b', step: 'start', user: 'bob' }),
    resultsEvent(now, 4, 'main', 'web04', { id: 'c', step: 'start' }),
    resultsEvent(now, 5, 'main', 'web05', { id: 'c', step: 'retry' }),
    resultsEvent(now, 6, 'main', 'web06', { id: 'c', step: 'end' }),
  ]);
});

after(async () => {
  await fx.close();
});

const table = 'index=main | table id step user';

describe('selfjoin', () => {
  test('the Search Reference example `selfjoin id`: each result with the first other result of its id', async () => {
    const r = await fx.spl(`${table} | selfjoin id`);
    assert.deepEqual(r.columns, ['id', 'step', 'user']);
    // overwrite=true (the default): the other result's values (`user` is empty in the other `a`, as with
    // `join`); `b` has no other result and is dropped (keepsingle=false).
    assert.deepEqual(r.rows, [
      ['a', 'end', null],
      ['a', 'start', 'alice'],
      ['c', 'retry', null],
      ['c', 'start', null],
      ['c', 'start', null],
    ]);
  });

  test('overwrite=false keeps the result’s values; max=0 joins every other result; keepsingle=true keeps `b`', async () => {
    const r = await fx.spl(`${table} | selfjoin overwrite=false max=0 keepsingle=true id`);
    assert.deepEqual(r.rows, [
      ['a', 'start', 'alice'],
      ['a', 'end', 'alice'],
      ['b', 'start', 'bob'],
      ['c', 'start', null],
      ['c', 'start', null],
      ['c', 'retry', null],
      ['c', 'retry', null],
      ['c', 'end', null],
      ['c', 'end', null],
    ]);
  });

  test('over raw events, then a table', async () => {
    const r = await fx.spl('index=main | selfjoin id | table host id');
    assert.deepEqual(r.rows, [
      ['web02', 'a'],
      ['web01', 'a'],
      ['web05', 'c'],
      ['web04', 'c'],
      ['web04', 'c'],
    ]);
  });

  test('no field: a positioned diagnostic', async () => {
    assert.deepEqual(await fx.failure('index=main | selfjoin max=2'), [
      'semantic: `selfjoin` needs the fields to join on @13-21',
    ]);
  });
});
