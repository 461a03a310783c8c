// Versioned, idempotent schema migrations, recorded in `schema_migrations` and run at startup.

import type { Config } from '../config.ts';
import { DEFAULT_RETENTION_DAYS } from '../config.ts';
import { clusterStatements, mutationTarget } from './cluster.ts';
import type { Store } from './types.ts';
import { reconcileTable, TTL_TABLES, ttlExpression } from './ttl.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Each statement is idempotent (`IF NOT EXISTS`), so a crash between two statements is harmless. */
  readonly statements: readonly string[];
}

export interface SchemaOptions {
  /** Rows older than this are dropped by the table TTL. */
  readonly retentionDays: number;
  /** Days after which rows move to the `cold` / `s3` volume (NEXUS_TIER_*); undefined = no such tier. */
  readonly coldAfterDays?: number | undefined;
  readonly s3AfterDays?: number | undefined;
  /** The storage policy holding those volumes (NEXUS_STORAGE_POLICY); '' or undefined = the default. */
  readonly storagePolicy?: string | undefined;
  /** CLICKHOUSE_CLUSTER: replicated local tables and Distributed tables ON CLUSTER (cluster.ts). */
  readonly cluster?: string | undefined;
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version UInt32,
  name String,
  applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree
ORDER BY version`;

/**
 * The migrations, oldest first. Never edit one that has shipped; add a new version instead.
 * Integers from validated config are the only values inlined (DDL takes no query parameters).
 */
export function migrations(opts: SchemaOptions): Migration[] {
  const days = Math.trunc(opts.retentionDays);
  // The TTL of a new table is the retention alone: moves need the storage policy, set after (ttl.ts).
  if (!Number.isInteger(days) || days < 1) throw new Error(`retentionDays must be a positive integer`);
  return [
    {
      version: 1,
      name: 'logs table',
      statements: [
        // Structured fields live in a JSON column rather than Map(String, String): measured on
        // 10 M rows (shared/facts/machine.md) JSON filtered ~2x faster (128 vs 253 ms), grouped
        // ~2x faster and stored ~2x smaller (52 vs 117 MB), and it keeps numbers as numbers.
        // `index` is a keyword in ClickHouse DDL: it must always be quoted.
        // The text index is on lower(_raw): search terms are lower-cased, so matching is case-insensitive.
        `CREATE TABLE IF NOT EXISTS logs (
  org_id LowCardinality(String),
  \`index\` LowCardinality(String),
  _time DateTime64(3, 'UTC'),
  host LowCardinality(String),
  source LowCardinality(String),
  sourcetype LowCardinality(String),
  _raw String,
  fields JSON,
  _indextime DateTime64(3, 'UTC') DEFAULT now64(3),
  INDEX raw_tokens lower(_raw) TYPE text(tokenizer = 'splitByNonAlpha') GRANULARITY 1
) ENGINE = MergeTree
PARTITION BY toYYYYMMDD(_time)
ORDER BY (org_id, \`index\`, _time)
TTL ${ttlExpression('_time', { retentionDays: days })}
SETTINGS non_replicated_deduplication_window = 1000`,
      ],
    },
    {
      version: 2,
      name: 'tokens table',
      statements: [
        // Service tokens (HEC, agents, API). Only the SHA-256 of a token is stored. Rows are versioned
        // by updated_at: revoking or renaming inserts a newer row for the same token_hash, and readers
        // take the latest (FINAL / argMax), so token management needs no mutations.
        `CREATE TABLE IF NOT EXISTS tokens (
  token_hash FixedString(64),
  id UUID DEFAULT generateUUIDv4(),
  org_id LowCardinality(String),
  role LowCardinality(String),
  name String,
  created_at DateTime64(3, 'UTC') DEFAULT now64(3),
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3),
  expires_at Nullable(DateTime64(3, 'UTC')),
  revoked Bool DEFAULT false
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY token_hash`,
      ],
    },
    {
      version: 3,
      name: 'lookup tables',
      statements: [
        // Lookup tables (CSV uploads, outputlookup), per tenant. Every write adds a new version's rows, then
        // one pointer row in lookup_tables; a search reads the rows of the newest pointer's version only,
        // so a replacement appears all at once and never mixed with the old rows. Cells are strings, as in
        // a Splunk CSV lookup; `cells` maps a column name to its text ('' = empty), `row` keeps file order.
        // Superseded versions are deleted by the service after a grace period (src/lookups/service.ts).
        `CREATE TABLE IF NOT EXISTS lookup_rows (
  org_id LowCardinality(String),
  name String,
  version UInt64,
  row UInt32,
  cells Map(String, String)
) ENGINE = MergeTree
ORDER BY (org_id, name, version, row)`,
        // One pointer row per write (the history is kept: the cleanup needs to know when each version was
        // superseded): the header's columns in order, the row count, and a tombstone for DELETE. Readers
        // take the newest version (max/argMax).
        `CREATE TABLE IF NOT EXISTS lookup_tables (
  org_id LowCardinality(String),
  name String,
  version UInt64,
  columns Array(String),
  rows UInt64,
  deleted Bool DEFAULT false,
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = MergeTree
ORDER BY (org_id, name, version)`,
      ],
    },
    {
      version: 4,
      name: 'tenancy: token indexes and use, tenants, index retention, audit log',
      statements: [
        // A token may be limited to some indexes (search and write); empty = every index of its org.
        `ALTER TABLE tokens ADD COLUMN IF NOT EXISTS indexes Array(String) DEFAULT [] AFTER role`,
        // Last use is kept apart from the token rows: a late "last used" write must never bring back a
        // token revoked in the meantime (tokens rows are versioned by updated_at).
        `CREATE TABLE IF NOT EXISTS token_usage (
  token_id UUID,
  last_used_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(last_used_at)
ORDER BY token_id`,
        // Per-tenant state set by operators: a ban, and limits that override the service's defaults
        // (NULL = the default). Versioned by updated_at like tokens.
        `CREATE TABLE IF NOT EXISTS tenants (
  org_id String,
  banned Bool DEFAULT false,
  reason String DEFAULT '',
  max_range_seconds Nullable(UInt64),
  max_rows Nullable(UInt32),
  max_execution_seconds Nullable(UInt32),
  max_concurrent_queries Nullable(UInt32),
  max_memory_bytes Nullable(UInt64),
  requests_per_second Nullable(UInt32),
  ingest_bytes_per_second Nullable(UInt64),
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY org_id`,
        // Retention per index and tenant (days); the service deletes older events of that index.
        `CREATE TABLE IF NOT EXISTS index_retention (
  org_id LowCardinality(String),
  \`index\` String,
  days UInt32,
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (org_id, \`index\`)`,
        // Every search: who ran it, what, how long, how many rows, and how it ended.
        `CREATE TABLE IF NOT EXISTS query_log (
  started_at DateTime64(3, 'UTC'),
  query_id String,
  org_id LowCardinality(String),
  subject String,
  role LowCardinality(String),
  spl String,
  sql String,
  duration_ms UInt32,
  rows UInt64,
  rows_read UInt64,
  status LowCardinality(String),
  error String DEFAULT ''
) ENGINE = MergeTree
PARTITION BY toYYYYMM(started_at)
ORDER BY (org_id, started_at)
TTL toDateTime(started_at) + INTERVAL 90 DAY`,
      ],
    },
    {
      version: 5,
      name: 'ingest: request keys for idempotent retries',
      statements: [
        // The key of the request that wrote each row (src/ingest/ledger.ts): a retried request is recognised
        // and adds no rows, across restarts too. One value per request, so it compresses to almost nothing.
        `ALTER TABLE logs ADD COLUMN IF NOT EXISTS _request String DEFAULT '' CODEC(ZSTD(1))`,
        // Startup reads the keys of the last minutes by _indextime; parts are written in that order, so a
        // min/max index skips all older parts.
        `ALTER TABLE logs ADD INDEX IF NOT EXISTS indextime_minmax _indextime TYPE minmax GRANULARITY 1`,
      ],
    },
    {
      version: 6,
      name: 'tokens as ingest objects: default index, default sourcetype, acknowledgement',
      statements: [
        // What HEC and Vector stamp on an event that names no index / sourcetype ('' = the protocol's
        // default), and whether HEC indexer acknowledgement (ackId, /services/collector/ack) is on.
        `ALTER TABLE tokens ADD COLUMN IF NOT EXISTS default_index String DEFAULT '' AFTER indexes`,
        `ALTER TABLE tokens ADD COLUMN IF NOT EXISTS default_sourcetype String DEFAULT '' AFTER default_index`,
        `ALTER TABLE tokens ADD COLUMN IF NOT EXISTS ack Bool DEFAULT false AFTER default_sourcetype`,
      ],
    },
    {
      version: 7,
      name: 'metrics table',
      statements: [
        // The embedded metrics store (no METRICS_URL): one row per sample. `labels` holds the dimensions
        // (host, source, sourcetype, any others), never `__name__`, `org_id` or `index`, which have columns.
        // Same partitioning and TTL as `logs`, so a day is dropped the same way; the TTL follows
        // NEXUS_RETENTION_DAYS like the logs' (reconcileRetention).
        `CREATE TABLE IF NOT EXISTS metrics (
  org_id LowCardinality(String),
  \`index\` LowCardinality(String),
  metric_name LowCardinality(String),
  labels Map(LowCardinality(String), String),
  timestamp DateTime64(3, 'UTC'),
  value Float64
) ENGINE = MergeTree
PARTITION BY toYYYYMMDD(timestamp)
ORDER BY (org_id, \`index\`, metric_name, timestamp)
TTL ${ttlExpression('timestamp', { retentionDays: days })}
SETTINGS non_replicated_deduplication_window = 1000`,
      ],
    },
    {
      version: 8,
      name: 'backups table',
      statements: [
        // One row per backup or restore the service ran (src/backup/): where, on top of which base, how it
        // ended. Kept in the store (not in the process) so any instance, and a restored one, can list them;
        // /metrics reads the last good backup's time from here. Versioned by updated_at (running → done).
        `CREATE TABLE IF NOT EXISTS backups (
  id String,
  kind LowCardinality(String),
  location String,
  base String DEFAULT '',
  status LowCardinality(String),
  error String DEFAULT '',
  started_at DateTime64(3, 'UTC'),
  finished_at Nullable(DateTime64(3, 'UTC')),
  bytes UInt64 DEFAULT 0,
  files UInt64 DEFAULT 0,
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY id`,
      ],
    },
    {
      version: 9,
      name: 'knowledge objects',
      statements: [
        // A tenant's knowledge-object files (eventtypes/tags/props/transforms.conf), one row per file and
        // version: the newest row of (org, kind) is the file; an empty text is a deleted file.
        `CREATE TABLE IF NOT EXISTS knowledge_objects (
  org_id LowCardinality(String),
  kind LowCardinality(String),
  text String,
  updated_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (org_id, kind)`,
      ],
    },
    {
      version: 10,
      name: 'data model summaries',
      statements: [
        // An accelerated data model's summary (src/knowledge/acceleration.ts): per event of each dataset,
        // the columns of `logs` and the dataset's fields as a search sees them (knowledge objects applied).
        // `built_to` names the build that added the row (the end of its `_indextime` window), so a build the
        // process did not finish is removed and run again. Same partitioning and TTL as `logs`.
        `CREATE TABLE IF NOT EXISTS datamodel_summaries (
  org_id LowCardinality(String),
  model LowCardinality(String),
  dataset LowCardinality(String),
  \`index\` LowCardinality(String),
  _time DateTime64(3, 'UTC'),
  host LowCardinality(String),
  source LowCardinality(String),
  sourcetype LowCardinality(String),
  _raw String DEFAULT '',
  fields JSON,
  built_to UInt64 DEFAULT 0
) ENGINE = MergeTree
PARTITION BY toYYYYMMDD(_time)
ORDER BY (org_id, model, dataset, \`index\`, _time)
TTL ${ttlExpression('_time', { retentionDays: days })}`,
        // How far each (tenant, model, dataset) summary is built: every event indexed before `built_to`
        // (ms); `pending_to` > `built_to` while a build runs. Versioned by `updated_at`.
        `CREATE TABLE IF NOT EXISTS datamodel_summary_state (
  org_id LowCardinality(String),
  model LowCardinality(String),
  dataset LowCardinality(String),
  built_to UInt64,
  pending_to UInt64,
  earliest String DEFAULT '',
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (org_id, model, dataset)`,
      ],
    },
    {
      version: 11,
      name: 'machine learning models',
      statements: [
        // Models a tenant saved with `fit … into` (src/models/service.ts): one row per save, the model as
        // JSON (@nexus/spl's DensityModel: field, by fields, distribution, threshold, one entry per group);
        // readers take each name's newest version. Searches never read this table: the service loads a
        // tenant's models and the compiler puts the parameters in the statement.
        `CREATE TABLE IF NOT EXISTS ml_models (
  org_id LowCardinality(String),
  name String,
  version UInt64,
  algorithm LowCardinality(String),
  model String,
  deleted Bool DEFAULT false,
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = MergeTree
ORDER BY (org_id, name, version)`,
      ],
    },
    {
      version: 12,
      name: 'data model summaries maintained at insert',
      statements: [
        // The summary's view (src/knowledge/acceleration.ts) adds every event indexed at or after
        // `live_from` (ms; 0 = no view); `definition` is what the rows were built from, so a change of
        // knowledge objects or model rebuilds the summary. A state without one (built before) is rebuilt.
        `ALTER TABLE datamodel_summary_state ADD COLUMN IF NOT EXISTS live_from UInt64 DEFAULT 0`,
        `ALTER TABLE datamodel_summary_state ADD COLUMN IF NOT EXISTS definition String DEFAULT ''`,
      ],
    },
    {
      version: 13,
      name: 'data model summaries checked against the events',
      statements: [
        // Each summary row keeps its event's `_indextime` (whole seconds): the summarizer counts a window of
        // index time in `logs` and in the summary, and a view that failed at insert shows as fewer rows.
        // Rows written before have none (0); their summaries' definition changed too, so they are rebuilt.
        `ALTER TABLE datamodel_summaries ADD COLUMN IF NOT EXISTS _indextime DateTime('UTC') DEFAULT 0`,
        // The view's rows are checked up to `checked_to` (ms); `error` says why the summary misses events
        // (empty: it misses none found), found at `failed_at` (ms); the next round rebuilds it.
        `ALTER TABLE datamodel_summary_state ADD COLUMN IF NOT EXISTS checked_to UInt64 DEFAULT 0`,
        `ALTER TABLE datamodel_summary_state ADD COLUMN IF NOT EXISTS error String DEFAULT ''`,
        `ALTER TABLE datamodel_summary_state ADD COLUMN IF NOT EXISTS failed_at UInt64 DEFAULT 0`,
      ],
    },
  ];
}

