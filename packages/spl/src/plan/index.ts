// The planner: a parsed pipeline becomes an IR relation, with the tenant and the time range applied.

import type { Command, Pipeline, TstatsCommand } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { FilledFields, MsRange, Rel, ScalarType } from '../ir/types.ts';
import { seriesColumn } from '../ir/types.ts';
import type { TimeRange } from '../analyse/index.ts';
import type { SummaryCoverage } from '../acceleration.ts';
import { commandNames, moduleOf } from '../commands/index.ts';
import { applyFormats } from '../commands/fieldformat.ts';
import type { PlanContext, SubsearchPlanner } from '../commands/types.ts';
import { notSupportedYet, unknownCommand } from '../commands/unsupported.ts';
import { extendedRange } from './append.ts';
import { exprContext, materializeFields, writeExtractedFields } from './helpers.ts';
import type { LookupOutput, LookupWrite } from './lookup.ts';
import { outputlookup, readsTable, writtenTable } from './lookup.ts';
import type { LookupCatalog } from '../lookups.ts';
import type { MetricStats } from '../ir/metrics.ts';
import { fieldPatternRegExp, mapPatterns, Scope } from './scope.ts';
import type { KnowledgeObjects } from '../knowledge/types.ts';
import type { DataModelRegistry } from '../datamodels/types.ts';
import type { ModelCatalog } from '../models.ts';
import type { ModelSave } from './density.ts';
import type { ModelDelete } from '../models.ts';
import type { ErexTraining, LearnedRegex } from './erex-learn.ts';
import type { SubsearchText } from './subsearch-text.ts';

export interface PlanOptions {
  /** The authenticated tenant: every scan is restricted to it. Never taken from the query text. */
  readonly orgId: string;
  /** Indexes the caller may read (from its identity); absent: every index of the org. */
  readonly indexes?: readonly string[];
  /** Each (sub)search's time range, from analysis: the request's, or the search's `earliest=`/`latest=`. */
  readonly ranges: ReadonlyMap<Pipeline, TimeRange>;
  /** The range of a `tstats append=t` whose `where` sets one (`earliest=`/`latest=`), from analysis. */
  readonly commandRanges?: ReadonlyMap<TstatsCommand, TimeRange>;
  /** The search's fixed `now()`. */
  readonly nowMs: number;
  /** Time zone for relative times with snapping (`@d`). Default UTC. */
  readonly timeZone?: string;
  /** The tenant's lookup tables and their columns; without it every lookup table is unknown. */
  readonly lookups?: LookupCatalog;
  /** The tenant's search-time knowledge objects (eventtypes, tags, field aliases, calculated fields, extractions). */
  readonly knowledge?: KnowledgeObjects;
  /** The data models `tstats … from datamodel=` can read (the CIM by default). */
  readonly datamodels?: DataModelRegistry;
  /** The search's id (the service's query id), for `addinfo`'s `info_sid`. */
  readonly searchId?: string;
  /** Only events indexed in this range (`_indextime`), on every scan: how a data model summary is built. */
  readonly indexTime?: MsRange;
  /** The tenant's saved Machine Learning Toolkit models (`apply`, `summary`); absent: none is known. */
  readonly models?: ModelCatalog;
  /**
   * How far the tenant's data model summaries reach (the service's record): with it, `tstats
   * summariesonly=f` over an accelerated model reads the summary plus the events it does not cover yet.
   */
  readonly summaries?: readonly SummaryCoverage[];
  /** The expressions the service learned for the search's `erex` commands (see `Plan.trainings`). */
  readonly learned?: readonly LearnedRegex[];
}

