// `nomv` on real chDB: a multivalue field becomes one value, its values joined by newlines. Search
// Reference 9.4, nomv: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/nomv

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'a', 'h1', { senders: 'alice,bob' }),
    fixtureEvent(now, 2, 'b', 'h2', { senders: 'carol' }),
    fixtureEvent(now, 3, 'c', 'h3'),
  ]);
});

after(async () => {
  await fx.close();
});

describe('nomv', () => {
  test('the page example: the senders of each event as one value', async () => {
    const r = await fx.spl('index=main | makemv delim="," senders | nomv senders | table host, senders');
    assert.deepEqual(r.rows, [
      ['h1', 'alice\nbob'],
      ['h2', 'carol'],
      ['h3', null],
    ]);
  });

  test('after stats: values() as one value, which mvcount then counts as one', async () => {
    const r = await fx.spl('index=main | stats values(host) AS hosts | nomv hosts | eval n=mvcount(hosts)');
    assert.deepEqual(r.rows, [['h1\nh2\nh3', 1]]);
  });

  test('no field, two fields or an internal field are errors', async () => {
    await assert.rejects(fx.spl('index=main | nomv'), /needs the name of a field/);
    await assert.rejects(fx.spl('index=main | nomv a b'), /takes one field, found `b`/);
    await assert.rejects(fx.spl('index=main | nomv _raw'), /internal field/);
  });
});
