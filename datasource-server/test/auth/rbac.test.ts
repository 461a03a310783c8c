// Every route of the app refuses a request without credentials (401) and one with a role it does not allow
// (403). The routes are read from the app itself, so a new route fails this test until it declares its roles.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROLES } from '../../src/auth/types.ts';
import type { Role } from '../../src/auth/types.ts';
import type { TestEnv } from '../helpers/env.ts';
import { testEnv } from '../helpers/env.ts';

/** Routes anyone may call: liveness/readiness probes and HEC's health check (Splunk's is unauthenticated). */
const PUBLIC = new Set([
  'GET /health/live',
  'GET /health/ready',
  'GET /services/collector/health',
  'GET /services/collector/health/1.0',
  // Splunk's login takes the credential in the body (src/splunk-rest/sessions.ts).
  'POST /services/auth/login',
  'POST /services/auth/login/',
]);

const READ: readonly Role[] = ['viewer', 'editor', 'admin'];
const WRITE: readonly Role[] = ['editor', 'admin'];
const INGEST: readonly Role[] = ['ingest', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

/** The roles each route lets in, by `METHOD /pattern` (prefix rules for mounted routers). */
function allowed(method: string, path: string): readonly Role[] | undefined {
  if (path.startsWith('/services/collector') || path.startsWith('/ingest/')) return INGEST;
  // Loki push and OTLP/HTTP logs (src/ingest/loki.ts, otlp.ts).
  if (path === '/loki/api/v1/push' || path === '/v1/logs') return INGEST;
  // Elasticsearch-compatible ingestion (src/ingest/elasticsearch.ts): `_bulk` and the agents' probes.
  if (/^(\/es)?(\/|\/_bulk|\/:index\/_bulk|\/_license|\/_cluster\/health)?$/.test(path)) return INGEST;
  // Metrics: remote-write and VictoriaMetrics import (src/ingest/prometheus.ts), the read API (src/metrics/).
  if (path === '/api/v1/write' || path === '/api/v1/import') return INGEST;
  if (/^\/api\/v1\/(query|query_range|labels|label\/:name\/values|series)$/.test(path)) return READ;
  if (path.startsWith('/query/')) return READ;
  // Splunk's REST search API (src/splunk-rest/).
  if (/^\/(services\/search|servicesNS|services\/server)\//.test(path)) return READ;
  if (path.startsWith('/lookups') || path.startsWith('/models')) return method === 'GET' ? READ : WRITE;
  if (path.startsWith('/admin/') || path === '/metrics') return ADMIN;
  return undefined;
}

const SAMPLE: Record<string, string> = {
  ':name': 'users',
  ':id': '00000000-0000-4000-8000-000000000000',
  ':index': 'web',
  ':org': 'acme',
};

let env: TestEnv;
const tokens = new Map<Role, string>();
before(async () => {
  // Rate limits off: this walks every route with every role, far past 100 requests a second.
  env = await testEnv({ NEXUS_RATE_LIMIT_RPS: '0' });
  for (const role of ROLES) {
    tokens.set(role, (await env.tokens.create({ orgId: 'default', name: `rbac ${role}`, role })).token);
  }
});
after(async () => {
  await env.close();
});

function routes(): { method: string; path: string }[] {
  const seen = new Set<string>();
  return env.app.routes
    .filter((r) => r.method !== 'ALL' && !r.path.endsWith('*'))
    .map((r) => ({ method: r.method, path: r.path }))
    .filter((r) => {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

test('every route declares who may call it', () => {
  const all = routes();
  assert.ok(all.length >= 25, `only ${all.length} routes found`);
  const undeclared = all
    .map((r) => `${r.method} ${r.path}`)
    .filter((k) => !PUBLIC.has(k) && allowed(k.split(' ')[0] ?? '', k.split(' ')[1] ?? '') === undefined);
  assert.deepEqual(undeclared, []);
});

test('every protected route answers 401 without credentials or with a bad one, 403 for a wrong role', async () => {
  let checked = 0;
  for (const { method, path } of routes()) {
    if (PUBLIC.has(`${method} ${path}`)) continue;
    const url = path.replace(/:[a-z]+/g, (p) => SAMPLE[p] ?? 'x');
    const roles = allowed(method, path) ?? [];
    const hec = path.startsWith('/services/collector');
    const send = (auth?: string) =>
      env.app.request(url, {
        method,
        headers: { ...(auth ? { Authorization: auth } : {}), 'Content-Type': 'application/json' },
        ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
      });
    const what = `${method} ${url}`;
    const none = await send();
    assert.equal(none.status, 401, `${what} without credentials`);
    const bad = await send('Bearer 00000000-1111-4222-8333-444444444444');
    // HEC answers an unknown token 403 "Invalid token" (code 4), as Splunk does; everything else 401.
    assert.equal(bad.status, hec ? 403 : 401, `${what} with an unknown token`);
    if (hec) assert.deepEqual(await bad.json(), { text: 'Invalid token', code: 4 });
    for (const role of ROLES.filter((r) => !roles.includes(r))) {
      const res = await send(`Bearer ${tokens.get(role) ?? ''}`);
      assert.equal(res.status, 403, `${what} as ${role}`);
    }
    // An allowed role gets past authentication (whatever the handler then says of the empty request).
    const ok = await send(`Bearer ${tokens.get(roles[roles.length - 1] ?? 'admin') ?? ''}`);
    assert.ok(ok.status !== 401 && ok.status !== 403, `${what} as ${roles.join('/')}: ${ok.status}`);
    checked++;
  }
  assert.ok(checked >= 20, `${checked} routes checked`);
});
