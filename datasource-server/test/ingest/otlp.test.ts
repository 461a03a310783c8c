// OTLP/HTTP logs (POST /v1/logs) against real chDB: protobuf and JSON bodies, mapping, partial success, errors.
// Protobuf bodies are encoded (and responses decoded) with protobufjs from the .proto text below.

import assert from 'node:assert/strict';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import protobuf from 'protobufjs';
import { decodeOtlpLogs } from '../../src/ingest/otlp-decode.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';
import { ingestRouteRules } from '../helpers/ingest-rules.ts';
import { logRows } from '../helpers/log-rows.ts';
import { assertSurvivesMutations, unitContext } from '../helpers/mutate.ts';

// Field numbers as in open-telemetry/opentelemetry-proto (common, resource, logs, collector/logs) and
// google.rpc.Status, flattened into one package.
const OTLP_PROTO = `
syntax = "proto3";
package otlp;
message AnyValue {
  oneof value {
    string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
    ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope {
  string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4;
}
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message LogRecord {
  fixed64 time_unix_nano = 1; fixed64 observed_time_unix_nano = 11; int32 severity_number = 2;
  string severity_text = 3; AnyValue body = 5; repeated KeyValue attributes = 6;
  uint32 dropped_attributes_count = 7; fixed32 flags = 8; bytes trace_id = 9; bytes span_id = 10;
  string event_name = 12;
}
message ScopeLogs { InstrumentationScope scope = 1; repeated LogRecord log_records = 2; string schema_url = 3; }
message ResourceLogs { Resource resource = 1; repeated ScopeLogs scope_logs = 2; string schema_url = 3; }
message ExportLogsServiceRequest { repeated ResourceLogs resource_logs = 1; }
message ExportLogsPartialSuccess { int64 rejected_log_records = 1; string error_message = 2; }
message ExportLogsServiceResponse { ExportLogsPartialSuccess partial_success = 1; }
message Status { int32 code = 1; string message = 2; }
`;
const root = protobuf.parse(OTLP_PROTO).root;
const Request = root.lookupType('otlp.ExportLogsServiceRequest');
const Response = root.lookupType('otlp.ExportLogsServiceResponse');
const Status = root.lookupType('otlp.Status');

/** protobufjs takes the same lowerCamelCase object as OTLP JSON (bytes as Uint8Array, 64-bit as strings). */
type Obj = Record<string, unknown>;
const encode = (req: Obj): Uint8Array => Request.encode(Request.fromObject(req)).finish();
const decodeAs = (type: protobuf.Type, b: Uint8Array): Obj =>
  type.toObject(type.decode(b), { longs: String, defaults: false });

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

const kv = (key: string, value: Obj): Obj => ({ key, value });
const str = (s: string): Obj => ({ stringValue: s });

/** One resource with one scope holding `records`. */
const request = (records: Obj[], resourceAttrs: Obj[] = [kv('service.name', str('checkout'))]): Obj => ({
  resourceLogs: [
    {
      resource: { attributes: resourceAttrs },
      scopeLogs: [{ scope: { name: 'app.logger', version: '1.2.0' }, logRecords: records }],
    },
  ],
});

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

describe('decoder robustness', () => {
  test('mutated and truncated protobuf bodies: an IngestError or a result, never another exception', () => {
    const ctx = unitContext();
    const good = encode(
      request([
        {
          timeUnixNano: String(ns(1)),
          body: {
            kvlistValue: { values: [kv('a', { arrayValue: { values: [str('x'), { doubleValue: 1.5 }] } })] },
          },
          attributes: [kv('n', { intValue: '-3' }), kv('b', { bytesValue: Uint8Array.from([9]) })],
          traceId: Buffer.from(TRACE, 'hex'),
        },
        { observedTimeUnixNano: String(ns(2)), body: str('two'), severityNumber: 5, flags: 1 },
      ]),
    );
    assert.equal(decodeOtlpLogs(Buffer.from(good), 'protobuf', ctx).rows.length, 2);
    assertSurvivesMutations(good, (b) => decodeOtlpLogs(b, 'protobuf', ctx), 7);
  });
});
