// Retention never loses data silently: a retention past the TTL's DateTime range is refused at start-up, and an
// event already outside the window is refused with its number on every protocol (and counted), never
// acknowledged and then deleted by the TTL.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ConfigError, DEFAULT_RETENTION_DAYS, loadConfig } from '../../src/config.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';
import { post, storedRows } from '../helpers/ingest.ts';
import { remoteWrite, RW } from '../helpers/remote-write.ts';
import { parseProm, series } from '../helpers/prom.ts';

const DAY = 86_400_000;

describe('start-up validation', () => {
  test("the default is Splunk's six years; a retention whose TTL would leave DateTime is refused", () => {
    assert.equal(DEFAULT_RETENTION_DAYS * 86_400, 188_697_600); // Splunk's frozenTimePeriodInSecs
    assert.equal(loadConfig({}).retentionDays, DEFAULT_RETENTION_DAYS);
    assert.equal(loadConfig({ NEXUS_RETENTION_DAYS: '20000' }).retentionDays, 20_000);
    // 36,500 days from 2026 is 2126: past DateTime's 2106, where `_time + retention` wraps to 1970.
    assert.throws(
      () => loadConfig({ NEXUS_RETENTION_DAYS: '36500' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(
          err.message,
          /NEXUS_RETENTION_DAYS must be at most \d+ \(got 36500\).*2106.*expire every event/,
        );
        return true;
      },
    );
    assert.throws(() => loadConfig({ NEXUS_RETENTION_DAYS: '0' }), ConfigError);
    // Tiers must come before the delete.
    assert.throws(
      () => loadConfig({ NEXUS_RETENTION_DAYS: '30', NEXUS_TIER_COLD_AFTER: '7', NEXUS_TIER_S3_AFTER: '60' }),
      /storage tiers must come in order/,
    );
  });

  test('nexus-api refuses to start with it (exit 2, the reason on stderr)', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', NEXUS_RETENTION_DAYS: '36500', PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /NEXUS_RETENTION_DAYS must be at most/);
  });
});

