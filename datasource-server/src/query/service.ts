// Runs one SPL search for an identity: resolve the time range, compile, execute, shape the result.

import { randomUUID } from 'node:crypto';
import type { Diagnostic } from '@nexus/spl';
import { diagnostic, positionDiagnostic } from '@nexus/spl';
import type { PositionedDiagnostic } from '@nexus/spl';
import type { Role } from '../auth/types.ts';
import { LOOKUP_WRITERS, lookupCatalog, resultCells, writeLookup } from '../lookups/service.ts';
import { ModelTooLargeError, deleteModel, modelCatalog, saveModel } from '../models/service.ts';
import { parseWithMacros } from '@nexus/spl';
import { inThreadCompiler } from './compile-pool.ts';
import type { Compiler } from './compile-pool.ts';
import type { CompileOutcome, ErexRun } from './compile-search.ts';
import type { LookupCatalog, ModelCatalog } from '@nexus/spl';
import type { MacroRegistry } from '@nexus/spl';
import type { LookupOutput } from '@nexus/spl';
import { isValidTimeZone, resolveTime } from '@nexus/spl';
import type { QueryGuardrails } from '../config.ts';
import type { TenantLimits } from '../tenants/service.ts';
import { QueryLimitError, QueryRefusedError, QueryStoppedError } from '../store/index.ts';
import type { QueryResult, Store } from '../store/index.ts';
import { expandSeries } from './series.ts';
import type { Insertion } from './subsearch-insert.ts';
import { insertedText, toWritten, unpositioned } from './subsearch-insert.ts';
import type { MetricsBackend } from './metrics.ts';
import { runPromQL } from './metrics.ts';
import type { Pipeline } from '@nexus/spl';
import type { MetricStats } from '@nexus/spl';
import { toPromQL } from '@nexus/spl';
import type { SearchFilter } from '@nexus/spl';
import type { KnowledgeObjects } from '@nexus/spl';
import { acceleratedModels, knowledgeReadsLookups } from '@nexus/spl';
import type { SummaryCoverage } from '@nexus/spl';
import { summaryCoverage } from '../knowledge/acceleration.ts';
import type { LearnedRegex } from '@nexus/spl';
import { MAX_INSERTED_CHARS, erexMessage, learnErex } from '@nexus/spl';

export interface SplRequest {
  readonly query: string;
  readonly earliest?: string | number;
  readonly latest?: string | number;
  readonly limit?: number;
  readonly timezone?: string;
  /** Seconds the search may run: at most the server's `maxExecutionSeconds`, which is the default. */
  readonly timeout?: number;
  /** Ad hoc filters (Grafana's dashboard filters), added to the base search as search terms. */
  readonly filters?: readonly SearchFilter[];
}

import type { SplResponse } from '@nexus/spl';

export type { SplResponse };

export interface QueryLimits {
  /** Rows returned when the request names no limit, and the most it may ask for. */
  readonly defaultRows: number;
  readonly maxRows: number;
  /** ClickHouse `max_execution_time`, seconds; a request may ask for less. */
  readonly maxExecutionSeconds: number;
  /** ClickHouse `max_memory_usage`, bytes; undefined leaves the engine's own. */
  readonly maxMemoryBytes?: number | undefined;
  /** The longest time range a search (and each subsearch) may cover. */
  readonly maxRange?: { readonly ms: number; readonly text: string } | undefined;
  /** The longest SPL text, in characters; longer gets 413 (routes.ts). */
  readonly maxQueryLength?: number;
}

export const defaultQueryLimits: QueryLimits = {
  defaultRows: 10_000,
  maxRows: 100_000,
  maxExecutionSeconds: 60,
};

/** The limits of a configured service: the row limits above, the guardrails from the configuration. */
export function queryLimitsFrom(guardrails: QueryGuardrails): QueryLimits {
  return { ...defaultQueryLimits, ...guardrails };
}

/** `86400` → `1d`, `5400` → `90m`: a range limit as people write spans. */
function spanText(seconds: number): string {
  for (const [unit, n] of [
    ['w', 604_800],
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
  ] as const) {
    if (seconds % n === 0) return `${seconds / n}${unit}`;
  }
  return `${seconds}s`;
}

