// Service configuration: read once from the environment, typed and validated at startup.

import os from 'node:os';
import type { HecAckLimits } from './ingest/hec-ack.ts';
import type { OrgRateLimits, RateLimitConfig } from './limits/rate.ts';
import { isOrgId, looksLikeJwt } from './auth/shapes.ts';
import type { Role } from './auth/types.ts';
import { isRole } from './auth/types.ts';
import { parseSpan } from '@nexus/spl';

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
  /**
   * CLICKHOUSE_QUERY_USER / CLICKHOUSE_QUERY_PASSWORD: the read-only user searches run as, under a
   * restrictive row policy on the tenant tables (src/store/row-policy.ts); undefined = searches run as `user`.
   */
  readonly queryUser: { readonly name: string; readonly password: string } | undefined;
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
    /** How long a committed request is remembered so that its retry adds no rows (ingest/ledger.ts); 0 = off. */
    readonly dedupWindowMs: number;
    /** Upper bound on the requests remembered. */
    readonly dedupMaxKeys: number;
  };
  /** Bounds of the in-memory HEC indexer-acknowledgement state (src/ingest/hec-ack.ts). */
  readonly hecAck: HecAckLimits;
  /** Connections used for queries (a chDB connection runs one query at a time). */
  readonly queryPoolSize: number;
  /** Guardrails every search runs under. */
  readonly query: QueryGuardrails;
  /** Admins of this organisation manage every tenant (tokens of other orgs, bans, limits). */
  readonly operatorOrg: string;
  /** macros.conf files whose search macros every query may call (NEXUS_MACROS, comma-separated). */
  readonly macroFiles: readonly string[];
  /** Upper bound for a graceful shutdown (SIGTERM) before the process gives up. */
  readonly shutdownTimeoutMs: number;
  /** REDIS_URL: where per-tenant rate limits are counted, shared by every instance; unset = in memory. */
  readonly redisUrl: string | undefined;
  /** Per-tenant rate limits: defaults and per-org overrides (src/limits/rate.ts). */
  readonly rateLimit: RateLimitConfig;
  /** OIDC / JWT bearer authentication; undefined (off) when OIDC_ISSUER and OIDC_JWKS_URL are unset. */
  readonly oidc: OidcConfig | undefined;
  /** Kafka buffering of ingestion; undefined (off, rows go straight to ClickHouse) without KAFKA_BROKERS. */
  readonly kafka: KafkaConfig | undefined;
  /** Where metric samples go and are read from: VictoriaMetrics (METRICS_URL) or the `metrics` table. */
  readonly metrics: MetricsConfig;
}

/**
 * METRICS_*: without METRICS_URL samples go to the embedded `metrics` table. With it they go to
 * VictoriaMetrics, tenants kept apart by an `org_id` label (`label`, single-node VictoriaMetrics) or by a
 * VictoriaMetrics cluster accountID per org (`account`; the ids come from METRICS_ACCOUNTS).
 */
export interface MetricsConfig {
  /** VictoriaMetrics base URL without a trailing slash; undefined = the embedded table. */
  readonly url: string | undefined;
  readonly tenancy: 'label' | 'account';
  /** `account` mode: org id → VictoriaMetrics accountID (METRICS_ACCOUNTS=`acme:1,globex:2`). */
  readonly accounts: ReadonlyMap<string, number>;
  /** Per request to VictoriaMetrics; past it ingestion answers 503, reads 503. */
  readonly timeoutMs: number;
}

