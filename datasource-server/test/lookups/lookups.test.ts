// /lookups routes in process (app.request) on real chDB: upload, replace, list, download, delete, roles,
// tenants, malformed CSV — and the CSV parser itself.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashToken } from '../../src/auth/tokens.ts';
import type { Role } from '../../src/auth/types.ts';
import { parseCsv, parseCsvChunked, toCsv } from '@nexus/spl';
import type { TestEnv } from '../helpers/env.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';

let env: TestEnv;

const TOKENS: Record<string, { org: string; role: Role }> = {
  'viewer-token-0000000000000000000000': { org: 'default', role: 'viewer' },
  'editor-token-0000000000000000000000': { org: 'default', role: 'editor' },
  'ingest-token-0000000000000000000000': { org: 'default', role: 'ingest' },
  'other-admin-00000000000000000000000': { org: 'other', role: 'admin' },
};
const [VIEWER, EDITOR, INGEST, OTHER] = Object.keys(TOKENS) as [string, string, string, string];

before(async () => {
  env = await testEnv({ NEXUS_MAX_BODY_BYTES: String(20 * 1024 * 1024), NEXUS_LOOKUP_MAX_ROWS: '200000' });
  for (const [token, { org, role }] of Object.entries(TOKENS)) {
    await env.store.command(
      'INSERT INTO tokens (token_hash, org_id, role, name) VALUES ({h:FixedString(64)}, {o:String}, {r:String}, {n:String})',
      { h: hashToken(token), o: org, r: role, n: `${role}-${org}` },
    );
  }
  await env.tokens.refresh();
});

after(async () => {
  await env.close();
});

async function call(
  method: string,
  path: string,
  opts: { token?: string | null; body?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<Response> {
  const token = opts.token === undefined ? ADMIN_TOKEN : opts.token;
  return env.app.request(path, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(opts.headers ?? {}) },
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  });
}

const put = (name: string, body: string | Uint8Array, token?: string): Promise<Response> =>
  call('PUT', `/lookups/${name}`, {
    body,
    headers: { 'Content-Type': 'text/csv' },
    ...(token ? { token } : {}),
  });

interface ErrorBody {
  error: { code: string; message: string; line?: number };
}

