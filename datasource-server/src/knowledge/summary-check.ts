// The check of a data model summary's view: what it added at insert against the dataset's events, since
// inserts into `logs` ignore a view that fails (store.ts). Used by each round of the summarizer (acceleration.ts).

import { compileSummaryCheck, quoteIdent } from '@nexus/spl';
import type { KnowledgeObjects, LookupCatalog } from '@nexus/spl';
import type { Store } from '../store/types.ts';
import type { SummaryKey } from './acceleration.ts';

export interface CheckWindow {
  /** The first index time checked (ms): the view's start, or where the last check ended. */
  readonly fromMs: number;
  /** The check ends here at most (ms), rounded down to a whole second (summary rows keep seconds). */
  readonly toMs: number;
  readonly nowMs: number;
  readonly maxExecutionSeconds: number;
}

/**
 * Counts the tenant's events of the dataset indexed in the window and the rows its view added for them (one
 * statement, `compileSummaryCheck`). Returns undefined when the window is empty, its end when the counts
 * agree, else why they do not: the counts and, when the engine still has it, its last error in the view.
 *
 * @example await checkSummary(store, key, { own: summaryViewName(key), tenant }, { orgId: 'acme', knowledge }, window)
 *   // 1765140000000, or { error: 'the view added 0 rows for the 2 events indexed from … to …; …' }
 */
export async function checkSummary(
  store: Store,
  key: SummaryKey,
  /**
   * The dataset's view (`summaryViewName`) and every view of the tenant (name → `Model.Dataset`): the
   * engine's errors name the view they happened in.
   */
  views: { readonly own: string; readonly tenant: ReadonlyMap<string, string> },
  base: { readonly orgId: string; readonly knowledge: KnowledgeObjects; readonly lookups?: LookupCatalog },
  window: CheckWindow,
): Promise<number | { error: string } | undefined> {
  const from = window.fromMs;
  const to = Math.floor(window.toMs / 1000) * 1000;
  if (to <= from) return undefined;
  const sql = compileSummaryCheck(key.model, key.dataset, {
    ...base,
    earliestMs: null,
    latestMs: null,
    nowMs: window.nowMs,
    indexTime: { earliestMs: from, latestMs: to },
    // A background check takes one core at most, as the builds.
    settings: { max_execution_time: window.maxExecutionSeconds, max_threads: 1 },
  });
  if (!sql.ok) throw new Error(sql.errors.map((e) => e.message).join('; '));
  const r = await store.query({ sql: sql.sql, params: sql.params });
  const [events, summarized] = (r.rows[0] ?? []).map(Number);
  if (events === summarized) return to;
  const range = `${new Date(from).toISOString()} to ${new Date(to).toISOString()}`;
  const found = `the view added ${String(summarized)} rows for the ${String(events)} events indexed from ${range}`;
  const cause = await viewError(store, views, from);
  return { error: cause === undefined ? found : `${found}; the engine's last error in ${cause}` };
}

/**
 * The engine's last error in the dataset's view since `sinceMs`, or else in another view of the same tenant
 * (an insert that failed one view of a tenant often fails its others the same way, and the engine keeps
 * one message per error code), or undefined when it has none: overwritten since by another error of the
 * same code, or not readable (a server may refuse the read). Only views of this tenant are matched (their
 * names are all as long, so none is the start of another). Only the
 * message's head is kept: what follows it quotes the view's expressions.
 */
async function viewError(
  store: Store,
  views: { readonly own: string; readonly tenant: ReadonlyMap<string, string> },
  sinceMs: number,
): Promise<string | undefined> {
  const names = [...new Set([views.own, ...views.tenant.keys()])];
  try {
    const r = await store.query({
      sql:
        "SELECT name, last_error_message, arrayFirst(v -> position(last_error_message, concat('while pushing to view ', currentDatabase(), '.', v)) > 0, {views:Array(String)}) AS view " +
        `FROM ${errorsTable(store.cluster)} WHERE view != '' ` +
        'AND last_error_time >= toDateTime(intDiv({since:UInt64}, 1000)) ORDER BY view = {own:String} DESC, last_error_time DESC LIMIT 1',
      params: { views: names, own: views.own, since: sinceMs },
    });
    const [name, message, view] = r.rows[0] ?? [];
    if (name === undefined) return undefined;
    const head = String(message).split(/: while (?:executing|pushing to view) /)[0] ?? '';
    const where = view === views.own ? 'the view' : `the view of ${views.tenant.get(String(view)) ?? ''}`;
    return `${where}: ${String(name)}: ${head.slice(0, 300)}`;
  } catch {
    return undefined;
  }
}

/**
 * Where the engine keeps its errors: `system.errors` of the server; on a cluster, of every host (a view
 * fails on the replica its shard's insert reached, which need not be the one running the round).
 *
 * @example errorsTable('c') // => 'clusterAllReplicas(`c`, system.errors)'
 */
export function errorsTable(cluster: string | undefined): string {
  return cluster === undefined
    ? 'system.errors'
    : `clusterAllReplicas(${quoteIdent(cluster)}, system.errors)`;
}
