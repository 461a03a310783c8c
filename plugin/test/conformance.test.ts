// Conformance: the built executable, launched as Grafana launches it, against a real nexus-api with fixture data.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { decodeFrame } from './helpers/frames.ts';
import type { DecodedFrame } from './helpers/frames.ts';
import {
  alertQuery,
  callResource,
  grafanaEnv,
  kill,
  launch,
  pluginContext,
  unary,
} from './helpers/grafana.ts';
import type { DsSettings, Launched, ResourceAnswer } from './helpers/grafana.ts';
import { ADMIN_TOKEN, startNexus, stopNexus } from './helpers/nexus.ts';
import type { Nexus } from './helpers/nexus.ts';

let nexus: Nexus;
let plugin: Launched;
const viewer = { login: 'ann', role: 'Viewer' };

before(async () => {
  nexus = await startNexus();
  plugin = await launch(grafanaEnv());
});

after(async () => {
  if (plugin) await kill(plugin);
  if (nexus) await stopNexus(nexus);
});

const ds = (over: Partial<DsSettings> = {}): DsSettings => ({
  url: nexus.url,
  serviceToken: ADMIN_TOKEN,
  ...over,
});

interface DataResponse {
  frames: Buffer[];
  error: string;
  status: number;
  errorSource: string;
}

async function query(
  spl: Record<string, unknown>,
  opts: {
    ds?: DsSettings;
    user?: typeof viewer | null;
    headers?: Record<string, string>;
    maxDataPoints?: number;
  } = {},
): Promise<DataResponse> {
  const toMs = Date.now();
  const res = await unary<{ responses: Record<string, DataResponse> }>(plugin.data, 'QueryData', {
    pluginContext: pluginContext(opts.ds ?? ds(), opts.user === null ? undefined : (opts.user ?? viewer)),
    headers: opts.headers ?? {},
    queries: [
      {
        refId: 'A',
        maxDataPoints: String(opts.maxDataPoints ?? 1000),
        intervalMS: '300000',
        timeRange: { fromEpochMS: String(toMs - 3_600_000), toEpochMS: String(toMs) },
        json: Buffer.from(JSON.stringify({ refId: 'A', ...spl })),
        queryType: '',
      },
    ],
  });
  const r = res.responses['A'];
  assert.ok(r, 'a response for refId A');
  return r;
}

function onlyFrame(r: DataResponse): DecodedFrame {
  assert.equal(r.error, '', `no error: ${r.error}`);
  assert.equal(r.frames.length, 1);
  const f = decodeFrame(r.frames[0] ?? Buffer.alloc(0));
  assert.deepEqual(f.schemaKeys, ['meta', 'name', 'refId']);
  assert.equal(f.refId, 'A');
  assert.match(
    String(f.meta['executedQueryString']),
    /^SELECT /,
    'the SQL nexus-api ran is in the query inspector',
  );
  return f;
}

const sum = (values: unknown[]): number => values.reduce<number>((a, v) => a + Number(v ?? 0), 0);

describe('handshake as go-plugin reads it', () => {
  test('first stdout line, port in range, JSON logs on stderr', async () => {
    assert.match(plugin.handshake, /^1\|2\|tcp\|127\.0\.0\.1:\d+\|grpc$/);
    const port = Number(plugin.address.split(':')[1]);
    assert.ok(port >= 10000 && port <= 25000, `port ${port} within PLUGIN_MIN_PORT..PLUGIN_MAX_PORT`);
    // The log line follows the handshake; give the pipe a moment.
    for (let i = 0; i < 50 && !plugin.stderr().includes('\n'); i++)
      await new Promise((r) => setTimeout(r, 20));
    const first = JSON.parse(plugin.stderr().split('\n')[0] ?? '') as Record<string, unknown>;
    assert.equal(first['@level'], 'info');
    assert.equal(typeof first['@message'], 'string');
    assert.ok(!Number.isNaN(Date.parse(String(first['@timestamp']))));
  });

  test('gRPC health: service `plugin` is SERVING', async () => {
    assert.deepEqual(await unary(plugin.health, 'Check', { service: 'plugin' }), { status: 'SERVING' });
  });

  test('GRPCController/Shutdown: the plugin answers, then exits 0', async () => {
    const other = await launch(grafanaEnv());
    assert.deepEqual(await unary(other.controller, 'Shutdown', {}), {});
    assert.equal(await other.exit, 0);
    assert.match(
      other.stderr(),
      /"@message":"stopping","@timestamp":"[^"]+","reason":"GRPCController\/Shutdown"/,
    );
  });

  test('without the magic cookie the executable exits 1 with a message', async () => {
    const env = grafanaEnv();
    delete env['grafana_plugin_type'];
    await assert.rejects(launch(env), /exited 1 before the handshake: This binary is a plugin/);
  });
});

