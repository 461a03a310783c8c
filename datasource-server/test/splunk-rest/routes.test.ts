// Splunk's REST search API as curl scripts call it (form bodies, default XML, `output_mode`), endpoint by
// endpoint: status codes, response shapes, and errors in Splunk's `messages` shape.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestEnv } from '../helpers/env.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import { HEAVY_SEARCH } from '../helpers/heavy-search.ts';

let env: TestEnv;
let viewer = '';
let viewerId = '';
let ingest = '';
const NOW = Date.now();

before(async () => {
  env = await testEnv();
  const v = await env.tokens.create({ orgId: 'acme', name: 'acme-viewer', role: 'viewer' });
  viewer = v.token;
  viewerId = v.info.id;
  ingest = (await env.tokens.create({ orgId: 'acme', name: 'acme-ingest', role: 'ingest' })).token;
  await env.store.insertLogs(
    Array.from({ length: 12 }, (_, i) => ({
      org_id: 'acme',
      index: 'web',
      _time: NOW - 20 * 60_000 + i * 1_000,
      host: `web0${i % 2}`,
      source: 'access.log',
      sourcetype: 'access_combined',
      _raw: `GET /a/${i} status=${i % 3 === 0 ? 500 : 200}`,
      fields: { status: i % 3 === 0 ? 500 : 200 },
    })),
  );
});
after(async () => {
  await env.close();
});

interface Res {
  status: number;
  text: string;
  type: string;
  headers: Headers;
}

