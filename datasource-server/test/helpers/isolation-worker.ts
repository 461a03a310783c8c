// One tenant's part of the tenant-isolation fuzz test, in a child process of its own (chDB allows one
// data directory per process, so the three tenants run in parallel only as three processes). See
// test/tenant-isolation.test.ts for the oracle. Started by `runIsolationWorker`; answers with a
// `WorkerReport` over IPC.

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeLookup } from '../../src/lookups/service.ts';
import type { Identity } from '../../src/auth/types.ts';
import { RunningQueries } from '../../src/query/running.ts';
import { QueryInputError, runSpl } from '../../src/query/service.ts';
import { JobService } from '../../src/splunk-rest/jobs.ts';
import { splunkResults } from '../../src/splunk-rest/results-format.ts';
import type { SplResponse } from '../../src/query/service.ts';
import type { Store } from '../../src/store/index.ts';
import { TENANT_TABLES } from '../../src/store/row-policy.ts';
import { openFixtureStore } from './fixture-store.ts';
import { metricsDdl } from './metric-samples.ts';
import type { GeneratedQuery, Tenant } from './isolation-fuzz.ts';
import * as fuzz from './isolation-fuzz.ts';

export interface WorkerTask {
  readonly seed: number;
  readonly tenantIndex: number;
  readonly queries: number;
  /** Re-run every `differentialEvery`-th search on the tenant's data alone (1: every search). */
  readonly differentialEvery: number;
  /** Also run every `jobsEvery`-th search as a Splunk REST job (src/splunk-rest/jobs.ts); 0: none. */
  readonly jobsEvery?: number;
  readonly nowMs: number;
}

export interface WorkerReport {
  readonly orgId: string;
  readonly queries: number;
  /** Searches that ran and returned a result. */
  readonly compiled: number;
  /** Searches that failed with the diagnostic the grammar expected (mstats, another tenant's table …). */
  readonly expectedDiagnostics: number;
  /** Searches that failed with a diagnostic the grammar did not expect (a grammar or compiler limit). */
  readonly otherDiagnostics: number;
  readonly otherDiagnosticExamples: readonly string[];
  /** `mstats` searches (run on the `metrics` table, or refused when they name `org_id`). */
  readonly mstats: number;
  readonly rowsReturned: number;
  readonly nonEmpty: number;
  /** Searches re-run on the tenant's data alone, and the time both passes took. */
  readonly differential: number;
  readonly sharedMs: number;
  readonly soloMs: number;
  /** Searches also run as Splunk REST jobs, and checked against runSpl and against other tokens. */
  readonly jobs: number;
  /** Everything the oracle found: leaks, wrong diagnostics, server errors. Empty when isolated. */
  readonly problems: readonly string[];
}

