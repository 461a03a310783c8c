// Per-tenant rate limits (requests per second, ingest bytes per second), counted in Redis when REDIS_URL is
// set (one budget shared by every nexus-api instance) and in memory otherwise or while Redis is unusable.

import type { Context, MiddlewareHandler } from 'hono';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { AuthEnv, Identity } from '../auth/types.ts';
import { HEC, IngestError } from '../ingest/errors.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import { setLimiterBackend } from '../telemetry/metrics.ts';
import type { LimiterBackend, Metrics, RateLimitReason } from '../telemetry/metrics.ts';
import { requestBodyBytes } from './body-bytes.ts';
import { onDecodedBytes } from './decoded-bytes.ts';

/** One organisation's limits; `0` turns a limit off. */
export interface OrgRateLimits {
  readonly rps: number;
  readonly ingestBytesPerSecond: number;
}

/**
 * The limits of an org. Called on every limited request, so keep it cheap (cache what it reads). Today
 * {@link configResolver}; a tenants table can feed the same interface later.
 */
export type RateLimitResolver = (orgId: string) => OrgRateLimits | Promise<OrgRateLimits>;

/** From the environment (src/config.ts): NEXUS_RATE_LIMIT_RPS / _INGEST_BYTES and NEXUS_RATE_LIMIT_OVERRIDES. */
export interface RateLimitConfig {
  readonly defaults: OrgRateLimits;
  readonly overrides: ReadonlyMap<string, Partial<OrgRateLimits>>;
}

/** @example configResolver(config.rateLimit)('acme') // => { rps: 500, ingestBytesPerSecond: 10485760 } */
export function configResolver(cfg: RateLimitConfig): RateLimitResolver {
  return (orgId) => ({ ...cfg.defaults, ...cfg.overrides.get(orgId) });
}

/** The outcome of charging one request to a budget. */
export interface RateDecision {
  readonly allowed: boolean;
  readonly reason: RateLimitReason;
  /** The budget of one window: requests, or bytes. */
  readonly limit: number;
  readonly remaining: number;
  readonly windowSeconds: number;
  /** Milliseconds until the window starts over. */
  readonly msBeforeReset: number;
}

export interface TenantRateLimiter {
  /** The org's limits; a failing resolver means no limits (logged), not a failed request. */
  limitsFor(orgId: string): Promise<OrgRateLimits>;
  /**
   * Charges `cost` (1 request, or n bytes) to the org's budget at `perSecond`. A refused byte charge is
   * given back, so the bytes an org may still send stay what it really sent. Never throws.
   */
  consume(orgId: string, reason: RateLimitReason, cost: number, perSecond: number): Promise<RateDecision>;
  /** Where limits are counted right now. */
  backend(): LimiterBackend;
  /** The wire-size cap of a request body (NEXUS_MAX_BODY_BYTES), which sets the byte budget's window. */
  readonly maxBodyBytes: number;
}

export interface TenantRateLimiterOptions {
  resolve: RateLimitResolver;
  /** A client from `connectRedis` (src/limits/redis.ts); without it limits live in this process only. */
  redis?: Redis | undefined;
  maxBodyBytes: number;
  metrics: Metrics;
  logger?: Logger;
  /** Prefix of the Redis keys, default `nexus:rl`. */
  keyPrefix?: string;
  /** After Redis failed while connected (a timeout), count in memory this long before trying it again. */
  suspendMs?: number;
}

/**
 * How long the byte budget's window is. A request is charged whole, so the window must hold a body of the
 * largest allowed size or such a body could never pass (and senders retry 429 forever): the window is the
 * fewest whole seconds whose budget (`perSecond` × seconds) holds `maxBodyBytes`. With the defaults
 * (10 MiB/s, 16 MiB bodies) that is 2 s and 20 MiB, and the average rate stays exactly `perSecond`.
 */
export function ingestWindowSeconds(perSecond: number, maxBodyBytes: number): number {
  return Math.max(1, Math.ceil(maxBodyBytes / perSecond));
}

interface Limiters {
  /** Redis, insured by `memory` (rate-limiter-flexible's insuranceLimiter). */
  readonly shared: RateLimiterRedis | undefined;
  readonly memory: RateLimiterMemory;
}

/** The insurance limiter: counts in memory and tells the owner each time Redis could not answer. */
class FallbackMemory extends RateLimiterMemory {
  constructor(
    opts: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly onFallback: () => void,
  ) {
    super(opts);
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>): Promise<RateLimiterRes> {
    this.onFallback();
    return super.consume(...args);
  }
}

