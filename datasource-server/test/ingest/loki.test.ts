// Loki push (POST /loki/api/v1/push) against real chDB: protobuf+snappy and JSON bodies, mapping, errors.
// Request bodies are encoded with protobufjs from the .proto text below, independently of our decoder.

import assert from 'node:assert/strict';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { compressSync } from 'snappy';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';
import { ingestRouteRules } from '../helpers/ingest-rules.ts';
import { logRows } from '../helpers/log-rows.ts';
import { encodePush } from '../helpers/loki-push.ts';

const snappy = (b: Uint8Array): Buffer => compressSync(Buffer.from(b));

let env: TestEnv;
let ingestToken: string;
let webOnlyToken: string;
before(async () => {
  env = await testEnv({
    NEXUS_MAX_BODY_BYTES: String(10 * 1024 * 1024),
    NEXUS_MAX_DECODED_BYTES: String(10 * 1024 * 1024),
    NEXUS_RATE_LIMIT_OVERRIDES: JSON.stringify({ tiny: { rps: 1 } }),
  });
  ingestToken = (await env.tokens.create({ orgId: 'lokiorg', name: 'promtail', role: 'ingest' })).token;
  webOnlyToken = (
    await env.tokens.create({ orgId: 'default', name: 'web only', role: 'ingest', indexes: ['web'] })
  ).token;
});
after(async () => {
  await env.close();
});

// Event times inside the 30-day retention and the default 24 h search window.
const T0 = BigInt(Math.floor(Date.now() / 1000) - 3600);
const ns = (secOffset: number, nanos = 0): bigint =>
  (T0 + BigInt(secOffset)) * 1_000_000_000n + BigInt(nanos);
const msOf = (n: bigint): number => Number(n / 1_000_000n);

const PROTO = { 'Content-Type': 'application/x-protobuf' };
const JSON_TYPE = { 'Content-Type': 'application/json' };
const bearer = (token = ADMIN_TOKEN) => ({ Authorization: `Bearer ${token}` });

