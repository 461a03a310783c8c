// Bounds on one ingest request after decompression: events, JSON nesting and size, and amplification.

import { HEC, IngestError } from './errors.ts';

/** The per-request bounds (NEXUS_INGEST_*; see docs/operating/limits-ingest.md). */
export interface RequestLimits {
  /** Events (rows plus metric samples) one request may carry; 413 above. */
  maxEvents: number;
  /** JSON nesting depth; deeper is 400 (Splunk's code 6), before anything is parsed. */
  maxJsonDepth: number;
  /** JSON values (objects, arrays, strings, numbers …) one body may hold; 413 above. */
  maxJsonValues: number;
  /**
   * Decoded bytes per compressed byte: a compressed body may decode to at most this many times its size
   * (and never less than {@link AMPLIFICATION_FLOOR}); 413 above.
   */
  maxAmplification: number;
}

/** Below this a compressed body is never refused for its ratio: tiny bodies compress very well. */
export const AMPLIFICATION_FLOOR = 1024 * 1024;

/** How a body's structure is checked before it is decoded. */
export type BodyShape = 'json' | 'lines';

/** The most a body of `wireBytes` compressed bytes may decode to. */
export function decodedCap(wireBytes: number, maxDecodedBytes: number, maxAmplification: number): number {
  return Math.min(maxDecodedBytes, Math.max(AMPLIFICATION_FLOOR, wireBytes * maxAmplification));
}

const tooMany = (what: string, limit: number): IngestError =>
  new IngestError(413, HEC.invalidFormat, `the request holds more than ${limit} ${what}; split it`);

/**
 * Checks a JSON body (one document, NDJSON or concatenated objects) without parsing it: nesting depth
 * and the number of values, in one pass over the bytes (structure is ASCII, so UTF-8 needs no decoding).
 * A body that is not valid JSON passes here and fails in its decoder as before.
 *
 * Why: `JSON.parse` accepts any depth, but the rows' `JSON.stringify` overflows the stack near 10,000
 * levels (a 500), and a 64 MiB body of `{}` is 21 M objects (gigabytes of heap) however few events it names.
 */
export function checkJsonShape(body: Uint8Array, limits: RequestLimits): void {
  let depth = 0;
  let values = 0;
  const n = body.length;
  for (let i = 0; i < n; i++) {
    const c = body[i];
    if (c === 0x22 /* " */) {
      values++;
      i = stringEnd(body, i);
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      values++;
      if (++depth > limits.maxJsonDepth) {
        throw new IngestError(
          400,
          HEC.invalidFormat,
          `JSON nested deeper than ${limits.maxJsonDepth} levels (at byte ${i})`,
          undefined,
          undefined,
          true,
        );
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (depth > 0) depth--;
    } else if (c === 0x2c /* , */) values++;
    if (values > limits.maxJsonValues) throw tooMany('JSON values', limits.maxJsonValues);
  }
}

/**
 * The index of the quote closing the string opened at `open` (a quote preceded by an even run of
 * backslashes), or the body's length when it is never closed. Found with `indexOf` (memchr), not byte by
 * byte: strings are most of an event body's bytes.
 */
function stringEnd(body: Uint8Array, open: number): number {
  let from = open + 1;
  for (;;) {
    const q = body.indexOf(0x22, from);
    if (q < 0) return body.length;
    let b = q - 1;
    while (b > open && body[b] === 0x5c /* \ */) b--;
    if ((q - 1 - b) % 2 === 0) return q;
    from = q + 1;
  }
}

/** Non-empty lines of a raw body (any run of CR/LF breaks lines, as HEC `/raw` splits them). */
export function countLines(body: Uint8Array, stopAfter: number): number {
  let lines = 0;
  let atStart = true;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === 0x0a || c === 0x0d) atStart = true;
    else if (atStart) {
      atStart = false;
      if (++lines > stopAfter) return lines;
    }
  }
  return lines;
}

/** Refuses (413) a body whose shape already says it exceeds the limits, before it is decoded. */
export function checkShape(body: Uint8Array, shape: BodyShape | undefined, limits: RequestLimits): void {
  if (shape === 'json') checkJsonShape(body, limits);
  else if (shape === 'lines' && countLines(body, limits.maxEvents) > limits.maxEvents) {
    throw tooMany('events (lines)', limits.maxEvents);
  }
}

/** A request refused for its number of decoded events (413), with that number (the events metrics count it). */
export class TooManyEventsError extends IngestError {
  constructor(
    readonly events: number,
    readonly limit: number,
  ) {
    super(413, HEC.invalidFormat, `the request holds more than ${limit} events; split it`);
  }
}

/** Refuses (413) a request of more than `maxEvents` decoded events. */
export function checkEventCount(events: number, limits: RequestLimits): void {
  if (events > limits.maxEvents) throw new TooManyEventsError(events, limits.maxEvents);
}
