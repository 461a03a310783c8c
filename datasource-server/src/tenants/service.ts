// Tenants as operators manage them: a ban, and per-tenant limits that override the service's defaults.
// Rows live in the `tenants` table (versioned by updated_at); every instance caches them for `maxAgeMs`.

import type { Authenticator, Identity } from '../auth/types.ts';
import type { RateLimitResolver } from '../limits/rate.ts';
import { loadedTable } from '../store/cache.ts';
import { dateTime64ToIso } from '../store/store.ts';
import type { Store } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';

/** Limits one tenant may have set; absent = the service's default. */
export interface TenantLimits {
  readonly maxRangeSeconds?: number;
  readonly maxRows?: number;
  readonly maxExecutionSeconds?: number;
  readonly maxConcurrentQueries?: number;
  readonly maxMemoryBytes?: number;
  readonly requestsPerSecond?: number;
  readonly ingestBytesPerSecond?: number;
}

export interface Tenant {
  readonly orgId: string;
  readonly banned: boolean;
  readonly reason: string;
  readonly limits: TenantLimits;
  readonly updatedAt: string;
}

/** The limit names as the admin API spells them, with the column that stores each. */
export const LIMIT_COLUMNS: Readonly<
  Record<keyof TenantLimits, { column: string; type: string; max: number }>
> = {
  maxRangeSeconds: { column: 'max_range_seconds', type: 'UInt64', max: 100 * 365 * 86_400 },
  maxRows: { column: 'max_rows', type: 'UInt32', max: 10_000_000 },
  maxExecutionSeconds: { column: 'max_execution_seconds', type: 'UInt32', max: 86_400 },
  maxConcurrentQueries: { column: 'max_concurrent_queries', type: 'UInt32', max: 10_000 },
  maxMemoryBytes: { column: 'max_memory_bytes', type: 'UInt64', max: 2 ** 50 },
  requestsPerSecond: { column: 'requests_per_second', type: 'UInt32', max: 1_000_000 },
  ingestBytesPerSecond: { column: 'ingest_bytes_per_second', type: 'UInt64', max: 2 ** 40 },
};

const LIMIT_KEYS = Object.keys(LIMIT_COLUMNS) as (keyof TenantLimits)[];

export interface TenantUpdate {
  readonly banned?: boolean;
  readonly reason?: string;
  /** A number sets the limit, null returns it to the default; absent keeps it. */
  readonly limits?: { readonly [K in keyof TenantLimits]?: number | null };
}

export interface TenantService {
  /** The tenant's settings from the cache (refreshed when older than `maxAgeMs`). */
  get(orgId: string): Promise<Tenant | undefined>;
  /** The cached settings without waiting (for hot paths that can take a few seconds of staleness). */
  cached(orgId: string): Tenant | undefined;
  list(): Promise<Tenant[]>;
  update(orgId: string, change: TenantUpdate): Promise<Tenant>;
  refresh(): Promise<void>;
}

export interface TenantServiceOptions {
  readonly store: Store;
  readonly logger?: Logger;
  /** A ban or a limit set through another instance applies here within this time (default 5 s). */
  readonly maxAgeMs?: number;
}

function toTenant(row: readonly unknown[]): Tenant | undefined {
  const [orgId, banned, reason, updatedAt, ...limits] = row;
  if (typeof orgId !== 'string') return undefined;
  const out: Record<string, number> = {};
  LIMIT_KEYS.forEach((k, i) => {
    const v = limits[i];
    if (v !== null && v !== undefined) out[k] = Number(v);
  });
  return {
    orgId,
    banned: banned === true || banned === 1,
    reason: typeof reason === 'string' ? reason : '',
    limits: out,
    updatedAt: dateTime64ToIso(updatedAt) ?? '',
  };
}

const SELECT = `SELECT org_id, banned, reason, updated_at, ${LIMIT_KEYS.map((k) => LIMIT_COLUMNS[k].column).join(', ')}
FROM tenants FINAL`;

export function createTenantService(opts: TenantServiceOptions): TenantService {
  const { store } = opts;
  const logger = opts.logger ?? silentLogger;
  const maxAgeMs = opts.maxAgeMs ?? 5_000;
  async function load(): Promise<Map<string, Tenant>> {
    const r = await store.query({ sql: SELECT, params: {} });
    const next = new Map<string, Tenant>();
    for (const row of r.rows) {
      const t = toTenant(row);
      if (t) next.set(t.orgId, t);
    }
    return next;
  }

  const cache = loadedTable(load, new Map<string, Tenant>());
  const refresh = (): Promise<void> => cache.refresh();

  async function fresh(): Promise<void> {
    if (cache.age() <= maxAgeMs) return;
    try {
      await refresh();
    } catch (err) {
      // Keep serving from what is cached; the next request tries again.
      logger.warn('tenants: could not reload tenant settings', { err });
    }
  }

  return {
    refresh,
    cached: (orgId) => {
      if (cache.age() > maxAgeMs) void fresh();
      return cache.value.get(orgId);
    },
    async get(orgId) {
      await fresh();
      return cache.value.get(orgId);
    },
    async list() {
      await refresh();
      return [...cache.value.values()].sort((a, b) => a.orgId.localeCompare(b.orgId));
    },
    async update(orgId, change) {
      await refresh();
      const current = cache.value.get(orgId);
      const limits: Record<string, number | null> = {};
      for (const k of LIMIT_KEYS) {
        const v = change.limits?.[k];
        limits[k] = v === undefined ? (current?.limits[k] ?? null) : v;
      }
      const params: Record<string, unknown> = {
        o: orgId,
        b: change.banned ?? current?.banned ?? false,
        r: change.reason ?? (change.banned === false ? '' : (current?.reason ?? '')),
      };
      const values = LIMIT_KEYS.map((k, i) => {
        params[`l${i}`] = limits[k];
        return `{l${i}:Nullable(${LIMIT_COLUMNS[k].type})}`;
      });
      await store.command(
        `INSERT INTO tenants (org_id, banned, reason, ${LIMIT_KEYS.map((k) => LIMIT_COLUMNS[k].column).join(', ')})
         VALUES ({o:String}, {b:Bool}, {r:String}, ${values.join(', ')})`,
        params,
      );
      await refresh();
      const updated = cache.value.get(orgId);
      if (!updated) throw new Error('a tenant just written is not in the tenants table');
      return updated;
    },
  };
}

/** Refuses identities of banned tenants on every route (`admit`). The admin API never bans the operator org. */
export function withTenantGate(auth: Authenticator, tenants: TenantService): Authenticator {
  return {
    verify: (token) => auth.verify(token),
    async admit(identity: Identity): Promise<string | undefined> {
      const earlier = await auth.admit?.(identity);
      if (earlier !== undefined) return earlier;
      const t = await tenants.get(identity.orgId);
      return t?.banned ? `organisation \`${identity.orgId}\` is suspended` : undefined;
    },
  };
}

/**
 * Rate limits with each tenant's own (set through `/admin/tenants`) over `base` (the configuration's).
 * Reads the cached settings, so a request never waits for the tenants table.
 */
export function tenantRateResolver(base: RateLimitResolver, tenants: TenantService): RateLimitResolver {
  return async (orgId) => {
    const b = await base(orgId);
    const own = tenants.cached(orgId)?.limits;
    return {
      rps: own?.requestsPerSecond ?? b.rps,
      ingestBytesPerSecond: own?.ingestBytesPerSecond ?? b.ingestBytesPerSecond,
    };
  };
}
