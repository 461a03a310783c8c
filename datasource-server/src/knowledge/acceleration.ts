// Data model acceleration: keeps the summary of every data model a tenant accelerates (datamodels.conf
// `acceleration = true`, or the model JSON's `acceleration.enabled`), which `tstats` reads.
//
// Maintained at insert: per (tenant, model, dataset) a ClickHouse materialized view writes the dataset's events
// of that tenant into `datamodel_summaries` on every insert into `logs` (`compileSummaryView`), from the
// `_indextime` it was created for (`live_from`, a lag after creation, so that an insert already under way
// when the view appeared is left to the backfill). A one-time backfill adds the events indexed before that,
// in windows of index time (`built_to` records how far it got), so the summary covers every event indexed
// before `built_to` and from `live_from` on; `tstats summariesonly=f` reads the events in between raw.
// The inserts into `logs` ignore a view's failure (`materialized_views_ignore_errors`, store.ts): a bad
// view never refuses ingested events. A summary whose definition (knowledge objects, constraints,
// calculations, earliest_time) changed is rebuilt by the next round: view dropped, rows removed, new view,
// backfill again; until then `allow_old_summaries=f` reads the events.
// A view that fails at insert is not seen by the insert, so each round checks what the views added: over the
// index time since the last check (a closed window: a lag behind now, a day at most), the dataset's events in
// `logs` against the view's rows in the summary (`compileSummaryCheck`, one statement per dataset, the
// tenant's rows only). Fewer rows: the summary misses events. Its state records why (`error`, with the
// engine's last error in that view when `system.errors` still has it), a warning is logged, `tstats
// summariesonly=f` reads the dataset's events instead of it, the admin API shows it incomplete, and the next
// round rebuilds it (view, rows, backfill) as for a changed definition.
// In cluster mode (CLICKHOUSE_CLUSTER) the view is created, dropped and rebuilt `ON CLUSTER`: on every host it
// is triggered by `logs_local` (where an insert into the Distributed `logs` lands: the tenant's shard, by
// `cityHash64(org_id)`) and writes `datamodel_summaries_local`, sharded the same way, so a tenant's summary
// rows stay on its shard; the row that reaches one replica is replicated, never summarized twice. A lookup
// the dataset applies is read through its Distributed tables (on every host). The backfill inserts into
// the Distributed `datamodel_summaries` from the Distributed `logs`, rows are removed from the local tables
// ON CLUSTER, and the check counts through the Distributed tables (the tenant's events and its view's rows
// are on one shard, whichever host runs the round), with the engine's errors of every host.
// Builds run one at a time, on one engine thread each, bounded by the search time limit and a day of index
// time per statement.

import { createHash } from 'node:crypto';
import {
  acceleratedModels,
  compileSummaryBuild,
  compileSummaryView,
  knowledgeReadsLookups,
  quoteIdent,
  resolveTime,
  SUMMARY_TABLE,
  summaryDefinition,
} from '@nexus/spl';
import type { KnowledgeObjects, LookupCatalog, SummaryCluster, SummaryCoverage } from '@nexus/spl';
import { lookupCatalog } from '../lookups/service.ts';
import { dataTable, mutationTarget } from '../store/cluster.ts';
import type { Store } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import { checkSummary } from './summary-check.ts';

export interface SummarizerOptions {
  readonly store: Store;
  /** A tenant's knowledge objects (the knowledge service's cached reader). */
  readonly knowledge: (orgId: string) => Promise<KnowledgeObjects>;
  /** Seconds each build statement may run (`max_execution_time`). */
  readonly maxExecutionSeconds: number;
  /** Events indexed less than this long ago wait for the next build (rows still being committed). */
  readonly lagMs?: number;
  /** The `_indextime` span one build statement covers at most (a backfill runs as several). */
  readonly windowMs?: number;
  readonly logger?: Logger;
  readonly now?: () => number;
}

export interface SummaryState {
  readonly orgId: string;
  readonly model: string;
  readonly dataset: string;
  /** Every event indexed before this (ms since the epoch) is in the summary. */
  readonly builtTo: number;
  readonly pendingTo: number;
  readonly earliest: string;
  /** The view adds every event indexed at or after this (ms); 0: no view. */
  readonly liveFrom: number;
  /** What the summary was built from (`summaryDefinition`). */
  readonly definition: string;
  /** The view's rows are checked against the events indexed before this (ms; 0: not yet). */
  readonly checkedTo: number;
  /** Why the summary misses events (empty: none found missing); the next round rebuilds it. */
  readonly error: string;
  /** When that was found (ms; 0: never). */
  readonly failedAt: number;
}

