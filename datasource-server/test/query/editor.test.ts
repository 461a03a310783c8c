// The query editor's routes in process: GET /query/spl/catalog, POST /query/spl/format, POST /query/spl/explain.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import type { AuthEnv } from '../../src/auth/index.ts';
import { buildCatalog, staleDocs } from '@nexus/spl';
import type { SplCatalog } from '@nexus/spl';
import { createQueryRouter } from '../../src/query/routes.ts';
import { parse } from '@nexus/spl';
import type { TestEnv } from '../helpers/env.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';

let env: TestEnv;

before(async () => {
  // The catalog test compiles every example within a second: more than the default 100 requests per second.
  env = await testEnv({ NEXUS_RATE_LIMIT_RPS: '10000' });
});

after(async () => {
  await env.close();
});

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await env.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...auth },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('GET /query/spl/catalog', () => {
  test('needs a token', async () => {
    assert.equal((await env.app.request('/query/spl/catalog')).status, 401);
  });

  test('lists the commands the compiler compiles, with their options, and none it reports unsupported', async () => {
    const res = await env.app.request('/query/spl/catalog', { headers: auth });
    assert.equal(res.status, 200);
    const cat = (await res.json()) as SplCatalog;
    const names = cat.commands.map((c) => c.name);
    for (const n of [
      'search',
      'stats',
      'timechart',
      'eval',
      'where',
      'rex',
      'makeresults',
      'mstats',
      'tstats',
    ])
      assert.ok(names.includes(n), n);
    // Typed grammars the planner still reports unsupported, and Splunk commands without a grammar.
    for (const n of ['xsl', 'score', 'delete']) assert.ok(!names.includes(n), n);
    const timechart = cat.commands.find((c) => c.name === 'timechart');
    assert.ok(timechart?.options.some((o) => o.name === 'span' && o.type === 'span'));
    assert.equal(cat.commands.find((c) => c.name === 'makeresults')?.generating, true);
    // `bucket` takes `bin`'s options.
    assert.deepEqual(
      cat.commands.find((c) => c.name === 'bucket')?.options,
      cat.commands.find((c) => c.name === 'bin')?.options,
    );
  });

  test('functions come with their arity and Search Reference signature from the registry, all documented', async () => {
    const cat = buildCatalog();
    const substr = cat.evalFunctions.find((f) => f.name === 'substr');
    assert.deepEqual(
      [substr?.minArgs, substr?.maxArgs, substr?.signature],
      [2, 3, 'substr(<str>, <start>, <length>)'],
    );
    assert.ok(cat.statsFunctions.some((f) => f.name === 'dc' && f.signature === 'dc(<value>)'));
    assert.ok(cat.statsFunctions.some((f) => f.name === 'perc95'));
    // mvfilter binds a field name: it is lowered from the written call, and listed like the others.
    assert.equal(cat.evalFunctions.find((f) => f.name === 'mvfilter')?.signature, 'mvfilter(<predicate>)');
    assert.deepEqual(staleDocs(), []);
  });

  test('every listed example compiles through POST /query/spl/compile except lookups and models (tables and models are per tenant)', async () => {
    for (const c of buildCatalog().commands) {
      // `apply` and `summary` read a model the tenant saved (test/spl/mltk-density.test.ts).
      if (c.name.includes('lookup') || c.name === 'apply' || c.name === 'summary') continue;
      const r = await post('/query/spl/compile', { query: c.example });
      assert.equal(r.status, 200, `${c.name}: ${JSON.stringify(r.body)}`);
    }
  });
});

describe('POST /query/spl/format', () => {
  test('one command per line; the result parses to a query that formats the same', async () => {
    const r = await post('/query/spl/format', { query: 'index=web   status=500|stats count  by host' });
    assert.equal(r.status, 200);
    assert.equal(r.body['spl'], 'index=web status=500\n| stats count BY host');
    const again = await post('/query/spl/format', { query: r.body['spl'] });
    assert.equal(again.body['spl'], r.body['spl']);
    assert.equal(parse(String(r.body['spl'])).errors.length, 0);
  });

  test('a syntax error: 400 with its position, nothing formatted', async () => {
    const r = await post('/query/spl/format', { query: 'index=web | stats count by' });
    assert.equal(r.status, 400);
    const [e] = r.body['errors'] as { line: number; column: number; start: number }[];
    assert.deepEqual([e?.line, e?.column], [1, 27]);
  });

  test('comments are not silently dropped: 400 at the comment', async () => {
    const r = await post('/query/spl/format', { query: 'index=web ```why``` | head 1' });
    assert.equal(r.status, 400);
    const [e] = r.body['errors'] as { start: number; message: string }[];
    assert.equal(e?.start, 10);
    assert.match(e?.message ?? '', /comments/);
  });

  test('an empty query: 400', async () => {
    assert.equal((await post('/query/spl/format', { query: ' ' })).status, 400);
  });
});

describe('POST /query/spl/explain', () => {
  test('SQL with typed parameters, bounded by the requested range', async () => {
    const latestMs = Date.UTC(2024, 0, 2);
    const r = await post('/query/spl/explain', {
      query: 'index=main host="web01" | stats count BY host',
      earliestMs: latestMs - 3_600_000,
      latestMs,
    });
    assert.equal(r.status, 200);
    assert.equal(r.body['language'], 'sql');
    assert.match(String(r.body['query']), /^SELECT /);
    assert.ok(!String(r.body['query']).includes('web01'), 'values are parameters');
    assert.ok(Object.values(r.body['params'] as object).includes('web01'));
  });

  test('an error: 400 with its position', async () => {
    const r = await post('/query/spl/explain', { query: 'index=main | nosuchcommand' });
    assert.equal(r.status, 400);
    const [e] = r.body['errors'] as { column: number; code: string }[];
    assert.deepEqual([e?.code, e?.column], ['unsupported', 14]);
  });

  test('mstats with a metrics backend: the PromQL the service would send, without calling it', async () => {
    const calls: string[] = [];
    const metrics = {
      url: 'http://vm.test',
      fetch: ((input: string | URL | Request) => {
        calls.push(String(input));
        return Promise.reject(new Error('explain must not query VictoriaMetrics'));
      }) as typeof fetch,
    };
    const app = new Hono<AuthEnv>();
    app.use('*', async (c, next) => {
      c.set('identity', { orgId: 'acme', role: 'viewer', subject: 'test', via: 'token' });
      await next();
    });
    app.route('/query', createQueryRouter({ store: env.store, metrics }));
    const res = await app.request('/query/spl/explain', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '| mstats sum(cpu.usage) WHERE index=metrics BY host' }),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { language: string; query: string };
    assert.equal(body.language, 'promql');
    assert.match(body.query, /sum by \(host\)/);
    assert.deepEqual(calls, []);
    // The same search without a metrics backend runs on the metrics table, as SQL.
    const sql = await post('/query/spl/explain', {
      query: '| mstats sum(cpu.usage) WHERE index=metrics BY host',
    });
    assert.equal(sql.body['language'], 'sql');
    assert.match(String(sql.body['query']), /FROM `metrics`/);
  });
});
