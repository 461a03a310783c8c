// The length limits of a search: NEXUS_QUERY_MAX_LENGTH characters of SPL (413 with the position past the
// limit), and a request body capped while it arrives (a 100 MB body is refused, not read).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { maxBodyBytesFor } from '../../src/query/routes.ts';
import type { TestEnv } from '../helpers/env.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';

const MAX = 2_048;
let env: TestEnv;
before(async () => {
  env = await testEnv({ NEXUS_QUERY_MAX_LENGTH: String(MAX) });
});
after(async () => {
  await env.close();
});

const post = async (
  path: string,
  body: string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
): Promise<Response> =>
  env.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}`, ...headers },
    body,
    duplex: 'half',
  } as RequestInit);

interface Errors {
  errors: { code: string; message: string; start: number; end: number; line: number; column: number }[];
}

test('a search longer than NEXUS_QUERY_MAX_LENGTH is 413 with a message and the span past the limit', async () => {
  const query = `| makeresults | eval x="${'a'.repeat(MAX)}"`;
  for (const path of ['/query/spl', '/query/spl/compile', '/query/spl/explain', '/query/spl/format']) {
    const res = await post(path, JSON.stringify({ query }));
    assert.equal(res.status, 413, path);
    const body = (await res.json()) as Errors;
    const [e] = body.errors;
    assert.ok(e, path);
    assert.equal(e.code, 'limit');
    assert.match(e.message, new RegExp(`at most ${MAX}`));
    assert.deepEqual([e.start, e.end, e.line, e.column], [MAX, query.length, 1, MAX + 1]);
  }
  // At the limit it runs.
  const fits = `| makeresults | eval x="${'a'.repeat(MAX - 26)}"`;
  assert.equal(fits.length, MAX - 1);
  assert.equal((await post('/query/spl', JSON.stringify({ query: fits }))).status, 200);
});

test('a huge body is refused while it arrives: 413 after reading little more than the cap', async () => {
  const cap = maxBodyBytesFor(MAX);
  let sent = 0;
  const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent > 100 * 2 ** 20) {
        controller.close();
        return;
      }
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const res = await post('/query/spl', endless);
  assert.equal(res.status, 413);
  const body = (await res.json()) as Errors;
  assert.equal(body.errors[0]?.code, 'limit');
  assert.ok(sent < cap + 4 * chunk.byteLength, `read ${sent} bytes of a 100 MB body (cap ${cap})`);
  // A declared Content-Length over the cap is refused before any byte is read.
  const declared = await post('/query/spl', 'x'.repeat(cap + 1), { 'Content-Length': String(cap + 1) });
  assert.equal(declared.status, 413);
});
