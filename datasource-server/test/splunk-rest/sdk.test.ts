// Splunk's JavaScript SDK (`splunk-sdk` from npm) against nexus-api on a loopback port: login with a token as
// the password, oneshot searches, jobs with polling and results, export streaming, cancel. Every result is
// compared with what POST /query/spl returns for the same search.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LogRow } from '../../src/store/types.ts';
import type { TestEnv } from '../helpers/env.ts';
import { testEnv } from '../helpers/env.ts';
import { HEAVY_SEARCH } from '../helpers/heavy-search.ts';
import type { SdkRows, SdkService } from '../helpers/splunk-sdk.ts';
import { sdkService, serveForSdk } from '../helpers/splunk-sdk.ts';

let env: TestEnv;
let server: { port: number; close(): Promise<void> };
let acme = '';
let globex = '';
const NOW = Date.now();

function events(org: string, n: number): LogRow[] {
  return Array.from({ length: n }, (_, i) => ({
    org_id: org,
    index: 'web',
    _time: NOW - 30 * 60_000 + i * 1_000,
    host: `${org}-web0${i % 3}`,
    source: '/var/log/access.log',
    sourcetype: 'access_combined',
    _raw: `${org} GET /item/${i} status=${i % 4 === 0 ? 500 : 200} user=u${i % 5}`,
    fields: { status: i % 4 === 0 ? 500 : 200, user: `u${i % 5}` },
  }));
}

before(async () => {
  env = await testEnv();
  acme = (await env.tokens.create({ orgId: 'acme', name: 'acme-sdk', role: 'viewer' })).token;
  globex = (await env.tokens.create({ orgId: 'globex', name: 'globex-sdk', role: 'viewer' })).token;
  await env.store.insertLogs([...events('acme', 40), ...events('globex', 25)]);
  server = await serveForSdk(env);
});
after(async () => {
  await server.close();
  await env.close();
});

/** The time range of every search (a new object each time: the SDK writes into the params it is given). */
const range = (): Record<string, unknown> => ({ earliest_time: '-1h', latest_time: 'now' });

