// The per-tenant ingest byte budget (NEXUS_RATE_LIMIT_INGEST_BYTES) counts decoded bytes, not only the
// compressed bytes on the wire: the part a body gains by decompression is charged once it is decoded.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';
import { post } from '../helpers/ingest.ts';

const CHANNEL = '11111111-2222-4333-8444-555555555555';
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describe('the per-tenant byte budget counts decoded bytes', () => {
  let limited: TestEnv;
  before(async () => {
    // 1 MiB/s over a 16 s window (NEXUS_MAX_BODY_BYTES 16 MiB): 16 MiB per window.
    limited = await testEnv({ NEXUS_RATE_LIMIT_INGEST_BYTES: '1MiB' });
  });
  after(async () => {
    await limited.close();
  });

  test('two gzip bodies of ~5 MiB each, 10 MiB decoded: the second passes on wire bytes but is 429 on decoded', async () => {
    const lines = Array.from({ length: 10 * 1024 }, () => randomBytes(500).toString('hex'));
    const body = gzipSync(lines.join('\n'));
    assert.ok(body.length > 4 * 1024 * 1024 && body.length < 7 * 1024 * 1024, String(body.length));
    const send = () =>
      post(limited, `/services/collector/raw?channel=${CHANNEL}`, body, {
        ...auth,
        'Content-Encoding': 'gzip',
        'Content-Length': String(body.length),
      });
    const first = await send();
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const second = await send();
    assert.equal(second.status, 429, JSON.stringify(second.body));
    assert.match(String(second.body['reason']), /decoded bytes per second/);
    assert.ok(Number(second.headers.get('Retry-After')) >= 1);
  });
});