async function push(body: RequestInit['body'], headers: Record<string, string>) {
  const res = await env.app.request('/loki/api/v1/push', { method: 'POST', body, headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, text: Buffer.from(bytes).toString('utf8'), bytes, headers: res.headers };
}

const rows = (where: string, params: Record<string, unknown> = {}) => logRows(env.store, where, params);

const count = async (like: string): Promise<number> =>
  (await rows('_raw LIKE {p:String}', { p: like })).length;

describe('protobuf + snappy', () => {
  test('streams map to rows: labels, escapes, ns timestamps, structured metadata, key=value', async () => {
    const body = encodePush([
      {
        labels:
          '{job="api", host="web-1", filename="/var/log/app.log", msg="a \\"quoted\\" \\\\ value\\n", env=`prod`}',
        entries: [
          { ns: ns(0, 123_456_789), line: 'lk-proto-1 status=500 user=bob', meta: { trace_id: 'abc123' } },
          { ns: ns(1, 999_999_999), line: 'lk-proto-2 status=200' },
        ],
      },
      {
        labels: '{service_name="checkout", index="web",}',
        entries: [{ ns: ns(2), line: 'lk-proto-3 plain line' }],
      },
    ]);
    const r = await push(snappy(body), { ...bearer(), ...PROTO });
    assert.equal(r.status, 204, r.text);
    assert.equal(r.text, '');

    const got = await rows("_raw LIKE 'lk-proto-%'");
    assert.equal(got.length, 3);
    const [a, b, c] = got;
    assert.deepEqual(
      { ...a, fields: undefined },
      {
        org: 'default',
        index: 'main',
        t: msOf(ns(0, 123_456_789)), // ns truncated to ms
        host: 'web-1',
        source: '/var/log/app.log',
        sourcetype: 'api',
        raw: 'lk-proto-1 status=500 user=bob',
        fields: undefined,
      },
    );
    assert.equal(a?.t, Number(T0) * 1000 + 123);
    assert.deepEqual(a?.fields, {
      job: 'api',
      filename: '/var/log/app.log',
      msg: 'a "quoted" \\ value\n',
      env: 'prod',
      trace_id: 'abc123',
      status: '500',
      user: 'bob',
    });
    assert.equal(b?.t, Number(T0) * 1000 + 1999);
    assert.equal(b?.fields['trace_id'], undefined);
    assert.deepEqual(
      { index: c?.index, host: c?.host, source: c?.source, sourcetype: c?.sourcetype, f: c?.fields },
      {
        index: 'web',
        host: os.hostname(),
        source: 'loki',
        sourcetype: 'checkout',
        f: { service_name: 'checkout' },
      },
    );

    // Searchable through the SPL API, fields and all.
    const res = await env.app.request('/query/spl', {
      method: 'POST',
      headers: { ...bearer(), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        query: 'index=main sourcetype=api status=500 trace_id=abc123 | stats count by host',
      }),
    });
    assert.equal(res.status, 200);
    const spl = (await res.json()) as { rows: unknown[][] };
    assert.deepEqual(spl.rows, [['web-1', 1]]);
  });

  test('an entry without a timestamp gets the receive time; org comes from the token; Basic auth', async () => {
    const before = Date.now();
    const body = snappy(encodePush([{ labels: '{job="x"}', entries: [{ line: 'lk-nots' }] }]));
    const basic = Buffer.from(`anyuser:${ingestToken}`).toString('base64');
    const r = await push(body, { Authorization: `Basic ${basic}`, ...PROTO });
    assert.equal(r.status, 204, r.text);
    const [row] = await rows("_raw = 'lk-nots'");
    assert.equal(row?.org, 'lokiorg');
    assert.ok(row !== undefined && row.t >= before - 1 && row.t <= Date.now());
  });

  test('entries without a timestamp are not taken for a retry: the same body twice is stored twice', async () => {
    const body = snappy(encodePush([{ labels: '{job="beat"}', entries: [{ line: 'lk-heartbeat' }] }]));
    assert.equal((await push(body, { ...bearer(), ...PROTO })).status, 204);
    await new Promise((r) => setTimeout(r, 5)); // another receive time
    assert.equal((await push(body, { ...bearer(), ...PROTO })).status, 204);
    assert.equal(await count('lk-heartbeat'), 2);
  });

  test('Content-Encoding: snappy is tolerated; no Content-Type means protobuf', async () => {
    const body = snappy(encodePush([{ labels: '{job="x"}', entries: [{ ns: ns(3), line: 'lk-enc-1' }] }]));
    assert.equal((await push(body, { ...bearer(), ...PROTO, 'Content-Encoding': 'snappy' })).status, 204);
    const body2 = snappy(encodePush([{ labels: '{job="x"}', entries: [{ ns: ns(3), line: 'lk-enc-2' }] }]));
    assert.equal((await push(body2, bearer())).status, 204);
    assert.equal(await count('lk-enc-%'), 2);
  });

  test('unknown fields and groups are skipped', async () => {
    const stream = encodePush([{ labels: '{job="x"}', entries: [{ ns: ns(3), line: 'lk-skip' }] }]);
    // Unknown field 5 as a group holding a varint, then field 6 as fixed32 and fixed64, then the streams.
    const prefix = [0x2b, 0x08, 0x01, 0x2c, 0x35, 1, 2, 3, 4, 0x31, 1, 2, 3, 4, 5, 6, 7, 8];
    const r = await push(snappy(Buffer.concat([Uint8Array.from(prefix), stream])), { ...bearer(), ...PROTO });
    assert.equal(r.status, 204, r.text);
    assert.equal(await count('lk-skip'), 1);
  });

  test('gzip around the snappy body (Content-Encoding: gzip) is accepted', async () => {
    const body = snappy(encodePush([{ labels: '{job="x"}', entries: [{ ns: ns(4), line: 'lk-gz-proto' }] }]));
    const r = await push(gzipSync(body), { ...bearer(), ...PROTO, 'Content-Encoding': 'gzip' });
    assert.equal(r.status, 204, r.text);
    assert.equal(await count('lk-gz-proto'), 1);
  });

  test('bad input is a plain-text 400 and stores nothing', async () => {
    const good = encodePush([{ labels: '{job="x"}', entries: [{ ns: ns(5), line: 'lk-bad-never' }] }]);
    const cases: [string, Buffer | Uint8Array, RegExp][] = [
      ['not snappy', Buffer.from('this is not snappy at all, not even close'), /snappy/],
      ['empty body', Buffer.alloc(0), /snappy/],
      [
        'truncated protobuf',
        snappy(good.subarray(0, good.length - 3)),
        /malformed protobuf.*truncated|runs past/,
      ],
      // streams (field 1) sent as a varint: wrong wire type for a known field.
      ['wrong wire type', snappy(Uint8Array.from([0x08, 0x01])), /PushRequest\.streams.*wire type varint/],
      // line (field 2 of an entry) as fixed32.
      ['wrong inner type', snappy(Uint8Array.from([0x0a, 0x04, 0x12, 0x02, 0x15, 0x00])), /wire type/],
      ['invalid wire type 7', snappy(Uint8Array.from([0x0f])), /invalid wire type 7/],
      ['varint too long', snappy(Uint8Array.from([0x08, ...Array<number>(10).fill(0xff), 0x01])), /varint/],
      // An unknown field 5 opened as a group and never closed, or closed by another field's end-group.
      ['unterminated group', snappy(Uint8Array.from([0x2b, 0x08, 0x01])), /unterminated group 5/],
      ['mismatched group', snappy(Uint8Array.from([0x2b, 0x34])), /group 5 closed by end-group 6/],
      [
        'bad labels (unquoted)',
        snappy(encodePush([{ labels: '{job=x}', entries: [{ line: 'lk-bad-never' }] }])),
        /stream 0: invalid labels/,
      ],
      [
        'bad labels (unterminated)',
        snappy(encodePush([{ labels: '{job="x}', entries: [{ line: 'lk-bad-never' }] }])),
        /unterminated string/,
      ],
      [
        'bad labels (matcher)',
        snappy(encodePush([{ labels: '{job!="x"}', entries: [{ line: 'lk-bad-never' }] }])),
        /expected '='/,
      ],
      [
        'bad labels (duplicate)',
        snappy(encodePush([{ labels: '{a="1", a="2"}', entries: [{ line: 'lk-bad-never' }] }])),
        /duplicate label a/,
      ],
      [
        'bad index label',
        snappy(encodePush([{ labels: '{index="Not An Index"}', entries: [{ line: 'lk-bad-never' }] }])),
        /index/,
      ],
      [
        'timestamp past 2299',
        snappy(
          encodePush([{ labels: '{a="1"}', entries: [{ ns: 11_000_000_000n * 1_000_000_000n, line: 'x' }] }]),
        ),
        /out of range/,
      ],
    ];
    for (const [name, body, message] of cases) {
      const r = await push(body, { ...bearer(), ...PROTO });
      assert.equal(r.status, 400, `${name}: ${r.status} ${r.text}`);
      assert.match(r.headers.get('content-type') ?? '', /^text\/plain/, name);
      assert.match(r.text, message, name);
    }
    assert.equal(await count('lk-bad-never'), 0);
  });

  test('413 before decompressing when the snappy header declares more than the cap', async () => {
    // A 5-byte body whose header claims 11 MiB: refused from the header, nothing is inflated.
    const n = 11 * 1024 * 1024;
    const header = [(n & 0x7f) | 0x80, ((n >> 7) & 0x7f) | 0x80, ((n >> 14) & 0x7f) | 0x80, n >> 21];
    const r = await push(Buffer.from([...header, 0x00]), { ...bearer(), ...PROTO });
    assert.equal(r.status, 413, r.text);
    assert.match(r.text, /decompressed body exceeds the limit of 10485760 bytes/);
    // And a wire body over NEXUS_MAX_BODY_BYTES.
    const big = await push(Buffer.alloc(10 * 1024 * 1024 + 1, 1), { ...bearer(), ...PROTO });
    assert.equal(big.status, 413, big.text);
    assert.match(big.text, /request body exceeds/);
  });
});

