// The `nexus` CLI as a user runs it: the real bin script in a child process, exit codes and output.

import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'nexus.js');

/** Runs the built `nexus` command against the service at `url` with `token`, as an operator's shell would. */
function nexusAgainst(
  url: string,
  token: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        env: { PATH: process.env['PATH'] ?? '', NEXUS_FROM_SOURCE: '1', NEXUS_URL: url, NEXUS_TOKEN: token },
        timeout: 60_000,
      },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
/** The sources under test, not a dist/ left by an earlier build (test/build.test.ts runs the built CLI). */
const env = { ...process.env, NEXUS_FROM_SOURCE: '1' };

function nexus(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    input: input ?? '',
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('nexus spl compile', () => {
  test('--json: literals are parameters, never SQL text', () => {
    const r = nexus(['spl', 'compile', '--json', 'index=web status=500 | stats count by host']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { ok: boolean; sql: string; params: Record<string, unknown> };
    assert.equal(out.ok, true);
    assert.doesNotMatch(out.sql, /web/);
    assert.doesNotMatch(out.sql, /500/);
    assert.ok(Object.values(out.params).includes('web'));
    assert.ok(Object.values(out.params).includes('500'));
    assert.match(out.sql, /\{p\d+:String\}/);
  });

  test('--target clickhouse is accepted; an unknown target is a usage error', () => {
    assert.equal(nexus(['spl', 'compile', '--target', 'clickhouse', '| makeresults']).code, 0);
    const bad = nexus(['spl', 'compile', '--target', 'oracle', '| makeresults']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown target/);
  });

  test('--lookups gives the lookup tables their columns; without it a table is unknown', () => {
    const schema = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-cli-')), 'lookups.json');
    fs.writeFileSync(schema, JSON.stringify({ 'users.csv': ['user', 'dept'] }));
    const q = 'index=main | lookup users user OUTPUT dept';
    const ok = nexus(['spl', 'compile', '--json', '--lookups', schema, q]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(Object.values((JSON.parse(ok.stdout) as { params: object }).params).includes('users'));
    const unknown = nexus(['spl', 'compile', q]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /1:21: semantic: unknown lookup table `users`/);
    fs.writeFileSync(schema, '{"users": "user"}');
    const bad = nexus(['spl', 'compile', '--lookups', schema, q]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /the columns of `users` must be an array/);
  });

  test('a failing query exits 1 and shows the position with a caret', () => {
    const r = nexus(['spl', 'compile', 'error | statz count']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /1:9: unsupported: unknown command `statz`/);
    assert.match(r.stderr, /did you mean `stats`\?/);
    assert.match(r.stderr, /\n {10}\^/);
  });
});

describe('nexus spl parse', () => {
  test('--json prints the AST with spans', () => {
    const r = nexus(['spl', 'parse', '--json', 'error | head 5']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { ok: boolean; ast: { commands: { kind: string; span: unknown }[] } };
    assert.deepEqual(
      out.ast.commands.map((c) => c.kind),
      ['search', 'head'],
    );
    assert.deepEqual(out.ast.commands[1]?.span, { start: 8, end: 14 });
  });

  test('a syntax error reports line and column', () => {
    const r = nexus(['spl', 'parse', '--json', 'foo\n| stats count by']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as {
      ok: boolean;
      errors: { line: number; column: number; code: string }[];
    };
    assert.equal(out.ok, false);
    assert.equal(out.errors[0]?.code, 'syntax');
    assert.equal(out.errors[0]?.line, 2);
  });
});

describe('nexus spl fmt', () => {
  test('pretty-prints one command per line', () => {
    const r = nexus(['spl', 'fmt', 'index=web   status=500|stats count  by host']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'index=web status=500\n| stats count BY host\n');
  });

  test('a query that does not parse exits 1 with its position', () => {
    const r = nexus(['spl', 'fmt', 'a | stats count by']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^1:19: syntax:/);
  });
});

describe('--jsonl', () => {
  test('one result line per input line; exit 1 when any failed', () => {
    const input = [
      JSON.stringify({ search: 'index=main | stats count' }),
      JSON.stringify({ query: '| makeresults | eval x=1' }),
      JSON.stringify({ search: 'x | nosuchcommand' }),
      'not json',
    ].join('\n');
    const r = nexus(['spl', 'compile', '--jsonl'], input);
    assert.equal(r.code, 1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { ok: boolean; sql?: string; params?: unknown });
    assert.deepEqual(
      lines.map((l) => l.ok),
      [true, true, false, false],
    );
    assert.match(lines[0]?.sql ?? '', /count\(\)/);
  });

  test('exit 0 when every line succeeded', () => {
    const r = nexus(['spl', 'parse', '--jsonl'], '{"search":"a b OR c"}\n{"search":"| makeresults"}\n');
    assert.equal(r.code, 0, r.stdout);
  });
});

describe('usage', () => {
  test('usage errors exit 2', () => {
    assert.equal(nexus([]).code, 2);
    assert.equal(nexus(['spl', 'compile']).code, 2);
    assert.equal(nexus(['spl', 'compile', '--bogus', 'x']).code, 2);
    assert.equal(nexus(['--help']).code, 0);
  });
});

describe('nexus tokens (against the real service)', () => {
  test('create, list, use and revoke a token; errors are clear', async () => {
    const { ADMIN_TOKEN, tempDir } = await import('../helpers/env.ts');
    const { start, stop } = await import('../helpers/server.ts');
    const dir = tempDir();
    const server = await start({ NEXUS_DATA_DIR: dir, NEXUS_ADMIN_TOKEN: ADMIN_TOKEN });
    const url = `http://127.0.0.1:${server.port}`;
    const run = (args: string[], token = ADMIN_TOKEN) => nexusAgainst(url, token, ['tokens', ...args]);
    try {
      const created = await run([
        'create',
        '--name',
        'ci shipper',
        '--role',
        'ingest',
        '--index',
        'web',
        '--org',
        'acme',
      ]);
      assert.equal(created.code, 0, created.stderr);
      const token = created.stdout.split('\n')[0] ?? '';
      assert.match(token, /^[0-9a-f-]{36}$/);
      assert.match(created.stdout, /shown only this once/);

      const hec = await fetch(`${url}/services/collector/event`, {
        method: 'POST',
        headers: { Authorization: `Splunk ${token}` },
        body: JSON.stringify({ event: 'hello from the cli token' }),
      });
      assert.equal(hec.status, 200);

      const listed = await run(['list', '--org', 'acme', '--json']);
      assert.equal(listed.code, 0, listed.stderr);
      const tokens = (
        JSON.parse(listed.stdout) as {
          tokens: { id: string; name: string; indexes: string[]; lastUsedAt: string | null }[];
        }
      ).tokens;
      const mine = tokens.find((t) => t.name === 'ci shipper');
      assert.deepEqual(mine?.indexes, ['web']);
      assert.ok(mine?.lastUsedAt);
      const table = await run(['list', '--org', '*']);
      assert.match(table.stdout, /^ID\s+ORG\s+NAME\s+ROLE\s+INDEXES/);
      assert.match(table.stdout, /acme\s+ci shipper\s+ingest\s+web/);

      assert.equal((await run(['revoke', mine?.id ?? ''])).code, 0);
      const after = await fetch(`${url}/services/collector/event`, {
        method: 'POST',
        headers: { Authorization: `Splunk ${token}` },
        body: JSON.stringify({ event: 'refused' }),
      });
      assert.equal(after.status, 403);

      const again = await run(['revoke', mine?.id ?? '']);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /404: no such live token/);
      const notAdmin = await run(['list'], token);
      assert.equal(notAdmin.code, 1);
      assert.match(notAdmin.stderr, /^nexus: 401/);
      const usage = await run(['create', '--name', 'x']);
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /create needs --name and --role/);

      // Ingest settings: default index and sourcetype, indexer acknowledgement.
      const shipper = await run([
        'create',
        '--name',
        'acked shipper',
        '--role',
        'ingest',
        '--index',
        'web',
        '--index',
        'web_access',
        '--default-index',
        'web_access',
        '--default-sourcetype',
        'nginx',
        '--ack',
      ]);
      assert.equal(shipper.code, 0, shipper.stderr);
      assert.match(shipper.stdout, /indexer acknowledgement is on/);
      const acked = shipper.stdout.split('\n')[0] ?? '';
      const channel = '3f2b8c1e-9d4a-4b6e-8f1a-2c3d4e5f6a7b';
      const sent = await fetch(`${url}/services/collector/event`, {
        method: 'POST',
        headers: { Authorization: `Splunk ${acked}`, 'X-Splunk-Request-Channel': channel },
        body: JSON.stringify({ event: 'acked event' }),
      });
      assert.deepEqual(await sent.json(), { text: 'Success', code: 0, ackId: 0 });
      const status = await fetch(`${url}/services/collector/ack?channel=${channel}`, {
        method: 'POST',
        headers: { Authorization: `Splunk ${acked}` },
        body: '{"acks":[0]}',
      });
      assert.deepEqual(await status.json(), { acks: { '0': true } });
      const search = await fetch(`${url}/query/spl`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: 'index=web_access sourcetype=nginx "acked event" | stats count' }),
      });
      const result = (await search.json()) as { rows: unknown[][] };
      assert.deepEqual(
        result.rows.map((r) => Number(r[0])),
        [1],
      );
      const shown = await run(['list', '--json']);
      const row = (
        JSON.parse(shown.stdout) as {
          tokens: {
            name: string;
            defaultIndex: string | null;
            defaultSourcetype: string | null;
            ack: boolean;
          }[];
        }
      ).tokens.find((t) => t.name === 'acked shipper');
      assert.deepEqual([row?.defaultIndex, row?.defaultSourcetype, row?.ack], ['web_access', 'nginx', true]);
      const listed2 = await run(['list']);
      assert.match(listed2.stdout, /INDEXES\s+DEFAULTS\s+ACK/);
      assert.match(
        listed2.stdout,
        /acked shipper\s+ingest\s+web,web_access\s+index=web_access sourcetype=nginx\s+on/,
      );
      const outside = await run([
        'create',
        '--name',
        'y',
        '--role',
        'ingest',
        '--index',
        'web',
        '--default-index',
        'ops',
      ]);
      assert.equal(outside.code, 1);
      assert.match(
        outside.stderr,
        /^nexus: 400: the default index `ops` must be one of the token's indexes \(web\)/,
      );
    } finally {
      await stop(server);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('nexus knowledge (against the real service)', () => {
  test('put, list, get and delete knowledge files; a bad file is refused with its lines', async () => {
    const { ADMIN_TOKEN, tempDir } = await import('../helpers/env.ts');
    const { start, stop } = await import('../helpers/server.ts');
    const dir = tempDir();
    const server = await start({ NEXUS_DATA_DIR: dir, NEXUS_ADMIN_TOKEN: ADMIN_TOKEN });
    const url = `http://127.0.0.1:${server.port}`;
    const file = path.join(dir, 'tags.conf');
    const run = (args: string[]) => nexusAgainst(url, ADMIN_TOKEN, ['knowledge', ...args]);
    try {
      fs.writeFileSync(file, '[eventtype=web_access]\nweb = enabled\n');
      const put = await run(['put', 'tags', file]);
      assert.equal(put.code, 0, put.stderr);
      assert.equal(put.stdout, 'stored tags.conf\n');
      assert.match((await run(['list'])).stdout, /^tags\.conf\t37 bytes$/m);
      assert.equal((await run(['get', 'tags'])).stdout, '[eventtype=web_access]\nweb = enabled\n');

      fs.writeFileSync(file, '[eventtype=web_access]\nweb = maybe\n');
      const bad = await run(['put', 'tags', file]);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /400: tags\.conf has 1 problem/);
      assert.match(bad.stderr, /tags\.conf:2: tag `web` must be `enabled` or `disabled`/);

      assert.equal((await run(['delete', 'tags'])).code, 0);
      assert.equal((await run(['get', 'tags'])).code, 1);
      assert.equal((await run(['put', 'savedsearches', file])).code, 2);

      // A data model JSON, filed under its modelName.
      const model = path.join(dir, 'shop.json');
      const json = JSON.stringify({
        modelName: 'Shop',
        objects: [
          { objectName: 'Orders', parentName: 'BaseEvent', constraints: [{ search: 'sourcetype=orders' }] },
        ],
      });
      fs.writeFileSync(model, json);
      const dm = await run(['put', 'datamodel', model]);
      assert.equal(dm.code, 0, dm.stderr);
      assert.equal(dm.stdout, 'stored data model Shop\n');
      assert.match((await run(['list'])).stdout, /^datamodel Shop\t\d+ bytes$/m);
      assert.equal((await run(['get', 'datamodel', 'Shop'])).stdout, json);
      fs.writeFileSync(model, '{"modelName":"Shop","objects":[{"parentName":"BaseEvent"}]}');
      const badModel = await run(['put', 'datamodel', model]);
      assert.equal(badModel.code, 1);
      assert.match(badModel.stderr, /Shop: objects\[0\]: needs an `objectName`/);
      assert.equal((await run(['delete', 'datamodel', 'Shop'])).code, 0);
      assert.equal((await run(['get', 'datamodel', 'Shop'])).code, 1);
    } finally {
      await stop(server);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
