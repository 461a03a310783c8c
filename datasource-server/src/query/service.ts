// Runs one SPL search for an identity: resolve the time range, compile, execute, shape the result.

import { randomUUID } from 'node:crypto';
import type { Diagnostic } from '../spl/diagnostics.ts';
import { diagnostic, positionDiagnostic } from '../spl/diagnostics.ts';
import type { PositionedDiagnostic } from '../spl/diagnostics.ts';
import { compile } from '../spl/compile.ts';
import type { MacroRegistry } from '../spl/macros/index.ts';
import { isValidTimeZone, resolveTime } from '../spl/time.ts';
import type { Store } from '../store/index.ts';
import { expandSeries } from './series.ts';

export interface SplRequest {
  readonly query: string;
  readonly earliest?: string | number;
  readonly latest?: string | number;
  readonly limit?: number;
  readonly timezone?: string;
}

export interface SplResponse {
  readonly columns: { name: string; type: string }[];
  readonly rows: unknown[][];
  readonly meta: {
    readonly queryId: string;
    readonly sql: string;
    readonly params: Record<string, unknown>;
    readonly elapsedMs: number;
    readonly rowsRead: number;
    readonly truncated: boolean;
    readonly earliest: string | null;
    readonly latest: string | null;
  };
}

export interface QueryLimits {
  /** Rows returned when the request names no limit, and the most it may ask for. */
  readonly defaultRows: number;
  readonly maxRows: number;
  /** ClickHouse `max_execution_time`, seconds. */
  readonly maxExecutionSeconds: number;
}

export const defaultQueryLimits: QueryLimits = {
  defaultRows: 10_000,
  maxRows: 100_000,
  maxExecutionSeconds: 60,
};

/** A user mistake in the request or the SPL: becomes `400 { errors }`. */
export class QueryInputError extends Error {
  readonly errors: readonly PositionedDiagnostic[];
  constructor(errors: readonly PositionedDiagnostic[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'QueryInputError';
    this.errors = errors;
  }
}

function requestError(message: string): QueryInputError {
  return new QueryInputError([positionDiagnostic('', diagnostic('semantic', message, { start: 0, end: 0 }))]);
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
 * Compiles and runs `req.query` for tenant `orgId`. The default range is the last 24 hours; `earliest=`
 * and `latest=` inside the search override it.
 */
export async function runSpl(
  store: Store,
  orgId: string,
  req: SplRequest,
  opts: { limits?: QueryLimits; nowMs?: number; signal?: AbortSignal; macros?: MacroRegistry } = {},
): Promise<SplResponse> {
  const limits = opts.limits ?? defaultQueryLimits;
  const nowMs = opts.nowMs ?? Date.now();
  const tz = req.timezone ?? 'UTC';
  if (!isValidTimeZone(tz)) throw requestError(`unknown time zone \`${tz}\``);
  const limit = req.limit ?? limits.defaultRows;
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.maxRows) {
    throw requestError(`\`limit\` must be a whole number from 1 to ${limits.maxRows}`);
  }
  const earliestMs = resolveBound(req.earliest, '-24h', nowMs, tz);
  const latestMs = resolveBound(req.latest, 'now', nowMs, tz);
  const compiled = compile(req.query, {
    orgId,
    earliestMs,
    latestMs,
    nowMs,
    timeZone: tz,
    maxRows: limit,
    // In the statement itself: no per-query SET round trips on the embedded engine.
    settings: { max_execution_time: limits.maxExecutionSeconds },
    ...(opts.macros ? { macros: opts.macros } : {}),
  });
  if (!compiled.ok)
    throw new QueryInputError(compiled.errors.map((d: Diagnostic) => positionDiagnostic(req.query, d)));
  const queryId = randomUUID();
  const result = await store.query({
    sql: compiled.sql.sql,
    params: compiled.sql.params,
    queryId,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const truncated = result.rows.length > limit;
  const shaped = expandSeries(result.columns, truncated ? result.rows.slice(0, limit) : result.rows);
  const rows = numbersAsNumbers(shaped.columns, shaped.rows);
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
      earliest: iso(compiled.plan.earliestMs),
      latest: iso(compiled.plan.latestMs),
    },
  };
}
