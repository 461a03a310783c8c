// The compiler's front door: SPL text → macros → parse → analyse → plan (IR) → ClickHouse SQL with parameters.

import { tenantRegistry } from './datamodels/index.ts';
import type { DataModelRegistry } from './datamodels/types.ts';
import type { KnowledgeObjects } from './knowledge/types.ts';
import type { Pipeline } from './ast.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { MsRange } from './ir/types.ts';
import type { SummaryCoverage } from './acceleration.ts';
import { SplError } from './diagnostics.ts';
import type { CompiledSql, PrintOptions, ScanTables } from './backends/clickhouse/print.ts';
import { printClickHouse } from './backends/clickhouse/print.ts';
import { parse } from './parser/index.ts';
import type { AnalyseOptions } from './analyse/index.ts';
import { analyse } from './analyse/index.ts';
import type { LookupCatalog } from './lookups.ts';
import type { ModelCatalog } from './models.ts';
import type { MacroRegistry } from './macros/index.ts';
import { expandMacros } from './macros/index.ts';
import type { Plan } from './plan/index.ts';
import type { LearnedRegex } from './plan/erex-learn.ts';
import { applySearchFilters } from './filters.ts';
import type { SearchFilter } from './filters.ts';
import { plan } from './plan/index.ts';

export interface FrontEndResult {
  readonly ast?: Pipeline;
  /** The text the AST's spans point into: the query after macro expansion. */
  readonly text: string;
  /** Diagnostics with spans in the ORIGINAL query. */
  readonly errors: readonly Diagnostic[];
  /** Maps a diagnostic found later in `text` back to the original query. */
  readonly toOriginal: (d: Diagnostic) => Diagnostic;
}

const unchanged = (d: Diagnostic): Diagnostic => d;

/**
 * Expands macros, then parses. Diagnostics point at the query as the user wrote it; AST spans point at
 * the expanded `text`.
 */
export function parseWithMacros(query: string, macros?: MacroRegistry): FrontEndResult {
  if (!macros || macros.size === 0) {
    const r = parse(query);
    return { ...(r.ast ? { ast: r.ast } : {}), text: query, errors: r.errors, toOriginal: unchanged };
  }
  const expanded = expandMacros(query, macros);
  const toOriginal = (d: Diagnostic): Diagnostic => expanded.map.diagnostic(d);
  if (expanded.errors.length > 0) return { text: expanded.text, errors: expanded.errors, toOriginal };
  const r = parse(expanded.text);
  return {
    ...(r.ast ? { ast: r.ast } : {}),
    text: expanded.text,
    errors: r.errors.map(toOriginal),
    toOriginal,
  };
}

export interface CompileOptions extends AnalyseOptions {
  /** The authenticated tenant: every scan is restricted to it. */
  readonly orgId: string;
  /** Indexes the caller may read; absent: every index of the org. */
  readonly indexes?: readonly string[];
  /** Cap on returned rows; the SQL asks for one more so truncation can be reported. */
  readonly maxRows?: number;
  /** Search macros, expanded before parsing. */
  readonly macros?: MacroRegistry;
  /** Guardrails printed into the statement's SETTINGS clause. */
  readonly settings?: PrintOptions['settings'];
  /** The tenant's lookup tables and their columns (loaded by the caller); absent: no table is known. */
  readonly lookups?: LookupCatalog;
  /** Names the statement for cancellation (`log_comment`). */
  readonly queryTag?: string;
  /** Ad hoc filters ANDed to the base search as search terms (see `applySearchFilters`). */
  readonly filters?: readonly SearchFilter[];
  /** The tenant's search-time knowledge objects; absent: none. */
  readonly knowledge?: KnowledgeObjects;
  /** Data models for `tstats … from datamodel=`; absent: the CIM data models Splunk ships (plus `knowledge.datamodels`). */
  readonly datamodels?: DataModelRegistry;
  /** Only events indexed (`_indextime`) in this range, on every scan; absent: any. */
  readonly indexTime?: MsRange;
  /** The tenant's saved Machine Learning Toolkit models (loaded by the caller); absent: none is known. */
  readonly models?: ModelCatalog;
  /**
   * How far the tenant's data model summaries reach (the service's record): with it, `tstats
   * summariesonly=f` over an accelerated model reads the summary plus the events it does not cover yet.
   */
  readonly summaries?: readonly SummaryCoverage[];
  /** The expressions the service learned for the search's `erex` commands (see `Plan.trainings`). */
  readonly learned?: readonly LearnedRegex[];
  /** The names scanned tables are read under (a cluster's view reads `logs_local`); absent: their own. */
  readonly tables?: ScanTables;
}

export type CompileResult =
  | {
      readonly ok: true;
      readonly ast: Pipeline;
      readonly plan: Plan;
      readonly sql: CompiledSql;
      /** The statement of each model `fit … into` saves (one row per group), in `plan.saves` order. */
      readonly saves?: readonly CompiledSql[];
      /** The statement of the rows each `outputlookup` before the end writes, in `plan.writes` order. */
      readonly writes?: readonly CompiledSql[];
      /** The statement of each `erex`'s trainers, in `plan.trainings` order. */
      readonly trainings?: readonly CompiledSql[];
      /** The statement of each subsearch whose rows are inserted as search text, in `plan.texts` order. */
      readonly texts?: readonly CompiledSql[];
      /** Maps a diagnostic found later (spans in the macro-expanded text) back to the query as written. */
      readonly toOriginal: (d: Diagnostic) => Diagnostic;
    }
  | { readonly ok: false; readonly ast?: Pipeline; readonly errors: readonly Diagnostic[] };

