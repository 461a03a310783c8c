// Data model acceleration: keeps the summary of every data model a tenant accelerates (datamodels.conf
// `acceleration = true`, or the model JSON's `acceleration.enabled`), which `tstats summariesonly=t` reads.
//
// As Splunk's summaries, these are built on a schedule, not at insert: every NEXUS_DATAMODEL_SUMMARY_INTERVAL
// each (tenant, model, dataset) adds the events indexed (`_indextime`) since its last build and up to a
// minute ago, whose `_time` is within `acceleration.earliest_time`. Building from the index time makes late
// events (an old `_time`, indexed now) land in the next build, and each event in exactly one build. A build
// is recorded as pending first; a build the process did not finish is removed (`built_to`) and run again.
// Insert cost stays that of `logs` alone, whatever the number of tenants and models. Builds run one at a
// time, on one engine thread each, bounded by the search time limit and a day of index time per statement.

import { acceleratedModels, compileSummaryBuild, knowledgeReadsLookups, resolveTime } from '@nexus/spl';
import type { KnowledgeObjects } from '@nexus/spl';
import { lookupCatalog } from '../lookups/service.ts';
import { mutationTarget } from '../store/cluster.ts';
import type { Store } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';

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
}

export interface BuildReport {
  /** Build statements run (one per dataset and window). */
  readonly builds: number;
  /** Summaries removed because their model is no longer accelerated. */
  readonly dropped: number;
  readonly failures: number;
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
        'SELECT org_id, model, dataset, built_to, pending_to, earliest FROM datamodel_summary_state FINAL ' +
        'WHERE ({all:Bool} OR org_id = {org:String}) ORDER BY org_id, model, dataset',
      params: { all: orgId === undefined, org: orgId ?? '' },
    });
    return r.rows.map(([o, m, d, b, p, e]) => ({
      orgId: String(o),
      model: String(m),
      dataset: String(d),
      builtTo: Number(b),
      pendingTo: Number(p),
      earliest: String(e),
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
          if (r.builds > 0 || r.dropped > 0 || r.failures > 0)
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
    const report = { builds: 0, dropped: 0, failures: 0 };
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
      // A model no longer accelerated (or removed): its summary goes.
      for (const s of mine) {
        const model = wanted.find((w) => w.acceleration.model === s.model);
        if (model?.datasets.includes(s.dataset)) continue;
        await this.drop(s);
        report.dropped++;
      }
      for (const { acceleration, datasets } of wanted) {
        for (const dataset of datasets) {
          const state = mine.find((s) => s.model === acceleration.model && s.dataset === dataset);
          try {
            report.builds += await this.build(
              orgId,
              knowledge,
              acceleration.model,
              dataset,
              acceleration.earliest ?? '',
              state,
            );
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

  /** Adds every event indexed since the last build, in windows of at most `windowMs`; returns the builds run. */
  private async build(
    orgId: string,
    knowledge: KnowledgeObjects,
    model: string,
    dataset: string,
    earliest: string,
    state: SummaryState | undefined,
  ): Promise<number> {
    const key = { orgId, model, dataset };
    let builtTo = state?.builtTo ?? 0;
    // A changed earliest_time starts the summary over, as Splunk rebuilds it.
    if (state && state.earliest !== earliest) {
      await this.removeRows(key);
      builtTo = 0;
    } else if (state && state.pendingTo > state.builtTo) {
      // Rows of builds after the last one recorded (the one the process did not finish) go.
      await this.removeRows(key, state.builtTo);
    }
    const nowMs = this.now();
    const until = nowMs - this.lagMs;
    let builds = 0;
    // The first build covers every event indexed so far; later ones the windows since.
    let from = builtTo === 0 ? await this.firstIndexed(orgId) : builtTo;
    if (from === undefined) {
      await this.record(key, until, until, earliest);
      return 0;
    }
    const since = earliest === '' ? null : resolveTime(earliest, nowMs);
    const earliestMs = since === null ? null : since.ok ? since.epochMs : null;
    // Every event was indexed within the last minute: nothing to build yet, but the summary is known.
    if (state === undefined && from >= until) await this.record(key, 0, 0, earliest);
    // A Lookup calculation (or an automatic lookup) reads the tenant's lookup tables.
    const lookups = knowledgeReadsLookups(knowledge)
      ? await lookupCatalog(this.opts.store, orgId)
      : undefined;
    while (from < until) {
      const to = Math.min(until, from + this.windowMs);
      await this.record(key, builtTo, to, earliest);
      const sql = compileSummaryBuild(model, dataset, {
        orgId,
        earliestMs,
        latestMs: null,
        nowMs,
        knowledge,
        ...(lookups ? { lookups } : {}),
        indexTime: { earliestMs: builtTo === 0 ? null : from, latestMs: to },
        // A background build takes one core at most, leaving the others to searches.
        settings: { max_execution_time: this.opts.maxExecutionSeconds, max_threads: 1 },
        build: to,
      });
      if (!sql.ok) throw new Error(sql.errors.map((e) => e.message).join('; '));
      await this.opts.store.command(sql.sql, sql.params);
      await this.record(key, to, to, earliest);
      builtTo = to;
      from = to;
      builds++;
    }
    return builds;
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

  private async record(
    key: { orgId: string; model: string; dataset: string },
    builtTo: number,
    pendingTo: number,
    earliest: string,
  ): Promise<void> {
    await this.opts.store.insertRows('datamodel_summary_state', [
      {
        org_id: key.orgId,
        model: key.model,
        dataset: key.dataset,
        built_to: builtTo,
        pending_to: pendingTo,
        earliest,
        updated_at: this.now(),
      },
    ]);
  }

  /** Removes a dataset's summary rows: all, or those of builds after the one ending at `builtTo`. */
  private async removeRows(
    key: { orgId: string; model: string; dataset: string },
    builtTo?: number,
  ): Promise<void> {
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
    await this.removeRows(s);
    await this.opts.store.command(
      `DELETE FROM ${mutationTarget('datamodel_summary_state', this.opts.store.cluster)} ` +
        'WHERE org_id = {org:String} AND model = {model:String} AND dataset = {dataset:String}',
      { org: s.orgId, model: s.model, dataset: s.dataset },
    );
  }
}
