// Metrics ingestion (remote-write, VictoriaMetrics import, HEC metric events) and the Prometheus read API,
// against the embedded `metrics` table (chDB) and a real victoria-metrics started by the test.
// Remote-write bodies are encoded by helpers/remote-write.ts, independently of our decoder.

import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { compressSync } from 'snappy';
import { stripOrgLabel } from '../../src/metrics/read-routes.ts';
import { VictoriaMetrics, importLines } from '../../src/metrics/victoria.ts';
import { loadConfig } from '../../src/config.ts';
import type { TestEnv } from '../helpers/env.ts';
import { testEnv } from '../helpers/env.ts';
import { RW, WriteRequest, remoteWrite } from '../helpers/remote-write.ts';
import { skipWithoutVictoriaMetrics, startVictoriaMetrics } from '../helpers/victoria.ts';
import type { VictoriaMetricsServer } from '../helpers/victoria.ts';

// Recent (the table's TTL drops samples older than the retention), on a whole second (HEC times are seconds).
const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;

interface Tenant {
  ingest: string;
  viewer: string;
}

async function tenant(env: TestEnv, orgId: string, indexes?: string[]): Promise<Tenant> {
  const make = async (role: 'ingest' | 'viewer') =>
    (await env.tokens.create({ orgId, name: `${orgId} ${role}`, role, ...(indexes ? { indexes } : {}) }))
      .token;
  return { ingest: await make('ingest'), viewer: await make('viewer') };
}

async function send(
  env: TestEnv,
  token: string,
  path: string,
  body: RequestInit['body'],
  headers: Record<string, string>,
) {
  const res = await env.app.request(path, {
    method: 'POST',
    body,
    headers: { ...headers, Authorization: `Bearer ${token}` },
  });
  return { status: res.status, text: await res.text(), retryAfter: res.headers.get('Retry-After') };
}

async function read(env: TestEnv, token: string, path: string): Promise<{ status: number; body: unknown }> {
  const res = await env.app.request(path, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as unknown };
}

const hecBody = (...events: Record<string, unknown>[]) => events.map((e) => JSON.stringify(e)).join('\n');

/** The HEC mixed batch both stores get: a log event, a single-metric and a multiple-metric event. */
const MIXED = hecBody(
  { event: 'a log line', time: T0 / 1000, host: 'web1' },
  {
    event: 'metric',
    time: T0 / 1000,
    host: 'web1',
    fields: { metric_name: 'cpu.usr', _value: 11.5, region: 'eu' },
  },
  {
    event: 'metric',
    time: T0 / 1000,
    host: 'web1',
    fields: { 'metric_name:mem.free': 512, 'metric_name:mem.used': '256', region: 'eu' },
  },
);

