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

/**
 * The engine refused the statement for what it asks, not for a fault of its own: too large or too deep to
 * parse, a regular expression RE2 cannot compile, a type the statement cannot use. Re-sending it cannot
 * succeed; the search must change (a 400 at the search, never a 5xx).
 */
export class QueryRefusedError extends Error {
  override readonly name = 'QueryRefusedError';
  constructor(
    /** `size`: past `max_query_size` or `max_parser_depth`/`max_ast_depth`; `statement`: anything else. */
    readonly reason: 'size' | 'statement',
    readonly code: string,
    readonly detail: string,
  ) {
    super(`ClickHouse refused the statement (code ${code}): ${detail}`);
  }
}

/**
 * ClickHouse error codes of a statement that cannot run as written. Size and depth: SYNTAX_ERROR (62, also
 * "Max query size exceeded"), TOO_DEEP_AST (167), TOO_BIG_AST (168), TOO_DEEP_RECURSION (306, "Maximum
 * parse depth"). The statement itself: CANNOT_PARSE_TEXT (6), CANNOT_PARSE_INPUT_ASSERTION_FAILED (27),
 * BAD_ARGUMENTS (36), CANNOT_PARSE_DATE (38), CANNOT_PARSE_DATETIME (41), NUMBER_OF_ARGUMENTS_DOESNT_MATCH
 * (42), ILLEGAL_TYPE_OF_ARGUMENT (43), ILLEGAL_COLUMN (44), TYPE_MISMATCH (53), ARGUMENT_OUT_OF_BOUND (69),
 * CANNOT_CONVERT_TYPE (70), CANNOT_PARSE_NUMBER (72), TOO_LARGE_ARRAY_SIZE (128), TOO_LARGE_STRING_SIZE
 * (131), ILLEGAL_DIVISION (153), SIZES_OF_ARRAYS_DONT_MATCH (190), VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
 * (321), NO_COMMON_TYPE (386), CANNOT_COMPILE_REGEXP (427), INVALID_LIMIT_EXPRESSION (440).
 */
const SIZE_CODES = new Set(['62', '167', '168', '306']);
const STATEMENT_CODES = new Set([
  '6',
  '27',
  '36',
  '38',
  '41',
  '42',
  '43',
  '44',
  '53',
  '69',
  '70',
  '72',
  '128',
  '131',
  '153',
  '190',
  '321',
  '386',
  '427',
  '440',
]);

/**
 * The statement stopped itself with a message for the user (`throwIf` in the SQL: `require` with no
 * results, `streamstats time_window` over results out of time order): `message` is that message.
 */
export class QueryStoppedError extends Error {
  override readonly name = 'QueryStoppedError';
}

/** ClickHouse's FUNCTION_THROW_IF_VALUE_IS_NON_ZERO: a `throwIf` of the statement fired. */
const THROW_IF = '395';

/** The message a `throwIf` was given, from the engine's text (`[… DB::Exception: ]<message>: while executing …`). */
function thrownMessage(detail: string): string {
  const m = /^(?:[\s\S]*?DB::Exception: )?([\s\S]*?): while executing 'FUNCTION throwIf/.exec(detail);
  return m?.[1] ?? detail;
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
  if (code === THROW_IF) return new QueryStoppedError(thrownMessage(detail), { cause: err });
  if (code === MEMORY_LIMIT_EXCEEDED) return new QueryLimitError('memory', detail);
  if (code === TIMEOUT_EXCEEDED || code === TOO_SLOW) return new QueryLimitError('time', detail);
  if (code !== undefined && SIZE_CODES.has(code)) return new QueryRefusedError('size', code, detail);
  if (code !== undefined && STATEMENT_CODES.has(code))
    return new QueryRefusedError('statement', code, detail);
  if (code === QUERY_WAS_CANCELLED || signal?.aborted === true) {
    return new QueryCancelledError('the query was cancelled: its caller went away', { cause: err });
  }
  return err;
}
