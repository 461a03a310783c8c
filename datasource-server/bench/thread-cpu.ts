// CPU time of a process by thread, from /proc (Linux): the service's own cost per event is its main thread
// (HTTP, decoding, encoding rows); the embedded engine's inserts, its thread pool and merges are the others.

import fs from 'node:fs';

/** Milliseconds of CPU (user + system) of `pid`: its main thread, and all its threads together. */
export interface ThreadCpu {
  readonly mainMs: number;
  readonly allMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

function ticks(statFile: string): number {
  // Fields after the command name (which may hold spaces, inside parentheses): utime is the 14th field.
  const text = fs.readFileSync(statFile, 'utf8');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
}

/** The CPU `pid` used so far; undefined where /proc is not readable (not Linux). */
export function threadCpu(pid: number | undefined): ThreadCpu | undefined {
  if (pid === undefined) return undefined;
  try {
    return {
      mainMs: ticks(`/proc/${pid}/task/${pid}/stat`) * TICK_MS,
      allMs: ticks(`/proc/${pid}/stat`) * TICK_MS,
    };
  } catch {
    return undefined;
  }
}

/** µs per event of the main thread and of the other threads between two readings, as text. */
export function perEvent(
  before: ThreadCpu | undefined,
  after: ThreadCpu | undefined,
  events: number,
): string {
  if (before === undefined || after === undefined || events === 0) return 'CPU by thread: not measured';
  const main = ((after.mainMs - before.mainMs) * 1000) / events;
  const other = ((after.allMs - before.allMs - (after.mainMs - before.mainMs)) * 1000) / events;
  return `service CPU ${main.toFixed(1)} µs/event (main thread), engine and other threads ${other.toFixed(1)} µs/event`;
}

/** The main thread's µs per event between two readings (NaN when not measured). */
export function mainUsPerEvent(
  before: ThreadCpu | undefined,
  after: ThreadCpu | undefined,
  events: number,
): number {
  if (before === undefined || after === undefined || events === 0) return NaN;
  return ((after.mainMs - before.mainMs) * 1000) / events;
}

/** The load average, for the figures' context (the machine may be shared). */
export function loadAverage(): string {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}