describe('events outside the retention window', () => {
  let env: TestEnv;
  let token = '';
  const now = Date.now();
  const old = now - 31 * DAY; // outside 30 days
  const recent = now - 29 * DAY; // inside
  before(async () => {
    env = await testEnv({ NEXUS_RETENTION_DAYS: '30' });
    token = (await env.tokens.create({ orgId: 'acme', role: 'ingest', name: 'r' })).token;
  });
  after(async () => {
    await env.close();
  });
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const count = async (marker: string): Promise<number> =>
    (await storedRows(env, "org_id = 'acme' AND _raw LIKE {m:String}", { m: `%${marker}%` })).length;

  test('HEC: code 6 naming the event and the reason; nothing of the request is stored', async () => {
    const body = [recent, old, now]
      .map((t, i) => JSON.stringify({ time: t / 1000, event: `hec-ret ${i}` }))
      .join('');
    const r = await post(env, '/services/collector/event', body, auth());
    assert.equal(r.status, 400);
    assert.equal(r.body['code'], 6);
    assert.equal(r.body['invalid-event-number'], 1);
    assert.match(String(r.body['text']), /event 1: event time .* is older than the retention of 30 days/);
    assert.equal(await count('hec-ret'), 0);
    // The event inside the window is accepted.
    const ok = await post(
      env,
      '/services/collector/event',
      JSON.stringify({ time: recent / 1000, event: 'hec-ret ok' }),
      auth(),
    );
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(await count('hec-ret ok'), 1);
  });

  test('Vector, Loki: 400 naming the event; OTLP: partial success naming the record', async () => {
    const vector = await post(
      env,
      '/ingest/logs',
      JSON.stringify([
        { message: 'vec-ret 0', timestamp: new Date(now).toISOString() },
        { message: 'vec-ret 1', timestamp: new Date(old).toISOString() },
      ]),
      { ...auth(), 'Content-Type': 'application/json' },
    );
    assert.equal(vector.status, 400);
    assert.match(JSON.stringify(vector.body), /event 1: event time .* older than the retention/);
    assert.equal(await count('vec-ret'), 0);

    const ns = (ms: number) => `${BigInt(ms) * 1_000_000n}`;
    const loki = await env.app.request('/loki/api/v1/push', {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        streams: [
          {
            stream: { job: 'j' },
            values: [
              [ns(now), 'loki-ret 0'],
              [ns(old), 'loki-ret 1'],
            ],
          },
        ],
      }),
    });
    assert.equal(loki.status, 400);
    assert.match(await loki.text(), /event 1: event time .* older than the retention/);
    assert.equal(await count('loki-ret'), 0);

    const record = (ms: number, text: string) => ({ timeUnixNano: ns(ms), body: { stringValue: text } });
    const otlp = await post(
      env,
      '/v1/logs',
      JSON.stringify({
        resourceLogs: [
          {
            resource: { attributes: [] },
            scopeLogs: [{ logRecords: [record(now, 'otlp-ret 0'), record(old, 'otlp-ret 1')] }],
          },
        ],
      }),
      { ...auth(), 'Content-Type': 'application/json' },
    );
    assert.equal(otlp.status, 200);
    const partial = otlp.body['partialSuccess'] as { rejectedLogRecords?: unknown; errorMessage?: string };
    assert.equal(Number(partial.rejectedLogRecords), 1);
    assert.match(String(partial.errorMessage), /log record 1: event time .* older than the retention/);
    assert.equal(await count('otlp-ret 0'), 1);
    assert.equal(await count('otlp-ret 1'), 0);
  });

  test('metrics (remote-write, VictoriaMetrics import): a sample past the retention is a 400 naming it', async () => {
    const mine = async (name: string): Promise<number> => {
      const r = await env.store.query({
        sql: "SELECT count() FROM metrics WHERE org_id = 'acme' AND metric_name = {n:String}",
        params: { n: name },
      });
      return Number(r.rows[0]?.[0]);
    };
    const send = async (path: string, body: Uint8Array | string, headers: Record<string, string> = {}) => {
      const res = await env.app.request(path, { method: 'POST', body, headers: { ...auth(), ...headers } });
      return { status: res.status, text: await res.text() };
    };
    const write = await send(
      '/api/v1/write',
      new Uint8Array(
        remoteWrite([
          {
            labels: { __name__: 'ret_rw', job: 'a' },
            samples: [
              [recent, 1],
              [old, 2],
            ],
          },
        ]),
      ),
      RW,
    );
    assert.equal(write.status, 400);
    assert.match(write.text, /timeseries 0: sample event time .* older than the retention of 30 days/);
    const lines = [
      { metric: { __name__: 'ret_vm', job: 'a' }, values: [1], timestamps: [recent] },
      { metric: { __name__: 'ret_vm', job: 'b' }, values: [2], timestamps: [old] },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const imported = await send('/api/v1/import', lines);
    assert.equal(imported.status, 400);
    assert.match(imported.text, /older than the retention of 30 days/);
    // Nothing of either request is stored (the request is refused whole, as Prometheus refuses it).
    assert.equal(await mine('ret_rw'), 0);
    assert.equal(await mine('ret_vm'), 0);
    const fresh = await post(
      env,
      '/api/v1/import',
      JSON.stringify({ metric: { __name__: 'ret_vm' }, values: [3], timestamps: [recent] }),
      auth(),
    );
    assert.equal(fresh.status, 204);
    assert.equal(await mine('ret_vm'), 1);
  });

  test('refusals are counted in the ingest metrics under their own reason', async () => {
    const res = await env.app.request('/metrics', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    const samples = parseProm(await res.text());
    const refused = series(samples, 'nexus_ingest_requests_rejected_total', ['protocol'], {
      reason: 'outside_retention',
    });
    assert.deepEqual(refused, { hec_event: 1, vector: 1, loki: 1, prometheus: 1, vm_import: 1 });
    const otlpEvents = series(samples, 'nexus_ingest_events_rejected_total', ['protocol'], {
      protocol: 'otlp',
    });
    assert.equal(
      Object.values(otlpEvents).reduce((a, b) => a + b, 0),
      1,
    );
  });
});

