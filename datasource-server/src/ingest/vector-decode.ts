// Decodes Vector `http` sink bodies (JSON array or NDJSON of Vector log events) into log rows.

import type { LogRow } from '../store/types.ts';
import { HEC, IngestError, badEvent } from './errors.ts';
import { emptyFields, extractKeyValues, flattenObject, mergeFields } from './fields.ts';
import { indexOf, makeRow, metaString, rfc3339ToMs } from './normalise.ts';
import type { IngestContext } from './normalise.ts';

/** Vector's keys that map to columns; every other key becomes a structured field. */
const META_KEYS = new Set(['message', 'timestamp', 'host', 'source_type', 'sourcetype', 'source', 'index']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseBody(text: string): unknown[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw badEvent(HEC.invalidFormat, 0, 'the body is not a valid JSON array');
    }
    if (!Array.isArray(parsed)) throw badEvent(HEC.invalidFormat, 0);
    return parsed;
  }
  const events: unknown[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line));
    } catch {
      throw badEvent(HEC.invalidFormat, events.length, `event ${events.length} is not valid JSON`);
    }
  }
  return events;
}

function eventToRow(ev: unknown, n: number, ctx: IngestContext): LogRow {
  if (!isPlainObject(ev)) throw badEvent(HEC.invalidFormat, n, `event ${n} is not a JSON object`);
  const rest = emptyFields();
  const others: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ev)) if (!META_KEYS.has(k)) others[k] = v;
  flattenObject(others, rest);
  const message = ev['message'];
  let raw: string;
  let own = emptyFields();
  if (typeof message === 'string') {
    raw = message;
    own = extractKeyValues(message);
  } else if (isPlainObject(message)) {
    raw = JSON.stringify(message);
    own = flattenObject(message);
  } else if (message === undefined || message === null) {
    raw = JSON.stringify(ev);
  } else {
    raw = String(message);
  }
  const index = indexOf(ev['index'], ctx.defaultIndex);
  if (index === undefined) throw badEvent(HEC.incorrectIndex, n, `event ${n}: invalid index name`);
  const time = rfc3339ToMs(ev['timestamp'], ctx.receivedMs);
  if (time === null) throw badEvent(HEC.invalidFormat, n, `event ${n}: invalid timestamp`);
  const host = metaString(ev['host'], ctx.defaultHost);
  const source = metaString(ev['source'], ctx.defaultSource);
  const sourcetype = metaString(ev['source_type'] ?? ev['sourcetype'], ctx.defaultSourcetype);
  if (host === undefined || source === undefined || sourcetype === undefined) {
    throw badEvent(HEC.invalidFormat, n, `event ${n}: host, source and source_type must be strings`);
  }
  // Explicit event keys win over key=value pairs found in the message.
  return makeRow(ctx, { index, time, host, source, sourcetype, raw, fields: mergeFields(own, rest) });
}

/** The `/ingest/logs` body: all events or an error naming the first bad one. */
export function decodeVectorEvents(text: string, ctx: IngestContext): LogRow[] {
  const events = parseBody(text);
  if (events.length === 0) throw new IngestError(400, HEC.noData, 'no events in the body');
  return events.map((e, n) => eventToRow(e, n, ctx));
}
