// The query connection pool: round-robin across tenants, a per-tenant cap on connections held, aborts.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Pool } from '../../src/store/pool.ts';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

test('a tenant with ten searches waiting delays another tenant’s one by one turn at most', async () => {
  const pool = new Pool(['c1', 'c2'], { perKey: 2 });
  const a1 = await pool.acquire(undefined, 'a');
  const a2 = await pool.acquire(undefined, 'a');
  const served: string[] = [];
  const waits = Array.from({ length: 10 }, (_, i) =>
    pool.acquire(undefined, 'a').then((c) => {
      served.push(`a${i}`);
      return c;
    }),
  );
  const b = pool.acquire(undefined, 'b').then((c) => {
    served.push('b');
    return c;
  });
  pool.release(a1);
  await tick();
  pool.release(a2);
  await tick();
  // a0 was queued first and gets the first turn; b gets the very next one, not the 11th.
  assert.deepEqual(served, ['a0', 'b']);
  pool.release(await b);
  for (const w of waits) pool.release(await w);
  assert.equal(served.length, 11);
});

test('one tenant never holds more than its share: another tenant finds a free connection', async () => {
  const pool = new Pool(['c1', 'c2', 'c3', 'c4'], { perKey: 3 });
  const held = await Promise.all([1, 2, 3].map(() => pool.acquire(undefined, 'a')));
  let fourth = false;
  const queued = pool.acquire(undefined, 'a').then((c) => ((fourth = true), c));
  await tick();
  assert.equal(fourth, false, 'tenant a got a fourth connection');
  const b = await pool.acquire(undefined, 'b');
  assert.ok(!held.includes(b));
  pool.release(b);
  await tick();
  assert.equal(fourth, false, 'the freed connection went over tenant a’s share');
  const [first] = held;
  assert.ok(first !== undefined);
  pool.release(first);
  assert.ok(held.includes(await queued));
  assert.equal(pool.waiting, 0);
});

test('an aborted waiter leaves its queue and the next one is served', async () => {
  const pool = new Pool(['c1'], { perKey: 1 });
  const c = await pool.acquire(undefined, 'a');
  const ac = new AbortController();
  const gone = pool.acquire(ac.signal, 'b');
  const next = pool.acquire(undefined, 'c');
  ac.abort(new Error('left'));
  await assert.rejects(gone, /left/);
  pool.release(c);
  assert.equal(await next, 'c1');
});

test('the engine’s threads are shared among the tenants searching lately', async () => {
  const pool = new Pool(['c1', 'c2', 'c3', 'c4', 'c5', 'c6'], {
    perKey: 4,
    share: { threads: 4, windowMs: 60_000 },
  });
  // Alone, a tenant holds its connections up to perKey and uses the engine's own threads.
  const a = [await pool.acquire(undefined, 'a'), await pool.acquire(undefined, 'a')];
  assert.equal(pool.threadsFor('a'), undefined);
  // A second tenant searching: each may hold ⌊4 ÷ 2⌋ = 2, each search with 2 threads.
  const b1 = await pool.acquire(undefined, 'b');
  assert.equal(pool.activeKeys(), 2);
  assert.equal(pool.threadsFor('a'), 2);
  assert.equal(pool.threadsFor('b'), 2);
  let a3: string | undefined;
  void pool.acquire(undefined, 'a').then((c) => (a3 = c));
  await tick();
  assert.equal(a3, undefined, 'tenant a waits: it holds its share');
  const b2 = await pool.acquire(undefined, 'b');
  // A third tenant: ⌊4 ÷ 3⌋ = 1 each; the service's own statements are never held back.
  const c1 = await pool.acquire(undefined, 'c');
  assert.equal(pool.threadsFor('c'), 1);
  assert.equal(pool.threadsFor(''), undefined);
  const service = await pool.acquire(undefined);
  pool.release(service);
  pool.release(a[0] ?? '');
  await tick();
  assert.equal(a3, undefined, 'tenant a still holds more than a third of the threads');
  pool.release(a[1] ?? '');
  await tick();
  assert.notEqual(a3, undefined, 'tenant a is served once it holds less than its share');
  for (const c of [a3 ?? '', b1, b2, c1]) pool.release(c);
});

test('a tenant that stopped searching no longer counts for the share', async () => {
  const pool = new Pool(['c1', 'c2', 'c3'], { share: { threads: 2, windowMs: 30 } });
  pool.release(await pool.acquire(undefined, 'b'));
  const a1 = await pool.acquire(undefined, 'a');
  assert.equal(pool.threadsFor('a'), 1);
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(pool.activeKeys(), 1, 'b has not searched for longer than the window');
  assert.equal(pool.threadsFor('a'), undefined);
  const a2 = await pool.acquire(undefined, 'a');
  pool.release(a1);
  pool.release(a2);
});
