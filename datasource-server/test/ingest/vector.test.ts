// Vector `http` sink ingestion (POST /ingest/logs) and the shared body decoding (gzip, deflate, zstd, caps)
// against a real chDB store.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { ZstdFormatError, ZstdLimitError, zstdDecompressCapped } from '../../src/ingest/zstd.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';
import { post, splRows, storedRows, zstdCli, zstdRleBomb } from '../helpers/ingest.ts';

const MiB = 1024 * 1024;
let env: TestEnv;
before(async () => {
  env = await testEnv({
    NEXUS_MAX_BODY_BYTES: String(10 * MiB),
    NEXUS_MAX_DECODED_BYTES: String(12 * MiB),
    // The decoded-size cap is what these tests probe; the ratio bound has its own (ingest/request-limits.test.ts).
    NEXUS_INGEST_MAX_AMPLIFICATION: '100000',
  });
});
after(async () => {
  await env.close();
});

const bearer = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const vector = (body: RequestInit['body'], headers: Record<string, string> = {}) =>
  post(env, '/ingest/logs', body, { ...bearer, ...headers });
// Inside the 30-day retention, or a TTL merge could delete rows mid-test.
const T0 = Date.now() - 3_600_000;

const events = (host: string, n = 3) =>
  Array.from({ length: n }, (_, i) => ({
    message: `${host} event ${i} status=${200 + i}`,
    timestamp: new Date(T0 + i).toISOString(),
    host,
    source_type: 'file',
  }));
const ndjson = (evs: unknown[]): string => evs.map((e) => JSON.stringify(e)).join('\n') + '\n';
const countHost = async (host: string) => (await storedRows(env, 'host = {h:String}', { h: host })).length;

test('bodies: JSON array and NDJSON, plain, gzip, deflate (zlib and raw) and zstd', async (t) => {
  assert.deepEqual(await vector(JSON.stringify(events('v-array'))).then((r) => [r.status, r.body]), [
    200,
    { accepted: 3 },
  ]);
  assert.equal(
    (await vector(ndjson(events('v-nd')), { 'Content-Type': 'application/x-ndjson' })).status,
    200,
  );
  assert.equal((await vector(gzipSync(ndjson(events('v-gz'))), { 'Content-Encoding': 'gzip' })).status, 200);
  const zlibbed = deflateSync(JSON.stringify(events('v-zlib')));
  assert.equal((await vector(zlibbed, { 'Content-Encoding': 'deflate' })).status, 200);
  const raw = deflateRawSync(ndjson(events('v-raw')));
  assert.equal((await vector(raw, { 'Content-Encoding': 'Deflate' })).status, 200);
  for (const host of ['v-array', 'v-nd', 'v-gz', 'v-zlib', 'v-raw'])
    assert.equal(await countHost(host), 3, host);

  const z = zstdCli(t, Buffer.from(ndjson(events('v-zstd', 500))));
  if (z === undefined) return;
  assert.deepEqual(await vector(z, { 'Content-Encoding': 'zstd' }).then((r) => [r.status, r.body]), [
    200,
    { accepted: 500 },
  ]);
  assert.equal(await countHost('v-zstd'), 500);
});