/** The service's limits with one tenant's overrides (set by operators through the admin API). */
export function tenantQueryLimits(base: QueryLimits, t: TenantLimits | undefined): QueryLimits {
  if (!t) return base;
  const maxRows = t.maxRows ?? base.maxRows;
  return {
    ...base,
    maxRows,
    defaultRows: Math.min(base.defaultRows, maxRows),
    ...(t.maxExecutionSeconds === undefined ? {} : { maxExecutionSeconds: t.maxExecutionSeconds }),
    ...(t.maxMemoryBytes === undefined ? {} : { maxMemoryBytes: t.maxMemoryBytes }),
    ...(t.maxRangeSeconds === undefined
      ? {}
      : { maxRange: { ms: t.maxRangeSeconds * 1000, text: spanText(t.maxRangeSeconds) } }),
  };
}

/**
 * A search that cannot run as asked: a mistake in the request or the SPL (`400 { errors }`; `413` for a
 * search longer than the service takes), or a search
 * that went past a guardrail while running (`422 { errors }`: the request was fine, re-sending it will
 * not help, the search must ask for less).
 */
export class QueryInputError extends Error {
  readonly errors: readonly PositionedDiagnostic[];
  readonly status: 400 | 413 | 422;
  constructor(errors: readonly PositionedDiagnostic[], status: 400 | 413 | 422 = 400) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'QueryInputError';
    this.errors = errors;
    this.status = status;
  }
}

/** 413 when `query` is longer than `max` characters; the span starts at the first character past it. */
/** The longest SPL text a search may have, in characters, unless the configuration says otherwise. */
export const DEFAULT_MAX_QUERY_LENGTH = 1_048_576;

/** The most subsearches returning `search` or `query` one search runs (each runs, then the search compiles). */
const MAX_INSERTED_SUBSEARCHES = 20;

export function checkQueryLength(query: string, max: number): void {
  if (query.length <= max) return;
  throw new QueryInputError(
    [
      positionDiagnostic(
        query,
        diagnostic(
          'limit',
          `the search is ${query.length} characters long; at most ${max} are allowed`,
          { start: max, end: query.length },
          ['shorten it: a long list of values can live in a lookup table (`| inputlookup`, `lookup`)'],
        ),
      ),
    ],
    413,
  );
}

/** A search the caller's role may not run (`outputlookup` needs editor or admin): becomes 403. */
export class QueryForbiddenError extends Error {
  override readonly name = 'QueryForbiddenError';
}

/**
 * Whether a search may use a lookup table: its text or, when it calls a macro, a macro definition mentions
 * one. A text test (no parse): parsing a long search belongs on a compile worker, not on the event loop.
 */
function mayUseLookups(query: string, macros: MacroRegistry | undefined): boolean {
  if (/lookup/i.test(query)) return true;
  return (
    query.includes('`') &&
    macros !== undefined &&
    macros.definitions().some((d) => /lookup/i.test(d.definition))
  );
}

/**
 * The tenant's lookup tables, loaded only when the search (after macro expansion) may use one, or the
 * tenant's knowledge objects do (automatic lookups), so other searches cost no extra round trip.
 */
export async function lookupsFor(
  store: Store,
  orgId: string,
  query: string,
  macros?: MacroRegistry,
  knowledge?: KnowledgeObjects,
): Promise<LookupCatalog | undefined> {
  return mayUseLookups(query, macros) || (knowledge !== undefined && knowledgeReadsLookups(knowledge))
    ? lookupCatalog(store, orgId)
    : undefined;
}

/**
 * The tenant's saved models, loaded only when the search (or a macro) may read one (`apply`, `summary`,
 * `listmodels`, `deletemodel`):
 * a text test, as for lookups.
 */
export async function modelsFor(
  store: Store,
  orgId: string,
  query: string,
  macros?: MacroRegistry,
): Promise<ModelCatalog | undefined> {
  const reads = /\b(apply|summary|listmodels|deletemodel)\b/i;
  const may =
    reads.test(query) ||
    (query.includes('`') &&
      macros !== undefined &&
      macros.definitions().some((d) => reads.test(d.definition)));
  return may ? modelCatalog(store, orgId) : undefined;
}

/**
 * How far the tenant's data model summaries reach, loaded only when it accelerates a model and the search may
 * run `tstats` (named, or behind a macro), so other searches cost no extra round trip.
 */
