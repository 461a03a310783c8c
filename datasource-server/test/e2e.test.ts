// End to end as a user does it: the real server, HEC in over HTTP, SPL out over HTTP, bad input on the way.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, tempDir } from './helpers/env.ts';
import type { Running } from './helpers/server.ts';
import { start, stop } from './helpers/server.ts';

let server: Running;
let dir: string;
const nowSeconds = Math.floor(Date.now() / 1000);

const url = (path: string): string => `http://127.0.0.1:${server.port}${path}`;

async function hec(
  body: string | Uint8Array,
  headers: Record<string, string> = { Authorization: `Splunk ${ADMIN_TOKEN}` },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url('/services/collector/event'), { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

interface SplResult {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  meta: { sql: string; truncated: boolean; elapsedMs: number; rowsRead: number };
  errors?: { code: string; message: string; line: number; column: number; hints: string[] }[];
}

async function spl(
  query: string,
  extra: Record<string, unknown> = {},
): Promise<{ status: number; body: SplResult }> {
  const res = await fetch(url('/query/spl'), {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, ...extra }),
  });
  return { status: res.status, body: (await res.json()) as SplResult };
}

before(async () => {
  dir = tempDir();
  server = await start({
    NEXUS_DATA_DIR: dir,
    NEXUS_ADMIN_TOKEN: ADMIN_TOKEN,
    NEXUS_BATCH_MAX_WAIT_MS: '20',
  });
});

after(async () => {
  if (server) assert.equal(await stop(server), 0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('HEC in, SPL out', () => {
  test('string, object, batched and gzip events are all searchable', async () => {
    // A string event with key=value pairs, and an object event.
    assert.deepEqual(
      await hec(
        JSON.stringify({
          event: 'GET /cart status=500 user=bob',
          host: 'web01',
          index: 'main',
          time: nowSeconds - 60,
        }),
      ),
      { status: 200, body: { text: 'Success', code: 0 } },
    );
    assert.equal(
      (
        await hec(
          JSON.stringify({ event: { status: 500, action: 'login' }, host: 'web02', time: nowSeconds - 50 }),
        )
      ).status,
      200,
    );
    // A batch of concatenated objects (no array, no separator between two of them).
    const batch =
      JSON.stringify({ event: 'POST /pay status=200', host: 'web01', time: nowSeconds - 40 }) +
      JSON.stringify({ event: 'GET /x status=500', host: 'web03', time: String(nowSeconds - 30) }) +
      '\n' +
      JSON.stringify({ event: 'GET /y', host: 'web03', fields: { status: '500' }, time: nowSeconds - 20 });
    assert.equal((await hec(batch)).status, 200);
    // gzip, and another index that the search must not see.
    const zipped = gzipSync(
      JSON.stringify({
        event: 'status=500 elsewhere',
        host: 'web01',
        index: 'security',
        time: nowSeconds - 10,
      }),
    );
    const res = await hec(zipped, { Authorization: `Splunk ${ADMIN_TOKEN}`, 'Content-Encoding': 'gzip' });
    assert.equal(res.status, 200);

    const r = await spl('index=main status=500 | stats count by host');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.columns.map((c) => c.name),
      ['host', 'count'],
    );
    assert.deepEqual(r.body.rows, [
      ['web01', 1],
      ['web02', 1],
      ['web03', 2],
    ]);
    assert.equal(r.body.meta.truncated, false);
    assert.ok(r.body.meta.rowsRead >= 5);
    assert.doesNotMatch(r.body.meta.sql, /500|'main'/);

    const all = await spl('status=500 | stats count');
    assert.deepEqual(all.body.rows, [[5]]);
  });

  test('| makeresults | eval x=1+1 | table x', async () => {
    const r = await spl('| makeresults | eval x=1+1 | table x');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.columns, [{ name: 'x', type: 'UInt16' }]);
    assert.deepEqual(r.body.rows, [[2]]);
  });

  test('the bundled ESCU macros are available to every search', async () => {
    const r = await spl('index=main | stats count AS Web.count by host | `drop_dm_object_name(Web)`');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.columns.map((c) => c.name),
      ['host', 'count'],
    );
    const undefinedMacro = await spl('index=main | `no_such_macro`');
    assert.equal(undefinedMacro.status, 400);
    assert.equal(undefinedMacro.body.errors?.[0]?.code, 'undefined-macro');
    assert.equal(undefinedMacro.body.errors?.[0]?.column, 14);
  });

  test('raw events come back newest first with their fields', async () => {
    const r = await spl('index=main host=web0* | head 2', { earliest: '-1h' });
    const names = r.body.columns.map((c) => c.name);
    assert.deepEqual(names, ['_time', 'index', 'host', 'source', 'sourcetype', '_raw', '_fields']);
    assert.deepEqual(
      r.body.rows.map((row) => row[names.indexOf('host')]),
      ['web03', 'web03'],
    );
  });
});

describe('bad input gets a clear error and loses nothing', () => {
  test('a malformed HEC body is 400 code 6 and names the bad event', async () => {
    const r = await hec('{"event":"ok"}{"event": ');
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 6);
    assert.equal(r.body['invalid-event-number'], 1);
  });

  test('no token is 401 code 2; an unknown token is 403 code 4', async () => {
    const none = await hec('{"event":"x"}', {});
    assert.deepEqual([none.status, none.body.code], [401, 2]);
    const unknown = await hec('{"event":"x"}', {
      Authorization: 'Splunk 00000000-0000-4000-8000-000000000000',
    });
    assert.deepEqual([unknown.status, unknown.body.code], [403, 4]);
    const query = await fetch(url('/query/spl'), { method: 'POST', body: '{"query":"x"}' });
    assert.equal(query.status, 401);
  });

  test('invalid SPL is 400 with line and column', async () => {
    const r = await spl('index=main\n| stats count by');
    assert.equal(r.status, 400);
    const [e] = r.body.errors ?? [];
    assert.equal(e?.code, 'syntax');
    assert.equal(e?.line, 2);
    assert.equal(e?.column, 17);
    assert.match(e?.message ?? '', /expected a field name after `by`/);
  });

  test('an unknown command is an unsupported diagnostic at its position, with a hint', async () => {
    const r = await spl('index=main | statz count');
    assert.equal(r.status, 400);
    assert.deepEqual(r.body.errors?.[0], {
      code: 'unsupported',
      message: 'unknown command `statz`',
      line: 1,
      column: 14,
      endLine: 1,
      endColumn: 19,
      start: 13,
      end: 18,
      hints: ['did you mean `stats`?'],
    });
    // A command that only exists inside Splunk: why, and the Nexus way as a hint.
    const known = await spl('index=main | xsl');
    assert.equal(
      known.body.errors?.[0]?.message,
      'the `xsl` command works only inside Splunk, not in Nexus. Applies an XSL stylesheet file from a Splunk app’s directory.',
    );
    assert.deepEqual(known.body.errors?.[0]?.hints, [
      'instead: `xpath`, `xmlkv` or `spath` to read XML fields',
    ]);
  });

  test('a bad request body is a 400, not a crash', async () => {
    const res = await fetch(url('/query/spl'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      body: '{not json',
    });
    assert.equal(res.status, 400);
    const bad = await spl('x', { earliest: '-3 fortnights' });
    assert.equal(bad.status, 400);
  });

  test('after all of that the server is up and every acknowledged event is still there', async () => {
    assert.equal((await fetch(url('/health/ready'))).status, 200);
    const r = await spl('* | stats count', { earliest: '-1h' });
    assert.deepEqual(r.body.rows, [[6]]);
  });
});
