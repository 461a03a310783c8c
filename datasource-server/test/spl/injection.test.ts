// Hostile input never changes the shape of the SQL: values are parameters, names go through quoteIdent.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { compile } from '@nexus/spl';
import { quoteIdent } from '@nexus/spl';
import type { LogRow, Store } from '../../src/store/index.ts';
import { createStore, runMigrations } from '../../src/store/index.ts';

const now = Date.now();
const options = { orgId: 'victim', earliestMs: now - 3_600_000, latestMs: now + 60_000, nowMs: now };

const hostileValues = [
  "x' OR 1=1 --",
  'x") OR ("1"="1',
  "'; DROP TABLE logs; --",
  '{p0:String}',
  "\\' OR ''='",
  'a`b',
  '$(rm -rf /)',
  "\u0000\n\r' UNION SELECT a FROM logs --",
];

const markers = ['drop table', 'union select', 'or 1=1', 'rm -rf', "or ''='", '"1"="1'];

/** The hostile text never appears in the SQL: only in the bound parameters. */
function noLeak(sql: string, hostile: string): void {
  const text = sql.toLowerCase();
  for (const m of markers) {
    if (hostile.toLowerCase().includes(m)) assert.ok(!text.includes(m), `${m} leaked into ${sql}`);
  }
}

/**
 * A query template where HOSTILE is a quoted SPL string, compiled with a benign and a hostile value:
 * the same SQL text (only the bound values differ), and nothing of the value in it.
 */
function sameShape(template: string, benign: string, hostile: string, exact = true): void {
  const escape = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const a = compile(template.replace('HOSTILE', escape(benign)), options);
  const b = compile(template.replace('HOSTILE', escape(hostile)), options);
  assert.ok(a.ok, `${template}: ${JSON.stringify(!a.ok && a.errors)}`);
  assert.ok(b.ok, `${template} with ${JSON.stringify(hostile)}: ${JSON.stringify(!b.ok && b.errors)}`);
  noLeak(b.sql.sql, hostile);
  if (exact) assert.equal(b.sql.sql, a.sql.sql, `SQL changed for ${JSON.stringify(hostile)} in ${template}`);
}

describe('values are parameters', () => {
  const templates = [
    'status="HOSTILE" | stats count by host',
    '"HOSTILE" | head 5',
    'host IN ("HOSTILE", "b")',
    'index=main | where user="HOSTILE" | table user',
    '| makeresults | eval x="HOSTILE" . "y" | table x',
    'index=main | eval y=replace(_raw, "a", "HOSTILE") | table y',
    'index=main | fillnull value="HOSTILE" user | table user',
    'index=main | eval t=strptime("HOSTILE", "%Y") | table t',
    'index=main | stats count by host | format emptystr="HOSTILE"',
    'index=main | stats count by host | format "HOSTILE" "(" "AND" ")" "OR" ")"',
  ];
  for (const t of templates) {
    test(t, () => {
      // A bare term's SQL follows its token count (one hasToken per token), never its text.
      for (const v of hostileValues) sameShape(t, 'benign', v, !t.startsWith('"HOSTILE"'));
    });
  }

  test('regexes are parameters too (rex, regex, match)', () => {
    // Hostile but valid RE2 (an unbalanced one is refused before compiling, with its position).
    for (const v of ["a' OR 1=1 --", "(?P<x>'\\)) OR 1=1 --"]) {
      sameShape('index=main | regex _raw="HOSTILE"', 'abc', v);
      sameShape('index=main | where match(_raw, "HOSTILE")', 'abc', v);
    }
  });

  test('time strings never reach the SQL text', () => {
    const r = compile('index=main earliest="-1h\'; DROP TABLE logs --"', options);
    assert.equal(r.ok, false);
    const ok = compile('index=main earliest=-1h latest=now', options);
    assert.ok(ok.ok);
    assert.doesNotMatch(ok.sql.sql, /\d{10}/);
  });
});

