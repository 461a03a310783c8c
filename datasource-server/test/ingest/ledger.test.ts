// Request-level idempotence (src/ingest/ledger.ts) on the real chDB store: a retried request adds no rows,
// a repeated event without a time of its own is stored again, and the ledger survives a restart.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RequestLedger, requestKey } from '../../src/ingest/ledger.ts';
import type { LogRow } from '../../src/store/types.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';

let env: TestEnv;
before(async () => {
  env = await testEnv();
});
after(async () => {
  await env.close();
});

const auth = { Authorization: `Splunk ${ADMIN_TOKEN}` };

async function hec(body: string, path = '/services/collector/event'): Promise<Response> {
  return env.app.request(path, { method: 'POST', headers: auth, body });
}

async function count(marker: string): Promise<number> {
  const r = await env.store.query({
    sql: 'SELECT count() FROM logs WHERE position(_raw, {m:String}) > 0',
    params: { m: marker },
  });
  return Number(r.rows[0]?.[0]);
}

/** An hour ago, in epoch seconds: recent enough for the table's retention. */
const BASE = Math.floor(Date.now() / 1000) - 3_600;

const timed = (marker: string, n: number): string =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ time: BASE + i, event: `${marker} event ${i}` })).join(
    '\n',
  );

describe('retried requests', () => {
  test('HEC: the same request three times stores its events once, and each answer is a success', async () => {
    const body = timed('retry-hec', 5);
    for (let i = 0; i < 3; i++) {
      const res = await hec(body);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { text: 'Success', code: 0 });
    }
    assert.equal(await count('retry-hec'), 5);
  });

  test('Vector: the same request twice stores its events once', async () => {
    const body = JSON.stringify([
      { message: 'retry-vector a', timestamp: new Date(BASE * 1000).toISOString(), host: 'h' },
      { message: 'retry-vector b', timestamp: new Date(BASE * 1000 + 1).toISOString(), host: 'h' },
    ]);
    for (let i = 0; i < 2; i++) {
      const res = await env.app.request('/ingest/logs', {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
        body,
      });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { accepted: 2 });
    }
    assert.equal(await count('retry-vector'), 2);
  });

  test('concurrent copies of one request store it once', async () => {
    const body = timed('retry-concurrent', 3);
    const answers = await Promise.all(Array.from({ length: 4 }, () => hec(body)));
    assert.deepEqual(
      answers.map((r) => r.status),
      [200, 200, 200, 200],
    );
    assert.equal(await count('retry-concurrent'), 3);
  });

  test('a repeated event with no time of its own is new data (a heartbeat), and is stored again', async () => {
    const body = JSON.stringify({ event: 'heartbeat-no-time' });
    for (let i = 0; i < 3; i++) assert.equal((await hec(body)).status, 200);
    assert.equal(await count('heartbeat-no-time'), 3);
  });

  test('the same body on another route is another request', async () => {
    const body = timed('other-route', 2);
    assert.equal((await hec(body, '/services/collector/event')).status, 200);
    assert.equal((await hec(body, '/services/collector/event')).status, 200);
    assert.equal((await hec(body, '/services/collector')).status, 200);
    assert.equal(await count('other-route'), 4);
  });

  test('the rows carry their request key, which holds their count', async () => {
    await hec(timed('keyed-rows', 2));
    const r = await env.store.query({
      sql: "SELECT DISTINCT _request FROM logs WHERE position(_raw, 'keyed-rows') > 0",
      params: {},
    });
    assert.equal(r.rows.length, 1);
    assert.match(String(r.rows[0]?.[0]), /^[0-9a-f]{32}:2$/);
  });
});

describe('the ledger itself', () => {
  const row = (raw: string, time: number): LogRow => ({
    org_id: 'default',
    index: 'main',
    _time: time,
    host: 'h',
    source: 's',
    sourcetype: 'st',
    _raw: raw,
    fields: {},
  });

  test('a request is keyed only when no event took the time of receipt', () => {
    const received = 1_800_000_000_000;
    assert.equal(requestKey('o', 'POST /x', 'b', [row('a', 1), row('b', received)], received), undefined);
    assert.equal(requestKey('o', 'POST /x', 'b', [], received), undefined);
    const k = requestKey('o', 'POST /x', 'b', [row('a', 1), row('b', 2)], received);
    assert.match(k ?? '', /^[0-9a-f]{32}:2$/);
    assert.notEqual(requestKey('p', 'POST /x', 'b', [row('a', 1), row('b', 2)], received), k, 'tenant');
    assert.notEqual(requestKey('o', 'POST /y', 'b', [row('a', 1), row('b', 2)], received), k, 'route');
    assert.notEqual(requestKey('o', 'POST /x', 'c', [row('a', 1), row('b', 2)], received), k, 'body');
  });

  test('a failed write forgets the key, so the retry writes', async () => {
    const ledger = new RequestLedger({ windowMs: 60_000, maxKeys: 10 });
    const written: LogRow[][] = [];
    await assert.rejects(
      ledger.run('o', 'a'.repeat(32) + ':1', [row('x', 1)], () => Promise.reject(new Error('store down'))),
      /store down/,
    );
    assert.equal(
      await ledger.run('o', 'a'.repeat(32) + ':1', [row('x', 1)], (r) => {
        written.push(r);
        return Promise.resolve();
      }),
      true,
    );
    assert.equal(written.length, 1);
    assert.equal(written[0]?.[0]?._request, 'a'.repeat(32) + ':1');
  });

  test('keys are forgotten after the window and beyond the cap', async () => {
    let now = 0;
    const ledger = new RequestLedger({ windowMs: 1_000, maxKeys: 2, now: () => now });
    const write = (): Promise<void> => Promise.resolve();
    const key = (c: string): string => c.repeat(32) + ':1';
    assert.equal(await ledger.run('o', key('a'), [row('x', 1)], write), true);
    assert.equal(await ledger.run('o', key('a'), [row('x', 1)], write), false, 'a retry within the window');
    now = 2_000;
    assert.equal(await ledger.run('o', key('a'), [row('x', 1)], write), true, 'after the window');
    for (const c of ['b', 'c', 'd']) await ledger.run('o', key(c), [row('x', 1)], write);
    assert.equal(ledger.stats.keys, 2);
    assert.equal(await ledger.run('o', key('b'), [row('x', 1)], write), true, 'the oldest was forgotten');
  });

  test('recovery after a restart: committed requests are known, partly committed ones are deleted', async () => {
    const body = timed('recovered', 3);
    assert.equal((await hec(body)).status, 200);
    // A request whose INSERT died between two parts: 2 of its 3 rows are there.
    const partialKey = 'f'.repeat(32) + ':3';
    await env.store.insertLogs([
      { ...row('partial-request one', BASE * 1000), _request: partialKey },
      { ...row('partial-request two', BASE * 1000 + 1), _request: partialKey },
    ]);
    const fresh = new RequestLedger({ windowMs: 600_000, maxKeys: 1_000 });
    const recovered = await fresh.recover(env.store);
    assert.ok(recovered.keys >= 1);
    assert.equal(recovered.partial, 1);
    assert.equal(await count('partial-request'), 0, 'the partial rows are gone; the retry writes all three');
    // The app's own ledger is the one serving; the fresh one answers as the restarted service would.
    const target = 'POST /services/collector/event';
    const key = requestKey('default', target, body, [row('a', 1), row('b', 2), row('c', 3)], 0);
    const wrote = await fresh.run('default', key, [row('recovered again', 1)], () => {
      throw new Error('must not write a recovered request');
    });
    assert.equal(wrote, false);
  });
});
