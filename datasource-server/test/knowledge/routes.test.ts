// Knowledge objects through the admin API: a tenant's eventtypes/tags/props files stored in ClickHouse, checked
// on upload (every problem with its line), applied to that tenant's searches and to no other tenant's.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestEnv } from '../helpers/env.ts';
import { ADMIN_TOKEN, createToken, testEnv } from '../helpers/env.ts';

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

const token = (org: string, role: string): Promise<string> => createToken(env.app, org, role);

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
  test('a setting Splunk applies at search time and Nexus does not is a warning: the file is stored', async () => {
    const put = await call(
      'PUT',
      '/admin/knowledge/props',
      otherAdmin,
      '[syslog]\nSEDCMD-mask = s/\\d{4}/XXXX/g\nFIELDALIAS-h = host AS hostname\n',
    );
    assert.equal(put.status, 200, put.text);
    const warnings = put.json()['warnings'] as { line: number; message: string }[];
    assert.deepEqual(
      warnings.map((w) => w.line),
      [2],
    );
    assert.match(warnings[0]?.message ?? '', /SEDCMD-mask.*index time/);
    assert.equal((await call('GET', '/admin/knowledge/props', otherAdmin)).status, 200);
    assert.equal((await call('DELETE', '/admin/knowledge/props', otherAdmin)).status < 300, true);
  });

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

/** A tenant's own data model in Splunk's data model JSON (as an app's default/data/models/<Model>.json holds it). */
const shopModel = {
  modelName: 'Shop',
  displayName: 'Shop',
  objects: [
    {
      objectName: 'Requests',
      displayName: 'Requests',
      parentName: 'BaseEvent',
      fields: [
        { fieldName: '_time', type: 'timestamp' },
        { fieldName: 'clientip', type: 'ipv4' },
        { fieldName: 'page', type: 'string' },
      ],
      calculations: [
        {
          calculationType: 'Eval',
          expression: 'len(page)',
          outputFields: [{ fieldName: 'page_len', type: 'number' }],
        },
      ],
      constraints: [{ search: 'sourcetype=access_combined' }],
      lineage: 'Requests',
    },
    {
      objectName: 'Home',
      parentName: 'Requests',
      fields: [],
      constraints: [{ search: '"GET /page1"' }],
      lineage: 'Requests.Home',
    },
  ],
};

describe('/admin/knowledge/datamodels', () => {
  test("a tenant's data model JSON is checked, stored and used by tstats, datamodel, from and pivot; not by another tenant", async () => {
    const put = await call('PUT', '/admin/knowledge/datamodels/Shop', ADMIN_TOKEN, JSON.stringify(shopModel));
    assert.equal(put.status, 200, put.text);
    assert.deepEqual(
      await count(ADMIN_TOKEN, '| tstats count from datamodel=Shop.Requests by Requests.clientip'),
      [
        ['10.0.0.1', 1],
        ['10.0.0.2', 1],
      ],
    );
    assert.deepEqual(await count(ADMIN_TOKEN, '| tstats count from datamodel=Shop.Home'), [[1]]);
    assert.deepEqual(await count(ADMIN_TOKEN, '| from datamodel:Shop.Requests | stats count'), [[2]]);
    assert.deepEqual(await count(ADMIN_TOKEN, '| datamodel Shop Home search | table Requests.clientip'), [
      ['10.0.0.1'],
    ]);
    assert.deepEqual(
      await count(
        ADMIN_TOKEN,
        '| pivot Shop Requests count(Requests) AS n SPLITROW clientip FILTER clientip is 10.0.0.1',
      ),
      [['10.0.0.1', 1]],
    );
    const list = await call('GET', '/admin/knowledge', ADMIN_TOKEN);
    assert.deepEqual(Object.keys(list.json().datamodels as Record<string, unknown>), ['Shop']);
    assert.deepEqual(
      JSON.parse((await call('GET', '/admin/knowledge/datamodels/Shop', ADMIN_TOKEN)).text),
      shopModel,
    );

    // Another tenant with the same events knows no `Shop` model.
    const res = await env.app.request('/query/spl', {
      method: 'POST',
      headers: { Authorization: `Bearer ${otherAdmin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '| tstats count from datamodel=Shop.Requests', earliest: '-1h' }),
    });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /unknown data model `Shop`/);
    assert.equal((await call('GET', '/admin/knowledge/datamodels/Shop', otherAdmin)).status, 404);
  });

  test("a tenant's model replaces the CIM model of the same name, for that tenant only", async () => {
    const web = {
      modelName: 'Web',
      objects: [
        { objectName: 'Web', parentName: 'BaseEvent', constraints: [{ search: 'sourcetype=syslog' }] },
      ],
    };
    assert.equal(
      (await call('PUT', '/admin/knowledge/datamodels/Web', ADMIN_TOKEN, JSON.stringify(web))).status,
      200,
    );
    assert.deepEqual(await count(ADMIN_TOKEN, '| tstats count from datamodel=Web'), [[1]]);
    // The other tenant keeps the CIM's Web (tag=web): none of its events are tagged.
    assert.deepEqual(await count(otherAdmin, '| tstats count from datamodel=Web'), [[0]]);
    assert.equal((await call('DELETE', '/admin/knowledge/datamodels/Web', ADMIN_TOKEN)).status, 204);
    assert.deepEqual(await count(ADMIN_TOKEN, '| tstats count from datamodel=Web'), [[0]]);
  });

  test('bad data models are refused with every problem; viewers cannot write', async () => {
    const problems = async (name: string, body: string): Promise<string[]> => {
      const r = await call('PUT', `/admin/knowledge/datamodels/${name}`, ADMIN_TOKEN, body);
      assert.equal(r.status, 400, r.text);
      return (r.json().errors as { message: string }[]).map((e) => e.message);
    };
    assert.match((await problems('Shop', '{oops'))[0] ?? '', /not JSON/);
    assert.match((await problems('Other', JSON.stringify(shopModel)))[0] ?? '', /path names `Other`/);
    const broken = {
      modelName: 'Shop',
      objects: [
        { objectName: 'A', parentName: 'Missing', constraints: [{ search: 'x=(' }] },
        { parentName: 'BaseEvent' },
      ],
    };
    const found = await problems('Shop', JSON.stringify(broken));
    assert.ok(
      found.some((m) => /needs an `objectName`/.test(m)),
      found.join('\n'),
    );
    assert.ok(
      found.some((m) => /parent `Missing` is not in the model/.test(m)),
      found.join('\n'),
    );
    assert.ok(
      found.some((m) => /constraint does not parse/.test(m)),
      found.join('\n'),
    );
    // The stored model is unchanged by refused uploads.
    assert.deepEqual(
      JSON.parse((await call('GET', '/admin/knowledge/datamodels/Shop', ADMIN_TOKEN)).text),
      shopModel,
    );
    assert.equal(
      (await call('PUT', '/admin/knowledge/datamodels/bad%20name', ADMIN_TOKEN, '{}')).status,
      400,
    );
    assert.equal((await call('PUT', '/admin/knowledge/datamodels/Shop', viewer, '{}')).status, 403);
    assert.equal((await call('DELETE', '/admin/knowledge/datamodels/Shop', ADMIN_TOKEN)).status, 204);
    assert.equal((await call('GET', '/admin/knowledge/datamodels/Shop', ADMIN_TOKEN)).status, 404);
  });
});
