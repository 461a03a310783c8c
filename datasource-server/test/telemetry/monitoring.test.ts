// Monitoring: the search metrics count outcomes, kills and limits; a live Prometheus (Debian) scrapes a
// running nexus-api over HTTPS with a bearer token, loads k8s/11-prometheus-rules.yaml, and sees the
// search, Kafka-lag and disk series the alerts use.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { RunningQueries, TooManyQueriesError } from '../../src/query/running.ts';
import { createMetrics } from '../../src/telemetry/metrics.ts';
import { observedAuditLog } from '../../src/telemetry/search-metrics.ts';
import type { AuditEntry } from '../../src/query/audit.ts';
import { consumerLag, registerKafkaLag } from '../../src/telemetry/kafka-lag.ts';
import { silentLogger } from '../../src/telemetry/logger.ts';
import type { BinaryServer } from '../helpers/binary.ts';
import { haveBinary, skipWithout, startBinary } from '../helpers/binary.ts';
import { ADMIN_TOKEN, tempDir, testEnv } from '../helpers/env.ts';
import type { MockKafka } from '../helpers/kafka.ts';
import { skipWithoutKcat, startMockKafka } from '../helpers/kafka.ts';
import { parseProm, series } from '../helpers/prom.ts';
import type { Running } from '../helpers/server.ts';
import { start, stop } from '../helpers/server.ts';
import { httpsRequest, readPem, selfSigned } from '../helpers/tls.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PROMETHEUS = '/usr/bin/prometheus';

const entry = (status: AuditEntry['status'], orgId = 'acme'): AuditEntry => ({
  startedMs: 0,
  queryId: 'q',
  orgId,
  subject: 's',
  role: 'viewer',
  spl: 'index=main',
  sql: '',
  durationMs: 1500,
  rows: 0,
  rowsRead: 10,
  status,
});

test('search metrics: duration by status, killed, limited by guardrail and by concurrency, rows read', async () => {
  const metrics = createMetrics();
  const recorded: AuditEntry[] = [];
  const audit = observedAuditLog(metrics.search, {
    record: (e) => recorded.push(e),
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
  });
  for (const s of ['ok', 'ok', 'error', 'killed', 'limit'] as const) audit.record(entry(s));
  assert.equal(recorded.length, 5, 'the audit log still gets every entry');
  const running = new RunningQueries((org) => metrics.search.refused(org));
  running.start({ queryId: 'a', orgId: 'acme', subject: 's', spl: 'x' }, 1);
  assert.throws(
    () => running.start({ queryId: 'b', orgId: 'acme', subject: 's', spl: 'x' }, 1),
    TooManyQueriesError,
  );

  const samples = parseProm(await metrics.registry.metrics());
  assert.deepEqual(series(samples, 'nexus_search_duration_seconds_count', ['status']), {
    ok: 2,
    error: 1,
    killed: 1,
    limit: 1,
  });
  assert.deepEqual(series(samples, 'nexus_search_duration_seconds_bucket', ['status'], { le: '1' }), {
    ok: 0,
    error: 0,
    killed: 0,
    limit: 0,
  });
  assert.deepEqual(series(samples, 'nexus_search_killed_total', ['org']), { acme: 1 });
  assert.deepEqual(series(samples, 'nexus_search_limited_total', ['org', 'limit']), {
    'acme,guardrail': 1,
    'acme,concurrency': 1,
  });
  assert.deepEqual(series(samples, 'nexus_search_rows_read_total', ['org']), { acme: 50 });
});

test('consumer lag: end offset minus committed, a partition never committed counts from 0', async () => {
  const lag = await consumerLag(
    {
      fetchTopicOffsets: () =>
        Promise.resolve([
          { partition: 0, high: '100' },
          { partition: 1, high: '7' },
          { partition: 2, high: '5' },
        ]),
      fetchOffsets: () =>
        Promise.resolve([
          {
            topic: 'nexus-logs',
            partitions: [
              { partition: 0, offset: '60' },
              { partition: 1, offset: '-1' },
              { partition: 2, offset: '5' },
            ],
          },
        ]),
    },
    'nexus-logs',
    'g',
  );
  assert.deepEqual(
    [...lag],
    [
      [0, 40],
      [1, 7],
      [2, 0],
    ],
  );
});

const skip = skipWithout(haveBinary(PROMETHEUS, '--version'), 'prometheus') || skipWithoutKcat;

