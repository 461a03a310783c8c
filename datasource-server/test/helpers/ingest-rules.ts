// Test helper: the HTTP rules every ingestion route shares (auth, roles, rate limit, retries, overload).

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ADMIN_TOKEN } from './env.ts';
import type { TestEnv } from './env.ts';
import { logRows } from './log-rows.ts';

export interface IngestRoute {
  /** POSTs `body` with `headers` to the route. */
  post(
    body: Uint8Array | string,
    headers: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; bytes: Uint8Array }>;
  /** A valid body of one event whose `_raw` is `marker`. */
  body(marker: string): Uint8Array | string;
  /** The Content-Type (and any other header) the body needs. */
  headers: Record<string, string>;
  /** The success status (204 for Loki, 200 for OTLP). */
  ok: number;
  /** Checks the body of the 503 answer (the protocol's error shape). */
  unavailable(body: Uint8Array): void;
}

/**
 * Registers a `describe('HTTP rules')` block: 401 without or with a bad token, 403 for a viewer, Basic
 * auth with the token as password, 429 + Retry-After past a tenant's rate, a retried request adding no
 * rows (the request ledger), and last 503 + Retry-After once the batcher is closed. The env
 * must be built with `NEXUS_RATE_LIMIT_OVERRIDES={"tiny":{"rps":1}}`; call this last in the file.
 */
export function ingestRouteRules(name: string, getEnv: () => TestEnv, route: IngestRoute): void {
  const count = async (marker: string): Promise<number> =>
    (await logRows(getEnv().store, '_raw = {m:String}', { m: marker })).length;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}`, ...route.headers });
  let viewer = '';
  let tiny = '';

  describe(`${name}: HTTP rules`, () => {
    before(async () => {
      const tokens = getEnv().tokens;
      viewer = (await tokens.create({ orgId: 'default', name: `${name} viewer`, role: 'viewer' })).token;
      tiny = (await tokens.create({ orgId: 'tiny', name: `${name} tiny`, role: 'ingest' })).token;
    });

    test('authentication and roles', async () => {
      const marker = `${name}-auth`;
      assert.equal((await route.post(route.body(marker), route.headers)).status, 401);
      assert.equal((await route.post(route.body(marker), bearer('not-a-token'))).status, 401);
      assert.equal((await route.post(route.body(marker), bearer(viewer))).status, 403);
      assert.equal(await count(marker), 0);
      const basic = `Basic ${Buffer.from(`any-user:${ADMIN_TOKEN}`).toString('base64')}`;
      const r = await route.post(route.body(marker), { Authorization: basic, ...route.headers });
      assert.equal(r.status, route.ok);
      assert.equal(await count(marker), 1);
    });

    test('per-tenant rate limit: 429 with Retry-After', async () => {
      assert.equal((await route.post(route.body(`${name}-rate`), bearer(tiny))).status, route.ok);
      const second = await route.post(route.body(`${name}-rate`), bearer(tiny));
      assert.equal(second.status, 429);
      assert.ok(Number(second.headers.get('retry-after')) >= 1);
    });

    test('a retried request (same body) adds no rows', async () => {
      const body = route.body(`${name}-retry`);
      assert.equal((await route.post(body, bearer(ADMIN_TOKEN))).status, route.ok);
      assert.equal((await route.post(body, bearer(ADMIN_TOKEN))).status, route.ok);
      assert.equal(await count(`${name}-retry`), 1);
    });

    test('503 with Retry-After when the batcher cannot take the request', async () => {
      await getEnv().batcher.close();
      const r = await route.post(route.body(`${name}-closed`), bearer(ADMIN_TOKEN));
      assert.equal(r.status, 503);
      assert.ok(Number(r.headers.get('retry-after')) >= 1);
      route.unavailable(r.bytes);
      assert.equal(await count(`${name}-closed`), 0);
    });
  });
}