describe('lookup tables API', () => {
  test('PUT creates (201), PUT again replaces (200); foo and foo.csv are one table', async () => {
    const csv = 'user,dept,note\r\nalice,eng,"likes ""quotes"", commas"\r\nbob,"ops\r\nteam",\r\n';
    const created = await put('users.csv', csv);
    assert.equal(created.status, 201);
    const info = (await created.json()) as { name: string; columns: string[]; rows: number; updated: string };
    assert.deepEqual([info.name, info.columns, info.rows], ['users', ['user', 'dept', 'note'], 2]);
    assert.match(info.updated, /^\d{4}-\d\d-\d\dT/);

    const json = await call('GET', '/lookups/users?format=json');
    assert.equal(json.status, 200);
    assert.deepEqual(((await json.json()) as { data: unknown }).data, [
      ['alice', 'eng', 'likes "quotes", commas'],
      ['bob', 'ops\r\nteam', null],
    ]);

    const replaced = await put('users', 'user,dept\nzoe,hr\n');
    assert.equal(replaced.status, 200);
    const csvOut = await call('GET', '/lookups/users.csv');
    assert.equal(csvOut.headers.get('Content-Type'), 'text/csv; charset=utf-8');
    assert.match(csvOut.headers.get('Content-Disposition') ?? '', /filename="users.csv"/);
    assert.equal(await csvOut.text(), 'user,dept\r\nzoe,hr\r\n');
  });

  test('the CSV download round-trips through the parser', async () => {
    const csv = 'a,b\r\n" lead",x\r\n"multi\nline","q""uote"\r\n';
    assert.equal((await put('round', csv)).status, 201);
    const text = await (await call('GET', '/lookups/round')).text();
    const again = parseCsv(text);
    assert.ok(again.ok);
    assert.deepEqual(again.table.rows, [
      [' lead', 'x'],
      ['multi\nline', 'q"uote'],
    ]);
  });

  test('GET /lookups lists name, columns, rows and updated; searches see the table', async () => {
    await put('hosts', 'host,owner\nweb01,alice\n');
    const res = await call('GET', '/lookups', { token: VIEWER });
    assert.equal(res.status, 200);
    const { lookups } = (await res.json()) as {
      lookups: { name: string; columns: string[]; rows: number }[];
    };
    const hosts = lookups.find((l) => l.name === 'hosts');
    assert.deepEqual(hosts && [hosts.columns, hosts.rows], [['host', 'owner'], 1]);
    const q = await call('POST', '/query/spl', {
      body: JSON.stringify({ query: '| inputlookup hosts.csv' }),
      headers: { 'Content-Type': 'application/json' },
    });
    assert.deepEqual(((await q.json()) as { rows: unknown }).rows, [['web01', 'alice']]);
  });

  test('DELETE removes the table (204), then 404; searches report it unknown', async () => {
    await put('gone', 'a\n1\n');
    assert.equal((await call('DELETE', '/lookups/gone.csv')).status, 204);
    assert.equal((await call('DELETE', '/lookups/gone')).status, 404);
    assert.equal((await call('GET', '/lookups/gone')).status, 404);
    const q = await call('POST', '/query/spl', {
      body: JSON.stringify({ query: '| inputlookup gone' }),
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(q.status, 400);
    const { errors } = (await q.json()) as { errors: { message: string; column: number }[] };
    assert.deepEqual(
      errors.map((e) => [e.message, e.column]),
      [['unknown lookup table `gone`', 15]],
    );
    // A new upload under the name starts afresh.
    assert.equal((await put('gone', 'b\n2\n')).status, 201);
  });

  test('viewers read but cannot write; editors write; ingest tokens cannot even read', async () => {
    assert.equal((await put('by_viewer', 'a\n1\n', VIEWER)).status, 403);
    assert.equal((await call('DELETE', '/lookups/hosts', { token: VIEWER })).status, 403);
    assert.equal((await call('GET', '/lookups/hosts', { token: VIEWER })).status, 200);
    assert.equal((await put('by_editor', 'a\n1\n', EDITOR)).status, 201);
    assert.equal((await call('GET', '/lookups', { token: INGEST })).status, 403);
    assert.equal((await call('GET', '/lookups', { token: null })).status, 401);
    assert.equal((await call('GET', '/lookups/hosts', { token: null })).status, 401);
    const out = await call('POST', '/query/spl', {
      token: VIEWER,
      body: JSON.stringify({ query: '| inputlookup hosts | outputlookup copy' }),
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(out.status, 403);
    assert.equal(((await out.json()) as ErrorBody).error.code, 'forbidden');
  });

  test('tenants are isolated: same name, separate tables', async () => {
    assert.equal((await call('GET', '/lookups/hosts', { token: OTHER })).status, 404);
    assert.equal((await put('hosts', 'host,owner\nweb09,mallory\n', OTHER)).status, 201);
    const mine = await call('GET', '/lookups/hosts?format=json');
    assert.deepEqual(((await mine.json()) as { data: unknown }).data, [['web01', 'alice']]);
    const theirs = await call('GET', '/lookups', { token: OTHER });
    const names = ((await theirs.json()) as { lookups: { name: string }[] }).lookups.map((l) => l.name);
    assert.deepEqual(names, ['hosts']);
  });

  test('malformed CSV and bad names are 400 with a message (and the line)', async () => {
    const cases: [string, string, string, number?][] = [
      ['empty', '', 'the CSV is empty: a header row with the column names is required', 1],
      ['dup', 'a,b,a\n1,2,3\n', 'the header names `a` twice (columns 1 and 3)', 1],
      ['blank_col', 'a,,c\n', 'column 2 of the header has no name', 1],
      ['ragged', 'a,b\n1,2\n3\n', 'line 3 has 1 field, the header has 2', 3],
      ['open_quote', 'a\n"never closed\n', 'the quote opened on line 2 is never closed', 2],
      ['stray_quote', 'a\nx"y\n', 'a quote inside an unquoted field, on line 2', 2],
      ['after_quote', 'a\n"x"y\n', 'text after a closing quote, on line 2: quote the whole field', 2],
      ['bare_cr', 'a\rb\n', 'a carriage return without a line feed, on line 1', 1],
    ];
    for (const [name, body, message, line] of cases) {
      const res = await put(name, body);
      assert.equal(res.status, 400, name);
      assert.deepEqual((await res.json()) as ErrorBody, { error: { code: 'bad_csv', message, line } }, name);
    }
    const badUtf8 = await put('bin', new Uint8Array([0x61, 0x0a, 0xff, 0xfe, 0x0a]));
    assert.deepEqual(((await badUtf8.json()) as ErrorBody).error.message, 'the body is not valid UTF-8');
    for (const bad of ['..csv', '-x', 'a%20b', 'a$b', 'x'.repeat(129)]) {
      const res = await put(bad, 'a\n1\n');
      assert.equal(res.status, 400, bad);
      assert.equal(((await res.json()) as ErrorBody).error.code, 'bad_request');
    }
  });

  test('uploads above the size limit are 413', async () => {
    const big = `a\n${'x'.repeat(10 * 1024 * 1024)}\n`;
    const res = await put('big', big);
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as ErrorBody).error.code, 'payload_too_large');
  });
});

describe('CSV', () => {
  test('header names are trimmed; a BOM and blank lines are ignored; LF and CRLF both end records', () => {
    const r = parseCsv('\uFEFFuser, dept \n\nalice,eng\r\n\r\n"",x\n');
    assert.ok(r.ok);
    assert.deepEqual(r.table, {
      header: ['user', 'dept'],
      rows: [
        ['alice', 'eng'],
        ['', 'x'],
      ],
    });
  });

  test('a last record without a line break still counts', () => {
    const r = parseCsv('a,b\n1,"2"');
    assert.ok(r.ok);
    assert.deepEqual(r.table.rows, [['1', '2']]);
  });

  test('toCsv quotes what needs quoting and writes null as empty', () => {
    assert.equal(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', null],
          ['say "hi"', ' pad'],
        ],
      ),
      'a,b\r\n"x,y",\r\n"say ""hi"""," pad"\r\n',
    );
  });
});

