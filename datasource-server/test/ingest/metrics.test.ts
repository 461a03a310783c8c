// The nexus_ingest_* series: real requests on every protocol (accepted, refused for a dozen reasons, two
// orgs, a retried duplicate, a store outage, a full queue) against real chDB, then GET /metrics read back.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Batcher } from '../../src/ingest/batcher.ts';
import type { LogRow, Store } from '../../src/store/types.ts';
import { createMetrics } from '../../src/telemetry/metrics.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';
import { parseProm, series } from '../helpers/prom.ts';
import type { Sample } from '../helpers/prom.ts';

const T0 = Date.now() - 3_600_000;
const CHANNEL = '11111111-2222-3333-4444-555555555555';
const MAX_BODY = 10 * 1024 * 1024; // the smallest NEXUS_MAX_BODY_BYTES allowed

/** The store under the routes' batcher: `down` fails every insert, `hold` delays them. */
const gate: { down: boolean; hold: Promise<void> | undefined } = { down: false, hold: undefined };
let sink: Batcher;
let env: TestEnv;
const tokens: Record<string, string> = {};

before(async () => {
  // Three org labels: acme, globex and limited are seen first; `late` is counted as _other.
  const metrics = createMetrics({ maxOrgLabels: 3 });
  env = await testEnv(
    {
      NEXUS_MAX_BODY_BYTES: String(MAX_BODY),
      NEXUS_BATCH_MAX_ROWS: '10',
      NEXUS_QUEUE_MAX_ROWS: '10',
      NEXUS_RATE_LIMIT_OVERRIDES: JSON.stringify({ limited: { rps: 1 } }),
    },
    {
      metrics,
      sink: (store, config) => {
        const flaky: Pick<Store, 'insertLogs'> = {
          async insertLogs(rows: LogRow[], opts?: { dedupToken?: string }) {
            await gate.hold;
            if (gate.down) throw new Error('store down (test)');
            return store.insertLogs(rows, opts);
          },
        };
        sink = new Batcher({ store: flaky, ...config.batch, retryDelayMs: 0, metrics: metrics.ingest });
        return sink;
      },
    },
  );
  const specs = {
    acme: { orgId: 'acme', role: 'ingest' },
    acmeWeb: { orgId: 'acme', role: 'ingest', indexes: ['web'] },
    acmeViewer: { orgId: 'acme', role: 'viewer' },
    globex: { orgId: 'globex', role: 'ingest' },
    limited: { orgId: 'limited', role: 'ingest' },
    late: { orgId: 'late', role: 'ingest' },
  } as const;
  for (const [name, spec] of Object.entries(specs)) {
    tokens[name] = (await env.tokens.create({ ...spec, name })).token;
  }
});
after(async () => {
  await env.close();
});

type Who = 'acme' | 'acmeWeb' | 'acmeViewer' | 'globex' | 'limited' | 'late';
const auth = (who: Who | undefined): Record<string, string> =>
  who === undefined ? {} : { Authorization: `Bearer ${tokens[who] ?? ''}` };
const send = async (
  path: string,
  who: Who | undefined,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<number> => {
  // Not helpers' `post`: Loki answers errors in plain text.
  const res = await env.app.request(path, { method: 'POST', body, headers: { ...auth(who), ...headers } });
  await res.arrayBuffer();
  return res.status;
};

const hecEvents = (n: number, tag: string, index?: string) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({ event: `${tag} ${i}`, time: (T0 + i) / 1000, ...(index ? { index } : {}) }),
  ).join('');
const vectorEvents = (n: number, tag: string) =>
  JSON.stringify(
    Array.from({ length: n }, (_, i) => ({
      message: `${tag} ${i}`,
      timestamp: new Date(T0 + i).toISOString(),
    })),
  );

/** Bytes the test sent, read in full, per `protocol,org` (as sent; after Content-Encoding). */
const sent: Record<string, number> = {};
const decoded: Record<string, number> = {};
function counted(key: string, wire: string | Buffer, plain: string | Buffer = wire): void {
  sent[key] = (sent[key] ?? 0) + Buffer.byteLength(wire);
  decoded[key] = (decoded[key] ?? 0) + Buffer.byteLength(plain);
}

let samples: Sample[] = [];

