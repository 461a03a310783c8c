// Service configuration: read once from the environment, typed and validated at startup.

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
}

type Env = Readonly<Record<string, string | undefined>>;

const MiB = 1024 * 1024;

function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v.trim() === '' ? fallback : v.trim();
}

// ── The settings: one declarative list ───────────────────────────────────────────────────────────
// Every environment variable nexus-api reads is declared here once: its type, default, range or values
// and a one-line description. The parsers below take defaults and bounds from this list, and
// docs/operating/configuration.md is generated from it (`npm run docs`; a test fails when the page is
// stale). To add a setting: add an entry here (in its section), read it in loadConfig with int/text/
// oneOf(env, 'NAME'), add the field to Config, and run `npm run docs`.

/** The page sections settings are grouped under, in page order. */
export const SETTING_SECTIONS = [
  'Server',
  'Storage',
  'Ingestion',
  'HEC indexer acknowledgement',
  'Search',
  'Tenants and rate limits',
  'Authentication (OIDC)',
  'Kafka buffering',
  'Metrics',
] as const;

interface SettingBase {
  readonly section: (typeof SETTING_SECTIONS)[number];
  readonly description: string;
}
/** A whole number in [min, max]. */
interface IntegerSetting extends SettingBase {
  readonly type: 'integer';
  readonly default: number;
  readonly min: number;
  readonly max: number;
}
/** One of a fixed list of words (case-insensitive). */
interface EnumSetting extends SettingBase {
  readonly type: 'enum';
  readonly default: string;
  readonly values: readonly string[];
}
/** Text with its own syntax (checked by its parser); `default: ''` means unset. */
interface TextSetting extends SettingBase {
  readonly type: 'string' | 'url' | 'size' | 'span' | 'list' | 'json' | 'secret' | 'path';
  readonly default: string;
  /** How the page shows the default when the literal default says little (e.g. `generated`). */
  readonly defaultText?: string;
}
export type Setting = IntegerSetting | EnumSetting | TextSetting;

