// Backups with a tested restore: a running nexus-api (embedded chDB) is backed up with `nexus backup create` to an
// S3-compatible server on loopback (full, then incremental after more ingest); a NEW process on an EMPTY data
// directory restores it, and every row, token, lookup and tenant is back (counts and checksums compared).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { backupCommand } from '../../src/cli/backup.ts';
import type { BinaryServer } from '../helpers/binary.ts';
import { captureCli } from '../helpers/cli-io.ts';
import { ADMIN_TOKEN, tempDir } from '../helpers/env.ts';
import { parseProm } from '../helpers/prom.ts';
import { chdbConfigFrom, S3_KEY, S3_SECRET, startS3 } from '../helpers/s3.ts';
import { start, stop } from '../helpers/server.ts';
import type { Running } from '../helpers/server.ts';
import { snapshotOf } from '../helpers/store-snapshot.ts';
import type { Snapshot } from '../helpers/store-snapshot.ts';

let s3: BinaryServer;
const dirs: string[] = [];
const running: Running[] = [];
let serverEnv: Record<string, string>;

before(async () => {
  s3 = await startS3(['nexus-backups']);
  const cfgDir = tempDir();
  dirs.push(cfgDir);
  serverEnv = {
    NEXUS_ADMIN_TOKEN: ADMIN_TOKEN,
    NEXUS_BATCH_MAX_WAIT_MS: '20',
    NEXUS_BACKUP_S3_ENDPOINT: s3.url,
    AWS_ACCESS_KEY_ID: S3_KEY,
    AWS_SECRET_ACCESS_KEY: S3_SECRET,
    // The shipped backups.xml (allowed disk and path), so disk:// backups work on the embedded engine too.
    NEXUS_CHDB_CONFIG: chdbConfigFrom(['backups.xml'], cfgDir),
  };
});
after(async () => {
  for (const r of running) if (r.proc.exitCode === null) await stop(r);
  await s3?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function server(): Promise<{ r: Running; dir: string; url: string }> {
  const dir = tempDir();
  dirs.push(dir);
  const r = await start({ ...serverEnv, NEXUS_DATA_DIR: dir });
  running.push(r);
  return { r, dir, url: `http://127.0.0.1:${r.port}` };
}

async function call(url: string, method: string, path: string, body?: string, token = ADMIN_TOKEN) {
  const res = await fetch(url + path, {
    method,
    headers: { Authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  return { status: res.status, text };
}

function nexusBackup(url: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  return captureCli((io) => backupCommand(args, io, { NEXUS_URL: url, NEXUS_TOKEN: ADMIN_TOKEN }));
}

/** `n` HEC events (and one metric sample each) for org acme, marked `batch`. */
async function ingest(url: string, token: string, batch: string, n: number): Promise<void> {
  const now = Date.now() / 1000;
  const events = Array.from(
    { length: n },
    (_, i) =>
      JSON.stringify({
        time: now - i,
        host: `h${i % 7}`,
        event: `${batch} event ${i} status=${200 + (i % 5)}`,
      }) +
      JSON.stringify({
        time: now - i,
        event: 'metric',
        fields: { metric_name: 'cpu.load', _value: i / 10, batch },
      }),
  );
  const r = await call(url, 'POST', '/services/collector/event', events.join(''), token);
  assert.equal(r.status, 200, r.text);
}

test('backup to S3, incremental after more ingest, restore into a new process on an empty data directory', async () => {
  const a = await server();
  // Tokens, a tenant with limits, a lookup, an index retention rule, events and samples.
  const created = await call(
    a.url,
    'POST',
    '/admin/tokens',
    JSON.stringify({ name: 'acme-ingest', role: 'ingest', org: 'acme' }),
  );
  assert.equal(created.status, 201, created.text);
  const acmeToken = (JSON.parse(created.text) as { token: string }).token;
  assert.equal(
    (await call(a.url, 'PUT', '/admin/tenants/acme', JSON.stringify({ limits: { maxRows: 5000 } }))).status,
    200,
  );
  assert.equal((await call(a.url, 'PUT', '/lookups/users', 'user,dept\nalice,eng\nbob,ops\n')).status, 201);
  assert.equal(
    (await call(a.url, 'PUT', '/admin/indexes/main/retention', JSON.stringify({ days: 400 }))).status,
    200,
  );
  await ingest(a.url, acmeToken, 'first', 400);

  const full = await nexusBackup(a.url, ['create', '--to', 's3://nexus-backups/nexus/full']);
  assert.equal(full.code, 0, full.err);
  assert.match(full.out, /backup {2}ok {2}s3:\/\/nexus-backups\/nexus\/full/);

  // More after the full backup: events, a second token, a lookup replaced.
  await ingest(a.url, acmeToken, 'second', 250);
  assert.equal(
    (
      await call(
        a.url,
        'POST',
        '/admin/tokens',
        JSON.stringify({ name: 'later', role: 'viewer', org: 'acme' }),
      )
    ).status,
    201,
  );
  assert.equal(
    (await call(a.url, 'PUT', '/lookups/users', 'user,dept\nalice,eng\nbob,ops\ncarol,sales\n')).status,
    200,
  );
  const incr = await nexusBackup(a.url, ['create', '--to', 's3://nexus-backups/nexus/incr', '--incremental']);
  assert.equal(incr.code, 0, incr.err);
  assert.match(incr.out, /base=s3:\/\/nexus-backups\/nexus\/full/);
  // The same location twice is refused by ClickHouse (backups are never overwritten): the route says 502.
  const again = await nexusBackup(a.url, ['create', '--to', 's3://nexus-backups/nexus/incr']);
  assert.equal(again.code, 1);
  assert.match(again.err, /already exists/);

  // Status at /metrics: the last backup failed (the refused one), the last good one is seconds old.
  const metrics = parseProm((await call(a.url, 'GET', '/metrics')).text);
  const value = (name: string) => metrics.find((s) => s.name === name)?.value;
  assert.equal(value('nexus_backup_last_status'), 0);
  const age = value('nexus_backup_last_good_age_seconds') ?? Infinity;
  assert.ok(age >= 0 && age < 600, `age ${age}`);
  // A restore into an instance holding data is refused.
  const refused = await call(
    a.url,
    'POST',
    '/admin/backups/restore',
    JSON.stringify({ from: 's3://nexus-backups/nexus/full' }),
  );
  assert.equal(refused.status, 409, refused.text);
  // An operator-only route: an ingest token is refused, bad locations are 400.
  assert.equal((await call(a.url, 'GET', '/admin/backups', undefined, acmeToken)).status, 403);
  assert.equal(
    (await call(a.url, 'POST', '/admin/backups', JSON.stringify({ to: 's3://x/../y' }))).status,
    400,
  );
  // disk:// goes to the backups disk of the shipped backups.xml.
  const disk = await nexusBackup(a.url, ['create', '--to', 'disk://backups/nexus-1']);
  assert.equal(disk.code, 0, disk.err);
  const listed = await nexusBackup(a.url, ['list']);
  assert.equal(listed.code, 0);
  assert.equal(listed.out.trim().split('\n').length, 4, listed.out);

  assert.equal(await stop(a.r), 0);
  const before: Snapshot = snapshotOf(a.dir);
  assert.equal(before['logs']?.rows, 650);
  assert.equal(before['metrics']?.rows, 650);

  // A new process on an empty data directory, then the restore of the incremental backup.
  const b = await server();
  const restored = await nexusBackup(b.url, ['restore', '--from', 's3://nexus-backups/nexus/incr']);
  assert.equal(restored.code, 0, restored.err);
  // The restored token works at once (the token cache reloads after a restore).
  assert.equal((await call(b.url, 'GET', '/lookups/users?format=json', undefined, acmeToken)).status, 403); // ingest role
  await ingest(b.url, acmeToken, 'after-restore', 1);
  assert.equal(await stop(b.r), 0);
  const after = snapshotOf(b.dir);
  // Everything is back; only the one event sent after the restore differs.
  assert.equal(after['logs']?.rows, 651);
  assert.equal(after['metrics']?.rows, 651);
  for (const t of ['tokens', 'tenants', 'lookup_rows', 'lookup_tables', 'index_retention']) {
    assert.deepEqual(after[t], before[t], t);
  }
});
