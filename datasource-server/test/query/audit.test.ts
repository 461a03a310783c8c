// The audit log (query_log) never loses rows because of one bad row: text the engine refuses is made
// storable, and a batch the engine still refuses is split so only the refused row is left out.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAuditLog, storableText } from '../../src/query/audit.ts';
import type { AuditEntry } from '../../src/query/audit.ts';
import type { Store } from '../../src/store/types.ts';
import type { TestEnv } from '../helpers/env.ts';
import { testEnv } from '../helpers/env.ts';

let env: TestEnv;
before(async () => {
  env = await testEnv();
});
after(async () => {
  await env.close();
});

async function search(token: string, query: string): Promise<Response> {
  return env.app.request('/query/spl', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
}

async function auditRows(orgs: readonly string[]): Promise<{ org: string; spl: string; status: string }[]> {
  const r = await env.store.query({
    sql: 'SELECT org_id, spl, status FROM query_log WHERE has({orgs:Array(String)}, org_id) ORDER BY spl',
    params: { orgs },
  });
  return r.rows.map(([org, spl, status]) => ({ org: String(org), spl: String(spl), status: String(status) }));
}

test('a lone surrogate in one search’s SPL loses no audit row, of that tenant or another', async () => {
  const a = (await env.tokens.create({ orgId: 'audit-a', name: 'a', role: 'viewer' })).token;
  const b = (await env.tokens.create({ orgId: 'audit-b', name: 'b', role: 'viewer' })).token;
  // Both tenants' searches land in the same audit batch (flushed once, below).
  const answers = await Promise.all([
    search(a, '| makeresults | eval s="x\ud800y" | table s'),
    search(a, 'index=main "\udc00"'),
    search(b, '| makeresults count=2 | eval clean=1'),
    search(b, '| makeresults | eval n=1'),
  ]);
  for (const res of answers) assert.ok(res.status < 500, `a search answered ${res.status}`);
  await env.audit.flush();
  const rows = await auditRows(['audit-a', 'audit-b']);
  assert.deepEqual(
    rows.map((r) => [r.org, r.spl]).sort(),
    [
      ['audit-b', '| makeresults count=2 | eval clean=1'],
      ['audit-b', '| makeresults | eval n=1'],
      ['audit-a', 'index=main "\ufffd"'],
      ['audit-a', '| makeresults | eval s="x\ufffdy" | table s'],
    ].sort(),
  );
});

test('storableText keeps surrogate pairs and repairs one cut by the clip', () => {
  assert.equal(storableText('a😀b'), 'a😀b');
  assert.equal(storableText('\ud83d'), '\ufffd');
  const cut = storableText(`${'x'.repeat(64 * 1024 - 1)}😀`);
  assert.equal(cut.length, 64 * 1024);
  assert.equal(cut.at(-1), '\ufffd');
});

test('a batch the engine refuses is split: only the refused row is left out', async () => {
  // The real store, refusing any batch that holds the marked row (as the engine refuses a bad value).
  const refusing: Store = {
    ...env.store,
    insertRows: (table, rows) =>
      rows.some((r) => r['subject'] === 'refused')
        ? Promise.reject(new Error('Cannot parse input'))
        : env.store.insertRows(table, rows),
  };
  const log = createAuditLog({ store: refusing, flushMs: 60_000 });
  const entry = (i: number, subject: string): AuditEntry => ({
    startedMs: Date.now(),
    queryId: `q${i}`,
    orgId: 'audit-split',
    subject,
    role: 'viewer',
    spl: `search ${String(i).padStart(2, '0')}`,
    sql: '',
    durationMs: -3,
    rows: 1.5,
    rowsRead: Number.POSITIVE_INFINITY,
    status: 'ok',
  });
  for (let i = 0; i < 13; i++) log.record(entry(i, i === 6 ? 'refused' : 'ok'));
  await log.close();
  const rows = await auditRows(['audit-split']);
  assert.equal(rows.length, 12);
  assert.ok(!rows.some((r) => r.spl === 'search 06'));
});