test('mapping: message, timestamp (ns, epoch units), host, source_type, index, source; nested fields by path', async () => {
  const before = Date.now();
  const body = [
    {
      message: 'GET /cart status=500 user=bob',
      timestamp: new Date(T0).toISOString().replace('Z', '456789Z'), // 9 fraction digits
      host: 'v-map',
      source_type: 'kubernetes_logs',
      source: '/var/log/app.log',
      index: 'app',
      status: 503, // an explicit key wins over status=500 in the message
      kubernetes: { pod_name: 'cart-7d9', labels: { team: 'shop' } },
      tags: ['a', 'b'],
    },
    { host: 'v-map', level: 'warn', timestamp: Math.floor(T0 / 1000) + 1 }, // no message; epoch seconds
    { message: 'epoch ms', host: 'v-map', timestamp: T0 + 2000 },
    { message: 'epoch ns', host: 'v-map', timestamp: (T0 + 3000) * 1e6 },
    { message: 'no time', host: 'v-map' },
  ];
  assert.equal((await vector(JSON.stringify(body))).status, 200);
  const got = await storedRows(env, 'host = {h:String}', { h: 'v-map' });
  assert.equal(got.length, 5);
  const [first, noMessage, ms, ns, noTime] = got;
  // The event's own `status` wins over `status=500` in the message (64-bit integers are read back quoted).
  assert.equal(String(first?.fields['status']), '503');
  delete first?.fields['status'];
  assert.deepEqual(first, {
    org: 'default',
    index: 'app',
    t: T0,
    host: 'v-map',
    source: '/var/log/app.log',
    sourcetype: 'kubernetes_logs',
    raw: 'GET /cart status=500 user=bob',
    fields: {
      user: 'bob',
      kubernetes: { pod_name: 'cart-7d9', labels: { team: 'shop' } },
      tags: ['a', 'b'],
    },
  });
  assert.equal(noMessage?.t, (Math.floor(T0 / 1000) + 1) * 1000);
  assert.equal(noMessage?.raw, JSON.stringify(body[1]));
  assert.deepEqual(
    [noMessage?.index, noMessage?.source, noMessage?.sourcetype],
    ['main', 'vector', 'vector'],
  );
  assert.deepEqual(noMessage?.fields, { level: 'warn' });
  assert.deepEqual([ms?.t, ns?.t], [T0 + 2000, T0 + 3000]);
  assert.ok(noTime !== undefined && noTime.t >= before && noTime.t <= Date.now(), 'receive time');

  // Searchable by dotted path.
  const rows = await splRows(
    env,
    'index=app kubernetes.labels.team=shop | stats count by kubernetes.pod_name',
  );
  assert.deepEqual(rows, [['cart-7d9', 1]]);
});

test('bad events: the request is refused whole, naming the event and line', async () => {
  const cases: [string, number, string, number, RegExp][] = [
    ['{"message":"ok","host":"v-bad"}\n\n{"message": oops}\n', 400, 'invalid_data', 1, /event 1 \(line 3\)/],
    ['[{"message":"a"},', 400, 'invalid_data', 0, /not a valid JSON array/],
    [
      JSON.stringify([
        { message: 'a', host: 'v-bad' },
        { message: 'b', index: 'Bad Index' },
      ]),
      400,
      'incorrect_index',
      1,
      /invalid index/,
    ],
    [
      JSON.stringify([{ message: 'a', timestamp: 'yesterday', host: 'v-bad' }]),
      400,
      'invalid_data',
      0,
      /invalid timestamp/,
    ],
    [JSON.stringify([{ message: 'a', host: ['x'] }]), 400, 'invalid_data', 0, /must be strings/],
    [JSON.stringify(['just a string']), 400, 'invalid_data', 0, /not a JSON object/],
  ];
  for (const [body, status, code, event, message] of cases) {
    const r = await vector(body);
    const error = r.body['error'] as { code: string; message: string; event?: number };
    assert.deepEqual([r.status, error.code, error.event], [status, code, event], body);
    assert.match(error.message, message, body);
  }
  assert.deepEqual(await vector('[]').then((r) => [r.status, (r.body['error'] as { code: string }).code]), [
    400,
    'no_data',
  ]);
  assert.equal(await countHost('v-bad'), 0);
});

