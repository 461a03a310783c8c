// `addinfo` on real chDB: the search's time range, search time and id on every result. Search Reference
// 9.4, addinfo: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/addinfo

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

// Whole seconds, so the epoch-second fields are exact.
const now = Math.floor(Date.now() / 1000) * 1000;
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 10, 'a', 'h1'),
    fixtureEvent(now, 30, 'b', 'h1'),
    fixtureEvent(now, 90, 'c', 'h2'),
  ]);
});

after(async () => {
  await fx.close();
});

describe('addinfo', () => {
  test('the page example: the range (last 24 hours), the search time and a search id', async () => {
    const r = await fx.spl(
      'index=main | head 1 | addinfo | table info_min_time, info_max_time, info_search_time, info_sid',
    );
    const [row] = r.rows;
    assert.deepEqual(row?.slice(0, 3), [(now - 86_400_000) / 1000, now / 1000, now / 1000]);
    assert.match(String(row?.[3]), /^[0-9a-f-]{36}$/);
  });

  test('the heartbeat example: how long before the end of the range each host was last seen', async () => {
    const r = await fx.spl(
      'index=main | stats latest(_time) AS latest_time BY host | addinfo | eval latest_age = info_max_time - latest_time | fields - info_* | table host, latest_age',
    );
    assert.deepEqual(r.rows, [
      ['h1', 600],
      ['h2', 5400],
    ]);
  });

  test('earliest= in the search sets info_min_time', async () => {
    const r = await fx.spl('index=main earliest=-1h | stats count | addinfo | table count, info_min_time');
    assert.deepEqual(r.rows, [[2, (now - 3_600_000) / 1000]]);
  });

  test('arguments are an error', async () => {
    await assert.rejects(fx.spl('index=main | addinfo x'), /takes no arguments/);
  });
});
