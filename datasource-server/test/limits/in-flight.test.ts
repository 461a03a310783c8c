// The global cap on decoded bytes in flight (src/limits/in-flight.ts), on the real app and engine: many
// medium requests at once, each under its own bounds, cannot together hold more than the cap; past it a
// request gets HEC's "Server is busy" (503, code 9) with Retry-After, on every tenant, and a request larger
// than the whole cap gets 413 at once. Once answered, the bytes are given back.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';
import { post } from '../helpers/ingest.ts';

const CAP = 2 * 1024 * 1024;
const hec = { Authorization: `Splunk ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };

let env: TestEnv;
before(async () => {
  env = await testEnv({
    NEXUS_INGEST_MAX_DECODED_IN_FLIGHT: String(CAP),
    // Rows wait for their batch a while, so requests overlap and hold their bytes.
    NEXUS_BATCH_MAX_WAIT_MS: '400',
    // Repetitive test bodies compress well: the amplification bound is not under test here.
    NEXUS_INGEST_MAX_AMPLIFICATION: '100000',
  });
});
after(async () => {
  await env.close();
});

/** One HEC request of `events` events of about 2 KB each: ~`events` × 2 KB decoded. */
function body(tag: string, events: number): string {
  return Array.from({ length: events }, (_, i) =>
    JSON.stringify({ event: `${tag} ${i} ${'x'.repeat(2_000)}`, index: 'main' }),
  ).join('\n');
}

test('many medium requests at once: those past the cap get 503 + Retry-After (code 9); the rest commit', async () => {
  // Eight requests of ~820 KB each: at most two fit under 2 MiB at once.
  const answers = await Promise.all(
    Array.from({ length: 8 }, (_, i) => post(env, '/services/collector/event', body(`m${i}`, 400), hec)),
  );
  const statuses = answers.map((a) => a.status);
  const ok = answers.filter((a) => a.status === 200);
  const busy = answers.filter((a) => a.status === 503);
  assert.equal(ok.length + busy.length, 8, JSON.stringify(statuses));
  assert.ok(ok.length >= 1 && ok.length <= 2, JSON.stringify(statuses));
  for (const b of busy) {
    assert.equal(b.body['code'], 9);
    assert.equal(b.body['text'], 'Server is busy');
    assert.ok(Number(b.headers.get('Retry-After')) > 0);
  }
  // Answered requests gave their bytes back: the same load, one at a time, all commit.
  for (let i = 0; i < 3; i++) {
    const a = await post(env, '/services/collector/event', body(`s${i}`, 400), hec);
    assert.equal(a.status, 200, JSON.stringify(a.body));
  }
});

test('a request that decodes to more than the whole cap is 413 at once (it could never be accepted)', async () => {
  // 3 MiB decoded, sent gzipped (small on the wire, under every per-request bound).
  const big = gzipSync(body('big', 1_500));
  const a = await post(env, '/services/collector/event', big, { ...hec, 'Content-Encoding': 'gzip' });
  assert.equal(a.status, 413, JSON.stringify(a.body));
  assert.equal(a.body['code'], 6);
  assert.match(JSON.stringify(a.body), /at most 2097152 decoded bytes at once/);
  // Other routes share the cap: Vector's JSON route as well.
  const v = await post(
    env,
    '/ingest/logs',
    gzipSync(
      JSON.stringify(Array.from({ length: 1_500 }, (_, i) => ({ message: `v ${i} ${'y'.repeat(2_000)}` }))),
    ),
    {
      Authorization: `Bearer ${ADMIN_TOKEN}`,
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip',
    },
  );
  assert.equal(v.status, 413, JSON.stringify(v.body));
});
