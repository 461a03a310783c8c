// The table TTL, always written whole: moves to the cold and S3 volumes, then the delete at the retention.

import type { Store } from './types.ts';
import { dataTable, mutationTarget } from './cluster.ts';

/** The volume names a tiered storage policy must define (k8s/clickhouse/config/storage.xml). */
export const VOLUMES = { cold: 'cold', s3: 's3' } as const;

/** One TTL rule: rows `days` old move to `volume`, or are deleted when `volume` is undefined. */
export interface TtlRule {
  readonly days: number;
  readonly volume?: string;
}

export interface TierOptions {
  readonly retentionDays: number;
  /** Rows move to the `cold` volume at this age (days); undefined = no cold tier. */
  readonly coldAfterDays?: number | undefined;
  /** Rows move to the `s3` volume at this age (days); undefined = no S3 tier. */
  readonly s3AfterDays?: number | undefined;
}

/** The rules, youngest first: each configured move, then the delete. */
export function ttlRules(opts: TierOptions): TtlRule[] {
  const rules: TtlRule[] = [];
  if (opts.coldAfterDays !== undefined) rules.push({ days: opts.coldAfterDays, volume: VOLUMES.cold });
  if (opts.s3AfterDays !== undefined) rules.push({ days: opts.s3AfterDays, volume: VOLUMES.s3 });
  rules.push({ days: opts.retentionDays });
  for (const r of rules) {
    if (!Number.isSafeInteger(r.days) || r.days < 1) throw new Error(`TTL days must be a positive integer`);
  }
  return rules;
}

/**
 * The whole TTL expression of a table whose time column is `column` (our constant). `ALTER … MODIFY TTL`
 * replaces every rule at once, so this is the only place a TTL is written: a retention change that wrote
 * the delete alone would silently drop the moves.
 *
 * @example ttlExpression('_time', { retentionDays: 90, coldAfterDays: 7 })
 * // => "toDateTime(_time) + INTERVAL 7 DAY TO VOLUME 'cold', toDateTime(_time) + INTERVAL 90 DAY DELETE"
 */
export function ttlExpression(column: string, opts: TierOptions): string {
  return ttlRules(opts)
    .map(
      (r) =>
        `toDateTime(${column}) + INTERVAL ${r.days} DAY ` +
        (r.volume === undefined ? 'DELETE' : `TO VOLUME '${r.volume}'`),
    )
    .join(', ');
}

/**
 * The rules of a table's TTL as ClickHouse prints it in `create_table_query`
 * (`TTL toDateTime(_time) + toIntervalDay(7) TO VOLUME 'cold', … + toIntervalDay(30)`); [] without a TTL.
 */
export function parseTtlRules(createTableQuery: string): TtlRule[] {
  const ttl = /\bTTL (.*?)(?:\bSETTINGS\b|$)/s.exec(createTableQuery)?.[1] ?? '';
  const rules: TtlRule[] = [];
  for (const m of ttl.matchAll(/toIntervalDay\((\d+)\)(?:\s+TO VOLUME '([^']+)')?/g)) {
    rules.push(m[2] === undefined ? { days: Number(m[1]) } : { days: Number(m[1]), volume: m[2] });
  }
  return rules;
}

const sameRules = (a: readonly TtlRule[], b: readonly TtlRule[]): boolean =>
  a.length === b.length && a.every((r, i) => r.days === b[i]?.days && r.volume === b[i]?.volume);

/** The tables whose TTL follows the retention and the tiers, with their time column (our constants). */
export const TTL_TABLES = [
  ['logs', '_time'],
  ['metrics', 'timestamp'],
  ['datamodel_summaries', '_time'],
] as const;

export interface StorageLayout extends TierOptions {
  /** The storage policy the tables use ('' = leave the table's own). */
  readonly storagePolicy?: string | undefined;
  readonly cluster?: string | undefined;
}

async function tableInfo(store: Store, table: string): Promise<{ ddl: string; policy: string } | undefined> {
  const r = await store.query({
    sql:
      'SELECT create_table_query, storage_policy FROM system.tables ' +
      'WHERE database = currentDatabase() AND name = {t:String}',
    params: { t: table },
  });
  const row = r.rows[0];
  return row === undefined ? undefined : { ddl: String(row[0]), policy: String(row[1]) };
}

/**
 * Makes `table`'s storage policy and TTL match `layout`: the policy first (moves need its volumes), then the
 * whole TTL when any rule differs. Returns whether anything changed. Existing parts are not rewritten at
 * once (`materialize_ttl_after_modify = 0`: cheap at startup); merges and the background mover apply it.
 */
export async function reconcileTable(
  store: Store,
  table: string,
  column: string,
  layout: StorageLayout,
): Promise<boolean> {
  const info = await tableInfo(store, dataTable(table, layout.cluster));
  if (info === undefined) return false;
  const target = mutationTarget(table, layout.cluster);
  let changed = false;
  const policy = layout.storagePolicy ?? '';
  if (policy !== '' && info.policy !== policy) {
    // Allowed when the new policy holds every disk of the old one (ours keeps `default` as the hot volume).
    await store.command(`ALTER TABLE ${target} MODIFY SETTING storage_policy = '${policy}'`);
    changed = true;
  }
  const wanted = ttlRules(layout);
  if (!sameRules(parseTtlRules(info.ddl), wanted)) {
    await store.command(
      `ALTER TABLE ${target} MODIFY TTL ${ttlExpression(column, layout)} ` +
        'SETTINGS materialize_ttl_after_modify = 0',
    );
    changed = true;
  }
  return changed;
}