export interface KafkaConfig {
  /** KAFKA_BROKERS: `host:port`, comma-separated. */
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly clientId: string;
  /** KAFKA_GROUP_ID: the consumer group that inserts into ClickHouse. */
  readonly groupId: string;
  /** KAFKA_CONSUMER: run the consumer inside nexus-api (`on`), or only as `nexus consumer` (`off`). */
  readonly consumer: boolean;
  /** Largest message value produced; a request's rows are split into messages under it. */
  readonly maxMessageBytes: number;
  readonly compression: 'gzip' | 'none';
  /** Longest wait for Kafka's acknowledgement before ingestion answers 503. */
  readonly sendTimeoutMs: number;
  /** A consumer silent this long leaves the group and its partitions move to another member. */
  readonly sessionTimeoutMs: number;
  readonly ssl: boolean;
  readonly sasl:
    | { readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string }
    | undefined;
}

export interface OidcConfig {
  /** The tokens' `iss`, exactly; also where discovery starts (`<issuer>/.well-known/openid-configuration`). */
  readonly issuer: string;
  /** OIDC_JWKS_URL: the key set, skipping discovery; undefined → discovery's `jwks_uri`. */
  readonly jwksUrl: string | undefined;
  /** Accepted `aud` values (a token must carry one of them). */
  readonly audience: readonly string[];
  /** Accepted signature algorithms, asymmetric only. */
  readonly algorithms: readonly string[];
  readonly clockToleranceSec: number;
  /** Claim paths, dotted (`realm_access.roles`); a claim whose literal name matches is taken first. */
  readonly orgClaim: string;
  readonly roleClaim: string;
  /** IdP role name → Nexus role. */
  readonly roleMap: ReadonlyMap<string, Role>;
  /** Org for tokens without the org claim; undefined → such tokens are rejected. */
  readonly defaultOrg: string | undefined;
  /** Minimum time between two JWKS fetches caused by an unknown `kid`. */
  readonly jwksCooldownMs: number;
}

export interface QueryGuardrails {
  /** Longest time range one (sub)search may cover, as configured (`90d`), or undefined for no limit. */
  readonly maxRange: { readonly ms: number; readonly text: string } | undefined;
  /** ClickHouse `max_memory_usage` per query, bytes; undefined leaves the engine's own limit. */
  readonly maxMemoryBytes: number | undefined;
  /** ClickHouse `max_execution_time`, seconds; a request may ask for less, never more. */
  readonly maxExecutionSeconds: number;
  /** Searches one tenant may run at once on one instance; more get 429 (per-tenant override in `tenants`). */
  readonly maxConcurrent: number;
  /**
   * Query connections one tenant may hold at once (NEXUS_QUERY_TENANT_CONNECTIONS, default half the pool): its
   * further searches wait in its own queue, so another tenant always finds a connection.
   */
  readonly tenantConnections: number;
  /** Longest SPL text a search may have, in characters (NEXUS_QUERY_MAX_LENGTH); longer gets 413. */
  readonly maxQueryLength: number;
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
  const queryUserName = str(env, 'CLICKHOUSE_QUERY_USER', '');
  if (url === '') {
    if (queryUserName !== '') {
      throw new ConfigError(
        'CLICKHOUSE_QUERY_USER needs CLICKHOUSE_URL: row policies exist only on a ClickHouse server, not on the embedded store',
      );
    }
    return undefined;
  }
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
  const user = str(env, 'CLICKHOUSE_USER', 'default');
  let queryUser: ClickHouseServerConfig['queryUser'];
  if (queryUserName !== '') {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(queryUserName)) {
      throw new ConfigError(
        `CLICKHOUSE_QUERY_USER must be a plain identifier, got ${JSON.stringify(queryUserName)}`,
      );
    }
    if (queryUserName === user) {
      throw new ConfigError(
        'CLICKHOUSE_QUERY_USER must differ from CLICKHOUSE_USER: the row policy would hide every row from the service itself',
      );
    }
    const password = env['CLICKHOUSE_QUERY_PASSWORD'] ?? '';
    if (password.length < 16) {
      throw new ConfigError(
        'CLICKHOUSE_QUERY_PASSWORD must be set (16 characters or more) with CLICKHOUSE_QUERY_USER',
      );
    }
    queryUser = { name: queryUserName, password };
  }
  return { url, user, password: env['CLICKHOUSE_PASSWORD'] ?? '', database, queryUser };
}

