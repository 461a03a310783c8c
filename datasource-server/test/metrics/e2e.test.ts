// Metrics end to end through the real service: two tenants send samples over remote-write, VictoriaMetrics
// import and HEC to a service with METRICS_URL (a real victoria-metrics) and to one without (the embedded
// table); the same mstats searches through POST /query/spl give the same rows on both, each tenant its own.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, tempDir } from '../helpers/env.ts';
import type { OracleFn, Sample } from '../helpers/metric-samples.ts';
import { oracle, sameRows } from '../helpers/metric-samples.ts';
import { seriesOf } from '../helpers/mstats-paths.ts';
import { RW, remoteWrite } from '../helpers/remote-write.ts';
import type { Running } from '../helpers/server.ts';
import { start, stop } from '../helpers/server.ts';
import type { VictoriaMetricsServer } from '../helpers/victoria.ts';
import { skipWithoutVictoriaMetrics, startVictoriaMetrics } from '../helpers/victoria.ts';

// Two hours ago, on an hour: recent enough for both stores' retention, whole seconds for HEC.
const T = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000;
const RANGE = { earliest: T / 1000, latest: (T + 3_600_000) / 1000 };
// Label values a careless PromQL printer would let out of their quotes or read as a regex.
const HOSTILE = ['"} or vector(1) or {a="', '.*|web-02', 'back\\slash'];

/** The samples one tenant sends; globex's values are far from acme's, so a leak changes every number. */
function samplesOf(org: 'acme' | 'globex'): Sample[] {
  const k = org === 'acme' ? 1 : 1000;
  const s = (metric: string, labels: Record<string, string>, at: number, value: number): Sample => ({
    org_id: org,
    index: 'main',
    metric_name: metric,
    labels,
    ms: T + at,
    value: value * k,
  });
  const eu = { host: 'web-01', dc: 'eu' };
  const us = { host: 'web-02', dc: 'us' };
  return [
    // remote-write: one sample 1 ms before a 5m edge and one on it.
    s('cpu.usage', eu, 0, 10),
    s('cpu.usage', eu, 60_000, 20),
    s('cpu.usage', eu, 299_999, 30),
    s('cpu.usage', eu, 300_000, 40),
    s('cpu.usage', us, 10_000, 5),
    s('cpu.usage', us, 400_000, 7.5),
    ...(org === 'acme'
      ? HOSTILE.map((host, i) => s('cpu.usage', { host, dc: 'eu' }, 20_000 + i, 1 + i))
      : []),
    // import
    s('mem.used', eu, 0, 256),
    s('mem.used', eu, 600_000, 512),
    s('mem.used', us, 1_200_000, 128),
    // HEC (whole seconds)
    s('cpu.idle', eu, 30_000, 90),
    s('cpu.idle', us, 630_000, 80),
  ];
}

const RW_METRICS = new Set(['cpu.usage']);
const IMPORT_METRICS = new Set(['mem.used']);

interface Service {
  server: Running;
  dir: string;
  tokens: Record<'acme' | 'globex', string>;
}

async function call(svc: Service, path: string, token: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${svc.server.port}${path}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string> | undefined), Authorization: `Bearer ${token}` },
  });
}