export interface Plan {
  readonly rel: Rel;
  /** The visible output columns, in order. */
  readonly columns: readonly { name: string; type: ScalarType }[];
  /** True when the output rows are raw events (no transforming command). */
  readonly events: boolean;
  /**
   * Raw events: structured fields the search removed (`fields - x`, `rename x AS y`), left out of the
   * events' fields when they are shown.
   */
  readonly removedFields?: readonly string[];
  /** Raw events: the structured fields one command (`fillnull`, `filldown`, `join`) fills in the events shown. */
  readonly filledFields?: FilledFields;
  /** The time range the scan uses, after `earliest=`/`latest=`. */
  readonly earliestMs: number | null;
  readonly latestMs: number | null;
  /** A final `outputlookup`: the service writes the results to this lookup table. */
  readonly output?: LookupOutput;
  /**
   * The other `outputlookup`s (in a subsearch, or followed by more commands), in the order they run: the
   * service runs each one's rows (`rel`) and writes them once the search has run, before `output`.
   */
  readonly writes?: readonly LookupWrite[];
  /** The models `fit … into` saves (the service runs each one's statement after the search). */
  readonly saves?: readonly ModelSave[];
  /** The models `| deletemodel` deletes (the service deletes them before it runs the search). */
  readonly deletes?: readonly ModelDelete[];
  /** The search starts with `mstats`: its metric IR, for the PromQL backend. */
  readonly metrics?: MetricStats;
  /**
   * The `erex` commands whose expression is not learned yet (none in `PlanOptions.learned`), in the order they
   * were planned: until each is learned, its field is null in `rel`, so the service learns them (the first
   * one's trainers come from a search without unlearned `erex`) and plans again before it runs the search.
   */
  readonly trainings?: readonly ErexTraining[];
  /**
   * The subsearches returning a `search` or `query` field, whose rows Splunk inserts as search text, in the
   * order they were planned (a nested one before the one holding it): until the service inserts each one's
   * text in the query and compiles again, it reads nothing.
   */
  readonly texts?: readonly SubsearchText[];
}

/** Where the search itself (never a subsearch) records the models it saves and deletes. */
interface ModelSink {
  readonly saves: ModelSave[];
  readonly deletes: ModelDelete[];
}

export interface State {
  rel: Rel;
  scope: Scope;
}

/**
 * Lowers a pipeline to IR. Problems become diagnostics; the plan is returned only when there are none.
 *
 * @example plan(parse('index=web status=500 | stats count by host').ast, { orgId: 'acme', … })
 *   // aggregate(filter(scan(logs, acme), index=web AND status=500), by host: count)
 */
export function plan(
  pipeline: Pipeline,
  text: string,
  options: PlanOptions,
): { plan?: Plan; errors: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const range = options.ranges.get(pipeline);
  if (!range) throw new Error('plan() needs the time range analysis computed for this pipeline');
  // The search's last `outputlookup` is planned here (the service writes the results); any other is the
  // command's own (a write of the rows it gets, see `Plan.writes`).
  const last = pipeline.commands[pipeline.commands.length - 1];
  const writes = last?.kind === 'outputlookup' && pipeline.commands.length > 1 ? last : undefined;
  const sink: ModelSink = { saves: [], deletes: [] };
  const { saves, deletes } = sink;
  const lookupWrites: LookupWrite[] = [];
  const trainings: ErexTraining[] = [];
  const texts: SubsearchText[] = [];
  const planned = planPipeline(
    pipeline,
    text,
    options,
    errors,
    { writes: lookupWrites, trainings, texts },
    writes ? 1 : 0,
    sink,
    writes ? 'kept' : 'shown',
  );
  // `fieldformat`: the display of the search's own results (not of the rows outputlookup writes).
  const state =
    planned && !writes
      ? applyFormats(planned, options)
      : planned && writes
        ? writtenTable(planned, writes.span, errors)
        : planned;
  const first = pipeline.commands[0];
  const metricsRel = firstRel(state?.rel);
  const output = state && writes ? outputlookup(writes, state, errors) : undefined;
  if (state) readsAfterWrite(state.rel, lookupWrites, errors);
  if (!state || errors.length > 0) return { errors };
  return {
    plan: {
      rel: state.rel,
      columns: state.scope.columns,
      events: state.scope.raw,
      ...(state.scope.raw ? { removedFields: removedStructuredFields(state) } : {}),
      ...(state.scope.raw && shownFill(state) ? { filledFields: shownFill(state) } : {}),
      earliestMs: range.earliestMs,
      latestMs: range.latestMs,
      ...(output ? { output } : {}),
      ...(lookupWrites.length > 0 ? { writes: lookupWrites } : {}),
      ...(saves.length > 0 ? { saves } : {}),
      ...(deletes.length > 0 ? { deletes } : {}),
      ...(trainings.length > 0 ? { trainings } : {}),
      ...(texts.length > 0 ? { texts } : {}),
      ...((first?.kind === 'mstats' || metricsRel?.points !== undefined) && metricsRel
        ? { metrics: metricsRel }
        : {}),
    },
    errors,
  };
}

