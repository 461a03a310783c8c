// A decode worker thread (decode-pool.ts): decodes large ingest bodies off the event loop, one at a time.
// The rows go back in parts, each sent when the event loop asked for it, so that taking in a large
// request's rows never holds the event loop for longer than one part.

import { parentPort } from 'node:worker_threads';
import { lowerThreadPriority } from '../worker-thread.ts';
import { decodedEvents, ingestErrorData, runDecode } from './decoders.ts';
import type { DecodeJob, IngestErrorData } from './decoders.ts';
import { IngestError } from './errors.ts';
import { bodyDigest } from './body-digest.ts';
import { checkEventCount } from './request-limits.ts';

/** Rows (or items, or samples) per part. */
export const PART_ROWS = 1000;

/** The arrays of a decoder's result that are sent in parts. */
export const PARTED_KEYS = ['rows', 'items', 'samples'] as const;

export type DecodeRequest =
  | { readonly id: number; readonly job: DecodeJob; readonly body: Uint8Array }
  /** The event loop took the last part: send the next. */
  | { readonly id: number; readonly more: true };

export type DecodeAnswer =
  | { readonly id: number; readonly part: { readonly key: string; readonly values: unknown[] } }
  /** The last answer: the result without its parted arrays (`refusal` as data), and the body's SHA-256. */
  | {
      readonly id: number;
      readonly result: Record<string, unknown>;
      readonly refusal?: IngestErrorData;
      readonly digest: string;
    }
  | { readonly id: number; readonly error: IngestErrorData }
  | { readonly id: number; readonly failure: string };

/** The answers to a decode, in order: its parts, then the rest of the result. */
function answers(id: number, decoded: Record<string, unknown>, digest: string): DecodeAnswer[] {
  const out: DecodeAnswer[] = [];
  const rest: Record<string, unknown> = { ...decoded };
  for (const key of PARTED_KEYS) {
    const values = decoded[key];
    if (!Array.isArray(values)) continue;
    for (let i = 0; i < values.length; i += PART_ROWS)
      out.push({ id, part: { key, values: values.slice(i, i + PART_ROWS) } });
    rest[key] = [];
  }
  const refusal = decoded['refusal'];
  if (refusal instanceof IngestError) {
    delete rest['refusal'];
    out.push({ id, result: rest, refusal: ingestErrorData(refusal), digest });
  } else out.push({ id, result: rest, digest });
  return out;
}

// A large body decodes with the CPU the event loop and the engine's threads leave.
lowerThreadPriority();

const port = parentPort;
if (port !== null) {
  let queued: { id: number; answers: DecodeAnswer[] } | undefined;
  port.on('message', (m: DecodeRequest) => {
    if ('more' in m) {
      const next = queued?.id === m.id ? queued.answers.shift() : undefined;
      if (next !== undefined) port.postMessage(next);
      return;
    }
    let list: DecodeAnswer[];
    try {
      const body = Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength);
      const decoded = runDecode(m.job, body) as Record<string, unknown>;
      // A request the service would refuse for its number of events: refused here, before its rows travel.
      checkEventCount(decodedEvents(decoded), m.job.limits);
      // The request's key hashes the body (ledger.ts): here, off the event loop.
      list = answers(m.id, decoded, bodyDigest(body));
    } catch (err) {
      list = [
        err instanceof IngestError
          ? { id: m.id, error: ingestErrorData(err) }
          : { id: m.id, failure: err instanceof Error ? (err.stack ?? err.message) : String(err) },
      ];
    }
    queued = { id: m.id, answers: list };
    const first = list.shift();
    if (first !== undefined) port.postMessage(first);
  });
  port.postMessage({ ready: true });
}