describe('a live Prometheus scrapes nexus-api over HTTPS', { skip }, () => {
  const dir = tempDir();
  let kafka: MockKafka | undefined;
  let api: Running | undefined;
  let prom: BinaryServer | undefined;
  const cert = selfSigned(dir, 'nexus');
  const ca = readPem(cert.cert);
  const auth = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };

  before(async () => {
    kafka = await startMockKafka();
    api = await start({
      NEXUS_DATA_DIR: path.join(dir, 'data'),
      NEXUS_ADMIN_TOKEN: ADMIN_TOKEN,
      NEXUS_TLS_CERT: cert.cert,
      NEXUS_TLS_KEY: cert.key,
      KAFKA_BROKERS: kafka.brokers,
      // No consumer: what is produced stays in the topic, so the lag is what was acknowledged.
      KAFKA_CONSUMER: 'off',
    });
    const port = api.port;
    prom = await startBinary({
      binary: PROMETHEUS,
      apt: 'prometheus',
      health: '/-/ready',
      args: (promPort, promDir) => {
        // The PrometheusRule's spec is a Prometheus rules file.
        const rule = parseYaml(fs.readFileSync(path.join(ROOT, 'k8s/11-prometheus-rules.yaml'), 'utf8')) as {
          spec: unknown;
        };
        fs.writeFileSync(path.join(promDir, 'rules.yaml'), stringifyYaml(rule.spec));
        fs.writeFileSync(path.join(promDir, 'token'), ADMIN_TOKEN);
        fs.writeFileSync(
          path.join(promDir, 'prometheus.yml'),
          stringifyYaml({
            global: { scrape_interval: '1s', evaluation_interval: '1s' },
            rule_files: [path.join(promDir, 'rules.yaml')],
            scrape_configs: [
              {
                job_name: 'nexus-api',
                scheme: 'https',
                metrics_path: '/metrics',
                authorization: { type: 'Bearer', credentials_file: path.join(promDir, 'token') },
                tls_config: { ca_file: cert.cert, server_name: 'localhost' },
                static_configs: [{ targets: [`127.0.0.1:${port}`] }],
              },
            ],
          }),
        );
        return [
          `--config.file=${path.join(promDir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${path.join(promDir, 'data')}`,
          `--web.listen-address=127.0.0.1:${promPort}`,
          `--web.console.templates=${promDir}`,
          `--web.console.libraries=${promDir}`,
          '--log.level=error',
        ];
      },
    });
  });

  after(async () => {
    if (prom) await prom.stop();
    if (api) await stop(api);
    if (kafka) await kafka.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    const res = await fetch(`${prom?.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await res.json()) as {
      status: string;
      data: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    assert.equal(body.status, 'success', expr);
    return body.data.result;
  }

  /** Waits until `expr` has a sample whose value passes `ok`; fails with the last answer after 30 s. */
  async function eventually(expr: string, ok: (v: number) => boolean): Promise<number> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const r = await query(expr);
      const v = Number(r[0]?.value[1]);
      if (r.length > 0 && ok(v)) return v;
      assert.ok(Date.now() < deadline, `${expr}: got ${JSON.stringify(r)}`);
      await new Promise((res) => setTimeout(res, 250));
    }
  }

  test('up, search outcomes, Kafka lag, free disk and the loaded rules', async () => {
    const port = api?.port ?? 0;
    // Three messages in the ingest topic and nobody consuming: the lag read from the brokers covers them.
    // (Produced here, not through HEC: nexus-api's idempotent producer needs a controller id that
    // librdkafka's mock does not name; test/helpers/kafka.ts `tolerateMockControllerId` explains.)
    const producer = new Kafka({
      clientId: 'monitoring-test',
      brokers: kafka?.brokers.split(',') ?? [],
      logLevel: logLevel.NOTHING,
    }).producer({ allowAutoTopicCreation: true });
    await producer.connect();
    await producer.send({ topic: 'nexus-logs', messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    await producer.disconnect();
    const ok = await httpsRequest(
      port,
      ca,
      'POST',
      '/query/spl',
      auth,
      JSON.stringify({ query: 'index=main | stats count' }),
    );
    assert.equal(ok.status, 200, ok.body);
    const bad = await httpsRequest(
      port,
      ca,
      'POST',
      '/query/spl',
      auth,
      JSON.stringify({ query: 'index=main | stats' }),
    );
    assert.equal(bad.status, 400, bad.body);

    assert.equal(await eventually('up{job="nexus-api"}', (v) => v === 1), 1);
    assert.equal(await eventually('sum(nexus_search_duration_seconds_count{status="ok"})', (v) => v >= 1), 1);
    assert.equal(
      await eventually('sum(nexus_search_duration_seconds_count{status="invalid"})', (v) => v >= 1),
      1,
    );
    assert.ok((await eventually('sum(nexus_kafka_consumer_lag_messages)', (v) => v >= 3)) >= 3);
    const free = await eventually(
      'min(nexus_clickhouse_disk_free_bytes / nexus_clickhouse_disk_total_bytes)',
      (v) => v > 0,
    );
    assert.ok(free > 0 && free <= 1, `free ratio ${free}`);
    const rules = (await (await fetch(`${prom?.url}/api/v1/rules`)).json()) as {
      data: { groups: { name: string; rules: { name: string; health: string; lastError?: string }[] }[] };
    };
    const all = rules.data.groups.flatMap((g) => g.rules);
    assert.equal(all.length, 19, 'every rule of the PrometheusRule is loaded');
    const errors = all.filter((r) => r.health === 'err').map((r) => `${r.name}: ${r.lastError ?? ''}`);
    assert.deepEqual(errors, []);
  });
});

test('every nexus_* metric the alert rules use is one nexus-api exports at /metrics', async () => {
  const rules = fs.readFileSync(path.join(ROOT, 'k8s/11-prometheus-rules.yaml'), 'utf8');
  const used = new Set([...rules.matchAll(/\b(nexus_[a-z0-9_]+)\b/g)].map((m) => m[1] ?? ''));
  assert.ok(used.size >= 5, `the rules use nexus metrics (${[...used].join(', ')})`);
  const env = await testEnv();
  try {
    const res = await env.app.request('/metrics', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    assert.equal(res.status, 200);
    const text = await res.text();
    const exported = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1] ?? ''));
    // main.ts adds the Kafka lag gauge when the service buffers through Kafka (KAFKA_BROKERS; the live
    // scrape above reads its series): registered here the same way, on the app's registry.
    registerKafkaLag({
      registers: [env.metrics.registry],
      offsets: { fetchTopicOffsets: () => Promise.resolve([]), fetchOffsets: () => Promise.resolve([]) },
      topic: 't',
      groupId: 'g',
      logger: silentLogger,
    });
    for (const line of (await env.metrics.registry.metrics()).matchAll(/^# TYPE (\S+) /gm))
      exported.add(line[1] ?? '');
    for (const name of used) {
      const base = name.replace(/_(bucket|count|sum)$/, '');
      assert.ok(exported.has(base), `${name}: nexus-api exports no ${base}`);
    }
  } finally {
    await env.close();
  }
});