async function summariesFor(
  store: Store,
  orgId: string,
  query: string,
  knowledge?: KnowledgeObjects,
): Promise<SummaryCoverage[] | undefined> {
  if (knowledge === undefined || !(/tstats/i.test(query) || query.includes('`'))) return undefined;
  return acceleratedModels(knowledge).length > 0 ? summaryCoverage(store, orgId) : undefined;
}

function requestError(message: string): QueryInputError {
  return new QueryInputError([positionDiagnostic('', diagnostic('semantic', message, { start: 0, end: 0 }))]);
}

/** `1.5 GiB`, `512 MiB`: a byte count as people read it. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i] ?? 'bytes'}`;
}

/** A guardrail the engine enforced, as a `422` with what to change. */
function limitError(err: QueryLimitError, limits: QueryLimits, seconds: number): QueryInputError {
  const message =
    err.limit === 'memory'
      ? `the search needed more memory than it may use (${limits.maxMemoryBytes === undefined ? 'the engine’s limit' : formatBytes(limits.maxMemoryBytes)})`
      : `the search ran longer than it may (${seconds} s)`;
  const hints = [
    'narrow the time range, filter earlier in the search, or group by fewer distinct values',
    `ClickHouse: ${err.detail}`,
  ];
  return new QueryInputError(
    [positionDiagnostic('', diagnostic('limit', message, { start: 0, end: 0 }, hints))],
    422,
  );
}

/**
 * The engine refused the statement this search compiles to (store/errors.ts): a 400 over the whole search, with
 * the engine's words as a hint. The compiler's own checks (nesting, regular expressions, length) give the
 * precise position first; this is what is left.
 */
function refusedError(err: QueryRefusedError, query: string): QueryInputError {
  const message =
    err.reason === 'size'
      ? 'the search compiles to a statement too large or too deeply nested for ClickHouse'
      : 'ClickHouse cannot run the statement this search compiles to';
  const hints = [
    ...(err.reason === 'size'
      ? ['use fewer terms or fewer nested commands; a long list of values can live in a lookup table']
      : []),
    `ClickHouse (code ${err.code}): ${err.detail.slice(0, 500)}`,
  ];
  const code = err.reason === 'size' ? 'limit' : 'semantic';
  return new QueryInputError([
    positionDiagnostic(query, diagnostic(code, message, { start: 0, end: query.length }, hints)),
  ]);
}

function resolveBound(
  value: string | number | undefined,
  fallback: string,
  nowMs: number,
  tz: string,
): number {
  const spec = value === undefined ? fallback : String(value);
  const r = resolveTime(spec, nowMs, tz);
  if (!r.ok) throw requestError(r.message);
  return r.epochMs;
}

const int64Type = /^(Nullable\()?U?Int(64|128|256)\)?$/;

/**
 * The store returns 64-bit integers as strings so nothing is rounded silently; counts and sums that fit
 * in a double (every realistic one) become JSON numbers, as a Grafana user expects.
 */
function numbersAsNumbers(columns: readonly { type: string }[], rows: unknown[][]): unknown[][] {
  const wide = columns.map((c) => int64Type.test(c.type));
  if (!wide.includes(true)) return rows;
  return rows.map((row) =>
    row.map((v, i) => {
      if (!wide[i] || typeof v !== 'string') return v;
      const n = Number(v);
      return Number.isSafeInteger(n) ? n : v;
    }),
  );
}

/**
 * Multivalue cells as Splunk shows them: a field without values is null (an unmatched lookup output,
 * `values()` of nothing), a field with one value is that value (a lookup with one match, `values()` of one
 * distinct value, a list of one sent over HEC), and only two or more values stay a list.
 */
function splunkMultivalues(columns: readonly { type: string }[], rows: unknown[][]): unknown[][] {
  const lists = columns.map((c) => c.type.startsWith('Array(') || c.type.startsWith('Variant('));
  if (!lists.includes(true)) return rows;
  const cell = (v: unknown): unknown =>
    !Array.isArray(v) ? v : v.length === 0 ? null : v.length === 1 ? (v[0] as unknown) : v;
  return rows.map((row) => row.map((v, i) => (lists[i] ? cell(v) : v)));
}

/**
 * Compiles and runs `req.query` for tenant `orgId`. The default range is the last 24 hours; `earliest=`
 * and `latest=` inside the search override it.
 */
