// Retention per index: rules in `index_retention`, applied by deleting the older events and samples of that index.
// The table TTL (NEXUS_RETENTION_DAYS) still bounds every index; a rule can only keep events for less.

import { mutationTarget } from '../store/cluster.ts';
import type { Store } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';

export interface RetentionRule {
  readonly orgId: string;
  readonly index: string;
  readonly days: number;
}

/** The rules of one tenant, or of all when `orgId` is undefined. `days = 0` rows are removed rules. */
export async function retentionRules(store: Store, orgId?: string): Promise<RetentionRule[]> {
  const r = await store.query({
    sql: `SELECT org_id, \`index\`, days FROM index_retention FINAL
          WHERE days > 0 AND ({all:Bool} OR org_id = {o:String})
          ORDER BY org_id, \`index\``,
    params: { all: orgId === undefined, o: orgId ?? '' },
  });
  return r.rows.map(([o, i, d]) => ({ orgId: String(o), index: String(i), days: Number(d) }));
}

/** Sets (days > 0) or removes (days = 0) the rule of one index, then applies it at once. */
export async function setRetention(store: Store, rule: RetentionRule): Promise<void> {
  await store.command(
    'INSERT INTO index_retention (org_id, `index`, days) VALUES ({o:String}, {i:String}, {d:UInt32})',
    { o: rule.orgId, i: rule.index, d: rule.days },
  );
  if (rule.days > 0) await applyRule(store, rule);
}

/** An index's rule holds for its events, its metric samples and the data model summaries of its events. */
async function applyRule(store: Store, rule: RetentionRule): Promise<void> {
  for (const [table, column] of [
    ['logs', '_time'],
    ['metrics', 'timestamp'],
    ['datamodel_summaries', '_time'],
  ] as const) {
    await store.command(
      `DELETE FROM ${mutationTarget(table, store.cluster)} WHERE org_id = {o:String} AND \`index\` = {i:String}
       AND ${column} < now64(3) - toIntervalDay({d:UInt32})`,
      { o: rule.orgId, i: rule.index, d: rule.days },
    );
  }
}

/** Applies every rule (run at startup and then periodically by main.ts). Returns the rules applied. */
export async function applyRetention(store: Store, logger: Logger = silentLogger): Promise<number> {
  const rules = await retentionRules(store);
  for (const rule of rules) {
    try {
      await applyRule(store, rule);
    } catch (err) {
      logger.warn('retention: could not apply a rule', { ...rule, err });
    }
  }
  return rules.length;
}
