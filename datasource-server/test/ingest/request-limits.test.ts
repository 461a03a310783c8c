// Ingest bounds and poison isolation, on the real engine: a batch the store refuses is split so only the
// request holding the bad rows fails (400); events the store cannot hold are refused per event; deep JSON,
// too many events, amplified and undecodable bodies get a 4xx that says why, on every route.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Batcher, RequestTooLargeError, RowsRefusedError } from '../../src/ingest/batcher.ts';
import { toIngestError } from '../../src/ingest/service.ts';
import type { LogRow } from '../../src/store/types.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';
import { post, storedRows } from '../helpers/ingest.ts';

const CHANNEL = '11111111-2222-4333-8444-555555555555';
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

let env: TestEnv;
before(async () => {
  env = await testEnv({
    NEXUS_INGEST_MAX_EVENTS: '1000',
    NEXUS_INGEST_MAX_EVENT_BYTES: '4096',
    NEXUS_INGEST_MAX_JSON_DEPTH: '64',
  });
});
after(async () => {
  await env.close();
});

const row = (tag: string, raw: string): LogRow => ({
  org_id: 'split',
  index: 'main',
  _time: Date.now(),
  host: 'h',
  source: 's',
  sourcetype: tag,
  _raw: raw,
  fields: {},
});

describe('a batch the engine refuses is split: only the request that caused it fails', () => {
  test('three requests in one INSERT, the middle one poisoned: the others commit once, it gets a 400', async () => {
    const tag = `split-${randomUUID().slice(0, 8)}`;
    const batcher = new Batcher({ store: env.store, maxRows: 1000, maxWaitMs: 50, maxQueuedRows: 10_000 });
    // Rows built by hand, past the decoders' repair: what the engine itself refuses (a lone surrogate).
    const results = await Promise.allSettled([
      batcher.submit([row(tag, 'first a'), row(tag, 'first b')]),
      batcher.submit([row(tag, 'poison \ud800')]),
      batcher.submit([row(tag, 'third')]),
      batcher.submit([row(tag, 'fourth a'), row(tag, 'fourth b')]),
    ]);
    await batcher.close();
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
    );
    const refused = results[1];
    assert.ok(refused?.status === 'rejected' && refused.reason instanceof RowsRefusedError);
    assert.match(String(refused.reason.message), /surrogate/);
    const e = toIngestError(refused.reason);
    assert.deepEqual([e.status, e.hec.code, e.explain], [400, 6, true]);
    // Every committed row exactly once: the halves' dedup tokens differ, nothing was written twice.
    const stored = await storedRows(env, 'sourcetype = {t:String}', { t: tag });
    assert.deepEqual(stored.map((r) => r.raw).sort(), [
      'first a',
      'first b',
      'fourth a',
      'fourth b',
      'third',
    ]);
    // One refused INSERT, then halves: [first, poison] refused → [first] ok, [poison] refused; [third, fourth] ok.
    assert.equal(batcher.stats.rowsInserted, 5);
  });

  test('a request larger than the queue can ever hold is refused at once with 413, queue empty or not', async () => {
    const batcher = new Batcher({ store: env.store, maxRows: 10, maxWaitMs: 5, maxQueuedRows: 20 });
    const rows = Array.from({ length: 21 }, (_, i) => row('too-large', `r${i}`));
    await assert.rejects(batcher.submit(rows), RequestTooLargeError);
    const e = toIngestError(new RequestTooLargeError('x'));
    assert.equal(e.status, 413);
    await batcher.close();
  });
});

describe('poison text is repaired (U+FFFD) and stored, per route', () => {
  test('HEC: event, host and indexed field with a lone surrogate', async () => {
    const tag = `poison-${randomUUID().slice(0, 8)}`;
    const body = `{"event":"p \\ud800 q","host":"h\\udc00","sourcetype":"${tag}","fields":{"k\\ud800":"v\\ud800"}}`;
    const r = await post(env, '/services/collector/event', body, auth);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const [stored] = await storedRows(env, 'sourcetype = {t:String}', { t: tag });
    assert.equal(stored?.raw, 'p \ufffd q');
    assert.equal(stored?.host, 'h\ufffd');
    assert.deepEqual(stored?.fields, { 'k\ufffd': 'v\ufffd' });
  });
});

