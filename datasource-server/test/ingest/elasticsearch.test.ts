// Elasticsearch `_bulk` ingestion (root and /es prefix) and the agents' probe endpoints, against real chDB.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { Batcher } from '../../src/ingest/batcher.ts';
import { ES_VERSION } from '../../src/ingest/elasticsearch.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';
import { post, splRows, storedRows, zstdCli, zstdRleBomb } from '../helpers/ingest.ts';

const MiB = 1024 * 1024;
const bearer = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const T0 = Date.now() - 3_600_000; // inside the retention
const iso = (ms: number): string => new Date(ms).toISOString();
const nd = (...lines: unknown[]): string => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

interface Item {
  _index?: string;
  _id?: string;
  status: number;
  result?: string;
  error?: { type: string; reason: string };
}
interface BulkReply {
  took: number;
  errors: boolean;
  items: Record<string, Item>[];
}
/** `[action, status, _index, error type]` of each item. */
const summary = (r: BulkReply) =>
  r.items.map((it) => {
    const [action, v] = Object.entries(it)[0] ?? ['?', { status: 0 }];
    return [action, v.status, v._index, v.error?.type];
  });

let env: TestEnv;
before(async () => {
  env = await testEnv({ NEXUS_MAX_BODY_BYTES: String(10 * MiB), NEXUS_MAX_DECODED_BYTES: String(12 * MiB) });
});
after(async () => {
  await env.close();
});

const bulk = (body: RequestInit['body'], path = '/_bulk', headers: Record<string, string> = bearer) =>
  post(env, path, body, { 'Content-Type': 'application/x-ndjson', ...headers });
const reply = (r: { body: Record<string, unknown> }): BulkReply => r.body as unknown as BulkReply;
const countHost = async (host: string) => (await storedRows(env, 'host = {h:String}', { h: host })).length;

describe('probes', () => {
  test('GET / (and /es, /es/) answers an 8.x version; HEAD /; _license active; _cluster/health 200', async () => {
    for (const path of ['/', '/es', '/es/']) {
      const res = await env.app.request(path, { headers: bearer });
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('X-Elastic-Product'), 'Elasticsearch');
      const body = (await res.json()) as { version: { number: string }; tagline: string };
      assert.equal(body.version.number, ES_VERSION);
      assert.match(body.version.number, /^8\.\d+\.\d+$/);
    }
    const head = await env.app.request('/', { method: 'HEAD', headers: bearer });
    assert.deepEqual([head.status, await head.text()], [200, '']);
    const license = await env.app.request('/es/_license?human=false', { headers: bearer });
    assert.equal(((await license.json()) as { license: { status: string } }).license.status, 'active');
    const health = await env.app.request('/_cluster/health', { headers: bearer });
    assert.deepEqual([health.status, ((await health.json()) as { status: string }).status], [200, 'green']);
    assert.equal((await env.app.request('/')).status, 401);
    // The probes did not take over other routes.
    assert.equal((await env.app.request('/health/live')).status, 200);
    assert.equal((await env.app.request('/nope', { headers: bearer })).status, 404);
  });
});

