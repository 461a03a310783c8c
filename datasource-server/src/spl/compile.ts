// The compiler's front door: SPL text → parse → plan (IR) → ClickHouse SQL with typed parameters.

import type { Pipeline } from './ast.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { CompiledSql } from './backends/clickhouse/print.ts';
import { printClickHouse } from './backends/clickhouse/print.ts';
import { parse } from './parser/index.ts';
import type { Plan, PlanOptions } from './plan/index.ts';
import { plan } from './plan/index.ts';

export interface CompileOptions extends PlanOptions {
  /** Cap on returned rows; the SQL asks for one more so truncation can be reported. */
  readonly maxRows?: number;
}

export type CompileResult =
  | { readonly ok: true; readonly ast: Pipeline; readonly plan: Plan; readonly sql: CompiledSql }
  | { readonly ok: false; readonly ast?: Pipeline; readonly errors: readonly Diagnostic[] };

/**
 * Compiles one SPL search for the ClickHouse backend. Never throws for user errors: they come back as
 * diagnostics with spans.
 *
 * @example compile('index=web status=500 | stats count by host', { orgId: 'acme', earliestMs, latestMs, nowMs })
 *   // { ok: true, sql: { sql: 'SELECT `host`, count() AS `count` FROM `logs` WHERE …', params: { p0: 'acme', … } } }
 */
export function compile(text: string, options: CompileOptions): CompileResult {
  const parsed = parse(text);
  if (!parsed.ast || parsed.errors.length > 0) {
    return { ok: false, ...(parsed.ast ? { ast: parsed.ast } : {}), errors: parsed.errors };
  }
  const planned = plan(parsed.ast, text, options);
  if (!planned.plan) return { ok: false, ast: parsed.ast, errors: planned.errors };
  const sql = printClickHouse(
    planned.plan.rel,
    options.maxRows === undefined ? {} : { maxRows: options.maxRows },
  );
  return { ok: true, ast: parsed.ast, plan: planned.plan, sql };
}