export interface BuildReport {
  /** Build statements run (one per dataset and window). */
  readonly builds: number;
  /** Summaries removed because their model is no longer accelerated. */
  readonly dropped: number;
  readonly failures: number;
  /** Summaries found missing events their view did not add (rebuilt by the next round). */
  readonly incomplete: number;
}

const DEFAULT_LAG_MS = 60_000;
const DEFAULT_WINDOW_MS = 86_400_000;

export class DataModelSummarizer {
  private readonly lagMs: number;
  private readonly windowMs: number;
  private readonly logger: Logger;
  private readonly now: () => number;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly waiting = new Map<string, Promise<BuildReport>>();

  constructor(private readonly opts: SummarizerOptions) {
    this.lagMs = opts.lagMs ?? DEFAULT_LAG_MS;
    this.windowMs = opts.windowMs ?? DEFAULT_WINDOW_MS;
    this.logger = opts.logger ?? silentLogger;
    this.now = opts.now ?? Date.now;
  }

  /** The summaries' state, of one tenant or of all. */
  async states(orgId?: string): Promise<SummaryState[]> {
    const r = await this.opts.store.query({
      sql:
        'SELECT org_id, model, dataset, built_to, pending_to, earliest, live_from, definition, ' +
        'checked_to, error, failed_at ' +
        'FROM datamodel_summary_state FINAL ' +
        'WHERE ({all:Bool} OR org_id = {org:String}) ORDER BY org_id, model, dataset',
      params: { all: orgId === undefined, org: orgId ?? '' },
    });
    return r.rows.map(([o, m, d, b, p, e, l, def, c, err, f]) => ({
      orgId: String(o),
      model: String(m),
      dataset: String(d),
      builtTo: Number(b),
      pendingTo: Number(p),
      earliest: String(e),
      liveFrom: Number(l),
      definition: String(def),
      checkedTo: Number(c),
      error: String(err),
      failedAt: Number(f),
    }));
  }

  /** The rows of a tenant's summaries, by `model.dataset`. */
  async rows(orgId: string): Promise<Map<string, number>> {
    const r = await this.opts.store.query({
      sql:
        'SELECT model, dataset, count() FROM datamodel_summaries WHERE org_id = {org:String} ' +
        'GROUP BY model, dataset',
      params: { org: orgId },
    });
    return new Map(r.rows.map(([m, d, n]) => [`${String(m)}.${String(d)}`, Number(n)]));
  }