export const SETTINGS = {
  PORT: {
    section: 'Server',
    type: 'integer',
    default: 8080,
    min: 0,
    max: 65535,
    description: 'TCP port nexus-api listens on (0 = any free port).',
  },
  HOST: {
    section: 'Server',
    type: 'string',
    default: '0.0.0.0',
    description: 'Address nexus-api listens on.',
  },
  LOG_LEVEL: {
    section: 'Server',
    type: 'enum',
    default: 'info',
    values: ['debug', 'info', 'warn', 'error'],
    description: 'Lowest level of the JSON log lines written to stdout.',
  },
  NEXUS_ADMIN_TOKEN: {
    section: 'Server',
    type: 'secret',
    default: '',
    defaultText: 'generated on first start',
    description:
      'Bootstrap admin token of org `default` (16 characters or more; not JWT-shaped when OIDC is on).',
  },
  NEXUS_SHUTDOWN_TIMEOUT_MS: {
    section: 'Server',
    type: 'integer',
    default: 25_000,
    min: 1_000,
    max: 600_000,
    description:
      'SIGTERM: stop accepting, flush batches, close the store, and exit within this many milliseconds.',
  },
  NEXUS_DATA_DIR: {
    section: 'Storage',
    type: 'path',
    default: './data',
    description: 'Data directory of the embedded ClickHouse (chDB).',
  },
  CLICKHOUSE_URL: {
    section: 'Storage',
    type: 'url',
    default: '',
    description: 'A ClickHouse server (`http://` or `https://`) to use instead of the embedded chDB.',
  },
  CLICKHOUSE_USER: {
    section: 'Storage',
    type: 'string',
    default: 'default',
    description: 'ClickHouse server user.',
  },
  CLICKHOUSE_PASSWORD: {
    section: 'Storage',
    type: 'secret',
    default: '',
    description: 'ClickHouse server password.',
  },
  CLICKHOUSE_DATABASE: {
    section: 'Storage',
    type: 'string',
    default: 'default',
    description: 'ClickHouse server database (a plain identifier).',
  },
  CLICKHOUSE_QUERY_USER: {
    section: 'Storage',
    type: 'string',
    default: '',
    description:
      'Server mode: the read-only user searches run as, under a tenant row policy (needs `CLICKHOUSE_URL`, differs from `CLICKHOUSE_USER`).',
  },
  CLICKHOUSE_QUERY_PASSWORD: {
    section: 'Storage',
    type: 'secret',
    default: '',
    description: 'Password of `CLICKHOUSE_QUERY_USER` (16 characters or more).',
  },
  NEXUS_RETENTION_DAYS: {
    section: 'Storage',
    type: 'integer',
    default: 30,
    min: 1,
    max: 36_500,
    description: 'TTL of the `logs` and `metrics` tables, in days: rows whose `_time` is older are deleted.',
  },
  NEXUS_BATCH_MAX_ROWS: {
    section: 'Ingestion',
    type: 'integer',
    default: 10_000,
    min: 1,
    max: 1_000_000,
    description: 'A batch is inserted as soon as it holds this many rows…',
  },
  NEXUS_BATCH_MAX_WAIT_MS: {
    section: 'Ingestion',
    type: 'integer',
    default: 200,
    min: 1,
    max: 60_000,
    description: '…or this many milliseconds after its first row arrived.',
  },
  NEXUS_QUEUE_MAX_ROWS: {
    section: 'Ingestion',
    type: 'integer',
    default: 200_000,
    min: 1,
    max: 100_000_000,
    description:
      'Rows waiting or being inserted; past this ingestion answers 503 with `Retry-After` (at least `NEXUS_BATCH_MAX_ROWS`).',
  },
  NEXUS_MAX_BODY_BYTES: {
    section: 'Ingestion',
    type: 'integer',
    default: 16 * MiB,
    min: 10 * MiB,
    max: 1024 * MiB,
    description: 'Request body cap as sent on the wire (compressed or not), bytes; 413 above.',
  },
  NEXUS_MAX_DECODED_BYTES: {
    section: 'Ingestion',
    type: 'integer',
    default: 64 * MiB,
    min: 10 * MiB,
    max: 4096 * MiB,
    description:
      'Request body cap after decompression, bytes (never below `NEXUS_MAX_BODY_BYTES`); 413 above.',
  },
  NEXUS_INGEST_DEDUP_WINDOW: {
    section: 'Ingestion',
    type: 'span',
    default: '10m',
    description:
      'How long a committed request is remembered so that its retry adds no rows (`0` or `none` = off).',
  },
  NEXUS_INGEST_DEDUP_MAX_KEYS: {
    section: 'Ingestion',
    type: 'integer',
    default: 200_000,
    min: 1,
    max: 10_000_000,
    description: 'Upper bound on the committed requests remembered.',
  },
  NEXUS_HEC_ACK_MAX_CHANNELS: {
    section: 'HEC indexer acknowledgement',
    type: 'integer',
    default: 100_000,
    min: 1,
    max: 10_000_000,
    description: 'Channels of every organisation.',
  },
  NEXUS_HEC_ACK_MAX_CHANNELS_PER_ORG: {
    section: 'HEC indexer acknowledgement',
    type: 'integer',
    default: 1_000,
    min: 1,
    max: 10_000_000,
    description: 'Channels of one organisation (channels are per organisation).',
  },
  NEXUS_HEC_ACK_MAX_PENDING_PER_CHANNEL: {
    section: 'HEC indexer acknowledgement',
    type: 'integer',
    default: 10_000,
    min: 1,
    max: 10_000_000,
    description: 'Statuses not yet queried plus requests in flight, per channel.',
  },
  NEXUS_HEC_ACK_MAX_PENDING: {
    section: 'HEC indexer acknowledgement',
    type: 'integer',
    default: 1_000_000,
    min: 1,
    max: 100_000_000,
    description: 'The same over every channel.',
  },
  NEXUS_HEC_ACK_IDLE_SECONDS: {
    section: 'HEC indexer acknowledgement',
    type: 'integer',
    default: 600,
    min: 1,
    max: 86_400,
    description:
      "A channel neither sent on nor queried for this many seconds is dropped (Splunk's `maxIdleTime`).",
  },
  NEXUS_QUERY_POOL_SIZE: {
    section: 'Search',
    type: 'integer',
    default: 4,
    min: 2,
    max: 64,
    description:
      'Connections used for searches (a chDB connection runs one query at a time; inserts have their own).',
  },
  NEXUS_QUERY_MAX_RANGE: {
    section: 'Search',
    type: 'span',
    default: '',
    defaultText: 'no limit',
    description:
      'Longest time range one search or subsearch may cover, a span of fixed length (`31d`, `12h`, `2w`); `0` or `none` = no limit.',
  },
  NEXUS_QUERY_MAX_MEMORY: {
    section: 'Search',
    type: 'size',
    default: '',
    defaultText: "the engine's own",
    description:
      "ClickHouse `max_memory_usage` per search (`2GiB`, `500MB`, at least 1MiB); `0` = the engine's own.",
  },
  NEXUS_QUERY_MAX_EXECUTION_TIME: {
    section: 'Search',
    type: 'integer',
    default: 60,
    min: 1,
    max: 86_400,
    description: 'Seconds a search may run (`max_execution_time`); a request may ask for less, never more.',
  },
  NEXUS_QUERY_MAX_CONCURRENT: {
    section: 'Search',
    type: 'integer',
    default: 10,
    min: 1,
    max: 10_000,
    description: 'Searches one tenant may run at once on one instance; more get 429.',
  },
  NEXUS_MACROS: {
    section: 'Search',
    type: 'list',
    default: '',
    defaultText: 'the bundled `macros/escu.conf`',
    description:
      'Comma-separated `macros.conf` files whose search macros every query may call; `none` = no macros.',
  },
  NEXUS_OPERATOR_ORG: {
    section: 'Tenants and rate limits',
    type: 'string',
    default: 'default',
    description: 'The organisation whose admins manage every tenant (letters, digits, `_ . -`).',
  },
  REDIS_URL: {
    section: 'Tenants and rate limits',
    type: 'url',
    default: '',
    defaultText: 'unset: counted in memory',
    description:
      'Where per-tenant rate limits are counted, shared by every instance: `redis://[user:password@]host:port[/db]` or `rediss://`.',
  },
  NEXUS_RATE_LIMIT_RPS: {
    section: 'Tenants and rate limits',
    type: 'string',
    default: '100',
    description: 'Requests per second per org on authenticated routes; `0` = off.',
  },
  NEXUS_RATE_LIMIT_INGEST_BYTES: {
    section: 'Tenants and rate limits',
    type: 'size',
    default: '10MiB',
    description: 'Ingest bytes per second per org, as received on the wire; `0` = off.',
  },
  NEXUS_RATE_LIMIT_OVERRIDES: {
    section: 'Tenants and rate limits',
    type: 'json',
    default: '',
    description:
      'Per-org limits: `{"acme":{"rps":500,"ingestBytesPerSecond":"50MiB"}}` (missing keys keep the default).',
  },
  OIDC_ISSUER: {
    section: 'Authentication (OIDC)',
    type: 'url',
    default: '',
    defaultText: 'unset: OIDC off',
    description:
      "The tokens' `iss`; https (http only on localhost, or with `OIDC_ALLOW_HTTP=true`). Turns JWT bearer authentication on.",
  },
  OIDC_AUDIENCE: {
    section: 'Authentication (OIDC)',
    type: 'list',
    default: '',
    defaultText: 'required with `OIDC_ISSUER`',
    description: 'Accepted `aud` values, comma-separated.',
  },
  OIDC_JWKS_URL: {
    section: 'Authentication (OIDC)',
    type: 'url',
    default: '',
    defaultText: "discovery's `jwks_uri`",
    description:
      "The key set URL, skipping discovery (e.g. Keycloak's internal address); needs `OIDC_ISSUER`.",
  },
  OIDC_ALGORITHMS: {
    section: 'Authentication (OIDC)',
    type: 'list',
    default: 'RS256,PS256,ES256',
    description:
      'Accepted signature algorithms, asymmetric only: `RS`/`PS`/`ES` `256`/`384`/`512`, `EdDSA`, `Ed25519`.',
  },
  OIDC_CLOCK_TOLERANCE: {
    section: 'Authentication (OIDC)',
    type: 'integer',
    default: 30,
    min: 0,
    max: 300,
    description: 'Seconds of leeway on `exp` and `nbf`.',
  },
  OIDC_ORG_CLAIM: {
    section: 'Authentication (OIDC)',
    type: 'string',
    default: 'org_id',
    description: 'Claim holding the org: a name (taken as is when it exists) or a dotted path.',
  },
  OIDC_ROLE_CLAIM: {
    section: 'Authentication (OIDC)',
    type: 'string',
    default: 'realm_access.roles',
    description: 'Claim holding the role names (a string or an array of strings), same rules.',
  },
  OIDC_ROLE_MAP: {
    section: 'Authentication (OIDC)',
    type: 'list',
    default: 'admin=admin,editor=editor,viewer=viewer,ingest=ingest',
    description: '`idp-role=nexus-role` pairs; setting it replaces the default.',
  },
  OIDC_DEFAULT_ORG: {
    section: 'Authentication (OIDC)',
    type: 'string',
    default: '',
    defaultText: 'unset: such tokens are refused',
    description: 'Org for tokens without the org claim.',
  },
  OIDC_JWKS_COOLDOWN: {
    section: 'Authentication (OIDC)',
    type: 'integer',
    default: 30,
    min: 0,
    max: 3600,
    description: 'Seconds between two key-set reloads caused by an unknown `kid`.',
  },
  OIDC_ALLOW_HTTP: {
    section: 'Authentication (OIDC)',
    type: 'enum',
    default: 'false',
    values: ['true', 'false'],
    description: 'Allow `http://` issuer and key-set URLs beyond localhost (a private network only).',
  },
  KAFKA_BROKERS: {
    section: 'Kafka buffering',
    type: 'list',
    default: '',
    defaultText: 'unset: Kafka off',
    description:
      '`host:port` pairs, comma-separated: ingestion writes to Kafka and a consumer inserts into ClickHouse.',
  },
  KAFKA_TOPIC: {
    section: 'Kafka buffering',
    type: 'string',
    default: 'nexus-logs',
    description: "Topic (1-249 letters, digits, '.', '_' or '-').",
  },
  KAFKA_CLIENT_ID: {
    section: 'Kafka buffering',
    type: 'string',
    default: 'nexus-api',
    description: 'Kafka client id.',
  },
  KAFKA_GROUP_ID: {
    section: 'Kafka buffering',
    type: 'string',
    default: 'nexus-ingest',
    description: 'The consumer group that inserts into ClickHouse.',
  },
  KAFKA_CONSUMER: {
    section: 'Kafka buffering',
    type: 'enum',
    default: 'on',
    values: ['on', 'off'],
    description: '`off`: nexus-api only produces; run `nexus consumer` separately.',
  },
  KAFKA_MAX_MESSAGE_BYTES: {
    section: 'Kafka buffering',
    type: 'integer',
    default: 900_000,
    min: 10_000,
    max: 100 * MiB,
    description:
      'Largest message value produced (brokers refuse batches over `message.max.bytes`, 1 MiB by default).',
  },
  KAFKA_COMPRESSION: {
    section: 'Kafka buffering',
    type: 'enum',
    default: 'gzip',
    values: ['gzip', 'none'],
    description: 'Compression of produced batches.',
  },
  KAFKA_SEND_TIMEOUT_MS: {
    section: 'Kafka buffering',
    type: 'integer',
    default: 10_000,
    min: 1_000,
    max: 120_000,
    description: "Longest wait for Kafka's acknowledgement before ingestion answers 503.",
  },
  KAFKA_SESSION_TIMEOUT_MS: {
    section: 'Kafka buffering',
    type: 'integer',
    default: 30_000,
    min: 6_000,
    max: 300_000,
    description: 'A consumer silent this long leaves the group and its partitions move to another member.',
  },
  KAFKA_SSL: {
    section: 'Kafka buffering',
    type: 'enum',
    default: 'false',
    values: ['true', 'false'],
    description: 'TLS to the brokers.',
  },
  KAFKA_SASL_MECHANISM: {
    section: 'Kafka buffering',
    type: 'enum',
    default: 'none',
    values: ['none', 'plain', 'scram-sha-256', 'scram-sha-512'],
    description: 'SASL authentication to the brokers.',
  },
  KAFKA_SASL_USERNAME: {
    section: 'Kafka buffering',
    type: 'string',
    default: '',
    description: 'SASL user (required with a mechanism).',
  },
  KAFKA_SASL_PASSWORD: {
    section: 'Kafka buffering',
    type: 'secret',
    default: '',
    description: 'SASL password (required with a mechanism).',
  },
  METRICS_URL: {
    section: 'Metrics',
    type: 'url',
    default: '',
    defaultText: 'unset: the `metrics` table',
    description: 'VictoriaMetrics base URL: metric samples go there and `mstats` reads them with PromQL.',
  },
  METRICS_TENANCY: {
    section: 'Metrics',
    type: 'enum',
    default: 'label',
    values: ['label', 'account'],
    description:
      'How tenants are kept apart in VictoriaMetrics: an `org_id` label, or a cluster accountID per org.',
  },
  METRICS_ACCOUNTS: {
    section: 'Metrics',
    type: 'list',
    default: '',
    description: '`account` mode: `org:accountID` pairs (`acme:1,globex:2`; accountID 1..4294967295).',
  },
  METRICS_TIMEOUT_MS: {
    section: 'Metrics',
    type: 'integer',
    default: 10_000,
    min: 100,
    max: 300_000,
    description: 'Per request to VictoriaMetrics; past it ingestion and reads answer 503.',
  },
} as const satisfies Readonly<Record<string, Setting>>;

