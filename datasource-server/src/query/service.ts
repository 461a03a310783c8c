// Runs one SPL search for an identity: resolve the time range, compile, execute, shape the result.

import { randomUUID } from 'node:crypto';
import type { Diagnostic } from '../spl/diagnostics.ts';
import { diagnostic, positionDiagnostic } from '../spl/diagnostics.ts';
import type { PositionedDiagnostic } from '../spl/diagnostics.ts';
import { compile } from '../spl/compile.ts';
import type { MacroRegistry } from '../spl/macros/index.ts';
import { isValidTimeZone, resolveTime } from '../spl/time.ts';
import type { QueryGuardrails } from '../config.ts';
import { QueryLimitError } from '../store/index.ts';
import type { QueryResult, Store } from '../store/index.ts';

export interface SplRequest {
  readonly query: string;
  readonly earliest?: string | number;
  readonly latest?: string | number;
  readonly limit?: number;
  readonly timezone?: string;
  /** Seconds the search may run: at most the server's `maxExecutionSeconds`, which is the default. */
  readonly timeout?: number;
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
  /** ClickHouse `max_execution_time`, seconds; a request may ask for less. */
  readonly maxExecutionSeconds: number;
  /** ClickHouse `max_memory_usage`, bytes; undefined leaves the engine's own. */
  readonly maxMemoryBytes?: number | undefined;
  /** The longest time range a search (and each subsearch) may cover. */
  readonly maxRange?: { readonly ms: number; readonly text: string } | undefined;
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

/**
 * A search that cannot run as asked: a mistake in the request or the SPL (`400 { errors }`), or a search
 * that went past a guardrail while running (`422 { errors }`: the request was fine, re-sending it will
 * not help, the search must ask for less).
 */
export class QueryInputError extends Error {
  readonly errors: readonly PositionedDiagnostic[];
  readonly status: 400 | 422;
  constructor(errors: readonly PositionedDiagnostic[], status: 400 | 422 = 400) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'QueryInputError';
    this.errors = errors;
    this.status = status;
  }
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
  const seconds = req.timeout ?? limits.maxExecutionSeconds;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > limits.maxExecutionSeconds) {
    throw requestError(
      `\`timeout\` must be a whole number of seconds from 1 to ${limits.maxExecutionSeconds}`,
    );
  }
  const earliestMs = resolveBound(req.earliest, '-24h', nowMs, tz);
  const latestMs = resolveBound(req.latest, 'now', nowMs, tz);
  const queryId = randomUUID();
  const compiled = compile(req.query, {
    orgId,
    earliestMs,
    latestMs,
    nowMs,
    timeZone: tz,
    maxRows: limit,
    // In the statement itself: chDB applies client-side settings with SET, which outlives the query.
    settings: {
      max_execution_time: seconds,
      ...(limits.maxMemoryBytes === undefined ? {} : { max_memory_usage: limits.maxMemoryBytes }),
    },
    queryTag: queryId,
    ...(limits.maxRange ? { maxRange: limits.maxRange } : {}),
    ...(opts.macros ? { macros: opts.macros } : {}),
  });
  if (!compiled.ok)
    throw new QueryInputError(compiled.errors.map((d: Diagnostic) => positionDiagnostic(req.query, d)));
  let result: QueryResult;
  try {
    result = await store.query({
      sql: compiled.sql.sql,
      params: compiled.sql.params,
      queryId,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (err) {
    if (err instanceof QueryLimitError) throw limitError(err, limits, seconds);
    throw err;
  }
  const truncated = result.rows.length > limit;
  const rows = numbersAsNumbers(result.columns, truncated ? result.rows.slice(0, limit) : result.rows);
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return {
    columns: result.columns,
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
