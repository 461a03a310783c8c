// `nexus schema [--cluster]`: every statement passes ClickHouse's own parser (chDB formatQuery), the cluster
// DDL is replicated + ON CLUSTER + Distributed, and the TTL is always written whole (moves and delete).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fs from 'node:fs';
import { main } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import { mutationTarget } from '../../src/store/cluster.ts';
import { createStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/index.ts';
import { rowPolicyStatements } from '../../src/store/row-policy.ts';
import { parseTtlRules, ttlExpression } from '../../src/store/ttl.ts';
import { tableList } from '../../src/backup/service.ts';
import { captureCli } from '../helpers/cli-io.ts';
import { tempDir } from '../helpers/env.ts';

let store: Store;
let dir: string;
before(async () => {
  dir = tempDir();
  store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
});
after(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** ClickHouse's formatting of `sql` (throws a syntax error when its parser refuses it). */
async function parse(sql: string): Promise<string> {
  const r = await store.query({ sql: 'SELECT formatQuery({q:String})', params: { q: sql } });
  return String(r.rows[0]?.[0]);
}

const cli = (args: string[]) => captureCli((io) => main(args, io));

/** The statements of a script (each ends with `;` at the end of a line; comments dropped). */
function statements(script: string): string[] {
  return script
    .split(/;\n/)
    .map((s) =>
      s
        .split('\n')
        .filter((l) => !l.startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter((s) => s !== '');
}

describe('nexus schema --cluster', () => {
  let ddl: string[] = [];
  before(async () => {
    const r = await cli(['schema', '--cluster', 'c', '--cold-after', '7', '--s3-after', '30']);
    assert.equal(r.code, 0, r.err);
    ddl = statements(r.out);
  });

  test('every statement parses in ClickHouse', async () => {
    assert.ok(ddl.length > 20, `only ${ddl.length} statements`);
    for (const s of ddl) await parse(s);
  });

  test('replicated local tables ON CLUSTER with {shard}/{replica} Keeper paths, Distributed fronts', async () => {
    const creates = ddl.filter((s) => s.startsWith('CREATE TABLE'));
    const local = creates.filter((s) => /^CREATE TABLE IF NOT EXISTS `\w+_local` ON CLUSTER `c`/.test(s));
    const distributed = creates.filter((s) => /ENGINE = Distributed\('c', currentDatabase\(\)/.test(s));
    assert.equal(local.length, distributed.length);
    assert.equal(local.length + distributed.length, creates.length, 'every CREATE is one or the other');
    for (const s of local) {
      assert.match(
        s,
        /ENGINE = Replicated\w*MergeTree\('\/clickhouse\/tables\/\{shard\}\/\{database\}\/\w+_local', '\{replica\}'/,
      );
      assert.doesNotMatch(s, /non_replicated_deduplication_window/);
    }
    const logs = creates.find((s) => s.startsWith('CREATE TABLE IF NOT EXISTS `logs` ON CLUSTER'));
    assert.ok(logs);
    assert.match(
      await parse(logs),
      /Distributed\('c', currentDatabase\(\), 'logs_local', cityHash64\(org_id\)\)/,
    );
    const logsLocal = local.find((s) => s.includes('`logs_local`')) ?? '';
    assert.match(logsLocal, /SETTINGS replicated_deduplication_window = 1000/);
    // Columns added later reach the local and the Distributed table; indexes the local one only.
    assert.ok(
      ddl.includes(
        "ALTER TABLE `logs_local` ON CLUSTER `c` ADD COLUMN IF NOT EXISTS _request String DEFAULT '' CODEC(ZSTD(1))",
      ),
    );
    assert.ok(
      ddl.includes(
        "ALTER TABLE `logs` ON CLUSTER `c` ADD COLUMN IF NOT EXISTS _request String DEFAULT '' CODEC(ZSTD(1))",
      ),
    );
    assert.ok(!ddl.some((s) => s.startsWith('ALTER TABLE `logs` ON CLUSTER `c` ADD INDEX')));
    // Tiering: the policy and the whole TTL on the local tables.
    assert.ok(
      ddl.includes("ALTER TABLE `logs_local` ON CLUSTER `c` MODIFY SETTING storage_policy = 'tiered'"),
    );
    assert.ok(
      ddl.includes(
        "ALTER TABLE `logs_local` ON CLUSTER `c` MODIFY TTL toDateTime(_time) + INTERVAL 7 DAY TO VOLUME 'cold', " +
          "toDateTime(_time) + INTERVAL 30 DAY TO VOLUME 's3', toDateTime(_time) + INTERVAL 2184 DAY DELETE",
      ),
    );
  });

  test('mutations, row policy and backups address the local tables ON CLUSTER', async () => {
    const del = `DELETE FROM ${mutationTarget('logs', 'c')} WHERE org_id = {o:String}`;
    assert.match(await parse(del), /DELETE FROM logs_local ON CLUSTER c WHERE org_id = \{o:String\}/);
    const policy = rowPolicyStatements({
      database: 'nexus',
      queryUser: 'nexus_search',
      password: 'x'.repeat(16),
      cluster: 'c',
    });
    for (const s of policy) await parse(s);
    assert.ok(
      policy.some((s) =>
        /^CREATE ROW POLICY OR REPLACE `nexus_tenant` ON CLUSTER `c` ON `nexus`.`logs_local`/.test(s),
      ),
    );
    assert.ok(
      policy.some((s) =>
        /^CREATE ROW POLICY OR REPLACE `nexus_tenant` ON CLUSTER `c` ON `nexus`.`logs` /.test(s),
      ),
    );
    assert.ok(policy.every((s) => s.includes('ON CLUSTER `c`')));
    const backup = `BACKUP ${tableList('c')} TO S3({u:String}, {k:String}, {s:String})`;
    assert.match(await parse(backup), /BACKUP TABLE logs_local, .* ON CLUSTER c TO S3/);
  });
});

test('nexus schema without --cluster is migrations/01_schema.sql; every statement parses', async () => {
  const r = await cli(['schema']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, fs.readFileSync(new URL('../../migrations/01_schema.sql', import.meta.url), 'utf8'));
  for (const s of statements(r.out)) {
    assert.doesNotMatch(s, /ON CLUSTER|Replicated|Distributed/);
    await parse(s);
  }
  const bad = await cli(['schema', '--cluster', 'a-b']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--cluster needs a plain identifier/);
});

test("the TTL is written whole: parsing ClickHouse's own text gives back the rules", async () => {
  const opts = { retentionDays: 400, coldAfterDays: 7, s3AfterDays: 90 };
  const formatted = await parse(
    `CREATE TABLE t (d DateTime64(3)) ENGINE = MergeTree ORDER BY d TTL ${ttlExpression('d', opts)}`,
  );
  assert.deepEqual(parseTtlRules(formatted), [
    { days: 7, volume: 'cold' },
    { days: 90, volume: 's3' },
    { days: 400 },
  ]);
});