describe('JSON', () => {
  test('streams, values with structured metadata, gzip', async () => {
    const body = JSON.stringify({
      streams: [
        {
          stream: { job: 'json-job', hostname: 'db-7', source: 'mysql' },
          values: [
            [String(ns(10, 5_000_000)), 'lk-json-1 k=v'],
            [String(ns(11)), 'lk-json-2', { pod: 'p-1', 'trace.id': 't-9' }],
          ],
        },
      ],
    });
    const r = await push(gzipSync(body), { ...bearer(), ...JSON_TYPE, 'Content-Encoding': 'gzip' });
    assert.equal(r.status, 204, r.text);
    const got = await rows("_raw LIKE 'lk-json-%'");
    assert.deepEqual(
      got.map((g) => [g.t, g.host, g.source, g.sourcetype, g.fields]),
      [
        [
          Number(T0 + 10n) * 1000 + 5,
          'db-7',
          'mysql',
          'json-job',
          { job: 'json-job', hostname: 'db-7', k: 'v' },
        ],
        [
          Number(T0 + 11n) * 1000,
          'db-7',
          'mysql',
          'json-job',
          { job: 'json-job', hostname: 'db-7', pod: 'p-1', trace: { id: 't-9' } },
        ],
      ],
    );
  });

  test('bad JSON bodies are 400 naming the problem', async () => {
    const cases: [string, string, RegExp][] = [
      ['not json', '{"streams": [', /not valid JSON/],
      ['no streams', '{"foo": 1}', /"streams" array/],
      ['stream not object', '{"streams": [1]}', /streams\[0\] is not an object/],
      ['label not string', '{"streams":[{"stream":{"a":1},"values":[]}]}', /stream\.a is not a string/],
      [
        'numeric ts',
        `{"streams":[{"stream":{},"values":[[${ns(1)},"x"]]}]}`,
        /string of Unix epoch nanoseconds/,
      ],
      [
        'line not string',
        `{"streams":[{"stream":{},"values":[["${ns(1)}",5]]}]}`,
        /log line must be a string/,
      ],
      ['short value', '{"streams":[{"stream":{},"values":[["1"]]}]}', /values\[0\] must be/],
      ['metadata type', `{"streams":[{"stream":{},"values":[["${ns(1)}","x",{"a":1}]]}]}`, /metadata a/],
    ];
    for (const [name, body, message] of cases) {
      const r = await push(body, { ...bearer(), ...JSON_TYPE });
      assert.equal(r.status, 400, `${name}: ${r.text}`);
      assert.match(r.text, message, name);
    }
  });

  test('gzip bomb: 413 past the decoded cap', async () => {
    const bomb = gzipSync(Buffer.alloc(11 * 1024 * 1024, 0x20));
    const r = await push(bomb, { ...bearer(), ...JSON_TYPE, 'Content-Encoding': 'gzip' });
    assert.equal(r.status, 413, r.text);
  });
});

