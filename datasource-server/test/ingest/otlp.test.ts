// OTLP/HTTP logs (POST /v1/logs) against real chDB: protobuf and JSON bodies, mapping, partial success, errors.
// Protobuf bodies are encoded (and responses decoded) with protobufjs from the .proto text below.

import assert from 'node:assert/strict';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';
import { ingestRouteRules } from '../helpers/ingest-rules.ts';
import { logRows } from '../helpers/log-rows.ts';
import { decodeAs, encode, kv, type Obj, request, Response, Status, str } from '../helpers/otlp-proto.ts';

let env: TestEnv;
before(async () => {
  env = await testEnv({
    NEXUS_MAX_BODY_BYTES: String(10 * 1024 * 1024),
    NEXUS_MAX_DECODED_BYTES: String(10 * 1024 * 1024),
    NEXUS_RATE_LIMIT_OVERRIDES: JSON.stringify({ tiny: { rps: 1 } }),
  });
});
after(async () => {
  await env.close();
});

const T0 = BigInt(Math.floor(Date.now() / 1000) - 3600);
const ns = (secOffset: number, nanos = 0): bigint =>
  (T0 + BigInt(secOffset)) * 1_000_000_000n + BigInt(nanos);
const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN = 'eee19b7ec3c1b174';

const PROTO = { 'Content-Type': 'application/x-protobuf' };
const JSON_TYPE = { 'Content-Type': 'application/json' };
const bearer = (token = ADMIN_TOKEN) => ({ Authorization: `Bearer ${token}` });

async function post(body: RequestInit['body'], headers: Record<string, string>) {
  const res = await env.app.request('/v1/logs', { method: 'POST', body, headers });
  return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
}
const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');
const json = (b: Uint8Array): Obj => JSON.parse(text(b)) as Obj;

const rows = (where: string, params: Record<string, unknown> = {}) => logRows(env.store, where, params);
const count = async (like: string): Promise<number> =>
  (await rows('_raw LIKE {p:String}', { p: like })).length;