/**
 * A per-org limiter. rate-limiter-flexible fixes `points` per limiter instance, so orgs with different
 * limits get different instances: one per distinct (reason, budget, window), made on first use and kept
 * (there are as many as distinct configured limits). Each counts in Redis under
 * `<prefix>:<reason>:<budget>:<window>s:<org>`, insured by a memory limiter of the same shape that takes
 * over whenever Redis is not connected, errs or times out.
 *
 * @example
 * const limiter = createTenantRateLimiter({ resolve: configResolver(config.rateLimit), redis, maxBodyBytes, metrics });
 * await limiter.consume('acme', 'requests', 1, 100) // => { allowed: true, limit: 100, remaining: 99, … }
 */
export function createTenantRateLimiter(opts: TenantRateLimiterOptions): TenantRateLimiter {
  const { redis, metrics } = opts;
  const logger = opts.logger ?? silentLogger;
  const prefix = opts.keyPrefix ?? 'nexus:rl';
  const suspendMs = opts.suspendMs ?? 5_000;
  const cache = new Map<string, Limiters>();
  let suspendedUntil = 0;

  const backend = (): LimiterBackend =>
    redis !== undefined && redis.status === 'ready' && Date.now() >= suspendedUntil ? 'redis' : 'memory';

  if (redis !== undefined) {
    let lastLogged: 'up' | 'down' | undefined;
    const report = (state: 'up' | 'down', err?: unknown) => {
      setLimiterBackend(metrics, backend());
      if (state === lastLogged) return;
      lastLogged = state;
      if (state === 'up') logger.info('rate limits: counting in Redis (shared by all instances)');
      else
        logger.warn('rate limits: Redis unavailable, counting in memory per instance until it is back', {
          err,
        });
    };
    redis.on('ready', () => {
      suspendedUntil = 0; // a fresh connection gets a fresh chance
      report('up');
    });
    redis.on('close', () => report('down'));
    // ioredis emits an error on every failed reconnection; one log line per outage is enough.
    redis.on('error', (err: unknown) => report('down', err));
  }
  setLimiterBackend(metrics, backend());

  const onFallback = () => {
    metrics.limiterFallbacks.inc();
    // Connected yet failing: slow or hung. Skip it for a while rather than wait for each request's timeout.
    if (redis?.status === 'ready' && Date.now() >= suspendedUntil) {
      suspendedUntil = Date.now() + suspendMs;
      logger.warn('rate limits: Redis did not answer in time; counting in memory for a while', { suspendMs });
    }
  };

  function limitersFor(reason: RateLimitReason, points: number, duration: number): Limiters {
    const keyPrefix = `${prefix}:${reason}:${points}:${duration}s`;
    let found = cache.get(keyPrefix);
    if (found === undefined) {
      const shape = { points, duration, keyPrefix };
      const memory =
        redis === undefined ? new RateLimiterMemory(shape) : new FallbackMemory(shape, onFallback);
      const shared =
        redis === undefined
          ? undefined
          : new RateLimiterRedis({
              storeClient: redis,
              points,
              duration,
              keyPrefix,
              // Not connected: go straight to the insurance limiter instead of sending a command.
              rejectIfRedisNotReady: true,
              insuranceLimiter: memory,
            });
      found = { shared, memory };
      cache.set(keyPrefix, found);
    }
    return found;
  }

  return {
    maxBodyBytes: opts.maxBodyBytes,
    backend,

    async limitsFor(orgId) {
      try {
        return await opts.resolve(orgId);
      } catch (err) {
        logger.warn('rate limits: cannot resolve the limits of an org; not limiting it', { orgId, err });
        return { rps: 0, ingestBytesPerSecond: 0 };
      }
    },

    async consume(orgId, reason, cost, rate) {
      const perSecond = Math.max(1, Math.floor(rate)); // a resolver may hand over fractions
      const windowSeconds = reason === 'requests' ? 1 : ingestWindowSeconds(perSecond, opts.maxBodyBytes);
      const limit = perSecond * windowSeconds;
      const { shared, memory } = limitersFor(reason, limit, windowSeconds);
      // While Redis is suspended the memory limiter answers directly (and counts that as a fallback).
      const limiter = shared !== undefined && Date.now() >= suspendedUntil ? shared : memory;
      setLimiterBackend(metrics, backend());
      const decision = (allowed: boolean, res: RateLimiterRes, remaining: number): RateDecision => ({
        allowed,
        reason,
        limit,
        remaining,
        windowSeconds,
        msBeforeReset: res.msBeforeNext > 0 ? res.msBeforeNext : windowSeconds * 1000,
      });
      try {
        const res = await limiter.consume(orgId, cost);
        return decision(true, res, res.remainingPoints);
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) {
          // Both stores failed (the memory one cannot): let the request through rather than fail it.
          logger.error('rate limits: limiter failed; request not limited', { orgId, reason, err });
          return decision(true, new RateLimiterRes(limit, windowSeconds * 1000, 0, true), limit);
        }
        if (reason === 'requests') return decision(false, err, 0);
        await limiter.reward(orgId, cost).catch(() => undefined);
        return decision(false, err, Math.max(0, limit - (err.consumedPoints - cost)));
      }
    },
  };
}