describe('content types and indexes', () => {
  const one = () => snappy(encodePush([{ labels: '{job="x"}', entries: [{ ns: ns(20), line: 'lk-auth' }] }]));

  test('unsupported Content-Type and Content-Encoding are 415', async () => {
    const r = await push('hello', { ...bearer(), 'Content-Type': 'text/plain' });
    assert.equal(r.status, 415);
    assert.match(r.text, /unsupported Content-Type "text\/plain"/);
    const e = await push(one(), { ...bearer(), ...PROTO, 'Content-Encoding': 'br' });
    assert.equal(e.status, 415);
    assert.match(e.text, /unsupported Content-Encoding "br"/);
  });

  test('a token limited to indexes may not write elsewhere; its first index is the default', async () => {
    const elsewhere = snappy(
      encodePush([{ labels: '{index="main"}', entries: [{ ns: ns(21), line: 'lk-idx-1' }] }]),
    );
    const r = await push(elsewhere, { ...bearer(webOnlyToken), ...PROTO });
    assert.equal(r.status, 400);
    assert.match(r.text, /may not write to index `main`/);
    const dflt = snappy(encodePush([{ labels: '{job="j"}', entries: [{ ns: ns(21), line: 'lk-idx-2' }] }]));
    assert.equal((await push(dflt, { ...bearer(webOnlyToken), ...PROTO })).status, 204);
    assert.deepEqual(
      (await rows("_raw LIKE 'lk-idx-%'")).map((r) => [r.raw, r.index]),
      [['lk-idx-2', 'web']],
    );
  });
});

ingestRouteRules('loki', () => env, {
  post: push,
  body: (marker) => snappy(encodePush([{ labels: '{job="x"}', entries: [{ ns: ns(20), line: marker }] }])),
  headers: PROTO,
  ok: 204,
  unavailable: (body) => assert.match(Buffer.from(body).toString('utf8'), /shutting down/),
});
