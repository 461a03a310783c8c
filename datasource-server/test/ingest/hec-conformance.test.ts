// Splunk HEC conformance on a real app over chDB: every HEC status code nexus-api produces with Splunk's
// HTTP status, and the documented body rules (concatenated batches, event/time/fields shapes, the first
// bad event's number, metric events, raw line breaking, gzip, any Content-Type).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createApp } from '../../src/app.ts';
import { Batcher } from '../../src/ingest/batcher.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';

let env: TestEnv;
before(async () => {
  env = await testEnv();
});
after(async () => {
  await env.close();
});

const CHANNEL = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
// Event times inside the 30-day retention, or a TTL merge may delete them mid-test.
const T0 = Math.floor(Date.now() / 1000) - 3600;

interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function post(
  path: string,
  body: string | Uint8Array,
  headers: Record<string, string> = { Authorization: `Splunk ${ADMIN_TOKEN}` },
  app = env.app,
): Promise<Reply> {
  const res = await app.request(path, { method: 'POST', body, headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

const auth = { Authorization: `Splunk ${ADMIN_TOKEN}` };
const ev = (o: Record<string, unknown>) => JSON.stringify(o);

async function stored(
  host: string,
): Promise<{ raw: string; t: number; sourcetype: string; fields: unknown }[]> {
  const r = await env.store.query({
    sql: `SELECT _raw, toUnixTimestamp64Milli(_time), sourcetype, toJSONString(fields) FROM logs
          WHERE host = {h:String} ORDER BY _time, _raw`,
    params: { h: host },
  });
  return r.rows.map(([raw, t, sourcetype, f]) => ({
    raw: String(raw),
    t: Number(t),
    sourcetype: String(sourcetype),
    fields: JSON.parse(String(f)) as unknown,
  }));
}

describe('HEC status codes and their HTTP statuses', () => {
  // code → [HTTP status, text]: Splunk's table (shared/facts/ingestion.md). Code 8 (internal error) is only
  // produced by an unexpected exception and 19 (ack service unavailable) never: acknowledgement is in memory.
  test('0 success, 2 token required, 3 invalid authorization, 4 invalid token / role, 1 token disabled', async () => {
    const body = ev({ event: 'codes', host: 'codes' });
    const cases: [Record<string, string>, number, number, string][] = [
      [auth, 200, 0, 'Success'],
      [{}, 401, 2, 'Token is required'],
      [{ Authorization: 'Token abc' }, 401, 3, 'Invalid authorization'],
      [{ Authorization: 'Splunk 00000000-0000-4000-8000-000000000000' }, 403, 4, 'Invalid token'],
    ];
    for (const [headers, status, code, text] of cases) {
      const r = await post('/services/collector/event', body, headers);
      assert.deepEqual([r.status, r.body], [status, { text, code }], JSON.stringify(headers));
    }
    const viewer = await env.tokens.create({ orgId: 'default', name: 'conf viewer', role: 'viewer' });
    const v = await post('/services/collector/event', body, { Authorization: `Splunk ${viewer.token}` });
    assert.deepEqual([v.status, v.body.code], [403, 4]);

    const banned = await env.tokens.create({ orgId: 'conf-banned', name: 'banned', role: 'ingest' });
    const ban = await env.app.request('/admin/tenants/conf-banned/ban', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    assert.equal(ban.status, 200);
    const b = await post('/services/collector/event', body, { Authorization: `Splunk ${banned.token}` });
    assert.deepEqual([b.status, b.body], [403, { text: 'Token disabled', code: 1 }]);
    assert.equal((await stored('codes')).length, 1);
  });

  test('5 no data, 6 invalid format, 7 incorrect index, 10/11 channel, 12/13 event, 14 ack, 15 fields, 16 query-string token', async () => {
    const good = ev({ event: 'ok', host: 'codes-bad' });
    const cases: [string, string, number, number, string, number | undefined][] = [
      ['/services/collector/event', '', 400, 5, 'No data', undefined],
      ['/services/collector/event', good + '{"event":', 400, 6, 'Invalid data format', 1],
      ['/services/collector/event', good + ev({ event: 'x', index: 'Bad!' }), 400, 7, 'Incorrect index', 1],
      ['/services/collector/raw', 'line', 400, 10, 'Data channel is missing', undefined],
      ['/services/collector/raw?channel=123', 'line', 400, 11, 'Invalid data channel', undefined],
      ['/services/collector/event', good + ev({ host: 'h' }), 400, 12, 'Event field is required', 1],
      ['/services/collector/event', good + ev({ event: '' }), 400, 13, 'Event field cannot be blank', 1],
      [`/services/collector/ack?channel=${CHANNEL}`, '{"acks":[0]}', 400, 14, 'ACK is disabled', undefined],
      [
        '/services/collector/event',
        good + ev({ event: 'x', fields: { a: { b: 1 } } }),
        400,
        15,
        'Error in handling indexed fields',
        1,
      ],
    ];
    for (const [path, body, status, code, text, n] of cases) {
      const r = await post(path, body);
      const expected: Record<string, unknown> = { text, code };
      if (n !== undefined) expected['invalid-event-number'] = n;
      assert.deepEqual([r.status, r.body], [status, expected], `${path} ${body}`);
    }
    const q = await post(`/services/collector/event?token=${ADMIN_TOKEN}`, good, {});
    assert.deepEqual(
      [q.status, q.body],
      [400, { text: 'Query string authorization is not enabled', code: 16 }],
    );
    assert.equal((await stored('codes-bad')).length, 0);
  });

  test('9 server busy and 18 queues full while the writer is behind; 17 healthy; 20 not ready', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    // The real store behind a gate: the first batch cannot commit until the test opens it.
    const gated = new Batcher({
      store: {
        insertLogs: async (rows, opts) => {
          await gate;
          await env.store.insertLogs(rows, opts);
        },
      },
      maxRows: 10,
      maxWaitMs: 1,
      maxQueuedRows: 10,
    });
    const app = createApp({ config: env.config, store: env.store, tokens: env.tokens, batcher: gated });
    try {
      const health = async () => {
        const res = await app.request('/services/collector/health');
        return [res.status, await res.json()];
      };
      assert.deepEqual(await health(), [200, { text: 'HEC is healthy', code: 17 }]);
      const ten = Array.from({ length: 10 }, (_, i) => ev({ event: `busy ${i}`, host: 'codes-busy' })).join(
        '',
      );
      const first = post('/services/collector/event', ten, auth, app);
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(await health(), [503, { text: 'HEC is unhealthy, queues are full', code: 18 }]);
      const busy = await post('/services/collector/event', ev({ event: 'x', host: 'codes-busy' }), auth, app);
      assert.deepEqual([busy.status, busy.body], [503, { text: 'Server is busy', code: 9 }]);
      assert.equal(busy.headers.get('Retry-After'), '5');
      release();
      assert.equal((await first).status, 200);
      assert.equal((await stored('codes-busy')).length, 10);
    } finally {
      release();
      await gated.close();
    }
    const starting = createApp({
      config: env.config,
      store: env.store,
      tokens: env.tokens,
      batcher: env.batcher,
      state: { ready: false },
    });
    const res = await starting.request('/services/collector/health/1.0');
    assert.deepEqual([res.status, await res.json()], [503, { text: 'HEC is unhealthy', code: 20 }]);
  });
});

describe('HEC event bodies as Splunk documents them', () => {
  test('batches: concatenated objects with or without whitespace, newlines, CRLF, tabs', async () => {
    const a = ev({ event: 'b1', host: 'conf-batch', time: T0 });
    const b = ev({ event: 'b2', host: 'conf-batch', time: T0 + 1 });
    for (const body of [a + b, `${a}\n${b}\n`, `${a}\r\n${b}`, `\t ${a} \t\n ${b}  `]) {
      assert.equal((await post('/services/collector/event', body)).status, 200, JSON.stringify(body));
    }
    assert.deepEqual(
      (await stored('conf-batch')).map((r) => r.raw),
      ['b1', 'b1', 'b1', 'b1', 'b2', 'b2', 'b2', 'b2'],
    );
  });

  test('event: string or object (or a number); time: number or string, seconds with decimals', async () => {
    const body = [
      ev({ event: 'text k=v', host: 'conf-ev', time: T0 + 0.25 }),
      ev({ event: { user: 'bob', n: 2 }, host: 'conf-ev', time: `${T0 + 1}.125` }),
      ev({ event: 42, host: 'conf-ev', time: String(T0 + 2) }),
    ].join('\n');
    assert.equal((await post('/services/collector/event', body)).status, 200);
    assert.deepEqual(
      (await stored('conf-ev')).map((r) => [r.raw, r.t, r.fields]),
      [
        ['text k=v', T0 * 1000 + 250, { k: 'v' }],
        ['{"user":"bob","n":2}', (T0 + 1) * 1000 + 125, { user: 'bob', n: '2' }], // 64-bit ints read back quoted
        ['42', (T0 + 2) * 1000, {}],
      ],
    );
    for (const time of ['yesterday', '1e9', { s: 1 }, true]) {
      const r = await post('/services/collector/event', ev({ event: 'x', host: 'conf-ev-bad', time }));
      assert.deepEqual(
        [r.status, r.body.code, r.body['invalid-event-number']],
        [400, 6, 0],
        JSON.stringify(time),
      );
    }
  });

  test('indexed fields: strings and string arrays; numbers and booleans as text, nulls dropped; nesting is code 15', async () => {
    const fields = { s: 'x', arr: ['y', 'z'], n: 5, f: 1.5, t: true, gone: null, mixed: ['a', 1, null] };
    const r = await post('/services/collector/event', ev({ event: 'f', host: 'conf-fields', fields }));
    assert.equal(r.status, 200);
    assert.deepEqual((await stored('conf-fields'))[0]?.fields, {
      s: 'x',
      arr: ['y', 'z'],
      n: '5',
      f: '1.5',
      t: 'true',
      mixed: ['a', '1'],
    });
    const good = ev({ event: 'ok', host: 'conf-fields-bad' });
    for (const bad of [{ o: { a: 1 } }, { a: [['x']] }, { a: [{ b: 1 }] }, 'a=b', ['a'], { '': 'x' }]) {
      const b = await post('/services/collector/event', good + good + ev({ event: 'x', fields: bad }));
      assert.deepEqual(
        [b.status, b.body],
        [400, { text: 'Error in handling indexed fields', code: 15, 'invalid-event-number': 2 }],
        JSON.stringify(bad),
      );
    }
    assert.equal((await stored('conf-fields-bad')).length, 0);
  });

  test('the first bad event of a batch is reported, whether it is malformed JSON or an invalid event', async () => {
    const good = ev({ event: 'ok', host: 'conf-first' });
    const cases: [string, number, number][] = [
      [good + ev({ event: '' }) + 'not json', 13, 1],
      [good + good + ev({ event: 'x', fields: { a: {} } }) + ev({ host: 'h' }), 15, 2],
      [good + ev({ event: null }) + ev({ event: '' }), 12, 1],
      [good + '{"event":"x",}' + ev({ host: 'h' }), 6, 1],
      [ev({ event: '   ' }), 13, 0],
      [ev({ event: {} }), 13, 0],
      [good + '[' + good + ']', 6, 1],
    ];
    for (const [body, code, n] of cases) {
      const r = await post('/services/collector/event', body);
      assert.deepEqual([r.status, r.body.code, r.body['invalid-event-number']], [400, code, n], body);
    }
    assert.equal((await stored('conf-first')).length, 0);
  });

  test('metric events go to the metrics store, never stored as logs; a batch may mix both', async () => {
    const good = ev({ event: 'ok', host: 'conf-metric' });
    const multi = ev({
      event: 'metric',
      host: 'conf-metric',
      fields: { 'metric_name:cpu.idle': 95, region: 'eu' },
    });
    const single = ev({
      event: 'metric',
      host: 'conf-metric',
      fields: { metric_name: 'cpu.idle', _value: 95 },
    });
    for (const body of [good + multi, good + single]) {
      const r = await post('/services/collector/event', body);
      assert.deepEqual([r.status, r.body], [200, { text: 'Success', code: 0 }]);
    }
    assert.deepEqual(
      (await stored('conf-metric')).map((r) => r.raw),
      ['ok', 'ok'],
    );
    const samples = await env.store.query({
      sql: "SELECT metric_name, value, labels['region'] FROM metrics WHERE labels['host'] = 'conf-metric' ORDER BY labels['region']",
      params: {},
    });
    assert.deepEqual(samples.rows, [
      ['cpu.idle', 95, ''],
      ['cpu.idle', 95, 'eu'],
    ]);
    await env.store.command("DELETE FROM logs WHERE host = 'conf-metric'");
    // The word "metric" as an event, without metric fields, is just a log line.
    const word = await post('/services/collector/event', ev({ event: 'metric', host: 'conf-metric' }));
    assert.equal(word.status, 200);
    assert.deepEqual(
      (await stored('conf-metric')).map((r) => r.raw),
      ['metric'],
    );
  });

  test('raw: one event per line (LF, CRLF, CR), blank lines skipped, gzip', async () => {
    const path = `/services/collector/raw?channel=${CHANNEL}&host=conf-raw&sourcetype=app`;
    assert.equal((await post(path, 'a\nb\r\nc\rd\n\n\r\n  \ne\n')).status, 200);
    const z = await post(path, gzipSync('f\ng'), { ...auth, 'Content-Encoding': 'gzip' });
    assert.equal(z.status, 200);
    assert.deepEqual((await stored('conf-raw')).map((r) => r.raw).sort(), [
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
    ]);
    assert.deepEqual([...new Set((await stored('conf-raw')).map((r) => r.sourcetype))], ['app']);
    const empty = await post(path, '\n\r\n  \n');
    assert.deepEqual([empty.status, empty.body.code], [400, 5]);
  });

  test('gzip and any Content-Type are accepted on /event', async () => {
    const body = (n: number) => ev({ event: `ct ${n}`, host: 'conf-ct' });
    const types = [
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
      'application/octet-stream',
    ];
    for (const [i, type] of types.entries()) {
      assert.equal(
        (await post('/services/collector/event', body(i), { ...auth, 'Content-Type': type })).status,
        200,
      );
    }
    const z = await post('/services/collector', gzipSync(body(9)), { ...auth, 'Content-Encoding': 'gzip' });
    assert.equal(z.status, 200);
    const broken = await post('/services/collector', 'not gzip', { ...auth, 'Content-Encoding': 'gzip' });
    assert.deepEqual([broken.status, broken.body.code], [400, 6]);
    assert.equal((await stored('conf-ct')).length, 5);
  });
});
