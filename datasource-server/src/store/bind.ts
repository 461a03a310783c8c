// Query parameters for chDB bound as session `SET param_…` statements, so searches run concurrently.
//
// Why: chdb-node 3.4 sends every parameterized statement (`queryBindAsync`, which chdb/connection uses
// whenever `query_params` is non-empty) through ONE process-wide promise chain (`globalParamChain` in
// node_modules/chdb/index.js), because libchdb's per-call parameter set/reset
// (`chdb_query_with_params`) is not isolated between connections. Every search carries parameters, so
// every search in the process ran one at a time, whatever the pool size. Statements without
// `query_params` go through `queryAsync`, which is not chained and runs on its own connection in
// parallel. `SET param_<name> = '<value>'` sets a parameter in the connection's own session, the way
// clickhouse-client does, so the values stay out of the statement's text and out of the shared state.

/** A parameter name ClickHouse accepts in `{name:Type}` (and that we may put after `param_`). */
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A value in the text form ClickHouse parses a query parameter from: the same as @clickhouse/client
 * sends as `param_<name>` over HTTP (strings escaped TSV-style; inside arrays, quoted literals).
 */
export function paramText(value: unknown, nested = false): string {
  if (value === null || value === undefined) return nested ? 'NULL' : '\\N';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (value === Infinity) return '+inf';
    if (value === -Infinity) return '-inf';
    return String(value);
  }
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return nested ? (value ? 'TRUE' : 'FALSE') : value ? '1' : '0';
  if (typeof value === 'string') {
    const escaped = value.replace(/[\t\n\r'\\]/g, (c) => ESCAPES[c] ?? c);
    return nested ? `'${escaped}'` : escaped;
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    const seconds = String(Math.floor(ms / 1000)).padStart(10, '0');
    const frac = ((ms % 1000) + 1000) % 1000;
    return frac === 0 ? seconds : `${seconds}.${String(frac).padStart(3, '0')}`;
  }
  if (Array.isArray(value)) return `[${value.map((v: unknown) => paramText(v, true)).join(',')}]`;
  if (value instanceof Map) return mapText([...value.entries()]);
  if (typeof value === 'object') return mapText(Object.entries(value));
  throw new TypeError(`unsupported query parameter value of type ${typeof value}`);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  "'": "\\'",
  '\\': '\\\\',
};

function mapText(entries: [unknown, unknown][]): string {
  return `{${entries.map(([k, v]) => `${paramText(k, true)}:${paramText(v, true)}`).join(',')}}`;
}

/** `'…'`: a ClickHouse string literal (backslash and quote escaped; everything else as it is). */
export function stringLiteral(s: string): string {
  return `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/**
 * `SET param_a = '…'; SET param_b = '…'; <sql>`: the statement with its parameters set in the session
 * first. The engine parses each statement against `max_query_size` (256 KiB by default), so a long
 * value raises it for the statements that follow (the SQL's own text is bounded by the compiler).
 *
 * @example
 * withSessionParams('SELECT {p0:String}', { p0: "it's" })
 * // => "SET param_p0 = 'it\\'s'; SELECT {p0:String}"
 */
export function withSessionParams(
  sql: string,
  params: Readonly<Record<string, unknown>> | undefined,
): string {
  if (params === undefined) return sql;
  const assignments: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (!PARAM_NAME.test(name)) throw new Error(`invalid query parameter name ${JSON.stringify(name)}`);
    assignments.push(`param_${name} = ${stringLiteral(paramText(value))}`);
  }
  if (assignments.length === 0) return sql;
  // One SET for all of them: the engine runs each statement of the text on its own (~1 ms apiece).
  const set = `SET ${assignments.join(', ')}`;
  const bytes = Buffer.byteLength(set);
  if (bytes + 1024 <= DEFAULT_MAX_QUERY_SIZE) return `${set}; ${sql}`;
  // Each statement is parsed on its own: raise the limit for the SET only, and put it back for the
  // statement itself (a SET outlives the call on the session).
  return `SET max_query_size = ${bytes + 1024}; ${set}; SET max_query_size = ${DEFAULT_MAX_QUERY_SIZE}; ${sql}`;
}

/** ClickHouse's default `max_query_size` (bytes of one statement's text the parser reads). */
export const DEFAULT_MAX_QUERY_SIZE = 262_144;
