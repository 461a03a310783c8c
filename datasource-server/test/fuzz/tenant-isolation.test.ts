// Tenant isolation: no search of one tenant returns, or is influenced by, another tenant's data.
//
// Data. Three tenants (`acme` 240 events, `globex` 270, `initech` 300) share every value a search can name:
// the indexes `main`/`web`, the hosts, users, statuses, actions, sourcetypes and sources, the same three
// hours, `key=value` pairs in `_raw`, and lookup tables of the same names (`users`, `status_codes`,
// `shadow`, whose columns are named like the storage table's own) with different contents. Each tenant
// also has a table no other has (`<org>_secrets`), and some of its events carry a structured field
// `org_id` naming another tenant. Every event (`_raw` and the field `marker`) and every lookup row of a
// tenant holds its provenance marker: a token drawn from the seed that no other tenant's data holds.
//
// Searches. A seeded grammar (test/helpers/isolation-fuzz.ts) makes 5,000 distinct searches per tenant:
// term and field searches (`org_id=<other>`, `org_id=*`, `index=*`, another tenant's marker), OR/NOT,
// stats/eventstats/streamstats/timechart/chart/top/rare/dedup/head/tail/sort, eval/where/rex/rename,
// subsearches, join (inner/left), append/appendpipe/appendcols, lookup and inputlookup of the tenant's
// tables and of table names only another tenant has, transaction, index metadata (`eventcount`,
// `metadata`, `metasearch`, `fieldsummary`, `contingency`), merged searches and datasets (`multisearch`,
// `union`, `set`, `selfjoin`, `map`, `from inputlookup:`), raw metric samples (`mpreview`), and
// generating commands (`mstats`, `tstats`, and `dbinspect`, `rest` that are not compiled), plus attempts
// to assign the tenant column (`eval org_id=…`, `rename host AS org_id`, `rex "(?<org_id>…)"`).
//
// Oracle, per search, run as its tenant through `runSpl` (what POST /query/spl runs) with a fixed now:
// 1. Every statement read only tenant tables, each filtered first by `org_id = {pN:String}` bound to the
//    tenant (the SQL text and its parameters are inspected).
// 2. No returned cell or column name holds another tenant's provenance marker (unless the search wrote
//    that text itself).
// 3. Differential: the same searches run again after the other tenants' events and lookup tables are
//    deleted; every result must be identical (columns, `truncated`, rows as a multiset, numbers to 10
//    digits), diagnostics included. A leak that changes a count, drops a row (`NOT [subsearch]`) or adds
//    one shows here even when it carries no marker.
// 4. A search fails only with a diagnostic (never a server error); the ones the grammar expects to fail
//    (`mstats` → `unsupported`, another tenant's table → `unknown lookup table`, `org_id` → reserved) fail
//    with that diagnostic and no rows.
// chDB holds one data directory per process, so each tenant's 5,000 searches run in a child process of
// their own (test/helpers/isolation-worker.ts), in parallel. At about 15 ms a search on 2 cores, the
// differential re-runs every 4th search by default; NEXUS_ISOLATION_DIFFERENTIAL_EVERY=1 re-runs all of
// them, NEXUS_ISOLATION_QUERIES and NEXUS_ISOLATION_SEED change the count (5,000 with CI=true, 500
// otherwise) and the seed,
// NEXUS_ISOLATION_NOW the fixed now (epoch milliseconds; the current minute by default).
//
// Through the Splunk REST job API too: every 10th search (NEXUS_ISOLATION_JOBS_EVERY) also runs as a search job
// of the tenant's token (src/splunk-rest/jobs.ts, which runs it through the query service): the job's results
// must equal runSpl's, what a client reads of them must hold no other tenant's marker, and no other identity
// (another tenant's token, another token of the same tenant) may find, list or delete the job.
//
// Beside the fuzzing: a sample of the searches through HTTP with one token per tenant (the identity alone
// decides the tenant), focused cases (`org_id=other`, another tenant's lookup table, `outputlookup`, a
// table with an `org_id` column), and a self-test showing each check of the oracle fails on a statement
// whose tenant filter was removed.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashToken } from '../../src/auth/tokens.ts';
import { deleteLookup, readLookup, writeLookup } from '../../src/lookups/service.ts';
import { QueryInputError, runSpl } from '../../src/query/service.ts';
import { compile } from '@nexus/spl';
import type { TestEnv } from '../helpers/env.ts';
import { testEnv } from '../helpers/env.ts';
import type { Tenant } from '../helpers/isolation-fuzz.ts';
import {
  canonicalResult,
  foreignMarkers,
  generateQueries,
  knowledgeQueries,
  makeTenants,
  sqlProblems,
  tenantEvents,
  tenantKnowledge,
  tenantLookups,
  tenantMetrics,
} from '../helpers/isolation-fuzz.ts';
import { metricsDdl } from '../helpers/metric-samples.ts';
import type { WorkerReport } from '../helpers/isolation-worker.ts';
import { runIsolationWorker } from '../helpers/isolation-worker.ts';

