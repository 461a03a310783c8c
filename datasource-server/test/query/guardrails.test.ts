// Query guardrails on chDB: the time-range limit, max_memory_usage, max_execution_time (server and request),
// cancellation when the client goes away (in process and through the real server), meta.truncated.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';
import { ConfigError, defaultQueryMemory, loadConfig } from '../../src/config.ts';
import { compile } from '@nexus/spl';
import { QueryCancelledError } from '../../src/store/errors.ts';
import { createStore } from '../../src/store/store.ts';
import type { Store } from '../../src/store/types.ts';
import type { TestEnv } from '../helpers/env.ts';
import { ADMIN_TOKEN, tempDir, testEnv } from '../helpers/env.ts';
import { start, stop } from '../helpers/server.ts';
import { HEAVY_SEARCH as HEAVY } from '../helpers/heavy-search.ts';

interface ErrorBody {
  errors: { code: string; message: string; line: number; column: number; hints: string[] }[];
}

function request(env: TestEnv, body: unknown): Promise<Response> {
  return Promise.resolve(
    env.app.request('/query/spl', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify(body),
    }),
  );
}

describe('configuration', () => {
  test('NEXUS_QUERY_MAX_RANGE is a fixed-length span; unset, 0 and none mean no limit', () => {
    assert.deepEqual(loadConfig({ NEXUS_QUERY_MAX_RANGE: '90d' }).query.maxRange, {
      ms: 90 * 86_400_000,
      text: '90d',
    });
    assert.equal(loadConfig({ NEXUS_QUERY_MAX_RANGE: '12h' }).query.maxRange?.ms, 12 * 3_600_000);
    assert.equal(loadConfig({ NEXUS_QUERY_MAX_RANGE: '2w' }).query.maxRange?.ms, 14 * 86_400_000);
    for (const off of [undefined, '', '0', 'none']) {
      assert.equal(loadConfig({ NEXUS_QUERY_MAX_RANGE: off }).query.maxRange, undefined);
    }
    for (const bad of ['3mon', '1y', 'ninety', '-5d']) {
      assert.throws(
        () => loadConfig({ NEXUS_QUERY_MAX_RANGE: bad }),
        (e: unknown) => {
          return e instanceof ConfigError && e.message.includes('NEXUS_QUERY_MAX_RANGE');
        },
      );
    }
  });

  test('NEXUS_QUERY_MAX_MEMORY takes bytes with units; 0 leaves the engine its own; unset sizes it from the machine', () => {
    const mem = (v: string | undefined): number | undefined =>
      loadConfig({ NEXUS_QUERY_MAX_MEMORY: v }).query.maxMemoryBytes;
    assert.equal(mem('2GiB'), 2 * 2 ** 30);
    assert.equal(mem('500MB'), 500_000_000);
    assert.equal(mem('1.5 gib'), 1.5 * 2 ** 30);
    assert.equal(mem('1073741824'), 2 ** 30);
    assert.equal(mem(undefined), defaultQueryMemory(os.totalmem(), 8));
    assert.equal(
      loadConfig({ NEXUS_QUERY_POOL_SIZE: '8' }).query.maxMemoryBytes,
      defaultQueryMemory(os.totalmem(), 8),
    );
    assert.equal(defaultQueryMemory(24 * 2 ** 30, 4), 2 ** 30);
    assert.equal(defaultQueryMemory(2 ** 30, 16), 256 * 2 ** 20);
    assert.equal(mem('0'), undefined);
    for (const bad of ['2 gigs', 'lots', '100']) {
      assert.throws(() => mem(bad), /NEXUS_QUERY_MAX_MEMORY/);
    }
  });

  test('NEXUS_QUERY_MAX_EXECUTION_TIME defaults to 60 seconds', () => {
    assert.equal(loadConfig({}).query.maxExecutionSeconds, 60);
    assert.equal(loadConfig({ NEXUS_QUERY_MAX_EXECUTION_TIME: '5' }).query.maxExecutionSeconds, 5);
    assert.throws(() => loadConfig({ NEXUS_QUERY_MAX_EXECUTION_TIME: '0' }), ConfigError);
  });
});