export async function runSpl(
  store: Store,
  orgId: string,
  req: SplRequest,
  opts: {
    limits?: QueryLimits;
    nowMs?: number;
    signal?: AbortSignal;
    macros?: MacroRegistry;
    /** The tenant's search-time knowledge objects (eventtypes, tags, field aliases, calculated fields). */
    knowledge?: KnowledgeObjects;
    /** The caller's role: `outputlookup` needs editor or admin (absent: not allowed). */
    role?: Role;
    /** The indexes the caller may read (a token's allowed indexes); absent: all of the org's. */
    indexes?: readonly string[];
    /** Names the statement (KILL QUERY, the audit log); generated when absent. */
    queryId?: string;
    /** Called with the SQL once compiled, before it runs (the audit log records it even on failure). */
    onCompiled?: (sql: string) => void;
    /** VictoriaMetrics (METRICS_URL): a search that starts with `mstats` runs there as PromQL. */
    metrics?: MetricsBackend;
    /** Where the search compiles (the service's worker threads); absent: on this thread. */
    compiler?: Compiler;
  } = {},
): Promise<SplResponse> {
  const limits = opts.limits ?? defaultQueryLimits;
  const nowMs = opts.nowMs ?? Date.now();
  const tz = req.timezone ?? 'UTC';
  if (!isValidTimeZone(tz)) throw requestError(`unknown time zone \`${tz}\``);
  const limit = req.limit ?? limits.defaultRows;
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.maxRows) {
    throw requestError(`\`limit\` must be a whole number from 1 to ${limits.maxRows}`);
  }
  const seconds = req.timeout ?? limits.maxExecutionSeconds;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > limits.maxExecutionSeconds) {
    throw requestError(
      `\`timeout\` must be a whole number of seconds from 1 to ${limits.maxExecutionSeconds}`,
    );
  }
  const earliestMs = resolveBound(req.earliest, '-24h', nowMs, tz);
  const latestMs = resolveBound(req.latest, 'now', nowMs, tz);
  const lookups = await lookupsFor(store, orgId, req.query, opts.macros, opts.knowledge);
  const models = await modelsFor(store, orgId, req.query, opts.macros);
  const summaries = await summariesFor(store, orgId, req.query, opts.knowledge);
  const queryId = opts.queryId ?? randomUUID();
  const compiler = opts.compiler ?? inThreadCompiler;
  // The expressions learned for the search's `erex` commands, compiled into each statement from then on.
  const learned: LearnedRegex[] = [];
  // The query compiled: the request's, with the text each subsearch returning `search` or `query` inserted in
  // its place (`insertions`, in order). Diagnostics are positioned in the query as written.
  let query = req.query;
  const insertions: Insertion[] = [];
  const written = (d: Diagnostic): PositionedDiagnostic =>
    positionDiagnostic(req.query, toWritten(d, insertions));
  const compileWith = async (maxRows: number): Promise<CompileOutcome & { ok: true }> => {
    const outcome = await compiler.compile(
      {
        kind: 'compile',
        query,
        promql: opts.metrics !== undefined,
        options: {
          orgId,
          ...(opts.indexes ? { indexes: opts.indexes } : {}),
          earliestMs,
          latestMs,
          nowMs,
          timeZone: tz,
          maxRows,
          // In the statement itself: chDB applies client-side settings with SET, which outlives the query.
          settings: {
            max_execution_time: seconds,
            ...(limits.maxMemoryBytes === undefined ? {} : { max_memory_usage: limits.maxMemoryBytes }),
          },
          queryTag: queryId,
          ...(limits.maxRange ? { maxRange: limits.maxRange } : {}),
          ...(opts.knowledge ? { knowledge: opts.knowledge } : {}),
          ...(lookups ? { lookups } : {}),
          ...(models ? { models } : {}),
          ...(summaries ? { summaries } : {}),
          ...(req.filters?.length ? { filters: req.filters } : {}),
          ...(learned.length > 0 ? { learned: [...learned] } : {}),
        },
      },
      { tenant: orgId, macros: opts.macros, signal: opts.signal },
    );
    if (!outcome.ok) {
      throw new QueryInputError(
        insertions.length > 0 ? outcome.errors.map((e) => written(unpositioned(e))) : outcome.errors,
      );
    }
    return outcome;
  };
  // One statement of the search (the same query id: they run one after another, and KILL QUERY stops each).
  const run = async (sql: { sql: string; params: Record<string, unknown> }): Promise<QueryResult> => {
    try {
      return await store.query({
        sql: sql.sql,
        params: sql.params,
        queryId,
        tenant: orgId,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } catch (err) {
      if (err instanceof QueryLimitError) throw limitError(err, limits, seconds);
      if (err instanceof QueryRefusedError) throw refusedError(err, req.query);
      // The search stopped itself (`require` without results): its message, over the whole search.
      if (err instanceof QueryStoppedError) {
        throw new QueryInputError([
          positionDiagnostic(
            req.query,
            diagnostic('semantic', err.message, { start: 0, end: req.query.length }),
          ),
        ]);
      }
      throw err;
    }
  };
  let compiled = await compileWith(limit);
  // A subsearch returning `search` or `query`: the first one (a nested one before the one holding it) runs,
  // its rows become text in its place, and the search compiles again, until none is left. Before `erex`
  // learns: an `erex` is keyed by its place in the query, which inserting moves.
  const messages: { type: 'info'; text: string }[] = [];
  for (let s = compiled.inserts?.[0]; s; s = compiled.inserts?.[0]) {
    if (insertions.length >= MAX_INSERTED_SUBSEARCHES) {
      throw new QueryInputError([
        written(
          diagnostic(
            'limit',
            `this search has more than ${MAX_INSERTED_SUBSEARCHES} subsearches returning \`search\` or \`query\``,
            s.span,
          ),
        ),
      ]);
    }
    const inserted = insertedText(s, await run(s.sql), opts.macros);
    if (!inserted.ok) throw new QueryInputError([written(inserted.error)]);
    const total = insertions.reduce((n, i) => n + i.length, inserted.text.length);
    if (total > MAX_INSERTED_CHARS) {
      throw new QueryInputError([
        written(
          diagnostic(
            'limit',
            `the subsearches of this search return ${total} characters of search text; Nexus inserts at most ${MAX_INSERTED_CHARS}`,
            s.span,
          ),
        ),
      ]);
    }
    query = query.slice(0, s.span.start) + inserted.text + query.slice(s.span.end);
    insertions.push({ start: s.span.start, end: s.span.end, length: inserted.text.length });
    compiled = await compileWith(limit);
  }
  // `erex`: the first expression not learned yet is learned from its trainers (read by a search with no
  // unlearned `erex` before it), then the search compiles again with it, until every one is learned.
  for (let t = compiled.trainings?.[0]; t; t = compiled.trainings?.[0]) {
    const at = t.at;
    if (learned.some((l) => l.at === at)) throw new Error('an erex learned once must not ask to learn again');
    const regex = learnFromTrainers(written, t, (await run(t.sql)).rows);
    learned.push({ at, regex });
    messages.push({ type: 'info', text: erexMessage(t.fromfield, regex) });
    compiled = await compileWith(limit);
  }
  const output = compiled.output;
  // `outputlookup` writes every result (up to max= or the service's row cap), not only those returned.
  const capOf = (o: LookupOutput): number => o.max ?? limits.maxRows;
  const writeCap = output ? capOf(output) : limits.maxRows;
  const outputs = [...(compiled.writes ?? []).map((w) => w.output), ...(output ? [output] : [])];
  if (outputs.length > 0) {
    if (opts.role === undefined || !LOOKUP_WRITERS.includes(opts.role)) {
      throw new QueryForbiddenError(
        '`outputlookup` writes a lookup table: it needs the editor or admin role',
      );
    }
    compiled = await compileWith(Math.max(limit, ...outputs.map(capOf)));
  }
  // `fit … into` saves a model: like `outputlookup`, it needs the editor or admin role.
  if (compiled.saves?.length && (opts.role === undefined || !LOOKUP_WRITERS.includes(opts.role))) {
    throw new QueryForbiddenError('`fit … into` saves a model: it needs the editor or admin role');
  }
  if (compiled.deletes?.length && (opts.role === undefined || !LOOKUP_WRITERS.includes(opts.role))) {
    throw new QueryForbiddenError('`deletemodel` deletes a model: it needs the editor or admin role');
  }
  // `deletemodel` (the search's first command) deletes before the search runs; the compiler checked the
  // model exists, so a missing one here was deleted meanwhile: the same 400 at its name.
  const deleted: string[] = [];
  for (const d of compiled.deletes ?? []) {
    if (!(await deleteModel(store, orgId, d.name, nowMs))) {
      throw new QueryInputError([
        positionDiagnostic(req.query, diagnostic('semantic', `no model \`${d.name}\` to delete`, d.span)),
      ]);
    }
    deleted.push(d.name);
  }
  if (opts.metrics && compiled.metrics) {
    const backend = opts.metrics.urlFor ? { ...opts.metrics, url: opts.metrics.urlFor(orgId) } : opts.metrics;
    return runMetrics(backend, compiled.metrics, {
      earliestMs,
      latestMs,
      queryId,
      limit,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onCompiled ? { onCompiled: opts.onCompiled } : {}),
    });
  }
  opts.onCompiled?.(compiled.sql.sql);
  const result = await run(compiled.sql);
  // An `outputlookup` before the end (a subsearch's): its rows are those the search read, before any write
  // (each statement reads the tables as they were when the search started), then written in order.
  const earlier: { output: LookupOutput; rows: WriteRows }[] = [];
  for (const w of compiled.writes ?? []) {
    const rows = await run(w.sql);
    earlier.push({ output: w.output, rows: writeRows(w.output, rows, capOf(w.output)) });
  }
  // Series (timechart … by, xyseries) become columns before anything reads the results.
  const shaped = expandSeries(result.columns, result.rows);
  const last = output ? writeRows(output, result, writeCap, shaped) : undefined;
  const lookupWrites: NonNullable<SplResponse['meta']['lookup']>[] = [];
  for (const w of earlier) {
    const wrote = await writeResults(store, orgId, w.output, w.rows, nowMs);
    if (wrote) lookupWrites.push(wrote);
  }
  let lookup: SplResponse['meta']['lookup'];
  if (output && last) lookup = await writeResults(store, orgId, output, last, nowMs);
  const saved: { name: string; groups: number }[] = [];
  for (const { save, sql } of compiled.saves ?? []) {
    try {
      saved.push(await saveModel(store, orgId, save, sql, nowMs));
    } catch (err) {
      if (err instanceof ModelTooLargeError) {
        throw new QueryInputError([
          positionDiagnostic(req.query, diagnostic('limit', err.message, save.span)),
        ]);
      }
      if (err instanceof QueryLimitError) throw limitError(err, limits, seconds);
      throw err;
    }
  }
  const truncated = shaped.rows.length > limit;
  const rows = splunkMultivalues(
    shaped.columns,
    numbersAsNumbers(shaped.columns, truncated ? shaped.rows.slice(0, limit) : shaped.rows),
  );
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return {
    columns: shaped.columns,
    rows,
    meta: {
      queryId,
      sql: compiled.sql.sql,
      params: compiled.sql.params,
      elapsedMs: result.elapsedMs,
      rowsRead: result.rowsRead,
      truncated,
      earliest: iso(compiled.earliestMs),
      latest: iso(compiled.latestMs),
      ...(lookup ? { lookup } : {}),
      ...(lookupWrites.length > 0 ? { lookupWrites } : {}),
      ...(saved.length > 0 ? { models: saved } : {}),
      ...(deleted.length > 0 ? { deletedModels: deleted } : {}),
      ...(messages.length > 0 ? { messages } : {}),
    },
  };
}