/** The schema options of a configuration: retention, tiers, storage policy and cluster. */
export function schemaOptionsOf(config: Config): SchemaOptions {
  return {
    retentionDays: config.retentionDays,
    coldAfterDays: config.storage.coldAfterDays,
    s3AfterDays: config.storage.s3AfterDays,
    storagePolicy: config.storage.policy,
    cluster: config.clickhouse?.cluster,
  };
}

/**
 * The statements of `m` for `opts`: as written on one server, rewritten for the cluster in cluster mode.
 */
export function migrationStatements(m: Migration, opts: SchemaOptions): string[] {
  return opts.cluster === undefined
    ? [...m.statements]
    : m.statements.flatMap((s) => clusterStatements(s, opts.cluster ?? ''));
}

/** The `schema_migrations` table's DDL for `opts`. */
function migrationsTable(opts: SchemaOptions): string[] {
  return opts.cluster === undefined ? [MIGRATIONS_TABLE] : clusterStatements(MIGRATIONS_TABLE, opts.cluster);
}

/**
 * The whole schema as one SQL script, as shipped in `migrations/01_schema.sql` for operators and printed by
 * `nexus schema [--cluster NAME]`. A test keeps that file equal to this output with the defaults;
 * regenerate it with `node --import tsx src/store/export-schema.ts > migrations/01_schema.sql`.
 * With tiers or a storage policy it ends with the statements the service runs after the migrations.
 */