/**
 * Compiles one SPL search for the ClickHouse backend. Never throws for user errors: they come back as
 * diagnostics with spans in `query`.
 *
 * @example compile('index=web status=500 | stats count by host', { orgId: 'acme', earliestMs, latestMs, nowMs })
 *   // { ok: true, sql: { sql: 'SELECT `host`, count() AS `count` FROM `logs` WHERE …', params: { p0: 'acme', … } } }
 */
export function compile(query: string, options: CompileOptions): CompileResult {
  const front = parseWithMacros(query, options.macros);
  if (!front.ast || front.errors.length > 0) {
    return { ok: false, ...(front.ast ? { ast: front.ast } : {}), errors: front.errors };
  }
  const { text } = front;
  // Later diagnostics have spans in the expanded text; map them back to what the user wrote.
  const original = (ds: readonly Diagnostic[]): Diagnostic[] => ds.map(front.toOriginal);
  const filtered = applySearchFilters(front.ast, options.filters ?? []);
  if (!filtered.ok) return { ok: false, ast: front.ast, errors: original(filtered.errors) };
  const ast = filtered.ast;
  const analysis = analyse(ast, options);
  if (analysis.diagnostics.length > 0) return { ok: false, ast, errors: original(analysis.diagnostics) };
  const planned = plan(ast, text, {
    orgId: options.orgId,
    ...(options.indexes ? { indexes: options.indexes } : {}),
    nowMs: options.nowMs,
    ranges: analysis.ranges,
    commandRanges: analysis.commandRanges,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.lookups ? { lookups: options.lookups } : {}),
    ...(options.knowledge ? { knowledge: options.knowledge } : {}),
    // A tenant's own data models (from its knowledge objects) replace the CIM's of the same name.
    datamodels: tenantRegistry(options.knowledge, options.datamodels),
    ...(options.queryTag ? { searchId: options.queryTag } : {}),
    ...(options.indexTime ? { indexTime: options.indexTime } : {}),
    ...(options.models ? { models: options.models } : {}),
    ...(options.summaries ? { summaries: options.summaries } : {}),
    ...(options.learned ? { learned: options.learned } : {}),
  });
  if (!planned.plan) return { ok: false, ast, errors: original(planned.errors) };
  let sql: CompiledSql;
  let saves: CompiledSql[] | undefined;
  let writes: CompiledSql[] | undefined;
  let trainings: CompiledSql[] | undefined;
  let texts: CompiledSql[] | undefined;
  try {
    texts = planned.plan.texts?.map((t) =>
      printClickHouse(t.rel, {
        events: false,
        ...(options.settings ? { settings: options.settings } : {}),
        ...(options.queryTag === undefined ? {} : { queryTag: options.queryTag }),
        ...(options.tables ? { tables: options.tables } : {}),
      }),
    );
    trainings = planned.plan.trainings?.map((t) =>
      printClickHouse(t.rel, {
        events: false,
        ...(options.settings ? { settings: options.settings } : {}),
        ...(options.queryTag === undefined ? {} : { queryTag: options.queryTag }),
        ...(options.tables ? { tables: options.tables } : {}),
      }),
    );
    writes = planned.plan.writes?.map((w) =>
      printClickHouse(w.rel, {
        events: false,
        ...(options.maxRows === undefined ? {} : { maxRows: options.maxRows }),
        ...(options.settings ? { settings: options.settings } : {}),
        ...(options.queryTag === undefined ? {} : { queryTag: options.queryTag }),
      }),
    );
    saves = planned.plan.saves?.map((m) =>
      printClickHouse(m.rel, {
        events: false,
        ...(options.settings ? { settings: options.settings } : {}),
        ...(options.queryTag === undefined ? {} : { queryTag: options.queryTag }),
      }),
    );
    sql = printClickHouse(planned.plan.rel, {
      events: planned.plan.events,
      ...(planned.plan.removedFields?.length ? { removedFields: planned.plan.removedFields } : {}),
      ...(planned.plan.filledFields ? { filledFields: planned.plan.filledFields } : {}),
      ...(options.maxRows === undefined ? {} : { maxRows: options.maxRows }),
      ...(options.settings ? { settings: options.settings } : {}),
      ...(options.queryTag === undefined ? {} : { queryTag: options.queryTag }),
      ...(options.tables ? { tables: options.tables } : {}),
    });
  } catch (e) {
    // The printer's guardrails (how deep the statement nests) are positioned in the expanded text.
    if (e instanceof SplError) return { ok: false, ast, errors: original(e.diagnostics) };
    throw e;
  }
  return {
    ok: true,
    ast,
    plan: planned.plan,
    sql,
    ...(saves ? { saves } : {}),
    ...(writes ? { writes } : {}),
    ...(trainings ? { trainings } : {}),
    ...(texts ? { texts } : {}),
    toOriginal: front.toOriginal,
  };
}
