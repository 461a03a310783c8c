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
