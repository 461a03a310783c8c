// Service configuration: read once from the environment, typed and validated at startup.

import os from 'node:os';
import type { HecAckLimits } from './ingest/hec-ack.ts';
import type { OrgRateLimits, RateLimitConfig } from './limits/rate.ts';
import { isOrgId, looksLikeJwt } from './auth/shapes.ts';
import type { Role } from './auth/types.ts';
import { isRole } from './auth/types.ts';
import { parseSpan } from '@nexus/spl';
import { TTL_MAX_MS } from './ingest/normalise.ts';

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
  /**
   * CLICKHOUSE_CLUSTER: the cluster (a `remote_servers` name) the schema is created on: replicated local
   * tables `ON CLUSTER` and Distributed tables in front of them (src/store/cluster.ts); undefined = one server.
   */
  readonly cluster: string | undefined;
}

/**
 * Where and when rows move between volumes (src/store/tiers.ts). Ages are days of event time; a volume that
 * is not configured is skipped.
 */
export interface StorageConfig {
  /** NEXUS_STORAGE_POLICY: the policy the tables use ('' = the server's default policy, no moves). */
  readonly policy: string;
  /** NEXUS_TIER_COLD_AFTER: days after which rows move to the `cold` volume. */
  readonly coldAfterDays: number | undefined;
  /** NEXUS_TIER_S3_AFTER: days after which rows move to the `s3` volume. */
  readonly s3AfterDays: number | undefined;
  /**
   * NEXUS_CHDB_CONFIG: a ClickHouse config file the embedded engine opens with (storage policy, backups'
   * allowed paths); undefined = chDB's defaults. Ignored with CLICKHOUSE_URL (the server has its own).
   */
  readonly chdbConfigFile: string | undefined;
}

/** NEXUS_BACKUP_S3_ENDPOINT and the AWS_* credentials `s3://bucket/prefix` backup locations use. */
export interface BackupConfig {
  /** Base URL of the S3 API (`https://s3.eu-west-1.amazonaws.com`, `http://minio:9000`), no trailing slash. */
  readonly s3Endpoint: string | undefined;
  readonly accessKeyId: string | undefined;
  readonly secretAccessKey: string | undefined;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  /** chDB data directory (embedded mode). */
  readonly dataDir: string;
  /** NEXUS_GEOIP: load the IP country database at startup. */
  readonly geoip: boolean;
  /** Set when CLICKHOUSE_URL is set: the store talks HTTP to that server instead of embedding chDB. */
  readonly clickhouse: ClickHouseServerConfig | undefined;
  /** Bootstrap admin token; when unset one is generated on first start. */
  readonly adminToken: string | undefined;
  readonly logLevel: LogLevel;
  /**
   * NEXUS_RETENTION_DAYS: events older than this are deleted by the table TTL, and refused at ingestion
   * (an event outside the window would be acknowledged and then dropped). Default {@link DEFAULT_RETENTION_DAYS}.
   */
  readonly retentionDays: number;
  /** Storage tiers (hot / cold / s3 volumes) and the embedded engine's config file. */
  readonly storage: StorageConfig;
  /** Backup locations (src/backup/). */
  readonly backup: BackupConfig;
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
    /** Events (rows plus metric samples) per request; 413 above (docs/operating/limits-ingest.md). */
    readonly maxEvents: number;
    /** UTF-8 bytes of one event's text; that event is refused (400, per event) above. */
    readonly maxEventBytes: number;
    /** JSON nesting depth of a body; 400 above. */
    readonly maxJsonDepth: number;
    /** JSON values in one body; 413 above. */
    readonly maxJsonValues: number;
    /** Decoded ÷ compressed bytes of a compressed body (past the first MiB); 413 above. */
    readonly maxAmplification: number;
    /** Decoded request bytes held at once across all requests; 503 + Retry-After past it (limits/in-flight.ts). */
    readonly maxDecodedInFlight: number;
    /** Worker threads that decode large bodies off the event loop (ingest/decode-pool.ts); 0 = none. */
    readonly decodeWorkers: number;
    /** Decoded bodies of at least this many bytes decode on a worker thread. */
    readonly decodeMinBytes: number;
  };
  /** Bounds of one lookup table upload (PUT /lookups/:name): 413 above. */
  readonly lookups: {
    readonly maxBytes: number;
    readonly maxRows: number;
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
  /** NEXUS_TLS_CERT / NEXUS_TLS_KEY: serve HTTPS with these PEM files (reloaded when they change). */
  readonly tls: TlsConfig | undefined;
}

