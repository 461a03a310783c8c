// In-process HTTP tests of the app (HEC, Vector, health, errors) against real chDB.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ADMIN_TOKEN, testEnv } from './helpers/env.ts';
import type { TestEnv } from './helpers/env.ts';
import { storedRows } from './helpers/ingest.ts';

let env: TestEnv;
before(async () => {
  env = await testEnv({ NEXUS_MAX_BODY_BYTES: String(10 * 1024 * 1024) });
});
after(async () => {
  await env.close();
});

// Event times must fall inside the 30-day retention, or a background TTL merge deletes them mid-test.
const T0 = Math.floor(Date.now() / 1000) - 3600;
const iso = (sec: number): string => new Date(sec * 1000).toISOString();

const CHANNEL = '0aeeac95-ac74-4aa9-b30d-6c4c0ac581ba';
const auth = { Authorization: `Splunk ${ADMIN_TOKEN}` };

async function post(path: string, body: RequestInit['body'], headers: Record<string, string> = auth) {
  const res = await env.app.request(path, { method: 'POST', body, headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

const rows = (where: string, params: Record<string, unknown> = {}) => storedRows(env, where, params);

test('health endpoints need no token', async () => {
  assert.equal((await env.app.request('/health/live')).status, 200);
  const ready = await env.app.request('/health/ready');
  assert.equal(ready.status, 200);
  const hec = await env.app.request('/services/collector/health');
  assert.equal(hec.status, 200);
  assert.deepEqual(await hec.json(), { text: 'HEC is healthy', code: 17 });
  assert.equal((await env.app.request('/services/collector/health/1.0')).status, 200);
});

test('HEC string event: kv extraction, explicit fields win, org from identity', async () => {
  const r = await post(
    '/services/collector/event',
    JSON.stringify({
      event: 'GET /x status=200 user="bob smith" env=dev',
      time: T0 + 0.25,
      host: 'web-1',
      sourcetype: 'access',
      index: 'web',
      fields: { env: 'prod', tags: ['a', 'b'] },
      org_id: 'evil',
    }),
  );
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { text: 'Success', code: 0 });
  const [row] = await rows('host = {h:String}', { h: 'web-1' });
  assert.ok(row);
  assert.equal(row.org, 'default');
  assert.equal(row.index, 'web');
  assert.equal(row.t, T0 * 1000 + 250);
  assert.equal(row.sourcetype, 'access');
  assert.equal(row.source, 'http:bootstrap (NEXUS_ADMIN_TOKEN)');
  assert.deepEqual(row.fields, { env: 'prod', status: '200', user: 'bob smith', tags: ['a', 'b'] });
});

test('HEC object event and concatenated batch with a string time', async () => {
  const body =
    JSON.stringify({ event: { msg: 'one', user: { id: 7 } }, host: 'obj', time: String(T0 + 1) }) +
    JSON.stringify({ event: 'two', host: 'obj', time: T0 + 2 }) +
    '\n  ' +
    JSON.stringify({ event: 'three', host: 'obj', time: T0 + 3 });
  const r = await post('/services/collector', body, {
    ...auth,
    'Content-Type': 'application/x-www-form-urlencoded',
  });
  assert.equal(r.status, 200);
  const got = await rows('host = {h:String}', { h: 'obj' });
  assert.deepEqual(
    got.map((g) => g.raw),
    ['{"msg":"one","user":{"id":7}}', 'two', 'three'],
  );
  // JSON integers are Int64: results quote 64-bit integers (output_format_json_quote_64bit_integers).
  assert.deepEqual(got[0]?.fields, { msg: 'one', user: { id: '7' } });
  assert.equal(got[0]?.index, 'main');
  assert.equal(got[0]?.sourcetype, 'httpevent');
});

test('HEC gzip body on /event/1.0', async () => {
  const body = gzipSync(JSON.stringify({ event: 'zipped k=v', host: 'gz' }));
  const r = await post('/services/collector/event/1.0', body, { ...auth, 'Content-Encoding': 'gzip' });
  assert.equal(r.status, 200);
  const got = await rows('host = {h:String}', { h: 'gz' });
  assert.equal(got.length, 1);
  assert.deepEqual(got[0]?.fields, { k: 'v' });
});

test('raw endpoint needs a channel; lines become events with query metadata', async () => {
  const none = await post('/services/collector/raw', 'a line');
  assert.equal(none.status, 400);
  assert.deepEqual(none.body, { text: 'Data channel is missing', code: 10 });
  const r = await post(
    `/services/collector/raw?channel=${CHANNEL}&host=rawhost&sourcetype=syslog&index=ops`,
    'first a=1\n\nsecond line\r\n',
  );
  assert.equal(r.status, 200);
  const viaHeader = await post('/services/collector/raw/1.0?host=rawhost', 'third', {
    ...auth,
    'X-Splunk-Request-Channel': CHANNEL,
  });
  assert.equal(viaHeader.status, 200);
  const got = await rows('host = {h:String}', { h: 'rawhost' });
  assert.deepEqual(got.map((g) => [g.raw, g.index, g.sourcetype]).sort(), [
    ['first a=1', 'ops', 'syslog'],
    ['second line', 'ops', 'syslog'],
    ['third', 'main', 'httpevent'],
  ]);
});

test('Vector: JSON array, NDJSON and gzip', async () => {
  const events = [
    { message: 'v1 code=5', timestamp: iso(T0 + 0.123), host: 'vec', source_type: 'file', pid: 42 },
    { message: 'v2', timestamp: iso(T0 + 1), host: 'vec', index: 'app', kubernetes: { pod: 'p1' } },
  ];
  const bearer = { Authorization: `Bearer ${ADMIN_TOKEN}` };
  const a = await post('/ingest/logs', JSON.stringify(events), {
    ...bearer,
    'Content-Type': 'application/json',
  });
  assert.deepEqual([a.status, a.body], [200, { accepted: 2 }]);
  const nd = events.map((e) => JSON.stringify({ ...e, host: 'vec-nd' })).join('\n') + '\n';
  const b = await post('/ingest/logs', nd, { ...bearer, 'Content-Type': 'application/x-ndjson' });
  assert.deepEqual([b.status, b.body], [200, { accepted: 2 }]);
  const c = await post('/ingest/logs', gzipSync(nd.replaceAll('vec-nd', 'vec-gz')), {
    ...bearer,
    'Content-Encoding': 'gzip',
  });
  assert.deepEqual([c.status, c.body], [200, { accepted: 2 }]);
  const got = await rows('host = {h:String}', { h: 'vec' });
  assert.equal(got.length, 2);
  assert.deepEqual(got[0], {
    org: 'default',
    index: 'main',
    t: T0 * 1000 + 123,
    host: 'vec',
    source: 'vector',
    sourcetype: 'file',
    raw: 'v1 code=5',
    fields: { code: '5', pid: '42' },
  });
  assert.deepEqual([got[1]?.index, got[1]?.fields], ['app', { kubernetes: { pod: 'p1' } }]);
  assert.equal((await rows('host = {h:String}', { h: 'vec-nd' })).length, 2);
  assert.equal((await rows('host = {h:String}', { h: 'vec-gz' })).length, 2);
});

test('auth errors: no token 401/2, bad scheme 401/3, unknown token 403/4, basic auth works', async () => {
  const body = JSON.stringify({ event: 'x', host: 'authz' });
  assert.deepEqual(
    await post('/services/collector/event', body, {}).then((r) => [r.status, r.body.code]),
    [401, 2],
  );
  const scheme = await post('/services/collector/event', body, { Authorization: 'Token abc' });
  assert.deepEqual([scheme.status, scheme.body.code], [401, 3]);
  const unknown = await post('/services/collector/event', body, {
    Authorization: 'Splunk 00000000-0000-4000-8000-000000000000',
  });
  assert.deepEqual([unknown.status, unknown.body.code], [403, 4]);
  const vec = await post('/ingest/logs', '[]', {});
  assert.equal(vec.status, 401);
  const basic = `Basic ${Buffer.from(`x:${ADMIN_TOKEN}`).toString('base64')}`;
  assert.equal((await post('/services/collector/event', body, { Authorization: basic })).status, 200);
  assert.equal((await rows('host = {h:String}', { h: 'authz' })).length, 1);
});

test('bad input is rejected as a whole, with HEC codes', async () => {
  const good = JSON.stringify({ event: 'ok', host: 'rejected' });
  const cases: [string, number, number, number | undefined][] = [
    [good + '{"event": "x", ', 400, 6, 1],
    [good + good + 'not json', 400, 6, 2],
    [good + JSON.stringify({ event: 'x', index: 'Bad Index' }), 400, 7, 1],
    [JSON.stringify({ host: 'h' }), 400, 12, 0],
    [good + JSON.stringify({ event: '   ' }), 400, 13, 1],
    [JSON.stringify({ event: 'x', fields: { a: { nested: 1 } } }), 400, 15, 0],
    [JSON.stringify({ event: 'x', time: 'yesterday' }), 400, 6, 0],
    ['', 400, 5, undefined],
    ['  \n ', 400, 5, undefined],
  ];
  for (const [body, status, code, n] of cases) {
    const r = await post('/services/collector/event', body);
    assert.equal(r.status, status, body);
    assert.equal(r.body.code, code, body);
    assert.equal(r.body['invalid-event-number'], n, body);
  }
  assert.equal((await rows('host = {h:String}', { h: 'rejected' })).length, 0);
  const vec = await post('/ingest/logs', '{"message":"a"}\n{oops\n', {
    Authorization: `Bearer ${ADMIN_TOKEN}`,
  });
  assert.deepEqual([vec.status, (vec.body.error as { event?: number }).event], [400, 1]);
});

test('oversize bodies get 413 (wire and decompressed); earlier rows survive', async () => {
  const before = (await rows('1 = 1')).length;
  const big = 'x'.repeat(10 * 1024 * 1024 + 1);
  const r = await post('/services/collector/raw?channel=' + CHANNEL, big);
  assert.equal(r.status, 413);
  const bomb = gzipSync(Buffer.alloc(80 * 1024 * 1024, 0x61));
  const z = await post('/services/collector/raw?channel=' + CHANNEL, bomb, {
    ...auth,
    'Content-Encoding': 'gzip',
  });
  assert.equal(z.status, 413);
  const ok = await post('/services/collector/raw?channel=' + CHANNEL, 'x'.repeat(1024 * 1024));
  assert.equal(ok.status, 200);
  assert.equal((await rows('1 = 1')).length, before + 1);
  assert.equal((await env.app.request('/health/ready')).status, 200);
});

test('unknown routes and the ack endpoint', async () => {
  assert.equal((await env.app.request('/nope')).status, 404);
  const ack = await post('/services/collector/ack', '{"acks":[1]}');
  assert.deepEqual([ack.status, ack.body.code], [400, 14]);
});
