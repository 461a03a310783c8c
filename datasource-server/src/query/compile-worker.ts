// A compile worker thread (compile-pool.ts): compiles searches off the event loop, one at a time. The pool
// terminates it when a compile runs past its time budget and starts a fresh one.

import { parentPort } from 'node:worker_threads';
import { MacroRegistry } from '@nexus/spl';
import type { MacroDefinition } from '@nexus/spl';
import { lowerThreadPriority } from '../worker-thread.ts';
import { runCompileJob } from './compile-search.ts';
import type { CompileJob, CompileOutcome, ParseOutcome } from './compile-search.ts';

/** One job: `macros.definitions` is sent the first time this worker sees the registry `macros.key`. */
export interface WorkerRequest {
  readonly id: number;
  readonly job: CompileJob;
  readonly macros?: { readonly key: number; readonly definitions?: readonly MacroDefinition[] };
}

/** The answer to one job: the outcome, or why the compile threw. */
export interface WorkerAnswer {
  readonly id: number;
  readonly outcome?: CompileOutcome | ParseOutcome;
  readonly error?: string;
}

// A long compile uses the CPU the event loop and the engine's threads leave.
lowerThreadPriority();

const registries = new Map<number, MacroRegistry>();
const port = parentPort;
if (port !== null) {
  port.on('message', (m: WorkerRequest) => {
    try {
      let macros: MacroRegistry | undefined;
      if (m.macros !== undefined) {
        macros = registries.get(m.macros.key);
        if (macros === undefined && m.macros.definitions !== undefined) {
          registries.set(m.macros.key, (macros = new MacroRegistry(m.macros.definitions)));
        }
      }
      port.postMessage({ id: m.id, outcome: runCompileJob(m.job, macros) });
    } catch (err) {
      port.postMessage({ id: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  });
  port.postMessage({ ready: true });
}
