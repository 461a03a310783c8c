// Splunk-style search jobs: asynchronous searches through the query service, results kept in memory for a TTL.

import { randomUUID } from 'node:crypto';
import type { Identity } from '../auth/types.ts';
import { startSearch } from '../query/execute.ts';
import type { SearchDeps } from '../query/execute.ts';
import { QueryForbiddenError, QueryInputError } from '../query/service.ts';
import type { SplRequest, SplResponse } from '../query/service.ts';
import { QueryCancelledError } from '../store/index.ts';

/** Splunk's `dispatchState`; Nexus uses RUNNING, DONE and FAILED (a job is created already parsed). */
export type DispatchState = 'QUEUED' | 'PARSING' | 'RUNNING' | 'FINALIZING' | 'DONE' | 'FAILED';

/** A message of a job or a response, in Splunk's `messages` shape. */
export interface JobMessage {
  readonly type: 'FATAL' | 'ERROR' | 'WARN' | 'INFO';
  readonly text: string;
}

/** The rows a job keeps: the query service's columns and rows, as `/query/spl` returns them. */
export type JobResult = Pick<SplResponse, 'columns' | 'rows'>;

export interface Job {
  readonly sid: string;
  /** Who may see the job: the token (or the OIDC subject) that made it, see {@link ownerOf}. */
  readonly owner: string;
  readonly orgId: string;
  readonly author: string;
  /** The search as the client sent it, and the request that ran. */
  readonly search: string;
  readonly request: SplRequest;
  readonly createdMs: number;
  /** The statement's id (admin API, audit log, KILL QUERY). */
  readonly queryId: string;
  state: DispatchState;
  doneMs: number | undefined;
  finalized: boolean;
  result: JobResult | undefined;
  /** The search had more results than it kept (`max_count`, the row limit). */
  truncated: boolean;
  /** Rows ClickHouse read (Splunk's `scanCount`). */
  rowsRead: number;
  /** The earliest and latest times the search covered (ISO), once known. */
  earliest: string | null;
  latest: string | null;
  messages: JobMessage[];
  ttlSeconds: number;
  /** When a finished job is forgotten; undefined while it runs. */
  expiresMs: number | undefined;
  /** Estimated bytes of `result` in this process's heap. */
  bytes: number;
  readonly controller: AbortController;
  /** Settles when the job stops running (however it stops). */
  readonly settled: Promise<void>;
}

/** A job request that cannot be served: becomes `status` with Splunk's `messages`. */
export class JobError extends Error {
  override readonly name = 'JobError';
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 503,
    message: string,
  ) {
    super(message);
  }
}

export interface JobServiceOptions {
  readonly search: SearchDeps;
  /** Seconds a finished job is kept (Splunk's default `ttl` is 600). */
  readonly ttlSeconds?: number;
  /** Heap bytes all of one org's job results may take (default 64 MiB). */
  readonly maxBytesPerOrg?: number;
  /** Heap bytes all jobs' results may take (default 256 MiB). */
  readonly maxBytes?: number;
  /** Jobs one owner may hold, running or kept (default 100). */
  readonly maxJobsPerOwner?: number;
  readonly now?: () => number;
}

export const DEFAULT_JOB_TTL_SECONDS = 600;
const MAX_TTL_SECONDS = 86_400;
const SID = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * Whose job it is: a service token's id, or the org and subject of an OIDC identity. Session keys from
 * `/services/auth/login` verify to the identity of the token they were made from, so they share its jobs.
 */
export function ownerOf(identity: Identity): string {
  return identity.tokenId !== undefined
    ? `token:${identity.tokenId}`
    : `${identity.via}:${identity.orgId}:${identity.subject}`;
}

const MiB = 1024 * 1024;

/**
 * Estimated V8 heap bytes of a result's rows: per row its pointer, the array object and its elements' header, and
 * per cell a pointer plus the value (a string's header and characters, a boxed number, a nested array). Calibrated against heap measurements of log rows
 * (bench/splunk-jobs-memory.ts); it errs on the high side so the budget is not overrun.
 */
export function estimateBytes(rows: readonly unknown[][]): number {
  const value = (v: unknown): number => {
    if (typeof v === 'string') return 24 + v.length * (/[\u0100-\uffff]/.test(v) ? 2 : 1);
    if (Array.isArray(v)) return 32 + v.reduce((n: number, x) => n + 8 + value(x), 0);
    if (v !== null && typeof v === 'object') return 24 + JSON.stringify(v).length * 2;
    return 16;
  };
  let bytes = 0;
  for (const row of rows) {
    bytes += 56;
    for (const v of row) bytes += 8 + value(v);
  }
  return bytes;
}

