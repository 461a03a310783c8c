// Prometheus metrics of one nexus-api process: its own prom-client Registry, rendered by GET /metrics.

import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { createIngestMetrics } from './ingest-metrics.ts';
import type { IngestMetrics } from './ingest-metrics.ts';
import { createSearchMetrics } from './search-metrics.ts';
import type { SearchMetrics } from './search-metrics.ts';

export type RateLimitReason = 'requests' | 'ingest_bytes';
export type LimiterBackend = 'redis' | 'memory';

export interface Metrics {
  readonly registry: Registry;
  /** `nexus_http_requests_total{method, route, status}`: route is the matched pattern, never the raw path. */
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  /** `nexus_rate_limited_total{org, reason}`: requests answered 429 by the per-tenant limits. */
  readonly rateLimited: Counter<'org' | 'reason'>;
  /** `nexus_rate_limiter_backend{backend}`: 1 for the store deciding now (redis or memory), 0 for the other. */
  readonly limiterBackend: Gauge<'backend'>;
  /** `nexus_rate_limiter_fallbacks_total`: decisions taken in memory because Redis was configured but unusable. */
  readonly limiterFallbacks: Counter;
  /** `nexus_ingest_*`: requests, events and bytes per protocol and org, and the insert batches. */
  readonly ingest: IngestMetrics;
  /** `nexus_search_*`: search duration by outcome, killed and limited searches, rows read. */
  readonly search: SearchMetrics;
}

export interface MetricsOptions {
  /** Distinct `org` label values of the ingest series (ingest-metrics.ts). Default 1000. */
  maxOrgLabels?: number;
}

/**
 * A registry with nexus-api's metrics and prom-client's default process metrics (CPU, memory, event loop,
 * GC, handles), prefixed `nexus_`. Not the global registry: several apps in one process (tests) keep apart.
 *
 * @example const metrics = createMetrics(); await metrics.registry.metrics() // Prometheus text format
 */
export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'nexus_' });
  const registers = [registry];
  const ingest = createIngestMetrics({ registers, ...opts });
  const metrics: Metrics = {
    registry,
    httpRequests: new Counter({
      name: 'nexus_http_requests_total',
      help: 'HTTP requests answered, by method, matched route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    rateLimited: new Counter({
      name: 'nexus_rate_limited_total',
      help: 'Requests refused with 429 by the per-organisation rate limits, by org and by reason (requests | ingest_bytes).',
      labelNames: ['org', 'reason'],
      registers,
    }),
    limiterBackend: new Gauge({
      name: 'nexus_rate_limiter_backend',
      help: 'Where rate limits are counted now: 1 for the active backend (redis or memory), 0 for the other.',
      labelNames: ['backend'],
      registers,
    }),
    limiterFallbacks: new Counter({
      name: 'nexus_rate_limiter_fallbacks_total',
      help: 'Rate-limit decisions taken in memory because Redis (REDIS_URL) was down, slow or not connected.',
      registers,
    }),
    ingest,
    // One org label bound for ingest and search: a tenant counts once against it.
    search: createSearchMetrics({ registers, orgLabel: ingest.orgLabel }),
  };
  setLimiterBackend(metrics, 'memory');
  return metrics;
}

export function setLimiterBackend(metrics: Metrics, backend: LimiterBackend): void {
  metrics.limiterBackend.set({ backend: 'redis' }, backend === 'redis' ? 1 : 0);
  metrics.limiterBackend.set({ backend: 'memory' }, backend === 'memory' ? 1 : 0);
}

// Methods Node's HTTP parser accepts are a fixed set already; anything unusual still folds into one label.
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Counts every answered request in `nexus_http_requests_total`. Mount first (`app.use(httpMetrics(m))`):
 * after the handlers ran, Hono's `routePath` names the pattern that answered (`/lookups/:name`), or the
 * middleware pattern that stopped the request (`/query/*` for a 401), so the label set stays bounded.
 */
export const httpMetrics =
  (metrics: Metrics): MiddlewareHandler =>
  async (c, next) => {
    await next();
    const method = METHODS.has(c.req.method) ? c.req.method : 'OTHER';
    const route = routePath(c) || 'unmatched';
    metrics.httpRequests.inc({ method, route, status: String(c.res.status) });
  };
