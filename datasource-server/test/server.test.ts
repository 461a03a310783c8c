// End-to-end: the real src/main.ts as a child process: ready, ingest over HTTP, SIGTERM, restart, durability.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, test } from 'node:test';
import { loadConfig } from '../src/config.ts';
import { createStore } from '../src/store/store.ts';
import { ADMIN_TOKEN, tempDir } from './helpers/env.ts';
import type { Running } from './helpers/server.ts';
import { start, stop } from './helpers/server.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function hec(r: Running, token: string, body: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://127.0.0.1:${r.port}/services/collector/event`, {
    method: 'POST',
    headers: { Authorization: `Splunk ${token}` },
    body,
  });
  return { status: res.status, body: await res.json() };
}

test('ingest, SIGTERM exits 0, restart on the same dir, events are durable', async () => {
  const dir = tempDir();
  dirs.push(dir);
  const env = { NEXUS_DATA_DIR: dir, NEXUS_ADMIN_TOKEN: ADMIN_TOKEN };
  const first = await start(env);
  const events = [1, 2, 3].map((i) => JSON.stringify({ event: `e${i} n=${i}`, host: 'srv' })).join('');
  assert.deepEqual(await hec(first, ADMIN_TOKEN, events), {
    status: 200,
    body: { text: 'Success', code: 0 },
  });
  // Accepted just before SIGTERM: must still be committed by the shutdown flush.
  const late = hec(first, ADMIN_TOKEN, JSON.stringify({ event: 'late', host: 'srv' }));
  await new Promise((r) => setTimeout(r, 20));
  const code = await stop(first);
  assert.equal((await late).status, 200);
  assert.equal(code, 0);

  const second = await start(env);
  assert.equal((await hec(second, ADMIN_TOKEN, JSON.stringify({ event: 'e4', host: 'srv' }))).status, 200);
  assert.equal(await stop(second), 0);

  const store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
  try {
    const r = await store.query({
      sql: "SELECT count(), uniqExact(_raw) FROM logs WHERE host = 'srv'",
      params: {},
    });
    assert.deepEqual(r.rows, [['5', '5']]);
  } finally {
    await store.close();
  }
});

test('without NEXUS_ADMIN_TOKEN a token is printed once, and keeps working after a restart', async () => {
  const dir = tempDir();
  dirs.push(dir);
  const first = await start({ NEXUS_DATA_DIR: dir });
  const m = /"token":"([0-9a-f-]{36})"/.exec(first.stdout());
  assert.ok(m?.[1], 'the first start prints a token');
  const token = m[1];
  assert.equal(await stop(first), 0);

  const second = await start({ NEXUS_DATA_DIR: dir });
  assert.doesNotMatch(second.stdout(), /"token"/);
  assert.equal((await hec(second, token, JSON.stringify({ event: 'x' }))).status, 200);
  assert.equal((await hec(second, 'wrong-token-0000', JSON.stringify({ event: 'x' }))).status, 403);
  assert.equal(await stop(second), 0);
});
