// Decodes Splunk HEC bodies (concatenated JSON event envelopes, or raw lines) into log rows.

import type { LogRow } from '../store/types.ts';
import { HEC, IngestError, badEvent } from './errors.ts';
import {
  emptyFields,
  extractKeyValues,
  flattenObject,
  indexedFields,
  mergeFields,
  resolveParents,
} from './fields.ts';
import type { Fields } from './fields.ts';
import { epochSecondsToMs, indexOf, makeRow, metaString } from './normalise.ts';
import type { IngestContext } from './normalise.ts';

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * The JSON objects of a body of concatenated objects (`{...}{...}` or whitespace-separated), parsed one
 * at a time, so a caller validating each as it comes reports the first bad event, parse error or not.
 * Throws HEC code 6 with the 0-based number of the first object that is not valid JSON.
 *
 * Most clients send one object per line: a line that starts with `{`, ends with `}` and parses is exactly
 * one object, so it is taken with one `JSON.parse` and no scan. Anything else (several objects on a line,
 * an object over several lines, a bad object) goes through the scanner from the start of that line.
 */
export function* jsonObjects(text: string): Generator<unknown, void, undefined> {
  const n = text.length;
  let i = 0;
  let count = 0;
  // The end of the line the fast path last looked at, and whether it failed there: a line is tried at most
  // once, so a long line of many objects costs one failed parse, not one per object.
  let eol = -1;
  let slowLine = false;
  while (i < n) {
    while (i < n && isWs(text.charCodeAt(i))) i++;
    if (i >= n) break;
    if (text.charCodeAt(i) !== 0x7b /* { */) throw badEvent(HEC.invalidFormat, count);
    if (i > eol) {
      eol = text.indexOf('\n', i);
      if (eol < 0) eol = n;
      slowLine = false;
    }
    if (!slowLine) {
      let last = eol - 1;
      while (last > i && isWs(text.charCodeAt(last))) last--;
      let parsed: unknown;
      let ok = false;
      if (text.charCodeAt(last) === 0x7d /* } */) {
        try {
          parsed = JSON.parse(text.slice(i, last + 1));
          ok = true;
        } catch {
          // not one object: the scanner below finds where it ends and whether it is valid
        }
      }
      if (ok) {
        i = eol;
        count++;
        yield parsed;
        continue;
      }
      slowLine = true;
    }
    const start = i;
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 0x5c /* \ */) i++;
        else if (c === 0x22 /* " */) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) break;
      }
    }
    if (depth !== 0 || i >= n) throw badEvent(HEC.invalidFormat, count);
    i++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.slice(start, i));
    } catch {
      throw badEvent(HEC.invalidFormat, count);
    }
    count++;
    yield parsed;
  }
}

/** All the objects of a body (see {@link jsonObjects}). */
export function splitJsonObjects(text: string): unknown[] {
  return [...jsonObjects(text)];
}

/**
 * A HEC metric event: `"event":"metric"` with `fields` naming `metric_name` (single-metric format) or
 * `metric_name:<name>` keys (multiple-metric format).
 */
function isMetricEvent(event: unknown, fields: unknown): boolean {
  return (
    event === 'metric' &&
    isPlainObject(fields) &&
    Object.keys(fields).some((k) => k === 'metric_name' || k.startsWith('metric_name:'))
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function envelopeToRow(env: unknown, n: number, ctx: IngestContext): LogRow {
  if (!isPlainObject(env)) throw badEvent(HEC.invalidFormat, n);
  const event = env['event'];
  if (event === undefined || event === null) throw badEvent(HEC.eventRequired, n);
  // Refused rather than indexed as a log line: a metrics store is not there yet.
  if (isMetricEvent(event, env['fields'])) throw badEvent(HEC.metricsUnsupported, n);
  let raw: string;
  let own: Fields;
  if (typeof event === 'string') {
    if (event.trim() === '') throw badEvent(HEC.eventBlank, n);
    raw = event;
    own = extractKeyValues(event);
  } else if (typeof event === 'number' || typeof event === 'boolean') {
    raw = String(event);
    own = emptyFields();
  } else {
    if (isPlainObject(event) && Object.keys(event).length === 0) throw badEvent(HEC.eventBlank, n);
    raw = JSON.stringify(event);
    own = isPlainObject(event) ? flattenObject(event) : {};
  }
  const explicit = indexedFields(env['fields']);
  if (explicit === undefined) throw badEvent(HEC.indexedFields, n);
  const index = indexOf(env['index'], ctx.defaultIndex);
  if (index === undefined) throw badEvent(HEC.incorrectIndex, n);
  const time = epochSecondsToMs(env['time'], ctx.receivedMs);
  const host = metaString(env['host'], ctx.defaultHost);
  const source = metaString(env['source'], ctx.defaultSource);
  const sourcetype = metaString(env['sourcetype'], ctx.defaultSourcetype);
  if (time === null || host === undefined || source === undefined || sourcetype === undefined) {
    throw badEvent(HEC.invalidFormat, n);
  }
  // `own` is this event's own map: without indexed fields it is the result, resolved in place.
  const fields = Object.keys(explicit).length === 0 ? resolveParents(own) : mergeFields(own, explicit);
  return makeRow(ctx, { index, time, host, source, sourcetype, raw, fields });
}

/** The `/services/collector/event` body: all events or an error for the first bad one. */
export function decodeHecEvents(text: string, ctx: IngestContext): LogRow[] {
  const rows: LogRow[] = [];
  for (const envelope of jsonObjects(text)) rows.push(envelopeToRow(envelope, rows.length, ctx));
  if (rows.length === 0) throw new IngestError(400, HEC.noData);
  return rows;
}

export interface RawMeta {
  host?: string | undefined;
  source?: string | undefined;
  sourcetype?: string | undefined;
  index?: string | undefined;
}

/**
 * The `/services/collector/raw` body: one event per non-empty line (any run of CR/LF breaks lines, as
 * Splunk's default `LINE_BREAKER = ([\r\n]+)`), metadata from the query string.
 */
export function decodeHecRaw(text: string, meta: RawMeta, ctx: IngestContext): LogRow[] {
  const index = indexOf(meta.index, ctx.defaultIndex);
  if (index === undefined) throw new IngestError(400, HEC.incorrectIndex);
  const host = metaString(meta.host, ctx.defaultHost) ?? ctx.defaultHost;
  const source = metaString(meta.source, ctx.defaultSource) ?? ctx.defaultSource;
  const sourcetype = metaString(meta.sourcetype, ctx.defaultSourcetype) ?? ctx.defaultSourcetype;
  const rows: LogRow[] = [];
  for (const line of text.split(/[\r\n]+/)) {
    if (line.trim() === '') continue;
    rows.push(
      makeRow(ctx, {
        index,
        time: ctx.receivedMs,
        host,
        source,
        sourcetype,
        raw: line,
        fields: resolveParents(extractKeyValues(line)),
      }),
    );
  }
  if (rows.length === 0) throw new IngestError(400, HEC.noData);
  return rows;
}