/** POST /query/spl's answer for `spl`, in Splunk's terms: every value a string, `_time` as an instant. */
async function viaQueryApi(token: string, spl: string): Promise<{ fields: string[]; rows: unknown[][] }> {
  const res = await env.app.request('/query/spl', {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: spl, earliest: '-1h', latest: 'now' }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const body = (await res.json()) as { columns: { name: string }[]; rows: unknown[][] };
  const fields = body.columns.map((c) => c.name);
  return {
    fields,
    rows: body.rows.map((row) =>
      row.map((v, i) =>
        v === null
          ? null
          : fields[i] === '_time'
            ? new Date(`${String(v).replace(' ', 'T')}Z`).getTime()
            : Array.isArray(v)
              ? v.map(String)
              : String(v),
      ),
    ),
  };
}

/** The SDK's rows with `_time` as an instant, to compare with {@link viaQueryApi}. */
function sdkRows(r: SdkRows): { fields: string[]; rows: unknown[][] } {
  return {
    fields: r.fields,
    rows: r.rows.map((row) =>
      row.map((v, i) => (r.fields[i] === '_time' && typeof v === 'string' ? Date.parse(v) : v)),
    ),
  };
}

const SEARCHES = [
  'search index=web | stats count by host | sort host',
  'search index=web status=500 | table _time host status _raw | sort _time',
  '| makeresults count=3 | streamstats count | eval foo="bar" | fields - _time',
];

async function until<T>(what: () => Promise<T | undefined>, ms: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await what();
    if (v !== undefined) return v;
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('splunk-sdk: connecting', () => {
  test('login with a Nexus token as the password: a session key, and the server version picks the v2 API', async () => {
    const service = sdkService(server.port, { password: acme });
    await service.login();
    assert.match(service.sessionKey, /^[0-9a-f]{64}$/);
    assert.notEqual(service.sessionKey, acme);
    assert.equal(service.version, '9.1.0');
    const r = await service.oneshotSearch('search index=web | stats count', range());
    assert.deepEqual(r.rows, [['40']]);
  });

  test('a wrong password fails the login with Splunk’s 401', async () => {
    const service = sdkService(server.port, { password: 'not-a-token' });
    await assert.rejects(
      service.login(),
      (err: { status: number; data: { messages: { text: string }[] } }) => {
        assert.equal(err.status, 401);
        assert.equal(err.data.messages[0]?.text, 'Login failed');
        return true;
      },
    );
  });

  test('a token used directly as the session key (Authorization: Splunk <token>)', async () => {
    const service = sdkService(server.port, { sessionKey: globex });
    const r = await service.oneshotSearch('search index=web | stats count', range());
    assert.deepEqual(r.rows, [['25']]);
  });
});

describe('splunk-sdk: searching gives what /query/spl gives', () => {
  let service: SdkService;
  before(async () => {
    service = sdkService(server.port, { password: acme });
    await service.login();
  });

  for (const spl of SEARCHES) {
    test(`service.oneshotSearch: ${spl}`, async () => {
      const r = await service.oneshotSearch(spl, { ...range(), count: 0 });
      assert.deepEqual(sdkRows(r), await viaQueryApi(acme, spl));
    });

    test(`jobs.create + polling + job.results: ${spl}`, async () => {
      const job = await service.jobs().create(spl, range());
      const done = await until(async () => {
        await job.fetch();
        return job.properties()['isDone'] === true ? job : undefined;
      }, 10_000);
      assert.equal(done.properties()['dispatchState'], 'DONE');
      const [results] = await done.results({ count: 0 });
      const expected = await viaQueryApi(acme, spl);
      assert.deepEqual(sdkRows(results), expected);
      assert.equal(done.properties()['resultCount'], expected.rows.length);
    });
  }

  test('job.results pages with count and offset', async () => {
    const job = await service.jobs().create('search index=web | table host _raw | sort _raw', {
      ...range(),
      exec_mode: 'blocking',
    });
    const pages: number[] = [];
    const seen: unknown[] = [];
    for (let offset = 0; ; offset += 15) {
      const [page] = await job.results({ count: 15, offset });
      if (page.rows.length === 0) break;
      pages.push(page.rows.length);
      seen.push(...page.rows);
    }
    assert.deepEqual(pages, [15, 15, 10]);
    const all = await viaQueryApi(acme, 'search index=web | table host _raw | sort _raw');
    assert.deepEqual(seen, all.rows);
  });

  test('export-style streaming (search/jobs/export, output_mode=json) gives the same rows', async () => {
    const spl = 'search index=web | table _time host _raw | sort _time';
    const res = (await service.get(
      'search/jobs/export',
      { search: spl, output_mode: 'json', ...range() },
      0,
      true,
    )) as { statusCode: number; body: unknown };
    assert.equal(res.statusCode, 200);
    const text = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : String(res.body);
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { offset: number; lastrow?: boolean; result: Record<string, string> });
    const expected = await viaQueryApi(acme, spl);
    assert.equal(lines.length, expected.rows.length);
    assert.equal(lines.at(-1)?.lastrow, true);
    assert.deepEqual(
      lines.map((l) => [Date.parse(l.result['_time'] ?? ''), l.result['host'], l.result['_raw']]),
      expected.rows,
    );
  });

  test('job cancel kills the running ClickHouse statement and forgets the job', async () => {
    const job = await service.jobs().create(HEAVY_SEARCH, {});
    await job.fetch();
    const queryId = String(job.properties()['pid']);
    assert.match(queryId, /^[0-9a-f-]{36}$/);
    // Not parameterized: chDB runs parameterized statements one at a time, and the heavy one holds it.
    const inEngine = async (): Promise<number> =>
      Number(
        (
          await env.store.query({
            sql: `SELECT count() FROM system.processes WHERE Settings['log_comment'] = '${queryId}'`,
            params: {},
          })
        ).rows[0]?.[0],
      );
    await until(async () => ((await inEngine()) === 1 ? true : undefined), 5_000);
    assert.equal(job.properties()['dispatchState'], 'RUNNING');
    await job.cancel();
    await until(async () => ((await inEngine()) === 0 ? true : undefined), 5_000);
    await assert.rejects(job.fetch(), (err: { status: number }) => err.status === 404);
  });

  test('service.parse (search/v2/parser) lists the commands without running anything', async () => {
    const parsed = (await service.parse('search index=web | stats count by host')) as {
      commands: { command: string; rawargs: string }[];
    };
    assert.deepEqual(
      parsed.commands.map((c) => [c.command, c.rawargs]),
      [
        ['search', 'index=web'],
        ['stats', 'count by host'],
      ],
    );
  });
});

describe('splunk-sdk: jobs belong to their token', () => {
  test('another tenant’s token, and another token of the same tenant, do not find a job', async () => {
    const owner = sdkService(server.port, { password: acme });
    await owner.login();
    const job = await owner
      .jobs()
      .create('search index=web | stats count', { ...range(), exec_mode: 'blocking' });
    const sameOrg = (await env.tokens.create({ orgId: 'acme', name: 'acme-other', role: 'viewer' })).token;
    for (const token of [globex, sameOrg]) {
      const other = sdkService(server.port, { sessionKey: token });
      await assert.rejects(other.getJob(job.sid), (err: { status: number }) => err.status === 404);
      const listed = await other.jobs().fetch();
      assert.ok(!listed.list().some((j) => j.sid === job.sid));
    }
    // A new session of the same token sees it (jobs belong to the token, not to the session).
    const again = sdkService(server.port, { password: acme });
    await again.login();
    const [results] = await (await again.getJob(job.sid)).results();
    assert.deepEqual(results.rows, [['40']]);
  });
});