/** A request as `curl -H 'Authorization: Splunk <token>' -d k=v …` sends it. */
async function curl(
  method: string,
  path: string,
  opts: { token?: string | null; form?: Record<string, string>; scheme?: string } = {},
): Promise<Res> {
  const token = opts.token === undefined ? viewer : opts.token;
  const res = await env.app.request(path, {
    method,
    headers: {
      ...(token === null ? {} : { Authorization: `${opts.scheme ?? 'Splunk'} ${token}` }),
      ...(opts.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(opts.form ? { body: new URLSearchParams(opts.form).toString() } : {}),
  });
  return {
    status: res.status,
    text: await res.text(),
    type: res.headers.get('content-type') ?? '',
    headers: res.headers,
  };
}

const json = <T>(r: Res): T => JSON.parse(r.text) as T;
interface Messages {
  messages: { type: string; text: string }[];
}
const message = (r: Res): string =>
  json<Messages>(r)
    .messages.map((m) => `${m.type}: ${m.text}`)
    .join('; ');

const RANGE = { earliest_time: '-1h', latest_time: 'now' };

async function createJob(
  search: string,
  extra: Record<string, string> = {},
  token = viewer,
): Promise<string> {
  const r = await curl('POST', '/services/search/jobs?output_mode=json', {
    token,
    form: { search, ...RANGE, ...extra },
  });
  assert.equal(r.status, 201, r.text);
  return json<{ sid: string }>(r).sid;
}

async function jobContent(sid: string, token = viewer): Promise<Record<string, unknown>> {
  const r = await curl('GET', `/services/search/jobs/${sid}?output_mode=json`, { token });
  assert.equal(r.status, 200, r.text);
  return json<{ entry: { content: Record<string, unknown> }[] }>(r).entry[0]?.content ?? {};
}

async function until(what: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await what())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('POST /services/auth/login', () => {
  test('a token as the password gives a session key (XML by default, JSON on request)', async () => {
    const xml = await curl('POST', '/services/auth/login', {
      token: null,
      form: { username: 'ci', password: viewer },
    });
    assert.equal(xml.status, 200);
    assert.match(xml.type, /text\/xml/);
    const key = /<sessionKey>([0-9a-f]{64})<\/sessionKey>/.exec(xml.text)?.[1];
    assert.ok(key, xml.text);
    const r = await curl('GET', '/services/search/jobs?output_mode=json', { token: key });
    assert.equal(r.status, 200);
    const j = await curl('POST', '/services/auth/login?output_mode=json', {
      token: null,
      form: { username: 'ci', password: viewer },
    });
    assert.match(json<{ sessionKey: string }>(j).sessionKey, /^[0-9a-f]{64}$/);
  });

  test('a wrong or empty password: 401 "Login failed" in Splunk’s messages', async () => {
    for (const password of ['nope', '']) {
      const r = await curl('POST', '/services/auth/login?output_mode=json', {
        token: null,
        form: { username: 'ci', password },
      });
      assert.equal(r.status, 401);
      assert.equal(message(r), 'WARN: Login failed');
    }
    const xml = await curl('POST', '/services/auth/login', {
      token: null,
      form: { username: 'ci', password: 'nope' },
    });
    assert.match(xml.text, /<response>\s*<messages>\s*<msg type="WARN">Login failed<\/msg>/);
  });

  test('revoking the token ends its sessions', async () => {
    const t = await env.tokens.create({ orgId: 'acme', name: 'short-lived', role: 'viewer' });
    const login = await curl('POST', '/services/auth/login?output_mode=json', {
      token: null,
      form: { username: 'x', password: t.token },
    });
    const key = json<{ sessionKey: string }>(login).sessionKey;
    assert.equal((await curl('GET', '/services/server/info?output_mode=json', { token: key })).status, 200);
    await env.tokens.revoke(t.info.id);
    const r = await curl('GET', '/services/server/info?output_mode=json', { token: key });
    assert.equal(r.status, 401);
    assert.equal(message(r), 'WARN: call not properly authenticated');
  });
});

describe('authentication', () => {
  test('Splunk and Bearer schemes; none or a bad token is 401, an ingest token 403, in messages', async () => {
    assert.equal(
      (await curl('GET', '/services/search/jobs?output_mode=json', { scheme: 'Bearer' })).status,
      200,
    );
    const none = await curl('GET', '/services/search/jobs', { token: null });
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('WWW-Authenticate'), 'Splunk');
    assert.match(none.text, /<msg type="WARN">call not properly authenticated<\/msg>/);
    assert.equal((await curl('GET', '/services/search/jobs?output_mode=json', { token: 'bad' })).status, 401);
    const ing = await curl('GET', '/services/search/jobs?output_mode=json', { token: ingest });
    assert.equal(ing.status, 403);
    assert.equal(message(ing), 'ERROR: this token is not allowed to search');
  });
});

describe('GET /services/server/info', () => {
  test('the version SDKs read from generator, as JSON and as an Atom feed', async () => {
    const r = await curl('GET', '/services/server/info?output_mode=json');
    const body = json<{ generator: { version: string }; entry: { content: { version: string } }[] }>(r);
    assert.equal(body.generator.version, '9.1.0');
    assert.equal(body.entry[0]?.content.version, '9.1.0');
    const xml = await curl('GET', '/services/server/info');
    assert.match(xml.text, /<generator build="nexus" version="9.1.0"\/>/);
    assert.match(xml.text, /<s:key name="version">9.1.0<\/s:key>/);
  });
});

describe('POST /services/search/jobs', () => {
  test('normal mode answers 201 with the sid (XML by default), then the job runs', async () => {
    const r = await curl('POST', '/services/search/jobs', {
      form: { search: 'search index=web | stats count', ...RANGE },
    });
    assert.equal(r.status, 201);
    const sid = /<sid>([^<]+)<\/sid>/.exec(r.text)?.[1] ?? '';
    assert.ok(sid);
    await until(async () => (await jobContent(sid)).isDone === true);
    const c = await jobContent(sid);
    assert.equal(c.dispatchState, 'DONE');
    assert.equal(c.resultCount, 1);
    assert.equal(c.doneProgress, 1);
    // The job ran through the query service: it is in the audit log, by its token, with its query id.
    await env.audit.flush();
    const logged = await env.store.query({
      sql: 'SELECT org_id, subject, spl, status, rows FROM query_log WHERE query_id = {id:String}',
      params: { id: String(c.pid) },
    });
    assert.deepEqual(logged.rows, [['acme', 'acme-viewer', 'search index=web | stats count', 'ok', '1']]);
  });

  test('blocking mode answers when the job is done; a custom id is the sid; a second use of it is 409', async () => {
    const sid = await createJob('search index=web | stats count by host', {
      exec_mode: 'blocking',
      id: 'my_job.1',
    });
    assert.equal(sid, 'my_job.1');
    assert.equal((await jobContent(sid)).isDone, true);
    const again = await curl('POST', '/services/search/jobs?output_mode=json', {
      form: { search: '| makeresults', id: 'my_job.1' },
    });
    assert.equal(again.status, 409);
    assert.equal(message(again), 'ERROR: Search ID "my_job.1" already exists');
  });

  test('oneshot mode answers the results themselves (count defaults to 100, as in Splunk)', async () => {
    const r = await curl('POST', '/services/search/jobs', {
      form: {
        search: 'makeresults count=150 | streamstats count | fields count | fields - _time',
        exec_mode: 'oneshot',
        output_mode: 'json_rows',
      },
    });
    assert.equal(r.status, 200);
    const body = json<{ fields: string[]; rows: string[][] }>(r);
    assert.deepEqual(body.fields, ['count']);
    assert.equal(body.rows.length, 100);
    assert.deepEqual(body.rows[99], ['100']);
  });

  test('parameters (output_mode too) may come in the form body, as curl -d sends them', async () => {
    const r = await curl('POST', '/services/search/jobs', {
      form: { search: '| makeresults count=2', exec_mode: 'oneshot', output_mode: 'json_rows', count: '1' },
    });
    assert.equal(r.status, 200);
    assert.match(r.type, /application\/json/);
    assert.equal(json<{ rows: unknown[] }>(r).rows.length, 1);
    const bad = await curl('POST', '/services/search/jobs', { form: { search: '', output_mode: 'json' } });
    assert.equal(message(bad), 'ERROR: Missing or empty search parameter');
  });

  test('bad requests: 400 with the reason in messages (SPL errors with their position)', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ search: '' }, /^ERROR: Missing or empty search parameter$/],
      [
        { search: 'search index=web | stats count by' },
        /^FATAL: expected a field name after `by`.*\(line 1, column 3\d\)$/,
      ],
      [
        { search: '| makeresults', exec_mode: 'sometimes' },
        /^ERROR: Argument "exec_mode" must be one of normal, blocking, oneshot/,
      ],
      [
        { search: '| makeresults', id: 'no/slashes' },
        /^ERROR: Search ID "no\/slashes" has characters other than/,
      ],
      [
        { search: '| makeresults', max_count: '-1' },
        /^ERROR: Argument "max_count" must be a whole number >= 1$/,
      ],
    ];
    for (const [form, expected] of cases) {
      const r = await curl('POST', '/services/search/jobs?output_mode=json', { form });
      assert.equal(r.status, 400, JSON.stringify(form));
      assert.match(message(r), expected);
    }
    // No job is left behind by a search that does not compile.
    const list = await curl('GET', '/services/search/jobs?output_mode=json');
    assert.ok(
      !json<{ entry: { name: string }[] }>(list).entry.some(
        (e) => e.name === 'search index=web | stats count by',
      ),
    );
  });

  test('outputlookup by a viewer is 403', async () => {
    const r = await curl('POST', '/services/search/jobs?output_mode=json', {
      form: { search: '| makeresults | outputlookup mine' },
    });
    assert.equal(r.status, 403);
    assert.match(message(r), /^ERROR: `outputlookup` writes a lookup table/);
  });

  test('a tenant at its concurrent-search limit gets 503 with Retry-After', async () => {
    const set = await env.app.request('/admin/tenants/acme', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ limits: { maxConcurrentQueries: 1 } }),
    });
    assert.equal(set.status, 200);
    try {
      const heavy = await createJob(HEAVY_SEARCH);
      const r = await curl('POST', '/services/search/jobs?output_mode=json', {
        form: { search: '| makeresults' },
      });
      assert.equal(r.status, 503);
      assert.equal(r.headers.get('Retry-After'), '1');
      assert.match(
        message(r),
        /^ERROR: Search not executed: this organisation already runs 1 searches at once/,
      );
      assert.equal(
        (await curl('POST', `/services/search/jobs/${heavy}/control`, { form: { action: 'cancel' } })).status,
        200,
      );
    } finally {
      await env.app.request('/admin/tenants/acme', {
        method: 'PUT',
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ limits: { maxConcurrentQueries: null } }),
      });
    }
  });
});

