// Where `tstats … from datamodel=` reads an accelerated dataset from: its summary, the events, or both
// (Search Reference, "tstats": `summariesonly`, `allow_old_summaries`).

import { summaryDefinition } from '../acceleration.ts';
import type { ModelAcceleration, SummaryCoverage } from '../acceleration.ts';
import type { TimeRange } from '../analyse/index.ts';
import type { DataModel, Dataset } from '../datamodels/types.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { lit } from '../ir/types.ts';
import type { MsRange, Scan } from '../ir/types.ts';
import { resolveTime } from '../time.ts';
import { datasetChain, tenantEvents } from './datamodel.ts';
import { tenantScan } from './helpers.ts';
import type { PlanOptions, State } from './index.ts';
import { Scope } from './scope.ts';
import type { SearchContext } from './search.ts';

/** The summary rows of the dataset in `range` (only those of recorded builds when `builtTo` is given). */
function summaryRows(
  options: PlanOptions,
  range: TimeRange,
  model: string,
  dataset: string,
  builtTo?: number,
): State {
  const scan: Scan = {
    ...tenantScan(options, range),
    table: 'datamodel_summaries',
    summary: { model, dataset, ...(builtTo === undefined ? {} : { builtTo }) },
  };
  return { rel: scan, scope: Scope.rawEvents() };
}

/** The intersection of two `[earliest, latest)` ranges, or undefined when it is empty. */
function intersect(a: TimeRange, b: MsRange): TimeRange | undefined {
  const earliestMs =
    a.earliestMs === null
      ? b.earliestMs
      : b.earliestMs === null
        ? a.earliestMs
        : Math.max(a.earliestMs, b.earliestMs);
  const latestMs =
    a.latestMs === null ? b.latestMs : b.latestMs === null ? a.latestMs : Math.min(a.latestMs, b.latestMs);
  return earliestMs !== null && latestMs !== null && earliestMs >= latestMs
    ? undefined
    : { earliestMs, latestMs };
}

/**
 * The parts an accelerated dataset is read from (their rows one after the other, each with the dataset's
 * constraints and calculations applied; `tstats` computes its `<Dataset>.<field>` names on each, then
 * unites them), or undefined when the events are read (a summary that may not be used):
 *
 * - `summariesonly=t`: the summary alone, as Splunk. Without a current summary (none built yet, or built from
 *   an older definition and `allow_old_summaries=f`) no row.
 * - `summariesonly=f` (Splunk's default) with a summary that may be used: one union of the summary's rows
 *   in its range and the dataset's events the summary does not cover: indexed between the backfill's end
 *   (`builtTo`) and the view's start (`liveFrom`), or older than `acceleration.earliest_time`. Each event is
 *   in exactly one part, so the result is the events' result. A summary found to miss events (its view
 *   failed at insert: `incomplete`) is not used: the events are read, as without a summary.
 *
 * When the service gave no coverage (`options.summaries` absent: compiling without a service), only
 * `summariesonly=t` reads the summary.
 */
export function summarySource(
  opts: {
    readonly model: DataModel;
    readonly chain: readonly Dataset[];
    readonly acceleration: ModelAcceleration;
    readonly onlySummaries: boolean;
    readonly allowOld: boolean;
  },
  options: PlanOptions,
  range: TimeRange,
  at: Span,
  subsearch: SearchContext['subsearch'],
  errors: Diagnostic[],
): readonly State[] | undefined {
  const leaf = opts.chain[opts.chain.length - 1];
  if (!leaf) return undefined;
  const model = opts.model.name;
  const dataset = leaf.name;
  if (options.summaries === undefined)
    return opts.onlySummaries ? [summaryRows(options, range, model, dataset)] : undefined;
  const coverage: SummaryCoverage | undefined = options.summaries.find(
    (s) => s.model === model && s.dataset === dataset,
  );
  const earliest = opts.acceleration.earliest ?? '';
  const current =
    coverage !== undefined &&
    coverage.definition ===
      summaryDefinition(
        model,
        dataset,
        {
          orgId: options.orgId,
          ...(options.knowledge ? { knowledge: options.knowledge } : {}),
          ...(options.lookups ? { lookups: options.lookups } : {}),
          ...(options.datamodels ? { datamodels: options.datamodels } : {}),
        },
        earliest,
      );
  const usable = coverage !== undefined && (current || opts.allowOld);
  if (opts.onlySummaries) {
    const rows = summaryRows(options, range, model, dataset, coverage?.builtTo);
    if (usable) return [rows];
    // No summary that may be used: no row (a filter that is always false keeps the columns).
    return [{ rel: { kind: 'filter', input: rows.rel, predicate: lit(false, at) }, scope: rows.scope }];
  }
  // A summary that misses events (its view failed at insert): the events are read until it is rebuilt.
  if (!usable || coverage.incomplete === true) return undefined;
  // The summary's range: from its earliest_time (resolved now, in UTC as the backfill resolved it, so never
  // before the backfill's own bound; a row older than that is in the summary only when it arrived through
  // the view) on. Older events are read raw.
  const since = earliest === '' ? undefined : resolveTime(earliest, options.nowMs);
  const boundary = since?.ok ? since.epochMs : null;
  const parts: State[] = [];
  const summarized = intersect(range, { earliestMs: boundary, latestMs: null });
  if (summarized) parts.push(summaryRows(options, summarized, model, dataset, coverage.builtTo));
  const raw = (r: TimeRange, indexTime?: MsRange): State => {
    const events = tenantEvents({ ...options, ...(indexTime ? { indexTime } : {}) }, r, at, errors);
    return datasetChain(events, opts.chain, options, at, subsearch, errors);
  };
  // Indexed after the backfill's end and before the view's start (all after the last build, without a view).
  const gap: MsRange = {
    earliestMs: coverage.builtTo > 0 ? coverage.builtTo : null,
    latestMs: coverage.liveFrom > 0 ? coverage.liveFrom : null,
  };
  const gapEmpty = gap.earliestMs !== null && gap.latestMs !== null && gap.earliestMs >= gap.latestMs;
  if (summarized && !gapEmpty) parts.push(raw(summarized, gap));
  const older = boundary === null ? undefined : intersect(range, { earliestMs: null, latestMs: boundary });
  if (older) parts.push(raw(older));
  // An empty range: the summary's (empty) rows keep the shape.
  return parts.length > 0 ? parts : [summaryRows(options, range, model, dataset, coverage.builtTo)];
}