/**
 * The expression `erex` learns from its trainers' rows (the `fromfield` of each), or the 400 at its
 * `examples=` that says why there is none.
 */
function learnFromTrainers(
  position: (d: Diagnostic) => PositionedDiagnostic,
  t: ErexRun,
  rows: readonly unknown[][],
): string {
  const trainers = rows.map((r) => r[0]).filter((v): v is string => typeof v === 'string');
  const r = learnErex(t, trainers);
  if (r.ok) return r.regex;
  const at = (message: string, hints: string[]): QueryInputError =>
    new QueryInputError([position(diagnostic('semantic', message, t.span, hints))]);
  const rex = 'write the expression with `rex` instead';
  if (r.reason === 'absent') {
    throw at(
      trainers.length === 0
        ? `none of the examples occurs in \`${t.fromfield}\` of the events the search before \`erex\` returns`
        : `none of the examples occurs as a whole value in \`${t.fromfield}\` of the first ${trainers.length} events that contain one (\`443\` within \`14430\` does not count)`,
      ['copy the examples from the values as the events show them', rex],
    );
  }
  throw at(
    `no expression separates the examples from the counterexamples in \`${t.fromfield}\` of the first ${trainers.length} events that hold one: each candidate extracted a counterexample, or missed an example`,
    ['give other examples or counterexamples', rex],
  );
}

