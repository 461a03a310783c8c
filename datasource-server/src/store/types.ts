// The store's public types: what the query route and the ingestion path see of ClickHouse.

/** A SQL statement with `{name:Type}` placeholders and the values bound to them. */
export interface QueryRequest {
  sql: string;
  params: Record<string, unknown>;
  /**
   * Letters, digits and `-` (a UUID); generated when absent. Aborting `signal` kills the statement by this
   * id: the server's query id, or on chDB (which assigns its own) the `log_comment` the statement must set.
   */
  queryId?: string;
  /** ClickHouse settings for this query only (e.g. `max_execution_time`). */
  settings?: Record<string, string | number>;
  signal?: AbortSignal;
  /**
   * The org a search runs for. On a server with a query user (CLICKHOUSE_QUERY_USER) the statement runs as
   * that user, whose row policy admits this org's rows only; elsewhere it changes nothing (the compiled
   * SQL carries the org filter either way).
   */
  tenant?: string;
}

/**
 * A result as column metadata plus rows of values in column order.
 * 64-bit integers (`UInt64`, `Int64`, e.g. `count()`) are decimal **strings**: we pin
 * `output_format_json_quote_64bit_integers = 1` so no value past 2^53 is silently rounded by
 * `JSON.parse`; convert with `Number()` where the column type says it is safe.
 * `DateTime64` values are `'YYYY-MM-DD hh:mm:ss.sss'` strings in the column's time zone.
 */
export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  /** Rows ClickHouse read (the `statistics.rows_read` of the JSONCompact response). */
  rowsRead: number;
  /** Wall-clock time of the statement, measured in Node, excluding the wait for a free connection. */
  elapsedMs: number;
}

/** A structured-field value as stored in the `fields` JSON column. */
export type FieldValue = string | number | boolean | FieldValue[] | { [key: string]: FieldValue };

/** One row of the `logs` table, as ingestion builds it. `org_id` always comes from the identity. */
export interface LogRow {
  org_id: string;
  index: string;
  /** Event time, epoch milliseconds (UTC). */
  _time: number;
  host: string;
  source: string;
  sourcetype: string;
  _raw: string;
  /** Flat map of field path → value (see ingest/fields.ts for the rules). */
  fields: Record<string, FieldValue>;
  /** The key of the request that wrote the row (ingest/ledger.ts); empty or absent when not keyed. */
  _request?: string;
}

/**
 * One sample of the `metrics` table (and of a VictoriaMetrics series). `org_id` always comes from the
 * identity; `labels` are the dimensions, never `__name__`, `org_id` or `index`.
 */
export interface MetricRow {
  org_id: string;
  index: string;
  metric_name: string;
  labels: Record<string, string>;
  /** Sample time, epoch milliseconds (UTC). */
  timestamp: number;
  /** A finite number (JSON, the VictoriaMetrics import format, has no NaN or Inf). */
  value: number;
}

export interface Store {
  /** Runs a read query on one of the pooled query connections. */
  query(req: QueryRequest): Promise<QueryResult>;
  /** Inserts rows into `logs` in ONE insert on the dedicated insert connection; resolves once committed. */
  insertLogs(rows: LogRow[], opts?: { dedupToken?: string }): Promise<void>;
  /** Inserts samples into `metrics` in ONE insert on the dedicated insert connection; resolves once committed. */
  insertMetrics(rows: MetricRow[], opts?: { dedupToken?: string }): Promise<void>;
  /** Inserts JSON rows into `table` in one INSERT (JSONEachRow), on a query connection. */
  insertRows(table: string, rows: readonly Record<string, unknown>[]): Promise<void>;
  /**
   * Answers once the engine or server answers `SELECT 1`, on a connection of its own: never waits behind
   * searches or inserts (the readiness probe). Rejects when the store is unreachable.
   */
  ping(): Promise<void>;
  /** Runs a statement that returns no rows (DDL, INSERT … SELECT, ALTER). */
  command(sql: string, params?: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
  readonly mode: 'embedded' | 'server';
  /**
   * CLICKHOUSE_CLUSTER: mutations address `mutationTarget(table, cluster)` (the replicated local tables ON
   * CLUSTER); reads and inserts go to the Distributed tables under the plain names. Undefined on one server.
   */
  readonly cluster?: string | undefined;
  /** True when searches with a `tenant` run as the row-policy query user. */
  readonly rowPolicy: boolean;
}
