// `arules` on real chDB: association rules between the values of the listed fields, with their strength
// (the share of the results with the given value that have the implied one) and supports. Search Reference
// 9.4, arules: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/arules
// (its examples: `arules field1 field2 field3` and `arules sup=3 conf=.6 field1 field2 field3`).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultsFixture } from '../helpers/results-fixture.ts';
import { resultsEvent, resultsFixture } from '../helpers/results-fixture.ts';

const now = Date.now();
let fx: ResultsFixture;

// host → status: web01 has 200 three times and 500 once, web02 500 three times, web03 200 once. Only two
// results have a user (both alice on web01), too few for any rule at sup=3.
before(async () => {
  const at = (minutes: number, host: string, status: string, user?: string) =>
    resultsEvent(now, minutes, 'main', host, user ? { status, user } : { status });
  fx = await resultsFixture(now, [
    at(1, 'web01', '200', 'alice'),
    at(2, 'web01', '200', 'alice'),
    at(3, 'web01', '200'),
    at(4, 'web01', '500'),
    at(5, 'web02', '500'),
    at(6, 'web02', '500'),
    at(7, 'web02', '500'),
    at(8, 'web03', '200'),
    resultsEvent(now, 9, 'main', 'web09', { status: '200' }, { org_id: 'other' }),
  ]);
});

after(async () => {
  await fx.close();
});

const columns = [
  'Given fields',
  'Implied fields',
  'Strength',
  'Given fields support',
  'Implied fields support',
];

// The rules with at least 3 results having both values: web02 ⇒ 500 (3 of web02's 3), and at 3 of 4:
// 200 ⇒ web01, 500 ⇒ web02, web01 ⇒ 200. Ordered by strength, given support, then the values.
const rules = [
  ['web02', '500', 1, 3, 4],
  ['200', 'web01', 0.75, 4, 4],
  ['500', 'web02', 0.75, 4, 3],
  ['web01', '200', 0.75, 4, 4],
];

describe('arules', () => {
  test('the first example: the defaults sup=3 conf=.5 over three fields', async () => {
    const r = await fx.spl('index=main | arules host status user');
    assert.deepEqual(r.columns, columns);
    assert.deepEqual(r.rows, rules);
  });

  test('the second example: sup=3 conf=.6, then stricter limits', async () => {
    assert.deepEqual((await fx.spl('index=main | arules sup=3 conf=.6 host status user')).rows, rules);
    assert.deepEqual((await fx.spl('index=main | arules conf=.8 host status')).rows, [rules[0]]);
    assert.deepEqual((await fx.spl('index=main | arules sup=4 host status')).rows, []);
    // sup=2: alice's two results make rules too (alice ⇒ web01, alice ⇒ 200: 2 of 2).
    const r = await fx.spl('index=main | arules sup=2 conf=1 host status user');
    // (Equal strength: the higher given support first.)
    assert.deepEqual(r.rows, [
      ['web02', '500', 1, 3, 4],
      ['alice', '200', 1, 2, 4],
      ['alice', 'web01', 1, 2, 4],
    ]);
  });

  test("the tenant's own results only", async () => {
    assert.deepEqual((await fx.spl('index=main | arules sup=1 host status', { org: 'other' })).rows, [
      ['200', 'web09', 1, 1, 1],
      ['web09', '200', 1, 1, 1],
    ]);
  });

  test('bad arguments: positioned diagnostics', async () => {
    assert.deepEqual(await fx.failure('index=main | arules host'), [
      'semantic: `arules` needs at least two fields @20-24',
    ]);
    assert.deepEqual(await fx.failure('index=main | arules conf=2 host status'), [
      'semantic: `conf` must be a number from 0 to 1, found `2` @25-26',
    ]);
    assert.deepEqual(await fx.failure('index=main | arules sup=0 host status'), [
      'semantic: `sup` must be a whole number ≥ 1, found `0` @24-25',
    ]);
  });
});
