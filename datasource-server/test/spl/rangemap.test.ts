// `rangemap` on real chDB: the name of every range a value is in, in `range`; the default (`None`) for a
// value in none of them or not a number. Search Reference 9.4, rangemap:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/rangemap

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'a', 'h1', { date_second: '12' }),
    fixtureEvent(now, 2, 'b', 'h2', { date_second: '35' }),
    fixtureEvent(now, 3, 'c', 'h3', { date_second: '55' }),
    fixtureEvent(now, 4, 'd', 'h4', { date_second: 'x' }),
    fixtureEvent(now, 5, 'e', 'h5'),
  ]);
});

after(async () => {
  await fx.close();
});

describe('rangemap', () => {
  test('the page example: date_second in green=1-30 blue=31-39 red=40-59, default gray', async () => {
    const r = await fx.spl(
      'index=main | rangemap field=date_second green=1-30 blue=31-39 red=40-59 default=gray | table host, range',
    );
    assert.deepEqual(r.rows, [
      ['h1', 'green'],
      ['h2', 'blue'],
      ['h3', 'red'],
      // Not a number, and missing: the default.
      ['h4', 'gray'],
      ['h5', 'gray'],
    ]);
  });

  test('overlapping ranges give every name; without default= the default is None', async () => {
    const r = await fx.spl(
      'index=main | rangemap field=date_second low=1-35 elevated=30-50 Dislike=-5--1 | table host, range',
    );
    assert.deepEqual(r.rows, [
      ['h1', 'low'],
      ['h2', ['low', 'elevated']],
      ['h3', 'None'],
      ['h4', 'None'],
      ['h5', 'None'],
    ]);
  });

  test('stats over the names', async () => {
    const r = await fx.spl(
      'index=main | rangemap field=date_second low=0-40 high=41-100 | stats count BY range',
    );
    assert.deepEqual(r.rows, [
      ['None', 2],
      ['high', 1],
      ['low', 2],
    ]);
  });

  test('bad ranges and a missing field= are errors at their place', async () => {
    for (const [q, m] of [
      ['index=main | rangemap field=date_second low=a-10', /`low` must be a numeric range/],
      ['index=main | rangemap field=date_second low=10-1', /must start at or below its end/],
      ['index=main | rangemap low=1-10', /needs `field=<field>`/],
    ] as const) {
      await assert.rejects(fx.spl(q), (e: unknown) => {
        assert.ok(e instanceof QueryInputError, q);
        assert.match(e.message, m, q);
        assert.ok(
          e.errors.every((d) => d.line === 1 && d.column > 12),
          q,
        );
        return true;
      });
    }
  });
});
