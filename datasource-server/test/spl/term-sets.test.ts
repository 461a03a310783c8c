// Long OR lists of `field=value` search terms compile to one set test (`has` over an array parameter), so
// 8,000 terms run instead of passing ClickHouse's `max_query_size` (issue 18 saw a 400 from the engine),
// with the rules of one term each: case-insensitive, numeric equality for numbers, any value of a
// multivalue field. Search Reference 9.4, search (field=value, OR).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'a', 'h1', { user: 'Ann', status: '500.0' }),
    fixtureEvent(now, 2, 'b', 'h2', { user: 'bob', status: 404 }),
    fixtureEvent(now, 3, 'c', 'h3', { user: ['zed', 'u7'], status: '200' }),
    fixtureEvent(now, 4, 'd', 'h4', { user: 'carl', status: '302' }),
  ]);
});

after(async () => {
  await fx.close();
});

/** `field=v1 OR field=v2 …` over `values`, padded with `pad` values that match nothing. */
const orList = (field: string, values: readonly string[], pad: number): string =>
  [...values, ...Array.from({ length: pad }, (_, i) => `nobody${i}`)]
    .map((v) => `${field}=${v}`)
    .join(' OR ');

test('8,000 OR-ed terms on one field run, and match what the short list matches', async () => {
  const short = await fx.spl(`index=main (${orList('user', ['ANN', 'u7'], 0)}) | sort host | table host`);
  const long = await fx.spl(`index=main (${orList('user', ['ANN', 'u7'], 8_000)}) | sort host | table host`);
  assert.deepEqual(short.rows, [['h1'], ['h3']]);
  assert.deepEqual(long.rows, short.rows);
});

test('numbers compare as numbers in the set (500 matches 500.0), as one term does', async () => {
  const r = await fx.spl(`index=main (${orList('status', ['500', '404'], 30)}) | sort host | table host`);
  assert.deepEqual(r.rows, [['h1'], ['h2']]);
});

test('other terms of the OR keep their own test beside the set', async () => {
  const r = await fx.spl(
    `index=main (${orList('user', ['bob'], 30)} OR host=h4 OR user=ca*) | sort host | table host`,
  );
  assert.deepEqual(r.rows, [['h2'], ['h4']]);
});
