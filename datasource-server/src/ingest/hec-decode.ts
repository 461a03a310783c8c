// Decodes Splunk HEC bodies (concatenated JSON event envelopes, or raw lines) into log rows.

import type { LogRow } from '../store/types.ts';
import { HEC, IngestError, badEvent } from './errors.ts';
import { extractKeyValues, flattenObject, indexedFields, mergeFields } from './fields.ts';
import type { Fields } from './fields.ts';
import { epochSecondsToMs, indexOf, makeRow, metaString } from './normalise.ts';
import type { IngestContext } from './normalise.ts';

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Splits a body of concatenated JSON objects (`{...}{...}` or whitespace-separated) and parses each.
 * Throws HEC code 6 with the 0-based number of the first object that is not valid JSON.
 */
export function splitJsonObjects(text: string): unknown[] {
  const out: unknown[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isWs(text.charCodeAt(i))) i++;
    if (i >= n) break;
    if (text.charCodeAt(i) !== 0x7b /* { */) throw badEvent(HEC.invalidFormat, out.length);
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
    if (depth !== 0 || i >= n) throw badEvent(HEC.invalidFormat, out.length);
    i++;
    try {
      out.push(JSON.parse(text.slice(start, i)));
    } catch {
      throw badEvent(HEC.invalidFormat, out.length);
    }
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function envelopeToRow(env: unknown, n: number, ctx: IngestContext): LogRow {
  if (!isPlainObject(env)) throw badEvent(HEC.invalidFormat, n);
  const event = env['event'];
  if (event === undefined || event === null) throw badEvent(HEC.eventRequired, n);
  let raw: string;
  let own: Fields;
  if (typeof event === 'string') {
    if (event.trim() === '') throw badEvent(HEC.eventBlank, n);
    raw = event;
    own = extractKeyValues(event);
  } else if (typeof event === 'number' || typeof event === 'boolean') {
    raw = String(event);
    own = {};
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
  return makeRow(ctx, { index, time, host, source, sourcetype, raw, fields: mergeFields(own, explicit) });
}

/** The `/services/collector/event` body: all events or an error for the first bad one. */
export function decodeHecEvents(text: string, ctx: IngestContext): LogRow[] {
  const envelopes = splitJsonObjects(text);
  if (envelopes.length === 0) throw new IngestError(400, HEC.noData);
  return envelopes.map((e, n) => envelopeToRow(e, n, ctx));
}

export interface RawMeta {
  host?: string | undefined;
  source?: string | undefined;
  sourcetype?: string | undefined;
  index?: string | undefined;
}

/** The `/services/collector/raw` body: one event per non-empty line, metadata from the query string. */
export function decodeHecRaw(text: string, meta: RawMeta, ctx: IngestContext): LogRow[] {
  const index = indexOf(meta.index, ctx.defaultIndex);
  if (index === undefined) throw new IngestError(400, HEC.incorrectIndex);
  const host = metaString(meta.host, ctx.defaultHost) ?? ctx.defaultHost;
  const source = metaString(meta.source, ctx.defaultSource) ?? ctx.defaultSource;
  const sourcetype = metaString(meta.sourcetype, ctx.defaultSourcetype) ?? ctx.defaultSourcetype;
  const rows: LogRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    rows.push(
      makeRow(ctx, {
        index,
        time: ctx.receivedMs,
        host,
        source,
        sourcetype,
        raw: line,
        fields: mergeFields(extractKeyValues(line)),
      }),
    );
  }
  if (rows.length === 0) throw new IngestError(400, HEC.noData);
  return rows;
}