/**
 * Reports an `outputlookup` before the end of the search whose table another part of the search reads (not
 * the rows it writes, which read the table as it was): the service writes the table once the whole search
 * has run, so such a read would see the table as it was, where Splunk (which runs a subsearch first) sees
 * what was written.
 */
function readsAfterWrite(rel: Rel, writes: readonly LookupWrite[], errors: Diagnostic[]): void {
  for (const w of writes) {
    if (readsTable(rel, w.output.table, w.rel)) {
      errors.push(
        diagnostic(
          'unsupported',
          `this search reads the lookup table \`${w.output.table}\` outside the rows this \`outputlookup\` writes: Nexus writes it once the search has run, so such a read would not see what was written`,
          w.output.span,
        ),
      );
    }
  }
}

/** The relation a pipeline starts from (the innermost input). */
function firstRel(rel: Rel | undefined): MetricStats | undefined {
  let r: Rel | undefined = rel;
  while (r && 'input' in r) r = r.input;
  return r?.kind === 'metric-stats' ? r : undefined;
}

/**
 * The one command the events shown can carry out whose structured fields are named only when the search runs
 * (see `Plan.filledFields`): a `fillnull` with a text value, or a merge (`filldown`, `join`) of a JSON column;
 * undefined when there is none, or more than one.
 */
function shownFill(state: State): FilledFields | undefined {
  const fills = state.scope.fillOps;
  const merges = state.scope.mergeOps;
  const maps = state.scope.mapOps;
  if (fills.length + merges.length + maps.length !== 1) return undefined;
  const [fill] = fills;
  const [merge] = merges;
  const [map] = maps;
  if (map) return { kind: 'map', pairs: map.pairs, ...mapPatterns(map.patterns) };
  if (fill && fill.value.kind === 'literal' && fill.names.kind === 'column') {
    const patterns = fill.patterns.map((p) => fieldPatternRegExp(p).source);
    return { kind: 'fill', value: String(fill.value.value), patterns, names: fill.names.name };
  }
  if (merge && merge.json.kind === 'column')
    return { kind: 'merge', column: merge.json.name, overwrite: merge.overwrite };
  return undefined;
}

/**
 * Raw events at the end of a (sub)search with every field as it is now written into their JSON, where
 * commands changed the fields by name only: extracted (`extract`, `spath`, `xmlkv` …) or renamed by a wildcard
 * (every change, fills and merges too, rebuilt as one map), or else filled, merged or replaced more than once
 * (each change in turn); the events shown keep one fill, merge or replace to apply as they are printed
 * (`Plan.filledFields`). Undefined when there is nothing to write, or a change cannot be written.
 */
function writeFields(state: State, shown: boolean): State | undefined {
  if (state.scope.namesExtracted) return writeExtractedFields(state);
  const changes = state.scope.fillOps.length + state.scope.mergeOps.length + state.scope.mapOps.length;
  // A subsearch's removed fields leave its events too (the search's own leave as they are shown).
  const drops = shown ? 0 : state.scope.structuredChanges().dropped.length;
  return changes + drops > (shown ? 1 : 0) ? materializeFields(state) : undefined;
}

/**
 * The structured fields removed from raw events, or replaced by a column of the same name (`rename x AS a`
 * over an event with a stored `a`): the events shown carry such a field as the column only.
 */
function removedStructuredFields(state: State): string[] {
  const { dropped } = state.scope.structuredChanges();
  return [...new Set(dropped)].sort();
}

/**
 * Lowers one pipeline (the search or a subsearch) with its own time range, all but its last `skipLast`
 * commands; undefined when it cannot start.
 */
