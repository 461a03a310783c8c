// `bucketdir` on real chDB: paths rolled up into directories, at most `maxcount` results, sizes summed.
// Search Reference 9.4, bucketdir: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/bucketdir

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

const sources = [
  '/var/log/nginx/access.log',
  '/var/log/nginx/access.log',
  '/var/log/nginx/error.log',
  '/var/log/syslog',
  '/opt/app/logs/app.log',
  '/opt/app/logs/app.log',
  '/opt/app/logs/app.log',
];
before(async () => {
  fx = await splFixture(
    now,
    sources.map((source, i) => fixtureEvent(now, i + 1, `e${i}`, 'h1', {}, { source })),
  );
});

after(async () => {
  await fx.close();
});

describe('bucketdir', () => {
  test('the page example: top source | bucketdir pathfield=source sizefield=count maxcount=10', async () => {
    // Four sources fit in 10: unchanged, largest first.
    const r = await fx.spl(
      'index=main | top limit=100 source | bucketdir pathfield=source sizefield=count maxcount=10',
    );
    assert.deepEqual(r.columns, ['source', 'count']);
    assert.deepEqual(r.rows, [
      ['/opt/app/logs/app.log', 3],
      ['/var/log/nginx/access.log', 2],
      ['/var/log/nginx/error.log', 1],
      ['/var/log/syslog', 1],
    ]);
  });

  test('fewer results allowed: the deepest directories that fit', async () => {
    const three = await fx.spl(
      'index=main | top limit=100 source | bucketdir pathfield=source sizefield=count maxcount=3',
    );
    assert.deepEqual(three.rows, [
      ['/opt/app/logs/', 3],
      ['/var/log/nginx/', 3],
      ['/var/log/syslog', 1],
    ]);
    const two = await fx.spl('index=main | stats count AS totalCount BY source | bucketdir maxcount=2');
    assert.deepEqual(two.rows, [
      ['/var/log/', 4],
      ['/opt/app/', 3],
    ]);
  });

  test('countfield is summed too; raw events are an error', async () => {
    const r = await fx.spl(
      'index=main | stats count AS n, dc(host) AS hosts BY source | bucketdir pathfield=source sizefield=n countfield=hosts maxcount=2',
    );
    assert.deepEqual(r.rows, [
      ['/var/log/', 4, 3],
      ['/opt/app/', 3, 1],
    ]);
    await assert.rejects(fx.spl('index=main | bucketdir pathfield=source sizefield=n'), /over raw events/);
  });
});
