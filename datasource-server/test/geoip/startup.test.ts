// main.ts and the IP country database: with NEXUS_GEOIP=off the table and dictionary still exist, so
// `iplocation` runs (finding no country) instead of failing; with `on` the networks load in the background
// (the load itself: iplocation.test.ts).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_TOKEN, tempDir } from '../helpers/env.ts';
import type { Running } from '../helpers/server.ts';
import { start, stop } from '../helpers/server.ts';

let server: Running;

before(async () => {
  server = await start({ NEXUS_DATA_DIR: tempDir(), NEXUS_ADMIN_TOKEN: ADMIN_TOKEN, NEXUS_GEOIP: 'off' });
});

after(async () => {
  await stop(server);
});

test('NEXUS_GEOIP=off: iplocation answers, with no country', async () => {
  // The dictionary is created in the background just after startup: wait for its log line.
  const deadline = Date.now() + 20_000;
  while (!server.stdout().includes('geoip ready') && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  assert.match(server.stdout(), /"msg":"geoip ready".*"networks":0/);
  const res = await fetch(`http://127.0.0.1:${server.port}/query/spl`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      query: '| makeresults | eval ip="81.2.69.160" | iplocation ip | table ip Country',
      earliest: '-1h',
      latest: 'now',
    }),
  });
  const body = await res.text();
  assert.equal(res.status, 200, body);
  assert.deepEqual((JSON.parse(body) as { rows: unknown[][] }).rows, [['81.2.69.160', null]]);
});
