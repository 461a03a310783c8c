// One JSON log document → one row: the mapping shared by the Vector `http` sink and Elasticsearch `_bulk`.

import type { FieldValue, LogRow } from '../store/types.ts';
import { HEC, badEvent, outsideRetention } from './errors.ts';
import {
  emptyFields,
  extractKeyValues,
  extractKeyValuesPlain,
  flattenObject,
  mergeFields,
} from './fields.ts';
import type { Fields } from './fields.ts';
import {
  epochSecondsToMs,
  indexOf,
  makeRow,
  metaString,
  retentionProblem,
  rfc3339ToMs,
} from './normalise.ts';
import type { IngestContext } from './normalise.ts';

/** Where a protocol keeps the event's metadata; the first key present wins. */
export interface JsonEventKeys {
  /** RFC 3339 string or epoch number (s, ms, µs or ns, told apart by magnitude). */
  time: readonly string[];
  /** The text of the event; a string value is taken from any of them, an object only from the first. */
  message: readonly string[];
  sourcetype: readonly string[];
  /** The event's own index field; none for `_bulk`, where the action line names the index. */
  index?: string;
  /** Dotted paths whose string value names the source (`source`, Filebeat's `log.file.path`). */
  source: readonly string[];
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const firstKey = (ev: Record<string, unknown>, keys: readonly string[]): string | undefined =>
  keys.find((k) => ev[k] !== undefined && ev[k] !== null && ev[k] !== '');

const atPath = (ev: Record<string, unknown>, path: string): unknown => {
  let v: unknown = ev;
  for (const part of path.split('.')) v = isPlainObject(v) ? v[part] : undefined;
  return v;
};

/**
 * Epoch ms from a time value. Numbers are epoch seconds, milliseconds, microseconds or nanoseconds by
 * magnitude (Vector's `timestamp_format: unix`, `unix_ms`, `unix_us`, `unix_ns`; seconds below 10^11 reach
 * the year 5138); strings are RFC 3339 with any number of fraction digits (sub-millisecond ones are dropped,
 * as `_time` keeps milliseconds). Null when invalid or outside 1900..2299.
 */
export function eventTimeMs(v: unknown, fallback: number): number | null {
  if (typeof v !== 'number') return rfc3339ToMs(v, fallback);
  const abs = Math.abs(v);
  const seconds = abs < 1e11 ? v : abs < 1e14 ? v / 1e3 : abs < 1e17 ? v / 1e6 : v / 1e9;
  return epochSecondsToMs(seconds, fallback);
}

/** `_raw` and the fields found in it: the first message key holding a string, else the event's JSON. */
function rawOf(
  ev: Record<string, unknown>,
  keys: JsonEventKeys,
): { raw: string; own: Fields; used?: string } {
  const text = keys.message.find((k) => typeof ev[k] === 'string');
  if (text !== undefined) {
    const raw = ev[text] as string;
    return { raw, own: extractKeyValues(raw), used: text };
  }
  const first = keys.message[0];
  const v = first === undefined ? undefined : ev[first];
  if (first === undefined || v === undefined || v === null)
    return { raw: JSON.stringify(ev), own: emptyFields() };
  if (isPlainObject(v)) return { raw: JSON.stringify(v), own: flattenObject(v), used: first };
  return { raw: typeof v === 'object' ? JSON.stringify(v) : String(v), own: emptyFields(), used: first };
}

/**
 * Maps a JSON object to a row: message → `_raw` (with key=value pairs extracted, event keys winning), time,
 * host (a string, or an object's `name` as ECS `host.name`), source, sourcetype and index to their columns,
 * every other key to structured fields by dotted path. `index` overrides the event's own index key.
 * Throws `badEvent` (400, naming event `n`) for a value of the wrong type or an invalid index name.
 *
 * @example jsonEventToRow({ message: 'hi', host: 'web1', kubernetes: { pod: 'p' } }, 0, ctx, VECTOR_KEYS)
 * // => { _raw: 'hi', host: 'web1', fields: { 'kubernetes.pod': 'p' }, … }
 */
export function jsonEventToRow(
  ev: unknown,
  n: number,
  ctx: IngestContext,
  keys: JsonEventKeys,
  index?: string,
): LogRow {
  if (!isPlainObject(ev)) throw badEvent(HEC.invalidFormat, n, `event ${n} is not a JSON object`);
  const { raw, own, used } = rawOf(ev, keys);
  const consumed = new Set<string>(used === undefined ? [] : [used]);

  const timeKey = firstKey(ev, keys.time);
  const time = eventTimeMs(timeKey === undefined ? undefined : ev[timeKey], ctx.receivedMs);
  if (time === null) throw badEvent(HEC.invalidFormat, n, `event ${n}: invalid timestamp`);
  const late = retentionProblem(ctx, time);
  if (late !== undefined) throw outsideRetention(n, late);
  if (timeKey !== undefined) consumed.add(timeKey);

  // ECS puts the host in an object: take its name and keep the whole object as fields (host.ip, …).
  const hostValue = isPlainObject(ev['host']) ? ev['host']['name'] : ev['host'];
  if (!isPlainObject(ev['host'])) consumed.add('host');
  const sourcePath = keys.source.find((p) => typeof atPath(ev, p) === 'string');
  if (sourcePath !== undefined && !sourcePath.includes('.')) consumed.add(sourcePath);
  const sourcetypeKey = firstKey(ev, keys.sourcetype);
  if (sourcetypeKey !== undefined) consumed.add(sourcetypeKey);
  const host = metaString(hostValue, ctx.defaultHost);
  const source = metaString(sourcePath === undefined ? undefined : atPath(ev, sourcePath), ctx.defaultSource);
  const sourcetype = metaString(
    sourcetypeKey === undefined ? undefined : ev[sourcetypeKey],
    ctx.defaultSourcetype,
  );
  if (host === undefined || source === undefined || sourcetype === undefined) {
    throw badEvent(HEC.invalidFormat, n, `event ${n}: host, source and source_type must be strings`);
  }

  let idx = index;
  if (idx === undefined) {
    idx = indexOf(keys.index === undefined ? undefined : ev[keys.index], ctx.defaultIndex);
    if (keys.index !== undefined) consumed.add(keys.index);
    if (idx === undefined) throw badEvent(HEC.incorrectIndex, n, `event ${n}: invalid index name`);
  }

  // A null-prototype copy: an event key named `__proto__` stays a field name.
  const others: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(ev)) if (!consumed.has(k)) others[k] = v;
  const rest = flattenObject(others);
  // Explicit event keys win over key=value pairs found in the message.
  return makeRow(ctx, {
    index: idx,
    time,
    host,
    source,
    sourcetype,
    raw,
    fields: mergeFields(own, rest),
    event: n,
  });
}