describe('GET /services/search/jobs and /jobs/{sid}', () => {
  test('the job as an Atom entry (default) and JSON; the list; an unknown sid is 404 "Unknown sid."', async () => {
    const sid = await createJob('search index=web | stats count', { exec_mode: 'blocking' });
    const xml = await curl('GET', `/services/search/jobs/${sid}`);
    assert.equal(xml.status, 200);
    assert.match(
      xml.text,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<entry xmlns="http:\/\/www.w3.org\/2005\/Atom"/,
    );
    assert.match(xml.text, /<s:key name="dispatchState">DONE<\/s:key>/);
    assert.match(xml.text, /<s:key name="isDone">1<\/s:key>/);
    assert.match(xml.text, /<s:key name="resultCount">1<\/s:key>/);
    const list = json<{ entry: { content: { sid: string } }[] }>(
      await curl('GET', '/services/search/jobs?output_mode=json'),
    );
    assert.ok(list.entry.some((e) => e.content.sid === sid));
    const missing = await curl('GET', '/services/search/jobs/nope?output_mode=json');
    assert.equal(missing.status, 404);
    assert.equal(message(missing), 'ERROR: Unknown sid.');
    assert.match(
      (await curl('GET', '/services/search/jobs/nope')).text,
      /<msg type="ERROR">Unknown sid.<\/msg>/,
    );
  });

  test('the v2 and servicesNS paths serve the same job', async () => {
    const sid = await createJob('search index=web | stats count', { exec_mode: 'blocking' });
    for (const prefix of [
      '/services/search/v2/jobs',
      '/servicesNS/admin/search/search/jobs',
      '/servicesNS/-/-/search/v2/jobs',
    ]) {
      const r = await curl('POST', `${prefix}/${sid}/results?output_mode=json_rows`);
      assert.equal(r.status, 200, prefix);
      assert.deepEqual(json<{ rows: string[][] }>(r).rows, [['12']]);
    }
  });
});