// ── Hono middleware ─────────────────────────────────────────────────────────────────────────────

export interface RateLimitOptions {
  limiter: TenantRateLimiter;
  metrics: Metrics;
  /** Error body style: Splunk HEC's `{text, code}` or the API's `{error:{code,message}}`. Default `json`. */
  errors?: 'hec' | 'json';
  /** Also charge the request body to the org's ingest byte budget (ingestion routes). */
  countBody?: boolean;
}

function setRateHeaders(c: Context, d: RateDecision): void {
  c.header('X-RateLimit-Limit', String(d.limit));
  c.header('X-RateLimit-Remaining', String(d.remaining));
  // Unix time in seconds at which the window starts over (GitHub's convention for X-RateLimit-Reset).
  c.header('X-RateLimit-Reset', String(Math.ceil((Date.now() + d.msBeforeReset) / 1000)));
  c.header('X-RateLimit-Resource', d.reason);
}

function refuse(c: Context, d: RateDecision, style: 'hec' | 'json'): Response {
  const retryAfter = Math.max(1, Math.ceil(d.msBeforeReset / 1000));
  c.header('Retry-After', String(retryAfter));
  const what =
    d.reason === 'requests'
      ? `${d.limit} requests per second`
      : `${d.limit / d.windowSeconds} bytes per second (counted over ${d.windowSeconds} s)`;
  const message = `rate limit exceeded: this organisation may send ${what}; retry after ${retryAfter} s`;
  // HEC has no code of its own for a quota: "server is busy" (9) is the one its clients back off on.
  if (style === 'hec') return c.json({ text: `Server is busy: ${message}`, code: HEC.busy.code }, 429);
  return c.json({ error: { code: 'rate_limited', message } }, 429);
}

/**
 * Per-org rate limits for routes behind `requireAuth` (the org is `c.get('identity').orgId`). Every
 * response carries `X-RateLimit-Limit/-Remaining/-Reset` of the request budget; over a limit the answer is
 * 429 with `Retry-After` (whole seconds, ≥ 1), counted in `nexus_rate_limited_total{org, reason}`.
 *
 * @example app.use('/query/*', requireAuth({ auth }), rateLimit({ limiter, metrics }))
 */
export const rateLimit = (opts: RateLimitOptions): MiddlewareHandler<AuthEnv> => {
  const style = opts.errors ?? 'json';
  const { limiter, metrics } = opts;
  return async (c, next) => {
    const identity: Identity | undefined = c.get('identity');
    if (identity === undefined) return next();
    const org = identity.orgId;
    const limits = await limiter.limitsFor(org);
    let refused: RateDecision | undefined;
    if (limits.rps > 0) {
      const d = await limiter.consume(org, 'requests', 1, limits.rps);
      setRateHeaders(c, d);
      if (!d.allowed) refused = d;
    }
    if (refused === undefined && opts.countBody === true && limits.ingestBytesPerSecond > 0) {
      const bytes = await requestBodyBytes(c, limiter.maxBodyBytes);
      if (bytes !== undefined && bytes > 0) {
        const d = await limiter.consume(org, 'ingest_bytes', bytes, limits.ingestBytesPerSecond);
        if (!d.allowed) {
          setRateHeaders(c, d);
          refused = d;
        }
      }
    }
    if (refused !== undefined) {
      metrics.rateLimited.inc({ org, reason: refused.reason });
      return refuse(c, refused, style);
    }
    if (opts.countBody === true && limits.ingestBytesPerSecond > 0) {
      // The budget counts decoded bytes: what a compressed body adds is charged once it is decoded.
      const perSecond = limits.ingestBytesPerSecond;
      onDecodedBytes(c.req.raw, async (extra) => {
        const budget = perSecond * ingestWindowSeconds(perSecond, limiter.maxBodyBytes);
        if (extra > budget) {
          throw new IngestError(
            413,
            HEC.invalidFormat,
            `the decoded body is larger than this organisation's ingest budget of ${budget} bytes per window; split it`,
          );
        }
        const d = await limiter.consume(org, 'ingest_bytes', extra, perSecond);
        if (d.allowed) return;
        metrics.rateLimited.inc({ org, reason: d.reason });
        const retryAfter = Math.max(1, Math.ceil(d.msBeforeReset / 1000));
        throw new IngestError(
          429,
          HEC.busy,
          `rate limit exceeded: this organisation may send ${perSecond} decoded bytes per second; retry after ${retryAfter} s`,
          undefined,
          retryAfter,
          true,
        );
      });
    }
    await next();
  };
};