describe('names go through one quoting function', () => {
  const hostileNames = ['a`b', 'a\\`; DROP TABLE logs; --', 'x y', 'count(x)', '`', '\\'];

  test('quoteIdent escapes backticks and backslashes', () => {
    assert.equal(quoteIdent('a`b'), '`a\\`b`');
    assert.equal(quoteIdent('a\\'), '`a\\\\`');
  });

  test('hostile field names appear only inside quoted identifiers', () => {
    for (const name of hostileNames) {
      const q = `| makeresults | eval '${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'=1 | table "${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
      const r = compile(q, options);
      assert.ok(r.ok, `${q}: ${JSON.stringify(!r.ok && r.errors)}`);
      assert.ok(r.sql.sql.includes(quoteIdent(name)), `${name} is not quoted in ${r.sql.sql}`);
      const outsideIdentifiers = r.sql.sql.replace(/`(?:[^`\\]|\\.)*`/g, '');
      assert.ok(!outsideIdentifiers.toLowerCase().includes('drop table'), `${name} leaked: ${r.sql.sql}`);
    }
  });
});

describe('lookup tables: names and columns are parameters or quoted', () => {
  const hostileColumns = ["x' OR 1=1 --", 'a`b', "'; DROP TABLE lookup_rows; --", '{p0:String}'];
  const lookups = new Map([
    ['users', ['user', 'dept']],
    ['other_table.v2', ['user', 'dept']],
    ['evil', ['user', ...hostileColumns]],
  ]);
  const withLookups = { ...options, lookups };

  test('the table name is a parameter: two tables, one SQL text', () => {
    for (const t of [
      'index=main | lookup TABLE user OUTPUT dept | table user dept',
      '| inputlookup TABLE where dept=x',
      'index=main [| inputlookup TABLE | fields user] | stats count',
    ]) {
      const a = compile(t.replace('TABLE', 'users'), withLookups);
      const b = compile(t.replace('TABLE', 'other_table.v2.csv'), withLookups);
      assert.ok(a.ok && b.ok, t);
      assert.equal(b.sql.sql, a.sql.sql, t);
      assert.ok(Object.values(b.sql.params).includes('other_table.v2'));
    }
  });

  test('hostile column names appear only as parameters or quoted identifiers', () => {
    for (const q of [
      '| inputlookup evil',
      'index=main | stats count by user | lookup evil user',
      'index=main | lookup evil user OUTPUTNEW "a`b"',
    ]) {
      const r = compile(q, withLookups);
      assert.ok(r.ok, `${q}: ${JSON.stringify(!r.ok && r.errors)}`);
      const outsideIdentifiers = r.sql.sql.replace(/`(?:[^`\\]|\\.)*`/g, '').toLowerCase();
      for (const m of ['or 1=1', 'drop table']) {
        assert.ok(!outsideIdentifiers.includes(m), `${m} leaked into ${r.sql.sql}`);
      }
      const bound = q.includes('OUTPUTNEW') ? ['a`b'] : hostileColumns;
      for (const c of bound) assert.ok(Object.values(r.sql.params).includes(c), `${c} is not bound`);
    }
  });

  test('a hostile table name is a diagnostic, never SQL', () => {
    for (const name of ["users';DROP", 'a`b', '../etc/passwd']) {
      const r = compile(`| inputlookup "${name}"`, withLookups);
      assert.equal(r.ok, false, name);
    }
  });
});

describe('on the engine', () => {
  let store: Store;
  let dir: string;
  const row = (org: string, raw: string, fields: LogRow['fields']): LogRow => ({
    org_id: org,
    index: 'main',
    _time: now - 60_000,
    host: 'h',
    source: 's',
    sourcetype: 'st',
    _raw: raw,
    fields,
  });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-inject-'));
    store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
    await runMigrations(store, { retentionDays: 30 });
    await store.insertLogs([
      row('victim', 'mine', { user: 'me' }),
      row('other', "secret x' OR 1=1 --", { user: 'them' }),
    ]);
  });

  after(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('hostile searches run, return nothing of another tenant, and leave the table intact', async () => {
    for (const v of hostileValues) {
      for (const q of [
        `user="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
        `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
      ]) {
        const r = compile(q, options);
        assert.ok(r.ok);
        const res = await store.query({ sql: r.sql.sql, params: r.sql.params });
        assert.ok(
          res.rows.every((x) => !JSON.stringify(x).includes('secret')),
          q,
        );
      }
    }
    const count = await store.query({ sql: 'SELECT count() FROM logs', params: {} });
    assert.equal(Number(count.rows[0]?.[0]), 2);
  });
});
