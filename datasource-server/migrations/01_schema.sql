-- nexus-api schema, generated from src/store/migrations.ts (do not edit by hand).
-- Retention: 2184 days (NEXUS_RETENTION_DAYS); the service adjusts the TTL at startup.
-- Layout: one server.

CREATE TABLE IF NOT EXISTS schema_migrations (
  version UInt32,
  name String,
  applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree
ORDER BY version;

-- Migration 1: logs table
CREATE TABLE IF NOT EXISTS logs (
  org_id LowCardinality(String),
  `index` LowCardinality(String),
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
ORDER BY (org_id, `index`, _time)
TTL toDateTime(_time) + INTERVAL 2184 DAY DELETE
SETTINGS non_replicated_deduplication_window = 1000;
INSERT INTO schema_migrations (version, name) VALUES (1, 'logs table');

-- Migration 2: tokens table
CREATE TABLE IF NOT EXISTS tokens (
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
ORDER BY token_hash;
INSERT INTO schema_migrations (version, name) VALUES (2, 'tokens table');

-- Migration 3: lookup tables
CREATE TABLE IF NOT EXISTS lookup_rows (
  org_id LowCardinality(String),
  name String,
  version UInt64,
  row UInt32,
  cells Map(String, String)
) ENGINE = MergeTree
ORDER BY (org_id, name, version, row);
CREATE TABLE IF NOT EXISTS lookup_tables (
  org_id LowCardinality(String),
  name String,
  version UInt64,
  columns Array(String),
  rows UInt64,
  deleted Bool DEFAULT false,
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = MergeTree
ORDER BY (org_id, name, version);
INSERT INTO schema_migrations (version, name) VALUES (3, 'lookup tables');

-- Migration 4: tenancy: token indexes and use, tenants, index retention, audit log
ALTER TABLE tokens ADD COLUMN IF NOT EXISTS indexes Array(String) DEFAULT [] AFTER role;
CREATE TABLE IF NOT EXISTS token_usage (
  token_id UUID,
  last_used_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(last_used_at)
ORDER BY token_id;
CREATE TABLE IF NOT EXISTS tenants (
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
ORDER BY org_id;
CREATE TABLE IF NOT EXISTS index_retention (
  org_id LowCardinality(String),
  `index` String,
  days UInt32,
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (org_id, `index`);
CREATE TABLE IF NOT EXISTS query_log (
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
TTL toDateTime(started_at) + INTERVAL 90 DAY;
INSERT INTO schema_migrations (version, name) VALUES (4, 'tenancy: token indexes and use, tenants, index retention, audit log');

-- Migration 5: ingest: request keys for idempotent retries
ALTER TABLE logs ADD COLUMN IF NOT EXISTS _request String DEFAULT '' CODEC(ZSTD(1));
ALTER TABLE logs ADD INDEX IF NOT EXISTS indextime_minmax _indextime TYPE minmax GRANULARITY 1;
INSERT INTO schema_migrations (version, name) VALUES (5, 'ingest: request keys for idempotent retries');

-- Migration 6: tokens as ingest objects: default index, default sourcetype, acknowledgement
ALTER TABLE tokens ADD COLUMN IF NOT EXISTS default_index String DEFAULT '' AFTER indexes;
ALTER TABLE tokens ADD COLUMN IF NOT EXISTS default_sourcetype String DEFAULT '' AFTER default_index;
ALTER TABLE tokens ADD COLUMN IF NOT EXISTS ack Bool DEFAULT false AFTER default_sourcetype;
INSERT INTO schema_migrations (version, name) VALUES (6, 'tokens as ingest objects: default index, default sourcetype, acknowledgement');

-- Migration 7: metrics table
CREATE TABLE IF NOT EXISTS metrics (
  org_id LowCardinality(String),
  `index` LowCardinality(String),
  metric_name LowCardinality(String),
  labels Map(LowCardinality(String), String),
  timestamp DateTime64(3, 'UTC'),
  value Float64
) ENGINE = MergeTree
PARTITION BY toYYYYMMDD(timestamp)
ORDER BY (org_id, `index`, metric_name, timestamp)
TTL toDateTime(timestamp) + INTERVAL 2184 DAY DELETE
SETTINGS non_replicated_deduplication_window = 1000;
INSERT INTO schema_migrations (version, name) VALUES (7, 'metrics table');

-- Migration 8: backups table
CREATE TABLE IF NOT EXISTS backups (
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
ORDER BY id;
INSERT INTO schema_migrations (version, name) VALUES (8, 'backups table');

-- Migration 9: knowledge objects
CREATE TABLE IF NOT EXISTS knowledge_objects (
  org_id LowCardinality(String),
  kind LowCardinality(String),
  text String,
  updated_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (org_id, kind);
INSERT INTO schema_migrations (version, name) VALUES (9, 'knowledge objects');

-- Migration 10: data model summaries
CREATE TABLE IF NOT EXISTS datamodel_summaries (
  org_id LowCardinality(String),
  model LowCardinality(String),
  dataset LowCardinality(String),
  `index` LowCardinality(String),
  _time DateTime64(3, 'UTC'),
  host LowCardinality(String),
  source LowCardinality(String),
  sourcetype LowCardinality(String),
  _raw String DEFAULT '',
  fields JSON,
  built_to UInt64 DEFAULT 0
) ENGINE = MergeTree
PARTITION BY toYYYYMMDD(_time)
ORDER BY (org_id, model, dataset, `index`, _time)
TTL toDateTime(_time) + INTERVAL 2184 DAY DELETE;
CREATE TABLE IF NOT EXISTS datamodel_summary_state (
  org_id LowCardinality(String),
  model LowCardinality(String),
  dataset LowCardinality(String),
  built_to UInt64,
  pending_to UInt64,
  earliest String DEFAULT '',
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (org_id, model, dataset);
INSERT INTO schema_migrations (version, name) VALUES (10, 'data model summaries');

-- Migration 11: machine learning models
CREATE TABLE IF NOT EXISTS ml_models (
  org_id LowCardinality(String),
  name String,
  version UInt64,
  algorithm LowCardinality(String),
  model String,
  deleted Bool DEFAULT false,
  updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = MergeTree
ORDER BY (org_id, name, version);
INSERT INTO schema_migrations (version, name) VALUES (11, 'machine learning models');

-- Migration 12: data model summaries maintained at insert
ALTER TABLE datamodel_summary_state ADD COLUMN IF NOT EXISTS live_from UInt64 DEFAULT 0;
ALTER TABLE datamodel_summary_state ADD COLUMN IF NOT EXISTS definition String DEFAULT '';
INSERT INTO schema_migrations (version, name) VALUES (12, 'data model summaries maintained at insert');

-- Migration 13: data model summaries checked against the events
ALTER TABLE datamodel_summaries ADD COLUMN IF NOT EXISTS _indextime DateTime('UTC') DEFAULT 0;
ALTER TABLE datamodel_summary_state ADD COLUMN IF NOT EXISTS checked_to UInt64 DEFAULT 0;
ALTER TABLE datamodel_summary_state ADD COLUMN IF NOT EXISTS error String DEFAULT '';
ALTER TABLE datamodel_summary_state ADD COLUMN IF NOT EXISTS failed_at UInt64 DEFAULT 0;
INSERT INTO schema_migrations (version, name) VALUES (13, 'data model summaries checked against the events');