describe('embedded metrics table (no METRICS_URL)', () => {
  let env: TestEnv;
  let acme: Tenant;
  let globex: Tenant;
  before(async () => {
    env = await testEnv();
    acme = await tenant(env, 'acme');
    globex = await tenant(env, 'globex', ['main', 'ops']);
  });
  after(() => env.close());

  const rows = async (org: string) =>
    (
      await env.store.query({
        sql: `SELECT metric_name, \`index\`, toUnixTimestamp64Milli(timestamp), value, toJSONString(labels)
              FROM metrics WHERE org_id = {org:String} ORDER BY metric_name, \`index\`, timestamp, value`,
        params: { org },
      })
    ).rows.map(([name, index, ts, value, labels]) => [
      name,
      index,
      Number(ts),
      value,
      JSON.parse(String(labels)),
    ]);

  test('remote-write: 204, tenant from the token (a payload org_id is dropped), index label, dimensions', async () => {
    const body = remoteWrite([
      {
        labels: { __name__: 'up', job: 'api', org_id: 'globex', index: 'ops' },
        samples: [
          [T0, 1],
          [T0 + 1000, 0],
        ],
      },
      { labels: { __name__: 'http_requests_total', job: 'api', code: '' }, samples: [[T0, 42]] },
    ]);
    const r = await send(env, acme.ingest, '/api/v1/write', body, RW);
    assert.deepEqual([r.status, r.text], [204, '']);
    assert.deepEqual(await rows('acme'), [
      ['http_requests_total', 'main', T0, 42, { job: 'api' }],
      ['up', 'ops', T0, 1, { job: 'api' }],
      ['up', 'ops', T0 + 1000, 0, { job: 'api' }],
    ]);
    assert.deepEqual(await rows('globex'), []);
  });

  test('a retried remote-write (same body) is answered 204 and adds no rows', async () => {
    const body = remoteWrite([{ labels: { __name__: 'retried', job: 'x' }, samples: [[T0, 7]] }]);
    assert.equal((await send(env, acme.ingest, '/api/v1/write', body, RW)).status, 204);
    assert.equal((await send(env, acme.ingest, '/api/v1/write', body, RW)).status, 204);
    assert.equal((await rows('acme')).filter((x) => x[0] === 'retried').length, 1);
  });

  test('a metadata-only remote-write writes nothing and is 204', async () => {
    const msg = WriteRequest.fromObject({ metadata: [{ type: 1, metricFamilyName: 'up', help: 'x' }] });
    const r = await send(
      env,
      acme.ingest,
      '/api/v1/write',
      compressSync(Buffer.from(WriteRequest.encode(msg).finish())),
      RW,
    );
    assert.equal(r.status, 204);
  });

  test('import: JSON lines, gzip', async () => {
    const lines = [
      { metric: { __name__: 'temp', room: 'a' }, values: [20, 21], timestamps: [T0, T0 + 60_000] },
      { metric: { __name__: 'temp', room: 'b', index: 'ops' }, values: [18], timestamps: [T0] },
    ];
    const body = gzipSync(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const r = await send(env, globex.ingest, '/api/v1/import', body, { 'Content-Encoding': 'gzip' });
    assert.deepEqual([r.status, r.text], [204, '']);
    assert.deepEqual(await rows('globex'), [
      ['temp', 'main', T0, 20, { room: 'a' }],
      ['temp', 'main', T0 + 60_000, 21, { room: 'a' }],
      ['temp', 'ops', T0, 18, { room: 'b' }],
    ]);
  });

  test('HEC: a batch mixing a log event, a single-metric and a multiple-metric event', async () => {
    const res = await env.app.request('/services/collector/event', {
      method: 'POST',
      body: MIXED,
      headers: { Authorization: `Splunk ${acme.ingest}` },
    });
    assert.equal(res.status, 200);
    const hec = (await rows('acme')).filter((x) => String(x[0]).includes('.'));
    const dims = { host: 'web1', region: 'eu', source: `http:${'acme ingest'}`, sourcetype: 'httpevent' };
    // source defaults to http:<token subject>: compare the other dimensions exactly, source by prefix.
    assert.deepEqual(
      hec.map(([n, i, t, v, l]) => [n, i, t, v, { ...(l as Record<string, string>), source: dims.source }]),
      [
        ['cpu.usr', 'main', T0, 11.5, dims],
        ['mem.free', 'main', T0, 512, dims],
        ['mem.used', 'main', T0, 256, dims],
      ],
    );
    const logs = await env.store.query({ sql: "SELECT _raw FROM logs WHERE org_id = 'acme'", params: {} });
    assert.deepEqual(logs.rows, [['a log line']]);
  });

  test('errors: bad snappy, bad protobuf, bad JSON line, no __name__, wrong encodings, forbidden index', async () => {
    const cases: [Tenant, string, RequestInit['body'], Record<string, string>, number, RegExp][] = [
      [
        acme,
        '/api/v1/write',
        Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
        RW,
        400,
        /not snappy-compressed/,
      ],
      [
        acme,
        '/api/v1/write',
        compressSync(Buffer.from([0x0a, 0x10, 0x01])),
        RW,
        400,
        /cannot decode the remote-write body/,
      ],
      [
        acme,
        '/api/v1/write',
        remoteWrite([{ labels: { job: 'x' }, samples: [[T0, 1]] }]),
        RW,
        400,
        /no __name__/,
      ],
      [acme, '/api/v1/write', remoteWrite([]), { 'Content-Type': 'application/json' }, 415, /Content-Type/],
      [
        acme,
        '/api/v1/write',
        remoteWrite([]),
        { ...RW, 'Content-Encoding': 'gzip' },
        415,
        /Content-Encoding/,
      ],
      [
        acme,
        '/api/v1/import',
        `{"metric":{"__name__":"a"},"values":[1],"timestamps":[${T0}]}\n{nope`,
        {},
        400,
        /line 2: not valid JSON/,
      ],
      [
        acme,
        '/api/v1/import',
        '{"metric":{"__name__":"a"},"values":[1,2],"timestamps":[1]}',
        {},
        400,
        /same length/,
      ],
      [
        globex,
        '/api/v1/import',
        `{"metric":{"__name__":"a","index":"secret"},"values":[1],"timestamps":[${T0}]}`,
        {},
        400,
        /may not write to index `secret`/,
      ],
    ];
    for (const [who, path, body, headers, status, message] of cases) {
      const r = await send(env, who.ingest, path, body, headers);
      assert.equal(r.status, status, `${path} ${r.text}`);
      assert.match(r.text, message);
    }
    // HEC metric event with a bad value: code 6 naming the event; nothing of the batch is stored.
    const bad = hecBody(
      { event: 'x', host: 'h' },
      { event: 'metric', fields: { metric_name: 'm', _value: 'abc' } },
    );
    const res = await env.app.request('/services/collector/event', {
      method: 'POST',
      body: bad,
      headers: { Authorization: `Splunk ${acme.ingest}` },
    });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), {
      text: 'Invalid data format',
      code: 6,
      'invalid-event-number': 1,
    });
  });

  test('read API: labels, label values, series from the table, one tenant only; query is 501', async () => {
    const labels = await read(env, globex.viewer, '/api/v1/labels');
    assert.deepEqual(labels, {
      status: 200,
      body: { status: 'success', data: ['__name__', 'index', 'room'] },
    });
    const names = await read(env, acme.viewer, '/api/v1/label/__name__/values');
    assert.equal((names.body as { data: string[] }).data.includes('temp'), false);
    assert.deepEqual(await read(env, globex.viewer, '/api/v1/label/room/values'), {
      status: 200,
      body: { status: 'success', data: ['a', 'b'] },
    });
    assert.deepEqual((await read(env, globex.viewer, '/api/v1/label/org_id/values')).body, {
      status: 'success',
      data: [],
    });
    const series = await read(
      env,
      globex.viewer,
      `/api/v1/series?match[]=${encodeURIComponent('temp{room=~"a|z"}')}`,
    );
    assert.deepEqual(series.body, {
      status: 'success',
      data: [{ __name__: 'temp', index: 'main', room: 'a' }],
    });
    // The other tenant's series and a hostile org_id matcher find nothing.
    for (const m of ['up', '{org_id="acme"}', 'up{org_id="acme"}', '{__name__=~".+", org_id!="globex"}']) {
      const r = await read(env, globex.viewer, `/api/v1/series?match[]=${encodeURIComponent(m)}`);
      assert.deepEqual(r.body, { status: 'success', data: [] }, m);
    }
    assert.deepEqual((await read(env, acme.viewer, `/api/v1/series?match[]=temp`)).body, {
      status: 'success',
      data: [],
    });
    const bad = await read(env, acme.viewer, `/api/v1/series?match[]=${encodeURIComponent('up{job=')}`);
    assert.equal(bad.status, 400);
    assert.equal((bad.body as { errorType: string }).errorType, 'bad_data');
    // A viewer limited to index ops sees only that index's series.
    const opsViewer = (
      await env.tokens.create({ orgId: 'globex', name: 'ops viewer', role: 'viewer', indexes: ['ops'] })
    ).token;
    assert.deepEqual((await read(env, opsViewer, '/api/v1/series?match[]=temp')).body, {
      status: 'success',
      data: [{ __name__: 'temp', index: 'ops', room: 'b' }],
    });
    assert.deepEqual((await read(env, opsViewer, '/api/v1/label/room/values')).body, {
      status: 'success',
      data: ['b'],
    });
    const q = await read(env, acme.viewer, '/api/v1/query?query=up');
    assert.equal(q.status, 501);
    assert.equal((q.body as { errorType: string }).errorType, 'unavailable');
    // Ingest tokens cannot read; viewers cannot write.
    assert.equal((await read(env, acme.ingest, '/api/v1/labels')).status, 403);
    assert.equal((await send(env, acme.viewer, '/api/v1/import', '', {})).status, 403);
  });
});

