// Telling an INSERT the engine refused for its data (never worth retrying) from a store that is failing.

/**
 * ClickHouse error codes that mean "these rows cannot be parsed or stored", whatever the server's state:
 * CANNOT_PARSE_TEXT (6), CANNOT_PARSE_ESCAPE_SEQUENCE (25), CANNOT_PARSE_QUOTED_STRING (26),
 * CANNOT_PARSE_INPUT_ASSERTION_FAILED (27), CANNOT_PARSE_DATE (38), CANNOT_PARSE_DATETIME (41),
 * TYPE_MISMATCH (53), CANNOT_CONVERT_TYPE (70), CANNOT_PARSE_NUMBER (72), INCORRECT_DATA (117),
 * TOO_LARGE_STRING_SIZE (131), CANNOT_PARSE_UUID (376), CANNOT_PARSE_BOOL (467).
 */
const DATA_ERROR_CODES = new Set([6, 25, 26, 27, 38, 41, 53, 70, 72, 117, 131, 376, 467]);

/** The ClickHouse error code of `err`: its `code` property (HTTP client) or the `Code: N.` of its text (chDB). */
export function clickhouseErrorCode(err: unknown): number | undefined {
  if (!(err instanceof Error)) return undefined;
  const own: unknown = (err as { code?: unknown }).code;
  if (typeof own === 'number') return own;
  if (typeof own === 'string' && /^\d+$/.test(own)) return Number(own);
  const m = /\bCode: (\d+)\./.exec(err.message);
  return m === null ? undefined : Number(m[1]);
}

/**
 * True when the engine refused the rows themselves (a bad escape, a value the column cannot parse): the same
 * rows fail again on any retry, so the request that sent them must be told (4xx), never asked to retry.
 *
 * @example isDataRefusal(new Error('Code: 25. DB::Exception: Cannot parse escape sequence')) // => true
 */
export function isDataRefusal(err: unknown): boolean {
  const code = clickhouseErrorCode(err);
  return code !== undefined && DATA_ERROR_CODES.has(code);
}

/** The engine's reason, on one line and short enough for a client's error body. */
export function refusalReason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
