// A fixed-size pool of connections leased one caller at a time, with FIFO waiting and abort support.

export class PoolClosedError extends Error {
  override readonly name = 'PoolClosedError';
}

interface Waiter<T> {
  resolve: (item: T) => void;
  reject: (err: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * Hands out items (here: ClickHouse clients) exclusively. `replace` swaps an item that must not be
 * reused (e.g. a chDB session left with a setting we could not reset).
 */
export class Pool<T> {
  private readonly idle: T[];
  private readonly waiters: Waiter<T>[] = [];
  private closed = false;

  constructor(readonly items: T[]) {
    this.idle = [...items];
  }

  acquire(signal?: AbortSignal): Promise<T> {
    if (this.closed) return Promise.reject(new PoolClosedError('the store is closed'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    const item = this.idle.pop();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  release(item: T): void {
    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(item);
    } else {
      this.idle.push(item);
    }
  }

  /** Replaces `old` (currently leased) by `fresh` and releases `fresh`. */
  replace(old: T, fresh: T): void {
    const i = this.items.indexOf(old);
    if (i >= 0) this.items[i] = fresh;
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
    for (const w of this.waiters.splice(0)) w.reject(new PoolClosedError('the store is closed'));
  }
}