const fixedUnitMs: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** NEXUS_QUERY_MAX_RANGE: a Splunk span of fixed length (`90d`, `12h`, `2w`); unset, `0` or `none` = no limit. */
function maxRangeFrom(env: Env): QueryGuardrails['maxRange'] {
  return fixedSpanFrom(env, 'NEXUS_QUERY_MAX_RANGE', '');
}

/** A Splunk span of fixed length read from `name`; unset (and no fallback), `0` or `none` = undefined. */
function fixedSpanFrom(env: Env, name: string, fallback: string): { ms: number; text: string } | undefined {
  const v = str(env, name, fallback);
  if (v === '' || v === '0' || v.toLowerCase() === 'none') return undefined;
  const span = parseSpan(v);
  const unitMs = span ? fixedUnitMs[span.unit] : undefined;
  if (!span || unitMs === undefined) {
    throw new ConfigError(
      `${name} must be a span such as 90d, 12h or 2w (units s, m, h, d, w), or none, got ${JSON.stringify(v)}`,
    );
  }
  return { ms: span.count * unitMs, text: v };
}

const byteUnits: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** A size in bytes, optionally with a unit (`2GiB`, `500MB`, `1048576`); undefined when malformed. */
function parseSize(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(v);
  const unit = m ? byteUnits[(m[2] ?? '').toLowerCase()] : undefined;
  return m && unit !== undefined ? Math.round(Number(m[1]) * unit) : undefined;
}

/**
 * The default memory limit of one search: the searches that can run at once (one per pool connection)
 * share a sixth of the machine's memory, leaving the rest to ingestion, merges, the page cache and Node.
 * 24 GiB and the default pool of 8 give 512 MiB a search. Never below 256 MiB.
 */
export function defaultQueryMemory(totalBytes: number, poolSize: number): number {
  return Math.max(256 * MiB, Math.floor(totalBytes / 6 / poolSize / MiB) * MiB);
}

/**
 * NEXUS_QUERY_MAX_MEMORY: bytes, optionally with a unit (`2GiB`, `500MB`); `0` = the engine's own; unset =
 * {@link defaultQueryMemory} of this machine.
 */
function maxMemoryFrom(env: Env, poolSize: number): number | undefined {
  const name = 'NEXUS_QUERY_MAX_MEMORY';
  const v = str(env, name, '');
  if (v === '') return defaultQueryMemory(os.totalmem(), poolSize);
  const bytes = parseSize(v);
  if (bytes === undefined) {
    throw new ConfigError(
      `${name} must be a size in bytes such as 2GiB, 500MB or 1073741824, got ${JSON.stringify(v)}`,
    );
  }
  if (bytes === 0) return undefined;
  if (bytes < MiB) throw new ConfigError(`${name} must be at least 1MiB (or 0 for no limit), got ${v}`);
  return bytes;
}

/** REDIS_URL: `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS); unset = limits in memory. */
function redisUrlFrom(env: Env): string | undefined {
  const v = str(env, 'REDIS_URL', '');
  if (v === '') return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(v);
  } catch {
    parsed = undefined;
  }
  if (parsed?.protocol !== 'redis:' && parsed?.protocol !== 'rediss:') {
    throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  }
  return v;
}

/** 1 TiB/s: far above any real limit, and rate × window stays an exact integer. */
const MAX_RATE = 2 ** 40;

/** A rate from the environment or the overrides: a whole number (a size for bytes: `10MiB`); 0 = off. */
function rateValue(name: string, v: unknown, what: 'rps' | 'bytes'): number {
  const text = typeof v === 'string' ? v.trim() : undefined;
  const n =
    typeof v === 'number'
      ? v
      : text === undefined
        ? undefined
        : what === 'bytes'
          ? parseSize(text)
          : /^\d+$/.test(text)
            ? Number(text)
            : undefined;
  if (n === undefined || !Number.isInteger(n) || n < 0 || n > MAX_RATE) {
    const example = what === 'rps' ? 'a whole number of requests per second' : 'a size such as 10MiB';
    throw new ConfigError(`${name} must be ${example} (0 = no limit), got ${JSON.stringify(v)}`);
  }
  return n;
}

