// Service configuration: read once from the environment, typed and validated at startup.

/** A configuration value that cannot be used; the message names the variable and what it accepts. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface ClickHouseServerConfig {
  readonly url: string;
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  /** chDB data directory (embedded mode). */
  readonly dataDir: string;
  /** Set when CLICKHOUSE_URL is set: the store talks HTTP to that server instead of embedding chDB. */
  readonly clickhouse: ClickHouseServerConfig | undefined;
  /** Bootstrap admin token; when unset one is generated on first start. */
  readonly adminToken: string | undefined;
  readonly logLevel: LogLevel;
  readonly retentionDays: number;
  readonly batch: {
    /** A batch is inserted as soon as it holds this many rows … */
    readonly maxRows: number;
    /** … or this long after its first row arrived. */
    readonly maxWaitMs: number;
    /** Rows waiting or being inserted; past this, ingestion answers 503 + Retry-After. */
    readonly maxQueuedRows: number;
  };
  readonly ingest: {
    /** Request body cap as sent on the wire (compressed or not); 413 above. */
    readonly maxBodyBytes: number;
    /** Cap after decompression; 413 above. */
    readonly maxDecodedBytes: number;
  };
  /** Connections used for queries (a chDB connection runs one query at a time). */
  readonly queryPoolSize: number;
  /** macros.conf files whose search macros every query may call (NEXUS_MACROS, comma-separated). */
  readonly macroFiles: readonly string[];
  /** Upper bound for a graceful shutdown (SIGTERM) before the process gives up. */
  readonly shutdownTimeoutMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

const MiB = 1024 * 1024;

function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v.trim() === '' ? fallback : v.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const s = raw.trim();
  if (!/^\d+$/.test(s)) throw new ConfigError(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  const n = Number(s);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const v = str(env, name, fallback).toLowerCase();
  const found = allowed.find((a) => a === v);
  if (found === undefined) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  }
  return found;
}

function clickhouseFrom(env: Env): ClickHouseServerConfig | undefined {
  const url = str(env, 'CLICKHOUSE_URL', '');
  if (url === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`CLICKHOUSE_URL is not a URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(`CLICKHOUSE_URL must be http:// or https://, got ${parsed.protocol}`);
  }
  const database = str(env, 'CLICKHOUSE_DATABASE', 'default');
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) {
    throw new ConfigError(`CLICKHOUSE_DATABASE must be a plain identifier, got ${JSON.stringify(database)}`);
  }
  return {
    url,
    user: str(env, 'CLICKHOUSE_USER', 'default'),
    password: env['CLICKHOUSE_PASSWORD'] ?? '',
    database,
  };
}

/** The macros shipped with Nexus (ESCU's common ones), loaded unless NEXUS_MACROS says otherwise. */
export const bundledMacros = new URL('../macros/escu.conf', import.meta.url).pathname;

/** NEXUS_MACROS: unset → the bundled file; `none` → no macros; else comma-separated paths. */
function macroFilesFrom(env: Env): string[] {
  const v = env['NEXUS_MACROS'];
  if (v === undefined || v.trim() === '') return [bundledMacros];
  if (v.trim().toLowerCase() === 'none') return [];
  return v
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
}

/**
 * Reads and validates the configuration; throws {@link ConfigError} with a message naming the variable.
 *
 * @example loadConfig({ PORT: '9000' }).port // => 9000
 */
export function loadConfig(env: Env = process.env): Config {
  const adminToken = str(env, 'NEXUS_ADMIN_TOKEN', '');
  if (adminToken !== '' && adminToken.length < 16) {
    throw new ConfigError('NEXUS_ADMIN_TOKEN must be at least 16 characters');
  }
  const maxRows = int(env, 'NEXUS_BATCH_MAX_ROWS', 10_000, 1, 1_000_000);
  const maxQueuedRows = int(env, 'NEXUS_QUEUE_MAX_ROWS', 200_000, 1, 100_000_000);
  if (maxQueuedRows < maxRows) {
    throw new ConfigError(
      `NEXUS_QUEUE_MAX_ROWS (${maxQueuedRows}) must be >= NEXUS_BATCH_MAX_ROWS (${maxRows})`,
    );
  }
  const maxBodyBytes = int(env, 'NEXUS_MAX_BODY_BYTES', 16 * MiB, 10 * MiB, 1024 * MiB);
  const maxDecodedBytes = int(env, 'NEXUS_MAX_DECODED_BYTES', 64 * MiB, 10 * MiB, 4096 * MiB);
  return {
    port: int(env, 'PORT', 8080, 0, 65535),
    host: str(env, 'HOST', '0.0.0.0'),
    dataDir: str(env, 'NEXUS_DATA_DIR', './data'),
    clickhouse: clickhouseFrom(env),
    adminToken: adminToken === '' ? undefined : adminToken,
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'], 'info'),
    retentionDays: int(env, 'NEXUS_RETENTION_DAYS', 30, 1, 36_500),
    batch: {
      maxRows,
      maxWaitMs: int(env, 'NEXUS_BATCH_MAX_WAIT_MS', 200, 1, 60_000),
      maxQueuedRows,
    },
    ingest: { maxBodyBytes, maxDecodedBytes: Math.max(maxDecodedBytes, maxBodyBytes) },
    queryPoolSize: int(env, 'NEXUS_QUERY_POOL_SIZE', 4, 2, 64),
    macroFiles: macroFilesFrom(env),
    shutdownTimeoutMs: int(env, 'NEXUS_SHUTDOWN_TIMEOUT_MS', 25_000, 1_000, 600_000),
  };
}
