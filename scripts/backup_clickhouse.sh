#!/usr/bin/env bash
# Daily backup of a Nexus store, for cron (the guide's name). Takes a full backup on the first run of each
# week (NEXUS_BACKUP_FULL_DAY, default Sunday = 7) and an incremental one (on top of the newest good backup)
# on the other days, through a running nexus-api's admin API (`nexus backup create`). ClickHouse writes the
# backup itself (BACKUP ... TO S3/File/Disk), embedded or server alike.
#
#   NEXUS_URL=http://nexus-api:8080 NEXUS_TOKEN=<operator admin token> \
#   NEXUS_BACKUP_DEST=s3://my-bucket/nexus scripts/backup_clickhouse.sh
#
#   # crontab: every day at 02:30
#   30 2 * * * NEXUS_URL=... NEXUS_TOKEN=... NEXUS_BACKUP_DEST=s3://my-bucket/nexus /opt/nexus/scripts/backup_clickhouse.sh >> /var/log/nexus-backup.log 2>&1
#
# Each backup goes to $NEXUS_BACKUP_DEST/<UTC timestamp>. Exit code: 0 done, 1 the backup failed (the
# service's /metrics shows nexus_backup_last_status 0 too), 2 misconfigured.
set -euo pipefail

: "${NEXUS_URL:?set NEXUS_URL (the nexus-api base URL)}"
: "${NEXUS_TOKEN:?set NEXUS_TOKEN (an admin token of the operator org)}"
: "${NEXUS_BACKUP_DEST:?set NEXUS_BACKUP_DEST (s3://bucket/prefix, file:///dir or disk://name/path)}"
FULL_DAY="${NEXUS_BACKUP_FULL_DAY:-7}"
NEXUS_BIN="${NEXUS_BIN:-$(cd "$(dirname "$0")/.." && pwd)/datasource-server/bin/nexus.js}"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
dest="${NEXUS_BACKUP_DEST%/}/${stamp}"
mode=(--incremental)
if [[ "$(date -u +%u)" == "$FULL_DAY" || "${NEXUS_BACKUP_FULL:-}" == "1" ]]; then
  mode=()
fi

echo "$(date -u +%FT%TZ) backup to ${dest} ${mode[*]:-(full)}"
if ! node "$NEXUS_BIN" backup create --to "$dest" "${mode[@]}"; then
  if [[ ${#mode[@]} -gt 0 ]]; then
    # No good backup to build on yet (first run, or the last ones failed): take a full one.
    echo "$(date -u +%FT%TZ) incremental backup failed; taking a full backup"
    node "$NEXUS_BIN" backup create --to "${dest}-full"
  else
    exit 1
  fi
fi
