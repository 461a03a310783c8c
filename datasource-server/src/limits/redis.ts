// The Redis connection behind shared rate limits (REDIS_URL), set up so a dead or slow Redis never stalls a request.

import { Redis } from 'ioredis';

export interface RedisOptions {
  /** A command without a reply after this long fails (and the limiter answers from memory). Default 250 ms. */
  readonly commandTimeoutMs?: number;
}

/** Redis on the same network answers in well under a millisecond; 250 ms means it is in trouble. */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 250;

/**
 * An ioredis client for rate limiting. While it is not connected, commands fail at once instead of queueing
 * (`enableOfflineQueue: false`, no per-command retries), a command without a reply fails after
 * `commandTimeoutMs`, and the client keeps reconnecting in the background (every 0.1–2 s), so the limiter
 * falls back to memory at once and returns to Redis as soon as it is back. Errors are reported through the
 * client's events (the limiter logs them); close it with `disconnect()`.
 *
 * @example const redis = connectRedis('redis://redis:6379'); // then createTenantRateLimiter({ redis, … })
 */
export function connectRedis(url: string, opts: RedisOptions = {}): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: opts.commandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    retryStrategy: (times: number) => Math.min(100 * times, 2_000),
    connectionName: 'nexus-api',
  });
  // Without a listener ioredis prints every failed reconnection to the console; the limiter logs outages.
  client.on('error', () => undefined);
  return client;
}
