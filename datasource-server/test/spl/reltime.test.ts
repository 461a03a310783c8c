// `reltime` on real chDB: how long before the search's `now` each event happened, in words. Search
// Reference 9.4, reltime: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/reltime

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

// Whole seconds, so the epoch-second fields are exact.
const now = Math.floor(Date.now() / 1000) * 1000;
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'a', 'h1', { t2: String(now / 1000 - 7200) }),
    fixtureEvent(now, 5, 'b', 'h2', { t2: String(now / 1000 + 300) }),
    fixtureEvent(now, 60 * 49, 'c', 'h3'),
    // Within the fixture's 30-day retention.
    fixtureEvent(now, 60 * 24 * 25, 'd', 'h4'),
  ]);
});

after(async () => {
  await fx.close();
});

describe('reltime', () => {
  test('the page example: `... | reltime` adds reltime from _time, in the largest whole unit', async () => {
    const r = await fx.spl('index=main earliest=-30d | reltime | table host, reltime');
    assert.deepEqual(r.rows, [
      ['h1', '1 minute ago'],
      ['h2', '5 minutes ago'],
      ['h3', '2 days ago'],
      ['h4', '25 days ago'],
    ]);
  });

  test('months and years, from a computed time field', async () => {
    const r = await fx.spl(
      '| makeresults | eval a=now()-400*86400, b=now()-65*86400 | reltime timefield="a,b" | table reltime_a, reltime_b',
    );
    assert.deepEqual(r.rows, [['1 year ago', '2 months ago']]);
  });

  test('several time fields with a prefix; a missing time stays missing; a future time', async () => {
    const r = await fx.spl(
      'index=main | reltime timefield="_time,t2" prefix=ago_ | table host, ago__time, ago_t2',
    );
    assert.deepEqual(r.rows, [
      ['h1', '1 minute ago', '2 hours ago'],
      ['h2', '5 minutes ago', 'in 5 minutes'],
    ]);
  });

  test('several time fields without a prefix: reltime_<field>', async () => {
    const r = await fx.spl(
      'index=main | head 1 | reltime timefield="_time,t2" | table reltime__time, reltime_t2',
    );
    assert.deepEqual(r.rows, [['1 minute ago', '2 hours ago']]);
  });
});