describe('lookup uploads are bounded and never stall the event loop', () => {
  test('more rows than NEXUS_LOOKUP_MAX_ROWS is 413, naming the limit; nothing written', async () => {
    const csv = `k,v\n${Array.from({ length: 200_001 }, (_, i) => `${i},x`).join('\n')}\n`;
    const res = await put('too_many_rows', csv);
    assert.equal(res.status, 413);
    const body = (await res.json()) as ErrorBody;
    assert.equal(body.error.code, 'payload_too_large');
    assert.match(body.error.message, /more than 200000 rows/);
    assert.equal((await call('GET', '/lookups/too_many_rows')).status, 404);
  });

  test('a 9 MB CSV is parsed in slices: the longest event-loop stall is a small part of a whole parse', async () => {
    const csv = `k,v,w\n${Array.from({ length: 400_000 }, (_, i) => `${i},"v ${i}",w${i}`).join('\n')}\n`;
    assert.ok(csv.length > 8_000_000);
    const t0 = performance.now();
    const whole = parseCsv(csv);
    const wholeMs = performance.now() - t0;
    assert.ok(whole.ok);
    // The longest gap between ticks of a 1 ms timer while the chunked parse runs.
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 1);
    const chunked = await parseCsvChunked(csv);
    clearInterval(timer);
    assert.ok(chunked.ok && chunked.table.rows.length === 400_000);
    assert.ok(
      longest < wholeMs / 5,
      `longest stall ${longest.toFixed(1)} ms, a whole parse ${wholeMs.toFixed(1)} ms`,
    );
  });
});