/** Starts the service, creates an admin token per tenant through the admin API and sends its samples. */
async function service(env: Record<string, string>, started: Service[]): Promise<Service> {
  const dir = tempDir();
  const server = await start({ NEXUS_DATA_DIR: dir, NEXUS_ADMIN_TOKEN: ADMIN_TOKEN, ...env });
  const svc: Service = { server, dir, tokens: { acme: '', globex: '' } };
  // Stopped by the suite's `after` even when sending fails below.
  started.push(svc);
  for (const org of ['acme', 'globex'] as const) {
    const res = await call(svc, '/admin/tokens', ADMIN_TOKEN, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ org, name: `${org} agent`, role: 'admin' }),
    });
    const created = await res.text();
    assert.equal(res.status, 201, created);
    svc.tokens[org] = String((JSON.parse(created) as { token: unknown }).token);
    const all = samplesOf(org);
    // seriesOf stamps org_id and index labels: the service drops the org_id (the token decides) and keeps main.
    const series = (pick: (x: Sample) => boolean) => seriesOf(all.filter(pick));
    const rw = await call(svc, '/api/v1/write', svc.tokens[org], {
      method: 'POST',
      headers: RW,
      body: remoteWrite(series((x) => RW_METRICS.has(x.metric_name))),
    });
    assert.equal(rw.status, 204, await rw.text());
    const lines = series((x) => IMPORT_METRICS.has(x.metric_name)).map((e) =>
      JSON.stringify({
        metric: e.labels,
        values: e.samples.map(([, v]) => v),
        timestamps: e.samples.map(([t]) => t),
      }),
    );
    const imp = await call(svc, '/api/v1/import', svc.tokens[org], {
      method: 'POST',
      body: lines.join('\n'),
    });
    assert.equal(imp.status, 204, await imp.text());
    const hec = all
      .filter((x) => !RW_METRICS.has(x.metric_name) && !IMPORT_METRICS.has(x.metric_name))
      .map((x) =>
        JSON.stringify({
          event: 'metric',
          time: x.ms / 1000,
          host: x.labels.host,
          fields: { metric_name: x.metric_name, _value: x.value, dc: x.labels.dc },
        }),
      );
    const h = await call(svc, '/services/collector/event', svc.tokens[org], {
      method: 'POST',
      body: hec.join('\n'),
    });
    assert.deepEqual(await h.json(), { text: 'Success', code: 0 });
  }
  return svc;
}

interface SplAnswer {
  status: number;
  rows: unknown[][];
  columns: { name: string }[];
  promql?: string[];
  errors?: { code: string; message: string }[];
}

async function spl(svc: Service, org: 'acme' | 'globex', query: string): Promise<SplAnswer> {
  const res = await call(svc, '/query/spl', svc.tokens[org], {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, ...RANGE }),
  });
  const body = (await res.json()) as {
    rows?: unknown[][];
    columns?: { name: string }[];
    meta?: { promql?: string[] };
    errors?: { code: string; message: string }[];
  };
  return {
    status: res.status,
    rows: body.rows ?? [],
    columns: body.columns ?? [],
    ...(body.meta?.promql ? { promql: body.meta.promql } : {}),
    ...(body.errors ? { errors: body.errors } : {}),
  };
}

interface Search {
  readonly spl: string;
  readonly where: (s: Sample) => boolean;
  readonly by: readonly string[];
  readonly spanMs?: number;
  readonly aggs: readonly { fn: OracleFn; metric?: string }[];
}

const searches: readonly Search[] = [
  {
    spl: 'avg(cpu.usage) WHERE index=main span=5m',
    where: () => true,
    by: [],
    spanMs: 300_000,
    aggs: [{ fn: 'avg', metric: 'cpu.usage' }],
  },
  {
    spl: 'sum(cpu.usage) count(cpu.usage) min(cpu.usage) max(cpu.usage) WHERE index=main BY host',
    where: () => true,
    by: ['host'],
    aggs: ['sum', 'count', 'min', 'max'].map((fn) => ({ fn: fn as OracleFn, metric: 'cpu.usage' })),
  },
  {
    spl: 'count(cpu.usage) WHERE dc=eu host=web* BY host span=5m',
    where: (s) => s.labels.dc === 'eu' && (s.labels.host ?? '').startsWith('web'),
    by: ['host'],
    spanMs: 300_000,
    aggs: [{ fn: 'count', metric: 'cpu.usage' }],
  },
  {
    spl: 'avg(_value) count(_value) WHERE metric_name=cpu.* BY host',
    where: (s) => s.metric_name.startsWith('cpu.'),
    by: ['host'],
    aggs: [{ fn: 'avg' }, { fn: 'count' }],
  },
  {
    spl: 'max(mem.used) sum(mem.used) WHERE index=main BY dc span=10m',
    where: () => true,
    by: ['dc'],
    spanMs: 600_000,
    aggs: [
      { fn: 'max', metric: 'mem.used' },
      { fn: 'sum', metric: 'mem.used' },
    ],
  },
  {
    spl: 'count(cpu.usage) WHERE host=".*|web-02"',
    where: (s) => s.labels.host === '.*|web-02',
    by: [],
    aggs: [{ fn: 'count', metric: 'cpu.usage' }],
  },
  {
    spl: 'sum(cpu.usage) WHERE host="\\"} or vector(1) or {a=\\""',
    where: (s) => s.labels.host === HOSTILE[0],
    by: [],
    aggs: [{ fn: 'sum', metric: 'cpu.usage' }],
  },
];