describe('protobuf', () => {
  test('records map to rows: body, times, severity, ids, resource/scope/log attributes', async () => {
    const body = encode({
      resourceLogs: [
        {
          resource: {
            attributes: [
              kv('service.name', str('checkout')),
              kv('host.name', str('node-1')),
              kv('k8s.pod.name', str('pod-a')),
            ],
          },
          scopeLogs: [
            {
              scope: { name: 'app.logger', version: '1.2.0', attributes: [kv('lib', str('pino'))] },
              logRecords: [
                {
                  timeUnixNano: String(ns(0, 123_456_789)),
                  observedTimeUnixNano: String(ns(9)),
                  severityNumber: 17,
                  severityText: 'ERROR',
                  body: str('otlp-a status=500 user=alice'),
                  attributes: [
                    kv('http.method', str('GET')),
                    kv('retries', { intValue: '3' }),
                    kv('big', { intValue: '1152921504606846976' }),
                    kv('neg', { intValue: '-42' }),
                    kv('ratio', { doubleValue: 0.5 }),
                    kv('ok', { boolValue: true }),
                    kv('raw', { bytesValue: Uint8Array.from([1, 2, 3]) }),
                    kv('tags', { arrayValue: { values: [str('a'), { intValue: '2' }] } }),
                    kv('ctx', {
                      kvlistValue: { values: [kv('user', str('alice')), kv('id', { intValue: '7' })] },
                    }),
                    kv('log.file.path', str('/var/log/checkout.log')),
                  ],
                  flags: 1,
                  traceId: Buffer.from(TRACE, 'hex'),
                  spanId: Buffer.from(SPAN, 'hex'),
                  eventName: 'checkout.failed',
                },
                {
                  observedTimeUnixNano: String(ns(1, 5_000_000)),
                  body: {
                    kvlistValue: { values: [kv('msg', str('otlp-b')), kv('code', { intValue: '9' })] },
                  },
                },
              ],
            },
          ],
        },
        { resource: {}, scopeLogs: [{ logRecords: [{ body: str('otlp-c') }] }] },
      ],
    });
    const started = Date.now();
    const r = await post(body, { ...bearer(), ...PROTO });
    assert.equal(r.status, 200, text(r.bytes));
    assert.equal(r.headers.get('content-type'), 'application/x-protobuf');
    assert.equal(r.bytes.length, 0); // an empty ExportLogsServiceResponse: full success

    const [a] = await rows("_raw LIKE 'otlp-a%'");
    assert.deepEqual(
      { ...a, fields: undefined },
      {
        org: 'default',
        index: 'main',
        t: Number(T0) * 1000 + 123,
        host: 'node-1',
        source: '/var/log/checkout.log',
        sourcetype: 'checkout',
        raw: 'otlp-a status=500 user=alice',
        fields: undefined,
      },
    );
    // 64-bit integers come back quoted (the store pins output_format_json_quote_64bit_integers); their
    // stored types are checked below.
    assert.deepEqual(a?.fields, {
      status: '500',
      user: 'alice',
      service: { name: 'checkout' },
      host: { name: 'node-1' },
      k8s: { pod: { name: 'pod-a' } },
      lib: 'pino',
      scope: { name: 'app.logger', version: '1.2.0' },
      http: { method: 'GET' },
      retries: '3',
      big: '1152921504606846976',
      neg: '-42',
      ratio: 0.5,
      ok: true,
      raw: 'AQID',
      tags: ['a', '2'],
      ctx: { user: 'alice', id: '7' },
      log: { file: { path: '/var/log/checkout.log' } },
      severity_text: 'ERROR',
      severity_number: '17',
      trace_id: TRACE,
      span_id: SPAN,
      trace_flags: '1',
      event_name: 'checkout.failed',
    });

    const types = await env.store.query({
      sql: `SELECT dynamicType(fields.retries), dynamicType(fields.big), dynamicType(fields.ratio), dynamicType(fields.ok)
            FROM logs WHERE _raw LIKE 'otlp-a%'`,
      params: {},
    });
    assert.deepEqual(types.rows, [['Int64', 'String', 'Float64', 'Bool']]);

    // time_unix_nano 0: the observed time; a structured body is its JSON text and its fields.
    const [b] = await rows("_raw LIKE '%otlp-b%'");
    assert.equal(b?.t, Number(T0 + 1n) * 1000 + 5);
    assert.equal(b?.raw, '{"msg":"otlp-b","code":9}');
    assert.equal(b?.fields['msg'], 'otlp-b');
    assert.equal(b?.fields['code'], '9');

    // No times at all: the receive time; no resource attributes: the defaults.
    const [c] = await rows("_raw = 'otlp-c'");
    assert.ok(c !== undefined && c.t >= started - 1 && c.t <= Date.now());
    assert.deepEqual([c.host, c.source, c.sourcetype], [os.hostname(), 'otlp', 'otlp']);

    const res = await env.app.request('/query/spl', {
      method: 'POST',
      headers: { ...bearer(), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        query: `sourcetype=checkout severity_text=ERROR trace_id=${TRACE} | stats count by host`,
      }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as { rows: unknown[][] }).rows, [['node-1', 1]]);
  });

  test('partial success: invalid records are counted and the rest stored', async () => {
    const body = encode(
      request([
        { timeUnixNano: String(ns(2)), body: str('otlp-p-good') },
        { timeUnixNano: String(11_000_000_000n * 1_000_000_000n), body: str('otlp-p-future') },
        {
          timeUnixNano: String(ns(2)),
          body: str('otlp-p-badtrace'),
          traceId: Uint8Array.from([1, 2, 3, 4, 5]),
        },
        {
          timeUnixNano: String(ns(2)),
          body: str('otlp-p-badindex'),
          attributes: [kv('nexus.index', str('Bad Index'))],
        },
      ]),
    );
    const r = await post(body, { ...bearer(), ...PROTO });
    assert.equal(r.status, 200);
    const resp = decodeAs(Response, r.bytes) as {
      partialSuccess?: { rejectedLogRecords: string; errorMessage: string };
    };
    assert.equal(resp.partialSuccess?.rejectedLogRecords, '3');
    assert.match(
      resp.partialSuccess?.errorMessage ?? '',
      /log record 1: time_unix_nano is outside 1900\.\.2299/,
    );
    assert.match(resp.partialSuccess?.errorMessage ?? '', /log record 2: trace_id must be 16 bytes/);
    assert.match(resp.partialSuccess?.errorMessage ?? '', /log record 3: attribute nexus\.index/);
    assert.deepEqual(
      (await rows("_raw LIKE 'otlp-p-%'")).map((x) => x.raw),
      ['otlp-p-good'],
    );
  });

  test('nexus.index routes records; gzip bodies are accepted', async () => {
    const body = encode(
      request(
        [
          { timeUnixNano: String(ns(3)), body: str('otlp-idx-res') },
          {
            timeUnixNano: String(ns(3)),
            body: str('otlp-idx-rec'),
            attributes: [kv('nexus.index', str('audit'))],
          },
        ],
        [kv('nexus.index', str('apps'))],
      ),
    );
    const r = await post(gzipSync(body), { ...bearer(), ...PROTO, 'Content-Encoding': 'gzip' });
    assert.equal(r.status, 200, text(r.bytes));
    assert.deepEqual(
      (await rows("_raw LIKE 'otlp-idx-%'")).map((x) => [x.raw, x.index]),
      [
        ['otlp-idx-rec', 'audit'],
        ['otlp-idx-res', 'apps'],
      ],
    );
  });

  test('an undecodable body is 400 with a protobuf google.rpc.Status, and stores nothing', async () => {
    const good = encode(request([{ timeUnixNano: String(ns(4)), body: str('otlp-bad-never') }]));
    let deep: Obj = str('x');
    for (let i = 0; i < 40; i++) deep = { arrayValue: { values: [deep] } };
    const cases: [string, Uint8Array, RegExp][] = [
      ['truncated', good.subarray(0, good.length - 4), /malformed protobuf.*(truncated|runs past)/],
      ['wrong wire type', Uint8Array.from([0x08, 0x01]), /resource_logs.*wire type varint/],
      ['garbage', Buffer.from('{"resourceLogs": []}'), /malformed protobuf/],
      ['too deep', encode(request([{ body: deep }])), /nested deeper than 32/],
    ];
    for (const [name, body, message] of cases) {
      const r = await post(body, { ...bearer(), ...PROTO });
      assert.equal(r.status, 400, name);
      assert.equal(r.headers.get('content-type'), 'application/x-protobuf', name);
      const status = decodeAs(Status, r.bytes) as { code: number; message: string };
      assert.equal(status.code, 3, name);
      assert.match(status.message, message, name);
    }
    assert.equal(await count('otlp-bad-never'), 0);
  });
});

