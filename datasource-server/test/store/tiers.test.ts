// Tiered storage on the embedded engine: chDB opened with the shipped storage.xml (hot / cold / S3 volumes,
// S3 = s3rver on loopback), TTL moves from NEXUS_TIER_*; parts land on the right disks, searches answer across
// tiers, and a retention change keeps the moves.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { runMigrations, schemaOptionsOf } from '../../src/store/migrations.ts';
import { parseTtlRules } from '../../src/store/ttl.ts';
import type { BinaryServer } from '../helpers/binary.ts';
import { ADMIN_TOKEN, tempDir, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';
import { post } from '../helpers/ingest.ts';
import { chdbConfigFrom, S3_KEY, S3_SECRET, startS3 } from '../helpers/s3.ts';

const DAY = 86_400_000;
const now = Date.now();
/** One event per tier: today (hot), 10 days old (cold after 7), 60 days old (S3 after 30). */
const EVENTS = [
  { term: 'tierhot', time: now - 60_000, disk: 'default' },
  { term: 'tiercold', time: now - 10 * DAY, disk: 'cold' },
  { term: 'tiers3', time: now - 60 * DAY, disk: 's3_cache' },
];

let s3: BinaryServer;
let env: TestEnv;
let dir: string;
before(async () => {
  s3 = await startS3(['tier']);
  dir = tempDir();
  // storage.xml takes the S3 disk's endpoint and credentials from the environment (from_env).
  process.env['NEXUS_TIER_S3_ENDPOINT'] = `${s3.url}/tier/data/`;
  process.env['NEXUS_TIER_S3_ACCESS_KEY_ID'] = S3_KEY;
  process.env['NEXUS_TIER_S3_SECRET_ACCESS_KEY'] = S3_SECRET;
  env = await testEnv({
    NEXUS_CHDB_CONFIG: chdbConfigFrom(['storage.xml'], dir),
    NEXUS_TIER_COLD_AFTER: '7d',
    NEXUS_TIER_S3_AFTER: '30',
    NEXUS_RETENTION_DAYS: '400',
  });
});
after(async () => {
  await env?.close();
  await s3?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ttlOf = async (table: string) => {
  const r = await env.store.query({
    sql: 'SELECT create_table_query, storage_policy FROM system.tables WHERE database = currentDatabase() AND name = {t:String}',
    params: { t: table },
  });
  return { rules: parseTtlRules(String(r.rows[0]?.[0])), policy: r.rows[0]?.[1] };
};

const search = async (spl: string): Promise<unknown[][]> => {
  const res = await env.app.request('/query/spl', {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: spl, earliest: '-90d', latest: 'now' }),
  });
  const body = (await res.json()) as { rows?: unknown[][] };
  assert.equal(res.status, 200, JSON.stringify(body));
  return body.rows ?? [];
};

test('the tables use the tiered policy and a TTL with both moves and the delete', async () => {
  for (const table of ['logs', 'metrics']) {
    assert.deepEqual(await ttlOf(table), {
      policy: 'tiered',
      rules: [{ days: 7, volume: 'cold' }, { days: 30, volume: 's3' }, { days: 400 }],
    });
  }
});

test('parts land on the disk of their age; a term search answers from every tier', async () => {
  for (const e of EVENTS) {
    // One request per event: one part per partition (day) either way.
    const r = await post(
      env,
      '/services/collector/event',
      JSON.stringify({ time: e.time / 1000, event: `event ${e.term} here` }),
      {
        Authorization: `Bearer ${ADMIN_TOKEN}`,
      },
    );
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const parts = await env.store.query({
    sql: `SELECT DISTINCT disk_name, min(_raw) FROM logs JOIN system.parts p ON p.name = logs._part
          WHERE p.table = 'logs' AND p.database = currentDatabase() AND p.active GROUP BY disk_name ORDER BY disk_name`,
    params: {},
  });
  const diskOf = new Map(parts.rows.map((r) => [String(r[1]), String(r[0])]));
  for (const e of EVENTS)
    assert.equal(diskOf.get(`event ${e.term} here`), e.disk, `${e.term}: ${JSON.stringify(parts.rows)}`);
  // The S3 volume's part is really in the bucket.
  const objects = await fetch(`${s3.url}/tier?list-type=2`).then((r) => r.text());
  assert.match(objects, /<Key>data\//);

  for (const e of EVENTS) {
    const rows = await search(`search ${e.term} | table _raw`);
    assert.deepEqual(rows, [[`event ${e.term} here`]], e.term);
  }
  const all = await search('search tier* OR tiers3 | stats count');
  assert.deepEqual(
    all.map((r) => r.map(Number)),
    [[3]],
  );
});

test('a retention change rewrites the TTL whole: the moves stay', async () => {
  const report = await runMigrations(env.store, { ...schemaOptionsOf(env.config), retentionDays: 500 });
  assert.equal(report.retentionChanged, true);
  assert.deepEqual((await ttlOf('logs')).rules, [
    { days: 7, volume: 'cold' },
    { days: 30, volume: 's3' },
    { days: 500 },
  ]);
  // A new old part still goes to S3.
  const r = await post(
    env,
    '/services/collector/event',
    JSON.stringify({ time: (now - 50 * DAY) / 1000, event: 'after change s3' }),
    {
      Authorization: `Bearer ${ADMIN_TOKEN}`,
    },
  );
  assert.equal(r.status, 200);
  const disk = await env.store.query({
    sql: "SELECT _disk_name FROM logs WHERE _raw = 'after change s3'",
    params: {},
  });
  assert.deepEqual(disk.rows, [['s3_cache']]);
  // Without tiers (the same retention) the TTL loses its moves only because the configuration says so.
  await runMigrations(env.store, { retentionDays: 500, storagePolicy: 'tiered' });
  assert.deepEqual((await ttlOf('logs')).rules, [{ days: 500 }]);
});