const SEED = Number(process.env.NEXUS_ISOLATION_SEED ?? 20_240_611);
// Full size in CI (CI=true); a tenth by default on a developer's machine (`npm run test:fuzz`).
const QUERIES = Number(process.env.NEXUS_ISOLATION_QUERIES ?? (process.env.CI === 'true' ? 5_000 : 500));
const DIFFERENTIAL_EVERY = Number(process.env.NEXUS_ISOLATION_DIFFERENTIAL_EVERY ?? 4);
// Every JOBS_EVERY-th search also runs as a Splunk REST search job (NEXUS_ISOLATION_JOBS_EVERY; 0: none).
const JOBS_EVERY = Number(process.env.NEXUS_ISOLATION_JOBS_EVERY ?? 10);
// The fixed now (whole minutes; NEXUS_ISOLATION_NOW in epoch milliseconds replays a given run).
const NOW = Number(process.env.NEXUS_ISOLATION_NOW ?? Math.floor(Date.now() / 60_000) * 60_000);
const tenants = makeTenants(SEED);
const [acme, globex, initech] = tenants as [Tenant, Tenant, Tenant];
const othersOf = (t: Tenant): Tenant[] => tenants.filter((x) => x !== t);

describe('tenant isolation: generated searches as each of three tenants', () => {
  test(`${QUERIES} searches per tenant leak nothing of the others`, { timeout: 15 * 60_000 }, async (t) => {
    const started = Date.now();
    const reports: WorkerReport[] = await Promise.all(
      tenants.map((_, tenantIndex) =>
        runIsolationWorker({
          seed: SEED,
          tenantIndex,
          queries: QUERIES,
          differentialEvery: DIFFERENTIAL_EVERY,
          jobsEvery: JOBS_EVERY,
          nowMs: NOW,
        }),
      ),
    );
    for (const r of reports) {
      t.diagnostic(
        `${r.orgId}: ${r.queries} searches, ${r.compiled} ran (${r.nonEmpty} with rows, ${r.rowsReturned} rows), ` +
          `${r.expectedDiagnostics} expected diagnostics (${r.mstats} mstats), ${r.otherDiagnostics} other diagnostics; ` +
          `${r.differential} re-run alone, ${r.jobs} as Splunk REST jobs; ${Math.round(r.sharedMs / 1000)} s + ${Math.round(r.soloMs / 1000)} s`,
      );
      for (const e of r.otherDiagnosticExamples) t.diagnostic(`  other diagnostic: ${e}`);
    }
    t.diagnostic(`wall time ${Math.round((Date.now() - started) / 1000)} s`);
    assert.deepEqual(
      reports.flatMap((r) => r.problems),
      [],
    );
    for (const r of reports) {
      assert.ok(r.queries >= QUERIES, `${r.orgId}: ${r.queries} searches`);
      // Most searches run; the diagnostics the grammar does not expect stay rare.
      assert.ok(r.compiled >= r.queries * 0.8, `${r.orgId}: only ${r.compiled} searches ran`);
      assert.ok(
        r.otherDiagnostics <= r.queries * 0.02,
        `${r.orgId}: ${r.otherDiagnostics} other diagnostics`,
      );
      assert.ok(
        r.mstats > 0 && r.nonEmpty >= r.queries / 3,
        `${r.orgId}: too few mstats or non-empty results`,
      );
      assert.ok(r.differential >= Math.floor(r.queries / DIFFERENTIAL_EVERY));
      if (JOBS_EVERY > 0)
        assert.ok(r.jobs >= Math.floor(r.queries / JOBS_EVERY) * 0.95, `${r.orgId}: ${r.jobs} jobs`);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// In process: one store with the three tenants, the app over it, one viewer token per tenant.

let env: TestEnv;
const tokens = new Map<string, string>();
const eventsOf = new Map(tenants.map((t, i) => [t.orgId, tenantEvents(t, i, tenants, NOW)]));

before(async () => {
  // No request rate limit: the searches run back to back, and on a quiet machine one tenant's went past the
  // default 100 per second (a 429 is the rate limit's answer, not isolation's). Isolation is what is tested.
  env = await testEnv({ NEXUS_RATE_LIMIT_RPS: '0' });
  await env.store.insertLogs([...eventsOf.values()].flat());
  // The shared contract's metrics table (a no-op once its migration exists), with every tenant's samples.
  await env.store.command(metricsDdl);
  await env.store.insertRows(
    'metrics',
    tenants.flatMap((t, i) => tenantMetrics(t, i, NOW)),
  );
  for (const [i, t] of tenants.entries()) {
    for (const l of tenantLookups(t, i)) await writeLookup(env.store, t.orgId, l.name, l.header, l.rows);
    const token = `tok-${t.orgId}-${t.marker}`;
    tokens.set(t.orgId, token);
    await env.store.command(
      `INSERT INTO tokens (token_hash, org_id, role, name) VALUES ({h:FixedString(64)}, {o:String}, 'viewer', {n:String})`,
      { h: hashToken(token), o: t.orgId, n: `isolation ${t.orgId}` },
    );
  }
  await env.tokens.refresh();
});

after(async () => {
  await env.close();
});

const range = { earliest: (NOW - 86_400_000) / 1000, latest: NOW / 1000 };

async function spl(orgId: string, query: string, role: 'viewer' | 'editor' = 'viewer') {
  return runSpl(env.store, orgId, { query, ...range }, { nowMs: NOW, role });
}

async function diagnostics(orgId: string, query: string): Promise<string> {
  try {
    const r = await spl(orgId, query);
    return `no diagnostic: ${r.rows.length} rows`;
  } catch (err) {
    if (err instanceof QueryInputError) return err.errors.map((e) => `${e.code}: ${e.message}`).join('; ');
    throw err;
  }
}

describe('tenant isolation over HTTP: the token decides the tenant', () => {
  async function post(token: string, query: string): Promise<Response> {
    return env.app.request('/query/spl', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, ...range }),
    });
  }

  test('`index=* | stats count` counts only the caller’s events', async () => {
    for (const t of tenants) {
      const res = await post(tokens.get(t.orgId) ?? '', 'index=* | stats count');
      assert.equal(res.status, 200);
      const body = (await res.json()) as { rows: unknown[][] };
      assert.deepEqual(body.rows, [[t.events]]);
    }
  });

  test('a sample of generated searches answers as runSpl does for that tenant, never 5xx', async () => {
    let checked = 0;
    for (const [i, t] of tenants.entries()) {
      const token = tokens.get(t.orgId) ?? '';
      const sample = generateQueries(SEED, tenants, i, 300)
        .filter((q) => !q.relative)
        .slice(0, 100);
      for (const q of sample) {
        const res = await post(token, q.spl);
        assert.ok(res.status === 200 || res.status === 400, `${res.status} for ${q.spl}`);
        const body = (await res.json()) as {
          columns: { name: string }[];
          rows: unknown[][];
          meta: { sql: string; params: Record<string, unknown>; truncated: boolean };
          errors?: unknown[];
        };
        if (res.status === 400) {
          assert.ok((body.errors ?? []).length > 0);
          continue;
        }
        assert.deepEqual(sqlProblems(body.meta.sql, body.meta.params, t.orgId), [], q.spl);
        assert.deepEqual(foreignMarkers(body, othersOf(t), q.spl), [], q.spl);
        const direct = await spl(t.orgId, q.spl);
        assert.equal(
          canonicalResult({ ...body, truncated: body.meta.truncated }),
          canonicalResult({ ...direct, truncated: direct.meta.truncated }),
          q.spl,
        );
        checked++;
      }
    }
    assert.ok(checked > 200, `${checked} searches compared`);
  });
});

describe('tenant isolation: searches that name another tenant', () => {
  test('`org_id=<other>` finds only the caller’s own events carrying such a field', async () => {
    const own = eventsOf.get(acme.orgId) ?? [];
    const expected = own.filter((e) => e.fields.org_id === globex.orgId).length;
    assert.ok(expected > 0);
    const r = await spl(acme.orgId, `org_id=${globex.orgId} | table marker`);
    assert.equal(r.rows.length, expected);
    assert.ok(r.rows.every((row) => row[0] === acme.marker));
    const star = await spl(acme.orgId, 'org_id=* | stats count');
    assert.deepEqual(star.rows, [[own.filter((e) => e.fields.org_id !== undefined).length]]);
    // Another tenant's marker as a term or a field value finds nothing.
    assert.deepEqual((await spl(acme.orgId, `${globex.marker} | stats count`)).rows, [[0]]);
    assert.deepEqual((await spl(acme.orgId, `index=* marker=${initech.marker} | stats count`)).rows, [[0]]);
  });

  test('another tenant’s lookup table is unknown: lookup, inputlookup, subsearch, join', async () => {
    for (const query of [
      `index=* | lookup ${globex.onlyTable} user OUTPUT secret`,
      `| inputlookup ${globex.onlyTable}`,
      `| inputlookup ${initech.onlyTable}.csv`,
      `index=* [| inputlookup ${globex.onlyTable} | fields user]`,
      `index=* | join user [| inputlookup ${initech.onlyTable}]`,
    ]) {
      const d = await diagnostics(acme.orgId, query);
      assert.match(d, /unknown lookup table/, query);
      // Hints ("did you mean") name only the caller's own tables.
      for (const other of othersOf(acme)) {
        if (!query.includes(other.onlyTable)) assert.ok(!d.includes(other.onlyTable), d);
      }
    }
  });

  test('a table name every tenant has reads the caller’s rows only', async () => {
    for (const [i, t] of tenants.entries()) {
      const expected = tenantLookups(t, i).find((l) => l.name === 'users');
      const r = await spl(t.orgId, '| inputlookup users');
      assert.deepEqual(
        r.rows,
        (expected?.rows ?? []).map((row) => [...row]),
      );
      const shadow = await spl(t.orgId, '| inputlookup shadow | stats count by owner');
      assert.deepEqual(shadow.rows, [[t.marker, 2 + i]]);
    }
  });

  test('`outputlookup` writes the caller’s own table, even under another tenant’s table name', async () => {
    const before = await readLookup(env.store, globex.orgId, globex.onlyTable);
    const r = await spl(
      acme.orgId,
      `index=web | stats count by host | outputlookup ${globex.onlyTable}`,
      'editor',
    );
    assert.equal(r.meta.lookup?.name, globex.onlyTable);
    assert.deepEqual(await readLookup(env.store, globex.orgId, globex.onlyTable), before);
    const mine = await spl(acme.orgId, `| inputlookup ${globex.onlyTable}`);
    assert.deepEqual(
      mine.columns.map((c) => c.name),
      ['host', 'count'],
    );
    assert.ok(await deleteLookup(env.store, acme.orgId, globex.onlyTable));
  });

  test('no command can make a field named `org_id`, `_fields` or `_series`', async () => {
    await writeLookup(
      env.store,
      acme.orgId,
      'hostile',
      ['org_id', 'user', 'owner'],
      [[globex.orgId, 'alice', acme.marker]],
    );
    try {
      for (const query of [
        `index=* | eval org_id="${acme.orgId}"`,
        'index=* | rename host AS org_id',
        'index=* | rex "(?<org_id>\\w+)"',
        'index=* | stats count AS org_id by host',
        'index=* | streamstats count AS org_id',
        'index=* | rename host AS _fields | table user',
        'index=* | rename host AS _series | table _series',
        'index=* | stats count AS _series by host',
        '| inputlookup hostile',
        'index=* | lookup hostile user',
        'index=* | lookup users user OUTPUT dept AS org_id',
        `index=* | join host [search index=web | rename user AS org_id | fields host org_id]`,
      ]) {
        assert.match(await diagnostics(acme.orgId, query), /`(org_id|_fields|_series)` is reserved/, query);
      }
      // Keyed on such a column, with other outputs, the table is usable (and only the caller's).
      const r = await spl(
        acme.orgId,
        `index=* org_id=${globex.orgId} | lookup hostile org_id OUTPUT owner | table owner`,
      );
      const own = eventsOf.get(acme.orgId) ?? [];
      assert.equal(r.rows.length, own.filter((e) => e.fields.org_id === globex.orgId).length);
      // One match: the caller's own row, shown as a single value.
      assert.ok(r.rows.every((row) => JSON.stringify(row) === JSON.stringify([acme.marker])));
    } finally {
      await deleteLookup(env.store, acme.orgId, 'hostile');
    }
  });

  test('mstats: WHERE org_id= and BY org_id are diagnostics, never a filter', async () => {
    for (const query of [
      `| mstats count(_value) WHERE index=* AND org_id=${globex.orgId}`,
      `| mstats count(_value) WHERE index=* OR org_id=${globex.orgId}`,
      '| mstats count(_value) WHERE index=* BY org_id',
    ]) {
      assert.match(await diagnostics(acme.orgId, query), /^semantic: `org_id` is the tenant/, query);
    }
  });
});

describe('the oracle fails on a statement without the tenant filter', () => {
  /** `query` compiled for acme, run as written and with its tenant filter replaced by `true`. */
  async function tampered(query: string) {
    const c = compile(query, { orgId: acme.orgId, earliestMs: NOW - 86_400_000, latestMs: NOW, nowMs: NOW });
    assert.ok(c.ok);
    const open = c.sql.sql.replaceAll(/`org_id` = \{p\d+:String\}/g, 'true');
    assert.notEqual(open, c.sql.sql);
    const right = await env.store.query({ sql: c.sql.sql, params: c.sql.params });
    const wrong = await env.store.query({ sql: open, params: c.sql.params });
    return { sql: open, params: c.sql.params, right, wrong };
  }

  test('the SQL check, the marker scan and the differential each catch it', async () => {
    const raw = await tampered('index=* | table _time host marker');
    assert.ok(sqlProblems(raw.sql, raw.params, acme.orgId).length > 0);
    assert.deepEqual(foreignMarkers(raw.right, othersOf(acme), ''), []);
    assert.deepEqual(
      foreignMarkers(raw.wrong, othersOf(acme), '').sort(),
      [globex.marker, initech.marker].sort(),
    );

    // An aggregate carries no marker: only the differential sees the other tenants' events in it.
    const counts = await tampered('index=* | stats count by host');
    assert.deepEqual(foreignMarkers(counts.wrong, othersOf(acme), ''), []);
    assert.notEqual(canonicalResult(counts.wrong), canonicalResult(counts.right));
    // A filter bound to another tenant is caught too.
    const c = compile('index=*', { orgId: globex.orgId, earliestMs: 0, latestMs: NOW, nowMs: NOW });
    assert.ok(c.ok);
    assert.match(sqlProblems(c.sql.sql, c.sql.params, acme.orgId).join(), /filtered by org "globex"/);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Knowledge objects per tenant (issue 25): each tenant uploads its own eventtypes, tags, props and data models
// through the admin API, under names every tenant uses (with different definitions) and names only it has.
// Oracle: the searches (seeded, through POST /query/spl with the tenant's token) return the same results when
// the other tenants' knowledge objects are deleted; naming another tenant's own objects finds nothing (or an
// unknown data model); and deleting the tenant's own objects changes results (the objects were applied).

const KNOWLEDGE_QUERIES = Number(process.env.NEXUS_ISOLATION_KNOWLEDGE_QUERIES ?? 60);

describe('tenant isolation: knowledge objects per tenant', () => {
  const admins = new Map<string, string>();
  const queriesOf = new Map(
    tenants.map((t, i) => [t.orgId, knowledgeQueries(SEED, tenants, i, KNOWLEDGE_QUERIES)]),
  );

  async function admin(t: Tenant, method: string, path: string, body?: string): Promise<void> {
    const res = await env.app.request(path, {
      method,
      headers: { Authorization: `Bearer ${admins.get(t.orgId) ?? ''}`, 'Content-Type': 'text/plain' },
      ...(body === undefined ? {} : { body }),
    });
    assert.ok(res.status < 300, `${method} ${path} for ${t.orgId}: ${res.status} ${await res.text()}`);
  }
  async function upload(t: Tenant): Promise<void> {
    const k = tenantKnowledge(t, tenants.indexOf(t));
    for (const [kind, text] of Object.entries(k.conf))
      await admin(t, 'PUT', `/admin/knowledge/${kind}`, text);
    for (const [name, json] of Object.entries(k.datamodels))
      await admin(t, 'PUT', `/admin/knowledge/datamodels/${name}`, json);
  }
  async function remove(t: Tenant): Promise<void> {
    const k = tenantKnowledge(t, tenants.indexOf(t));
    for (const kind of Object.keys(k.conf)) await admin(t, 'DELETE', `/admin/knowledge/${kind}`);
    for (const name of Object.keys(k.datamodels))
      await admin(t, 'DELETE', `/admin/knowledge/datamodels/${name}`);
  }
  /** Each search of `t` as `t`'s viewer: its canonical result, or `error: <message>` (unexpected ones fail when `strict`). */
  async function runAll(t: Tenant, strict = true): Promise<string[]> {
    const out: string[] = [];
    for (const q of queriesOf.get(t.orgId) ?? []) {
      const res = await env.app.request('/query/spl', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokens.get(t.orgId) ?? ''}` },
        body: JSON.stringify({ query: q.spl, ...range }),
      });
      assert.ok(res.status === 200 || res.status === 400, `${res.status} for ${q.spl}`);
      const body = (await res.json()) as {
        columns: { name: string }[];
        rows: unknown[][];
        meta: { sql: string; params: Record<string, unknown>; truncated: boolean };
        errors?: { message: string }[];
      };
      if (res.status === 400) {
        const message = (body.errors ?? []).map((e) => e.message).join('; ');
        if (q.foreign && 'error' in q.foreign) assert.match(message, q.foreign.error, q.spl);
        else if (strict) assert.fail(`${q.spl}: ${message}`);
        out.push(`error: ${message}`);
        continue;
      }
      assert.deepEqual(sqlProblems(body.meta.sql, body.meta.params, t.orgId), [], q.spl);
      assert.deepEqual(foreignMarkers(body, othersOf(t), q.spl), [], q.spl);
      if (q.foreign && strict) assert.deepEqual(body.rows, [[0]], `${q.spl} names another tenant's object`);
      out.push(canonicalResult({ ...body, truncated: body.meta.truncated }));
    }
    return out;
  }

  before(async () => {
    for (const t of tenants) {
      const token = `adm-${t.orgId}-${t.marker}`;
      admins.set(t.orgId, token);
      await env.store.command(
        `INSERT INTO tokens (token_hash, org_id, role, name) VALUES ({h:FixedString(64)}, {o:String}, 'admin', {n:String})`,
        { h: hashToken(token), o: t.orgId, n: `isolation admin ${t.orgId}` },
      );
    }
    await env.tokens.refresh();
  });

  test(
    `${KNOWLEDGE_QUERIES} searches per tenant over its knowledge objects: no other tenant's apply`,
    { timeout: 10 * 60_000 },
    async (t) => {
      for (const x of tenants) await upload(x);
      const shared = new Map<string, string[]>();
      for (const x of tenants) shared.set(x.orgId, await runAll(x));
      let changedByOwn = 0;
      for (const x of tenants) {
        // Only x's knowledge objects: x's results must not change.
        for (const o of othersOf(x)) await remove(o);
        const solo = await runAll(x);
        const all = shared.get(x.orgId) ?? [];
        solo.forEach((r, i) =>
          assert.equal(r, all[i], `${x.orgId}: ${queriesOf.get(x.orgId)?.[i]?.spl ?? ''}`),
        );
        // Without x's own objects too: results change (the objects were applied, so the check above can fail).
        await remove(x);
        const none = await runAll(x, false);
        changedByOwn += none.filter((r, i) => r !== all[i]).length;
        for (const y of tenants) await upload(y);
      }
      t.diagnostic(
        `${changedByOwn} of ${tenants.length * KNOWLEDGE_QUERIES} searches change without the tenant's own objects`,
      );
      assert.ok(
        changedByOwn >= KNOWLEDGE_QUERIES,
        `only ${changedByOwn} searches depend on the knowledge objects`,
      );
    },
  );
});
