// The store's typed failures: a query stopped by a ClickHouse guardrail, or cancelled because its caller left.

/** ClickHouse stopped the query at one of its limits (`max_memory_usage`, `max_execution_time`). */
export class QueryLimitError extends Error {
  override readonly name = 'QueryLimitError';
  constructor(
    readonly limit: 'memory' | 'time',
    /** The engine's own words, e.g. `would use 12.61 MiB …, maximum: 9.54 MiB`. */
    readonly detail: string,
  ) {
    super(`query ${limit === 'memory' ? 'memory' : 'time'} limit exceeded: ${detail}`);
  }
}

/** The query was cancelled (its signal aborted) and stopped in the engine. */
export class QueryCancelledError extends Error {
  override readonly name = 'QueryCancelledError';
}

/**
 * ClickHouse error codes: MEMORY_LIMIT_EXCEEDED, TIMEOUT_EXCEEDED, TOO_SLOW (the estimate says it would
 * exceed `max_execution_time`), QUERY_WAS_CANCELLED.
 */
const MEMORY_LIMIT_EXCEEDED = '241';
const TIMEOUT_EXCEEDED = '159';
const TOO_SLOW = '160';
const QUERY_WAS_CANCELLED = '394';

/** The numeric code of a ClickHouse error (`ClickHouseError.code`, a string), from either client copy. */
function clickhouseCode(err: unknown): string | undefined {
  if (!(err instanceof Error) || !('code' in err)) return undefined;
  const code: unknown = err.code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}

/** Maps an engine error to the store's typed errors; anything else is returned unchanged. */
export function classifyQueryError(err: unknown, signal: AbortSignal | undefined): unknown {
  const code = clickhouseCode(err);
  const detail = err instanceof Error ? err.message.trim() : String(err);
  if (code === MEMORY_LIMIT_EXCEEDED) return new QueryLimitError('memory', detail);
  if (code === TIMEOUT_EXCEEDED || code === TOO_SLOW) return new QueryLimitError('time', detail);
  if (code === QUERY_WAS_CANCELLED || signal?.aborted === true) {
    return new QueryCancelledError('the query was cancelled: its caller went away', { cause: err });
  }
  return err;
}
