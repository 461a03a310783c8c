// One JSON log document → one row: the mapping shared by the Vector `http` sink and Elasticsearch `_bulk`.

import type { LogRow } from '../store/types.ts';
import { HEC, badEvent, outsideRetention } from './errors.ts';
import { emptyFields, extractKeyValues, flattenObject, mergeFields } from './fields.ts';
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