/**
 * The jobs of every token, in memory. Each job runs through `startSearch` (the query service's guardrails,
 * concurrency slots and audit log); its results stay for `ttl` seconds after it finishes, within a byte budget
 * per org and overall. A job is found only with the owner that made it: any other token gets "not found".
 *
 * @example
 * const job = await jobs.create(identity, { search: 'search index=web | stats count' });
 * await job.settled; jobs.get(identity, job.sid)?.result
 */
export class JobService {
  private readonly jobs = new Map<string, Job>();
  private readonly ttlSeconds: number;
  private readonly maxBytesPerOrg: number;
  private readonly maxBytes: number;
  private readonly maxJobsPerOwner: number;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly opts: JobServiceOptions) {
    this.ttlSeconds = opts.ttlSeconds ?? DEFAULT_JOB_TTL_SECONDS;
    this.maxBytesPerOrg = opts.maxBytesPerOrg ?? 64 * MiB;
    this.maxBytes = opts.maxBytes ?? 256 * MiB;
    this.maxJobsPerOwner = opts.maxJobsPerOwner ?? 100;
    this.now = opts.now ?? Date.now;
    this.sweeper = setInterval(() => this.sweep(), 30_000);
    this.sweeper.unref();
  }

  private static key(owner: string, sid: string): string {
    return `${owner}\u0000${sid}`;
  }

  /**
   * Starts a job and resolves once its search compiled (or failed to). A search the compiler rejects, or the
   * caller's role may not run, throws (`QueryInputError`, `QueryForbiddenError`) and leaves no job;
   * `TooManyQueriesError` when the org runs as many searches as it may.
   */
  async create(
    identity: Identity,
    req: SplRequest,
    opts: { id?: string; ttlSeconds?: number } = {},
  ): Promise<Job> {
    this.sweep();
    const owner = ownerOf(identity);
    const sid = opts.id ?? `${Math.floor(this.now() / 1000)}.${randomUUID()}`;
    if (!SID.test(sid)) {
      throw new JobError(400, `Search ID "${sid.slice(0, 140)}" has characters other than A-Z a-z 0-9 _ . -`);
    }
    if (this.jobs.has(JobService.key(owner, sid))) {
      throw new JobError(409, `Search ID "${sid}" already exists`);
    }
    const held = [...this.jobs.values()].filter((j) => j.owner === owner).length;
    if (held >= this.maxJobsPerOwner) {
      throw new JobError(
        503,
        `Search not executed: this token already holds ${held} jobs (the most it may); delete some or wait for them to expire`,
      );
    }
    const ttl = opts.ttlSeconds ?? this.ttlSeconds;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) {
      throw new JobError(400, `timeout must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}`);
    }
    const controller = new AbortController();
    let compiled!: () => void;
    const whenCompiled = new Promise<void>((resolve) => (compiled = resolve));
    const started = await startSearch(this.opts.search, identity, req, {
      signal: controller.signal,
      onCompiled: () => compiled(),
      // The service's clock is the search's `now` (relative times, `now()`), as it is for the job's TTL.
      nowMs: this.now(),
    });
    let settle!: () => void;
    const job: Job = {
      sid,
      owner,
      orgId: identity.orgId,
      author: identity.subject,
      search: req.query,
      request: req,
      createdMs: this.now(),
      queryId: started.queryId,
      state: 'RUNNING',
      doneMs: undefined,
      finalized: false,
      result: undefined,
      truncated: false,
      rowsRead: 0,
      earliest: null,
      latest: null,
      messages: [],
      ttlSeconds: ttl,
      expiresMs: undefined,
      bytes: 0,
      controller,
      settled: new Promise<void>((resolve) => (settle = resolve)),
    };
    this.jobs.set(JobService.key(owner, sid), job);
    const outcome = started.result.then(
      (r) => this.finish(job, r),
      (err: unknown) => this.fail(job, err),
    );
    void outcome.finally(() => settle());
    // A search that does not compile is a bad request, as in Splunk: no job is left behind.
    const early = await Promise.race([
      whenCompiled.then(() => undefined),
      started.result.then(
        () => undefined,
        (err: unknown) => err,
      ),
    ]);
    if (early instanceof QueryForbiddenError || (early instanceof QueryInputError && early.status === 400)) {
      this.jobs.delete(JobService.key(owner, sid));
      throw early;
    }
    return job;
  }

  private finish(job: Job, r: SplResponse): void {
    if (this.jobs.get(JobService.key(job.owner, job.sid)) !== job) return; // cancelled or deleted
    job.rowsRead = r.meta.rowsRead;
    job.earliest = r.meta.earliest;
    job.latest = r.meta.latest;
    // The search's own messages (the expression `erex` learned), where Splunk shows them: the job's.
    for (const m of r.meta.messages ?? []) job.messages.push({ type: 'INFO', text: m.text });
    const bytes = estimateBytes(r.rows);
    this.sweep();
    const org = this.bytesOf((j) => j.orgId === job.orgId);
    const all = this.bytesOf(() => true);
    if (org + bytes > this.maxBytesPerOrg || all + bytes > this.maxBytes) {
      const room = Math.min(this.maxBytesPerOrg - org, this.maxBytes - all);
      job.state = 'FAILED';
      job.messages.push({
        type: 'FATAL',
        text: `The search's ${r.rows.length} results (about ${Math.ceil(bytes / MiB)} MiB) do not fit the memory left for job results (${Math.max(0, Math.floor(room / MiB))} MiB): use /services/search/jobs/export, lower max_count, or delete finished jobs`,
      });
    } else {
      job.result = { columns: r.columns, rows: r.rows };
      job.bytes = bytes;
      job.state = 'DONE';
      job.truncated = r.meta.truncated;
      if (r.meta.truncated) {
        job.messages.push({
          type: 'WARN',
          text: `The search has more than ${r.rows.length} results; only the first ${r.rows.length} are kept (max_count)`,
        });
      }
    }
    this.stop(job);
  }

  private fail(job: Job, err: unknown): void {
    if (this.jobs.get(JobService.key(job.owner, job.sid)) !== job) return;
    if (job.finalized && err instanceof QueryCancelledError) {
      // Finalized while running: ClickHouse returns no partial result, so the job ends with none.
      job.result = { columns: [], rows: [] };
      job.state = 'DONE';
      job.messages.push({
        type: 'INFO',
        text: 'The search was finalized before it finished; Nexus keeps no partial results',
      });
    } else {
      job.state = 'FAILED';
      job.messages.push({ type: 'FATAL', text: failureText(err) });
    }
    this.stop(job);
  }

  private stop(job: Job): void {
    job.doneMs = this.now();
    job.expiresMs = job.doneMs + job.ttlSeconds * 1000;
  }

  private bytesOf(which: (j: Job) => boolean): number {
    let n = 0;
    for (const j of this.jobs.values()) if (which(j)) n += j.bytes;
    return n;
  }

  /** The caller's job `sid`, or undefined (another token's job is not found either). */
  get(identity: Identity, sid: string): Job | undefined {
    const job = this.jobs.get(JobService.key(ownerOf(identity), sid));
    if (job?.expiresMs !== undefined && job.expiresMs <= this.now()) {
      this.jobs.delete(JobService.key(job.owner, job.sid));
      return undefined;
    }
    return job;
  }

  /** The caller's jobs, newest first. */
  list(identity: Identity): Job[] {
    this.sweep();
    const owner = ownerOf(identity);
    return [...this.jobs.values()].filter((j) => j.owner === owner).sort((a, b) => b.createdMs - a.createdMs);
  }

  /** Splunk's `cancel` and `DELETE`: kills the ClickHouse statement if it runs, and forgets the job. */
  remove(identity: Identity, sid: string): boolean {
    const job = this.get(identity, sid);
    if (!job) return false;
    this.jobs.delete(JobService.key(job.owner, job.sid));
    job.controller.abort(new QueryCancelledError('the search job was cancelled'));
    return true;
  }

  /** Splunk's `finalize`: stops a running search; the job ends DONE (with no partial results). */
  finalize(identity: Identity, sid: string): boolean {
    const job = this.get(identity, sid);
    if (!job) return false;
    if (job.state === 'RUNNING') {
      job.finalized = true;
      job.state = 'FINALIZING';
      job.controller.abort(new QueryCancelledError('the search job was finalized'));
    }
    return true;
  }

  /** Splunk's `touch` and `setttl`: the job is kept `ttl` seconds from now (its own TTL when absent). */
  touch(identity: Identity, sid: string, ttlSeconds?: number): boolean {
    const job = this.get(identity, sid);
    if (!job) return false;
    if (ttlSeconds !== undefined) {
      if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
        throw new JobError(400, `ttl must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}`);
      }
      job.ttlSeconds = ttlSeconds;
    }
    if (job.expiresMs !== undefined) job.expiresMs = this.now() + job.ttlSeconds * 1000;
    return true;
  }

  /** Forgets finished jobs past their TTL. */
  sweep(): void {
    const now = this.now();
    for (const [k, j] of this.jobs) if (j.expiresMs !== undefined && j.expiresMs <= now) this.jobs.delete(k);
  }

  /** Stops every running job and forgets all (shutdown). */
  close(): void {
    clearInterval(this.sweeper);
    for (const j of this.jobs.values())
      j.controller.abort(new QueryCancelledError('the service is stopping'));
    this.jobs.clear();
  }
}

/** The text of a failed job's FATAL message (a diagnostic keeps its position). */
export function failureText(err: unknown): string {
  if (err instanceof QueryInputError) {
    return err.errors
      .map((e) =>
        e.start === e.end && e.start === 0 ? e.message : `${e.message} (line ${e.line}, column ${e.column})`,
      )
      .join('; ');
  }
  if (err instanceof QueryCancelledError) return 'The search was cancelled';
  return 'The search failed in the engine; the server log has the details';
}
