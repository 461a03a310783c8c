// SPL compiles off the event loop: a pool of worker threads (compile-worker.ts), fair across tenants and
// bounded in time. A long or hostile search (30,000 OR-ed terms, a megabyte of SPL) costs seconds of CPU to
// parse, analyse and plan; on the event loop that stalled every request of every tenant, `/health/ready`
// included. Here it stalls one worker: a tenant holds at most half of them (its further compiles wait in its
// own queue, served round-robin with the other tenants'), and a compile that runs past its budget is
// stopped (the worker is terminated and replaced) and answered with a positioned `limit` diagnostic.

import { diagnostic, positionDiagnostic } from '@nexus/spl';
import type { MacroRegistry } from '@nexus/spl';
import { Pool } from '../store/pool.ts';
import { runCompileJob } from './compile-search.ts';
import type { CompileJob, CompileOutcome, ParseOutcome } from './compile-search.ts';
import type { WorkerAnswer, WorkerRequest } from './compile-worker.ts';
import { WorkerThread, workerEntry } from '../worker-thread.ts';
import type { WorkerEntry } from '../worker-thread.ts';

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

/** One compile worker thread (started on first use) and the macro registries it holds. */
class CompileWorker {
  /** Registries this worker already holds (by the pool's key for them). */
  readonly macros = new Set<number>();
  private readonly thread: WorkerThread<WorkerRequest, WorkerAnswer>;

  constructor(entry: WorkerEntry) {
    this.thread = new WorkerThread(entry, 'compile worker', WORKER_HEAP_MB);
  }

  get alive(): boolean {
    return this.thread.alive;
  }

  start(): Promise<void> {
    return this.thread.start();
  }

  async send(req: WorkerRequest): Promise<CompileOutcome | ParseOutcome> {
    let answer: WorkerAnswer | undefined;
    await this.thread.send(req, (a) => {
      answer = a;
      return true;
    });
    if (answer?.outcome !== undefined) return answer.outcome;
    throw new Error(`compile failed: ${answer?.error ?? 'no answer'}`);
  }

  terminate(): Promise<void> {
    return this.thread.terminate();
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
  private readonly entry = workerEntry(new URL('./compile-worker', import.meta.url));
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
