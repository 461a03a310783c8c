// Knowledge objects through the admin API: a tenant's eventtypes/tags/props files stored in ClickHouse, checked
// on upload (every problem with its line), applied to that tenant's searches and to no other tenant's.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestEnv } from '../helpers/env.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';

let env: TestEnv;
let otherAdmin: string;
let viewer: string;

async function call(method: string, path: string, token: string, body?: string) {
  const res = await env.app.request(path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'text/plain' }),
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

async function token(org: string, role: string): Promise<string> {
  const res = await env.app.request('/admin/tokens', {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ org, name: `${org}-${role}`, role }),
  });
  assert.equal(res.status, 201);
  return String(((await res.json()) as { token: string }).token);
}

async function count(tokenValue: string, query: string): Promise<unknown[][]> {
  const res = await env.app.request('/query/spl', {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokenValue}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, earliest: '-1h', latest: 'now' }),
  });
  const body = (await res.json()) as { rows?: unknown[][] };
  assert.equal(res.status, 200, JSON.stringify(body));
  return body.rows ?? [];
}

before(async () => {
  env = await testEnv();
  otherAdmin = await token('other', 'admin');
  viewer = await token('default', 'viewer');
  const now = Date.now();
  const rows = ['default', 'other'].flatMap((org) =>
    [1, 2, 3].map((i) => ({
      org_id: org,
      index: 'main',
      _time: now - i * 60_000,
      host: 'web01',
      source: '/var/log/access.log',
      sourcetype: i === 3 ? 'syslog' : 'access_combined',
      _raw: `GET /page${i} 200 clientip=10.0.0.${i}`,
      fields: { clientip: `10.0.0.${i}` },
    })),
  );
  await env.store.insertLogs(rows);
});
after(async () => env.close());

describe('/admin/knowledge', () => {
  test('PUT, GET and list a file; bad files are refused with every problem and its line', async () => {
    const put = await call(
      'PUT',
      '/admin/knowledge/eventtypes',
      ADMIN_TOKEN,
      '[web_access]\nsearch = sourcetype=access_combined\n',
    );
    assert.equal(put.status, 200, put.text);
    assert.equal(
      (await call('PUT', '/admin/knowledge/tags', ADMIN_TOKEN, '[eventtype=web_access]\nweb = enabled\n'))
        .status,
      200,
    );
    assert.equal(
      (
        await call(
          'PUT',
          '/admin/knowledge/props',
          ADMIN_TOKEN,
          '[access_combined]\nFIELDALIAS-src = clientip AS src\n',
        )
      ).status,
      200,
    );
    const got = await call('GET', '/admin/knowledge/tags', ADMIN_TOKEN);
    assert.equal(got.status, 200);
    assert.equal(got.text, '[eventtype=web_access]\nweb = enabled\n');
    const list = await call('GET', '/admin/knowledge', ADMIN_TOKEN);
    assert.deepEqual(Object.keys((list.json().files as Record<string, unknown>) ?? {}).sort(), [
      'eventtypes',
      'props',
      'tags',
    ]);

    const bad = await call(
      'PUT',
      '/admin/knowledge/tags',
      ADMIN_TOKEN,
      '[eventtype=web_access]\nweb = yes please\n[oops\n',
    );
    assert.equal(bad.status, 400);
    const errors = bad.json().errors as { line: number; message: string }[];
    assert.deepEqual(
      errors.map((e) => e.line),
      [3, 2],
    );
    // The stored file is unchanged by a refused upload.
    assert.equal(
      (await call('GET', '/admin/knowledge/tags', ADMIN_TOKEN)).text,
      '[eventtype=web_access]\nweb = enabled\n',
    );

    assert.equal((await call('PUT', '/admin/knowledge/savedsearches', ADMIN_TOKEN, '[x]\n')).status, 404);
    assert.equal((await call('PUT', '/admin/knowledge/tags', ADMIN_TOKEN, '  \n')).status, 400);
    assert.equal((await call('PUT', '/admin/knowledge/tags', viewer, '[host=a]\nx = enabled\n')).status, 403);
  });

  test("the tenant's searches see its knowledge objects at once; another tenant's do not", async () => {
    assert.deepEqual(await count(ADMIN_TOKEN, 'tag=web | stats count'), [[2]]);
    assert.deepEqual(await count(ADMIN_TOKEN, 'eventtype=web_access src=10.0.0.1 | stats count'), [[1]]);
    // The same events in another organisation: no tags, eventtypes or aliases of the first apply.
    assert.deepEqual(await count(otherAdmin, 'tag=web | stats count'), [[0]]);
    assert.deepEqual(await count(otherAdmin, 'index=main src=10.0.0.1 | stats count'), [[0]]);
    assert.deepEqual(await count(otherAdmin, 'eventtype=web_access | stats count'), [[0]]);
    const theirs = await call('GET', '/admin/knowledge', otherAdmin);
    assert.deepEqual(theirs.json().files, {});
    assert.equal((await call('GET', '/admin/knowledge/tags', otherAdmin)).status, 404);
  });

  test('DELETE removes a file and searches stop using it', async () => {
    assert.equal((await call('DELETE', '/admin/knowledge/tags', ADMIN_TOKEN)).status, 204);
    assert.equal((await call('GET', '/admin/knowledge/tags', ADMIN_TOKEN)).status, 404);
    assert.deepEqual(await count(ADMIN_TOKEN, 'tag=web | stats count'), [[0]]);
    assert.deepEqual(await count(ADMIN_TOKEN, 'eventtype=web_access | stats count'), [[2]]);
  });
});
