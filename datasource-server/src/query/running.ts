// The searches running in this process: per-tenant concurrency limits, and a list admins can see and kill.

/** The tenant already runs as many searches as it may: becomes 429 with Retry-After. */
export class TooManyQueriesError extends Error {
  override readonly name = 'TooManyQueriesError';
  constructor(readonly limit: number) {
    super(`this organisation already runs ${limit} searches at once; retry when one finishes`);
  }
}

/** The abort reason of a search an administrator stopped. */
export class QueryKilledError extends Error {
  override readonly name = 'QueryKilledError';
  constructor(readonly by: string) {
    super(`the search was stopped by an administrator (${by})`);
  }
}

export interface RunningQuery {
  readonly queryId: string;
  readonly orgId: string;
  readonly subject: string;
  readonly spl: string;
  readonly startedAt: string;
  readonly elapsedMs: number;
}

interface Entry {
  readonly info: Omit<RunningQuery, 'elapsedMs' | 'startedAt'>;
  readonly startedMs: number;
  readonly controller: AbortController;
}

export interface QueryHandle {
  /** Aborts when the caller goes away or an administrator kills the search. */
  readonly signal: AbortSignal;
  /** Set when an administrator stopped the search. */
  readonly killed: QueryKilledError | undefined;
  /** Must be called when the search ends, however it ends. */
  finish(): void;
}

export class RunningQueries {
  private readonly byId = new Map<string, Entry>();
  private readonly perOrg = new Map<string, number>();

  /** `onRefused` hears of every search refused by the concurrency limit (the metrics count it). */
  constructor(private readonly onRefused?: (orgId: string) => void) {}

  /**
   * Registers a search, or throws {@link TooManyQueriesError} when its tenant already runs `maxConcurrent`.
   * `signal` is the caller's (the HTTP request's): the handle's signal aborts with it.
   */
  start(
    q: { queryId: string; orgId: string; subject: string; spl: string },
    maxConcurrent: number,
    signal?: AbortSignal,
  ): QueryHandle {
    const n = this.perOrg.get(q.orgId) ?? 0;
    if (n >= maxConcurrent) {
      this.onRefused?.(q.orgId);
      throw new TooManyQueriesError(maxConcurrent);
    }
    const controller = new AbortController();
    const entry: Entry = { info: { ...q }, startedMs: Date.now(), controller };
    this.byId.set(q.queryId, entry);
    this.perOrg.set(q.orgId, n + 1);
    let done = false;
    return {
      signal: signal ? AbortSignal.any([signal, controller.signal]) : controller.signal,
      get killed() {
        const reason: unknown = controller.signal.reason;
        return reason instanceof QueryKilledError ? reason : undefined;
      },
      finish: () => {
        if (done) return;
        done = true;
        this.byId.delete(q.queryId);
        const left = (this.perOrg.get(q.orgId) ?? 1) - 1;
        if (left <= 0) this.perOrg.delete(q.orgId);
        else this.perOrg.set(q.orgId, left);
      },
    };
  }

  /** Running searches, oldest first: of one tenant, or of all when `orgId` is undefined. */
  list(orgId?: string): RunningQuery[] {
    const now = Date.now();
    return [...this.byId.values()]
      .filter((e) => orgId === undefined || e.info.orgId === orgId)
      .sort((a, b) => a.startedMs - b.startedMs)
      .map((e) => ({
        ...e.info,
        startedAt: new Date(e.startedMs).toISOString(),
        elapsedMs: now - e.startedMs,
      }));
  }

  /** Stops a search (only one of `orgId` when given). False when there is no such running search. */
  kill(queryId: string, by: string, orgId?: string): boolean {
    const e = this.byId.get(queryId);
    if (!e || (orgId !== undefined && e.info.orgId !== orgId)) return false;
    e.controller.abort(new QueryKilledError(by));
    return true;
  }

  running(orgId: string): number {
    return this.perOrg.get(orgId) ?? 0;
  }
}