/**
 * NEXUS_RATE_LIMIT_RPS (default 100), NEXUS_RATE_LIMIT_INGEST_BYTES (default 10MiB per second) and
 * NEXUS_RATE_LIMIT_OVERRIDES, a JSON object `{"<org>": {"rps": 500, "ingestBytesPerSecond": "50MiB"}}`.
 */
function rateLimitFrom(env: Env): RateLimitConfig {
  const defaults: OrgRateLimits = {
    rps: rateValue('NEXUS_RATE_LIMIT_RPS', str(env, 'NEXUS_RATE_LIMIT_RPS', '100'), 'rps'),
    ingestBytesPerSecond: rateValue(
      'NEXUS_RATE_LIMIT_INGEST_BYTES',
      str(env, 'NEXUS_RATE_LIMIT_INGEST_BYTES', '10MiB'),
      'bytes',
    ),
  };
  const name = 'NEXUS_RATE_LIMIT_OVERRIDES';
  const raw = str(env, name, '');
  const overrides = new Map<string, Partial<OrgRateLimits>>();
  if (raw === '') return { defaults, overrides };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(
      `${name} must be a JSON object such as {"acme":{"rps":500,"ingestBytesPerSecond":"50MiB"}}`,
    );
  }
  for (const [org, entry] of Object.entries(parsed)) {
    const at = `${name}[${JSON.stringify(org)}]`;
    if (org === '' || typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new ConfigError(`${at} must be an object with rps and/or ingestBytesPerSecond`);
    }
    const o: { rps?: number; ingestBytesPerSecond?: number } = {};
    for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
      if (key === 'rps') o.rps = rateValue(`${at}.rps`, value, 'rps');
      else if (key === 'ingestBytesPerSecond') {
        o.ingestBytesPerSecond = rateValue(`${at}.ingestBytesPerSecond`, value, 'bytes');
      } else
        throw new ConfigError(`${at} has an unknown key ${JSON.stringify(key)} (rps, ingestBytesPerSecond)`);
    }
    overrides.set(org, o);
  }
  return { defaults, overrides };
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

