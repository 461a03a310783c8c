// Store tests on real chDB: schema file in step, idempotent migrations, pool concurrency, settings hygiene.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { runMigrations, schemaSql } from '../../src/store/migrations.ts';
import { createStore } from '../../src/store/store.ts';
import type { LogRow, Store } from '../../src/store/types.ts';
import { tempDir } from '../helpers/env.ts';

let dir: string;
let store: Store;
before(async () => {
  dir = tempDir();
  store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir, NEXUS_QUERY_POOL_SIZE: '3' }));
});
after(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const row = (raw: string): LogRow => ({
  org_id: 'o1',
  index: 'main',
  _time: Date.now(),
  host: 'h',
  source: 's',
  sourcetype: 'st',
  _raw: raw,
  fields: { k: raw },
});

test('migrations/01_schema.sql is what the migration code produces', () => {
  const file = fs.readFileSync(new URL('../../migrations/01_schema.sql', import.meta.url), 'utf8');
  assert.equal(
    file,
    schemaSql(),
    'regenerate: node --import tsx src/store/export-schema.ts > migrations/01_schema.sql',
  );
});

test('migrations apply once; a second run is a no-op; retention follows config', async () => {
  const first = await runMigrations(store, { retentionDays: 30 });
  assert.deepEqual(first, { applied: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], retentionChanged: false });
  const second = await runMigrations(store, { retentionDays: 30 });
  assert.deepEqual(second, { applied: [], retentionChanged: false });
  const versions = await store.query({
    sql: 'SELECT version FROM schema_migrations FINAL ORDER BY version',
    params: {},
  });
  assert.deepEqual(versions.rows, [[1], [2], [3], [4], [5], [6], [7], [8], [9], [10], [11], [12], [13]]);
  assert.deepEqual(await runMigrations(store, { retentionDays: 7 }), { applied: [], retentionChanged: true });
  const ddl = await store.query({
    sql: "SELECT create_table_query FROM system.tables WHERE database = currentDatabase() AND name IN ('logs', 'metrics') ORDER BY name",
    params: {},
  });
  assert.equal(ddl.rows.length, 2);
  for (const [q] of ddl.rows) assert.match(String(q), /toIntervalDay\(7\)/);
  assert.deepEqual(await runMigrations(store, { retentionDays: 7 }), {
    applied: [],
    retentionChanged: false,
  });
});

test('query returns columns, rows as arrays, 64-bit ints as strings, rowsRead', async () => {
  await store.insertLogs([row('a'), row('b')]);
  const r = await store.query({
    sql: 'SELECT count() AS n, max(_raw) AS m FROM logs WHERE org_id = {org:String}',
    params: { org: 'o1' },
  });
  assert.deepEqual(r.columns, [
    { name: 'n', type: 'UInt64' },
    { name: 'm', type: 'String' },
  ]);
  assert.deepEqual(r.rows, [['2', 'b']]);
  assert.ok(r.rowsRead >= 2);
  assert.ok(r.elapsedMs >= 0);
});

test('an insert with the same dedup token is stored once', async () => {
  await store.insertLogs([row('dup')], { dedupToken: 't-1' });
  await store.insertLogs([row('dup')], { dedupToken: 't-1' });
  await store.insertLogs([row('dup')]);
  const r = await store.query({ sql: "SELECT count() FROM logs WHERE _raw = 'dup'", params: {} });
  assert.deepEqual(r.rows, [['2']]);
});

test('a search does not wait behind a long query or an insert (pool of chDB sessions on one path)', async () => {
  const slow = store.query({ sql: 'SELECT sleep(2)', params: {} });
  await new Promise((r) => setTimeout(r, 100));
  const t0 = performance.now();
  await Promise.all([store.query({ sql: 'SELECT 1', params: {} }), store.insertLogs([row('during')])]);
  const ms = performance.now() - t0;
  await slow;
  assert.ok(ms < 1000, `query + insert took ${ms} ms while a 2 s query ran`);
});

test('parameterized searches run side by side: a one-row search does not wait behind a slow one', async () => {
  // chdb-node chains every statement with query_params process-wide; the store binds them per session.
  const t0 = performance.now();
  let slowMs = 0;
  const slow = store
    .query({
      sql: 'SELECT sum(sleepEachRow({s:Float64})) FROM numbers(6) SETTINGS max_block_size = 1',
      params: { s: 0.5 },
    })
    .then(() => (slowMs = performance.now() - t0));
  await new Promise((r) => setTimeout(r, 100));
  const t1 = performance.now();
  const fast = await store.query({ sql: 'SELECT {v:String} AS v', params: { v: 'one row' } });
  const fastMs = performance.now() - t1;
  assert.equal(slowMs, 0, 'the one-row search finished after the slow one: they ran one at a time');
  await slow;
  assert.deepEqual(fast.rows, [['one row']]);
  assert.ok(fastMs * 4 < slowMs, `one-row search ${fastMs} ms beside a ${slowMs} ms search`);
});

test('concurrent parameterized statements each see their own values (no cross-session clobbering)', async () => {
  const values = Array.from({ length: 300 }, (_, i) => ({
    s: `v${i}\t'\\\n ${'x'.repeat(i % 7)} \u00e9`,
    n: i,
    a: [`a${i}`, "it's", 'b\\c'],
  }));
  const results = await Promise.all(
    values.map((v) =>
      store.query({
        sql: 'SELECT {s:String}, {n:Int64}, {a:Array(String)}',
        params: v,
      }),
    ),
  );
  results.forEach((r, i) => {
    const v = values[i];
    assert.ok(v);
    assert.deepEqual(r.rows, [[v.s, String(v.n), v.a]]);
  });
  // A value longer than ClickHouse's max_query_size (256 KiB) still binds.
  const long = 'y'.repeat(400_000);
  const r = await store.query({ sql: 'SELECT length({s:String})', params: { s: long } });
  assert.deepEqual(r.rows, [['400000']]);
  const after = await store.query({ sql: "SELECT getSetting('max_query_size')", params: {} });
  assert.equal(Number(after.rows[0]?.[0]), 262_144, 'max_query_size is put back after a long value');
});

test('per-query settings do not leak to the next query on the same session', async () => {
  const limited = await store.query({
    sql: 'SELECT number FROM numbers(100)',
    params: {},
    settings: { max_result_rows: 5, result_overflow_mode: 'break', max_block_size: 5 },
  });
  assert.ok(limited.rows.length < 100);
  const probes = await Promise.all(
    [1, 2, 3].map(() =>
      store.query({ sql: "SELECT getSetting('max_result_rows'), count() FROM numbers(100)", params: {} }),
    ),
  );
  for (const p of probes)
    assert.deepEqual(
      p.rows.map(([m, n]) => [Number(m), n]),
      [[0, '100']],
    );
  // A session that cannot be reset (readonly) is replaced, not returned to the pool.
  await store.query({ sql: 'SELECT 1', params: {}, settings: { readonly: 1 } });
  for (let i = 0; i < 4; i++)
    await store.command('CREATE TABLE IF NOT EXISTS rw_probe (x UInt8) ENGINE = Memory');
});

test('bad SQL rejects with the ClickHouse error and the pool keeps working', async () => {
  await assert.rejects(store.query({ sql: 'SELECT nope FROM logs', params: {} }), /nope/);
  const r = await store.query({ sql: 'SELECT {s:String} AS s', params: { s: "it's" } });
  assert.deepEqual(r.rows, [["it's"]]);
});