describe('GET /services/search/jobs/{sid}/results and /events', () => {
  test('json, json_rows, json_cols, csv and xml; offset, count and field_list', async () => {
    const sid = await createJob('search index=web | table _time host status | sort _time', {
      exec_mode: 'blocking',
    });
    const base = `/services/search/jobs/${sid}/results`;
    const j = json<{ fields: { name: string }[]; results: Record<string, string>[] }>(
      await curl('GET', `${base}?output_mode=json&count=0`),
    );
    assert.deepEqual(
      j.fields.map((f) => f.name),
      ['_time', 'host', 'status'],
    );
    assert.equal(j.results.length, 12);
    assert.equal(j.results[0]?.host, 'web00');
    assert.equal(j.results[0]?.status, '500');
    assert.match(j.results[0]?._time ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    const rows = json<{ fields: string[]; rows: string[][] }>(
      await curl('GET', `${base}?output_mode=json_rows&offset=2&count=3&field_list=host,status`),
    );
    assert.deepEqual(rows, {
      preview: false,
      init_offset: 2,
      messages: [],
      fields: ['host', 'status'],
      rows: [
        ['web00', '200'],
        ['web01', '500'],
        ['web00', '200'],
      ],
    });
    const cols = json<{ columns: string[][] }>(
      await curl('GET', `${base}?output_mode=json_cols&count=2&field_list=host`),
    );
    assert.deepEqual(cols.columns, [['web00', 'web01']]);
    const csv = await curl('GET', `${base}?output_mode=csv&count=2&field_list=host,status`);
    assert.match(csv.type, /text\/csv/);
    assert.equal(csv.text, 'host,status\nweb00,500\nweb01,200\n');
    const xml = await curl('GET', `${base}?count=1&field_list=host`);
    assert.match(xml.text, /<fieldOrder>\n<field>host<\/field>\n<\/fieldOrder>/);
    assert.match(
      xml.text,
      /<result offset='0'>\n\t\t<field k='host'>\n\t\t\t<value><text>web00<\/text><\/value>/,
    );
    const events = await curl('GET', `/services/search/jobs/${sid}/events?output_mode=json_rows&count=1`);
    assert.equal(events.status, 200);
    assert.equal(json<{ rows: string[][] }>(events).rows.length, 1);
  });

  test('204 while the job runs; a bad output_mode or a post-process search is 400', async () => {
    const sid = await createJob(HEAVY_SEARCH);
    try {
      const running = await curl('GET', `/services/search/jobs/${sid}/results?output_mode=json`);
      assert.equal(running.status, 204);
      const mode = await curl('GET', `/services/search/jobs/${sid}/results?output_mode=yaml`);
      assert.equal(mode.status, 400);
      assert.match(
        mode.text,
        /<msg type="ERROR">Argument &quot;output_mode&quot; must be one of json, json_rows, json_cols, csv, xml; got &quot;yaml&quot;<\/msg>/,
      );
      const post = await curl(
        'GET',
        `/services/search/jobs/${sid}/results?output_mode=json&search=${encodeURIComponent('| head 1')}`,
      );
      assert.equal(post.status, 400);
      assert.match(message(post), /post-process "search" on job results is not supported/);
    } finally {
      // A heavy search left running would hold the embedded engine for the next tests.
      assert.equal((await curl('DELETE', `/services/search/jobs/${sid}`)).status, 200);
    }
  });
});

describe('POST /services/search/jobs/{sid}/control', () => {
  test('finalize stops the running statement; the job is DONE, finalized, with no partial results', async () => {
    const sid = await createJob(HEAVY_SEARCH);
    await until(async () => (await jobContent(sid)).dispatchState === 'RUNNING');
    const r = await curl('POST', `/services/search/jobs/${sid}/control?output_mode=json`, {
      form: { action: 'finalize' },
    });
    assert.equal(r.status, 200);
    assert.equal(message(r), 'INFO: Search job finalized.');
    await until(async () => (await jobContent(sid)).isDone === true);
    const c = await jobContent(sid);
    assert.equal(c.dispatchState, 'DONE');
    assert.equal(c.isFinalized, true);
    assert.equal(c.resultCount, 0);
    assert.deepEqual(c.messages, [
      { type: 'INFO', text: 'The search was finalized before it finished; Nexus keeps no partial results' },
    ]);
  });

  test('a job an administrator kills (DELETE /admin/queries/{id}) fails with the reason', async () => {
    const sid = await createJob(HEAVY_SEARCH);
    const pid = String((await jobContent(sid)).pid);
    const kill = await env.app.request(`/admin/queries/${pid}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    assert.equal(kill.status, 202);
    await until(async () => (await jobContent(sid)).isDone === true);
    const c = await jobContent(sid);
    assert.equal(c.dispatchState, 'FAILED');
    assert.equal(c.isFailed, true);
    assert.match(JSON.stringify(c.messages), /FATAL.*stopped by an administrator/);
  });

  test('touch and setttl keep a job; pause and unknown actions are 400; cancel forgets it', async () => {
    const sid = await createJob('| makeresults', { exec_mode: 'blocking' });
    const control = (form: Record<string, string>) =>
      curl('POST', `/services/search/jobs/${sid}/control?output_mode=json`, { form });
    assert.equal((await control({ action: 'touch' })).status, 200);
    assert.equal((await control({ action: 'setttl', ttl: '1200' })).status, 200);
    assert.equal((await jobContent(sid)).defaultTTL, 1200);
    assert.equal((await control({ action: 'setttl', ttl: '0' })).status, 400);
    const pause = await control({ action: 'pause' });
    assert.equal(pause.status, 400);
    assert.match(message(pause), /^ERROR: Action "pause" is not supported by Nexus/);
    assert.match(message(await control({ action: 'explode' })), /^ERROR: Unknown action "explode"/);
    const cancel = await control({ action: 'cancel' });
    assert.equal(message(cancel), 'INFO: Search job cancelled.');
    assert.equal((await curl('GET', `/services/search/jobs/${sid}?output_mode=json`)).status, 404);
    assert.equal((await control({ action: 'cancel' })).status, 404);
  });
});

describe('DELETE /services/search/jobs/{sid}', () => {
  test('deletes the job; a second delete is 404', async () => {
    const sid = await createJob('| makeresults', { exec_mode: 'blocking' });
    assert.equal((await curl('DELETE', `/services/search/jobs/${sid}?output_mode=json`)).status, 200);
    assert.equal((await curl('DELETE', `/services/search/jobs/${sid}?output_mode=json`)).status, 404);
  });
});

describe('GET|POST /services/search/jobs/export', () => {
  const search = 'search index=web | table host _raw | sort _raw | head 3';
  test('csv, raw, xml and json streams; POST with a form body works the same', async () => {
    const q = (mode: string) =>
      `/services/search/jobs/export?output_mode=${mode}&earliest_time=-1h&search=${encodeURIComponent(search)}`;
    const csv = await curl('GET', q('csv'));
    assert.equal(csv.status, 200);
    assert.equal(
      csv.text,
      'host,_raw\nweb00,GET /a/0 status=500\nweb01,GET /a/1 status=200\nweb00,GET /a/10 status=200\n',
    );
    assert.equal(
      (await curl('GET', q('raw'))).text,
      'GET /a/0 status=500\nGET /a/1 status=200\nGET /a/10 status=200\n',
    );
    const xml = await curl('GET', q('xml'));
    assert.match(
      xml.text,
      /<field k='_raw'>\n\t\t\t<v xml:space='preserve' trunc='0'>GET \/a\/0 status=500<\/v>/,
    );
    assert.match(xml.text, /<\/results>\n$/);
    const posted = await curl('POST', '/services/search/jobs/export', {
      form: { search, output_mode: 'json', earliest_time: '-1h' },
    });
    const lines = posted.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { offset: number; lastrow?: boolean; result: Record<string, string> });
    assert.deepEqual(
      lines.map((l) => [l.offset, l.lastrow ?? false, l.result['host']]),
      [
        [0, false, 'web00'],
        [1, false, 'web01'],
        [2, true, 'web00'],
      ],
    );
  });

  test('a search that does not compile is 400 before anything streams', async () => {
    const r = await curl(
      'GET',
      `/services/search/jobs/export?output_mode=json&search=${encodeURIComponent('search | eval x=')}`,
    );
    assert.equal(r.status, 400);
    assert.match(message(r), /^FATAL: /);
  });
});

describe('GET|POST /services/search/parser', () => {
  test('parses without running; a syntax error is 400 with its position', async () => {
    const ok = await curl(
      'GET',
      `/services/search/parser?output_mode=json&q=${encodeURIComponent('search index=web | stats count by host')}`,
    );
    assert.equal(ok.status, 200);
    assert.deepEqual(
      json<{ commands: { command: string }[] }>(ok).commands.map((c) => c.command),
      ['search', 'stats'],
    );
    const v2 = await curl('POST', '/services/search/v2/parser?output_mode=json', {
      form: { q: '| makeresults | eval' },
    });
    assert.equal(v2.status, 400);
    assert.match(message(v2), /^ERROR: Error in 'SearchParser': .*\(line 1, column \d+\)$/);
  });
});

describe('jobs belong to the token that made them', () => {
  test('another token of the org and another org’s admin get 404 for every job endpoint', async () => {
    const sid = await createJob('search index=web | stats count', { exec_mode: 'blocking' });
    const sameOrg = (await env.tokens.create({ orgId: 'acme', name: 'acme-2', role: 'admin' })).token;
    const otherOrg = (await env.tokens.create({ orgId: 'globex', name: 'globex', role: 'admin' })).token;
    for (const token of [sameOrg, otherOrg, ADMIN_TOKEN]) {
      for (const [method, path] of [
        ['GET', ''],
        ['GET', '/results'],
        ['POST', '/results'],
        ['GET', '/events'],
        ['POST', '/control'],
        ['DELETE', ''],
      ] as const) {
        const r = await curl(method, `/services/search/jobs/${sid}${path}?output_mode=json`, {
          token,
          ...(path === '/control' ? { form: { action: 'cancel' } } : {}),
        });
        assert.equal(r.status, 404, `${method} ${path}`);
      }
      const list = json<{ entry: unknown[] }>(
        await curl('GET', '/services/search/jobs?output_mode=json', { token }),
      );
      assert.ok(!JSON.stringify(list).includes(sid));
    }
    // The owner still has it, untouched.
    assert.equal((await jobContent(sid)).dispatchState, 'DONE');
    assert.ok(viewerId);
  });
});