test('requests on every protocol, accepted and refused', async () => {
  // HEC /event
  let body = hecEvents(2, 'hec-acme');
  assert.equal(await send('/services/collector/event', 'acme', body), 200);
  counted('hec_event,acme', body);
  assert.equal(await send('/services/collector/event', 'acme', ''), 400); // no_data
  counted('hec_event,acme', '');
  assert.equal(await send('/services/collector/event', 'acme', 'not json'), 400); // invalid_format
  counted('hec_event,acme', 'not json');
  body = hecEvents(1, 'hec-app', 'app');
  assert.equal(await send('/services/collector/event', 'acmeWeb', body), 400); // incorrect_index, 1 event
  counted('hec_event,acme', body);
  assert.equal(await send('/services/collector/event', undefined, hecEvents(1, 'x')), 401);
  assert.equal(await send('/services/collector/event', 'acmeViewer', hecEvents(1, 'x')), 403);
  body = hecEvents(1, 'hec-globex');
  assert.equal(await send('/services/collector/event', 'globex', body), 200);
  counted('hec_event,globex', body);

  // HEC /raw: the channel is checked before the body is read.
  assert.equal(await send('/services/collector/raw', 'acme', 'line'), 400); // invalid_request
  body = 'raw line 1\nraw line 2\n';
  assert.equal(await send(`/services/collector/raw?channel=${CHANNEL}`, 'acme', body), 200);
  counted('hec_raw,acme', body);

  // Vector: a retried request is answered 200 and writes nothing.
  body = vectorEvents(3, 'vec-acme');
  assert.equal(await send('/ingest/logs', 'acme', body), 200);
  assert.equal(await send('/ingest/logs', 'acme', body), 200);
  counted('vector,acme', body);
  counted('vector,acme', body);
  const brotli = Buffer.from('not really brotli');
  assert.equal(await send('/ingest/logs', 'acme', brotli, { 'Content-Encoding': 'br' }), 415);
  sent['vector,acme'] = (sent['vector,acme'] ?? 0) + brotli.byteLength; // read, never decoded
  assert.equal(await send('/ingest/logs', 'acme', 'x'.repeat(MAX_BODY + 1)), 413);
  const plain = vectorEvents(2, 'vec-globex');
  const gz = gzipSync(plain);
  assert.equal(await send('/ingest/logs', 'globex', gz, { 'Content-Encoding': 'gzip' }), 200);
  counted('vector,globex', gz, plain);
  body = vectorEvents(1, 'vec-limited');
  assert.equal(await send('/ingest/logs', 'limited', body), 200);
  counted('vector,limited', body);
  assert.equal(await send('/ingest/logs', 'limited', vectorEvents(1, 'vec-limited-2')), 429);

  // Loki (JSON push)
  const ns = (ms: number) => `${BigInt(ms) * 1_000_000n}`;
  body = JSON.stringify({
    streams: [
      {
        stream: { job: 'app' },
        values: [
          [ns(T0), 'loki 1'],
          [ns(T0 + 1), 'loki 2'],
        ],
      },
    ],
  });
  const json = { 'Content-Type': 'application/json' };
  assert.equal(await send('/loki/api/v1/push', 'acme', body, json), 204);
  counted('loki,acme', body);
  assert.equal(await send('/loki/api/v1/push', 'acme', body, { 'Content-Type': 'text/plain' }), 415);
  assert.equal(await send('/loki/api/v1/push', 'globex', '{"streams":', json), 400);
  counted('loki,globex', '{"streams":');

  // OTLP (JSON): one record of three has an invalid index and is refused alone (partial success).
  const record = (text: string, index?: string) => ({
    timeUnixNano: ns(T0),
    body: { stringValue: text },
    ...(index ? { attributes: [{ key: 'nexus.index', value: { stringValue: index } }] } : {}),
  });
  body = JSON.stringify({
    resourceLogs: [
      { scopeLogs: [{ logRecords: [record('otlp 1'), record('otlp 2'), record('otlp 3', 'Bad Index')] }] },
    ],
  });
  assert.equal(await send('/v1/logs', 'acme', body, json), 200);
  counted('otlp,acme', body);
  assert.equal(await send('/v1/logs', 'globex', body, { 'Content-Type': 'text/plain' }), 415);

  // Elasticsearch _bulk: a delete item is refused, an index the token may not write is 403 per item.
  const nd = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
  const doc = (m: string) => ({ message: m, '@timestamp': new Date(T0).toISOString() });
  body = nd([{ index: {} }, doc('es 1'), { create: {} }, doc('es 2'), { delete: { _id: '1' } }]);
  const ndjson = { 'Content-Type': 'application/x-ndjson' };
  assert.equal(await send('/app/_bulk', 'acme', body, ndjson), 200);
  counted('elasticsearch,acme', body);
  body = nd([{ index: { _index: 'app' } }, doc('es forbidden')]);
  assert.equal(await send('/_bulk', 'acmeWeb', body, ndjson), 200);
  counted('elasticsearch,acme', body);
});

