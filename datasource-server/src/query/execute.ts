// One search as the service runs it for a caller: tenant limits, the concurrency slot, runSpl, kill, audit.
// POST /query/spl and the Splunk REST job API (src/splunk-rest/) both start searches here.

import type { Compiler } from './compile-pool.ts';
import type { KnowledgeObjects } from '@nexus/spl';
import { randomUUID } from 'node:crypto';
import type { Identity } from '../auth/types.ts';
import { diagnostic, positionDiagnostic } from '@nexus/spl';
import type { MacroRegistry } from '@nexus/spl';
import { QueryCancelledError } from '../store/index.ts';
import type { Store } from '../store/index.ts';
import type { TenantService } from '../tenants/service.ts';
import type { AuditLog, QueryStatus } from './audit.ts';
import type { MetricsBackend } from './metrics.ts';
import type { RunningQueries } from './running.ts';
import type { QueryLimits, SplRequest, SplResponse } from './service.ts';
import {
  DEFAULT_MAX_QUERY_LENGTH,
  QueryForbiddenError,
  QueryInputError,
  checkQueryLength,
  defaultQueryLimits,
  runSpl,
  tenantQueryLimits,
} from './service.ts';

export interface SearchDeps {
  readonly store: Store;
  readonly limits?: QueryLimits;
  /** Search macros every query may call. */
  readonly macros?: MacroRegistry;
  /** The tenant's search-time knowledge objects (eventtypes, tags, aliases, calculated fields). */
  readonly knowledge?: (orgId: string) => Promise<KnowledgeObjects>;
  /** The searches running now (shared with the admin routes that list and kill them). */
  readonly running: RunningQueries;
  /** Searches one tenant may run at once, unless its tenant settings say otherwise (default 10). */
  readonly maxConcurrentQueries?: number;
  /** Per-tenant limits set by operators. */
  readonly tenants?: TenantService;
  /** Where every search is recorded. */
  readonly audit?: AuditLog;
  /** VictoriaMetrics (METRICS_URL): `mstats` runs there as PromQL; absent, on the `metrics` table. */
  readonly metrics?: MetricsBackend;
  /** Where searches compile (the service's worker threads, compile-pool.ts); absent: on the event loop. */
  readonly compiler?: Compiler;
}

export const DEFAULT_MAX_CONCURRENT_QUERIES = 10;

/** How a search ended, for the audit log. */
function statusOf(err: unknown, killed: boolean): QueryStatus {
  if (killed) return 'killed';
  if (err === undefined) return 'ok';
  if (err instanceof QueryCancelledError) return 'cancelled';
  if (err instanceof QueryInputError) return err.status === 422 ? 'limit' : 'invalid';
  if (err instanceof QueryForbiddenError) return 'rejected';
  return 'error';
}

export interface StartedSearch {
  /** The statement's id: `KILL QUERY`, the admin API's running list and the audit log name it. */
  readonly queryId: string;
  /** Settles when the search ends; rejects like `runSpl` (and with a `killed` 422 when an admin stopped it). */
  readonly result: Promise<SplResponse>;
}

/**
 * Takes one of the tenant's concurrency slots (throws `TooManyQueriesError` when none is free) and starts the
 * search. Aborting `opts.signal` kills the ClickHouse statement (`store.query` sends `KILL QUERY`); the result
 * then rejects with `QueryCancelledError`. Every search is recorded in the audit log, however it ends.
 *
 * @example const { result } = await startSearch(deps, identity, { query: 'index=web | stats count' });
 */
export async function startSearch(
  deps: SearchDeps,
  identity: Identity,
  req: SplRequest,
  opts: { signal?: AbortSignal; onCompiled?: (sql: string) => void; nowMs?: number } = {},
): Promise<StartedSearch> {
  const tenant = await deps.tenants?.get(identity.orgId);
  const limits = tenantQueryLimits(deps.limits ?? defaultQueryLimits, tenant?.limits);
  // Every way in (`/query/spl`, Splunk's REST jobs) refuses an over-long search before it takes a slot.
  checkQueryLength(req.query, limits.maxQueryLength ?? DEFAULT_MAX_QUERY_LENGTH);
  const queryId = randomUUID();
  const startedMs = Date.now();
  const handle = deps.running.start(
    { queryId, orgId: identity.orgId, subject: identity.subject, spl: req.query },
    tenant?.limits.maxConcurrentQueries ?? deps.maxConcurrentQueries ?? DEFAULT_MAX_CONCURRENT_QUERIES,
    opts.signal,
  );
  const run = async (): Promise<SplResponse> => {
    let sql = '';
    let outcome: { rows: number; rowsRead: number } = { rows: 0, rowsRead: 0 };
    let failure: unknown;
    let killed = false;
    try {
      const knowledge = await deps.knowledge?.(identity.orgId);
      const result = await runSpl(deps.store, identity.orgId, req, {
        limits,
        ...(deps.macros ? { macros: deps.macros } : {}),
        ...(knowledge ? { knowledge } : {}),
        role: identity.role,
        ...(identity.indexes ? { indexes: identity.indexes } : {}),
        queryId,
        ...(opts.nowMs === undefined ? {} : { nowMs: opts.nowMs }),
        signal: handle.signal,
        onCompiled: (s) => {
          sql = s;
          opts.onCompiled?.(s);
        },
        ...(deps.metrics ? { metrics: deps.metrics } : {}),
        ...(deps.compiler ? { compiler: deps.compiler } : {}),
      });
      outcome = { rows: result.rows.length, rowsRead: result.meta.rowsRead };
      return result;
    } catch (err) {
      failure = err;
      const stop = handle.killed;
      if (stop && err instanceof QueryCancelledError) {
        killed = true;
        throw new QueryInputError(
          [positionDiagnostic('', diagnostic('killed', stop.message, { start: 0, end: 0 }))],
          422,
        );
      }
      throw err;
    } finally {
      handle.finish();
      deps.audit?.record({
        startedMs,
        queryId,
        orgId: identity.orgId,
        subject: identity.subject,
        role: identity.role,
        spl: req.query,
        sql,
        durationMs: Date.now() - startedMs,
        ...outcome,
        status: statusOf(failure, killed),
        ...(failure instanceof Error ? { error: failure.message } : {}),
      });
    }
  };
  return { queryId, result: run() };
}
