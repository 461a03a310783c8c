// The store's readiness for `/health/ready`: one engine check at a time, its answer shared by the probes that
// come while it is fresh. A probe that ran its own `SELECT 1` waited for the engine's busiest moment (under a
// fuzz of 16 MiB bodies, 100–470 ms on this machine while the event loop itself answered in under 100 ms),
// and an unauthenticated endpoint that starts an engine query per request lets any client load the store.

/** A check's outcome: the store answered, or why it did not. */
export type StoreStatus = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface StoreHealthOptions {
  /** One check of the store (`store.ping`). */
  readonly ping: () => Promise<void>;
  /** An answer is shared for this long; a probe after it waits for a new check. */
  readonly freshMs: number;
  /** A check still unanswered after this long makes the store unready. */
  readonly timeoutMs: number;
  /** Told the duration of every answered check, in seconds (`nexus_store_ping_seconds`). */
  readonly observe?: (seconds: number) => void;
  readonly now?: () => number;
}

/**
 * The store's status, from a check at most `freshMs` old. A probe in the second half of an answer's life starts
 * the next check without waiting for it, so steady probing never waits for the engine; a probe after a quiet
 * spell (Kubernetes probes every 10 s) waits for its own check, as before. At most one check runs at a time,
 * however many probes arrive.
 *
 * @example
 * const health = new StoreHealth({ ping: () => store.ping(), freshMs: 1000, timeoutMs: 2000 });
 * const s = await health.status(); // { ok: true } or { ok: false, reason }
 */
export class StoreHealth {
  private last: { readonly at: number; readonly status: StoreStatus } | undefined;
  private running: { readonly started: number; readonly done: Promise<StoreStatus> } | undefined;
  private readonly now: () => number;

  constructor(private readonly opts: StoreHealthOptions) {
    this.now = opts.now ?? (() => performance.now());
  }

  async status(): Promise<StoreStatus> {
    const now = this.now();
    const running = this.running;
    if (running !== undefined && now - running.started > this.opts.timeoutMs) {
      return { ok: false, reason: `the store has not answered for ${Math.round(now - running.started)} ms` };
    }
    const last = this.last;
    if (last !== undefined && now - last.at <= this.opts.freshMs) {
      if (running === undefined && now - last.at > this.opts.freshMs / 2) void this.check();
      return last.status;
    }
    return this.check();
  }

  /** The running check, or a new one: the store's answer within `timeoutMs`. */
  private check(): Promise<StoreStatus> {
    if (this.running !== undefined) return this.running.done;
    const started = this.now();
    const done = withTimeout(this.opts.ping(), this.opts.timeoutMs).then(
      (): StoreStatus => {
        this.opts.observe?.((this.now() - started) / 1000);
        return { ok: true };
      },
      (err: unknown): StoreStatus => ({
        ok: false,
        reason: err instanceof Error ? err.message : String(err),
      }),
    );
    this.running = { started, done };
    void done.then((status) => {
      this.last = { at: this.now(), status };
      this.running = undefined;
    });
    return done;
  }
}

/** `p`, or a rejection after `ms`. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