describe('_bulk', () => {
  test('Fluent Bit, Filebeat and Vector documents: stored, mapped, searchable; replies item by item', async () => {
    const body = nd(
      // Fluent Bit es output (Suppress_Type_Name On): create, @timestamp, the line in `log`.
      { create: { _index: 'es-fb' } },
      { '@timestamp': iso(T0), log: 'GET /a status=404', kubernetes: { pod_name: 'fb-1' }, stream: 'stdout' },
      // Filebeat: ECS host.name and log.file.path, message.
      { index: { _index: 'es-beat', _id: 'given-id' } },
      {
        '@timestamp': iso(T0 + 1),
        message: 'user=ann logged in',
        host: { name: 'es-host-beat', ip: ['10.0.0.1'] },
        log: { file: { path: '/var/log/auth.log' }, offset: '42' }, // 64-bit integers are read back quoted
        agent: { type: 'filebeat' },
      },
      // Vector elasticsearch sink: its own event schema, no _index in the action (the URL's index).
      { index: {} },
      { timestamp: iso(T0 + 2), message: 'vector line', host: 'es-host-vec', source_type: 'file' },
    );
    const r = await bulk(body, '/es/es-url/_bulk');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const rep = reply(r);
    assert.equal(rep.errors, false);
    assert.ok(rep.took >= 0);
    assert.deepEqual(summary(rep), [
      ['create', 201, 'es-fb', undefined],
      ['index', 201, 'es-beat', undefined],
      ['index', 201, 'es-url', undefined],
    ]);
    assert.equal(rep.items[1]?.['index']?._id, 'given-id');
    assert.match(rep.items[0]?.['create']?._id ?? '', /^[A-Za-z0-9_-]{20}$/);
    assert.equal(rep.items[0]?.['create']?.result, 'created');

    const [fb] = await storedRows(env, '`index` = {i:String}', { i: 'es-fb' });
    assert.deepEqual(fb && { ...fb, host: typeof fb.host }, {
      org: 'default',
      index: 'es-fb',
      t: T0,
      host: 'string', // the collector's own host name
      source: 'elasticsearch',
      sourcetype: 'elasticsearch',
      raw: 'GET /a status=404',
      fields: { status: '404', kubernetes: { pod_name: 'fb-1' }, stream: 'stdout' },
    });
    const [beat] = await storedRows(env, '`index` = {i:String}', { i: 'es-beat' });
    assert.deepEqual(beat, {
      org: 'default',
      index: 'es-beat',
      t: T0 + 1,
      host: 'es-host-beat',
      source: '/var/log/auth.log',
      sourcetype: 'elasticsearch',
      raw: 'user=ann logged in',
      fields: {
        user: 'ann',
        host: { name: 'es-host-beat', ip: ['10.0.0.1'] },
        log: { file: { path: '/var/log/auth.log' }, offset: '42' }, // 64-bit integers are read back quoted
        agent: { type: 'filebeat' },
      },
    });
    const [vec] = await storedRows(env, '`index` = {i:String}', { i: 'es-url' });
    assert.deepEqual(
      [vec?.t, vec?.host, vec?.sourcetype, vec?.raw],
      [T0 + 2, 'es-host-vec', 'file', 'vector line'],
    );

    assert.deepEqual(await splRows(env, 'index=es-fb kubernetes.pod_name=fb-1 | stats count by status'), [
      ['404', 1],
    ]);
    assert.deepEqual(await splRows(env, 'index=es-beat agent.type=filebeat | stats count by host'), [
      ['es-host-beat', 1],
    ]);
  });

  test('per-item failures: update/delete, bad index, bad JSON (with its line), not an object, bad time; the rest stored', async () => {
    const body = [
      JSON.stringify({ index: { _index: 'es-items' } }),
      JSON.stringify({ message: 'kept 1', host: 'es-items' }),
      JSON.stringify({ update: { _index: 'es-items', _id: '1' } }),
      JSON.stringify({ doc: { message: 'never' } }),
      JSON.stringify({ delete: { _index: 'es-items', _id: '1' } }),
      JSON.stringify({ index: { _index: 'logs-2024.01.02' } }),
      JSON.stringify({ message: 'dotted index', host: 'es-items' }),
      JSON.stringify({ create: { _index: 'es-items' } }),
      '{"message": "broken", ',
      JSON.stringify({ index: { _index: 'es-items' } }),
      '[1, 2]',
      JSON.stringify({ index: { _index: 'es-items' } }),
      JSON.stringify({ message: 'bad time', '@timestamp': 'last tuesday', host: 'es-items' }),
      JSON.stringify({ index: { _index: 'es-items', _id: 7 } }),
      JSON.stringify({ message: 'kept 2', host: 'es-items' }),
      '',
    ].join('\n');
    const r = await bulk(body);
    assert.equal(r.status, 200);
    const rep = reply(r);
    assert.equal(rep.errors, true);
    assert.deepEqual(summary(rep), [
      ['index', 201, 'es-items', undefined],
      ['update', 400, 'es-items', 'illegal_argument_exception'],
      ['delete', 400, 'es-items', 'illegal_argument_exception'],
      ['index', 400, 'logs-2024.01.02', 'invalid_index_name_exception'],
      ['create', 400, 'es-items', 'document_parsing_exception'],
      ['index', 400, 'es-items', 'document_parsing_exception'],
      ['index', 400, 'es-items', 'document_parsing_exception'],
      ['index', 201, 'es-items', undefined],
    ]);
    const reason = (i: number) => Object.values(rep.items[i] ?? {})[0]?.error?.reason ?? '';
    assert.match(reason(1), /append-only: the update action/);
    assert.match(reason(3), /invalid index name \[logs-2024\.01\.02\]/);
    assert.match(reason(4), /^line 9: the document is not valid JSON/);
    assert.match(reason(5), /^line 11: .*not a JSON object/);
    assert.match(reason(6), /^line 13: .*invalid timestamp/);
    assert.equal(rep.items[7]?.['index']?._id, '7');
    assert.deepEqual(
      (await storedRows(env, 'host = {h:String}', { h: 'es-items' })).map((row) => row.raw),
      ['kept 1', 'kept 2'],
    );
  });

  test('whole-request errors: malformed action line, missing document, empty body: 400 naming the line', async () => {
    const cases: [string, RegExp][] = [
      [
        nd({ index: {} }, { message: 'x', host: 'es-whole' }, { frobnicate: {} }, {}),
        /^line 3: malformed action/,
      ],
      [
        nd({ index: {} }, { message: 'x', host: 'es-whole' }) + '{not json\n{}\n',
        /^line 3: the action\/metadata line is not valid JSON/,
      ],
      [nd({ index: {}, create: {} }, {}), /^line 1: malformed action.*found \[index, create\]/],
      [nd({ index: 'app' }, {}), /^line 1: malformed action/],
      [
        nd({ index: {} }, { message: 'x', host: 'es-whole' }, { create: {} }),
        /^line 3: the create action has no document line/,
      ],
      ['', /request body is required/],
    ];
    for (const [body, reason] of cases) {
      const r = await bulk(body);
      const error = r.body['error'] as { type: string; reason: string; root_cause: unknown[] };
      assert.deepEqual([r.status, r.body['status'], error.type], [400, 400, 'parse_exception'], body);
      assert.match(error.reason, reason, body);
      assert.equal(error.root_cause.length, 1);
    }
    assert.equal(await countHost('es-whole'), 0);
  });

  test('compressed bodies, caps and encodings: gzip/zstd accepted; bombs 413; unknown encoding 415', async (t) => {
    const docs = (host: string, n: number) =>
      nd(
        ...Array.from({ length: n }, (_, i) => [
          { create: { _index: 'es-zip' } },
          { message: `m${i}`, host },
        ]).flat(),
      );
    const gz = await bulk(gzipSync(docs('es-gz', 50)), '/_bulk', { ...bearer, 'Content-Encoding': 'gzip' });
    assert.deepEqual([gz.status, reply(gz).errors, reply(gz).items.length], [200, false, 50]);
    assert.equal(await countHost('es-gz'), 50);
    const z = zstdCli(t, Buffer.from(docs('es-zstd', 50)));
    if (z !== undefined) {
      const r = await bulk(z, '/_bulk', { ...bearer, 'Content-Encoding': 'zstd' });
      assert.deepEqual([r.status, reply(r).errors], [200, false]);
      assert.equal(await countHost('es-zstd'), 50);
    }
    const type = (r: { body: Record<string, unknown> }) => (r.body['error'] as { type: string }).type;
    const gzBomb = await bulk(gzipSync(Buffer.alloc(40 * MiB, 0x20)), '/_bulk', {
      ...bearer,
      'Content-Encoding': 'gzip',
    });
    assert.deepEqual([gzBomb.status, type(gzBomb)], [413, 'content_too_long_exception']);
    const zBomb = await bulk(zstdRleBomb(640), '/_bulk', { ...bearer, 'Content-Encoding': 'zstd' });
    assert.deepEqual([zBomb.status, type(zBomb)], [413, 'content_too_long_exception']);
    const wire = await bulk(' '.repeat(10 * MiB + 1));
    assert.equal(wire.status, 413);
    const br = await bulk('{}', '/_bulk', { ...bearer, 'Content-Encoding': 'br' });
    assert.deepEqual([br.status, type(br)], [415, 'media_type_header_exception']);
  });

  test('auth: Bearer, Basic (token as password), ApiKey; 401 without or with a bad token; 403 for a viewer; index-limited tokens per item', async () => {
    const one = (host: string) => nd({ index: { _index: 'es-auth' } }, { message: 'a', host });
    const ingest = await env.tokens.create({ orgId: 'default', name: 'es ingest', role: 'ingest' });
    const basic = `Basic ${Buffer.from(`elastic:${ingest.token}`).toString('base64')}`;
    assert.equal((await bulk(one('es-basic'), '/_bulk', { Authorization: basic })).status, 200);
    const apiKey = `ApiKey ${Buffer.from(`nexus:${ingest.token}`).toString('base64')}`;
    assert.equal((await bulk(one('es-apikey'), '/es/_bulk', { Authorization: apiKey })).status, 200);
    assert.equal(await countHost('es-basic'), 1);
    assert.equal(await countHost('es-apikey'), 1);

    assert.equal((await bulk(one('es-denied'), '/_bulk', {})).status, 401);
    assert.equal(
      (await bulk(one('es-denied'), '/_bulk', { Authorization: 'Bearer not-a-token' })).status,
      401,
    );
    const viewer = await env.tokens.create({ orgId: 'default', name: 'es viewer', role: 'viewer' });
    assert.equal(
      (await bulk(one('es-denied'), '/_bulk', { Authorization: `Bearer ${viewer.token}` })).status,
      403,
    );
    assert.equal(
      (await env.app.request('/', { headers: { Authorization: `Bearer ${viewer.token}` } })).status,
      403,
    );

    const limited = await env.tokens.create({
      orgId: 'default',
      name: 'es limited',
      role: 'ingest',
      indexes: ['es-ok'],
    });
    const r = await bulk(
      nd(
        { index: { _index: 'es-ok' } },
        { message: 'in', host: 'es-limited' },
        { index: { _index: 'es-other' } },
        { message: 'out', host: 'es-limited' },
        { index: {} },
        { message: 'default index', host: 'es-limited' },
      ),
      '/_bulk',
      { Authorization: `Bearer ${limited.token}` },
    );
    assert.deepEqual(summary(reply(r)), [
      ['index', 201, 'es-ok', undefined],
      ['index', 403, 'es-other', 'security_exception'],
      ['index', 201, 'es-ok', undefined],
    ]);
    assert.deepEqual(
      (await storedRows(env, 'host = {h:String}', { h: 'es-limited' })).map((row) => [row.index, row.raw]),
      [
        ['es-ok', 'default index'],
        ['es-ok', 'in'],
      ],
    );
  });

  test('a retried request (same body) adds no rows', async () => {
    // Documents with their own time: the same request again is a retry (without one, it is new data).
    const at = new Date(Date.now() - 60_000).toISOString();
    const body = nd(
      { index: { _index: 'es-retry' } },
      { message: 'once', host: 'es-retry', '@timestamp': at },
    );
    assert.equal((await bulk(body)).status, 200);
    assert.equal((await bulk(body)).status, 200);
    assert.equal(await countHost('es-retry'), 1);
    const untimed = nd({ index: { _index: 'es-retry' } }, { message: 'twice', host: 'es-retry-untimed' });
    assert.equal((await bulk(untimed)).status, 200);
    assert.equal((await bulk(untimed)).status, 200);
    assert.equal(await countHost('es-retry-untimed'), 2);
  });
});

