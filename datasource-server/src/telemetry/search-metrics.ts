// Prometheus series of searches: duration by outcome, killed and limited searches, rows read per org.

import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { AuditEntry, AuditLog, QueryStatus } from '../query/audit.ts';

/** Why a search was refused or stopped by a limit: a guardrail (422: rows, time, memory) or concurrency (429). */
export type SearchLimit = 'guardrail' | 'concurrency';

export interface SearchMetrics {
  /** `nexus_search_duration_seconds{status}`: every finished search, by its audit status (ok, error, …). */
  readonly duration: Histogram<'status'>;
  /** `nexus_search_killed_total{org}`: searches an administrator stopped (DELETE /admin/queries/:id). */
  readonly killed: Counter<'org'>;
  /** `nexus_search_limited_total{org,limit}`: searches refused or stopped by a limit. */
  readonly limited: Counter<'org' | 'limit'>;
  /** `nexus_search_rows_read_total{org}`: rows ClickHouse read for finished searches. */
  readonly rowsRead: Counter<'org'>;
  /** Counts one finished search (an audit entry). */
  observe(entry: AuditEntry): void;
  /** Counts a search refused before it ran because its tenant runs as many as it may. */
  refused(orgId: string): void;
}

// From a cached count (a few ms) to the longest execution time a tenant may be given.
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** The statuses that are the service's fault (an alert's numerator); the others are the caller's. */
export const SEARCH_ERROR_STATUSES: readonly QueryStatus[] = ['error'];

/**
 * The search series, registered in `registers`. `orgLabel` bounds the org label set (the ingest metrics'
 * bound is shared, so one tenant counts once against it).
 *
 * @example const s = createSearchMetrics({ registers: [registry], orgLabel: (o) => o ?? '_unknown' });
 */
export function createSearchMetrics(opts: {
  registers: Registry[];
  orgLabel: (orgId: string | undefined) => string;
}): SearchMetrics {
  const { registers, orgLabel } = opts;
  const metrics: SearchMetrics = {
    duration: new Histogram({
      name: 'nexus_search_duration_seconds',
      help: 'Time from receipt to answer of a search (POST /query/spl), by outcome: ok, error, invalid, limit, killed, cancelled, rejected.',
      labelNames: ['status'],
      buckets: SECONDS,
      registers,
    }),
    killed: new Counter({
      name: 'nexus_search_killed_total',
      help: 'Searches stopped by an administrator, by org.',
      labelNames: ['org'],
      registers,
    }),
    limited: new Counter({
      name: 'nexus_search_limited_total',
      help: 'Searches refused or stopped by a limit, by org and limit (guardrail: rows, time or memory, 422; concurrency: 429).',
      labelNames: ['org', 'limit'],
      registers,
    }),
    rowsRead: new Counter({
      name: 'nexus_search_rows_read_total',
      help: 'Rows ClickHouse read for finished searches, by org.',
      labelNames: ['org'],
      registers,
    }),
    observe(e) {
      metrics.duration.observe({ status: e.status }, e.durationMs / 1000);
      const org = orgLabel(e.orgId);
      if (e.rowsRead > 0) metrics.rowsRead.inc({ org }, e.rowsRead);
      if (e.status === 'killed') metrics.killed.inc({ org });
      if (e.status === 'limit') metrics.limited.inc({ org, limit: 'guardrail' });
    },
    refused(orgId) {
      metrics.limited.inc({ org: orgLabel(orgId), limit: 'concurrency' });
    },
  };
  return metrics;
}

/**
 * The audit log as the query routes see it, counting every search in `metrics` before it is recorded
 * (or only counting, when there is no audit log).
 */
export function observedAuditLog(metrics: SearchMetrics, audit: AuditLog | undefined): AuditLog {
  return {
    record(e) {
      metrics.observe(e);
      audit?.record(e);
    },
    flush: () => audit?.flush() ?? Promise.resolve(),
    close: () => audit?.close() ?? Promise.resolve(),
  };
}