describe('Diagnostics/CheckHealth', () => {
  test('reachable, authenticated: OK', async () => {
    const r = await unary<{ status: string; message: string }>(plugin.diagnostics, 'CheckHealth', {
      pluginContext: pluginContext(ds(), viewer),
      headers: {},
    });
    assert.equal(r.status, 'OK');
    assert.match(r.message, /is reachable, ready \(store: embedded\) and accepts the service token/);
  });

  test('a wrong token: ERROR naming the rejected service token', async () => {
    const r = await unary<{ status: string; message: string }>(plugin.diagnostics, 'CheckHealth', {
      pluginContext: pluginContext(ds({ serviceToken: 'not-a-token-0000000000' }), viewer),
      headers: {},
    });
    assert.equal(r.status, 'ERROR');
    assert.match(r.message, /rejected the service token: invalid or revoked token/);
  });

  test('nothing listening: ERROR saying it cannot be reached', async () => {
    const r = await unary<{ status: string; message: string }>(plugin.diagnostics, 'CheckHealth', {
      pluginContext: pluginContext(ds({ url: 'http://127.0.0.1:1' }), viewer),
      headers: {},
    });
    assert.equal(r.status, 'ERROR');
    assert.match(r.message, /cannot be reached/);
  });
});

describe('Data/QueryData frames', () => {
  test('timechart by host: a wide time series, labels per split value, nanosecond times', async () => {
    const f = onlyFrame(await query({ spl: 'index=main | timechart span=$__interval count by host' }));
    assert.equal(f.meta['type'], 'timeseries-wide');
    assert.deepEqual(
      f.fields.map((x) => [x.name, x.arrowType, x.labels]),
      [
        ['time', 'Timestamp<NANOSECOND>', undefined],
        ['web01', 'Float64', { host: 'web01' }],
        ['web02', 'Float64', { host: 'web02' }],
      ],
    );
    const [time, web01, web02] = f.fields;
    assert.equal(sum(web01?.values ?? []), 3);
    assert.equal(sum(web02?.values ?? []), 2);
    const times = (time?.values ?? []) as bigint[];
    // `$__interval` became span=5m: buckets 5 minutes apart, in nanoseconds, ascending.
    assert.equal((times[1] ?? 0n) - (times[0] ?? 0n), 300_000_000_000n);
    assert.ok(times.every((t, i) => i === 0 || t > (times[i - 1] ?? 0n)));
    assert.equal(time?.metadata['tstype'], 'time');
    assert.deepEqual(JSON.parse(web01?.metadata['config'] ?? '{}'), { displayNameFromDS: 'web01' });
  });

  test('stats by host: a table of one string and one number column (one alert instance per row)', async () => {
    const f = onlyFrame(await query({ spl: 'index=main | stats count by host' }));
    assert.equal(f.meta['type'], 'table');
    assert.deepEqual(
      f.fields.map((x) => [x.name, x.arrowType, x.values]),
      [
        ['host', 'Utf8', ['web01', 'web02']],
        ['count', 'Float64', [3, 2]],
      ],
    );
  });

  test('raw events: a log-lines frame (timestamp, body, severity, id, labels)', async () => {
    const f = onlyFrame(await query({ spl: 'index=main host=web01' }));
    assert.equal(f.meta['type'], 'log-lines');
    assert.equal(f.meta['preferredVisualisationType'], 'logs');
    assert.deepEqual(
      f.fields.map((x) => [x.name, x.arrowType]),
      [
        ['timestamp', 'Timestamp<NANOSECOND>'],
        ['body', 'Utf8'],
        ['severity', 'Utf8'],
        ['id', 'Utf8'],
        ['labels', 'Binary'],
      ],
    );
    const [ts, body, severity, id, labels] = f.fields;
    assert.deepEqual(
      ts?.values,
      [1, 2, 3].map((i) => BigInt(nexus.baseSec - 60 * i) * 1_000_000_000n),
    );
    assert.deepEqual(
      body?.values,
      [1, 2, 3].map((i) => `GET /cart status=500 level=error user=u${i}`),
    );
    assert.deepEqual(severity?.values, ['error', 'error', 'error']);
    assert.equal(new Set(id?.values).size, 3, 'ids are unique');
    assert.deepEqual(labels?.values[0], {
      index: 'main',
      host: 'web01',
      source: 'http:bootstrap (NEXUS_ADMIN_TOKEN)',
      sourcetype: 'access',
      level: 'error',
      status: '500',
      user: 'u1',
    });
    assert.equal(labels?.metadata['tstype'], 'other');
  });

  test('maxDataPoints bounds the rows and says so', async () => {
    const f = onlyFrame(await query({ spl: 'index=main' }, { maxDataPoints: 2 }));
    assert.equal(f.fields[0]?.values.length, 2);
    assert.deepEqual(f.meta['notices'], [
      {
        severity: 'warning',
        text: 'Limit reached: the result was cut at 2 rows; narrow the search or raise its limit.',
      },
    ]);
  });

  test('adhocFilters reach nexus-api as filters on the base search; format and legendFormat shape the frame', async () => {
    const f = onlyFrame(
      await query({
        spl: 'index=main | timechart span=$__interval count by host',
        adhocFilters: [{ key: 'host', operator: '=', value: 'web01' }],
        legendFormat: '{{host}} requests',
      }),
    );
    assert.deepEqual(
      f.fields.map((x) => x.name),
      ['time', 'web01'],
    );
    assert.equal(sum(f.fields[1]?.values ?? []), 3);
    assert.deepEqual(JSON.parse(f.fields[1]?.metadata['config'] ?? '{}'), {
      displayNameFromDS: 'web01 requests',
    });
    const table = onlyFrame(
      await query({ spl: 'index=main | timechart span=$__interval count by host', format: 'table' }),
    );
    assert.equal(table.meta['type'], 'table');
    const refused = await query({
      spl: '| makeresults',
      adhocFilters: [{ key: 'host', operator: '=', value: 'web01' }],
    });
    assert.equal(refused.status, 400);
    assert.match(refused.error, /ad hoc filters apply to the base search/);
  });

  test('a bad search: status 400, errorSource downstream, the position in the message', async () => {
    const r = await query({ spl: 'index=main | stats count by' });
    assert.deepEqual(r.frames, []);
    assert.equal(r.status, 400);
    assert.equal(r.errorSource, 'downstream');
    assert.match(r.error, /expected a field name after `by`.* \(line 1, column 28\)/);
  });

  test("the data source's timeout reaches nexus-api when the query sets none; the query's wins", async () => {
    // nexus-api refuses a timeout above its own limit (60 s by default), which shows what it received.
    const settings = ds({ jsonData: { timeout: 3600 } });
    const r = await query({ spl: 'index=main | stats count' }, { ds: settings });
    assert.equal(r.status, 400);
    assert.match(r.error, /timeout.*1 to 60/);
    const own = await query({ spl: 'index=main | stats count', timeout: 30 }, { ds: settings });
    assert.equal(own.error, '');
    const none = await query({ spl: 'index=main | stats count' });
    assert.equal(none.error, '');
  });

  test('no SPL: status 400 from the plugin', async () => {
    const r = await query({});
    assert.equal(r.status, 400);
    assert.equal(r.errorSource, 'plugin');
    assert.match(r.error, /no SPL/);
  });

  test('alert evaluation: no user, FromAlert, OAuth pass-through on: the service token answers', async () => {
    const f = onlyFrame(
      await query(
        { spl: 'index=main | stats count by host' },
        { ds: ds({ oauthPassThru: true }), user: null, headers: { FromAlert: 'true' } },
      ),
    );
    assert.deepEqual(f.fields[1]?.values, [3, 2]);
  });

  test("OAuth pass-through: the user's Authorization is what nexus-api sees", async () => {
    const passThru = ds({ oauthPassThru: true, serviceToken: '' });
    const ok = await query(
      { spl: 'index=main | stats count' },
      { ds: passThru, headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } },
    );
    assert.deepEqual(onlyFrame(ok).fields[0]?.values, [5]);
    const denied = await query(
      { spl: 'index=main | stats count' },
      { ds: passThru, headers: { Authorization: 'Bearer nope-0000000000000000' } },
    );
    assert.equal(denied.status, 401);
    assert.equal(denied.errorSource, 'downstream');
  });
});

