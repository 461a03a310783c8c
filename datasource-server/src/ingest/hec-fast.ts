// The HEC fast path: the common body (one event envelope per line, a text event, no indexed fields) decoded
// in one loop, with no per-event generator, error bookkeeping or repair pass. Anything else is left to the
// precise decoder (hec-decode.ts), which gives the exact per-event answer.
//
// Profile of the precise decoder on 260-byte events with key=value pairs (docs/operating/capacity.md):
// most of its cost was not JSON.parse but the null-prototype field maps (slow to fill and to serialise),
// the repair pass over every field, and the generator and per-event helpers. This path does the same
// checks inline and hands back the same rows; `test/ingest/hec-fast.test.ts` holds it to that.

import type { LogRow } from '../store/types.ts';
import { extractKeyValuesPlain } from './fields.ts';
import { decodeHecEvents } from './hec-decode.ts';
import type { HecBatch } from './hec-decode.ts';
import { DEFAULT_INDEX, MAX_META_LENGTH, isStorableMs, isValidIndex, retentionProblem } from './normalise.ts';
import type { IngestContext } from './normalise.ts';
import { DEFAULT_STORAGE_RULES } from './storable.ts';

/** A line of the whitespace the precise splitter skips between objects (the `\n` is the line's end). */
const BLANK = /^[ \t\r]*$/;

/**
 * A metadata value as the precise decoder takes it: the default when absent, else the text itself; undefined
 * when the precise path must decide (a number, text it would cut at MAX_META_LENGTH or repair).
 */
function meta(v: unknown, fallback: string): string | undefined {
  if (v === undefined || v === null || v === '') return fallback;
  return typeof v === 'string' && v.length <= MAX_META_LENGTH && v.isWellFormed() ? v : undefined;
}

/**
 * The rows of a `/services/collector/event` body when every event is of the common shape, or undefined when
 * the precise decoder must decide (any error, metric event, indexed fields, an event object, text to repair,
 * an event near a limit, an index the token may not write …). Defined by equivalence: whenever it returns
 * rows, `decodeHecEvents(text, ctx, allowedIndexes)` returns the same rows.
 */
export function decodeHecEventsFast(
  text: string,
  ctx: IngestContext,
  allowedIndexes?: readonly string[],
): HecBatch | undefined {
  const rows: LogRow[] = [];
  const defaultIndex = ctx.defaultIndex ?? DEFAULT_INDEX;
  const maxRawChars = Math.floor((ctx.rules ?? DEFAULT_STORAGE_RULES).maxEventBytes / 3);
  const n = text.length;
  let from = 0;
  while (from < n) {
    let eol = text.indexOf('\n', from);
    if (eol < 0) eol = n;
    const start = from;
    from = eol + 1;
    let env: unknown;
    // JSON.parse takes the same surrounding whitespace the precise splitter skips; a blank line is skipped.
    const c = text.charCodeAt(start);
    if (c !== 0x7b /* { */) {
      if (BLANK.test(text.slice(start, eol))) continue;
      return undefined;
    }
    try {
      env = JSON.parse(text.slice(start, eol));
    } catch {
      return undefined;
    }
    if (typeof env !== 'object' || env === null || Array.isArray(env)) return undefined;
    const e = env as Record<string, unknown>;
    const event = e['event'];
    if (typeof event !== 'string' || e['fields'] !== undefined) return undefined;
    if (event.length > maxRawChars || !event.isWellFormed() || event.trim() === '') return undefined;
    const ix = e['index'];
    let index = defaultIndex;
    if (ix !== undefined && ix !== null && ix !== '') {
      if (typeof ix !== 'string' || !isValidIndex(ix)) return undefined;
      index = ix;
    }
    if (allowedIndexes !== undefined && !allowedIndexes.includes(index)) return undefined;
    const t = e['time'];
    let time = ctx.receivedMs;
    if (t !== undefined && t !== null && t !== '') {
      if (typeof t !== 'number') return undefined;
      time = Math.round(t * 1000);
      if (!isStorableMs(time)) return undefined;
    }
    if (retentionProblem(ctx, time) !== undefined) return undefined;
    const host = meta(e['host'], ctx.defaultHost);
    const source = meta(e['source'], ctx.defaultSource);
    const sourcetype = meta(e['sourcetype'], ctx.defaultSourcetype);
    if (host === undefined || source === undefined || sourcetype === undefined) return undefined;
    const fields = extractKeyValuesPlain(event);
    if (fields === undefined) return undefined;
    rows.push({ org_id: ctx.orgId, index, _time: time, host, source, sourcetype, _raw: event, fields });
  }
  return rows.length === 0 ? undefined : { rows, samples: [] };
}

/**
 * The `/services/collector/event` decoder the route uses: the fast path, and the precise decoder whenever
 * the fast path declines (so every error, and every event it does not take, is the precise decoder's).
 */
export function decodeHecEventBody(
  text: string,
  ctx: IngestContext,
  allowedIndexes?: readonly string[],
): HecBatch {
  return decodeHecEventsFast(text, ctx, allowedIndexes) ?? decodeHecEvents(text, ctx, allowedIndexes);
}