export function schemaSql(opts: SchemaOptions = { retentionDays: DEFAULT_RETENTION_DAYS }): string {
  const where = opts.cluster === undefined ? 'one server' : `cluster ${opts.cluster}`;
  const parts = [
    '-- nexus-api schema, generated from src/store/migrations.ts (do not edit by hand).',
    `-- Retention: ${opts.retentionDays} days (NEXUS_RETENTION_DAYS); the service adjusts the TTL at startup.`,
    `-- Layout: ${where}.`,
    '',
    ...migrationsTable(opts).map((s) => s + ';'),
  ];
  for (const m of migrations(opts)) {
    parts.push('', `-- Migration ${m.version}: ${m.name}`);
    for (const s of migrationStatements(m, opts)) parts.push(s + ';');
    parts.push(`INSERT INTO schema_migrations (version, name) VALUES (${m.version}, '${m.name}');`);
  }
  const layout = layoutStatements(opts);
  if (layout.length > 0)
    parts.push('', '-- Storage policy and TTL (run by the service after the migrations)');
  for (const s of layout) parts.push(s + ';');
  return parts.join('\n') + '\n';
}

/** The storage-policy and whole-TTL statements for tiered storage; [] for the defaults. */
export function layoutStatements(opts: SchemaOptions): string[] {
  const tiered = opts.coldAfterDays !== undefined || opts.s3AfterDays !== undefined;
  const policy = opts.storagePolicy ?? '';
  if (!tiered && policy === '') return [];
  const out: string[] = [];
  for (const [table, column] of TTL_TABLES) {
    const target = mutationTarget(table, opts.cluster);
    if (policy !== '') out.push(`ALTER TABLE ${target} MODIFY SETTING storage_policy = '${policy}'`);
    out.push(`ALTER TABLE ${target} MODIFY TTL ${ttlExpression(column, opts)}`);
  }
  return out;
}

export interface MigrationReport {
  applied: number[];
  retentionChanged: boolean;
}

/**
 * Brings the schema up to date: applies the migrations not yet recorded, then makes the `logs` and
 * `metrics` TTLs match `retentionDays` (fixed in their migrations, but operators change it through config).
 * Running it again is a no-op.
 */
export async function runMigrations(store: Store, opts: SchemaOptions): Promise<MigrationReport> {
  for (const s of migrationsTable(opts)) await store.command(s);
  const done = await store.query({ sql: 'SELECT DISTINCT version FROM schema_migrations', params: {} });
  const applied = new Set(done.rows.map((r) => Number(r[0])));
  const report: MigrationReport = { applied: [], retentionChanged: false };
  for (const m of migrations(opts)) {
    if (applied.has(m.version)) continue;
    for (const s of migrationStatements(m, opts)) await store.command(s);
    await store.command('INSERT INTO schema_migrations (version, name) VALUES ({v:UInt32}, {n:String})', {
      v: m.version,
      n: m.name,
    });
    report.applied.push(m.version);
  }
  for (const [table, column] of TTL_TABLES) {
    if (await reconcileTable(store, table, column, opts)) report.retentionChanged = true;
  }
  return report;
}