  /**
   * One round over every tenant (or over `orgId`'s models only); a round of the same scope still waiting to
   * start is joined, not queued twice.
   */
  run(orgId?: string): Promise<BuildReport> {
    const key = orgId ?? '*';
    const waiting = this.waiting.get(key);
    if (waiting) return waiting;
    // Rounds run one after another, so no two build the same summary at once.
    const next = this.queue.then(() => {
      this.waiting.delete(key);
      return this.round(orgId);
    });
    this.waiting.set(key, next);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Runs a round every `intervalMs`; returns the function that stops it. */
  schedule(intervalMs: number): () => void {
    const tick = (): void => {
      this.run().then(
        (r) => {
          if (r.builds > 0 || r.dropped > 0 || r.failures > 0 || r.incomplete > 0)
            this.logger.info('data model summaries', { ...r });
        },
        (err: unknown) => this.logger.warn('data model summaries: the round failed', { error: String(err) }),
      );
    };
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    tick();
    return () => clearInterval(timer);
  }

  private async round(orgId?: string): Promise<BuildReport> {
    const report = { builds: 0, dropped: 0, failures: 0, incomplete: 0 };
    const states = await this.states(orgId);
    const orgs =
      orgId === undefined
        ? await this.opts.store.query({
            sql: 'SELECT DISTINCT org_id FROM knowledge_objects ORDER BY org_id',
            params: {},
          })
        : { rows: [[orgId]] };
    const tenants = new Set([...orgs.rows.map(([o]) => String(o)), ...states.map((s) => s.orgId)]);
    for (const orgId of tenants) {
      const knowledge = await this.opts.knowledge(orgId);
      const wanted = acceleratedModels(knowledge);
      const mine = states.filter((s) => s.orgId === orgId);
      // A model no longer accelerated (or removed): its view and summary go.
      for (const s of mine) {
        const model = wanted.find((w) => w.acceleration.model === s.model);
        if (model?.datasets.includes(s.dataset)) continue;
        await this.drop(s);
        report.dropped++;
      }
      // A Lookup calculation (or an automatic lookup) reads the tenant's lookup tables.
      const lookups =
        wanted.length > 0 && knowledgeReadsLookups(knowledge)
          ? await lookupCatalog(this.opts.store, orgId)
          : undefined;
      // The tenant's views by name: the engine's error for one dataset's view may name another's (one
      // message kept per error code), which still tells why.
      const views = new Map(
        wanted.flatMap(({ acceleration, datasets }) =>
          datasets.map((d): [string, string] => [
            summaryViewName({ orgId, model: acceleration.model, dataset: d }),
            `${acceleration.model}.${d}`,
          ]),
        ),
      );
      for (const { acceleration, datasets } of wanted) {
        for (const dataset of datasets) {
          const state = mine.find((s) => s.model === acceleration.model && s.dataset === dataset);
          try {
            const done = await this.maintain(
              { orgId, model: acceleration.model, dataset },
              knowledge,
              lookups,
              acceleration.earliest ?? '',
              state,
              views,
            );
            report.builds += done.builds;
            if (done.incomplete) report.incomplete++;
          } catch (err) {
            report.failures++;
            this.logger.warn('data model summaries: a build failed', {
              org: orgId,
              model: acceleration.model,
              dataset,
              error: String(err),
            });
          }
        }
      }
    }
    return report;
  }

  /**
   * Keeps one dataset's summary: (re)creates its view when it has none, its definition changed or it was
   * found missing events (rows removed first), then backfills the events indexed before the view, or,
   * without a view, every event indexed since the last build, in windows of at most `windowMs`; then checks
   * the view's rows since the last check. Returns the builds run, and whether the check found rows missing.
   */
  private async maintain(
    key: SummaryKey,
    knowledge: KnowledgeObjects,
    lookups: LookupCatalog | undefined,
    earliest: string,
    state: SummaryState | undefined,
    views: ReadonlyMap<string, string>,
  ): Promise<{ builds: number; incomplete: boolean }> {
    const base = { orgId: key.orgId, knowledge, ...(lookups ? { lookups } : {}) };
    const definition = summaryDefinition(key.model, key.dataset, base, earliest);
    if (definition === undefined) throw new Error(`${key.model}.${key.dataset} does not compile`);
    const view = summaryViewName(key);
    const stale =
      state === undefined ||
      state.definition !== definition ||
      state.error !== '' ||
      state.liveFrom === 0 ||
      !(await this.viewExists(view));
    let builtTo = state?.builtTo ?? 0;
    let liveFrom = state?.liveFrom ?? 0;
    let checkedTo = state?.checkedTo ?? 0;
    const nowMs = this.now();
    if (stale) {
      if (state !== undefined && state.error !== '')
        this.logger.info('data model summaries: rebuilding a summary that missed events', {
          org: key.orgId,
          model: key.model,
          dataset: key.dataset,
        });
      // Start over: no row of another definition (or of a view that went missing or failed) stays.
      await this.dropView(view);
      await this.removeRows(key);
      builtTo = 0;
      checkedTo = 0;
      // The view takes the events indexed from a lag after now: an insert already under way when it
      // appears (its `_indextime` set, the view not yet among the table's) is the backfill's.
      liveFrom = nowMs + this.lagMs;
      // Recorded before the view exists: a process stopped in between leaves a state without a view,
      // which the next round starts over.
      await this.record(key, { ...fresh, builtTo: 0, pendingTo: 0, earliest, liveFrom, definition });
      const ddl = compileSummaryView(key.model, key.dataset, {
        ...base,
        earliestMs: null,
        latestMs: null,
        nowMs: 0,
        view,
        liveFromMs: liveFrom,
        ...summaryCluster(this.opts.store.cluster),
      });
      try {
        if (!ddl.ok) throw new Error(ddl.errors.map((e) => e.message).join('; '));
        await this.opts.store.command(ddl.sql, ddl.params);
      } catch (err) {
        // No view (or not on every host: ON CLUSTER fails when one host fails or does not answer in
        // time): searches must not count on one (summariesonly=f reads every event since `built_to` raw);
        // the next round starts over, dropping what was created.
        await this.record(key, { ...fresh, builtTo: 0, pendingTo: 0, earliest, liveFrom: 0, definition });
        throw err;
      }
    } else if (state.pendingTo > state.builtTo) {
      // Rows of a build after the last one recorded (the one the process did not finish) go.
      await this.removeRows(key, state.builtTo);
    }
    const record = (b: number, p: number): Promise<void> =>
      this.record(key, { ...fresh, builtTo: b, pendingTo: p, earliest, liveFrom, definition, checkedTo });
    // With a view, the backfill ends where the view starts, once every insert before that is committed.
    const until = Math.min(nowMs - this.lagMs, liveFrom > 0 ? liveFrom : Infinity);
    let builds = 0;
    // The first build covers every event indexed so far; later ones the windows since.
    let from = builtTo === 0 ? await this.firstIndexed(key.orgId) : builtTo;
    if (from === undefined) {
      if (until > builtTo) await record(until, until);
    } else {
      const since = earliest === '' ? null : resolveTime(earliest, nowMs);
      const earliestMs = since === null ? null : since.ok ? since.epochMs : null;
      while (from < until) {
        const to = Math.min(until, from + this.windowMs);
        await record(builtTo, to);
        const sql = compileSummaryBuild(key.model, key.dataset, {
          ...base,
          earliestMs,
          latestMs: null,
          nowMs,
          indexTime: { earliestMs: builtTo === 0 ? null : from, latestMs: to },
          // A background build takes one core at most, leaving the others to searches.
          settings: { max_execution_time: this.opts.maxExecutionSeconds, max_threads: 1 },
          build: to,
        });
        if (!sql.ok) throw new Error(sql.errors.map((e) => e.message).join('; '));
        await this.opts.store.command(sql.sql, sql.params);
        await record(to, to);
        builtTo = to;
        from = to;
        builds++;
      }
    }
    if (liveFrom === 0) return { builds, incomplete: false };
    const missing = await checkSummary(this.opts.store, key, { own: view, tenant: views }, base, {
      fromMs: Math.max(liveFrom, checkedTo),
      toMs: Math.min(nowMs - this.lagMs, Math.max(liveFrom, checkedTo) + this.windowMs),
      nowMs,
      maxExecutionSeconds: this.opts.maxExecutionSeconds,
    });
    if (missing === undefined) return { builds, incomplete: false };
    if (typeof missing === 'number') {
      checkedTo = missing;
      await record(builtTo, builtTo);
      return { builds, incomplete: false };
    }
    this.logger.warn('data model summaries: a summary misses events its view did not add', {
      org: key.orgId,
      model: key.model,
      dataset: key.dataset,
      error: missing.error,
    });
    await this.record(key, {
      builtTo,
      pendingTo: builtTo,
      earliest,
      liveFrom,
      definition,
      checkedTo,
      error: missing.error,
      failedAt: nowMs,
    });
    return { builds, incomplete: true };
  }

  /** The earliest `_indextime` of the tenant's events (ms), or undefined when it has none. */
  private async firstIndexed(orgId: string): Promise<number | undefined> {
    const r = await this.opts.store.query({
      sql: 'SELECT toUnixTimestamp64Milli(min(_indextime)), count() FROM logs WHERE org_id = {org:String}',
      params: { org: orgId },
    });
    const [min, count] = r.rows[0] ?? [];
    return Number(count) > 0 ? Number(min) : undefined;
  }

  /**
   * Whether the view exists on the host the store talks to. On a cluster, the view was created ON CLUSTER,
   * which fails unless every host created it; one dropped on another host since is found by the check.
   */
  private async viewExists(view: string): Promise<boolean> {
    const r = await this.opts.store.query({
      sql: 'SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = {view:String}',
      params: { view },
    });
    return Number(r.rows[0]?.[0]) > 0;
  }

  private async dropView(view: string): Promise<void> {
    await this.opts.store.command(`${dropViewStatement(view, this.opts.store.cluster)} SYNC`);
  }

  private async record(key: SummaryKey, s: Omit<SummaryState, 'orgId' | 'model' | 'dataset'>): Promise<void> {
    await this.opts.store.insertRows('datamodel_summary_state', [
      {
        org_id: key.orgId,
        model: key.model,
        dataset: key.dataset,
        built_to: s.builtTo,
        pending_to: s.pendingTo,
        earliest: s.earliest,
        live_from: s.liveFrom,
        definition: s.definition,
        checked_to: s.checkedTo,
        error: s.error,
        failed_at: s.failedAt,
        updated_at: this.now(),
      },
    ]);
  }

  /** Removes a dataset's summary rows: all, or those of builds after the one ending at `builtTo`. */
  private async removeRows(key: SummaryKey, builtTo?: number): Promise<void> {
    await this.opts.store.command(
      `DELETE FROM ${mutationTarget('datamodel_summaries', this.opts.store.cluster)} ` +
        'WHERE org_id = {org:String} AND model = {model:String} AND dataset = {dataset:String} ' +
        'AND ({all:Bool} OR built_to > {built:UInt64})',
      {
        org: key.orgId,
        model: key.model,
        dataset: key.dataset,
        all: builtTo === undefined,
        built: builtTo ?? 0,
      },
    );
  }

  private async drop(s: SummaryState): Promise<void> {
    // The view first: no row is added after the rows are removed.
    await this.dropView(summaryViewName(s));
    await this.removeRows(s);
    await this.opts.store.command(
      `DELETE FROM ${mutationTarget('datamodel_summary_state', this.opts.store.cluster)} ` +
        'WHERE org_id = {org:String} AND model = {model:String} AND dataset = {dataset:String}',
      { org: s.orgId, model: s.model, dataset: s.dataset },
    );
  }
}

/**
 * The view's place on a cluster (`compileSummaryView`'s `cluster`): every host, between the shard-local
 * tables; nothing on one server.
 *
 * @example summaryCluster('c') // => { cluster: { name: 'c', logs: 'logs_local', summaries: 'datamodel_summaries_local' } }
 */
export function summaryCluster(cluster: string | undefined): { cluster?: SummaryCluster } {
  return cluster === undefined
    ? {}
    : {
        cluster: {
          name: cluster,
          logs: dataTable('logs', cluster),
          summaries: dataTable(SUMMARY_TABLE, cluster),
        },
      };
}

/**
 * `DROP VIEW IF EXISTS v` (`ON CLUSTER c` on a cluster: the view is on every host).
 *
 * @example dropViewStatement('v1', 'c') // => 'DROP VIEW IF EXISTS `v1` ON CLUSTER `c`'
 */
export function dropViewStatement(view: string, cluster: string | undefined): string {
  const on = cluster === undefined ? '' : ` ON CLUSTER ${quoteIdent(cluster)}`;
  return `DROP VIEW IF EXISTS ${quoteIdent(view)}${on}`;
}

/** A summary's check state when it is (re)built: nothing checked, nothing missing. */
const fresh = { checkedTo: 0, error: '', failedAt: 0 } as const;

export interface SummaryKey {
  readonly orgId: string;
  readonly model: string;
  readonly dataset: string;
}

/**
 * The materialized view of one tenant's dataset: named by a hash of (org, model, dataset), so any org id or
 * model name gives a plain identifier, and two never share one.
 */
export function summaryViewName(key: SummaryKey): string {
  const hash = createHash('sha256').update(`${key.orgId}\0${key.model}\0${key.dataset}`).digest('hex');
  return `datamodel_summary_view_${hash.slice(0, 32)}`;
}

/**
 * How far each of the tenant's summaries reaches, for the compiler (`tstats summariesonly=f` reads the
 * summary plus the events it does not cover, or the events alone when it was found missing some;
 * `allow_old_summaries` compares the definitions).
 */
export async function summaryCoverage(store: Store, orgId: string): Promise<SummaryCoverage[]> {
  const r = await store.query({
    sql:
      "SELECT model, dataset, built_to, live_from, earliest, definition, error != '' " +
      'FROM datamodel_summary_state FINAL WHERE org_id = {org:String} ORDER BY model, dataset',
    params: { org: orgId },
  });
  return r.rows.map(([m, d, b, l, e, def, failed]) => ({
    model: String(m),
    dataset: String(d),
    builtTo: Number(b),
    liveFrom: Number(l),
    earliest: String(e),
    definition: String(def),
    // Found missing events: `summariesonly=f` reads the events until the next round rebuilds it.
    incomplete: Number(failed) === 1,
  }));
}