test('store outage, full queue, and an org past the label bound', async () => {
  gate.down = true;
  let body = vectorEvents(1, 'down');
  assert.equal(await send('/ingest/logs', 'globex', body), 503); // store_unavailable, 1 event
  counted('vector,globex', body);
  gate.down = false;

  let release: () => void = () => undefined;
  gate.hold = new Promise((r) => (release = r));
  body = vectorEvents(5, 'held');
  const held = send('/ingest/logs', 'acme', body);
  counted('vector,acme', body);
  for (let i = 0; i < 500 && sink.queuedRows === 0; i++) await new Promise((r) => setTimeout(r, 5));
  assert.equal(sink.queuedRows, 5);
  body = vectorEvents(8, 'overflow');
  assert.equal(await send('/ingest/logs', 'globex', body), 503); // overloaded, 8 events
  counted('vector,globex', body);
  release();
  gate.hold = undefined;
  assert.equal(await held, 200);

  body = vectorEvents(1, 'late');
  assert.equal(await send('/ingest/logs', 'late', body), 200);
  counted('vector,_other', body);

  const res = await env.app.request('/metrics', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  assert.equal(res.status, 200);
  samples = parseProm(await res.text());
});

const PO = ['protocol', 'org'] as const;
const POR = ['protocol', 'org', 'reason'] as const;

test('requests accepted and refused, by protocol, org and reason', () => {
  assert.deepEqual(series(samples, 'nexus_ingest_requests_accepted_total', PO), {
    'hec_event,acme': 1,
    'hec_event,globex': 1,
    'hec_raw,acme': 1,
    'vector,acme': 3, // the retried duplicate and the held request too
    'vector,globex': 1,
    'vector,limited': 1,
    'vector,_other': 1,
    'loki,acme': 1,
    'otlp,acme': 1,
    'elasticsearch,acme': 2,
  });
  assert.deepEqual(series(samples, 'nexus_ingest_requests_rejected_total', POR), {
    'hec_event,acme,no_data': 1,
    'hec_event,acme,invalid_format': 1,
    'hec_event,acme,incorrect_index': 1,
    'hec_event,_unknown,unauthorized': 1,
    'hec_event,_unknown,forbidden': 1,
    'hec_raw,acme,invalid_request': 1,
    'vector,acme,unsupported_media_type': 1,
    'vector,acme,body_too_large': 1,
    'vector,limited,rate_limited': 1,
    'vector,globex,store_unavailable': 1,
    'vector,globex,overloaded': 1,
    'loki,acme,unsupported_media_type': 1,
    'loki,globex,invalid_format': 1,
    'otlp,globex,unsupported_media_type': 1,
  });
  assert.deepEqual(series(samples, 'nexus_ingest_duplicate_requests_total', PO), { 'vector,acme': 1 });
});

test('events accepted and refused; a request refused after decoding counts its events', () => {
  assert.deepEqual(series(samples, 'nexus_ingest_events_accepted_total', PO), {
    'hec_event,acme': 2,
    'hec_event,globex': 1,
    'hec_raw,acme': 2,
    'vector,acme': 3 + 5, // not the duplicate's 3
    'vector,globex': 2,
    'vector,limited': 1,
    'vector,_other': 1,
    'loki,acme': 2,
    'otlp,acme': 2,
    'elasticsearch,acme': 2,
  });
  assert.deepEqual(series(samples, 'nexus_ingest_events_rejected_total', POR), {
    'hec_event,acme,incorrect_index': 1,
    'vector,globex,store_unavailable': 1,
    'vector,globex,overloaded': 8,
    'otlp,acme,invalid_format': 1,
    'elasticsearch,acme,invalid_format': 1,
    'elasticsearch,acme,incorrect_index': 1,
  });
});

test('bytes as sent and after Content-Encoding, for every body read', () => {
  assert.deepEqual(series(samples, 'nexus_ingest_received_bytes_total', PO), sent);
  assert.deepEqual(series(samples, 'nexus_ingest_decoded_bytes_total', PO), decoded);
});

test('request latency for each 2xx; batch commit time, rows, failures and the queue', () => {
  const latency = series(samples, 'nexus_ingest_request_duration_seconds_count', ['protocol']);
  assert.deepEqual(latency, {
    hec_event: 2,
    hec_raw: 1,
    vector: 6,
    loki: 1,
    otlp: 1,
    elasticsearch: 2,
  });
  const one = (name: string) => series(samples, name, [])[''];
  const stored = 2 + 1 + 2 + 8 + 2 + 1 + 1 + 2 + 2 + 2;
  assert.equal(one('nexus_ingest_batch_rows_sum'), stored);
  assert.equal(one('nexus_ingest_batch_rows_count'), sink.stats.batches);
  assert.equal(one('nexus_ingest_batch_commit_duration_seconds_count'), sink.stats.batches);
  assert.ok((one('nexus_ingest_batch_commit_duration_seconds_sum') ?? 0) > 0);
  assert.equal(one('nexus_ingest_batch_failures_total'), 1);
  assert.equal(one('nexus_ingest_queued_rows'), 0);
});
