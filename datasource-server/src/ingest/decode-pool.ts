// Large ingest bodies decode off the event loop: a pool of worker threads (decode-worker.ts), fair across
// tenants. Decoding a 16 MiB body took the event loop for hundreds of milliseconds, during which every
// request of every tenant waited, `/health/ready` included. An ordinary body (below `minBytes`) decodes on the
// event loop: handing it to a thread and its rows back would cost more than decoding it.

import { Pool } from '../store/pool.ts';
import { WorkerThread, workerEntry } from '../worker-thread.ts';
import type { WorkerEntry } from '../worker-thread.ts';
import { ingestErrorFrom, runDecode } from './decoders.ts';
import type { DecodeJob, Decoded, DecoderName } from './decoders.ts';
import type { DecodeAnswer, DecodeRequest } from './decode-worker.ts';
import { knownBodyDigest } from './body-digest.ts';

/** A worker's old generation: a decode within the body caps needs far less (the caps bound the body). */
const WORKER_HEAP_MB = 2048;

export interface DecodePoolOptions {
  /** Worker threads; 0: every body decodes on the event loop. */
  readonly workers: number;
  /** Decoded bodies of at least this many bytes go to a worker. */
  readonly minBytes: number;
}

/** One decode worker and the job it runs. */
class DecodeWorker {
  private readonly thread: WorkerThread<DecodeRequest, DecodeAnswer>;

  constructor(entry: WorkerEntry) {
    this.thread = new WorkerThread(entry, 'decode worker', WORKER_HEAP_MB);
  }

  get alive(): boolean {
    return this.thread.alive;
  }

  start(): Promise<void> {
    return this.thread.start();
  }

  /** The decoded result, its parted arrays put back together; the decoder's IngestError is thrown. */
  async decode(id: number, job: DecodeJob, body: Buffer): Promise<Record<string, unknown>> {
    const parts = new Map<string, unknown[]>();
    let last: DecodeAnswer | undefined;
    await this.thread.send({ id, job, body }, (a) => {
      if (!('part' in a)) {
        last = a;
        return true;
      }
      const into = parts.get(a.part.key) ?? [];
      for (const v of a.part.values) into.push(v);
      parts.set(a.part.key, into);
      // The next part is asked for only now, so each part is its own turn of the event loop.
      this.thread.post({ id, more: true });
      return false;
    });
    if (last === undefined || 'part' in last) throw new Error('the decode worker gave no result');
    if ('error' in last) throw ingestErrorFrom(last.error);
    if ('failure' in last) throw new Error(`decode failed in the worker: ${last.failure}`);
    const result: Record<string, unknown> = { ...last.result };
    for (const [key, values] of parts) result[key] = values;
    if (last.refusal !== undefined) result['refusal'] = ingestErrorFrom(last.refusal);
    knownBodyDigest(body, last.digest);
    return result;
  }

  terminate(): Promise<void> {
    return this.thread.terminate();
  }
}

/** Decodes ingest bodies: large ones on worker threads, a tenant holding at most half of them. */
export class DecodePool {
  private readonly pool: Pool<DecodeWorker> | undefined;
  private readonly entry = workerEntry(new URL('./decode-worker', import.meta.url));
  private nextId = 1;

  constructor(private readonly opts: DecodePoolOptions) {
    const n = Math.max(0, Math.floor(opts.workers));
    if (n === 0) return;
    const workers = Array.from({ length: n }, () => new DecodeWorker(this.entry));
    this.pool = new Pool(workers, { perKey: Math.max(1, Math.floor(n / 2)) });
  }

  /** Starts every worker (a fresh worker loads the decoders in a moment). */
  async ready(): Promise<void> {
    await Promise.all((this.pool?.items ?? []).map((w) => w.start()));
  }

  /** `job` over `body` for `tenant`: on a worker when the body is large, else here. */
  async decode<N extends DecoderName>(job: DecodeJob<N>, body: Buffer, tenant: string): Promise<Decoded<N>> {
    if (this.pool === undefined || body.byteLength < this.opts.minBytes) return runDecode(job, body);
    const worker = await this.pool.acquire(undefined, tenant || 'anonymous');
    let replaced = false;
    try {
      await worker.start();
      return (await worker.decode(this.nextId++, job, body)) as Decoded<N>;
    } catch (err) {
      if (!worker.alive) {
        // A dead worker (out of memory) is not reused: a fresh one takes its place.
        replaced = true;
        this.pool.replace(worker, new DecodeWorker(this.entry));
        void worker.terminate();
      }
      throw err;
    } finally {
      if (!replaced) this.pool.release(worker);
    }
  }

  async close(): Promise<void> {
    if (this.pool === undefined) return;
    this.pool.close();
    await Promise.all(this.pool.items.map((w) => w.terminate()));
  }
}

/** Decodes `body` with `pool`, or on this thread without one (library use, tests of one route). */
export function decodeWith<N extends DecoderName>(
  pool: DecodePool | undefined,
  job: DecodeJob<N>,
  body: Buffer,
  tenant: string,
): Promise<Decoded<N>> {
  return pool === undefined
    ? Promise.resolve().then(() => runDecode(job, body))
    : pool.decode(job, body, tenant);
}
