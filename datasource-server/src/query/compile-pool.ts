// SPL compiles off the event loop: a pool of worker threads (compile-worker.ts), fair across tenants and
// bounded in time. A long or hostile search (30,000 OR-ed terms, a megabyte of SPL) costs seconds of CPU to
// parse, analyse and plan; on the event loop that stalled every request of every tenant, `/health/ready`
// included. Here it stalls one worker: a tenant holds at most half of them (its further compiles wait in its
// own queue, served round-robin with the other tenants'), and a compile that runs past its budget is
// stopped (the worker is terminated and replaced) and answered with a positioned `limit` diagnostic.

import { Worker } from 'node:worker_threads';
import { diagnostic, positionDiagnostic } from '@nexus/spl';
import type { MacroRegistry } from '@nexus/spl';
import { Pool } from '../store/pool.ts';
import { runCompileJob } from './compile-search.ts';
import type { CompileJob, CompileOutcome, ParseOutcome } from './compile-search.ts';
import type { WorkerRequest } from './compile-worker.ts';

export interface CompileCall {
  /** Whose compile: a tenant holds at most half of the workers. */
  readonly tenant: string;
  readonly macros?: MacroRegistry | undefined;
  /** The client went away: a compile still waiting for a worker is dropped. */
  readonly signal?: AbortSignal | undefined;
}

/** Compiles searches: on worker threads (`CompilePool`) or, for library use and the CLI, in this thread. */
export interface Compiler {
  compile(job: CompileJob & { kind: 'compile' }, call: CompileCall): Promise<CompileOutcome>;
  parse(job: CompileJob & { kind: 'parse' }, call: CompileCall): Promise<ParseOutcome>;
  close(): Promise<void>;
}

/** Compiles on the calling thread (no budget): what a caller without a pool gets. */
export const inThreadCompiler: Compiler = {
  compile: (job, call) => Promise.resolve(runCompileJob(job, call.macros) as CompileOutcome),
  parse: (job, call) => Promise.resolve(runCompileJob(job, call.macros) as ParseOutcome),
  close: () => Promise.resolve(),
};

export interface CompilePoolOptions {
  /** Worker threads (the service's default: `defaultCompileWorkers()` in config.ts). */
  readonly workers: number;
  /** The longest one compile may run, in ms, before it is stopped (default 10 s). */
  readonly timeoutMs?: number;
}

export const DEFAULT_COMPILE_TIMEOUT_MS = 10_000;

/** A worker's old generation: a compile that needs more is stopped like one that runs too long. */
const WORKER_HEAP_MB = 1024;

/**
 * How a worker starts. From `dist/` (built JavaScript): `compile-worker.js`, resolving `@nexus/spl` through the
 * `nexus-dist` condition (a worker inherits `process.execArgv`, but not hooks a launcher registered at run
 * time, hence the explicit flag). From the sources (tests, `npm run dev`): Node 20 does not apply `--import
 * tsx` to a worker's own module, so a one-line bootstrap registers tsx in the worker, then imports
 * `compile-worker.ts`.
 */
