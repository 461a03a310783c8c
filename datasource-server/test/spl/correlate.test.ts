// `correlate` on real chDB: for each pair of fields, how often they occur in the same results, as a matrix
// with a row per field (`RowField`). Search Reference 9.4, correlate:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/correlate

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultsFixture } from '../helpers/results-fixture.ts';
import { resultsEvent, resultsFixture } from '../helpers/results-fixture.ts';

const now = Date.now();
let fx: ResultsFixture;

before(async () => {
  fx = await resultsFixture(now, [
    resultsEvent(now, 1, 'main', 'web01', { status: '200', user: 'alice' }),
    resultsEvent(now, 2, 'main', 'web02', { status: '500' }),
    resultsEvent(now, 3, 'main', 'web03', { user: 'bob' }),
    resultsEvent(now, 4, 'main', 'web04', { status: '404', user: 'carol' }),
    resultsEvent(now, 5, 'main', 'web05', { status: '404', user: 'eve' }, { org_id: 'other' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('correlate', () => {
  test('the Search Reference example: the co-occurrence of every pair of fields', async () => {
    const r = await fx.spl('index=main | table host status user | correlate');
    // The Search Manual's `correlate type=cocur` is the same.
    assert.deepEqual(
      (await fx.spl('index=main | table host status user | correlate type=cocur')).rows,
      r.rows,
    );
    assert.deepEqual(r.columns, ['RowField', 'host', 'status', 'user']);
    // host is in all 4 results, status in 3, user in 3, status and user together in 2 of the 4 that
    // have either.
    assert.deepEqual(r.rows, [
      ['host', 1, 0.75, 0.75],
      ['status', 0.75, 1, 0.5],
      ['user', 0.75, 0.5, 1],
    ]);
  });

  test("the tenant's own results only", async () => {
    const r = await fx.spl('index=main | table status user | correlate', { org: 'other' });
    assert.deepEqual(r.rows, [
      ['status', 1, 1],
      ['user', 1, 1],
    ]);
  });

  test('raw events, or an argument: positioned diagnostics', async () => {
    assert.deepEqual(await fx.failure('index=main | correlate'), [
      "unsupported: `correlate` needs the fields named first: raw events' field names are only known once the search runs @13-22",
    ]);
    assert.deepEqual(await fx.failure('index=main | table host | correlate host'), [
      'semantic: `correlate` takes no arguments besides `type=cocur` @36-40',
    ]);
  });
});