function planPipeline(
  pipeline: Pipeline,
  text: string,
  options: PlanOptions,
  errors: Diagnostic[],
  runs: RunSinks,
  skipLast = 0,
  sink?: ModelSink,
  /**
   * What becomes of the events at the end: `shown` (the search's results, shown with the fields one command
   * filled, `Plan.filledFields`), `merged` (a subsearch's, merged into or shown with the results by the command
   * holding it: their fields are written into their JSON) or `kept` (written by `outputlookup`).
   */
  end: 'shown' | 'merged' | 'kept' = 'merged',
): State | undefined {
  const [first, ...all] = pipeline.commands;
  const rest = all;
  if (!first) {
    errors.push(diagnostic('syntax', 'the search is empty', pipeline.span));
    return undefined;
  }
  const range = options.ranges.get(pipeline) ?? { earliestMs: null, latestMs: null };
  let ctx = planContext(text, options, errors, range, runs, sink);
  const source = moduleOf(first);
  let state: State;
  if (source?.source) {
    const started = source.source(first, ctx);
    if (!started) return undefined;
    state = started;
    noReservedFields(first, undefined, state, errors);
  } else {
    const empty: State = { rel: { kind: 'values', count: 0, timeMs: 0 }, scope: Scope.closed([]) };
    if (first.kind === 'generic' || (source?.generating === true && !source.lower)) {
      // Reported like any other command: unsupported (a real command) or unknown (with a hint).
      lowerCommand(first, empty, ctx);
    } else {
      errors.push(
        diagnostic(
          'semantic',
          `a search must start with search terms or a generating command such as \`| makeresults\`, found \`${first.kind}\``,
          first.name.span,
        ),
      );
    }
    return undefined;
  }

  for (const command of rest.slice(0, rest.length - skipLast)) {
    const before = state;
    state = lowerCommand(command, state, ctx);
    noReservedFields(command, before, state, errors);
    const widened = extendedRange(command, ctx.range, options.ranges);
    if (widened) ctx = planContext(text, options, errors, widened, runs, sink);
  }
  const shown = end === 'shown';
  if (state.scope.raw && end !== 'kept') state = writeFields(state, shown) ?? state;
  // Raw events shown with fields whose names only the data knows (fields.ts, extractOnRead), or renamed by a
  // wildcard (applied when a field is read by name).
  for (const span of state.scope.raw ? state.scope.extractions : []) {
    errors.push(
      diagnostic(
        'unsupported',
        'showing events with every field this command extracts is not supported yet',
        span,
        ['name the fields you need afterwards, for example with `table` or `stats … by`'],
      ),
    );
  }
  const joins = state.scope.raw && !(shown && shownFill(state)) ? state.scope.joins : [];
  for (const span of joins) {
    errors.push(
      diagnostic(
        'unsupported',
        'showing events with every field a command merged into them (`join` or `appendcols` with a subsearch of events, `filldown` without a list) is not supported yet',
        span,
        ['name the fields you need afterwards, for example with `table` or `stats … by`'],
      ),
    );
  }
  const maps = state.scope.raw && !(shown && shownFill(state)) ? state.scope.maps : [];
  for (const span of maps) {
    errors.push(
      diagnostic(
        'unsupported',
        'showing events with every field this command changed is not supported yet',
        span,
        ['name the fields you need afterwards, for example with `table` or `stats … by`'],
      ),
    );
  }
  const fills = state.scope.raw && !(shown && shownFill(state)) ? state.scope.fills : [];
  for (const span of fills) {
    errors.push(
      diagnostic(
        'unsupported',
        'showing events with every field `fillnull` fills is not supported yet',
        span,
        ['name the fields you need afterwards, for example with `table` or `stats … by`'],
      ),
    );
  }
  for (const span of state.scope.raw ? state.scope.wildcardRenames : []) {
    errors.push(
      diagnostic(
        'unsupported',
        'showing events with structured fields renamed by a wildcard is not supported yet',
        span,
        ['name the fields you need afterwards, for example with `table` or `stats … by`'],
      ),
    );
  }
  return state;
}

/**
 * Names no command may give a field: the tenant column and the structured-field map belong to the planner,
 * and the series map to the commands that pivot.
 */
const plannerColumns = ['org_id', '_fields'] as const;
const pivots: ReadonlySet<string> = new Set([
  'timechart',
  'chart',
  'xyseries',
  'pivot',
  'contingency',
  'ctable',
  'counttable',
  'transpose',
  'timewrap',
  // geostats BY pivots too (a generic command that lowers through chart).
  'geostats',
]);

/**
 * Reports a field a command gave a reserved name (`rename host AS org_id`, `rex "(?<_fields>…)"`,
 * `stats count AS org_id`, a lookup table's `org_id` column …): one check for every way a command names
 * its outputs, so no command can make a column the planner reads as the tenant or the event's fields.
 */