const resource = (method: string, path: string, body?: unknown): Promise<ResourceAnswer> =>
  callResource(plugin, pluginContext(ds(), viewer), method, path, body);

describe('Resource/CallResource', () => {
  test('validate: valid, and an error with its position', async () => {
    assert.deepEqual(await resource('POST', 'validate', { spl: 'index=main | stats count' }), {
      code: 200,
      body: { valid: true, errors: [] },
    });
    const bad = await resource('POST', 'validate', { spl: 'index=main | stats count by' });
    assert.equal(bad.code, 200);
    assert.equal(bad.body['valid'], false);
    const [e] = bad.body['errors'] as { line: number; column: number; start: number; message: string }[];
    assert.deepEqual([e?.line, e?.column, e?.start], [1, 28, 27]);
  });

  test('explain: the SQL nexus-api compiles', async () => {
    const r = await resource('POST', 'explain', { spl: 'index=main | stats count by host' });
    assert.equal(r.code, 200);
    assert.equal(r.body['language'], 'sql');
    assert.match(String(r.body['query']), /GROUP BY `host`/);
  });

  test('indexes, fields, values for completion', async () => {
    assert.deepEqual(await resource('GET', 'indexes'), { code: 200, body: { indexes: ['audit', 'main'] } });
    const fields = (await resource('GET', 'fields?index=main')).body['fields'] as string[];
    for (const f of ['_raw', '_time', 'host', 'level', 'status', 'user']) assert.ok(fields.includes(f), f);
    assert.deepEqual(await resource('GET', 'values?index=main&field=host'), {
      code: 200,
      body: {
        values: [
          { value: 'web01', count: 3 },
          { value: 'web02', count: 2 },
        ],
      },
    });
  });

  test('a hostile field name is refused, an unknown path is 404', async () => {
    assert.equal((await resource('GET', 'values?index=main&field=host | delete')).code, 400);
    assert.equal((await resource('GET', 'nope')).code, 404);
  });
});