// ── Fast path ────────────────────────────────────────────────────────────────────────────────────
// Profile of `_bulk` and Vector per event (bench/decode.ts): after the ids, most of the cost was the three
// null-prototype maps per event (key=value pairs, the copy of the other keys, the merge), the `Set` of consumed
// keys and the closures of `find`. The fast path builds the one field map as an ordinary object, in the order
// `mergeFields(own, rest)` gives, and declines whatever an ordinary object or a skipped step could change.

/** `atPath` without splitting the path on every event. */
function atDottedPath(ev: Record<string, unknown>, path: string): unknown {
  let v: unknown = ev;
  let from = 0;
  for (;;) {
    const dot = path.indexOf('.', from);
    const part = dot < 0 ? path.slice(from) : path.slice(from, dot);
    v = isPlainObject(v) ? v[part] : undefined;
    if (dot < 0) return v;
    from = dot + 1;
  }
}

/** A scalar or array as `flattenObject` stores it; undefined for null or an object (which the caller decides). */
function flatValue(v: unknown): FieldValue | undefined {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v) ? String(v) : v;
  return undefined;
}

const DECLINE = Symbol('decline');

/**
 * `flattenObject(obj, into, prefix, depth)` into an ordinary object; DECLINE where the result could differ (a
 * key `__proto__`, which an ordinary object takes as its prototype) or where the precise path must decide.
 * Returns whether a dotted path was written (a possible parent/child pair for `resolveParents`).
 */
function flattenPlain(
  obj: Record<string, unknown>,
  into: Fields,
  prefix: string,
  depth: number,
): boolean | typeof DECLINE {
  let dotted = false;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const key = prefix === '' ? k : `${prefix}.${k}`;
    if (key === '__proto__') return DECLINE;
    if (prefix !== '' || key.includes('.')) dotted = true;
    const s = flatValue(v);
    if (s !== undefined) into[key] = s;
    else if (Array.isArray(v)) into[key] = flattenObject({ a: v }).a as FieldValue;
    else if (isPlainObject(v)) {
      if (depth >= 32) return DECLINE; // MAX_DEPTH of fields.ts: the precise path stores the rest as JSON text
      const inner = flattenPlain(v, into, key, depth + 1);
      if (inner === DECLINE) return DECLINE;
    }
  }
  return dotted;
}

