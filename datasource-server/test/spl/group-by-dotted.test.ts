// `stats … by` a dotted field name (`fields.org_id`, as a JSON event's nested key is named): the group key's
// alias would read as the JSON subcolumn of the table's `fields` column (a Dynamic, which ClickHouse refuses
// in GROUP BY: issue 18 saw a whole-query 400), so the printer names the key apart and renames it after.
// Search Reference 9.4, stats (BY clause).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'a', 'web01', { 'fields.org_id': 'o1', 'user.name': 'ann' }),
    fixtureEvent(now, 2, 'b', 'web02', { 'fields.org_id': 'o1', 'user.name': 'bob' }),
    fixtureEvent(now, 3, 'c', 'web01', { 'fields.org_id': 'o2', 'user.name': 'ann' }),
  ]);
});

after(async () => {
  await fx.close();
});

test('stats count by fields.org_id groups (was a 400 from the engine)', async () => {
  const r = await fx.spl('index=main | stats count by fields.org_id');
  assert.deepEqual(r.columns, ['fields.org_id', 'count']);
  assert.deepEqual(r.rows, [
    ['o1', 2],
    ['o2', 1],
  ]);
});

test('a dotted key beside a table column, and a dotted key made by eval', async () => {
  const r = await fx.spl('index=main | stats count by fields.org_id, host');
  assert.deepEqual(r.rows, [
    ['o1', 'web01', 1],
    ['o1', 'web02', 1],
    ['o2', 'web01', 1],
  ]);
  const e = await fx.spl('index=main | eval fields.k=host | stats dc(user.name) as users by fields.k');
  assert.deepEqual(e.rows, [
    ['web01', 1],
    ['web02', 1],
  ]);
});
