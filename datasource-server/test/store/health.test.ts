// The store's readiness (src/store/health.ts): probes share one recent check, at most one check runs at a time,
// a check that does not answer makes the store unready, and a closed chDB store is reported as unavailable.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { StoreHealth } from '../../src/store/health.ts';
import { createStore } from '../../src/store/index.ts';

/** A ping whose answers the test gives, one per call, and a clock the test moves. */
function scripted() {
  const calls: { resolve: () => void; reject: (e: Error) => void }[] = [];
  let now = 0;
  const observed: number[] = [];
  const health = new StoreHealth({
    ping: () => new Promise<void>((resolve, reject) => calls.push({ resolve, reject })),
    freshMs: 1000,
    timeoutMs: 2000,
    observe: (s) => observed.push(s),
    now: () => now,
  });
  return {
    health,
    calls,
    observed,
    at: (ms: number) => (now = ms),
  };
}

const tick = () => new Promise((r) => setImmediate(r));

test('probes while an answer is fresh share it; one in its second half starts the next check', async () => {
  const s = scripted();
  const first = s.health.status();
  assert.equal(s.calls.length, 1);
  s.at(4);
  s.calls[0]?.resolve();
  assert.deepEqual(await first, { ok: true });
  assert.deepEqual(s.observed, [0.004]);
  await tick();
  s.at(400);
  assert.deepEqual(await s.health.status(), { ok: true });
  assert.equal(s.calls.length, 1, 'a fresh answer is shared: no new check');
  s.at(700);
  assert.deepEqual(await s.health.status(), { ok: true });
  assert.equal(
    s.calls.length,
    2,
    'in the answer second half: the next check starts, the probe does not wait',
  );
  s.at(800);
  await s.health.status();
  assert.equal(s.calls.length, 2, 'one check at a time');
});

test('after a quiet spell a probe waits for its own check, and gets its failure', async () => {
  const s = scripted();
  const first = s.health.status();
  s.calls[0]?.resolve();
  await first;
  await tick();
  s.at(10_000);
  const late = s.health.status();
  assert.equal(s.calls.length, 2);
  s.calls[1]?.reject(new Error('Code: 210. Connection refused'));
  assert.deepEqual(await late, { ok: false, reason: 'Code: 210. Connection refused' });
  await tick();
  s.at(10_100);
  assert.deepEqual(await s.health.status(), { ok: false, reason: 'Code: 210. Connection refused' });
});

test('a check unanswered for longer than the timeout makes the store unready at once', async () => {
  const s = scripted();
  const first = s.health.status();
  s.calls[0]?.resolve();
  await first;
  await tick();
  s.at(600);
  await s.health.status(); // starts the next check, which never answers
  assert.equal(s.calls.length, 2);
  s.at(900);
  assert.deepEqual(await s.health.status(), { ok: true }, 'the first answer is still fresh');
  s.at(2700);
  const r = await s.health.status();
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.reason, /^the store has not answered for 2100 ms$/);
});

test('a real chDB store: ready while open, unavailable once closed', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-health-'));
  const store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
  let now = 0;
  const health = new StoreHealth({
    ping: () => store.ping(),
    freshMs: 1000,
    timeoutMs: 2000,
    now: () => now,
  });
  try {
    assert.deepEqual(await health.status(), { ok: true });
    await store.close();
    now = 5000;
    const r = await health.status();
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.reason, /closed/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