/** HTTPS: PEM certificate chain and key files, polled for changes (cert-manager rotates them in place). */
export interface TlsConfig {
  readonly certFile: string;
  readonly keyFile: string;
  /** NEXUS_TLS_RELOAD_MS: how often the files are checked for a new certificate (default 10 s). */
  readonly reloadMs: number;
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
  /**
   * Engine threads the tenants searching at the same time share (NEXUS_QUERY_THREADS, default the machine's
   * cores): with n tenants active, a tenant runs at most ⌊threads ÷ n⌋ searches at once, each with that many
   * threads (at least one).
   */
  readonly threads: number;
  /** Longest SPL text a search may have, in characters (NEXUS_QUERY_MAX_LENGTH); longer gets 413. */
  readonly maxQueryLength: number;
  /**
   * Seconds between two builds of the accelerated data models' summaries (NEXUS_DATAMODEL_SUMMARY_INTERVAL;
   * 0 = no builds on this instance).
   */
  readonly datamodelSummaryIntervalSeconds: number;
  /** Worker threads that compile searches off the event loop (NEXUS_COMPILE_WORKERS; 0 in the table = auto). */
  readonly compileWorkers: number;
  /** The longest one compile may run, ms (NEXUS_COMPILE_TIMEOUT_MS); longer is stopped with a 400. */
  readonly compileTimeoutMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Compile workers: two (so one tenant, holding at most half, never holds them all), up to four. */
function defaultCompileWorkers(): number {
  return Math.min(4, Math.max(2, Math.floor(os.availableParallelism() / 2)));
}

/** Decode workers: 0 is half the cores, none on a single core (the event loop would share it anyway). */
function decodeWorkersFrom(n: number): number {
  if (n > 0) return n;
  const cores = os.availableParallelism();
  return cores < 2 ? 0 : Math.max(1, Math.floor(cores / 2));
}

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
  'Lookups',
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
  NEXUS_TLS_CERT: {
    section: 'Server',
    type: 'string',
    default: '',
    description:
      'PEM certificate (chain) file: with `NEXUS_TLS_KEY`, nexus-api serves HTTPS and reloads both when they change.',
  },
  NEXUS_TLS_KEY: {
    section: 'Server',
    type: 'string',
    default: '',
    description: 'PEM private key file of `NEXUS_TLS_CERT` (both or neither).',
  },
  NEXUS_TLS_RELOAD_MS: {
    section: 'Server',
    type: 'integer',
    default: 10_000,
    min: 100,
    max: 3_600_000,
    description: 'How often the certificate files are checked for a new certificate, milliseconds.',
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
    default: 2184,
    min: 1,
    max: 36_500,
    description:
      "TTL of the `logs` and `metrics` tables, in days (default: Splunk's six years); older events are refused at ingestion. Refused at start-up when `now + days` passes 2106 (ClickHouse `DateTime`).",
  },
  CLICKHOUSE_CLUSTER: {
    section: 'Storage',
    type: 'string',
    default: '',
    description:
      'Cluster mode (needs `CLICKHOUSE_URL`): replicated local tables and Distributed tables `ON CLUSTER` this `remote_servers` name.',
  },
  NEXUS_STORAGE_POLICY: {
    section: 'Storage',
    type: 'string',
    default: '',
    defaultText: '`tiered` when a tier is set',
    description:
      'The storage policy of `logs` and `metrics` (its volumes `cold` and `s3` receive the TTL moves).',
  },
  NEXUS_TIER_COLD_AFTER: {
    section: 'Storage',
    type: 'string',
    default: '',
    description: 'Days (`7` or `7d`) after which rows move to the volume `cold`.',
  },
  NEXUS_TIER_S3_AFTER: {
    section: 'Storage',
    type: 'string',
    default: '',
    description: 'Days after which rows move to the volume `s3`.',
  },
  NEXUS_CHDB_CONFIG: {
    section: 'Storage',
    type: 'path',
    default: '',
    description:
      'Embedded mode: a ClickHouse config file chDB opens with (storage policy, backups allowed paths).',
  },
  NEXUS_BACKUP_S3_ENDPOINT: {
    section: 'Storage',
    type: 'url',
    default: '',
    defaultText: 'AWS S3',
    description: 'The S3 API that `s3://bucket/prefix` backup locations use (`nexus backup`).',
  },
  AWS_ACCESS_KEY_ID: {
    section: 'Storage',
    type: 'string',
    default: '',
    description: 'Access key of `s3://` backup locations.',
  },
  AWS_SECRET_ACCESS_KEY: {
    section: 'Storage',
    type: 'secret',
    default: '',
    description: 'Secret key of `s3://` backup locations.',
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
  NEXUS_INGEST_MAX_DECODED_IN_FLIGHT: {
    section: 'Ingestion',
    type: 'integer',
    default: 0,
    min: 0,
    max: 1024 * 1024 * MiB,
    description:
      "Decoded request bytes held at once by all requests of all tenants, until each is answered (`0` = a thirty-second of the machine's memory, at least twice `NEXUS_MAX_DECODED_BYTES`); a request past it gets 503 + Retry-After (HEC code 9), one larger than it 413.",
  },
  NEXUS_INGEST_DECODE_WORKERS: {
    section: 'Ingestion',
    type: 'integer',
    default: 0,
    min: 0,
    max: 64,
    description:
      "Worker threads that decode large request bodies off the event loop (`0` = half the machine's cores, none on a single core). A tenant uses at most half of them at once. To decode every body on the event loop, set `NEXUS_INGEST_DECODE_MIN_BYTES` above `NEXUS_MAX_DECODED_BYTES`.",
  },
  NEXUS_INGEST_DECODE_MIN_BYTES: {
    section: 'Ingestion',
    type: 'integer',
    default: 256 * 1024,
    min: 0,
    max: 4096 * MiB,
    description:
      'Decoded request bodies of at least this many bytes decode on a worker thread; smaller ones on the event loop, where handing them over would cost more than decoding them.',
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
  NEXUS_INGEST_MAX_EVENTS: {
    section: 'Ingestion',
    type: 'integer',
    default: 100_000,
    min: 1,
    max: 100_000_000,
    description:
      'Events one request may carry (never more than `NEXUS_BATCH_MAX_QUEUED_ROWS`); 413 above, before decoding where the format allows.',
  },
  NEXUS_INGEST_MAX_EVENT_BYTES: {
    section: 'Ingestion',
    type: 'integer',
    default: MiB,
    min: 1024,
    max: 64 * MiB,
    description:
      "Bytes of one event's text (`_raw`); a longer event is refused alone, with the protocol's per-event error.",
  },
  NEXUS_INGEST_MAX_JSON_DEPTH: {
    section: 'Ingestion',
    type: 'integer',
    default: 128,
    min: 8,
    max: 1000,
    description: 'Nesting depth of a JSON body; 400 naming the depth above.',
  },
  NEXUS_INGEST_MAX_JSON_VALUES: {
    section: 'Ingestion',
    type: 'integer',
    default: 4_000_000,
    min: 1000,
    max: 100_000_000,
    description: 'Values (objects, arrays, strings, numbers) in one JSON body; 413 above.',
  },
  NEXUS_INGEST_MAX_AMPLIFICATION: {
    section: 'Ingestion',
    type: 'integer',
    default: 100,
    min: 2,
    max: 100_000,
    description:
      'Decoded bytes per compressed byte a body may expand to (at least 1 MiB); 413 above, so a small bomb never reaches `NEXUS_MAX_DECODED_BYTES`.',
  },
  NEXUS_LOOKUP_MAX_BYTES: {
    section: 'Lookups',
    type: 'integer',
    default: 10 * MiB,
    min: 1024,
    max: 1024 * MiB,
    description: 'Bytes of one lookup table upload (read as a stream); 413 above.',
  },
  NEXUS_LOOKUP_MAX_ROWS: {
    section: 'Lookups',
    type: 'integer',
    default: 100_000,
    min: 1,
    max: 100_000_000,
    description: 'Rows of one lookup table upload; 413 above.',
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
    default: 8,
    min: 2,
    max: 64,
    description:
      'Connections used for searches (a chDB connection runs one query at a time; inserts have their own); searches beyond them wait in a queue served round-robin across tenants.',
  },
  NEXUS_GEOIP: {
    section: 'Search',
    type: 'enum',
    default: 'on',
    values: ['on', 'off'],
    description:
      'Load the IP country database `iplocation` reads into ClickHouse at startup (in the background, about 1 M networks, once per version); `off`: `iplocation` finds no country.',
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
    defaultText: "a sixth of the machine's memory shared by the pool's searches (at least 256 MiB)",
    description:
      "ClickHouse `max_memory_usage` per search (`2GiB`, `500MB`, at least 1MiB); `0` = the engine's own.",
  },
  NEXUS_QUERY_TENANT_CONNECTIONS: {
    section: 'Search',
    type: 'integer',
    default: 0,
    min: 0,
    max: 64,
    description:
      'Search connections one tenant may hold at once (`0` = half of `NEXUS_QUERY_POOL_SIZE`); its other searches wait in its own queue, so another tenant always finds a connection.',
  },
  NEXUS_QUERY_THREADS: {
    section: 'Search',
    type: 'integer',
    default: 0,
    min: 0,
    max: 1024,
    description:
      "Engine threads shared by the tenants searching at the same time (`0` = the machine's cores). A tenant searching alone uses the engine as it is; with n tenants searching in the last 10 seconds, each runs at most ⌊threads ÷ n⌋ searches at once (its others wait in its queue), each with that many threads (at least one), so one tenant's heavy searches cannot take the CPU another's need.",
  },
  NEXUS_QUERY_MAX_LENGTH: {
    section: 'Search',
    type: 'integer',
    default: 1_048_576,
    min: 1_024,
    max: 64 * 1_048_576,
    description:
      'Characters of SPL one search may have; a longer one (and a body past 6× that) is refused with 413.',
  },
  NEXUS_COMPILE_WORKERS: {
    section: 'Search',
    type: 'integer',
    default: 0,
    min: 0,
    max: 64,
    description:
      "Worker threads that compile searches (parse, analyse, plan, print) off the event loop (`0` = half the machine's cores, at least 2, at most 4); one tenant uses at most half of them at once.",
  },
  NEXUS_COMPILE_TIMEOUT_MS: {
    section: 'Search',
    type: 'integer',
    default: 10_000,
    min: 100,
    max: 600_000,
    description:
      'Milliseconds one search may take to compile; a longer compile is stopped (its worker replaced) and the search refused with 400 `limit`.',
  },
  NEXUS_QUERY_MAX_EXECUTION_TIME: {
    section: 'Search',
    type: 'integer',
    default: 60,
    min: 1,
    max: 86_400,
    description: 'Seconds a search may run (`max_execution_time`); a request may ask for less, never more.',
  },
  NEXUS_DATAMODEL_SUMMARY_INTERVAL: {
    section: 'Search',
    type: 'integer',
    default: 300,
    min: 0,
    max: 86_400,
    description:
      'Seconds between two rounds over the summaries of accelerated data models (datamodels.conf `acceleration = true`), which `tstats` reads: a round creates the view that maintains a newly accelerated dataset at insert and backfills the events indexed before it, rebuilds a summary whose definition changed, drops those no longer accelerated (in cluster mode the views are created ON CLUSTER, on the local tables of each shard). `0`: this instance runs none (run them on one instance of several).',
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
    if (text(env, 'CLICKHOUSE_CLUSTER') !== '') {
      throw new ConfigError('CLICKHOUSE_CLUSTER needs CLICKHOUSE_URL: the embedded store is one node');
    }
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
  const cluster = text(env, 'CLICKHOUSE_CLUSTER');
  if (cluster !== '' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(cluster)) {
    throw new ConfigError(`CLICKHOUSE_CLUSTER must be a plain identifier, got ${JSON.stringify(cluster)}`);
  }
  return {
    url,
    user,
    password: env['CLICKHOUSE_PASSWORD'] ?? '',
    database,
    queryUser,
    cluster: cluster === '' ? undefined : cluster,
  };
}

/**
 * The default retention: 2184 days, Splunk's default `frozenTimePeriodInSecs` (188697600 s, about six
 * years). A Splunk user backfilling last year's logs expects them kept; the disk cost of old data is what
 * tiering (NEXUS_TIER_*) and per-index retention (`/admin/indexes/:index/retention`) are for.
 */
export const DEFAULT_RETENTION_DAYS: number = SETTINGS.NEXUS_RETENTION_DAYS.default;

/**
 * The TTL compares `toDateTime(_time) + INTERVAL n DAY` with now, in ClickHouse's `DateTime` (up to
 * 2106-02-07 06:28:15 UTC). Past that the sum wraps around to 1970 and every row is expired at once, so the
 * retention must keep today's events (and tomorrow's, with a year's margin) inside the range.
 */
const DAY_MS = 86_400_000;

/** NEXUS_RETENTION_DAYS, refused when `now + retention` would leave the TTL's `DateTime` range. */
export function retentionFrom(env: Env, nowMs: number = Date.now()): number {
  const max = Math.floor((TTL_MAX_MS - nowMs) / DAY_MS) - 366;
  const raw = env['NEXUS_RETENTION_DAYS'];
  const days = int(env, 'NEXUS_RETENTION_DAYS');
  if (days > max) {
    throw new ConfigError(
      `NEXUS_RETENTION_DAYS must be at most ${max} (got ${String(raw).trim()}): the TTL adds it to each ` +
        "event's time in ClickHouse's DateTime, which ends in 2106; a larger value would expire every event at once",
    );
  }
  return days;
}

/** NEXUS_TIER_*: a whole number of days (`7`, `7d`); undefined when unset. */
function tierDays(env: Env, name: 'NEXUS_TIER_COLD_AFTER' | 'NEXUS_TIER_S3_AFTER'): number | undefined {
  const raw = text(env, name);
  if (raw === '') return undefined;
  const m = /^(\d+)d?$/.exec(raw);
  const n = m === null ? NaN : Number(m[1]);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new ConfigError(
      `${name} must be a whole number of days (e.g. 7 or 7d), got ${JSON.stringify(raw)}`,
    );
  }
  return n;
}

function storageFrom(env: Env, retentionDays: number, server: boolean): StorageConfig {
  const coldAfterDays = tierDays(env, 'NEXUS_TIER_COLD_AFTER');
  const s3AfterDays = tierDays(env, 'NEXUS_TIER_S3_AFTER');
  const tiered = coldAfterDays !== undefined || s3AfterDays !== undefined;
  const policy = text(env, 'NEXUS_STORAGE_POLICY') || (tiered ? 'tiered' : '');
  if (policy !== '' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(policy)) {
    throw new ConfigError(`NEXUS_STORAGE_POLICY must be a plain identifier, got ${JSON.stringify(policy)}`);
  }
  if (tiered && policy === '') {
    throw new ConfigError(
      'NEXUS_TIER_COLD_AFTER / NEXUS_TIER_S3_AFTER need a storage policy with those volumes',
    );
  }
  const ordered = [coldAfterDays, s3AfterDays, retentionDays].filter((d) => d !== undefined);
  for (let i = 1; i < ordered.length; i++) {
    if ((ordered[i] ?? 0) <= (ordered[i - 1] ?? 0)) {
      throw new ConfigError(
        `storage tiers must come in order: NEXUS_TIER_COLD_AFTER (${coldAfterDays ?? '-'}) < ` +
          `NEXUS_TIER_S3_AFTER (${s3AfterDays ?? '-'}) < NEXUS_RETENTION_DAYS (${retentionDays})`,
      );
    }
  }
  const chdbConfig = text(env, 'NEXUS_CHDB_CONFIG');
  if (chdbConfig !== '' && server) {
    throw new ConfigError(
      'NEXUS_CHDB_CONFIG configures the embedded engine; with CLICKHOUSE_URL configure the server',
    );
  }
  return { policy, coldAfterDays, s3AfterDays, chdbConfigFile: chdbConfig === '' ? undefined : chdbConfig };
}

function backupFrom(env: Env): BackupConfig {
  const endpoint = text(env, 'NEXUS_BACKUP_S3_ENDPOINT');
  if (endpoint !== '' && !/^https?:\/\/[^/]+/.test(endpoint)) {
    throw new ConfigError(
      `NEXUS_BACKUP_S3_ENDPOINT must be an http(s):// URL, got ${JSON.stringify(endpoint)}`,
    );
  }
  const opt = (name: 'AWS_ACCESS_KEY_ID' | 'AWS_SECRET_ACCESS_KEY'): string | undefined => {
    const v = text(env, name);
    return v === '' ? undefined : v;
  };
  return {
    s3Endpoint: endpoint === '' ? undefined : endpoint.replace(/\/+$/, ''),
    accessKeyId: opt('AWS_ACCESS_KEY_ID'),
    secretAccessKey: opt('AWS_SECRET_ACCESS_KEY'),
  };
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
  const v = text(env, name);
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
  // A request is never larger than the queue can hold (it could never be accepted): capped at the queue.
  const maxEvents = int(env, 'NEXUS_INGEST_MAX_EVENTS');
  const retentionDays = retentionFrom(env);
  const clickhouse = clickhouseFrom(env);
  const queryPoolSize = int(env, 'NEXUS_QUERY_POOL_SIZE');
  return {
    port: int(env, 'PORT'),
    host: text(env, 'HOST'),
    dataDir: text(env, 'NEXUS_DATA_DIR'),
    geoip: oneOf(env, 'NEXUS_GEOIP') === 'on',
    clickhouse,
    adminToken: adminToken === '' ? undefined : adminToken,
    logLevel: oneOf(env, 'LOG_LEVEL'),
    retentionDays,
    storage: storageFrom(env, retentionDays, clickhouse !== undefined),
    backup: backupFrom(env),
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
      maxEvents: Math.min(maxEvents, maxQueuedRows),
      maxEventBytes: int(env, 'NEXUS_INGEST_MAX_EVENT_BYTES'),
      maxJsonDepth: int(env, 'NEXUS_INGEST_MAX_JSON_DEPTH'),
      maxJsonValues: int(env, 'NEXUS_INGEST_MAX_JSON_VALUES'),
      maxAmplification: int(env, 'NEXUS_INGEST_MAX_AMPLIFICATION'),
      maxDecodedInFlight:
        int(env, 'NEXUS_INGEST_MAX_DECODED_IN_FLIGHT') ||
        Math.max(2 * Math.max(maxDecodedBytes, maxBodyBytes), Math.floor(os.totalmem() / 32)),
      decodeWorkers: decodeWorkersFrom(int(env, 'NEXUS_INGEST_DECODE_WORKERS')),
      decodeMinBytes: int(env, 'NEXUS_INGEST_DECODE_MIN_BYTES'),
    },
    lookups: {
      maxBytes: int(env, 'NEXUS_LOOKUP_MAX_BYTES'),
      maxRows: int(env, 'NEXUS_LOOKUP_MAX_ROWS'),
    },
    hecAck: {
      maxChannels: int(env, 'NEXUS_HEC_ACK_MAX_CHANNELS'),
      maxChannelsPerOrg: int(env, 'NEXUS_HEC_ACK_MAX_CHANNELS_PER_ORG'),
      maxPendingPerChannel: int(env, 'NEXUS_HEC_ACK_MAX_PENDING_PER_CHANNEL'),
      maxPending: int(env, 'NEXUS_HEC_ACK_MAX_PENDING'),
      idleMs: int(env, 'NEXUS_HEC_ACK_IDLE_SECONDS') * 1000,
    },
    queryPoolSize,
    query: {
      maxRange: maxRangeFrom(env),
      maxMemoryBytes: maxMemoryFrom(env, queryPoolSize),
      // 0 (the default) = half the pool; never more than the pool.
      tenantConnections: Math.min(
        queryPoolSize,
        int(env, 'NEXUS_QUERY_TENANT_CONNECTIONS') || Math.max(1, Math.floor(queryPoolSize / 2)),
      ),
      threads: int(env, 'NEXUS_QUERY_THREADS') || os.availableParallelism(),
      maxQueryLength: int(env, 'NEXUS_QUERY_MAX_LENGTH'),
      compileWorkers: int(env, 'NEXUS_COMPILE_WORKERS') || defaultCompileWorkers(),
      compileTimeoutMs: int(env, 'NEXUS_COMPILE_TIMEOUT_MS'),
      maxExecutionSeconds: int(env, 'NEXUS_QUERY_MAX_EXECUTION_TIME'),
      maxConcurrent: int(env, 'NEXUS_QUERY_MAX_CONCURRENT'),
      datamodelSummaryIntervalSeconds: int(env, 'NEXUS_DATAMODEL_SUMMARY_INTERVAL'),
    },
    operatorOrg: operatorOrgFrom(env),
    macroFiles: macroFilesFrom(env),
    shutdownTimeoutMs: int(env, 'NEXUS_SHUTDOWN_TIMEOUT_MS'),
    redisUrl: redisUrlFrom(env),
    rateLimit: rateLimitFrom(env),
    oidc,
    kafka: kafkaFrom(env),
    metrics: metricsFrom(env),
    tls: tlsFrom(env),
  };
}

function tlsFrom(env: Env): TlsConfig | undefined {
  const certFile = text(env, 'NEXUS_TLS_CERT');
  const keyFile = text(env, 'NEXUS_TLS_KEY');
  if (certFile === '' && keyFile === '') return undefined;
  if (certFile === '' || keyFile === '') {
    throw new ConfigError(
      'NEXUS_TLS_CERT and NEXUS_TLS_KEY must be set together (PEM certificate and key files)',
    );
  }
  return { certFile, keyFile, reloadMs: int(env, 'NEXUS_TLS_RELOAD_MS') };
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