describe('VictoriaMetrics (METRICS_URL, label tenancy)', { skip: skipWithoutVictoriaMetrics }, () => {
  let vm: VictoriaMetricsServer;
  let env: TestEnv;
  let acme: Tenant;
  let globex: Tenant;
  before(async () => {
    vm = await startVictoriaMetrics();
    env = await testEnv({ METRICS_URL: vm.url });
    acme = await tenant(env, 'acme');
    globex = await tenant(env, 'globex');
  });
  after(async () => {
    await env?.close();
    await vm?.stop();
  });

  /** Every series VictoriaMetrics holds, as sorted label sets (read from VM itself, unscoped). */
  const allSeries = async () => {
    const r = (await vm.get(`/api/v1/series?match[]=${encodeURIComponent('{__name__=~".+"}')}&start=0`)) as {
      data: Record<string, string>[];
    };
    return r.data.map((s) => JSON.stringify(Object.fromEntries(Object.entries(s).sort()))).sort();
  };

  test('remote-write, import and HEC metric events land with __name__, org_id, index and dimensions', async () => {
    const now = Date.now() - 60_000;
    // Both tenants write the same series; acme also tries to smuggle org_id=globex.
    for (const [t, value] of [
      [acme, 1],
      [globex, 2],
    ] as const) {
      const body = remoteWrite([
        { labels: { __name__: 'up', job: 'api', org_id: 'globex' }, samples: [[now, value]] },
      ]);
      assert.equal((await send(env, t.ingest, '/api/v1/write', body, RW)).status, 204);
    }
    const line = JSON.stringify({
      metric: { __name__: 'temp', room: 'a', index: 'ops' },
      values: [20],
      timestamps: [now],
    });
    assert.equal(
      (await send(env, acme.ingest, '/api/v1/import', gzipSync(line), { 'Content-Encoding': 'gzip' })).status,
      204,
    );
    const hec = MIXED.replaceAll(String(T0 / 1000), String(now / 1000));
    const res = await env.app.request('/services/collector/event', {
      method: 'POST',
      body: hec,
      headers: { Authorization: `Splunk ${acme.ingest}` },
    });
    assert.equal(res.status, 200);
    await vm.flush();
    const series = await allSeries();
    const s = (o: Record<string, string>) => JSON.stringify(Object.fromEntries(Object.entries(o).sort()));
    const dims = { host: 'web1', region: 'eu', sourcetype: 'httpevent', index: 'main', org_id: 'acme' };
    const source = JSON.parse(series.find((x) => x.includes('cpu.usr')) ?? '{}') as Record<string, string>;
    assert.deepEqual(
      series,
      [
        s({ __name__: 'cpu.usr', ...dims, source: source['source'] ?? '' }),
        s({ __name__: 'mem.free', ...dims, source: source['source'] ?? '' }),
        s({ __name__: 'mem.used', ...dims, source: source['source'] ?? '' }),
        s({ __name__: 'temp', room: 'a', index: 'ops', org_id: 'acme' }),
        s({ __name__: 'up', job: 'api', index: 'main', org_id: 'acme' }),
        s({ __name__: 'up', job: 'api', index: 'main', org_id: 'globex' }),
      ].sort(),
    );
  });

  test('tenant isolation of the read API: hostile matchers, smuggled extra_label, labels, values, series', async () => {
    const q = (t: Tenant, query: string, extra = '') =>
      read(env, t.viewer, `/api/v1/query?query=${encodeURIComponent(query)}${extra}`);
    const values = (r: { body: unknown }) =>
      (
        r.body as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } }
      ).data.result.map((x) => [x.metric, x.value[1]]);
    assert.deepEqual(values(await q(acme, 'up')), [[{ __name__: 'up', job: 'api', index: 'main' }, '1']]);
    assert.deepEqual(values(await q(globex, 'up')), [[{ __name__: 'up', job: 'api', index: 'main' }, '2']]);
    assert.deepEqual(values(await q(acme, 'up{org_id="globex"}')), []);
    assert.deepEqual(values(await q(acme, 'sum(up) by (org_id)')), [[{}, '1']]);
    assert.deepEqual(values(await q(acme, 'up', '&extra_label=org_id%3Dglobex')), [
      [{ __name__: 'up', job: 'api', index: 'main' }, '1'],
    ]);
    assert.deepEqual(
      values(await q(acme, 'up', `&extra_filters[]=${encodeURIComponent('{org_id="globex"}')}`)),
      [[{ __name__: 'up', job: 'api', index: 'main' }, '1']],
    );
    // POST form bodies are scoped the same way.
    const post = await env.app.request('/api/v1/query', {
      method: 'POST',
      body: new URLSearchParams({ query: 'up', extra_label: 'org_id=globex' }),
      headers: { Authorization: `Bearer ${acme.viewer}` },
    });
    assert.deepEqual(values({ body: await post.json() }), [
      [{ __name__: 'up', job: 'api', index: 'main' }, '1'],
    ]);
    const end = Math.floor(Date.now() / 1000);
    const range = await read(
      env,
      globex.viewer,
      `/api/v1/query_range?query=up&start=${end - 600}&end=${end}&step=60`,
    );
    const ranged = (
      range.body as { data: { result: { metric: Record<string, string>; values: [number, string][] }[] } }
    ).data.result;
    assert.equal(ranged.length, 1);
    assert.ok(ranged[0]?.values.every(([, v]) => v === '2'));

    const labels = await read(env, globex.viewer, '/api/v1/labels');
    assert.deepEqual((labels.body as { data: string[] }).data.sort(), ['__name__', 'index', 'job']);
    // A viewer limited to index ops reads acme's temp (index ops), not up (index main).
    const opsViewer = (
      await env.tokens.create({ orgId: 'acme', name: 'ops viewer', role: 'viewer', indexes: ['ops'] })
    ).token;
    const ops = await read(
      env,
      opsViewer,
      `/api/v1/query?query=${encodeURIComponent('{__name__=~"up|temp"}')}`,
    );
    assert.deepEqual(values(ops), [[{ __name__: 'temp', index: 'ops', room: 'a' }, '20']]);
    assert.deepEqual((await read(env, globex.viewer, '/api/v1/label/__name__/values')).body, {
      status: 'success',
      data: ['up'],
    });
    assert.deepEqual((await read(env, globex.viewer, '/api/v1/label/org_id/values')).body, {
      status: 'success',
      data: [],
    });
    assert.deepEqual(
      (
        await read(
          env,
          globex.viewer,
          `/api/v1/series?match[]=${encodeURIComponent('{__name__=~".+"}')}&extra_label=org_id%3Dacme`,
        )
      ).body,
      { status: 'success', data: [{ __name__: 'up', index: 'main', job: 'api' }] },
    );
    assert.deepEqual(
      (await read(env, globex.viewer, `/api/v1/series?match[]=${encodeURIComponent('{org_id="acme"}')}`))
        .body,
      { status: 'success', data: [] },
    );
  });

  // Last: stops VictoriaMetrics.
  test('VictoriaMetrics down: ingest answers 503 with Retry-After, reads 503', async () => {
    await vm.stop();
    const body = remoteWrite([{ labels: { __name__: 'up' }, samples: [[Date.now(), 1]] }]);
    const r = await send(env, acme.ingest, '/api/v1/write', body, RW);
    assert.equal(r.status, 503);
    assert.equal(r.retryAfter, '10');
    assert.match(r.text, /unreachable/);
    const hec = await env.app.request('/services/collector/event', {
      method: 'POST',
      body: MIXED,
      headers: { Authorization: `Splunk ${acme.ingest}` },
    });
    assert.equal(hec.status, 503);
    assert.equal((await read(env, acme.viewer, '/api/v1/query?query=up')).status, 503);
  });
});

