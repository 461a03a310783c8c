// HEC tokens as ingest objects (default index and sourcetype, acknowledgement) and Splunk's indexer
// acknowledgement end to end, on a real app over chDB: ackIds per channel, /ack true only once the rows
// are queryable and then forgotten, bounded per-channel and per-org state, idle channel expiry.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/app.ts';
import { Batcher } from '../../src/ingest/batcher.ts';
import { AckCapacityError, HecAckRegistry } from '../../src/ingest/hec-ack.ts';
import type { HecAckLimits } from '../../src/ingest/hec-ack.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';

let env: TestEnv;
before(async () => {
  env = await testEnv();
});
after(async () => {
  await env.close();
});

const A = '0aeeac95-ac74-4aa9-b30d-6c4c0ac581ba';
const B = '7c3d2d4e-55d1-4a57-9f33-1b7f4c1c2a10';
const C = 'FE0ECFAD-13D5-401B-847D-77833BD77131';

interface Json {
  [k: string]: unknown;
}
type App = ReturnType<typeof createApp>;

async function send(
  app: App,
  path: string,
  token: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await app.request(path, {
    method: 'POST',
    body,
    headers: { Authorization: `Splunk ${token}`, ...headers },
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Json), headers: res.headers };
}

const event = (host: string, extra: Json = {}) =>
  JSON.stringify({ event: `ack test ${host}`, host, ...extra });
const onChannel = (ch: string) => ({ 'X-Splunk-Request-Channel': ch });

async function ack(app: App, token: string, channel: string, ids: number[]): Promise<Json> {
  const r = await send(
    app,
    `/services/collector/ack?channel=${channel}`,
    token,
    JSON.stringify({ acks: ids }),
  );
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.acks as Json;
}

async function count(where: string, params: Record<string, unknown>): Promise<number> {
  const r = await env.store.query({ sql: `SELECT count() FROM logs WHERE ${where}`, params });
  return Number(r.rows[0]?.[0]);
}

async function rowsOf(host: string): Promise<{ index: string; sourcetype: string }[]> {
  const r = await env.store.query({
    sql: 'SELECT `index`, sourcetype FROM logs WHERE host = {h:String} ORDER BY `index`, sourcetype',
    params: { h: host },
  });
  return r.rows.map(([index, sourcetype]) => ({ index: String(index), sourcetype: String(sourcetype) }));
}

/** An app over the shared store with its own acknowledgement registry (limits, clock) and batcher. */
function appWith(limits: Partial<HecAckLimits>, clock: () => number, batcher = env.batcher): App {
  const hecAcks = new HecAckRegistry({ ...env.config.hecAck, ...limits }, clock);
  return createApp({ config: env.config, store: env.store, tokens: env.tokens, batcher, hecAcks });
}

async function token(spec: {
  org?: string;
  name: string;
  indexes?: string[];
  defaultIndex?: string;
  defaultSourcetype?: string;
  ack?: boolean;
}): Promise<string> {
  const { org, ...rest } = spec;
  return (await env.tokens.create({ orgId: org ?? 'default', role: 'ingest', ...rest })).token;
}