describe('JSON', () => {
  test('OTLP JSON mapping: hex ids, int64 as strings, gzip; answers JSON', async () => {
    const body = JSON.stringify(
      request([
        {
          timeUnixNano: String(ns(5, 7_000_000)),
          severityNumber: 9,
          severityText: 'INFO',
          traceId: TRACE.toUpperCase(),
          spanId: SPAN,
          body: str('otlp-json-1 path=/cart'),
          attributes: [
            kv('count', { intValue: '12' }),
            kv('n', { intValue: 5 }),
            kv('pi', { doubleValue: 3.25 }),
          ],
        },
        { timeUnixNano: Number(ns(6)), body: { boolValue: false }, severityNumber: 'SEVERITY_NUMBER_WARN' },
      ]),
    );
    const r = await post(gzipSync(body), { ...bearer(), ...JSON_TYPE, 'Content-Encoding': 'gzip' });
    assert.equal(r.status, 200, text(r.bytes));
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(json(r.bytes), {});
    const [one] = await rows("_raw LIKE 'otlp-json-1%'");
    assert.equal(one?.t, Number(T0 + 5n) * 1000 + 7);
    assert.equal(one?.sourcetype, 'checkout');
    assert.deepEqual(
      [
        one?.fields['trace_id'],
        one?.fields['span_id'],
        one?.fields['count'],
        one?.fields['n'],
        one?.fields['path'],
      ],
      [TRACE, SPAN, '12', '5', '/cart'],
    );
    const [two] = await rows("_raw = 'false' AND sourcetype = 'checkout'");
    assert.equal(two?.fields['severity_number'], '13');
  });

  test('partial success in JSON', async () => {
    const body = JSON.stringify(
      request([
        { timeUnixNano: String(ns(7)), body: str('otlp-jp-good') },
        { timeUnixNano: String(ns(7)), body: str('otlp-jp-bad'), spanId: 'zz' },
      ]),
    );
    const r = await post(body, { ...bearer(), ...JSON_TYPE });
    assert.equal(r.status, 200);
    const resp = json(r.bytes) as { partialSuccess: { rejectedLogRecords: string; errorMessage: string } };
    assert.equal(resp.partialSuccess.rejectedLogRecords, '1');
    assert.match(resp.partialSuccess.errorMessage, /log record 1: span_id must be 8 bytes/);
    assert.deepEqual(
      (await rows("_raw LIKE 'otlp-jp-%'")).map((x) => x.raw),
      ['otlp-jp-good'],
    );
  });

  test('wrong types are 400 with a JSON Status naming the field', async () => {
    const cases: [string, string, RegExp][] = [
      ['not json', '{"resourceLogs": [', /not valid JSON/],
      ['not an array', '{"resourceLogs": {}}', /resourceLogs is not an array/],
      [
        'bad time',
        JSON.stringify(request([{ timeUnixNano: 'soon' }])),
        /resourceLogs\[0\]\.scopeLogs\[0\]\.logRecords\[0\]\.timeUnixNano is not a uint64/,
      ],
      [
        'fractional int',
        JSON.stringify(request([{ body: { intValue: 1.5 } }])),
        /body\.intValue is not a int64/,
      ],
      [
        'bad string',
        JSON.stringify(request([{ body: { stringValue: 5 } }])),
        /body\.stringValue is not a string/,
      ],
      ['bad severity', JSON.stringify(request([{ severityNumber: 'LOUD' }])), /severityNumber/],
      ['bad bytes', JSON.stringify(request([{ body: { bytesValue: '***' } }])), /not base64/],
    ];
    for (const [name, body, message] of cases) {
      const r = await post(body, { ...bearer(), ...JSON_TYPE });
      assert.equal(r.status, 400, `${name}: ${text(r.bytes)}`);
      const status = json(r.bytes) as { code: number; message: string };
      assert.equal(status.code, 3, name);
      assert.match(status.message, message, name);
    }
  });

  test('gzip bomb: 413', async () => {
    const r = await post(gzipSync(Buffer.alloc(11 * 1024 * 1024, 0x20)), {
      ...bearer(),
      ...JSON_TYPE,
      'Content-Encoding': 'gzip',
    });
    assert.equal(r.status, 413);
    assert.match((json(r.bytes) as { message: string }).message, /decompressed body exceeds/);
  });
});

describe('content types and indexes', () => {
  const one = () => encode(request([{ timeUnixNano: String(ns(20)), body: str('otlp-415') }]));

  test('unsupported Content-Type is 415', async () => {
    const r = await post('hello', { ...bearer(), 'Content-Type': 'text/plain' });
    assert.equal(r.status, 415);
    assert.match((json(r.bytes) as { message: string }).message, /unsupported Content-Type "text\/plain"/);
    assert.equal((await post(one(), bearer())).status, 415); // no Content-Type at all
  });
});

ingestRouteRules('otlp', () => env, {
  post,
  body: (marker) => encode(request([{ timeUnixNano: String(ns(20)), body: str(marker) }])),
  headers: PROTO,
  ok: 200,
  unavailable: (body) => {
    const status = decodeAs(Status, body) as { code: number; message: string };
    assert.equal(status.code, 14);
    assert.match(status.message, /shutting down/);
  },
});