describe('account tenancy (URL layout only: no VictoriaMetrics cluster runs here)', () => {
  test('insert and select URLs per accountID; an org without one is refused', () => {
    const config = loadConfig({
      METRICS_URL: 'http://vm:8480/',
      METRICS_TENANCY: 'account',
      METRICS_ACCOUNTS: 'acme:1, globex:42',
    });
    const vm = new VictoriaMetrics({ ...config.metrics, url: config.metrics.url ?? '' });
    assert.equal(vm.importUrl('acme'), 'http://vm:8480/insert/1/prometheus/api/v1/import');
    assert.equal(vm.selectUrl('globex', '/api/v1/query'), 'http://vm:8480/select/42/prometheus/api/v1/query');
    assert.throws(() => vm.importUrl('initech'), /no accountID/);
    const label = new VictoriaMetrics({
      ...loadConfig({ METRICS_URL: 'http://vm:8428' }).metrics,
      url: 'http://vm:8428',
    });
    assert.equal(label.importUrl('acme'), 'http://vm:8428/api/v1/import');
    for (const bad of ['acme:0', 'acme', 'acme:1,acme:2', 'acme:1,globex:1', 'acme:99999999999']) {
      assert.throws(
        () => loadConfig({ METRICS_URL: 'http://vm', METRICS_TENANCY: 'account', METRICS_ACCOUNTS: bad }),
        /METRICS_ACCOUNTS/,
      );
    }
  });

  test('import lines group samples by series and stamp org_id and index over any dimension', () => {
    const row = {
      org_id: 'acme',
      index: 'main',
      metric_name: 'up',
      labels: { job: 'a' },
      value: 1,
      timestamp: 5,
    };
    assert.equal(
      importLines([row, { ...row, value: 2, timestamp: 6 }]),
      '{"metric":{"job":"a","__name__":"up","org_id":"acme","index":"main"},"values":[1,2],"timestamps":[5,6]}\n',
    );
    assert.deepEqual(stripOrgLabel({ status: 'success', data: ['org_id', 'job'] }), {
      status: 'success',
      data: ['job'],
    });
  });
});