export type SettingName = keyof typeof SETTINGS;
type IntegerName = {
  [K in SettingName]: (typeof SETTINGS)[K]['type'] extends 'integer' ? K : never;
}[SettingName];
type EnumName = {
  [K in SettingName]: (typeof SETTINGS)[K] extends { type: 'enum' } ? K : never;
}[SettingName];
type EnumValue<N extends EnumName> = (typeof SETTINGS)[N] extends { values: readonly (infer V)[] }
  ? V
  : never;

/** A declared integer setting, bounds and default from {@link SETTINGS}. */
function int(env: Env, name: IntegerName): number {
  const s: IntegerSetting = SETTINGS[name];
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return s.default;
  const v = raw.trim();
  if (!/^\d+$/.test(v)) throw new ConfigError(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  const n = Number(v);
  if (n < s.min || n > s.max)
    throw new ConfigError(`${name} must be between ${s.min} and ${s.max}, got ${n}`);
  return n;
}

/** A declared word setting, values and default from {@link SETTINGS}. */
function oneOf<N extends EnumName>(env: Env, name: N): EnumValue<N> {
  const s: EnumSetting = SETTINGS[name];
  const v = str(env, name, s.default).toLowerCase();
  const found = s.values.find((a) => a === v);
  if (found === undefined) {
    throw new ConfigError(`${name} must be one of ${s.values.join(', ')}, got ${JSON.stringify(v)}`);
  }
  return found as EnumValue<N>;
}

/** A declared text setting, trimmed; its default from {@link SETTINGS} when unset or blank. */
function text(env: Env, name: SettingName): string {
  const d = SETTINGS[name].default;
  return str(env, name, typeof d === 'string' ? d : String(d));
}

function clickhouseFrom(env: Env): ClickHouseServerConfig | undefined {
  const url = text(env, 'CLICKHOUSE_URL');
  const queryUserName = text(env, 'CLICKHOUSE_QUERY_USER');
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
  const database = text(env, 'CLICKHOUSE_DATABASE');
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) {
    throw new ConfigError(`CLICKHOUSE_DATABASE must be a plain identifier, got ${JSON.stringify(database)}`);
  }
  const user = text(env, 'CLICKHOUSE_USER');
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
  return fixedSpanFrom(env, 'NEXUS_QUERY_MAX_RANGE');
}