describe('an event the store cannot hold is refused alone, in the protocol’s per-event way', () => {
  const big = 'x'.repeat(5000);
  test('HEC: code 6, invalid-event-number and the reason; nothing of the request stored', async () => {
    const tag = `big-${randomUUID().slice(0, 8)}`;
    const body =
      JSON.stringify({ event: 'small', sourcetype: tag }) + JSON.stringify({ event: big, sourcetype: tag });
    const r = await post(env, '/services/collector/event', body, auth);
    assert.equal(r.status, 400);
    assert.deepEqual(
      { ...r.body, reason: undefined },
      { text: 'Invalid data format', code: 6, 'invalid-event-number': 1, reason: undefined },
    );
    assert.match(String(r.body['reason']), /event 1: the event is 5000 bytes, over the limit of 4096 bytes/);
    assert.equal((await storedRows(env, 'sourcetype = {t:String}', { t: tag })).length, 0);
  });

  test('_bulk: that item fails (400), the others are stored', async () => {
    const tag = `bulk-big-${randomUUID().slice(0, 8)}`;
    const body = [
      JSON.stringify({ index: {} }),
      JSON.stringify({ message: 'ok', sourcetype: tag }),
      JSON.stringify({ index: {} }),
      JSON.stringify({ message: big, sourcetype: tag }),
      '',
    ].join('\n');
    const r = await post(env, '/main/_bulk', body, { ...auth, 'Content-Type': 'application/x-ndjson' });
    assert.equal(r.status, 200);
    const items = r.body['items'] as { index: { status: number; error?: { reason: string } } }[];
    assert.deepEqual(
      items.map((i) => i.index.status),
      [201, 400],
    );
    assert.match(String(items[1]?.index.error?.reason), /over the limit of 4096 bytes/);
    assert.equal((await storedRows(env, 'sourcetype = {t:String}', { t: tag })).length, 1);
  });

  test('OTLP: the record is rejected (partial success), the others are stored', async () => {
    const tag = `otlp-big-${randomUUID().slice(0, 8)}`;
    const rec = (body: string) => ({
      body: { stringValue: body },
      attributes: [{ key: 'sourcetype', value: { stringValue: tag } }],
    });
    const body = JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [rec('ok'), rec(big)] }] }] });
    const r = await post(env, '/v1/logs', body, { ...auth, 'Content-Type': 'application/json' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal((r.body['partialSuccess'] as { rejectedLogRecords?: unknown })?.rejectedLogRecords, '1');
  });
});

describe('4xx, never 5xx: deep JSON, too many events, amplification, undecodable bodies', () => {
  const deep = (n: number) => `{"event":${'['.repeat(n)}1${']'.repeat(n)}}`;
  const routes: [string, string, Record<string, string>][] = [
    ['/services/collector/event', deep(10_000), {}],
    ['/ingest/logs', `[{"message":${'['.repeat(10_000)}${']'.repeat(10_000)}}]`, {}],
    ['/main/_bulk', `{"index":{}}\n{"m":${'['.repeat(10_000)}${']'.repeat(10_000)}}\n`, {}],
    [
      '/loki/api/v1/push',
      `{"streams":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      { 'Content-Type': 'application/json' },
    ],
    [
      '/v1/logs',
      `{"resourceLogs":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      { 'Content-Type': 'application/json' },
    ],
    ['/api/v1/import', `{"metric":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`, {}],
  ];
  for (const [path, body, headers] of routes) {
    test(`JSON nested 10,000 deep on ${path}: 400 naming the depth`, async () => {
      const r = await env.app.request(path, { method: 'POST', body, headers: { ...auth, ...headers } });
      const text = await r.text();
      assert.equal(r.status, 400, text);
      assert.match(text, /nested deeper than 64 levels/);
    });
  }

  test('HEC: deep JSON is code 6 with the reason', async () => {
    const r = await post(env, '/services/collector/event', deep(10_000), auth);
    assert.deepEqual([r.status, r.body['code'], r.body['text']], [400, 6, 'Invalid data format']);
    assert.match(String(r.body['reason']), /nested deeper than 64 levels \(at byte \d+\)/);
  });

  test('HEC: an undecodable gzip body names the cause', async () => {
    const r = await post(env, '/services/collector/event', Buffer.from('not gzip at all'), {
      ...auth,
      'Content-Encoding': 'gzip',
    });
    assert.deepEqual([r.status, r.body['code'], r.body['text']], [400, 6, 'Invalid data format']);
    assert.match(String(r.body['reason']), /cannot decompress the body \(gzip\): incorrect header check/);
  });

  test('HEC /raw: more lines than NEXUS_INGEST_MAX_EVENTS is 413 before decoding', async () => {
    const body = gzipSync('a\n'.repeat(5000));
    const r = await post(env, `/services/collector/raw?channel=${CHANNEL}`, body, {
      ...auth,
      'Content-Encoding': 'gzip',
    });
    assert.equal(r.status, 413);
    assert.match(String(r.body['text']), /more than 1000 events \(lines\)/);
  });

  test('Vector: more events than NEXUS_INGEST_MAX_EVENTS is 413', async () => {
    const body = JSON.stringify(Array.from({ length: 1001 }, (_, i) => ({ message: `m${i}` })));
    const r = await post(env, '/ingest/logs', body, auth);
    assert.equal(r.status, 413, JSON.stringify(r.body));
  });

  test('a compressed body decoding past 100× its size (and past 1 MiB) is 413 naming the ratio', async () => {
    const body = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x61));
    const r = await post(env, `/services/collector/raw?channel=${CHANNEL}`, body, {
      ...auth,
      'Content-Encoding': 'gzip',
    });
    assert.equal(r.status, 413);
    assert.match(String(r.body['text']), /100× the \d+ bytes sent: NEXUS_INGEST_MAX_AMPLIFICATION/);
  });
});
