// /query routes in process (app.request): auth, request validation, error shape, compile-only.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestEnv } from '../helpers/env.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';

let env: TestEnv;

before(async () => {
  env = await testEnv();
});

after(async () => {
  await env.close();
});

async function post(path: string, body: unknown, token: string | null = ADMIN_TOKEN): Promise<Response> {
  return env.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('POST /query/spl', () => {
  test('needs a token: 401 without one and with an unknown one', async () => {
    assert.equal((await post('/query/spl', { query: '| makeresults' }, null)).status, 401);
    assert.equal(
      (await post('/query/spl', { query: '| makeresults' }, 'not-a-real-token-at-all')).status,
      401,
    );
  });

  test('runs SPL and answers columns, rows and meta', async () => {
    const res = await post('/query/spl', { query: '| makeresults count=3 | eval n=2*3 | table n' });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { columns: unknown; rows: unknown; meta: Record<string, unknown> };
    assert.deepEqual(body.rows, [[6], [6], [6]]);
    assert.equal(typeof body.meta.sql, 'string');
    assert.equal(typeof body.meta.elapsedMs, 'number');
    assert.equal(body.meta.truncated, false);
    assert.match(String(body.meta.queryId), /^[0-9a-f-]{36}$/);
  });

  test('limit truncates and says so', async () => {
    const res = await post('/query/spl', { query: '| makeresults count=5', limit: 2 });
    const body = (await res.json()) as { rows: unknown[]; meta: { truncated: boolean } };
    assert.equal(body.rows.length, 2);
    assert.equal(body.meta.truncated, true);
  });

  test('every SPL error comes back at once, each with its position', async () => {
    const res = await post('/query/spl', { query: 'a | eval x= | stats count by' });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { errors: { code: string; line: number; column: number }[] };
    assert.equal(body.errors.length, 2);
    assert.deepEqual(
      body.errors.map((e) => [e.code, e.line, e.column]),
      [
        ['syntax', 1, 13],
        ['syntax', 1, 29],
      ],
    );
  });

  test('request mistakes are 400 with a message', async () => {
    for (const body of [
      '{',
      '[]',
      { query: '' },
      { query: 1 },
      { query: 'x', limit: 'ten' },
      { query: 'x', limit: 0 },
    ]) {
      const res = await post('/query/spl', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const json = (await res.json()) as { errors: { message: string }[] };
      assert.ok((json.errors[0]?.message ?? '').length > 0);
    }
    const tz = await post('/query/spl', { query: '| makeresults', timezone: 'Mars/Olympus' });
    assert.equal(tz.status, 400);
  });
});

describe('POST /query/spl/compile', () => {
  test('returns SQL and params without running them, tenant from the token', async () => {
    const res = await post('/query/spl/compile', { query: 'index=web status=500 | stats count by host' });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { sql: string; params: Record<string, unknown> };
    assert.doesNotMatch(body.sql, /web|500/);
    assert.equal(body.params.p0, 'default');
  });
});