/** A Splunk span of fixed length read from `name`; unset (and no fallback), `0` or `none` = undefined. */
function fixedSpanFrom(env: Env, name: SettingName): { ms: number; text: string } | undefined {
  const v = text(env, name);
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

/** NEXUS_QUERY_MAX_MEMORY: bytes, optionally with a unit (`2GiB`, `500MB`); unset or `0` = the engine's own. */
function maxMemoryFrom(env: Env): number | undefined {
  const name = 'NEXUS_QUERY_MAX_MEMORY';
  const v = text(env, name);
  if (v === '') return undefined;
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
  const v = text(env, 'REDIS_URL');
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
    rps: rateValue('NEXUS_RATE_LIMIT_RPS', text(env, 'NEXUS_RATE_LIMIT_RPS'), 'rps'),
    ingestBytesPerSecond: rateValue(
      'NEXUS_RATE_LIMIT_INGEST_BYTES',
      text(env, 'NEXUS_RATE_LIMIT_INGEST_BYTES'),
      'bytes',
    ),
  };
  const name = 'NEXUS_RATE_LIMIT_OVERRIDES';
  const raw = text(env, name);
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
  const v = text(env, 'NEXUS_OPERATOR_ORG');
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
function oidcUrl(env: Env, name: SettingName, allowHttp: boolean): string | undefined {
  const v = text(env, name);
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

function list(env: Env, name: SettingName): string[] {
  return text(env, name)
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

function roleMapFrom(env: Env): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const pair of list(env, 'OIDC_ROLE_MAP')) {
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

const OIDC_VARS: readonly SettingName[] = [
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
  const allowHttp = oneOf(env, 'OIDC_ALLOW_HTTP') === 'true';
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
  const audience = list(env, 'OIDC_AUDIENCE');
  if (audience.length === 0) {
    throw new ConfigError(
      'OIDC_AUDIENCE is required when OIDC_ISSUER is set (the aud tokens are issued for)',
    );
  }
  const algorithms = list(env, 'OIDC_ALGORITHMS');
  const bad = algorithms.find((a) => !(OIDC_ALGORITHMS as readonly string[]).includes(a));
  if (bad !== undefined || algorithms.length === 0) {
    throw new ConfigError(
      `OIDC_ALGORITHMS must list asymmetric algorithms among ${OIDC_ALGORITHMS.join(', ')}; got ${JSON.stringify(bad ?? '')}`,
    );
  }
  const defaultOrg = text(env, 'OIDC_DEFAULT_ORG');
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
    clockToleranceSec: int(env, 'OIDC_CLOCK_TOLERANCE'),
    orgClaim: text(env, 'OIDC_ORG_CLAIM'),
    roleClaim: text(env, 'OIDC_ROLE_CLAIM'),
    roleMap: roleMapFrom(env),
    defaultOrg: defaultOrg === '' ? undefined : defaultOrg,
    jwksCooldownMs: int(env, 'OIDC_JWKS_COOLDOWN') * 1000,
  };
}

/**
 * Reads and validates the configuration; throws {@link ConfigError} with a message naming the variable.
 *
 * @example loadConfig({ PORT: '9000' }).port // => 9000
 */
export function loadConfig(env: Env = process.env): Config {
  const adminToken = text(env, 'NEXUS_ADMIN_TOKEN');
  if (adminToken !== '' && adminToken.length < 16) {
    throw new ConfigError('NEXUS_ADMIN_TOKEN must be at least 16 characters');
  }
  const maxRows = int(env, 'NEXUS_BATCH_MAX_ROWS');
  const maxQueuedRows = int(env, 'NEXUS_QUEUE_MAX_ROWS');
  if (maxQueuedRows < maxRows) {
    throw new ConfigError(
      `NEXUS_QUEUE_MAX_ROWS (${maxQueuedRows}) must be >= NEXUS_BATCH_MAX_ROWS (${maxRows})`,
    );
  }
  const oidc = oidcFrom(env);
  if (oidc !== undefined && looksLikeJwt(adminToken)) {
    throw new ConfigError('NEXUS_ADMIN_TOKEN must not look like a JWT (a.b.c) when OIDC is on');
  }
  const maxBodyBytes = int(env, 'NEXUS_MAX_BODY_BYTES');
  const maxDecodedBytes = int(env, 'NEXUS_MAX_DECODED_BYTES');
  return {
    port: int(env, 'PORT'),
    host: text(env, 'HOST'),
    dataDir: text(env, 'NEXUS_DATA_DIR'),
    clickhouse: clickhouseFrom(env),
    adminToken: adminToken === '' ? undefined : adminToken,
    logLevel: oneOf(env, 'LOG_LEVEL'),
    retentionDays: int(env, 'NEXUS_RETENTION_DAYS'),
    batch: {
      maxRows,
      maxWaitMs: int(env, 'NEXUS_BATCH_MAX_WAIT_MS'),
      maxQueuedRows,
    },
    ingest: {
      maxBodyBytes,
      maxDecodedBytes: Math.max(maxDecodedBytes, maxBodyBytes),
      dedupWindowMs: fixedSpanFrom(env, 'NEXUS_INGEST_DEDUP_WINDOW')?.ms ?? 0,
      dedupMaxKeys: int(env, 'NEXUS_INGEST_DEDUP_MAX_KEYS'),
    },
    hecAck: {
      maxChannels: int(env, 'NEXUS_HEC_ACK_MAX_CHANNELS'),
      maxChannelsPerOrg: int(env, 'NEXUS_HEC_ACK_MAX_CHANNELS_PER_ORG'),
      maxPendingPerChannel: int(env, 'NEXUS_HEC_ACK_MAX_PENDING_PER_CHANNEL'),
      maxPending: int(env, 'NEXUS_HEC_ACK_MAX_PENDING'),
      idleMs: int(env, 'NEXUS_HEC_ACK_IDLE_SECONDS') * 1000,
    },
    queryPoolSize: int(env, 'NEXUS_QUERY_POOL_SIZE'),
    query: {
      maxRange: maxRangeFrom(env),
      maxMemoryBytes: maxMemoryFrom(env),
      maxExecutionSeconds: int(env, 'NEXUS_QUERY_MAX_EXECUTION_TIME'),
      maxConcurrent: int(env, 'NEXUS_QUERY_MAX_CONCURRENT'),
    },
    operatorOrg: operatorOrgFrom(env),
    macroFiles: macroFilesFrom(env),
    shutdownTimeoutMs: int(env, 'NEXUS_SHUTDOWN_TIMEOUT_MS'),
    redisUrl: redisUrlFrom(env),
    rateLimit: rateLimitFrom(env),
    oidc,
    kafka: kafkaFrom(env),
    metrics: metricsFrom(env),
  };
}

/** METRICS_URL, METRICS_TENANCY, METRICS_ACCOUNTS, METRICS_TIMEOUT_MS. */
function metricsFrom(env: Env): MetricsConfig {
  const raw = text(env, 'METRICS_URL');
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
  const tenancy = oneOf(env, 'METRICS_TENANCY');
  const accounts = new Map<string, number>();
  for (const pair of list(env, 'METRICS_ACCOUNTS')) {
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
  return { url, tenancy, accounts, timeoutMs: int(env, 'METRICS_TIMEOUT_MS') };
}

/** KAFKA_*: off unless KAFKA_BROKERS is set. */
function kafkaFrom(env: Env): KafkaConfig | undefined {
  const brokers = list(env, 'KAFKA_BROKERS');
  if (brokers.length === 0) return undefined;
  const bad = brokers.find(
    (b) => !/^[A-Za-z0-9._-]+:\d{1,5}$/.test(b) && !/^\[[0-9A-Fa-f:]+\]:\d{1,5}$/.test(b),
  );
  if (bad !== undefined) {
    throw new ConfigError(
      `KAFKA_BROKERS must be host:port pairs, comma-separated, got ${JSON.stringify(bad)}`,
    );
  }
  const topic = text(env, 'KAFKA_TOPIC');
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(topic)) {
    throw new ConfigError(
      `KAFKA_TOPIC must be 1-249 letters, digits, '.', '_' or '-', got ${JSON.stringify(topic)}`,
    );
  }
  const mechanism = oneOf(env, 'KAFKA_SASL_MECHANISM');
  const username = text(env, 'KAFKA_SASL_USERNAME');
  const password = env['KAFKA_SASL_PASSWORD'] ?? '';
  if (mechanism !== 'none' && (username === '' || password === '')) {
    throw new ConfigError(
      `KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required with KAFKA_SASL_MECHANISM=${mechanism}`,
    );
  }
  return {
    brokers,
    topic,
    clientId: text(env, 'KAFKA_CLIENT_ID'),
    groupId: text(env, 'KAFKA_GROUP_ID'),
    consumer: oneOf(env, 'KAFKA_CONSUMER') === 'on',
    // Brokers refuse record batches over message.max.bytes (1 MiB by default); stay under it with room.
    maxMessageBytes: int(env, 'KAFKA_MAX_MESSAGE_BYTES'),
    compression: oneOf(env, 'KAFKA_COMPRESSION'),
    sendTimeoutMs: int(env, 'KAFKA_SEND_TIMEOUT_MS'),
    // Kafka's default group.min/max.session.timeout.ms bounds.
    sessionTimeoutMs: int(env, 'KAFKA_SESSION_TIMEOUT_MS'),
    ssl: oneOf(env, 'KAFKA_SSL') === 'true',
    sasl: mechanism === 'none' ? undefined : { mechanism, username, password },
  };
}
