// The server-mode row policy (src/store/row-policy.ts). No ClickHouse server runs here and chDB refuses
// access management, so the statements are checked with ClickHouse 26.7's own parser (chDB's
// `formatQuerySingleLine`): they parse, as one statement each, with the names and filter we mean. The
// store and startup paths that need a server are checked up to where chDB stops them.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { runMigrations } from '../../src/store/migrations.ts';
import {
  POLICY_NAMES,
  RowPolicyError,
  TENANT_SETTING,
  TENANT_TABLES,
  applyRowPolicy,
  rowPolicyStatements,
  verifyRowPolicy,
} from '../../src/store/row-policy.ts';
import { createStore } from '../../src/store/store.ts';
import type { Store } from '../../src/store/types.ts';
import { tempDir } from '../helpers/env.ts';

let dir: string;
let store: Store;
before(async () => {
  dir = tempDir();
  store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir, NEXUS_QUERY_POOL_SIZE: '2' }));
  await runMigrations(store, { retentionDays: 30 });
});
after(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The statement as ClickHouse parses and prints it back (throws on a syntax error or several statements). */
async function reparse(sql: string): Promise<string> {
  const r = await store.query({ sql: 'SELECT formatQuerySingleLine({q:String})', params: { q: sql } });
  const out = r.rows[0]?.[0];
  assert.equal(typeof out, 'string');
  return String(out);
}

const PASSWORD = 'correct horse battery staple';
const DIGEST = createHash('sha256').update(PASSWORD).digest('hex');

describe('row policy statements', () => {
  const statements = rowPolicyStatements({
    database: 'nexus',
    queryUser: 'nexus_search',
    password: PASSWORD,
  });

  test('every statement parses on ClickHouse 26.7 as exactly one statement', async () => {
    for (const sql of statements) await reparse(sql);
    await assert.rejects(
      reparse('SELECT 1; SELECT 2'),
      /Multi-statements/,
      'the oracle catches two statements',
    );
    await assert.rejects(reparse('CREATE USER x IDENTIFIED BY'), /Syntax error/, 'and a syntax error');
  });

  test('the query user is read-only, known by its digest only, and may read the tenant tables and nothing else', async () => {
    const text = statements.join('\n');
    assert.ok(!text.includes(PASSWORD), 'the password itself never reaches the server');
    const create = await reparse(statements[0] ?? '');
    assert.match(
      create,
      /^CREATE USER IF NOT EXISTS nexus_search IDENTIFIED WITH sha256_hash BY '([0-9a-f]{64})'/,
    );
    assert.ok(create.includes(DIGEST));
    assert.match(create, /DEFAULT DATABASE nexus SETTINGS readonly = 2$/);
    assert.match(await reparse(statements[1] ?? ''), /^ALTER USER nexus_search IDENTIFIED WITH sha256_hash/);
    const grants = [];
    for (const sql of statements.filter((s) => s.startsWith('GRANT'))) grants.push(await reparse(sql));
    assert.deepEqual(
      grants.sort(),
      [
        'GRANT CREATE TEMPORARY TABLE ON *.* TO nexus_search',
        ...TENANT_TABLES.map((t) => `GRANT SELECT ON nexus.${t} TO nexus_search`),
      ].sort(),
    );
  });

  test('each tenant table gets the restrictive tenant filter for the query user, and stays open to other users', async () => {
    for (const table of TENANT_TABLES) {
      const mine = [];
      for (const sql of statements.filter((s) => s.includes(`.\`${table}\``) && s.includes('ROW POLICY'))) {
        mine.push(await reparse(sql));
      }
      assert.deepEqual(mine, [
        `CREATE ROW POLICY OR REPLACE ${POLICY_NAMES.tenant} ON nexus.${table} AS RESTRICTIVE FOR SELECT ` +
          `USING org_id = getSetting('${TENANT_SETTING}') TO nexus_search`,
        `CREATE ROW POLICY OR REPLACE ${POLICY_NAMES.others} ON nexus.${table} AS PERMISSIVE FOR SELECT USING 1 TO ALL`,
      ]);
    }
  });

  test('hostile user and database names stay names: one statement each, same shape', async () => {
    const user = 'x` TO ALL; DROP TABLE logs; --';
    const database = 'd`b\\';
    const hostile = rowPolicyStatements({
      database,
      queryUser: user,
      password: "p' OR 1 --" + 'x'.repeat(16),
    });
    assert.equal(hostile.length, statements.length);
    for (const [i, sql] of hostile.entries()) {
      const printed = await reparse(sql);
      const plain = await reparse(statements[i] ?? '');
      if (plain.includes('nexus_search'))
        assert.ok(printed.includes('`x\\` TO ALL; DROP TABLE logs; --`'), printed);
      // The same statement once the quoted names are put back to the plain ones.
      const normalised = printed
        .replaceAll('`x\\` TO ALL; DROP TABLE logs; --`', 'nexus_search')
        .replaceAll('`d\\`b\\\\`', 'nexus')
        .replace(/'[0-9a-f]{64}'/, `'${DIGEST}'`);
      assert.equal(normalised, plain);
    }
  });

  test('every tenant table has the org_id column the policy filters on', async () => {
    const r = await store.query({
      sql: `SELECT table, type FROM system.columns WHERE database = currentDatabase() AND name = 'org_id' AND has({t:Array(String)}, table) ORDER BY table`,
      params: { t: TENANT_TABLES },
    });
    assert.deepEqual(
      r.rows.map((row) => row[0]),
      [...TENANT_TABLES].sort(),
    );
  });
});

describe('row policy at startup and in the store', () => {
  test('embedded: no query user, and a search for a tenant runs as before', async () => {
    assert.equal(store.rowPolicy, false);
    const r = await store.query({ sql: 'SELECT count() FROM logs', params: {}, tenant: 'acme' });
    assert.equal(r.rows[0]?.[0], '0');
  });

  test('the verification fails closed when the tenant setting does not reach the engine', async () => {
    // chDB has no query user and no SQL_ prefix: the probe runs without the setting and must fail.
    await assert.rejects(verifyRowPolicy(store), (err: unknown) => {
      assert.ok(err instanceof RowPolicyError);
      assert.match(err.message, /custom_settings_prefixes/);
      return true;
    });
  });

  test('a user without access management gets a startup error that says so', async () => {
    // chDB's user has no access management, as a server's CLICKHOUSE_USER without it would not.
    await assert.rejects(
      applyRowPolicy(store, { database: 'default', queryUser: 'nexus_search', password: PASSWORD }),
      (err: unknown) => {
        assert.ok(err instanceof RowPolicyError);
        assert.match(err.message, /access_management/);
        assert.match(err.message, /CREATE USER/);
        return true;
      },
    );
  });
});

describe('CLICKHOUSE_QUERY_USER configuration', () => {
  const server = { CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_USER: 'nexus' };
  const message = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
    return '';
  };

  test('is read with its password on a server', () => {
    const cfg = loadConfig({
      ...server,
      CLICKHOUSE_QUERY_USER: 'nexus_search',
      CLICKHOUSE_QUERY_PASSWORD: PASSWORD,
    });
    assert.deepEqual(cfg.clickhouse?.queryUser, { name: 'nexus_search', password: PASSWORD });
    assert.equal(loadConfig(server).clickhouse?.queryUser, undefined);
  });

  test('is refused where it cannot work', () => {
    assert.match(
      message({ CLICKHOUSE_QUERY_USER: 'q', CLICKHOUSE_QUERY_PASSWORD: PASSWORD }),
      /needs CLICKHOUSE_URL/,
    );
    assert.match(
      message({ ...server, CLICKHOUSE_QUERY_USER: 'nexus', CLICKHOUSE_QUERY_PASSWORD: PASSWORD }),
      /must differ from CLICKHOUSE_USER/,
    );
    assert.match(message({ ...server, CLICKHOUSE_QUERY_USER: 'q' }), /CLICKHOUSE_QUERY_PASSWORD must be set/);
    assert.match(
      message({ ...server, CLICKHOUSE_QUERY_USER: 'q`x', CLICKHOUSE_QUERY_PASSWORD: PASSWORD }),
      /plain identifier/,
    );
  });
});