function workerEntry(): { url: URL; execArgv: string[] } {
  if (!import.meta.url.endsWith('.ts')) {
    const execArgv = process.execArgv.filter((a) => a.startsWith('--conditions=') || a.startsWith('-C='));
    if (!execArgv.some((a) => a.includes('nexus-dist'))) execArgv.push('--conditions=nexus-dist');
    return { url: new URL('./compile-worker.js', import.meta.url), execArgv };
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
    throw new Error('compile workers from TypeScript sources need the process started with `--import tsx`');
  }
  const tsxApi = import.meta.resolve(`${loader}/esm/api`);
  const worker = new URL('./compile-worker.ts', import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(worker)});`;
  return { url: new URL(`data:text/javascript,${encodeURIComponent(code)}`), execArgv: [] };
}

interface Pending {
  resolve: (outcome: CompileOutcome | ParseOutcome) => void;
  reject: (err: Error) => void;
}

/** One worker thread (started on first use) and the jobs it was sent. */
class CompileWorker {
  /** Registries this worker already holds (by the pool's key for them). */
  readonly macros = new Set<number>();
  private readonly pending = new Map<number, Pending>();
  private thread: { worker: Worker; ready: Promise<void> } | undefined;
  private dead: Error | undefined;

  constructor(private readonly entry: { url: URL; execArgv: string[] }) {}

  get alive(): boolean {
    return this.dead === undefined;
  }

  /** Starts the thread if needed; resolves once it has loaded the compiler. */
  start(): Promise<void> {
    this.thread ??= this.spawn();
    return this.thread.ready;
  }

  send(req: WorkerRequest): Promise<CompileOutcome | ParseOutcome> {
    if (this.dead) return Promise.reject(this.dead);
    const worker = this.thread?.worker;
    if (worker === undefined) return Promise.reject(new Error('the compile worker is not started'));
    return new Promise((resolve, reject) => {
      this.pending.set(req.id, { resolve, reject });
      worker.ref();
      worker.postMessage(req);
    });
  }

  async terminate(): Promise<void> {
    await this.thread?.worker.terminate();
  }

  private spawn(): { worker: Worker; ready: Promise<void> } {
    const worker = new Worker(this.entry.url, {
      execArgv: this.entry.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new WorkerExit(code)));
    });
    ready.catch(() => undefined);
    worker.on('message', (m: { id?: number; outcome?: CompileOutcome | ParseOutcome; error?: string }) => {
      if (m.id === undefined) return;
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (m.outcome !== undefined) p?.resolve(m.outcome);
      else p?.reject(new Error(`compile failed: ${m.error ?? 'no answer'}`));
    });
    const fail = (err: Error) => {
      this.dead = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new WorkerExit(code)));
    // An idle worker does not keep the process alive (tests, shutdown); one with work does (`send`). Unref
    // after the listeners: adding a 'message' listener refs the worker again.
    void ready.then(() => {
      if (this.pending.size === 0) worker.unref();
    });
    return { worker, ready };
  }
}

class WorkerExit extends Error {
  constructor(readonly code: number) {
    super(`the compile worker exited (${code})`);
  }
}

/** Raised inside the pool when a compile ran past its budget: becomes the `limit` diagnostic. */
class CompileBudgetError extends Error {}

/**
 * The service's compiler: `workers` threads, a tenant holding at most half of them, each compile stopped
 * after `timeoutMs`.
 */
export class CompilePool implements Compiler {
  private readonly pool: Pool<CompileWorker>;
  private readonly entry = workerEntry();
  private readonly timeoutMs: number;
  private readonly macroKeys = new WeakMap<MacroRegistry, number>();
  private nextId = 1;
  private nextMacroKey = 1;

  constructor(opts: CompilePoolOptions) {
    const n = Number.isInteger(opts.workers) && opts.workers > 0 ? opts.workers : 2;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_COMPILE_TIMEOUT_MS;
    const workers = Array.from({ length: n }, () => new CompileWorker(this.entry));
    this.pool = new Pool(workers, { perKey: Math.max(1, Math.floor(n / 2)) });
  }

  /** Starts every worker; resolves once each has loaded the compiler (a fresh worker takes a moment). */
  async ready(): Promise<void> {
    await Promise.all(this.pool.items.map((w) => w.start()));
  }

  compile(job: CompileJob & { kind: 'compile' }, call: CompileCall): Promise<CompileOutcome> {
    return this.run(job, call) as Promise<CompileOutcome>;
  }

  parse(job: CompileJob & { kind: 'parse' }, call: CompileCall): Promise<ParseOutcome> {
    return this.run(job, call) as Promise<ParseOutcome>;
  }

  async close(): Promise<void> {
    this.pool.close();
    await Promise.all(this.pool.items.map((w) => w.terminate()));
  }

  private async run(job: CompileJob, call: CompileCall): Promise<CompileOutcome | ParseOutcome> {
    const worker = await this.pool.acquire(call.signal, call.tenant || 'anonymous');
    let replaced = false;
    try {
      await worker.start();
      const id = this.nextId++;
      const req: WorkerRequest = { id, job, ...this.macrosFor(worker, call.macros) };
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CompileBudgetError()), this.timeoutMs);
      });
      try {
        return await Promise.race([worker.send(req), budget]);
      } finally {
        clearTimeout(timer);
      }
    } catch (err) {
      const outOfMemory = (err as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (err instanceof CompileBudgetError || !worker.alive) {
        // A stopped or dead worker is not reused: a fresh one takes its place.
        replaced = true;
        this.pool.replace(worker, new CompileWorker(this.entry));
        void worker.terminate();
      }
      if (err instanceof CompileBudgetError) {
        return tooCostly(job, `the search took longer than ${this.timeoutMs / 1000} s to compile`);
      }
      if (outOfMemory)
        return tooCostly(job, 'the search needed more memory to compile than a compile may use');
      throw err;
    } finally {
      if (!replaced) this.pool.release(worker);
    }
  }

  /** The registry for `worker`: its definitions only the first time this worker sees it. */
  private macrosFor(worker: CompileWorker, macros: MacroRegistry | undefined): Pick<WorkerRequest, 'macros'> {
    if (macros === undefined) return {};
    let key = this.macroKeys.get(macros);
    if (key === undefined) this.macroKeys.set(macros, (key = this.nextMacroKey++));
    if (worker.macros.has(key)) return { macros: { key } };
    worker.macros.add(key);
    return { macros: { key, definitions: macros.definitions() } };
  }
}

/** A compile stopped at its budget: a `limit` diagnostic over the whole search (the cost has no one place). */
function tooCostly(job: CompileJob, why: string): CompileOutcome | ParseOutcome {
  const d = positionDiagnostic(
    job.query,
    diagnostic('limit', why, { start: 0, end: job.query.length }, [
      'use fewer terms or fewer commands; a long list of values can live in a lookup table (`| inputlookup`, `lookup`)',
    ]),
  );
  return job.kind === 'parse' ? { text: job.query, ok: false, errors: [d] } : { ok: false, errors: [d] };
}