test('body caps: 413 before decompression and after (gzip and zstd bombs); corrupt streams 400; unknown encoding 415', async (t) => {
  const before = (await storedRows(env, '1 = 1')).length;
  const err = (r: { body: Record<string, unknown> }) => r.body['error'] as { code: string; message: string };

  const wire = await vector('x'.repeat(10 * MiB + 1));
  assert.deepEqual([wire.status, err(wire).code], [413, 'too_large']);
  const plainOverDecoded = await vector(gzipSync(Buffer.alloc(12 * MiB + 1, 0x20)), {
    'Content-Encoding': 'gzip',
  });
  assert.deepEqual([plainOverDecoded.status, err(plainOverDecoded).code], [413, 'too_large']);
  const gzBomb = gzipSync(Buffer.alloc(80 * MiB, 0x61));
  assert.ok(gzBomb.length < MiB);
  assert.equal((await vector(gzBomb, { 'Content-Encoding': 'gzip' })).status, 413);

  // A hand-made zstd bomb: 2.5 KB on the wire, 80 MiB decoded, no declared size (stopped while decoding).
  const zBomb = zstdRleBomb(640);
  assert.ok(zBomb.length < 4096);
  const z1 = await vector(zBomb, { 'Content-Encoding': 'zstd' });
  assert.deepEqual(
    [z1.status, err(z1).message],
    [413, `decompressed body exceeds the limit of ${12 * MiB} bytes`],
  );
  // The same with a declared content size past the cap: refused before decoding.
  assert.equal((await vector(zstdRleBomb(3, 100 * MiB), { 'Content-Encoding': 'zstd' })).status, 413);
  // A real compressor's bomb.
  const cliBomb = zstdCli(t, Buffer.alloc(40 * MiB, 0x62), ['-19']);
  if (cliBomb !== undefined)
    assert.equal((await vector(cliBomb, { 'Content-Encoding': 'zstd' })).status, 413);

  for (const [encoding, body] of [
    ['gzip', Buffer.from('not gzip at all')],
    ['deflate', Buffer.from('not deflate either, honest')],
    ['zstd', Buffer.from('not zstd')],
    ['zstd', zstdRleBomb(3).subarray(0, 9)], // truncated
  ] as const) {
    const r = await vector(body, { 'Content-Encoding': encoding });
    assert.deepEqual([r.status, err(r).code], [400, 'invalid_data'], encoding);
    assert.match(err(r).message, new RegExp(`cannot decompress the body \\(${encoding}\\)`));
  }
  for (const encoding of ['br', 'snappy', 'gzip, zstd']) {
    const r = await vector('[]', { 'Content-Encoding': encoding });
    assert.deepEqual([r.status, err(r).code], [415, 'unsupported_encoding'], encoding);
  }
  assert.equal((await storedRows(env, '1 = 1')).length, before);
  // The service is still fine.
  assert.equal((await vector(JSON.stringify(events('v-after-bombs', 1)))).status, 200);
});

test('zstd decoder: levels, several frames, skippable frames, window cap, dictionaries', async (t) => {
  const text = Buffer.from(ndjson(events('unit', 2000)));
  for (const args of [['-1'], ['-19'], ['--fast=5'], ['-3', '--no-check']]) {
    const z = zstdCli(t, text, args);
    if (z === undefined) return;
    assert.ok((await zstdDecompressCapped(z, 64 * MiB)).equals(text), args.join(' '));
  }
  const a = zstdCli(t, Buffer.from('first '));
  const b = zstdCli(t, Buffer.from('second'));
  if (a === undefined || b === undefined) return;
  const skippable = Buffer.from([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3]);
  assert.equal(
    (await zstdDecompressCapped(Buffer.concat([a, skippable, b]), 1024)).toString(),
    'first second',
  );
  // Output cap is exact: 6 + 6 bytes fit in 12, not in 11.
  await assert.rejects(zstdDecompressCapped(Buffer.concat([a, b]), 11), ZstdLimitError);
  // A 2^27 window (zstd --long=27) is refused before any allocation.
  const long = zstdCli(t, text, ['-3', '--long=27']);
  if (long !== undefined) await assert.rejects(zstdDecompressCapped(long, 64 * MiB), ZstdFormatError);
  // A frame that needs a dictionary.
  const dict = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x01, 7 << 3, 0x2a, 0x01, 0x00, 0x00]);
  await assert.rejects(zstdDecompressCapped(dict, 1024), /dictionary/);
  assert.equal(execFileSync('zstd', ['-d', '-c'], { input: zstdRleBomb(2) }).length, 2 * 131072);
});

test('auth: no token 401, viewer 403, ingest token and basic auth accepted', async () => {
  assert.equal((await post(env, '/ingest/logs', '[]', {})).status, 401);
  const viewer = await env.tokens.create({ orgId: 'default', name: 'v viewer', role: 'viewer' });
  assert.equal(
    (await post(env, '/ingest/logs', '[]', { Authorization: `Bearer ${viewer.token}` })).status,
    403,
  );
  const ingest = await env.tokens.create({ orgId: 'default', name: 'v ingest', role: 'ingest' });
  const basic = `Basic ${Buffer.from(`vector:${ingest.token}`).toString('base64')}`;
  assert.equal(
    (await post(env, '/ingest/logs', JSON.stringify(events('v-basic', 1)), { Authorization: basic })).status,
    200,
  );
  assert.equal(await countHost('v-basic'), 1);
});

test('a retried request (same body) adds no rows', async () => {
  const body = JSON.stringify(events('v-retry', 4));
  assert.equal((await vector(body)).status, 200);
  assert.equal((await vector(body)).status, 200);
  assert.equal(await countHost('v-retry'), 4);
});
