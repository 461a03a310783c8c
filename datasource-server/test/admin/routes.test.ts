// The admin API on a real app over chDB: service tokens (orgs, roles, indexes, expiry, last use, revoke),
// running searches (list, kill, per-tenant concurrency), tenants (ban, limits), retention per index, audit log.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestEnv } from '../helpers/env.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import { HEAVY_SEARCH as HEAVY } from '../helpers/heavy-search.ts';

let env: TestEnv;
before(async () => {
  env = await testEnv({ NEXUS_RETENTION_DAYS: '30' });
});
after(async () => {
  await env.close();
});

interface Json {
  [k: string]: unknown;
}

async function call(
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await env.app.request(path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Json), headers: res.headers };
}

const search = (token: string, query: string, extra: Json = {}) =>
  call('POST', '/query/spl', token, { query, ...extra });

async function createToken(by: string, spec: Json): Promise<{ token: string; id: string }> {
  const r = await call('POST', '/admin/tokens', by, spec);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { token: String(r.body.token), id: String(r.body.id) };
}

async function until(what: () => Promise<boolean>, ms: number): Promise<void> {
  const started = Date.now();
  while (!(await what())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let acmeAdmin: string;
let acmeViewer: { token: string; id: string };
let otherAdmin: string;

describe('service tokens', () => {
  test('the operator creates the first admin of a new org; that admin manages only its own org', async () => {
    acmeAdmin = (await createToken(ADMIN_TOKEN, { org: 'acme', name: 'acme admin', role: 'admin' })).token;
    otherAdmin = (await createToken(ADMIN_TOKEN, { org: 'other', name: 'other admin', role: 'admin' })).token;
    assert.match(acmeAdmin, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    acmeViewer = await createToken(acmeAdmin, { name: 'grafana', role: 'viewer', indexes: ['web'] });
    const denied = await call('POST', '/admin/tokens', acmeAdmin, { org: 'other', name: 'x', role: 'admin' });
    assert.equal(denied.status, 403);

    const listed = await call('GET', '/admin/tokens', acmeAdmin);
    const tokens = listed.body.tokens as Json[];
    assert.deepEqual(tokens.map((t) => [t.orgId, t.name, t.role, t.indexes]).sort(), [
      ['acme', 'acme admin', 'admin', []],
      ['acme', 'grafana', 'viewer', ['web']],
    ]);
    // Never the token, never its hash.
    assert.ok(!JSON.stringify(listed.body).includes(acmeAdmin));
    assert.ok(tokens.every((t) => !('hash' in t) && !('token' in t) && !('tokenHash' in t)));

    // The operator sees every org with org=*; another org's admin may not.
    const all = (await call('GET', '/admin/tokens?org=*', ADMIN_TOKEN)).body.tokens as Json[];
    assert.deepEqual([...new Set(all.map((t) => t.orgId))].sort(), ['acme', 'default', 'other']);
    assert.equal((await call('GET', '/admin/tokens?org=*', acmeAdmin)).status, 403);
  });

  test('bad token requests are 400 with a message', async () => {
    for (const body of [
      { name: '', role: 'viewer' },
      { name: 'x', role: 'root' },
      { name: 'x', role: 'viewer', indexes: ['Bad Index'] },
      { name: 'x', role: 'viewer', expiresInDays: 0 },
      { name: 'x', role: 'viewer', org: '../etc' },
    ]) {
      const r = await call('POST', '/admin/tokens', ADMIN_TOKEN, body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(typeof (r.body.error as Json).message, 'string');
    }
    assert.equal((await call('POST', '/admin/tokens', ADMIN_TOKEN, '{not json')).status, 400);
  });

  test('last use is recorded; a revoked token is refused at once; revoking twice is 404', async () => {
    assert.equal((await search(acmeViewer.token, '| makeresults')).status, 200);
    const before = (await call('GET', '/admin/tokens', acmeAdmin)).body.tokens as Json[];
    const used = before.find((t) => t.id === acmeViewer.id);
    assert.ok(typeof used?.lastUsedAt === 'string' && Date.now() - Date.parse(used.lastUsedAt) < 60_000);

    const temp = await createToken(acmeAdmin, { name: 'temp', role: 'viewer' });
    assert.equal((await search(temp.token, '| makeresults')).status, 200);
    // Another org's admin cannot see or revoke it.
    assert.equal((await call('DELETE', `/admin/tokens/${temp.id}`, otherAdmin)).status, 404);
    assert.equal((await call('DELETE', `/admin/tokens/${temp.id}`, acmeAdmin)).status, 204);
    assert.equal((await search(temp.token, '| makeresults')).status, 401);
    assert.equal((await call('DELETE', `/admin/tokens/${temp.id}`, acmeAdmin)).status, 404);
    const after = (await call('GET', '/admin/tokens', acmeAdmin)).body.tokens as Json[];
    assert.equal(after.find((t) => t.id === temp.id)?.revoked, true);
  });

  test('an expired token is refused', async () => {
    const created = await env.tokens.create({
      orgId: 'acme',
      name: 'short-lived',
      role: 'viewer',
      expiresAtMs: Date.now() + 300,
    });
    assert.equal((await search(created.token, '| makeresults')).status, 200);
    assert.ok(created.info.expiresAt !== null);
    await new Promise((r) => setTimeout(r, 400));
    await env.tokens.refresh();
    assert.equal((await search(created.token, '| makeresults')).status, 401);
  });
});

describe('allowed indexes', () => {
  test('a token limited to indexes searches and writes only those', async () => {
    const ingest = await createToken(acmeAdmin, { name: 'shipper', role: 'ingest', indexes: ['web', 'app'] });
    const hec = (body: string) => call('POST', '/services/collector/event', ingest.token, body);
    // No index named: the token's first index, as Splunk's default index of a token.
    assert.equal((await hec(JSON.stringify({ event: 'GET /home 200 marker=idx1' }))).status, 200);
    assert.equal(
      (await hec(JSON.stringify({ event: 'GET /cart 200 marker=idx2', index: 'app' }))).status,
      200,
    );
    const refused = await hec(
      JSON.stringify({ event: 'ok', index: 'web' }) + JSON.stringify({ event: 'no', index: 'main' }),
    );
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body, { text: 'Incorrect index', code: 7, 'invalid-event-number': 1 });

    // The refused request stored nothing; an unrestricted acme admin writes to main.
    const admin = await call(
      'POST',
      '/services/collector/event',
      acmeAdmin,
      JSON.stringify({ event: 'm marker=idx3' }),
    );
    assert.equal(admin.status, 200);
    const all = await search(acmeAdmin, 'marker=* | stats count by index');
    assert.deepEqual(all.body.rows, [
      ['app', 1],
      ['main', 1],
      ['web', 1],
    ]);
    // The viewer limited to `web` sees only web, even when it names other indexes or a subsearch does.
    for (const q of [
      'marker=* | stats count by index',
      'index=* marker=* | stats count by index',
      'index=main OR index=app OR index=web | stats count by index',
      '| makeresults | eval index="x" | append [search index=main marker=*] | stats count by index',
    ]) {
      const r = await search(acmeViewer.token, q);
      assert.equal(r.status, 200, q);
      const rows = r.body.rows as unknown[][];
      assert.ok(
        rows.every((row) => row[0] === 'web' || row[0] === 'x'),
        `${q} → ${JSON.stringify(rows)}`,
      );
    }
    const compiled = await call('POST', '/query/spl/compile', acmeViewer.token, { query: 'index=main' });
    assert.match(String(compiled.body.sql), /`index` IN \{p\d+:Array\(String\)\}/);
  });
});

describe('running searches', () => {
  test('an admin lists the running searches of its org and kills one; the search reports it was killed', async () => {
    const started = Date.now();
    const pending = search(acmeViewer.token, HEAVY);
    let id = '';
    await until(async () => {
      const r = await call('GET', '/admin/queries', acmeAdmin);
      const q = (r.body.queries as Json[]).find((x) => x.spl === HEAVY);
      id = typeof q?.queryId === 'string' ? q.queryId : '';
      return id !== '';
    }, 5_000);
    const listed = (await call('GET', '/admin/queries', acmeAdmin)).body.queries as Json[];
    assert.equal(listed[0]?.subject, 'grafana');
    assert.equal(listed[0]?.orgId, 'acme');
    // Another org's admin neither sees nor kills it.
    assert.deepEqual((await call('GET', '/admin/queries', otherAdmin)).body.queries, []);
    assert.equal((await call('DELETE', `/admin/queries/${id}`, otherAdmin)).status, 404);
    // A viewer may not kill.
    assert.equal((await call('DELETE', `/admin/queries/${id}`, acmeViewer.token)).status, 403);

    await new Promise((r) => setTimeout(r, 300));
    const killedAt = Date.now();
    const kill = await call('DELETE', `/admin/queries/${id}`, acmeAdmin);
    assert.equal(kill.status, 202);
    const res = await pending;
    const stoppedMs = Date.now() - killedAt;
    assert.equal(res.status, 422);
    const err = (res.body.errors as Json[])[0];
    assert.equal(err?.code, 'killed');
    assert.match(String(err?.message), /stopped by an administrator \(acme admin\)/);
    assert.ok(stoppedMs < 2_000, `answered ${stoppedMs} ms after the kill (ran ${killedAt - started} ms)`);
    assert.deepEqual((await call('GET', '/admin/queries', acmeAdmin)).body.queries, []);
  });

  test('a tenant over its concurrent-search limit gets 429 with Retry-After', async () => {
    const set = await call('PUT', '/admin/tenants/acme', ADMIN_TOKEN, {
      limits: { maxConcurrentQueries: 1 },
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const pending = search(acmeViewer.token, HEAVY);
    await until(
      async () => ((await call('GET', '/admin/queries', acmeAdmin)).body.queries as Json[]).length === 1,
      5_000,
    );
    const second = await search(acmeAdmin, '| makeresults');
    assert.equal(second.status, 429);
    assert.equal(second.headers.get('Retry-After'), '1');
    assert.equal((second.body.error as Json).code, 'too_many_queries');
    // Another tenant is not refused. (It is served after the kill: chDB runs parameterized statements one
    // at a time in a process, so on the embedded engine it would wait for the heavy search.)
    const other = search(otherAdmin, '| makeresults');
    const [q] = (await call('GET', '/admin/queries', acmeAdmin)).body.queries as Json[];
    assert.equal((await call('DELETE', `/admin/queries/${String(q?.queryId)}`, acmeAdmin)).status, 202);
    assert.equal((await pending).status, 422);
    assert.equal((await other).status, 200);
    assert.equal((await search(acmeAdmin, '| makeresults')).status, 200);
    await call('PUT', '/admin/tenants/acme', ADMIN_TOKEN, { limits: { maxConcurrentQueries: null } });
  });
});

describe('tenants', () => {
  test('per-tenant guardrails: time range and row cap', async () => {
    const set = await call('PUT', '/admin/tenants/acme', ADMIN_TOKEN, {
      limits: { maxRangeSeconds: 3600, maxRows: 5 },
    });
    assert.deepEqual(set.body.limits as Json, { maxRangeSeconds: 3600, maxRows: 5 });
    const wide = await search(acmeAdmin, 'index=main', { earliest: '-24h' });
    assert.equal(wide.status, 400);
    assert.match(String((wide.body.errors as Json[])[0]?.message), /1h/);
    const narrow = await search(acmeAdmin, '| makeresults count=10', { earliest: '-30m' });
    assert.equal(narrow.status, 200);
    assert.equal((narrow.body.rows as unknown[]).length, 5);
    assert.equal((narrow.body.meta as Json).truncated, true);
    assert.equal((await search(acmeAdmin, '| makeresults', { earliest: '-30m', limit: 6 })).status, 400);
    // Other tenants keep the service's defaults.
    assert.equal((await search(otherAdmin, '| makeresults count=10')).body.rows instanceof Array, true);
    assert.equal(((await search(otherAdmin, '| makeresults count=10')).body.rows as unknown[]).length, 10);
    await call('PUT', '/admin/tenants/acme', ADMIN_TOKEN, {
      limits: { maxRangeSeconds: null, maxRows: null },
    });
    assert.equal((await search(acmeAdmin, 'index=main', { earliest: '-24h' })).status, 200);
  });

  test('a banned tenant is refused everywhere until unbanned; only the operator bans', async () => {
    assert.equal((await call('POST', '/admin/tenants/acme/ban', acmeAdmin, {})).status, 403);
    assert.equal((await call('POST', '/admin/tenants/default/ban', ADMIN_TOKEN, {})).status, 400);
    const ban = await call('POST', '/admin/tenants/acme/ban', ADMIN_TOKEN, { reason: 'unpaid invoice' });
    assert.equal(ban.status, 200);
    assert.equal(ban.body.banned, true);
    assert.equal(ban.body.reason, 'unpaid invoice');

    const q = await search(acmeViewer.token, '| makeresults');
    assert.equal(q.status, 403);
    assert.deepEqual(q.body, { error: { code: 'forbidden', message: 'this organisation is suspended' } });
    assert.equal((await call('GET', '/admin/tokens', acmeAdmin)).status, 403);
    const hec = await call('POST', '/services/collector/event', acmeAdmin, JSON.stringify({ event: 'x' }));
    assert.deepEqual([hec.status, hec.body], [403, { text: 'Token disabled', code: 1 }]);
    assert.equal((await search(otherAdmin, '| makeresults')).status, 200);
    const listed = (await call('GET', '/admin/tenants', ADMIN_TOKEN)).body.tenants as Json[];
    assert.equal(listed.find((t) => t.orgId === 'acme')?.banned, true);

    const unban = await call('POST', '/admin/tenants/acme/unban', ADMIN_TOKEN);
    assert.deepEqual([unban.status, unban.body.banned, unban.body.reason], [200, false, '']);
    assert.equal((await search(acmeViewer.token, '| makeresults')).status, 200);
  });

  test("a tenant's own request rate wins over the service's", async () => {
    assert.equal(
      (await call('PUT', '/admin/tenants/other', ADMIN_TOKEN, { limits: { requestsPerSecond: 3 } })).status,
      200,
    );
    // 8 requests span at most two 1-second windows, so one window holds more than the tenant's 3.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await call('GET', '/lookups', otherAdmin)).status);
    assert.equal(statuses.filter((s) => s === 429).length >= 1, true, statuses.join(','));
    await call('PUT', '/admin/tenants/other', ADMIN_TOKEN, { limits: { requestsPerSecond: null } });
  });

  test('tenant limits are validated', async () => {
    for (const body of [
      { limits: { maxRows: 0 } },
      { limits: { nope: 1 } },
      { banned: 'yes' },
      { limits: [] },
    ]) {
      assert.equal(
        (await call('PUT', '/admin/tenants/acme', ADMIN_TOKEN, body)).status,
        400,
        JSON.stringify(body),
      );
    }
    assert.equal((await call('PUT', '/admin/tenants/bad%20org', ADMIN_TOKEN, {})).status, 400);
  });
});

describe('retention per index', () => {
  test('a shorter retention for one index deletes its older events at once, and only its', async () => {
    const day = 86_400_000;
    const now = Date.now();
    const row = (index: string, ageDays: number) => ({
      org_id: 'acme',
      index,
      _time: now - ageDays * day,
      host: 'h',
      source: 's',
      sourcetype: 'retention',
      _raw: `${index} ${ageDays}`,
      fields: {},
    });
    await env.store.insertLogs([row('web', 10), row('web', 1), row('main', 10), row('main', 1)]);
    await env.store.insertLogs([{ ...row('web', 10), org_id: 'other' }]);
    const count = async (org: string) =>
      (
        await env.store.query({
          sql: "SELECT `index`, count() FROM logs WHERE org_id = {o:String} AND sourcetype = 'retention' GROUP BY `index` ORDER BY `index`",
          params: { o: org },
        })
      ).rows;
    assert.deepEqual(await count('acme'), [
      ['main', '2'],
      ['web', '2'],
    ]);
    assert.equal((await call('PUT', '/admin/indexes/web/retention', acmeAdmin, { days: 31 })).status, 400);
    const set = await call('PUT', '/admin/indexes/web/retention', acmeAdmin, { days: 7 });
    assert.deepEqual(set.body, { index: 'web', retentionDays: 7, custom: true });
    assert.deepEqual(await count('acme'), [
      ['main', '2'],
      ['web', '1'],
    ]);
    assert.deepEqual(await count('other'), [['web', '1']]);
    const listed = (await call('GET', '/admin/indexes', acmeAdmin)).body.indexes as Json[];
    assert.deepEqual(
      listed
        .filter((i) => i.index === 'web' || i.index === 'main')
        .map((i) => [i.index, i.retentionDays, i.custom]),
      [
        ['main', 30, false],
        ['web', 7, true],
      ],
    );
    assert.deepEqual((await call('DELETE', '/admin/indexes/web/retention', acmeAdmin)).body, {
      index: 'web',
      retentionDays: 30,
      custom: false,
    });
  });
});

describe('audit log', () => {
  test('every search is recorded: who, org, SPL, SQL, duration, rows, status', async () => {
    await search(acmeViewer.token, '| makeresults count=3 | eval marker="audit-ok"');
    await search(acmeViewer.token, '| makeresults | bogus_command audit');
    await env.audit.flush();
    const r = await env.store.query({
      sql: `SELECT subject, role, status, rows, sql != '', position(spl, 'audit') > 0, error
            FROM query_log WHERE org_id = 'acme' AND (spl LIKE '%audit-ok%' OR spl LIKE '%bogus_command%')
            ORDER BY started_at`,
      params: {},
    });
    assert.deepEqual(
      r.rows.map((row) => row.slice(0, 6)),
      [
        ['grafana', 'viewer', 'ok', '3', 1, 1],
        ['grafana', 'viewer', 'invalid', '0', 0, 1],
      ],
    );
    assert.match(String(r.rows[1]?.[6]), /bogus_command/);
    const killed = await env.store.query({
      sql: "SELECT count() FROM query_log WHERE org_id = 'acme' AND status = 'killed'",
      params: {},
    });
    assert.equal(killed.rows[0]?.[0], '2');
  });
});