/** NEXUS_OPERATOR_ORG: the organisation whose admins manage every tenant (default `default`). */
function operatorOrgFrom(env: Env): string {
  const v = str(env, 'NEXUS_OPERATOR_ORG', 'default');
  if (!isOrgId(v)) {
    throw new ConfigError(
      `NEXUS_OPERATOR_ORG must be an organisation id (letters, digits, _ . -), got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

/** Signature algorithms a JWT may use: asymmetric only (never `none`, never HS* keyed by a public key). */
export const OIDC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An https URL (http only on loopback, or everywhere with OIDC_ALLOW_HTTP=true). */
function oidcUrl(env: Env, name: string, allowHttp: boolean): string | undefined {
  const v = str(env, name, '');
  if (v === '') return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigError(`${name} is not a URL: ${JSON.stringify(v)}`);
  }
  const httpOk = u.protocol === 'http:' && (allowHttp || LOOPBACK_HOSTS.has(u.hostname));
  if (u.protocol !== 'https:' && !httpOk) {
    throw new ConfigError(
      `${name} must be https:// (http:// only on localhost, or with OIDC_ALLOW_HTTP=true), got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

function list(env: Env, name: string, fallback: string): string[] {
  return str(env, name, fallback)
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

const DEFAULT_ROLE_MAP = 'admin=admin,editor=editor,viewer=viewer,ingest=ingest';

function roleMapFrom(env: Env): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const pair of list(env, 'OIDC_ROLE_MAP', DEFAULT_ROLE_MAP)) {
    const eq = pair.lastIndexOf('=');
    const from = pair.slice(0, eq).trim();
    const to = pair.slice(eq + 1).trim();
    if (eq <= 0 || !isRole(to)) {
      throw new ConfigError(
        `OIDC_ROLE_MAP must be idp-role=nexus-role pairs, comma-separated, with nexus-role one of admin, editor, viewer, ingest; got ${JSON.stringify(pair)}`,
      );
    }
    map.set(from, to);
  }
  return map;
}

const OIDC_VARS = [
  'OIDC_AUDIENCE',
  'OIDC_ALGORITHMS',
  'OIDC_CLOCK_TOLERANCE',
  'OIDC_ORG_CLAIM',
  'OIDC_ROLE_CLAIM',
  'OIDC_ROLE_MAP',
  'OIDC_DEFAULT_ORG',
  'OIDC_JWKS_COOLDOWN',
  'OIDC_ALLOW_HTTP',
];

/** OIDC_*: off unless OIDC_ISSUER is set; OIDC_JWKS_URL optionally skips discovery. */
function oidcFrom(env: Env): OidcConfig | undefined {
  const allowHttp = oneOf(env, 'OIDC_ALLOW_HTTP', ['true', 'false'], 'false') === 'true';
  const issuer = oidcUrl(env, 'OIDC_ISSUER', allowHttp);
  const jwksUrl = oidcUrl(env, 'OIDC_JWKS_URL', allowHttp);
  if (issuer === undefined) {
    if (jwksUrl !== undefined) {
      throw new ConfigError("OIDC_JWKS_URL is set without OIDC_ISSUER: set OIDC_ISSUER to the tokens' iss");
    }
    const stray = OIDC_VARS.find((n) => str(env, n, '') !== '');
    if (stray !== undefined) {
      throw new ConfigError(`${stray} is set but OIDC is off: set OIDC_ISSUER to turn it on`);
    }
    return undefined;
  }
  const audience = list(env, 'OIDC_AUDIENCE', '');
  if (audience.length === 0) {
    throw new ConfigError(
      'OIDC_AUDIENCE is required when OIDC_ISSUER is set (the aud tokens are issued for)',
    );
  }
  const algorithms = list(env, 'OIDC_ALGORITHMS', 'RS256,PS256,ES256');
  const bad = algorithms.find((a) => !(OIDC_ALGORITHMS as readonly string[]).includes(a));
  if (bad !== undefined || algorithms.length === 0) {
    throw new ConfigError(
      `OIDC_ALGORITHMS must list asymmetric algorithms among ${OIDC_ALGORITHMS.join(', ')}; got ${JSON.stringify(bad ?? '')}`,
    );
  }
  const defaultOrg = str(env, 'OIDC_DEFAULT_ORG', '');
  if (defaultOrg !== '' && !isOrgId(defaultOrg)) {
    throw new ConfigError(
      `OIDC_DEFAULT_ORG must be 1-64 characters of letters, digits, '_', '.', '-' (starting with a letter or digit), got ${JSON.stringify(defaultOrg)}`,
    );
  }
  return {
    issuer,
    jwksUrl,
    audience,
    algorithms,
    clockToleranceSec: int(env, 'OIDC_CLOCK_TOLERANCE', 30, 0, 300),
    orgClaim: str(env, 'OIDC_ORG_CLAIM', 'org_id'),
    roleClaim: str(env, 'OIDC_ROLE_CLAIM', 'realm_access.roles'),
    roleMap: roleMapFrom(env),
    defaultOrg: defaultOrg === '' ? undefined : defaultOrg,
    jwksCooldownMs: int(env, 'OIDC_JWKS_COOLDOWN', 30, 0, 3600) * 1000,
  };
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
  const oidc = oidcFrom(env);
  if (oidc !== undefined && looksLikeJwt(adminToken)) {
    throw new ConfigError('NEXUS_ADMIN_TOKEN must not look like a JWT (a.b.c) when OIDC is on');
  }
  const maxBodyBytes = int(env, 'NEXUS_MAX_BODY_BYTES', 16 * MiB, 10 * MiB, 1024 * MiB);
  const maxDecodedBytes = int(env, 'NEXUS_MAX_DECODED_BYTES', 64 * MiB, 10 * MiB, 4096 * MiB);
  const queryPoolSize = int(env, 'NEXUS_QUERY_POOL_SIZE', 8, 2, 64);
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
    ingest: {
      maxBodyBytes,
      maxDecodedBytes: Math.max(maxDecodedBytes, maxBodyBytes),
      dedupWindowMs: fixedSpanFrom(env, 'NEXUS_INGEST_DEDUP_WINDOW', '10m')?.ms ?? 0,
      dedupMaxKeys: int(env, 'NEXUS_INGEST_DEDUP_MAX_KEYS', 200_000, 1, 10_000_000),
    },
    hecAck: {
      maxChannels: int(env, 'NEXUS_HEC_ACK_MAX_CHANNELS', 100_000, 1, 10_000_000),
      maxChannelsPerOrg: int(env, 'NEXUS_HEC_ACK_MAX_CHANNELS_PER_ORG', 1_000, 1, 10_000_000),
      maxPendingPerChannel: int(env, 'NEXUS_HEC_ACK_MAX_PENDING_PER_CHANNEL', 10_000, 1, 10_000_000),
      maxPending: int(env, 'NEXUS_HEC_ACK_MAX_PENDING', 1_000_000, 1, 100_000_000),
      idleMs: int(env, 'NEXUS_HEC_ACK_IDLE_SECONDS', 600, 1, 86_400) * 1000,
    },
    queryPoolSize,
    query: {
      maxRange: maxRangeFrom(env),
      maxMemoryBytes: maxMemoryFrom(env, queryPoolSize),
      tenantConnections: int(
        env,
        'NEXUS_QUERY_TENANT_CONNECTIONS',
        Math.max(1, Math.floor(queryPoolSize / 2)),
        1,
        queryPoolSize,
      ),
      maxQueryLength: int(env, 'NEXUS_QUERY_MAX_LENGTH', 1_048_576, 1_024, 64 * 1_048_576),
      maxExecutionSeconds: int(env, 'NEXUS_QUERY_MAX_EXECUTION_TIME', 60, 1, 86_400),
      maxConcurrent: int(env, 'NEXUS_QUERY_MAX_CONCURRENT', 10, 1, 10_000),
    },
    operatorOrg: operatorOrgFrom(env),
    macroFiles: macroFilesFrom(env),
    shutdownTimeoutMs: int(env, 'NEXUS_SHUTDOWN_TIMEOUT_MS', 25_000, 1_000, 600_000),
    redisUrl: redisUrlFrom(env),
    rateLimit: rateLimitFrom(env),
    oidc,
    kafka: kafkaFrom(env),
    metrics: metricsFrom(env),
  };
}

/** METRICS_URL, METRICS_TENANCY, METRICS_ACCOUNTS, METRICS_TIMEOUT_MS. */
function metricsFrom(env: Env): MetricsConfig {
  const raw = str(env, 'METRICS_URL', '');
  let url: string | undefined;
  if (raw !== '') {
    let parsed: URL | undefined;
    try {
      parsed = new URL(raw);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      throw new ConfigError('METRICS_URL must be an http:// or https:// URL');
    }
    if (parsed.search !== '' || parsed.hash !== '') {
      throw new ConfigError('METRICS_URL must not have a query string or fragment');
    }
    url = raw.replace(/\/+$/, '');
  }
  const tenancy = oneOf(env, 'METRICS_TENANCY', ['label', 'account'], 'label');
  const accounts = new Map<string, number>();
  for (const pair of list(env, 'METRICS_ACCOUNTS', '')) {
    const m = /^([^:\s]+):(\d{1,10})$/.exec(pair);
    const id = Number(m?.[2]);
    // accountID 0 is VictoriaMetrics' default tenant (what unqualified writes land in): never a tenant's.
    if (m?.[1] === undefined || !Number.isSafeInteger(id) || id < 1 || id > 0xffffffff) {
      throw new ConfigError(
        `METRICS_ACCOUNTS must be org:accountID pairs (accountID 1..4294967295), got ${JSON.stringify(pair)}`,
      );
    }
    if (accounts.has(m[1])) throw new ConfigError(`METRICS_ACCOUNTS names ${m[1]} twice`);
    if ([...accounts.values()].includes(id)) {
      throw new ConfigError(`METRICS_ACCOUNTS gives accountID ${id} to two orgs`);
    }
    accounts.set(m[1], id);
  }
  return { url, tenancy, accounts, timeoutMs: int(env, 'METRICS_TIMEOUT_MS', 10_000, 100, 300_000) };
}

/** KAFKA_*: off unless KAFKA_BROKERS is set. */
function kafkaFrom(env: Env): KafkaConfig | undefined {
  const brokers = list(env, 'KAFKA_BROKERS', '');
  if (brokers.length === 0) return undefined;
  const bad = brokers.find(
    (b) => !/^[A-Za-z0-9._-]+:\d{1,5}$/.test(b) && !/^\[[0-9A-Fa-f:]+\]:\d{1,5}$/.test(b),
  );
  if (bad !== undefined) {
    throw new ConfigError(
      `KAFKA_BROKERS must be host:port pairs, comma-separated, got ${JSON.stringify(bad)}`,
    );
  }
  const topic = str(env, 'KAFKA_TOPIC', 'nexus-logs');
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(topic)) {
    throw new ConfigError(
      `KAFKA_TOPIC must be 1-249 letters, digits, '.', '_' or '-', got ${JSON.stringify(topic)}`,
    );
  }
  const mechanism = oneOf(
    env,
    'KAFKA_SASL_MECHANISM',
    ['none', 'plain', 'scram-sha-256', 'scram-sha-512'],
    'none',
  );
  const username = str(env, 'KAFKA_SASL_USERNAME', '');
  const password = env['KAFKA_SASL_PASSWORD'] ?? '';
  if (mechanism !== 'none' && (username === '' || password === '')) {
    throw new ConfigError(
      `KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required with KAFKA_SASL_MECHANISM=${mechanism}`,
    );
  }
  return {
    brokers,
    topic,
    clientId: str(env, 'KAFKA_CLIENT_ID', 'nexus-api'),
    groupId: str(env, 'KAFKA_GROUP_ID', 'nexus-ingest'),
    consumer: oneOf(env, 'KAFKA_CONSUMER', ['on', 'off'], 'on') === 'on',
    // Brokers refuse record batches over message.max.bytes (1 MiB by default); stay under it with room.
    maxMessageBytes: int(env, 'KAFKA_MAX_MESSAGE_BYTES', 900_000, 10_000, 100 * MiB),
    compression: oneOf(env, 'KAFKA_COMPRESSION', ['gzip', 'none'], 'gzip'),
    sendTimeoutMs: int(env, 'KAFKA_SEND_TIMEOUT_MS', 10_000, 1_000, 120_000),
    // Kafka's default group.min/max.session.timeout.ms bounds.
    sessionTimeoutMs: int(env, 'KAFKA_SESSION_TIMEOUT_MS', 30_000, 6_000, 300_000),
    ssl: oneOf(env, 'KAFKA_SSL', ['true', 'false'], 'false') === 'true',
    sasl: mechanism === 'none' ? undefined : { mechanism, username, password },
  };
}