/**
 * What an `outputlookup` writes: its columns, then the series a pivot (or a table of raw events' fields)
 * made, and the cells, one row per result.
 */
interface WriteRows {
  readonly columns: string[];
  readonly cells: (string | null)[][];
}

/**
 * The rows `output` writes from `result` (at most `cap`; more without `max=` is a 400), series expanded into
 * columns (`shaped`, when the caller has them already).
 */
function writeRows(
  output: LookupOutput,
  result: QueryResult,
  cap: number,
  shaped = expandSeries(result.columns, result.rows),
): WriteRows {
  if (output.max === undefined && shaped.rows.length > cap) {
    throw requestError(
      `\`outputlookup\` writes at most ${cap} rows and this search has more: narrow it, or set \`max=\``,
    );
  }
  const names = shaped.columns.map((c) => c.name);
  const series = names
    .filter((n) => !result.columns.some((c) => c.name === n))
    .map((name) => ({ name, type: 'any' as const }));
  const columns = [...output.columns, ...series];
  return {
    columns: columns.map((c) => c.name),
    cells: resultCells(names, shaped.rows.slice(0, cap), columns),
  };
}

/**
 * Writes `outputlookup`'s rows, with Splunk's rules for no results: `override_if_empty=false` keeps the
 * table as it is, `create_empty=false` creates no table. Returns what was written, if anything.
 */