type Outcome =
  | { readonly kind: 'rows'; readonly result: SplResponse }
  | { readonly kind: 'diagnostic'; readonly codes: string[]; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

async function run(store: Store, orgId: string, q: GeneratedQuery, nowMs: number): Promise<Outcome> {
  try {
    return { kind: 'rows', result: await runSpl(store, orgId, { query: q.spl }, { nowMs, role: 'viewer' }) };
  } catch (err) {
    if (err instanceof QueryInputError) {
      return {
        kind: 'diagnostic',
        codes: err.errors.map((e) => e.code),
        message: err.errors.map((e) => e.message).join('; '),
      };
    }
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}

const summary = (o: Outcome): string =>
  o.kind === 'rows'
    ? fuzz.canonicalResult({ ...o.result, truncated: o.result.meta.truncated })
    : `${o.kind}: ${o.message}`;

const viewer = (orgId: string, tokenId: string): Identity => ({
  orgId,
  role: 'viewer',
  subject: `isolation ${tokenId}`,
  via: 'token',
  tokenId,
});

/**
 * Runs `q` as a Splunk REST job of `self` and checks it: the job answers what `runSpl` answered (`expected`,
 * its summary), what a client reads of it holds no other tenant's marker, and no other identity (a token of
 * another tenant, another token of the same tenant) finds, lists or deletes it. Returns the problems.
 */
async function checkJob(
  jobs: JobService,
  self: Tenant,
  others: readonly Tenant[],
  q: GeneratedQuery,
  expected: Outcome,
): Promise<string[]> {
  const owner = viewer(self.orgId, `${self.orgId}-jobs`);
  const strangers = [
    viewer(self.orgId, `${self.orgId}-other`),
    ...others.map((o) => viewer(o.orgId, `${o.orgId}-jobs`)),
  ];
  const problems: string[] = [];
  let job;
  try {
    job = await jobs.create(owner, { query: q.spl });
  } catch (err) {
    if (expected.kind === 'diagnostic' && err instanceof QueryInputError) return [];
    return [
      `the job was refused (${err instanceof Error ? err.message : String(err)}) where runSpl gave ${expected.kind}`,
    ];
  }
  for (const s of strangers) {
    if (jobs.get(s, job.sid) || jobs.list(s).some((j) => j.sid === job.sid) || jobs.remove(s, job.sid)) {
      problems.push(`LEAK: ${s.orgId}/${s.tokenId ?? ''} reaches the job of ${self.orgId}`);
    }
  }
  await job.settled;
  if (job.state !== 'DONE' || !job.result) {
    if (expected.kind !== 'diagnostic')
      problems.push(
        `the job ${job.state} (${job.messages.map((m) => m.text).join('; ')}) where runSpl gave ${expected.kind}`,
      );
  } else if (expected.kind !== 'rows') {
    problems.push(`the job returned ${job.result.rows.length} rows where runSpl gave ${expected.kind}`);
  } else {
    const got = fuzz.canonicalResult({ ...job.result, truncated: job.truncated });
    if (got !== summary(expected))
      problems.push(`the job's results differ from runSpl's\n    job: ${got.slice(0, 300)}`);
    const seen = splunkResults(job.result, { offset: 0, count: 0 });
    const foreign = fuzz.foreignMarkers({ columns: [...seen.fields], rows: [...seen.rows] }, others, q.spl);
    if (foreign.length > 0)
      problems.push(`LEAK: the job's results hold other tenants' data: ${foreign.join(', ')}`);
  }
  jobs.remove(owner, job.sid);
  return problems;
}

/** Runs the task in this process (the worker's body; also callable in-process). */
export async function isolationTask(task: WorkerTask): Promise<WorkerReport> {
  const tenants = fuzz.makeTenants(task.seed);
  const self = tenants[task.tenantIndex];
  if (!self) throw new Error(`no tenant ${task.tenantIndex}`);
  const others = tenants.filter((t) => t !== self);
  const events = tenants.flatMap((t, i) => fuzz.tenantEvents(t, i, tenants, task.nowMs));
  const { store, close } = await openFixtureStore(events);
  const problems: string[] = [];
  const problem = (q: GeneratedQuery, what: string): void => {
    if (problems.length < 50) problems.push(`${self.orgId}: ${what}\n    ${q.spl}`);
  };
  try {
    // The shared contract's table (a no-op once its migration exists), with every tenant's samples.
    await store.command(metricsDdl);
    await store.insertRows(
      'metrics',
      tenants.flatMap((t, i) => fuzz.tenantMetrics(t, i, task.nowMs)),
    );
    for (const [i, t] of tenants.entries()) {
      for (const l of fuzz.tenantLookups(t, i)) {
        await writeLookup(store, t.orgId, l.name, l.header, l.rows, { nowMs: task.nowMs });
      }
    }
    const queries = fuzz.generateQueries(task.seed, tenants, task.tenantIndex, task.queries);
    let compiled = 0;
    let expectedDiagnostics = 0;
    let otherDiagnostics = 0;
    const otherDiagnosticExamples: string[] = [];
    let mstats = 0;
    let rowsReturned = 0;
    let nonEmpty = 0;
    const shared: string[] = [];
    const jobsEvery = task.jobsEvery ?? 0;
    const jobService = new JobService({
      search: { store, running: new RunningQueries() },
      now: () => task.nowMs,
    });
    let jobs = 0;

    // Pass 1: every search as this tenant, with all three tenants' data in the store.
    let started = performance.now();
    for (const [i, q] of queries.entries()) {
      const o = await run(store, self.orgId, q, task.nowMs);
      shared.push(summary(o));
      if (jobsEvery > 0 && i % jobsEvery === 0 && o.kind !== 'error') {
        jobs++;
        for (const p of await checkJob(jobService, self, others, q, o)) problem(q, p);
      }
      if (o.kind === 'error') {
        problem(q, `failed without a diagnostic (a server error): ${o.message.slice(0, 300)}`);
        continue;
      }
      if (/^\|\s*mstats\b/.test(q.spl)) mstats++;
      if (o.kind === 'diagnostic') {
        if (q.expect.kind === 'error') {
          expectedDiagnostics++;
          if (!q.expect.message.test(o.message)) {
            problem(q, `expected a diagnostic matching ${String(q.expect.message)}, got: ${o.message}`);
          }
        } else {
          otherDiagnostics++;
          if (otherDiagnosticExamples.length < 10) otherDiagnosticExamples.push(`${q.spl}  →  ${o.message}`);
        }
        continue;
      }
      if (q.expect.kind === 'error') {
        problem(
          q,
          `expected a diagnostic matching ${String(q.expect.message)}, got ${o.result.rows.length} rows`,
        );
      }
      compiled++;
      rowsReturned += o.result.rows.length;
      if (o.result.rows.length > 0) nonEmpty++;
      for (const p of fuzz.sqlProblems(o.result.meta.sql, o.result.meta.params, self.orgId))
        problem(q, `SQL: ${p}`);
      const foreign = fuzz.foreignMarkers(o.result, others, q.spl);
      if (foreign.length > 0) problem(q, `LEAK: the result holds other tenants' data: ${foreign.join(', ')}`);
    }
    const sharedMs = performance.now() - started;
    jobService.close();

    // Pass 2: the other tenants' data gone (logs and lookup tables), the same searches must answer the same.
    await removeTenants(store, others);
    // Their metric samples too (`metrics` joins removeTenants' tables with the metrics migration).
    await store.command('DELETE FROM metrics WHERE org_id IN {orgs:Array(String)}', {
      orgs: others.map((t) => t.orgId),
    });
    started = performance.now();
    let differential = 0;
    for (const [i, q] of queries.entries()) {
      if (i % task.differentialEvery !== 0) continue;
      differential++;
      const solo = summary(await run(store, self.orgId, q, task.nowMs));
      const before = shared[i] ?? '';
      if (solo !== before) {
        problem(
          q,
          `LEAK: the result changes with other tenants' data\n    alone: ${solo.slice(0, 400)}\n    with others: ${before.slice(0, 400)}`,
        );
      }
    }
    const soloMs = performance.now() - started;
    return {
      orgId: self.orgId,
      queries: queries.length,
      compiled,
      expectedDiagnostics,
      otherDiagnostics,
      otherDiagnosticExamples,
      mstats,
      rowsReturned,
      nonEmpty,
      differential,
      sharedMs,
      soloMs,
      jobs,
      problems,
    };
  } finally {
    await close();
  }
}

/** Deletes the tenants' events, metrics and lookup tables, and checks they are gone. */
export async function removeTenants(store: Store, tenants: readonly Tenant[]): Promise<void> {
  const orgs = tenants.map((t) => t.orgId);
  for (const table of TENANT_TABLES) {
    await store.command(`DELETE FROM ${table} WHERE org_id IN {orgs:Array(String)}`, { orgs });
    const left = await store.query({
      sql: `SELECT count() FROM ${table} WHERE org_id IN {orgs:Array(String)}`,
      params: { orgs },
    });
    if (Number(left.rows[0]?.[0]) !== 0) throw new Error(`${table} still holds rows of ${orgs.join(', ')}`);
  }
}

/** Runs `task` in a child process (its own chDB data directory) and resolves with its report. */
export function runIsolationWorker(task: WorkerTask): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(task)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: WorkerReport | undefined;
    child.on('message', (m) => {
      report = m as WorkerReport;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (report && code === 0) resolve(report);
      else reject(new Error(`the isolation worker for tenant ${task.tenantIndex} exited with ${code}`));
    });
  });
}

// As a child process: run the task given as the first argument and send the report to the parent.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const task = JSON.parse(process.argv[2] ?? '{}') as WorkerTask;
  const report = await isolationTask(task);
  process.send(report, () => process.exit(0));
}
