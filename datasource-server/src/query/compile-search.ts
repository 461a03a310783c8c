// One SPL compile as the service needs it, in plain data: what a worker thread (compile-worker.ts) sends back
// and what the in-thread compiler (compile-pool.ts, `NEXUS_COMPILE_WORKERS=0`) returns. No closures, no AST:
// everything here crosses `postMessage` (structured clone).

import { compile, diagnostic, parseWithMacros, positionDiagnostic, toPromQL } from '@nexus/spl';
import type {
  CompileOptions,
  ErexTask,
  CompileResult,
  FormatSpec,
  Diagnostic,
  LookupOutput,
  MetricStats,
  ModelDelete,
  ModelSave,
  PositionedDiagnostic,
} from '@nexus/spl';
import type { MacroRegistry } from '@nexus/spl';

/** What a compile needs, without the macro registry (a class: it is sent as its definitions). */
export type CompileInput = Omit<CompileOptions, 'macros' | 'datamodels'>;

export interface CompileJob {
  /** `compile`: SQL (and PromQL for `mstats` when `promql`); `parse`: the front end only. */
  readonly kind: 'compile' | 'parse';
  readonly query: string;
  readonly options: CompileInput;
  /** An `mstats` search runs on VictoriaMetrics: lower it to PromQL too. */
  readonly promql?: boolean;
}

/** The SQL a search compiles to, with its parameters and output columns. */
export type CompiledSql = Extract<CompileResult, { ok: true }>['sql'];

/**
 * An `erex` to learn before the search runs (`Plan.trainings`): what it learns, where its `examples=` stand in
 * the query as written, and the statement of its trainers (one column, `TRAINER_COLUMN`).
 */
export interface ErexRun extends ErexTask {
  readonly at: number;
  readonly fromfield: string;
  readonly maxtrainers: number;
  readonly span: Diagnostic['span'];
  readonly sql: CompiledSql;
}

/**
 * A subsearch returning a `search` or `query` field (`Plan.texts`): where it stands in the query compiled
 * (its brackets included), the fields it returns, how its rows are printed, and the statement of its rows.
 */
export interface InsertRun {
  readonly span: Diagnostic['span'];
  readonly columns: readonly string[];
  readonly format: FormatSpec;
  readonly sql: CompiledSql;
}

export type CompileOutcome =
  | { readonly ok: false; readonly errors: readonly PositionedDiagnostic[] }
  | {
      readonly ok: true;
      readonly sql: CompiledSql;
      readonly earliestMs: number | null;
      readonly latestMs: number | null;
      readonly output?: LookupOutput;
      /**
       * The `outputlookup`s before the end of the search (in a subsearch, or followed by more commands), in
       * the order they run, each with the statement of the rows it writes.
       */
      readonly writes?: readonly { readonly output: LookupOutput; readonly sql: CompiledSql }[];
      /** The models `fit … into` saves, each with the statement that computes its groups. */
      readonly saves?: readonly { readonly save: ModelSave; readonly sql: CompiledSql }[];
      /** The models `| deletemodel` deletes (the service deletes them before it runs the search). */
      readonly deletes?: readonly ModelDelete[];
      /** The `erex` commands to learn, in order (the service learns the first and compiles again). */
      readonly trainings?: readonly ErexRun[];
      /**
       * The subsearches whose rows are inserted as search text, in order (a nested one first): the service
       * runs the first, puts its text in the query in its place and compiles again.
       */
      readonly inserts?: readonly InsertRun[];
      /**
       * An `mstats` search with `promql` asked, checked to lower to PromQL: its metric IR (the PromQL plan
       * holds functions, so the caller lowers it again with `toPromQL`, which is cheap).
       */
      readonly metrics?: MetricStats;
    };

export interface ParseOutcome {
  /** The macro-expanded text. */
  readonly text: string;
  readonly ok: boolean;
  readonly errors: readonly PositionedDiagnostic[];
}

/** The message for a command after `mstats` when `mstats` runs as PromQL. */
function afterMstats(name: string, span: Diagnostic['span']): Diagnostic {
  return diagnostic(
    'unsupported',
    `\`${name}\` after \`mstats\` is not supported when metrics are in VictoriaMetrics (METRICS_URL)`,
    span,
    ['it runs on the embedded metrics table (METRICS_URL unset)'],
  );
}