describe('events too far in the future for the TTL to count', () => {
  // The TTL is `toDateTime(_time) + INTERVAL <retention> DAY` in ClickHouse's DateTime (to 2106-02-07): an event
  // whose retention ends after that wrapped to 1970 and was deleted as soon as it was written, acknowledged.
  let env: TestEnv;
  let token = '';
  const kept = Date.UTC(2100, 0, 1); // + 2184 days: 2105-12-24
  const wraps = Date.UTC(2101, 0, 1); // + 2184 days: 2106-12-25
  before(async () => {
    env = await testEnv({});
    token = (await env.tokens.create({ orgId: 'acme', role: 'ingest', name: 'f' })).token;
  });
  after(async () => {
    await env.close();
  });
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const count = async (marker: string): Promise<number> =>
    (await storedRows(env, "org_id = 'acme' AND _raw LIKE {m:String}", { m: `%${marker}%` })).length;

  test('HEC: an event whose retention ends past 2106-02-07 is code 6 naming it; one before is stored and kept', async () => {
    const r = await post(
      env,
      '/services/collector/event',
      [kept, wraps].map((t, i) => JSON.stringify({ time: t / 1000, event: `hec-future ${i}` })).join(''),
      auth(),
    );
    assert.equal(r.status, 400);
    assert.equal(r.body['code'], 6);
    assert.equal(r.body['invalid-event-number'], 1);
    assert.match(
      String(r.body['text']),
      /event 1: event time 2101-01-01T00:00:00.000Z is too far in the future: with the retention of 2184 days it expires after 2106-02-07T06:28:15.000Z/,
    );
    const ok = await post(
      env,
      '/services/collector/event',
      JSON.stringify({ time: kept / 1000, event: 'hec-future kept' }),
      auth(),
    );
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    // Still there after the TTL has had its chance (a merge applies it).
    await env.store.command('OPTIMIZE TABLE logs FINAL');
    assert.equal(await count('hec-future kept'), 1);
    assert.equal(await count('hec-future 1'), 0);
  });

  test('Loki (year 2286), OTLP and remote-write refuse the same way', async () => {
    const loki = await env.app.request('/loki/api/v1/push', {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        streams: [{ stream: { job: 'j' }, values: [['9999999999999999999', 'loki-future']] }],
      }),
    });
    assert.equal(loki.status, 400);
    assert.match(await loki.text(), /event 0: event time 2286-11-20T17:46:39.999Z is too far in the future/);
    const otlp = await post(
      env,
      '/v1/logs',
      JSON.stringify({
        resourceLogs: [
          {
            scopeLogs: [
              {
                logRecords: [
                  { timeUnixNano: `${BigInt(wraps) * 1_000_000n}`, body: { stringValue: 'otlp-future' } },
                ],
              },
            ],
          },
        ],
      }),
      { ...auth(), 'Content-Type': 'application/json' },
    );
    const partial = otlp.body['partialSuccess'] as { rejectedLogRecords?: unknown; errorMessage?: string };
    assert.equal(Number(partial.rejectedLogRecords), 1);
    assert.match(String(partial.errorMessage), /log record 0: event time .* too far in the future/);
    const write = await env.app.request('/api/v1/write', {
      method: 'POST',
      headers: { ...auth(), ...RW },
      body: new Uint8Array(remoteWrite([{ labels: { __name__: 'future_rw' }, samples: [[wraps, 1]] }])),
    });
    assert.equal(write.status, 400);
    assert.match(await write.text(), /too far in the future/);
    assert.equal(await count('loki-future'), 0);
    assert.equal(await count('otlp-future'), 0);
  });
});