describe('tokens as ingest objects (admin API)', () => {
  const admin = (body: Json) =>
    env.app.request('/admin/tokens', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  test('create and list show the default index, default sourcetype and ack', async () => {
    const res = await admin({
      name: 'web shipper',
      role: 'ingest',
      indexes: ['web', 'web_access'],
      defaultIndex: 'web_access',
      defaultSourcetype: 'nginx:access',
      ack: true,
    });
    assert.equal(res.status, 201);
    const created = (await res.json()) as Json;
    assert.deepEqual(
      [created.indexes, created.defaultIndex, created.defaultSourcetype, created.ack],
      [['web', 'web_access'], 'web_access', 'nginx:access', true],
    );
    const plain = (await (await admin({ name: 'plain', role: 'ingest' })).json()) as Json;
    assert.deepEqual([plain.defaultIndex, plain.defaultSourcetype, plain.ack], [null, null, false]);
    const list = await env.app.request('/admin/tokens', {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const tokens = ((await list.json()) as { tokens: Json[] }).tokens;
    const mine = tokens.find((t) => t.id === created.id);
    assert.deepEqual(
      [mine?.defaultIndex, mine?.defaultSourcetype, mine?.ack],
      ['web_access', 'nginx:access', true],
    );
  });

  test('the default index must be one of the allowed indexes; bad settings are 400 with a message', async () => {
    const cases: [Json, RegExp][] = [
      [
        { indexes: ['web'], defaultIndex: 'ops' },
        /default index `ops` must be one of the token's indexes \(web\)/,
      ],
      [{ defaultIndex: 'Bad Index' }, /a default index is an index name/],
      [{ defaultSourcetype: '  ' }, /a default sourcetype has 1 to 1024 printable characters/],
      [{ defaultSourcetype: 'a\nb' }, /a default sourcetype has 1 to 1024 printable characters/],
      [{ ack: 'yes' }, /`ack` must be true or false/],
      [{ defaultIndex: 7 }, /`defaultIndex` must be a string/],
    ];
    for (const [extra, message] of cases) {
      const res = await admin({ name: 'refused', role: 'ingest', ...extra });
      assert.equal(res.status, 400, JSON.stringify(extra));
      const body = (await res.json()) as { error: { message: string } };
      assert.match(body.error.message, message);
    }
    // Without allowed indexes, any valid index may be the default.
    assert.equal((await admin({ name: 'free', role: 'ingest', defaultIndex: 'ops' })).status, 201);
  });
});

describe('token defaults on every ingest route', () => {
  test("events without index/sourcetype get the token's; explicit ones win; the default index is allowed", async () => {
    const t = await token({
      name: 'defaults',
      indexes: ['web', 'web_access'],
      defaultIndex: 'web_access',
      defaultSourcetype: 'nginx',
    });
    const ev = await send(
      env.app,
      '/services/collector/event',
      t,
      event('dflt-hec') + event('dflt-hec', { index: 'web', sourcetype: 'custom' }),
    );
    assert.equal(ev.status, 200, JSON.stringify(ev.body));
    assert.deepEqual(await rowsOf('dflt-hec'), [
      { index: 'web', sourcetype: 'custom' },
      { index: 'web_access', sourcetype: 'nginx' },
    ]);
    const raw = await send(env.app, `/services/collector/raw?channel=${A}&host=dflt-raw`, t, 'one\ntwo');
    assert.equal(raw.status, 200);
    assert.deepEqual(await rowsOf('dflt-raw'), [
      { index: 'web_access', sourcetype: 'nginx' },
      { index: 'web_access', sourcetype: 'nginx' },
    ]);
    const vec = await env.app.request('/ingest/logs', {
      method: 'POST',
      headers: { Authorization: `Bearer ${t}` },
      body: JSON.stringify([
        { message: 'v', host: 'dflt-vec' },
        { message: 'w', host: 'dflt-vec', source_type: 'file' },
      ]),
    });
    assert.equal(vec.status, 200);
    assert.deepEqual(await rowsOf('dflt-vec'), [
      { index: 'web_access', sourcetype: 'file' },
      { index: 'web_access', sourcetype: 'nginx' },
    ]);
    // Loki, OTLP-style routes and _bulk take the same defaults.
    const ns = String(BigInt(Date.now() - 60_000) * 1_000_000n);
    const loki = await env.app.request('/loki/api/v1/push', {
      method: 'POST',
      headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ streams: [{ stream: { host: 'dflt-loki' }, values: [[ns, 'l']] }] }),
    });
    assert.equal(loki.status, 204, await loki.clone().text());
    assert.deepEqual(await rowsOf('dflt-loki'), [{ index: 'web_access', sourcetype: 'nginx' }]);
    const bulk = await env.app.request('/_bulk', {
      method: 'POST',
      headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/x-ndjson' },
      body: '{"index":{}}\n{"message":"b","host":"dflt-bulk"}\n',
    });
    assert.equal(bulk.status, 200, await bulk.clone().text());
    assert.deepEqual(await rowsOf('dflt-bulk'), [{ index: 'web_access', sourcetype: 'nginx' }]);
    // Still limited to its indexes.
    const other = await send(env.app, '/services/collector/event', t, event('dflt-no', { index: 'ops' }));
    assert.deepEqual([other.status, other.body.code], [400, 7]);

    // No default index: the first allowed one; no default sourcetype: the protocol's.
    const first = await token({ name: 'first', indexes: ['app', 'app2'] });
    assert.equal((await send(env.app, '/services/collector/event', first, event('dflt-first'))).status, 200);
    assert.deepEqual(await rowsOf('dflt-first'), [{ index: 'app', sourcetype: 'httpevent' }]);
    // A default index without a limit: events may still name any index.
    const free = await token({ name: 'free', defaultIndex: 'ops' });
    const both = event('dflt-free') + event('dflt-free', { index: 'zzz' });
    assert.equal((await send(env.app, '/services/collector/event', free, both)).status, 200);
    assert.deepEqual(
      (await rowsOf('dflt-free')).map((r) => r.index),
      ['ops', 'zzz'],
    );
  });
});

describe('indexer acknowledgement', () => {
  test('ackIds per channel from 0; /ack is true once for committed rows, then forgotten', async () => {
    const t = await token({ name: 'acker', ack: true });
    const app = appWith({}, Date.now);
    const none = await send(app, '/services/collector/event', t, event('ack-none'));
    assert.deepEqual([none.status, none.body], [400, { text: 'Data channel is missing', code: 10 }]);
    const bad = await send(app, '/services/collector/event', t, event('ack-none'), onChannel('not-a-guid'));
    assert.deepEqual([bad.status, bad.body], [400, { text: 'Invalid data channel', code: 11 }]);
    assert.equal(await count('host = {h:String}', { h: 'ack-none' }), 0);

    const ids: number[] = [];
    for (const path of [
      '/services/collector/event',
      '/services/collector',
      '/services/collector/event/1.0',
    ]) {
      const r = await send(app, path, t, event('ack-a'), onChannel(A));
      assert.equal(r.status, 200);
      assert.deepEqual(Object.keys(r.body), ['text', 'code', 'ackId']);
      ids.push(Number(r.body.ackId));
    }
    const raw = await send(app, `/services/collector/raw?channel=${A}&host=ack-a`, t, 'r1\nr2');
    assert.deepEqual(raw.body, { text: 'Success', code: 0, ackId: 3 });
    assert.deepEqual(ids, [0, 1, 2]);
    // A refused request takes no ackId.
    const refused = await send(app, '/services/collector/event', t, '{"event":""}', onChannel(A));
    assert.deepEqual([refused.status, refused.body.code, refused.body.ackId], [400, 13, undefined]);
    // Another channel counts from 0; the query parameter and the header are the same channel.
    const b = await send(app, `/services/collector/event?channel=${B}`, t, event('ack-b'));
    assert.deepEqual(b.body, { text: 'Success', code: 0, ackId: 0 });

    assert.equal(await count('host = {h:String}', { h: 'ack-a' }), 5);
    assert.deepEqual(await ack(app, t, A, [0, 1, 2, 3, 4, 99]), {
      '0': true,
      '1': true,
      '2': true,
      '3': true,
      '4': false,
      '99': false,
    });
    // Reported once, then forgotten (Splunk deletes a status once a client retrieved it).
    assert.deepEqual(await ack(app, t, A, [0, 3]), { '0': false, '3': false });
    const viaHeader = await send(app, '/services/collector/ack', t, '{"acks":[0,0]}', onChannel(B));
    assert.deepEqual(viaHeader.body, { acks: { '0': true } });
    // Channel ids are GUIDs: case does not make another channel.
    const next = await send(app, '/services/collector/event', t, event('ack-a'), onChannel(A.toUpperCase()));
    assert.equal(next.body.ackId, 4);
  });

  test('an ackId is never true before its rows are queryable', async () => {
    const t = await token({ name: 'slow acker', ack: true });
    // A batcher that waits 500 ms before inserting: the request is in flight meanwhile.
    const slow = new Batcher({ store: env.store, maxRows: 10_000, maxWaitMs: 500, maxQueuedRows: 100_000 });
    const app = appWith({}, Date.now, slow);
    try {
      const first = await send(app, '/services/collector/event', t, event('ack-slow-0'), onChannel(C));
      assert.equal(first.body.ackId, 0);
      const pending = send(app, '/services/collector/event', t, event('ack-slow-1'), onChannel(C));
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(await count('host = {h:String}', { h: 'ack-slow-1' }), 0);
      assert.deepEqual(await ack(app, t, C, [1]), { '1': false });
      const done = await pending;
      assert.equal(done.body.ackId, 1);
      assert.equal(await count('host = {h:String}', { h: 'ack-slow-1' }), 1);
      assert.deepEqual(await ack(app, t, C, [0, 1]), { '0': true, '1': true });
    } finally {
      await slow.close();
    }
  });

  test('a token without acknowledgement: /ack is code 14; events need no channel and get no ackId', async () => {
    const t = await token({ name: 'no ack' });
    const r = await send(env.app, '/services/collector/ack', t, '{"acks":[0]}', onChannel(A));
    assert.deepEqual([r.status, r.body], [400, { text: 'ACK is disabled', code: 14 }]);
    const ev = await send(env.app, '/services/collector/event', t, event('noack'));
    assert.deepEqual([ev.status, ev.body], [200, { text: 'Success', code: 0 }]);
  });

  test('/ack needs a channel and a {"acks":[…]} body', async () => {
    const t = await token({ name: 'ack queries', ack: true });
    const app = appWith({}, Date.now);
    const cases: [string, Record<string, string>, string, number, number][] = [
      ['/services/collector/ack', {}, '{"acks":[0]}', 400, 10],
      ['/services/collector/ack?channel=nope', {}, '{"acks":[0]}', 400, 11],
      [`/services/collector/ack?channel=${A}`, {}, '', 400, 5],
      [`/services/collector/ack?channel=${A}`, {}, '{"acks":[-1]}', 400, 6],
      [`/services/collector/ack?channel=${A}`, {}, '{"acks":"0"}', 400, 6],
      [`/services/collector/ack?channel=${A}`, {}, '[0]', 400, 6],
      [`/services/collector/ack?channel=${A}`, {}, '{"acks":[0.5]}', 400, 6],
    ];
    for (const [path, headers, body, status, code] of cases) {
      const r = await send(app, path, t, body, headers);
      assert.deepEqual([r.status, r.body.code], [status, code], `${path} ${body}`);
    }
    // An unknown channel is all false and creates no state.
    assert.deepEqual(await ack(app, t, B, [0, 1]), { '0': false, '1': false });
    assert.deepEqual(await ack(app, t, B, []), {});
  });

  test('channels are per organisation', async () => {
    const mine = await token({ name: 'org1 acker', ack: true, org: 'ack-org1' });
    const theirs = await token({ name: 'org2 acker', ack: true, org: 'ack-org2' });
    const app = appWith({}, Date.now);
    assert.equal(
      (await send(app, '/services/collector/event', mine, event('ack-org'), onChannel(A))).body.ackId,
      0,
    );
    assert.deepEqual(await ack(app, theirs, A, [0]), { '0': false });
    assert.equal(
      (await send(app, '/services/collector/event', theirs, event('ack-org'), onChannel(A))).body.ackId,
      0,
    );
    assert.deepEqual(await ack(app, mine, A, [0]), { '0': true });
  });

  test('bounded state: pending acks per channel and channels per org give 503 code 9; idle channels expire', async () => {
    const t = await token({ name: 'bounded', ack: true, org: 'ack-bounded' });
    let now = Date.parse('2026-01-01T00:00:00Z');
    const app = appWith({ maxPendingPerChannel: 3, maxChannelsPerOrg: 2, idleMs: 60_000 }, () => now);
    const post = (ch: string, host: string) =>
      send(app, '/services/collector/event', t, event(host), onChannel(ch));
    for (let i = 0; i < 3; i++) assert.equal((await post(A, 'ack-cap')).body.ackId, i);
    const full = await post(A, 'ack-cap-refused');
    assert.deepEqual([full.status, full.body], [503, { text: 'Server is busy', code: 9 }]);
    assert.equal(full.headers.get('Retry-After'), '10');
    assert.equal(await count('host = {h:String}', { h: 'ack-cap-refused' }), 0);
    // Querying frees the slots.
    assert.deepEqual(await ack(app, t, A, [0]), { '0': true });
    assert.equal((await post(A, 'ack-cap')).body.ackId, 3);

    // Two channels per org: a third is refused while the others are in use.
    assert.equal((await post(B, 'ack-cap')).body.ackId, 0);
    const third = await post(C, 'ack-cap-refused');
    assert.deepEqual([third.status, third.body.code], [503, 9]);
    // Another org is not affected.
    const other = await token({ name: 'bounded other', ack: true, org: 'ack-bounded-2' });
    assert.equal((await send(app, '/services/collector/event', other, event('x'), onChannel(C))).status, 200);

    // Just under the idle time: still refused. Past it: A and B are dropped with their statuses.
    now += 59_000;
    assert.equal((await post(C, 'ack-cap-refused')).status, 503);
    now += 2_000;
    const reopened = await post(C, 'ack-cap');
    assert.deepEqual([reopened.status, reopened.body.ackId], [200, 0]);
    assert.deepEqual(await ack(app, t, A, [1, 2, 3]), { '1': false, '2': false, '3': false });
    // A dropped channel starts again from 0.
    assert.equal((await post(B, 'ack-cap')).body.ackId, 0);
    assert.equal(await count('host = {h:String}', { h: 'ack-cap-refused' }), 0);
  });
});

describe('HecAckRegistry', () => {
  test('a channel with a request in flight is not expired; the global pending cap holds', () => {
    let now = 0;
    const acks = new HecAckRegistry(
      { maxChannels: 2, maxChannelsPerOrg: 10, maxPendingPerChannel: 10, maxPending: 3, idleMs: 1_000 },
      () => now,
    );
    const slow = acks.begin('o', A);
    now = 5_000;
    // A is idle but holds a request in flight: it stays, so a third channel does not fit.
    assert.equal(acks.begin('o', B).committed(), 0);
    assert.throws(() => acks.begin('o', C), AckCapacityError);
    assert.equal(slow.committed(), 0);
    assert.equal(acks.begin('o', A).committed(), 1);
    assert.deepEqual(acks.stats, { channels: 2, pending: 3 });
    // Three statuses wait to be queried: the whole registry is full.
    assert.throws(() => acks.begin('o', B), /3 acknowledgements are waiting to be queried/);
    assert.deepEqual(acks.query('o', A, [0, 1]), { '0': true, '1': true });
    const t = acks.begin('o', B);
    t.failed();
    t.failed();
    assert.deepEqual(acks.stats, { channels: 2, pending: 1 });
    assert.throws(() => {
      const once = acks.begin('o', B);
      once.committed();
      once.committed();
    }, /settled once/);
  });
});