/** Splunk's rows for `org`'s own samples (the oracle reads tenant acme). */
const expected = (org: 'acme' | 'globex', q: Search): unknown[][] =>
  oracle(
    samplesOf(org).map((s) => ({ ...s, org_id: 'acme' })),
    { ...q, earliestMs: T, latestMs: T + 3_600_000 },
  );

describe(
  'metrics end to end: ingest routes → VictoriaMetrics and the embedded table → mstats',
  {
    skip: skipWithoutVictoriaMetrics,
  },
  () => {
    let vm: VictoriaMetricsServer | undefined;
    let withVm: Service | undefined;
    let embedded: Service | undefined;
    const started: Service[] = [];

    before(async () => {
      vm = await startVictoriaMetrics();
      withVm = await service({ METRICS_URL: vm.url }, started);
      embedded = await service({}, started);
      await vm.flush();
    });
    after(async () => {
      for (const s of [withVm, embedded]) {
        if (!s) continue;
        assert.equal(await stop(s.server), 0);
        fs.rmSync(s.dir, { recursive: true, force: true });
      }
      await vm?.stop();
    });

    for (const q of searches) {
      test(`| mstats ${q.spl}`, async () => {
        assert.ok(withVm && embedded);
        for (const org of ['acme', 'globex'] as const) {
          const onVm = await spl(withVm, org, `| mstats ${q.spl}`);
          const onTable = await spl(embedded, org, `| mstats ${q.spl}`);
          assert.equal(onVm.status, 200, JSON.stringify(onVm.errors));
          assert.equal(onTable.status, 200, JSON.stringify(onTable.errors));
          assert.ok(onVm.promql && onVm.promql.length > 0, 'the VictoriaMetrics path ran');
          assert.equal(onTable.promql, undefined);
          assert.deepEqual(onVm.columns, onTable.columns);
          sameRows(onVm.rows, expected(org, q), `${org} on VictoriaMetrics: ${q.spl}`);
          assert.deepEqual(onVm.rows, onTable.rows, `${org}: both paths`);
        }
      });
    }

    test('the hostile label values come back as sent, to their own tenant only', async () => {
      assert.ok(withVm && embedded);
      for (const svc of [withVm, embedded]) {
        const hosts = (await spl(svc, 'acme', '| mstats count(cpu.usage) WHERE index=main BY host')).rows.map(
          (r) => r[0],
        );
        assert.deepEqual(hosts, [...HOSTILE, 'web-01', 'web-02'].sort());
        const theirs = (
          await spl(svc, 'globex', '| mstats count(cpu.usage) WHERE index=main BY host')
        ).rows.map((r) => r[0]);
        assert.deepEqual(theirs, ['web-01', 'web-02']);
      }
    });

    test('WHERE org_id=… and BY org_id are errors, never another tenant', async () => {
      assert.ok(withVm && embedded);
      for (const svc of [withVm, embedded]) {
        for (const q of [
          '| mstats count(cpu.usage) WHERE org_id=globex',
          '| mstats count(cpu.usage) WHERE org_id=* BY host',
          '| mstats count(cpu.usage) WHERE index=main BY org_id',
        ]) {
          const r = await spl(svc, 'acme', q);
          assert.equal(r.status, 400, q);
          assert.ok((r.errors ?? []).length > 0, q);
        }
      }
    });
  },
);