async function writeResults(
  store: Store,
  orgId: string,
  output: LookupOutput,
  { columns, cells }: WriteRows,
  nowMs: number,
): Promise<SplResponse['meta']['lookup']> {
  if (cells.length === 0) {
    const exists = (await lookupCatalog(store, orgId)).has(output.table);
    if ((exists && !output.overrideIfEmpty) || (!exists && !output.createEmpty)) return undefined;
  }
  const written = await writeLookup(store, orgId, output.table, columns, cells, {
    append: output.append,
    nowMs,
  });
  return { name: output.table, rows: written.info.rows, columns: written.info.columns };
}

/**
 * `mstats` on VictoriaMetrics: the PromQL path runs `mstats` alone (compile-search.ts refuses a later command
 * with an `unsupported` diagnostic at its name: the rows never come back into ClickHouse to continue).
 */
async function runMetrics(
  backend: MetricsBackend,
  stats: MetricStats,
  o: {
    earliestMs: number;
    latestMs: number;
    queryId: string;
    limit: number;
    signal?: AbortSignal;
    onCompiled?: (text: string) => void;
  },
): Promise<SplResponse> {
  // Checked by the compiler already (compile-search.ts); lowered again here because the plan holds functions.
  const plan = toPromQL(stats, []);
  if (!plan) throw new Error('an mstats search that lowered to PromQL once must lower again');
  const started = Date.now();
  const result = await runPromQL(backend, plan, { earliestMs: o.earliestMs, latestMs: o.latestMs }, o.signal);
  o.onCompiled?.(result.promql.join('\n'));
  const truncated = result.rows.length > o.limit;
  return {
    columns: result.columns,
    rows: truncated ? result.rows.slice(0, o.limit) : result.rows,
    meta: {
      queryId: o.queryId,
      sql: '',
      params: {},
      promql: result.promql,
      elapsedMs: Date.now() - started,
      rowsRead: 0,
      truncated,
      earliest: new Date(o.earliestMs).toISOString(),
      latest: new Date(o.latestMs).toISOString(),
    },
  };
}

/**
 * Parses a search (macros expanded) without compiling it: for parse-only endpoints such as Splunk's
 * `/services/search/parser`. `errors` are positioned in the text as written.
 */
export function parseSearch(
  query: string,
  macros?: MacroRegistry,
): { ast?: Pipeline; text: string; errors: PositionedDiagnostic[] } {
  const r = parseWithMacros(query, macros);
  return {
    ...(r.ast && r.errors.length === 0 ? { ast: r.ast } : {}),
    text: r.text,
    errors: r.errors.map((d: Diagnostic) => positionDiagnostic(query, d)),
  };
}
