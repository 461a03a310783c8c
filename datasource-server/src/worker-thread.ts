// A worker thread of the service (the search compile pool's, the ingest decode pool's): how it starts from
// built JavaScript or from the TypeScript sources, and the request/answer bookkeeping over its messages.

import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * The nice value of the service's background threads (search compiles, large ingest decodes): they use the CPU
 * the event loop and the engine's threads leave, so a long compile or a 16 MiB body never delays
 * `/health/ready` or another tenant's request. On Linux the nice value is per thread.
 */
export const BACKGROUND_NICE = 5;

/**
 * Lowers the calling thread to {@link BACKGROUND_NICE}, for a worker's module to call as it loads. On Linux
 * `setPriority(0, …)` sets the calling thread's nice value, and raising it needs no privilege. Where it cannot
 * be set, the thread runs at normal priority.
 */
export function lowerThreadPriority(): void {
  try {
    os.setPriority(0, BACKGROUND_NICE);
  } catch {
    // Not permitted here: normal priority.
  }
}

export interface WorkerEntry {
  readonly url: URL;
  readonly execArgv: string[];
}

/**
 * How a worker module starts, given its path without extension next to the caller (`new URL('./decode-worker',
 * import.meta.url)`). From `dist/` (built JavaScript): the `.js` file, resolving `@nexus/spl` through the
 * `nexus-dist` condition (a worker inherits `process.execArgv`, but not hooks a launcher registered at run
 * time, hence the explicit flag). From the sources (tests, `npm run dev`): Node 20 does not apply `--import
 * tsx` to a worker's own module, so a one-line bootstrap registers tsx in the worker, then imports the `.ts`.
 */
export function workerEntry(module: URL): WorkerEntry {
  if (!import.meta.url.endsWith('.ts')) {
    const execArgv = process.execArgv.filter((a) => a.startsWith('--conditions=') || a.startsWith('-C='));
    if (!execArgv.some((a) => a.includes('nexus-dist'))) execArgv.push('--conditions=nexus-dist');
    return { url: new URL(`${module.href}.js`), execArgv };
  }
  // The TypeScript loader this process was started with (`node --import tsx …`): its API registers it in
  // the worker. Read from the flags, so built JavaScript names no dev-only package (test/build.test.ts).
  const argv = process.execArgv;
  const loader = argv
    .flatMap((a, i) =>
      a === '--import' ? [argv[i + 1] ?? ''] : a.startsWith('--import=') ? [a.slice(9)] : [],
    )
    .find((m) => /^[a-z][\w-]*$/.test(m));
  if (loader === undefined) {
    throw new Error('worker threads from TypeScript sources need the process started with `--import tsx`');
  }
  const tsxApi = import.meta.resolve(`${loader}/esm/api`);
  const code = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(`${module.href}.ts`)});`;
  return { url: new URL(`data:text/javascript,${encodeURIComponent(code)}`), execArgv: [] };
}

export class WorkerExit extends Error {
  constructor(
    readonly code: number,
    what: string,
  ) {
    super(`the ${what} exited (${code})`);
  }
}

/** Told every message of one request; returns true on the request's last one. */
type Listener<A> = (answer: A) => boolean;

/**
 * One worker thread, started on first use, and the requests it was sent. The worker posts `{ready: true}`
 * once loaded, then answers each request `{id, …}` with one or more messages carrying that id. An idle
 * worker does not keep the process alive; one with work does.
 */
export class WorkerThread<R extends { readonly id: number }, A extends { readonly id: number }> {
  private readonly pending = new Map<number, { listener: Listener<A>; reject: (err: Error) => void }>();
  private thread: { worker: Worker; ready: Promise<void> } | undefined;
  private dead: Error | undefined;

  constructor(
    private readonly entry: WorkerEntry,
    /** What the thread is, in errors ("compile worker"). */
    private readonly what: string,
    private readonly heapMb: number,
  ) {}

  get alive(): boolean {
    return this.dead === undefined;
  }

  /** Starts the thread if needed; resolves once it has loaded. */
  start(): Promise<void> {
    this.thread ??= this.spawn();
    return this.thread.ready;
  }

  /** Sends `req`; `listener` gets its answers until it returns true. Rejects if the thread dies first. */
  send(req: R, listener: Listener<A>, transfer?: ArrayBuffer[]): Promise<void> {
    if (this.dead) return Promise.reject(this.dead);
    const worker = this.thread?.worker;
    if (worker === undefined) return Promise.reject(new Error(`the ${this.what} is not started`));
    return new Promise((resolve, reject) => {
      this.pending.set(req.id, {
        listener: (a) => {
          const last = listener(a);
          if (last) resolve();
          return last;
        },
        reject,
      });
      worker.ref();
      worker.postMessage(req, transfer);
    });
  }

  /** Posts a further message for a request in flight (its listener still waiting). */
  post(message: R): void {
    this.thread?.worker.postMessage(message);
  }

  async terminate(): Promise<void> {
    await this.thread?.worker.terminate();
  }

  private spawn(): { worker: Worker; ready: Promise<void> } {
    const worker = new Worker(this.entry.url, {
      execArgv: this.entry.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new WorkerExit(code, this.what)));
    });
    ready.catch(() => undefined);
    worker.on('message', (m: A | { ready: true }) => {
      if (!('id' in m)) return;
      const p = this.pending.get(m.id);
      if (p === undefined || !p.listener(m)) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
    });
    const fail = (err: Error) => {
      this.dead = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new WorkerExit(code, this.what)));
    // Unref after the listeners: adding a 'message' listener refs the worker again.
    void ready.then(() => {
      if (this.pending.size === 0) worker.unref();
    });
    return { worker, ready };
  }
}