function noReservedFields(c: Command, before: State | undefined, after: State, errors: Diagnostic[]): void {
  const command = c.kind === 'generic' ? c.name.name.toLowerCase() : c.kind;
  for (const name of pivots.has(command) || madeSeries(after.rel)
    ? plannerColumns
    : [...plannerColumns, seriesColumn]) {
    if (after.scope.has(name) && !before?.scope.has(name)) {
      errors.push(diagnostic('semantic', `\`${name}\` is reserved and cannot be assigned`, c.span));
    }
  }
}

/**
 * Whether `rel` is a `stats` whose series map holds the wildcard aggregation over raw events (stats.ts,
 * `runtimeNamed`), and no other output is named like it; or an `mstats` over a wildcard metric name.
 */
function madeSeries(rel: Rel): boolean {
  // mstats over a wildcard metric name: its series map holds one value per matching metric.
  if (rel.kind === 'metric-stats') return rel.aggregates.some((a) => a.wildcard !== undefined);
  // join brings the subsearch's series (checked when the subsearch was planned), or the raw events' fields
  // of its alias form.
  if (rel.kind === 'join') return rel.columns.some((c) => c.name === seriesColumn);
  // `table`/`fields` with a wildcard over raw events: the matching structured fields (helpers.ts,
  // `structuredSeries`), never a field of that name read from the events.
  if (rel.kind === 'project') {
    const e = rel.columns.find((c) => c.name === seriesColumn)?.expr;
    return e?.kind === 'call' && e.fn === 'map_sorted';
  }
  // An extraction after a transforming command (helpers.ts, `extractedSeries`).
  if (rel.kind === 'compute' && rel.name === seriesColumn)
    return rel.expr.kind === 'call' && rel.expr.fn === 'map_sorted';
  if (rel.kind !== 'aggregate' || rel.groups.some((g) => g.name === seriesColumn)) return false;
  const named = rel.aggregates.filter((a) => a.name === seriesColumn);
  return named.length === 1 && named[0]?.fn === 'fields_map';
}

/**
 * What the search and its subsearches record for the service to do around the search: the `outputlookup`s
 * before the end, and the `erex` commands to learn.
 */
interface RunSinks {
  readonly writes: LookupWrite[];
  readonly trainings: ErexTraining[];
  readonly texts: SubsearchText[];
}

/** What the commands of one (sub)search are planned with. */
function planContext(
  text: string,
  options: PlanOptions,
  errors: Diagnostic[],
  range: TimeRange,
  runs: RunSinks,
  sink?: ModelSink,
): PlanContext {
  const ctx: PlanContext = {
    text,
    options,
    range,
    errors,
    writes: runs.writes,
    trainings: runs.trainings,
    texts: runs.texts,
    ...(sink ? { saves: sink.saves, deletes: sink.deletes } : {}),
    planPipeline: (p, skipLast = 0) => planPipeline(p, text, options, errors, runs, skipLast),
    lowerCommand: (c, s, errs = errors) =>
      lowerCommand(c, s, errs === errors ? ctx : planContext(text, options, errs, range, runs, sink)),
    subsearch: subsearchOf(text, options, errors, runs),
  };
  return ctx;
}

/** Plans subsearches found in search expressions, each with its own time range. */
function subsearchOf(
  text: string,
  options: PlanOptions,
  errors: Diagnostic[],
  runs: RunSinks,
): SubsearchPlanner {
  return (p, withoutLast = false) => {
    const learning = runs.trainings.length;
    const st = planPipeline(p, text, options, errors, runs, withoutLast ? 1 : 0);
    return st
      ? {
          rel: st.rel,
          columns: st.scope.columns,
          raw: st.scope.raw,
          texts: runs.texts,
          text,
          learning: runs.trainings.length > learning,
        }
      : undefined;
  };
}

/**
 * Lowers one command onto the state before it: a lookup of its module in the command registry
 * (`commands/index.ts`). A command without a lowering is `unsupported` at its name; a name that is no
 * command is `unsupported` with the nearest command names.
 */
function lowerCommand(c: Command, s: State, ctx: PlanContext): State {
  const module = moduleOf(c);
  if (module?.lower) return module.lower(c, s, { ...ctx, expr: exprContext(s, ctx.options, ctx.errors) });
  if (module) return notSupportedYet(c, s, ctx.errors, module);
  unknownCommand(c, commandNames, ctx.errors);
  return s;
}