describe('Diagnostics/CollectMetrics', () => {
  test("Prometheus text of the plugin's counters", async () => {
    const r = await unary<{ metrics: { prometheus: Buffer } }>(plugin.diagnostics, 'CollectMetrics', {
      pluginContext: pluginContext(ds()),
    });
    const text = r.metrics.prometheus.toString();
    assert.match(text, /# TYPE nexus_plugin_queries_total counter/);
    assert.match(text, /nexus_plugin_queries_total\{outcome="ok",caller="backend"\} 1/);
    assert.match(text, /nexus_plugin_resource_calls_total\{path="validate"\} 2/);
  });
});

interface RuleQuery {
  refId: string;
  datasourceUid: string;
  relativeTimeRange?: { from: number; to: number };
  model: Record<string, unknown>;
}

describe('provisioned alert rules, evaluated as Grafana does (no user, FromAlert)', () => {
  const file = fileURLToPath(new URL('../../provisioning/alerting/nexus-rules.yaml', import.meta.url));
  const doc = parse(fs.readFileSync(file, 'utf8')) as {
    groups: { rules: { uid: string; condition: string; data: RuleQuery[] }[] }[];
  };
  const rules = doc.groups.flatMap((g) => g.rules);

  test('two rules, each: A on the nexus data source, B reduce, C threshold', () => {
    assert.deepEqual(
      rules.map((r) => [
        r.uid,
        r.condition,
        r.data.map((d) => [d.refId, d.datasourceUid, d.model['type'] ?? 'spl']),
      ]),
      ['nexus-error-rate', 'nexus-5xx-by-host'].map((uid) => [
        uid,
        'C',
        [
          ['A', 'nexus', 'spl'],
          ['B', '__expr__', 'reduce'],
          ['C', '__expr__', 'threshold'],
        ],
      ]),
    );
  });

  for (const expected of [
    { uid: 'nexus-error-rate', type: 'timeseries-wide' },
    { uid: 'nexus-5xx-by-host', type: 'table' },
  ]) {
    test(`${expected.uid}: query A gives an alertable ${expected.type} frame`, async () => {
      const rule = rules.find((r) => r.uid === expected.uid);
      const a = rule?.data.find((d) => d.refId === 'A');
      assert.ok(a?.relativeTimeRange);
      // What Grafana's alerting sends (FromAlert, 43,200 points, an interval of one second).
      const answer = await alertQuery(plugin, ds({ oauthPassThru: true }), {
        relativeTimeRange: a.relativeTimeRange,
        model: a.model,
      });
      const f = onlyFrame(answer);
      assert.equal(f.meta['type'], expected.type);
      const numbers = f.fields.filter((x) => x.arrowType === 'Float64');
      assert.equal(numbers.length, 1, 'exactly one numeric field: one value per alert instance');
      if (expected.type === 'table') {
        // One row per host with 5xx answers: web01 (3 of them) is the only one in the fixture.
        assert.deepEqual(
          f.fields.map((x) => [x.name, x.arrowType, x.values]),
          [
            ['host', 'Utf8', ['web01']],
            ['count', 'Float64', [3]],
          ],
        );
      } else {
        assert.equal(sum(numbers[0]?.values ?? []), 3);
      }
    });
  }
});

describe('message sizes above gRPC’s 4 MB default', () => {
  test('a 6 MB result comes back whole', async () => {
    const pad = 'x'.repeat(200);
    const f = onlyFrame(
      await query(
        { spl: `| makeresults count=30000 | eval s="${pad}"`, limit: 30000 },
        { maxDataPoints: 30000 },
      ),
    );
    const s = f.fields.find((x) => x.name === 's');
    assert.equal(s?.values.length, 30000);
    assert.equal(s?.values[29999], pad);
  });

  test('a 5 MB request is received (the plugin raised its receive limit)', async () => {
    // A huge inline comment: gRPC's default 4 MB receive limit would refuse the call.
    const r = await query({ spl: `index=main \`\`\`${'y'.repeat(5_000_000)}\`\`\` | stats count` });
    assert.deepEqual(onlyFrame(r).fields[0]?.values, [5]);
  });
});