describe('guardrails through POST /query/spl', () => {
  let env: TestEnv;
  before(async () => {
    env = await testEnv({
      NEXUS_QUERY_MAX_RANGE: '7d',
      NEXUS_QUERY_MAX_MEMORY: '64MiB',
      NEXUS_QUERY_MAX_EXECUTION_TIME: '30',
      NEXUS_QUERY_POOL_SIZE: '2',
    });
  });
  after(async () => {
    await env.close();
  });

  test('a range longer than NEXUS_QUERY_MAX_RANGE is a 400 naming the range and the limit', async () => {
    const res = await request(env, { query: 'error', earliest: '-30d' });
    assert.equal(res.status, 400);
    const body = (await res.json()) as ErrorBody;
    assert.equal(body.errors[0]?.code, 'limit');
    assert.match(
      body.errors[0]?.message ?? '',
      /^the search covers 30 days \(.+ to .+\); a search may cover at most 7d$/,
    );
    assert.equal((await request(env, { query: 'error', earliest: '-6d' })).status, 200);
  });

  test('earliest= in the search counts, and points at the modifier', async () => {
    const query = 'error earliest=-8d';
    const res = await request(env, { query });
    assert.equal(res.status, 400);
    const e = ((await res.json()) as ErrorBody).errors[0];
    assert.equal(e?.column, query.indexOf('-8d') + 1);
  });

  test('a subsearch with its own range counts on its own', async () => {
    const query = 'error [search earliest=-60d fail | fields host]';
    const res = await request(env, { query });
    assert.equal(res.status, 400);
    const e = ((await res.json()) as ErrorBody).errors[0];
    assert.match(e?.message ?? '', /^this subsearch covers 60 days/);
    assert.equal(e?.column, query.indexOf('-60d') + 1);
    assert.match(e?.hints[0] ?? '', /earliest=/);
    // a subsearch without its own modifiers has the request's range, which is allowed
    assert.equal((await request(env, { query: 'error [search fail | fields host]' })).status, 200);
  });

  test('makeresults reads no events: no range limit applies', async () => {
    const res = await request(env, { query: '| makeresults count=2', earliest: '-90d' });
    assert.equal(res.status, 200);
  });

  test('the statement carries max_memory_usage, max_execution_time and its log_comment tag', async () => {
    const res = await request(env, { query: '| makeresults count=1', timeout: 7 });
    const body = (await res.json()) as {
      meta: { sql: string; params: Record<string, unknown>; queryId: string };
    };
    assert.match(
      body.meta.sql,
      /SETTINGS .*max_execution_time = 7, max_memory_usage = 67108864, log_comment = \{(p\d+):String\}$/,
    );
    const tag = /log_comment = \{(p\d+):String\}/.exec(body.meta.sql)?.[1] ?? '';
    assert.equal(body.meta.params[tag], body.meta.queryId);
  });

  test('a query over its memory limit is a 422 that says so, and every session serves the next query', async () => {
    const query = '| makeresults count=10000000 | streamstats count as n | stats dc(n) as d';
    for (let i = 0; i < 3; i++) {
      const res = await request(env, { query });
      assert.equal(res.status, 422);
      const e = ((await res.json()) as ErrorBody).errors[0];
      assert.equal(e?.code, 'limit');
      assert.equal(e?.message, 'the search needed more memory than it may use (64 MiB)');
      assert.match(e?.hints[1] ?? '', /^ClickHouse: .*memory limit exceeded/i);
      // chDB keeps a failed statement's partial output in its session; the store replaces the session
      const ok = await request(env, { query: '| makeresults count=3 | eval a=1 | stats sum(a) as s' });
      assert.equal(ok.status, 200);
      assert.deepEqual(((await ok.json()) as { rows: unknown }).rows, [[3]]);
    }
  });

  test('a request may lower max_execution_time, never raise it', async () => {
    const started = performance.now();
    const res = await request(env, { query: HEAVY, timeout: 1 });
    const ms = performance.now() - started;
    assert.equal(res.status, 422);
    const e = ((await res.json()) as ErrorBody).errors[0];
    assert.equal(e?.message, 'the search ran longer than it may (1 s)');
    assert.ok(ms < 5_000, `stopped after ${Math.round(ms)} ms`);
    for (const timeout of [31, 0, 1.5, '5']) {
      const bad = await request(env, { query: '| makeresults', timeout });
      assert.equal(bad.status, 400, String(timeout));
    }
    const ok = await request(env, { query: '| makeresults count=2 | stats count' });
    assert.deepEqual(((await ok.json()) as { rows: unknown }).rows, [[2]]);
  });

  test('meta.truncated is true exactly when the row limit cut the result', async () => {
    const cut = (await (await request(env, { query: '| makeresults count=4', limit: 3 })).json()) as {
      rows: unknown[];
      meta: { truncated: boolean };
    };
    assert.equal(cut.rows.length, 3);
    assert.equal(cut.meta.truncated, true);
    const whole = (await (await request(env, { query: '| makeresults count=3', limit: 3 })).json()) as {
      rows: unknown[];
      meta: { truncated: boolean };
    };
    assert.equal(whole.rows.length, 3);
    assert.equal(whole.meta.truncated, false);
  });
});

