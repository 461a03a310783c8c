// Cluster mode (CLICKHOUSE_CLUSTER): the single-node schema as replicated local tables plus Distributed tables.

import { quoteIdent } from '@nexus/spl';

/** Local (replicated) tables are named `<table>_local`; the Distributed table keeps the plain name. */
export const LOCAL_SUFFIX = '_local';

/**
 * The sharding key of each table's Distributed table. Tenant data is sharded by a hash of `org_id`, so one
 * tenant's rows (and its lookups, tokens and query log) stay on one shard; a table without a tenant column
 * by its own key. A table missing here is refused (a new table must choose its key).
 */
export const SHARDING_KEYS: Readonly<Record<string, string>> = {
  logs: 'cityHash64(org_id)',
  metrics: 'cityHash64(org_id)',
  tokens: 'cityHash64(org_id)',
  token_usage: 'cityHash64(token_id)',
  tenants: 'cityHash64(org_id)',
  index_retention: 'cityHash64(org_id)',
  query_log: 'cityHash64(org_id)',
  lookup_rows: 'cityHash64(org_id)',
  lookup_tables: 'cityHash64(org_id)',
  knowledge_objects: 'cityHash64(org_id)',
  datamodel_summaries: 'cityHash64(org_id)',
  datamodel_summary_state: 'cityHash64(org_id)',
  ml_models: 'cityHash64(org_id)',
  schema_migrations: 'version',
  backups: 'cityHash64(id)',
};

/** Where a table's replicas keep their state in Keeper: one path per shard, database and table. */
export function keeperPath(table: string): string {
  return `/clickhouse/tables/{shard}/{database}/${table}${LOCAL_SUFFIX}`;
}

const CREATE = /^CREATE TABLE IF NOT EXISTS (\w+) \(/;
const ENGINE = /ENGINE = (\w*MergeTree)(?:\(([^)]*)\))?/;
const ALTER = /^ALTER TABLE (\w+) (ADD (COLUMN|INDEX) .*)$/s;

/**
 * One single-node migration statement as the statements that do the same on `cluster`. Handles the
 * shapes our migrations use (and refuses any other, so a new migration cannot silently skip the cluster):
 *
 * - `CREATE TABLE IF NOT EXISTS t (…) ENGINE = XMergeTree(args) …` → `t_local ON CLUSTER` with
 *   `ReplicatedXMergeTree('<keeper path>', '{replica}', args)` (insert deduplication by the replicated
 *   window), then `t ON CLUSTER AS t_local ENGINE = Distributed(cluster, currentDatabase(), t_local, key)`.
 * - `ALTER TABLE t ADD COLUMN …` → on `t_local` and on `t` (a Distributed table lists its columns too).
 * - `ALTER TABLE t ADD INDEX …` → on `t_local` only (the data lives there).
 *
 * @example clusterStatements('ALTER TABLE logs ADD INDEX IF NOT EXISTS i x TYPE minmax', 'c')
 * // => ['ALTER TABLE `logs_local` ON CLUSTER `c` ADD INDEX IF NOT EXISTS i x TYPE minmax']
 */
export function clusterStatements(sql: string, cluster: string): string[] {
  const on = `ON CLUSTER ${quoteIdent(cluster)}`;
  const create = CREATE.exec(sql);
  if (create !== null) {
    const table = create[1] ?? '';
    const key = SHARDING_KEYS[table];
    if (key === undefined) throw new Error(`cluster schema: no sharding key for table ${table}`);
    const local = quoteIdent(table + LOCAL_SUFFIX);
    const engine = ENGINE.exec(sql);
    if (engine === null) throw new Error(`cluster schema: no MergeTree engine in CREATE TABLE ${table}`);
    const args = [`'${keeperPath(table)}'`, `'{replica}'`, ...(engine[2] ? [engine[2]] : [])];
    const localSql = sql
      .replace(CREATE, `CREATE TABLE IF NOT EXISTS ${local} ${on} (`)
      .replace(ENGINE, `ENGINE = Replicated${engine[1] ?? ''}(${args.join(', ')})`)
      .replace('non_replicated_deduplication_window', 'replicated_deduplication_window');
    const distributed =
      `CREATE TABLE IF NOT EXISTS ${quoteIdent(table)} ${on} AS ${local} ` +
      `ENGINE = Distributed('${cluster}', currentDatabase(), '${table}${LOCAL_SUFFIX}', ${key})`;
    return [localSql, distributed];
  }
  const alter = ALTER.exec(sql);
  if (alter !== null) {
    const table = alter[1] ?? '';
    const rest = alter[2] ?? '';
    const local = `ALTER TABLE ${quoteIdent(table + LOCAL_SUFFIX)} ${on} ${rest}`;
    return alter[3] === 'INDEX' ? [local] : [local, `ALTER TABLE ${quoteIdent(table)} ${on} ${rest}`];
  }
  throw new Error(`cluster schema: cannot run on a cluster: ${sql.slice(0, 60)}`);
}

/**
 * The table a mutation (DELETE, ALTER … TTL, MODIFY SETTING) or a backup addresses: the table itself on
 * one server, `t_local ON CLUSTER c` on a cluster (a Distributed table holds no data to mutate).
 *
 * @example mutationTarget('logs', 'c') // => '`logs_local` ON CLUSTER `c`'
 */
export function mutationTarget(table: string, cluster: string | undefined): string {
  return cluster === undefined
    ? quoteIdent(table)
    : `${quoteIdent(table + LOCAL_SUFFIX)} ON CLUSTER ${quoteIdent(cluster)}`;
}

/** The name of the table that holds `table`'s data (for `system.tables`, `system.parts`). */
export function dataTable(table: string, cluster: string | undefined): string {
  return cluster === undefined ? table : table + LOCAL_SUFFIX;
}