/** True when a dotted key of `fields` has a parent that is itself a key (which `resolveParents` would move). */
function hasParentPair(fields: Fields): boolean {
  for (const k of Object.keys(fields)) {
    for (let i = k.indexOf('.'); i >= 0; i = k.indexOf('.', i + 1)) {
      if (Object.hasOwn(fields, k.slice(0, i))) return true;
    }
  }
  return false;
}

/**
 * {@link jsonEventToRow} for the common event, or undefined when the precise mapping must decide: an event
 * that is not an object, a message that is not a string, a time, metadata or index the precise path refuses, an
 * event outside the retention, a key named `__proto__` or one `Object.prototype` has among the message's
 * key=value pairs, a dotted key among them, a value and a child of the same path. Defined by equivalence:
 * whenever it returns a row, `jsonEventToRow` returns the same row (with a null-prototype field map), and when
 * `makeRow` refuses the event it throws the same error. `test/ingest/json-event-fast.test.ts` holds it to that.
 */
export function jsonEventToRowFast(
  ev: unknown,
  n: number,
  ctx: IngestContext,
  keys: JsonEventKeys,
  index?: string,
): LogRow | undefined {
  if (!isPlainObject(ev)) return undefined;
  let used: string | undefined;
  for (const k of keys.message) {
    if (typeof ev[k] === 'string') {
      used = k;
      break;
    }
  }
  if (used === undefined) return undefined;
  const raw = ev[used] as string;
  const fields = extractKeyValuesPlain(raw);
  if (fields === undefined) return undefined;

  let timeKey: string | undefined;
  for (const k of keys.time) {
    const v = ev[k];
    if (v !== undefined && v !== null && v !== '') {
      timeKey = k;
      break;
    }
  }
  const time = eventTimeMs(timeKey === undefined ? undefined : ev[timeKey], ctx.receivedMs);
  if (time === null) return undefined;
  if (retentionProblem(ctx, time) !== undefined) return undefined;

  const hostObject = isPlainObject(ev['host']);
  const host = metaString(
    hostObject ? (ev['host'] as Record<string, unknown>)['name'] : ev['host'],
    ctx.defaultHost,
  );
  let sourcePath: string | undefined;
  let sourceValue: unknown;
  for (const p of keys.source) {
    const v = p.includes('.') ? atDottedPath(ev, p) : ev[p];
    if (typeof v === 'string') {
      sourcePath = p;
      sourceValue = v;
      break;
    }
  }
  let sourcetypeKey: string | undefined;
  for (const k of keys.sourcetype) {
    const v = ev[k];
    if (v !== undefined && v !== null && v !== '') {
      sourcetypeKey = k;
      break;
    }
  }
  const source = metaString(sourceValue, ctx.defaultSource);
  const sourcetype = metaString(
    sourcetypeKey === undefined ? undefined : ev[sourcetypeKey],
    ctx.defaultSourcetype,
  );
  if (host === undefined || source === undefined || sourcetype === undefined) return undefined;

  let idx = index;
  const indexKey = index === undefined ? keys.index : undefined;
  if (idx === undefined) {
    idx = indexOf(keys.index === undefined ? undefined : ev[keys.index], ctx.defaultIndex);
    if (idx === undefined) return undefined;
  }

  // The other keys, flattened after the key=value pairs: explicit event keys win (mergeFields(own, rest)).
  let dotted = false;
  for (const k of Object.keys(ev)) {
    if (
      k === used ||
      k === timeKey ||
      (k === 'host' && !hostObject) ||
      (k === sourcePath && !k.includes('.')) ||
      k === sourcetypeKey ||
      k === indexKey
    ) {
      continue;
    }
    if (k === '__proto__') return undefined;
    if (k.includes('.')) dotted = true;
    const v = ev[k];
    const s = flatValue(v);
    if (s !== undefined) fields[k] = s;
    else if (Array.isArray(v)) fields[k] = flattenObject({ a: v }).a as FieldValue;
    else if (isPlainObject(v)) {
      const inner = flattenPlain(v, fields, k, 1);
      if (inner === DECLINE) return undefined;
      dotted = true;
    }
  }
  if (dotted && hasParentPair(fields)) return undefined;
  return makeRow(ctx, { index: idx, time, host, source, sourcetype, raw, fields, event: n });
}

/**
 * The mapping the decoders use: {@link jsonEventToRowFast}, and {@link jsonEventToRow} whenever it declines
 * (so every refusal of an event but the storage rules' is the precise mapping's).
 */
export function jsonEventRow(
  ev: unknown,
  n: number,
  ctx: IngestContext,
  keys: JsonEventKeys,
  index?: string,
): LogRow {
  return jsonEventToRowFast(ev, n, ctx, keys, index) ?? jsonEventToRow(ev, n, ctx, keys, index);
}