describe('cancellation on chDB', () => {
  let store: Store;
  let dir: string;
  before(async () => {
    dir = tempDir();
    store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir, NEXUS_QUERY_POOL_SIZE: '2' }));
  });
  after(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Statements tagged `id` in system.processes. Not parameterized: chDB runs those one at a time. */
  async function running(id: string): Promise<number> {
    assert.match(id, /^[0-9a-f-]{36}$/);
    const r = await store.query({
      sql: `SELECT count() FROM system.processes WHERE Settings['log_comment'] = '${id}'`,
      params: {},
    });
    return Number(r.rows[0]?.[0]);
  }

  async function until(what: () => Promise<boolean>, ms: number): Promise<number> {
    const started = performance.now();
    while (!(await what())) {
      if (performance.now() - started > ms) throw new Error(`not within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return performance.now() - started;
  }

  test('aborting the signal kills the statement in the engine; the next query runs at once', async () => {
    const nowMs = Date.now();
    const id = randomUUID();
    const compiled = compile(HEAVY, {
      orgId: 'o',
      earliestMs: nowMs - 1,
      latestMs: nowMs,
      nowMs,
      queryTag: id,
    });
    assert.ok(compiled.ok);
    const ac = new AbortController();
    const started = performance.now();
    const outcome = store
      .query({ sql: compiled.sql.sql, params: compiled.sql.params, queryId: id, signal: ac.signal })
      .then(
        () => 'finished',
        (e: unknown) => e,
      );
    await until(async () => (await running(id)) === 1, 5_000);
    await new Promise((r) => setTimeout(r, 500));
    const abortedAt = performance.now();
    ac.abort();
    const err = await outcome;
    const rejectedMs = performance.now() - abortedAt;
    assert.ok(err instanceof QueryCancelledError, String(err));
    const goneMs = (await until(async () => (await running(id)) === 0, 5_000)) + rejectedMs;
    // parameterized statements run one at a time on chDB: this one would wait for the heavy one
    const next = performance.now();
    const r = await store.query({ sql: 'SELECT {a:UInt8} + 1 AS b', params: { a: 1 } });
    const nextMs = performance.now() - next;
    assert.deepEqual(r.rows, [[2]]);
    console.log(
      `cancel: ran ${Math.round(abortedAt - started)} ms, rejected ${Math.round(rejectedMs)} ms after abort, ` +
        `gone from system.processes after ${Math.round(goneMs)} ms, next query ${Math.round(nextMs)} ms`,
    );
    assert.ok(rejectedMs < 2_000, `rejected after ${rejectedMs} ms`);
    assert.ok(nextMs < 2_000, `next query took ${nextMs} ms`);
  });

  test('a query id that could not be inlined into KILL QUERY is refused', async () => {
    await assert.rejects(
      store.query({ sql: 'SELECT 1', params: {}, queryId: "x' OR 1 = 1 --" }),
      /invalid query id/,
    );
  });

  test('a signal aborted before the statement starts never runs it', async () => {
    const nowMs = Date.now();
    const compiled = compile(HEAVY, {
      orgId: 'o',
      earliestMs: nowMs - 1,
      latestMs: nowMs,
      nowMs,
      queryTag: 'x',
    });
    assert.ok(compiled.ok);
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(
      store.query({ sql: compiled.sql.sql, params: compiled.sql.params, signal: ac.signal }),
      QueryCancelledError,
    );
  });
});

describe('cancellation through the real server', () => {
  test('a client that goes away mid-query stops it; the server answers the next query', async () => {
    const dir = tempDir();
    const server = await start({ NEXUS_DATA_DIR: dir, NEXUS_ADMIN_TOKEN: ADMIN_TOKEN });
    try {
      const url = `http://127.0.0.1:${server.port}/query/spl`;
      const post = (query: string, signal?: AbortSignal): Promise<Response> =>
        fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` },
          body: JSON.stringify({ query }),
          ...(signal ? { signal } : {}),
        });
      const ac = new AbortController();
      const heavy = post(HEAVY, ac.signal).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 1_500));
      const abortedAt = performance.now();
      ac.abort();
      const early = await heavy;
      if (early instanceof Response) {
        assert.fail(`answered before the abort: ${early.status}; server log: ${server.stdout()}`);
      }
      assert.equal((early as { name?: string }).name, 'AbortError');
      // Searches run side by side: the next one does not wait for the heavy one to stop.
      const res = await post('| makeresults count=2 | stats count');
      const nextMs = performance.now() - abortedAt;
      assert.equal(res.status, 200);
      assert.deepEqual(((await res.json()) as { rows: unknown }).rows, [[2]]);
      const cancelled = (): string | undefined =>
        server
          .stdout()
          .split('\n')
          .find((l) => l.includes('"msg":"store: query cancelled"'));
      for (let i = 0; i < 100 && cancelled() === undefined; i++) await new Promise((r) => setTimeout(r, 100));
      const line = cancelled();
      assert.ok(line, server.stdout());
      const stoppedAfterMs = Number((JSON.parse(line) as { stoppedAfterMs: number }).stoppedAfterMs);
      console.log(
        `server: stopped ${stoppedAfterMs} ms after the client left; next query answered after ${Math.round(nextMs)} ms`,
      );
      assert.ok(nextMs < 3_000, `next query after ${nextMs} ms`);
      assert.equal((await fetch(`http://127.0.0.1:${server.port}/health/ready`)).status, 200);
    } finally {
      assert.equal(await stop(server), 0);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
