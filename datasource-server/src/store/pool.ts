// A fixed-size pool of connections leased one caller at a time, fair across tenants, with abort support.

export class PoolClosedError extends Error {
  override readonly name = 'PoolClosedError';
}

interface Waiter<T> {
  readonly key: string;
  resolve: (item: T) => void;
  reject: (err: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export interface PoolOptions {
  /**
   * The most items one key (a tenant) may hold at once; its further callers wait in its own queue while
   * other keys' callers are served. Default: every item.
   */
  readonly perKey?: number;
  /**
   * The engine's CPU shared among the keys (tenants) active lately: with n keys that acquired an item in
   * the last `windowMs` (or hold one), a key holds at most max(1, ⌊threads ÷ n⌋) items (and never more than
   * `perKey`). A key alone keeps `perKey`. `threadsFor` tells a search how many engine threads it may use.
   */
  readonly share?: { readonly threads: number; readonly windowMs: number };
}

/** The key of callers that name none (the service's own statements). */
const SERVICE = '';

/**
 * Hands out items (here: ClickHouse clients) exclusively. Waiting callers are queued per key and served
 * round-robin across keys, so a tenant with ten searches waiting delays another tenant's one by at most
 * one turn; and no key holds more than `perKey` items, so one tenant's slow searches never take every
 * connection. `replace` swaps an item that must not be reused (e.g. a chDB session left with a setting
 * we could not reset).
 */
export class Pool<T> {
  private readonly idle: T[];
  /** Waiting callers per key, in arrival order; the map's order is the round-robin order. */
  private readonly queues = new Map<string, Waiter<T>[]>();
  private readonly held = new Map<string, number>();
  private readonly holder = new Map<T, string>();
  private readonly perKey: number;
  private readonly share: PoolOptions['share'];
  /** When each key last acquired (performance.now()), for the share. */
  private readonly lastSeen = new Map<string, number>();
  private closed = false;

  constructor(
    readonly items: T[],
    opts: PoolOptions = {},
  ) {
    this.idle = [...items];
    this.perKey = Math.max(1, Math.min(items.length, opts.perKey ?? items.length));
    this.share = opts.share;
  }

  /** The keys (tenants, not the service) that acquired in the share's window or hold an item now. */
  activeKeys(): number {
    if (this.share === undefined) return 1;
    const since = performance.now() - this.share.windowMs;
    let n = 0;
    for (const [key, at] of this.lastSeen) {
      if (at >= since || (this.held.get(key) ?? 0) > 0) n++;
      else this.lastSeen.delete(key);
    }
    return Math.max(1, n);
  }

  /**
   * Engine threads one search of `key` may use: undefined (the engine's own) while the key is the only one
   * active, its share of the threads otherwise.
   */
  threadsFor(key: string): number | undefined {
    if (this.share === undefined || key === SERVICE) return undefined;
    const n = this.activeKeys();
    return n <= 1 ? undefined : Math.max(1, Math.floor(this.share.threads / n));
  }

  /** Callers waiting for an item (all keys). */
  get waiting(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  acquire(signal?: AbortSignal, key: string = SERVICE): Promise<T> {
    if (this.closed) return Promise.reject(new PoolClosedError('the store is closed'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (key !== SERVICE && this.share !== undefined) this.lastSeen.set(key, performance.now());
    // Arrivals queue behind their own key's waiters (FIFO per key).
    if (!this.queues.has(key) && this.mayHold(key)) {
      const item = this.idle.pop();
      if (item !== undefined) return Promise.resolve(this.grant(item, key));
    }
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        key,
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.dropWaiter(waiter);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      const q = this.queues.get(key);
      if (q) q.push(waiter);
      else this.queues.set(key, [waiter]);
    });
  }

  release(item: T): void {
    const key = this.holder.get(item);
    if (key !== undefined) {
      this.holder.delete(item);
      const left = (this.held.get(key) ?? 1) - 1;
      if (left <= 0) this.held.delete(key);
      else this.held.set(key, left);
    }
    this.idle.push(item);
    this.dispatch();
  }

  /** Replaces `old` (currently leased) by `fresh` and releases `fresh`. */
  replace(old: T, fresh: T): void {
    const i = this.items.indexOf(old);
    if (i >= 0) this.items[i] = fresh;
    const key = this.holder.get(old);
    this.holder.delete(old);
    if (key !== undefined) this.holder.set(fresh, key);
    this.release(fresh);
  }

  /** Leases an item for the duration of `fn`. */
  async use<R>(fn: (item: T) => Promise<R>, signal?: AbortSignal): Promise<R> {
    const item = await this.acquire(signal);
    try {
      return await fn(item);
    } finally {
      this.release(item);
    }
  }

  /** Rejects waiters and refuses new leases; the caller closes `items`. */
  close(): void {
    this.closed = true;
    for (const q of this.queues.values()) {
      for (const w of q) w.reject(new PoolClosedError('the store is closed'));
    }
    this.queues.clear();
  }

  private mayHold(key: string): boolean {
    if (key === SERVICE) return true;
    const held = this.held.get(key) ?? 0;
    if (held >= this.perKey) return false;
    const threads = this.threadsFor(key);
    return threads === undefined || held < threads;
  }

  private grant(item: T, key: string): T {
    this.holder.set(item, key);
    this.held.set(key, (this.held.get(key) ?? 0) + 1);
    return item;
  }

  /** Serves idle items to the next key in turn that may hold one; that key goes to the back of the turn. */
  private dispatch(): void {
    while (this.idle.length > 0) {
      let next: string | undefined;
      for (const [key, q] of this.queues) {
        if (q.length > 0 && this.mayHold(key)) {
          next = key;
          break;
        }
      }
      if (next === undefined) return;
      const q = this.queues.get(next) ?? [];
      const waiter = q.shift();
      // Round robin: the served key moves to the end of the map's order.
      this.queues.delete(next);
      if (q.length > 0) this.queues.set(next, q);
      const item = this.idle.pop();
      if (waiter === undefined || item === undefined) return;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(this.grant(item, next));
    }
  }

  private dropWaiter(waiter: Waiter<T>): void {
    const q = this.queues.get(waiter.key);
    if (!q) return;
    const i = q.indexOf(waiter);
    if (i >= 0) q.splice(i, 1);
    if (q.length === 0) this.queues.delete(waiter.key);
  }
}
