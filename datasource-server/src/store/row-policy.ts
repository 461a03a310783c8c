// Defence in depth on a ClickHouse server: searches run as a read-only user that a restrictive row
// policy confines to one tenant, named per query in a custom setting. The planner's own `org_id` filter
// stays the first line; this one holds even if a compiled statement forgot it.

import { createHash } from 'node:crypto';
import { quoteIdent } from '@nexus/spl';
import { dataTable } from './cluster.ts';
import type { Store } from './types.ts';

/**
 * The per-query setting that names the tenant. Custom settings need a prefix the server accepts
 * (`custom_settings_prefixes`; ClickHouse's shipped config.xml has `SQL_`).
 */
export const TENANT_SETTING = 'SQL_nexus_org';

/** Every table a compiled search reads; each holds an `org_id` column. */
export const TENANT_TABLES: readonly string[] = [
  'logs',
  'lookup_rows',
  'lookup_tables',
  'metrics',
  'datamodel_summaries',
];

/** The restrictive policy (one tenant per query) and the permissive one that leaves other users as they were. */
export const POLICY_NAMES = { tenant: 'nexus_tenant', others: 'nexus_unrestricted' } as const;

export interface RowPolicyOptions {
  /** The database holding the tables (CLICKHOUSE_DATABASE). */
  readonly database: string;
  /** The read-only user searches run as (CLICKHOUSE_QUERY_USER). */
  readonly queryUser: string;
  /** Its password (CLICKHOUSE_QUERY_PASSWORD); only its SHA-256 reaches the server. */
  readonly password: string;
  /**
   * CLICKHOUSE_CLUSTER: the user, grants and policies are created ON CLUSTER, and on the local tables too
   * (a Distributed query reads them on each shard as the initial user).
   */
  readonly cluster?: string | undefined;
}

/**
 * The statements that create (or bring up to date) the query user, its grants and the row policies.
 * Each is idempotent, so they run at every start. DDL takes no query parameters: identifiers go through
 * `quoteIdent`, the password only as a hex digest, and the setting name is our constant.
 *
 * - The user is `readonly = 2`: it reads and may set settings per query (the tenant), never writes.
 * - It may SELECT the tenant tables and nothing else; `CREATE TEMPORARY TABLE` is what ClickHouse asks of
 *   table functions such as `numbers()` (`makeresults`), and grants no access to any table.
 * - `nexus_tenant` (RESTRICTIVE, to the query user): `org_id = getSetting('SQL_nexus_org')`. A statement
 *   sent without the setting fails ("Unknown setting"), so a forgotten tenant is an error, not every row.
 * - `nexus_unrestricted` (PERMISSIVE `1`, to all): once a table has a row policy, ClickHouse hides its rows
 *   from users that no permissive policy admits; this keeps the service's own user (ingestion, admin) and
 *   the operator's users seeing every row, and gives the query user (1 AND its tenant filter).
 */
export function rowPolicyStatements(opts: RowPolicyOptions): string[] {
  const user = quoteIdent(opts.queryUser);
  const db = quoteIdent(opts.database);
  const digest = createHash('sha256').update(opts.password, 'utf8').digest('hex');
  const identity = `IDENTIFIED WITH sha256_hash BY '${digest}' DEFAULT DATABASE ${db} SETTINGS readonly = 2`;
  const on = opts.cluster === undefined ? '' : ` ON CLUSTER ${quoteIdent(opts.cluster)}`;
  const statements = [
    `CREATE USER IF NOT EXISTS ${user}${on} ${identity}`,
    // The user may exist from an earlier start: keep its password and settings those of the configuration.
    `ALTER USER ${user}${on} ${identity}`,
    `GRANT${on} CREATE TEMPORARY TABLE ON *.* TO ${user}`,
  ];
  const tables = TENANT_TABLES.flatMap((name) =>
    opts.cluster === undefined ? [name] : [name, dataTable(name, opts.cluster)],
  );
  for (const name of tables) {
    const table = `${db}.${quoteIdent(name)}`;
    statements.push(
      `GRANT${on} SELECT ON ${table} TO ${user}`,
      `CREATE ROW POLICY OR REPLACE ${quoteIdent(POLICY_NAMES.tenant)}${on} ON ${table} ` +
        `USING org_id = getSetting('${TENANT_SETTING}') AS RESTRICTIVE TO ${user}`,
      `CREATE ROW POLICY OR REPLACE ${quoteIdent(POLICY_NAMES.others)}${on} ON ${table} USING 1 AS PERMISSIVE TO ALL`,
    );
  }
  return statements;
}

export class RowPolicyError extends Error {
  override readonly name = 'RowPolicyError';
}

/**
 * Applies the statements as the service's user (which needs `access_management`), then proves the policy
 * from the query user's side: the tenant setting reaches the server, and a tenant sees only its rows.
 */
export async function applyRowPolicy(store: Store, opts: RowPolicyOptions): Promise<void> {
  for (const sql of rowPolicyStatements(opts)) {
    try {
      await store.command(sql);
    } catch (err) {
      throw new RowPolicyError(
        `cannot set up the row policy for ${opts.queryUser} (CLICKHOUSE_USER needs access_management): ` +
          `${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  await verifyRowPolicy(store);
}

/** An org id no tenant can have (isOrgId refuses the leading dot): the probe must see no row at all. */
const PROBE_TENANT = '.nexus-row-policy-probe';

/** Fails unless searches run with the tenant setting and see no row of any other tenant. */
export async function verifyRowPolicy(store: Store): Promise<void> {
  let echoed: unknown;
  try {
    const r = await store.query({
      sql: `SELECT getSetting('${TENANT_SETTING}') AS tenant`,
      params: {},
      tenant: PROBE_TENANT,
    });
    echoed = r.rows[0]?.[0];
  } catch (err) {
    throw new RowPolicyError(
      `the query user cannot set ${TENANT_SETTING}: add <custom_settings_prefixes>SQL_</custom_settings_prefixes> ` +
        `to the server's config (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  if (echoed !== PROBE_TENANT) {
    throw new RowPolicyError(`the query user's ${TENANT_SETTING} came back as ${JSON.stringify(echoed)}`);
  }
  for (const name of TENANT_TABLES) {
    const r = await store.query({
      sql: `SELECT count() FROM ${quoteIdent(name)}`,
      params: {},
      tenant: PROBE_TENANT,
    });
    if (Number(r.rows[0]?.[0]) !== 0) {
      throw new RowPolicyError(`the row policy on ${name} lets a tenant read other tenants' rows`);
    }
  }
}