/**
 * Compiles (or parses) one search. Never throws for the user's mistakes: they come back as positioned
 * diagnostics in the query as written.
 */
export function runCompileJob(job: CompileJob, macros?: MacroRegistry): CompileOutcome | ParseOutcome {
  const position = (d: Diagnostic) => positionDiagnostic(job.query, d);
  if (job.kind === 'parse') {
    const r = parseWithMacros(job.query, macros);
    return { text: r.text, ok: r.ast !== undefined && r.errors.length === 0, errors: r.errors.map(position) };
  }
  const compiled = compile(job.query, { ...job.options, ...(macros ? { macros } : {}) });
  if (!compiled.ok) return { ok: false, errors: compiled.errors.map(position) };
  const { plan } = compiled;
  const inserts = insertRuns(job.query, compiled);
  if (!inserts.ok) return { ok: false, errors: inserts.errors.map(position) };
  let metrics: MetricStats | undefined;
  if (job.promql === true && plan.metrics) {
    const errors: Diagnostic[] = compiled.ast.commands
      .slice(1)
      .map((c) => afterMstats(c.name.name, c.name.span));
    const lowered = toPromQL(plan.metrics, errors);
    if (!lowered || errors.length > 0) {
      return { ok: false, errors: errors.map((d) => position(compiled.toOriginal(d))) };
    }
    metrics = plan.metrics;
  }
  return {
    ok: true,
    sql: compiled.sql,
    earliestMs: plan.earliestMs,
    latestMs: plan.latestMs,
    ...(plan.output ? { output: plan.output } : {}),
    ...(plan.writes && compiled.writes
      ? {
          writes: plan.writes.flatMap((w, i) => {
            const sql = compiled.writes?.[i];
            return sql ? [{ output: w.output, sql }] : [];
          }),
        }
      : {}),
    ...(plan.saves && compiled.saves
      ? {
          saves: plan.saves.flatMap((save, i) => {
            const sql = compiled.saves?.[i];
            return sql ? [{ save, sql }] : [];
          }),
        }
      : {}),
    ...(plan.deletes ? { deletes: plan.deletes } : {}),
    ...(plan.trainings && compiled.trainings
      ? {
          trainings: plan.trainings.flatMap((t, i): ErexRun[] => {
            const sql = compiled.trainings?.[i];
            // Spans in the macro-expanded text; the service reports at the query as written.
            const { span } = compiled.toOriginal(diagnostic('semantic', '', t.span));
            return sql
              ? [
                  {
                    at: t.at,
                    field: t.field,
                    examples: t.examples,
                    counterexamples: t.counterexamples,
                    fromfield: t.fromfield,
                    maxtrainers: t.maxtrainers,
                    span,
                    sql,
                  },
                ]
              : [];
          }),
        }
      : {}),
    ...(inserts.runs.length > 0 ? { inserts: inserts.runs } : {}),
    ...(metrics ? { metrics } : {}),
  };
}

/**
 * The subsearches whose rows the service inserts as text (`Plan.texts`), each where it stands in `query`:
 * one from a macro's expansion (or an eventtype's search) is not in the query as written, where its text
 * would go, so it is refused at what holds it.
 */
function insertRuns(
  query: string,
  compiled: Extract<CompileResult, { ok: true }>,
): { ok: true; runs: InsertRun[] } | { ok: false; errors: Diagnostic[] } {
  const runs: InsertRun[] = [];
  const errors: Diagnostic[] = [];
  for (const [i, t] of (compiled.plan.texts ?? []).entries()) {
    const sql = compiled.texts?.[i];
    if (!sql) continue;
    const { span } = compiled.toOriginal(diagnostic('semantic', '', t.span));
    if (query.slice(span.start, span.end) !== t.source) {
      errors.push(
        diagnostic(
          'unsupported',
          'a subsearch returning a `search` or `query` field is supported where the query itself writes it, not in a macro',
          span,
          ['write the subsearch in the search itself'],
        ),
      );
      continue;
    }
    runs.push({ span, columns: t.columns, format: t.format, sql });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, runs };
}