describe('_bulk under pressure', () => {
  test('429 past the rate limit, 503 + Retry-After when the store cannot take rows', async () => {
    // A second app on the same store (chDB allows one data directory per process): 3 requests/s, own batcher.
    const config = loadConfig({
      NEXUS_DATA_DIR: env.dir,
      NEXUS_ADMIN_TOKEN: ADMIN_TOKEN,
      NEXUS_RATE_LIMIT_RPS: '3',
    });
    const batcher = new Batcher({ store: env.store, ...config.batch, maxWaitMs: 20 });
    const small = { ...env, app: createApp({ config, store: env.store, tokens: env.tokens, batcher }) };
    const body = nd({ index: { _index: 'es-p' } }, { message: 'p', host: 'es-p' });
    const send = () => post(small, '/_bulk', body, bearer);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send()).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    await new Promise((r) => setTimeout(r, 1100));
    await batcher.close(); // as during shutdown: no more rows accepted
    const closed = await send();
    assert.equal(closed.status, 503);
    assert.ok(Number(closed.headers.get('Retry-After')) > 0);
    assert.equal((closed.body['error'] as { type: string }).type, 'es_rejected_execution_exception');
    assert.equal((await storedRows(env, 'host = {h:String}', { h: 'es-p' })).length, 3);
  });
});
