// Per-tenant rate limits through HTTP requests to the real app, counted in a real redis-server started here:
// 429 with Retry-After and X-RateLimit-*, a budget shared by instances, Redis hung or killed mid-run (memory
// takes over, nothing fails or stalls, Redis is used again once back), ingest bytes on HEC, GET /metrics.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { createApp } from '../../src/app.ts';
import { hashToken } from '../../src/auth/tokens.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { configResolver, createTenantRateLimiter, ingestWindowSeconds } from '../../src/limits/rate.ts';
import type { TenantRateLimiter } from '../../src/limits/rate.ts';
import { connectRedis } from '../../src/limits/redis.ts';
import { createMetrics } from '../../src/telemetry/metrics.ts';
import type { Metrics } from '../../src/telemetry/metrics.ts';
import { ADMIN_TOKEN, tempDir, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';
import { skipWithoutRedis, startRedis } from '../helpers/redis.ts';
import type { RedisServer } from '../helpers/redis.ts';
import { start, stop } from '../helpers/server.ts';

const MiB = 1024 * 1024;

const TOKENS = {
  alpha: { org: 'alpha', role: 'viewer' },
  alphaAdmin: { org: 'alpha', role: 'admin' },
  beta: { org: 'beta', role: 'viewer' },
  gamma: { org: 'gamma', role: 'viewer' },
  ingest: { org: 'ingesty', role: 'ingest' },
  hung: { org: 'hung', role: 'viewer' },
  dead: { org: 'dead', role: 'viewer' },
  viewer: { org: 'default', role: 'viewer' },
} as const;
type Who = keyof typeof TOKENS;
const token = (who: Who): string => `${who}-token-${'0'.repeat(24)}`;

async function addTokens(env: TestEnv): Promise<void> {
  for (const [who, { org, role }] of Object.entries(TOKENS)) {
    await env.store.command(
      'INSERT INTO tokens (token_hash, org_id, role, name) VALUES ({h:FixedString(64)}, {o:String}, {r:String}, {n:String})',
      { h: hashToken(token(who as Who)), o: org, r: role, n: who },
    );
  }
  await env.tokens.refresh();
}

type App = ReturnType<typeof createApp>;

const get = (app: App, path: string, bearer: string | undefined): Promise<Response> =>
  Promise.resolve(
    app.request(path, { headers: bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` } }),
  );

interface Timed {
  status: number;
  headers: Headers;
  body: unknown;
  ms: number;
}

/** `n` concurrent `GET /lookups` of one token, spread round-robin over `apps`. */
async function burst(apps: App[], who: Who, n: number): Promise<Timed[]> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const t0 = performance.now();
      const app = apps[i % apps.length];
      assert.ok(app);
      const res = await get(app, '/lookups', token(who));
      const body: unknown = await res.json();
      return { status: res.status, headers: res.headers, body, ms: performance.now() - t0 };
    }),
  );
}

function statuses(rs: readonly { status: number }[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const r of rs) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
}

async function waitFor(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The value of one sample line of a Prometheus text exposition, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

// ── Configuration and memory-only behaviour (no Redis needed) ──────────────────────────────────

describe('configuration', () => {
  test('defaults, per-org overrides (JSON) through the resolver, 0 = off, errors name the variable', () => {
    const base = { NEXUS_DATA_DIR: '/tmp/x' };
    const cfg = loadConfig({
      ...base,
      NEXUS_RATE_LIMIT_OVERRIDES: '{"acme":{"rps":500,"ingestBytesPerSecond":"50MiB"},"tiny":{"rps":0}}',
    });
    const resolve = configResolver(cfg.rateLimit);
    assert.deepEqual(resolve('other'), { rps: 100, ingestBytesPerSecond: 10 * MiB });
    assert.deepEqual(resolve('acme'), { rps: 500, ingestBytesPerSecond: 50 * MiB });
    assert.deepEqual(resolve('tiny'), { rps: 0, ingestBytesPerSecond: 10 * MiB });
    const set = loadConfig({ ...base, NEXUS_RATE_LIMIT_RPS: '7', NEXUS_RATE_LIMIT_INGEST_BYTES: '1048576' });
    assert.deepEqual(set.rateLimit.defaults, { rps: 7, ingestBytesPerSecond: MiB });
    assert.equal(cfg.redisUrl, undefined);
    assert.equal(loadConfig({ ...base, REDIS_URL: 'redis://r:6379/1' }).redisUrl, 'redis://r:6379/1');
    for (const [name, value, pattern] of [
      ['NEXUS_RATE_LIMIT_RPS', '1.5', /NEXUS_RATE_LIMIT_RPS must be a whole number/],
      ['NEXUS_RATE_LIMIT_INGEST_BYTES', 'lots', /NEXUS_RATE_LIMIT_INGEST_BYTES must be a size/],
      ['NEXUS_RATE_LIMIT_OVERRIDES', 'acme=5', /NEXUS_RATE_LIMIT_OVERRIDES must be a JSON object/],
      ['NEXUS_RATE_LIMIT_OVERRIDES', '{"a":{"rsp":5}}', /\["a"\] has an unknown key "rsp"/],
      ['NEXUS_RATE_LIMIT_OVERRIDES', '{"a":{"rps":-1}}', /\["a"\]\.rps must be a whole number/],
      ['REDIS_URL', 'http://r:6379', /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    ] as const) {
      assert.throws(
        () => loadConfig({ ...base, [name]: value }),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError);
          assert.match(e.message, pattern);
          return true;
        },
      );
    }
  });

  test('the byte window holds the largest body: 10 MiB/s with 16 MiB bodies counts over 2 s', () => {
    assert.equal(ingestWindowSeconds(10 * MiB, 16 * MiB), 2);
    assert.equal(ingestWindowSeconds(MiB, 10 * MiB), 10);
    assert.equal(ingestWindowSeconds(100 * MiB, 16 * MiB), 1);
  });
});

describe('without Redis: limits in memory', () => {
  let env: TestEnv;
  before(async () => {
    env = await testEnv({
      NEXUS_RATE_LIMIT_RPS: '5',
      NEXUS_RATE_LIMIT_OVERRIDES: '{"beta":{"rps":0},"ingesty":{"ingestBytesPerSecond":1}}',
      NEXUS_MAX_BODY_BYTES: String(10 * MiB),
    });
    await addTokens(env);
  });
  after(() => env.close());

  test('the 6th request within a second is refused at 5 rps; an org with rps 0 is not limited', async () => {
    const rs = await burst([env.app], 'alpha', 6);
    assert.deepEqual(statuses(rs), { 200: 5, 429: 1 });
    const unlimited = await burst([env.app], 'beta', 20);
    assert.deepEqual(statuses(unlimited), { 200: 20 });
    assert.equal(unlimited[0]?.headers.get('X-RateLimit-Limit'), null);
  });

  test('a body over NEXUS_MAX_BODY_BYTES is 413 (final), not 429 (retried forever), with or without Content-Length', async () => {
    const body = JSON.stringify({ event: 'z'.repeat(10 * MiB) });
    for (const withLength of [true, false]) {
      const res = await env.app.request('/services/collector/event', {
        method: 'POST',
        headers: {
          Authorization: `Splunk ${token('ingest')}`,
          ...(withLength ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}),
        },
        body,
      });
      assert.equal(res.status, 413, `Content-Length sent: ${withLength}`);
    }
    // Under the cap, the body read here is handed on whole to the handler (and charged: 1 byte/s over 10 MiB s).
    const event = JSON.stringify({ event: 'fits' });
    const ok = await env.app.request('/services/collector/event', {
      method: 'POST',
      headers: { Authorization: `Splunk ${token('ingest')}` },
      body: event,
    });
    assert.deepEqual(await ok.json(), { text: 'Success', code: 0 });
  });
});

// ── Against a real Redis ────────────────────────────────────────────────────────────────────────

interface Instance {
  app: App;
  metrics: Metrics;
  limiter: TenantRateLimiter;
  redis: Redis;
}

describe('with Redis (REDIS_URL)', { skip: skipWithoutRedis }, () => {
  const INGEST_LIMIT = MiB; // per second, for org "ingesty"
  const MAX_BODY = 10 * MiB; // so its window is 10 s and its budget 10 MiB
  let env: TestEnv;
  let redisServer: RedisServer;
  let inspect: Redis;
  let a: Instance;
  const clients: Redis[] = [];

  function instance(): Instance {
    const metrics = createMetrics();
    const redis = connectRedis(redisServer.url);
    clients.push(redis);
    const limiter = createTenantRateLimiter({
      resolve: configResolver(env.config.rateLimit),
      redis,
      maxBodyBytes: env.config.ingest.maxBodyBytes,
      metrics,
      suspendMs: 1_000,
    });
    const app = createApp({
      config: env.config,
      store: env.store,
      tokens: env.tokens,
      batcher: env.batcher,
      metrics,
      rateLimiter: limiter,
    });
    return { app, metrics, limiter, redis };
  }

  before(async () => {
    redisServer = await startRedis();
    env = await testEnv({
      NEXUS_MAX_BODY_BYTES: String(MAX_BODY),
      NEXUS_RATE_LIMIT_OVERRIDES: JSON.stringify({ ingesty: { ingestBytesPerSecond: INGEST_LIMIT } }),
    });
    await addTokens(env);
    inspect = new Redis(redisServer.url);
    inspect.on('error', () => undefined); // reconnects while the test has Redis down
    a = instance();
    await waitFor('the limiter to use Redis', () => a.limiter.backend() === 'redis');
  });

  after(async () => {
    for (const c of [...clients, inspect]) c.disconnect();
    await redisServer.stop();
    await env.close();
  });

  test('the 101st request of an org within one second: 429, Retry-After, X-RateLimit-*; another org unaffected; counted in Redis', async (t) => {
    // All 101 are charged as they arrive, before any handler runs, so well within one window.
    const rs = await burst([a.app], 'alpha', 101);
    t.diagnostic(`Redis up: slowest of 101 requests ${Math.max(...rs.map((r) => r.ms)).toFixed(0)} ms`);
    assert.deepEqual(statuses(rs), { 200: 100, 429: 1 });

    const ok = rs.filter((r) => r.status === 200);
    assert.ok(ok.every((r) => r.headers.get('X-RateLimit-Limit') === '100'));
    const remaining = ok.map((r) => Number(r.headers.get('X-RateLimit-Remaining'))).sort((x, y) => x - y);
    assert.deepEqual(
      remaining,
      Array.from({ length: 100 }, (_, i) => i),
    );

    const refused = rs.find((r) => r.status === 429);
    assert.ok(refused);
    assert.equal(refused.headers.get('Retry-After'), '1');
    assert.equal(refused.headers.get('X-RateLimit-Limit'), '100');
    assert.equal(refused.headers.get('X-RateLimit-Remaining'), '0');
    assert.equal(refused.headers.get('X-RateLimit-Resource'), 'requests');
    const reset = Number(refused.headers.get('X-RateLimit-Reset'));
    const nowS = Date.now() / 1000;
    assert.ok(reset >= Math.floor(nowS) && reset <= Math.ceil(nowS) + 1, `reset ${reset}, now ${nowS}`);
    assert.deepEqual(refused.body, {
      error: {
        code: 'rate_limited',
        message: 'rate limit exceeded: this organisation may send 100 requests per second; retry after 1 s',
      },
    });

    const other = await get(a.app, '/lookups', token('beta'));
    assert.equal(other.status, 200);
    assert.equal(other.headers.get('X-RateLimit-Remaining'), '99');

    // The counter lives in Redis (its window is 1 s: read it at once).
    assert.equal(await inspect.get('nexus:rl:requests:100:1s:alpha'), '101');
    assert.equal(await inspect.get('nexus:rl:requests:100:1s:beta'), '1');
    assert.equal(a.limiter.backend(), 'redis');
  });

  test('two instances on the same Redis share one budget per org', async () => {
    const b = instance();
    await waitFor('the second limiter to use Redis', () => b.limiter.backend() === 'redis');
    const rs = await burst([a.app, b.app], 'gamma', 101);
    assert.deepEqual(statuses(rs), { 200: 100, 429: 1 });
    assert.equal(await inspect.get('nexus:rl:requests:100:1s:gamma'), '101');
  });

  test('two nexus-api processes (src/main.ts with REDIS_URL) share the budget over real HTTP', async () => {
    const dirs = [tempDir(), tempDir()];
    const servers = await Promise.all(
      dirs.map((dir) =>
        start({ NEXUS_DATA_DIR: dir, NEXUS_ADMIN_TOKEN: ADMIN_TOKEN, REDIS_URL: redisServer.url }),
      ),
    );
    try {
      for (const s of servers) assert.match(s.stdout(), /rate limits: counting in Redis/);
      const rs = await Promise.all(
        Array.from({ length: 101 }, async (_, i) => {
          const port = servers[i % 2]?.port;
          const res = await fetch(`http://127.0.0.1:${port}/lookups`, {
            headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
          });
          await res.arrayBuffer();
          return { status: res.status };
        }),
      );
      assert.deepEqual(statuses(rs), { 200: 100, 429: 1 });
      // Each process counts its own refusals; together exactly one.
      const refusals = await Promise.all(
        servers.map(async (s) => {
          const res = await fetch(`http://127.0.0.1:${s.port}/metrics`, {
            headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
          });
          assert.equal(res.status, 200);
          return sample(await res.text(), 'nexus_rate_limited_total{org="default",reason="requests"}') ?? 0;
        }),
      );
      assert.equal(
        refusals.reduce((x, y) => x + y, 0),
        1,
      );
    } finally {
      await Promise.all(servers.map((s) => stop(s)));
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('ingest bytes: over its byte budget an org gets 429 in HEC style; everything acknowledged before is stored', async () => {
    // ~2 MB HEC batches of 1 kB events: five fit the 10 MiB budget (1 MiB/s over 10 s), the sixth does not.
    const EVENTS = 1900;
    const now = Math.floor(Date.now() / 1000) - 60;
    const batch = (n: number) =>
      Array.from({ length: EVENTS }, (_, i) =>
        JSON.stringify({ event: `batch ${n} event ${i} ${'x'.repeat(960)}`, time: now + i / 1000 }),
      ).join('\n');
    const size = Buffer.byteLength(batch(0));
    assert.ok(5 * size <= 10 * MiB && 6 * size > 10 * MiB, `batch size ${size}`);

    const hec = (body: string, withLength: boolean) =>
      a.app.request('/services/collector/event', {
        method: 'POST',
        headers: {
          Authorization: `Splunk ${token('ingest')}`,
          ...(withLength ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}),
        },
        body,
      });
    let acknowledged = 0;
    for (let n = 0; n < 5; n++) {
      // Both ways of counting: the declared Content-Length, and a body read without one (chunked).
      const res = await hec(batch(n), n % 2 === 0);
      assert.equal(res.status, 200, await res.clone().text());
      assert.deepEqual(await res.json(), { text: 'Success', code: 0 });
      acknowledged += EVENTS;
    }
    const over = await hec(batch(5), true);
    assert.equal(over.status, 429);
    const body = (await over.json()) as { text: string; code: number };
    assert.equal(body.code, 9);
    assert.match(
      body.text,
      /^Server is busy: rate limit exceeded: .*1048576 bytes per second \(counted over 10 s\)/,
    );
    const retryAfter = Number(over.headers.get('Retry-After'));
    assert.ok(retryAfter >= 1 && retryAfter <= 10, `Retry-After ${retryAfter}`);
    assert.equal(over.headers.get('X-RateLimit-Resource'), 'ingest_bytes');
    assert.equal(over.headers.get('X-RateLimit-Limit'), String(10 * MiB));
    assert.equal(over.headers.get('X-RateLimit-Remaining'), String(10 * MiB - 5 * size));

    // The refused bytes were given back: a small event still fits what is left of the window.
    const small = await hec(JSON.stringify({ event: 'small' }), false);
    assert.equal(small.status, 200);
    acknowledged += 1;
    // Vector's route answers in the API's style (Vector retries 429).
    const vector = await a.app.request('/ingest/logs', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token('ingest')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ message: `${i} ${'y'.repeat(1000)}` }))),
    });
    assert.equal(vector.status, 429);
    const vbody = (await vector.json()) as { error: { code: string } };
    assert.equal(vbody.error.code, 'rate_limited');

    const stored = await env.store.query({
      sql: 'SELECT count() FROM logs WHERE org_id = {o:String}',
      params: { o: 'ingesty' },
    });
    assert.equal(Number(stored.rows[0]?.[0]), acknowledged);
    assert.ok(Number(await inspect.get(`nexus:rl:ingest_bytes:${10 * MiB}:10s:ingesty`)) > 5 * size);
  });

  test('GET /metrics: 401 without a token, 403 for a viewer or another org’s admin; counts by reason', async () => {
    assert.equal((await get(a.app, '/metrics', undefined)).status, 401);
    assert.equal((await get(a.app, '/metrics', token('viewer'))).status, 403);
    assert.equal((await get(a.app, '/metrics', token('alphaAdmin'))).status, 403);
    const res = await get(a.app, '/metrics', ADMIN_TOKEN);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('Content-Type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    assert.equal(sample(text, 'nexus_rate_limited_total{org="alpha",reason="requests"}'), 1);
    assert.equal(sample(text, 'nexus_rate_limited_total{org="ingesty",reason="ingest_bytes"}'), 2);
    assert.equal(sample(text, 'nexus_rate_limiter_backend{backend="redis"}'), 1);
    assert.equal(sample(text, 'nexus_rate_limiter_backend{backend="memory"}'), 0);
    assert.equal(sample(text, 'nexus_rate_limiter_fallbacks_total'), 0);
    assert.ok(
      (sample(text, 'nexus_http_requests_total{method="GET",route="/lookups",status="200"}') ?? 0) >= 100,
    );
    assert.ok(
      (sample(text, 'nexus_http_requests_total{method="GET",route="/lookups/*",status="429"}') ?? 0) >= 1,
    );
    assert.equal(sample(text, 'nexus_http_requests_total{method="GET",route="/metrics",status="401"}'), 1);
    assert.equal(
      sample(text, 'nexus_http_requests_total{method="POST",route="/services/collector/event",status="429"}'),
      1,
    );
    assert.match(text, /^nexus_process_cpu_user_seconds_total \d/m);
    assert.match(text, /^nexus_nodejs_eventloop_lag_seconds /m);
  });

  test('Redis hung (SIGSTOP): requests are still served and limited in memory, within a bounded time', async (t) => {
    redisServer.proc.kill('SIGSTOP');
    try {
      const rs = await burst([a.app], 'hung', 101);
      assert.deepEqual(statuses(rs), { 200: 100, 429: 1 });
      const slowest = Math.max(...rs.map((r) => r.ms));
      t.diagnostic(`Redis hung: slowest of 101 requests ${slowest.toFixed(0)} ms`);
      // The first requests wait for the command timeout (250 ms) once; then Redis is skipped for a while.
      assert.ok(slowest < 2500, `slowest request ${slowest.toFixed(0)} ms`);
      assert.equal(a.limiter.backend(), 'memory');
      const t0 = performance.now();
      assert.equal((await get(a.app, '/lookups', token('beta'))).status, 200);
      assert.ok(performance.now() - t0 < 200, 'a request while Redis is skipped does not wait for it');
    } finally {
      redisServer.proc.kill('SIGCONT');
    }
    await waitFor('Redis to be used again after the pause', () => a.limiter.backend() === 'redis');
  });

  test('Redis killed mid-run: served and limited in memory, no errors or stalls; used again once it is back', async (t) => {
    const port = redisServer.port;
    await get(a.app, '/lookups', token('dead'));
    assert.equal(await inspect.get('nexus:rl:requests:100:1s:dead'), '1');
    await redisServer.kill();
    await new Promise((r) => setTimeout(r, 1100)); // let that first window pass

    const rs = await burst([a.app], 'dead', 101);
    assert.deepEqual(statuses(rs), { 200: 100, 429: 1 });
    const slowest = Math.max(...rs.map((r) => r.ms));
    t.diagnostic(`Redis killed: slowest of 101 requests ${slowest.toFixed(0)} ms`);
    assert.ok(slowest < 2000, `slowest request ${slowest.toFixed(0)} ms`);
    assert.equal(a.limiter.backend(), 'memory');
    const text = await (await get(a.app, '/metrics', ADMIN_TOKEN)).text();
    assert.equal(sample(text, 'nexus_rate_limiter_backend{backend="memory"}'), 1);
    assert.ok((sample(text, 'nexus_rate_limiter_fallbacks_total') ?? 0) >= 101);
    assert.equal(sample(text, 'nexus_rate_limited_total{org="dead",reason="requests"}'), 1);

    redisServer = await startRedis(port);
    await waitFor('the limiter to reconnect to Redis', () => a.limiter.backend() === 'redis');
    const back = await get(a.app, '/lookups', token('beta'));
    assert.equal(back.status, 200);
    assert.equal(await inspect.get('nexus:rl:requests:100:1s:beta'), '1');
  });
});
