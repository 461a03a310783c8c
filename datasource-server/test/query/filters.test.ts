// Ad hoc filters (`filters` of POST /query/spl): added to the base search as search terms, in the tree.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compile } from '@nexus/spl';
import { applySearchFilters } from '@nexus/spl';
import type { SearchFilter } from '@nexus/spl';
import { parse } from '@nexus/spl';
import { format } from '@nexus/spl';
import { runSpl } from '../../src/query/service.ts';
import type { Store } from '../../src/store/index.ts';
import { openFixtureStore } from '../helpers/fixture-store.ts';
import { fixtureEvent } from '../helpers/spl-fixture.ts';
import type { TestEnv } from '../helpers/env.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';

/** Now (the store drops rows past its 30-day retention, so fixtures are recent). */
const NOW = Math.floor(Date.now() / 60_000) * 60_000;

describe('applySearchFilters (the tree)', () => {
  const filtered = (spl: string, filters: SearchFilter[]): string => {
    const ast = parse(spl).ast;
    assert.ok(ast);
    const r = applySearchFilters(ast, filters);
    assert.ok(r.ok, JSON.stringify(r));
    return format(r.ast, spl);
  };

  test('filters are ANDed to the base search; later commands are untouched', () => {
    const out = filtered('index=web error | stats count by host', [
      { key: 'host', operator: '=', value: 'a "b"' },
      { key: 'status', operator: '>=', value: '500' },
      { key: 'user', operator: '!=|', values: ['x', 'y|z'] },
    ]);
    const again = parse(out);
    assert.deepEqual(again.errors, [], out);
    const first = again.ast?.commands[0];
    assert.ok(first?.kind === 'search' && first.expr?.kind === 'search-and', out);
    assert.deepEqual(
      first.expr.operands.map((o) => o.kind),
      ['search-compare', 'search-term', 'search-compare', 'search-compare', 'search-not'],
    );
    const host = first.expr.operands[2];
    assert.ok(host?.kind === 'search-compare');
    assert.equal(host.value.text, 'a "b"');
    assert.equal(again.ast?.commands[1]?.kind, 'stats');
  });

  test('a hostile value stays one value: the rest of the query cannot change', () => {
    const value = '" | delete | search "x] ```';
    const ast = parse('index=web | head 5').ast;
    assert.ok(ast);
    const r = applySearchFilters(ast, [{ key: 'host', operator: '=', value }]);
    assert.ok(r.ok);
    assert.deepEqual(
      r.ast.commands.map((c) => c.kind),
      ['search', 'head'],
    );
  });

  test('queries without a base search and regex operators are errors, not dropped filters', () => {
    for (const [spl, op, message] of [
      ['| makeresults count=2', '=', /starts with `makeresults`/],
      ['| mstats avg(cpu) WHERE index=m', '=', /starts with `mstats`/],
      ['index=web', '=~', /uses `=~`/],
    ] as const) {
      const ast = parse(spl).ast;
      assert.ok(ast);
      const r = applySearchFilters(ast, [{ key: 'host', operator: op, value: 'a' }]);
      assert.ok(!r.ok, spl);
      assert.match(r.errors[0]?.message ?? '', message);
    }
  });
});

describe('filters compiled and run on chDB', () => {
  let store: Store;
  let close: () => Promise<void>;
  before(async () => {
    const rows = [
      fixtureEvent(NOW, 1, 'GET /a status=200', 'web01', { status: '200', user: 'ann' }),
      fixtureEvent(NOW, 2, 'GET /b status=500', 'web02', { status: '500', user: 'bob' }),
      fixtureEvent(NOW, 3, 'GET /c status=503', 'web"03', { status: '503', user: 'cy' }),
      fixtureEvent(NOW, 4, 'GET /d status=404', 'web01', { status: '404', user: 'bob' }),
    ];
    ({ store, close } = await openFixtureStore(rows));
  });
  after(async () => close());

  const hosts = async (query: string, filters: SearchFilter[]): Promise<unknown[]> => {
    const r = await runSpl(store, 'acme', { query, filters }, { nowMs: NOW });
    return r.rows.map((row) => row[r.columns.findIndex((c) => c.name === 'host')]);
  };

  test('the values are bound parameters, never SQL text', () => {
    const c = compile('index=main | table host', {
      orgId: 'acme',
      earliestMs: NOW - 86_400_000,
      latestMs: NOW,
      nowMs: NOW,
      filters: [{ key: 'host', operator: '=', value: "x'); DROP TABLE logs; --" }],
    });
    assert.ok(c.ok);
    assert.ok(!c.sql.sql.includes('DROP TABLE'), c.sql.sql);
    // Search values compare case-insensitively, so the parameter is lower-cased.
    assert.ok(Object.values(c.sql.params).includes("x'); drop table logs; --"), JSON.stringify(c.sql.params));
  });

  test('=, !=, >=, one of, none of narrow the rows', async () => {
    const q = 'index=main | sort _time | table host';
    assert.deepEqual(await hosts(q, [{ key: 'host', operator: '=', value: 'web01' }]), ['web01', 'web01']);
    assert.deepEqual(await hosts(q, [{ key: 'host', operator: '=', value: 'web"03' }]), ['web"03']);
    assert.deepEqual(await hosts(q, [{ key: 'host', operator: '!=', value: 'web01' }]), ['web"03', 'web02']);
    assert.deepEqual(await hosts(q, [{ key: 'status', operator: '>=', value: '500' }]), ['web"03', 'web02']);
    assert.deepEqual(
      await hosts(q, [
        { key: 'user', operator: '=|', values: ['bob', 'cy'] },
        { key: 'status', operator: '<', value: '500' },
      ]),
      ['web01'],
    );
    assert.deepEqual(await hosts(q, [{ key: 'user', operator: '!=|', values: ['bob'] }]), [
      'web"03',
      'web01',
    ]);
  });

  test('filters apply before aggregation', async () => {
    const r = await runSpl(
      store,
      'acme',
      { query: 'index=main | stats count', filters: [{ key: 'user', operator: '=', value: 'bob' }] },
      { nowMs: NOW },
    );
    assert.deepEqual(r.rows, [[2]]);
  });
});

describe('POST /query/spl filters', () => {
  let env: TestEnv;
  before(async () => {
    env = await testEnv();
  });
  after(async () => env.close());
  const post = (body: unknown) =>
    env.app.request('/query/spl', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify(body),
    });

  test('malformed filters are 400; a query without a base search says why', async () => {
    for (const filters of [{}, [1], [{ key: 'a' }], [{ key: 'a', operator: '=', value: 1 }]]) {
      assert.equal((await post({ query: 'index=main', filters })).status, 400, JSON.stringify(filters));
    }
    const res = await post({ query: '| makeresults', filters: [{ key: 'a', operator: '=', value: 'b' }] });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { errors: { code: string; message: string }[] };
    assert.equal(body.errors[0]?.code, 'unsupported');
    assert.match(body.errors[0]?.message ?? '', /ad hoc filters apply to the base search/);
  });

  test('filters reach the compiled search as parameters (POST /query/spl/compile)', async () => {
    const res = await env.app.request('/query/spl/compile', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({
        query: 'index=main',
        filters: [{ key: 'host', operator: '=', value: 'web-7' }],
      }),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { sql: string; params: Record<string, unknown> };
    assert.ok(Object.values(body.params).includes('web-7'), JSON.stringify(body.params));
    assert.match(body.sql, /`host`/);
  });
});
