// Structured fields: flattening event objects, Splunk-style key=value extraction, and merging safely.

import type { FieldValue } from '../store/types.ts';

export type Fields = Record<string, FieldValue>;

/** Caps that keep one hostile event from costing unbounded work. */
const MAX_KV_SCAN = 64 * 1024;
const MAX_KV_PAIRS = 200;
const MAX_DEPTH = 32;

/** Null-prototype maps: a `__proto__` key in an event is just a field name. */
export function emptyFields(): Fields {
  return Object.create(null) as Fields;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A number the JSON column can always parse. Integers beyond 2^53 were already rounded by JSON.parse,
 * and ClickHouse rejects integers beyond UInt64 (which would fail the whole batch): keep them as text.
 */
function safeNumber(n: number): FieldValue {
  return Number.isInteger(n) && !Number.isSafeInteger(n) ? String(n) : n;
}

function scalar(v: unknown): FieldValue | undefined {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return safeNumber(v);
  return undefined;
}

/** Array elements: scalars as they are, nested arrays/objects as their JSON text. */
function arrayValue(a: unknown[]): FieldValue[] {
  const out: FieldValue[] = [];
  for (const el of a) {
    const s = scalar(el);
    if (s !== undefined) out.push(s);
    else if (el !== null && el !== undefined) out.push(JSON.stringify(el));
  }
  return out;
}

/**
 * Flattens an event object to `path → value` (`{a:{b:1}}` → `{'a.b': 1}`), dropping nulls and empty
 * objects. Paths are what the JSON column stores (it splits keys on dots anyway).
 */
export function flattenObject(
  obj: Record<string, unknown>,
  into: Fields = emptyFields(),
  prefix = '',
  depth = 0,
): Fields {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    if (isPlainObject(v) && depth < MAX_DEPTH) flattenObject(v, into, key, depth + 1);
    else if (Array.isArray(v)) into[key] = arrayValue(v);
    else {
      const s = scalar(v);
      if (s !== undefined) into[key] = s;
      else if (isPlainObject(v)) into[key] = JSON.stringify(v);
    }
  }
  return into;
}

const KV = /(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]*)=(?:"((?:[^"\\]|\\.)*)"|([^\s,;"]+))/g;

/**
 * Splunk's automatic key=value extraction, done at ingest: keys `[A-Za-z_][A-Za-z0-9_.-]*`, values
 * double-quoted (backslash escapes) or up to whitespace, comma or semicolon. The first occurrence wins.
 *
 * @example extractKeyValues('status=200 user="bob smith"') // => { status: '200', user: 'bob smith' }
 */
export function extractKeyValues(raw: string): Fields {
  const out = emptyFields();
  if (!raw.includes('=')) return out;
  const text = raw.length > MAX_KV_SCAN ? raw.slice(0, MAX_KV_SCAN) : raw;
  let n = 0;
  for (const m of text.matchAll(KV)) {
    const key = m[1];
    if (key === undefined || key in out) continue;
    const quoted = m[2];
    out[key] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (m[3] ?? '');
    if (++n >= MAX_KV_PAIRS) break;
  }
  return out;
}

/**
 * Merges field maps, later ones winning, then resolves paths that are both a value and a parent
 * (`a` and `a.b`): ClickHouse's JSON type would keep only one of them silently, so the value of the
 * parent moves to `a._value`.
 */
export function mergeFields(...layers: Fields[]): Fields {
  const merged = emptyFields();
  for (const layer of layers) for (const [k, v] of Object.entries(layer)) merged[k] = v;
  const parents = new Set<string>();
  for (const k of Object.keys(merged)) {
    for (let i = k.indexOf('.'); i >= 0; i = k.indexOf('.', i + 1)) parents.add(k.slice(0, i));
  }
  for (const p of parents) {
    const v = merged[p];
    if (v === undefined) continue;
    Reflect.deleteProperty(merged, p);
    if (!(`${p}._value` in merged)) merged[`${p}._value`] = v;
  }
  return merged;
}

/** An indexed field's scalar as text; null when it is not a scalar (an object or an array). */
function fieldText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** Names of the `logs` columns: a field of the same name could never be searched, so decoders drop it. */
export const COLUMN_NAMES: ReadonlySet<string> = new Set([
  '_time',
  '_raw',
  'index',
  'host',
  'source',
  'sourcetype',
]);

/** `fields` without the keys named like a column (in place). */
export function dropColumnNames(fields: Fields): Fields {
  for (const k of COLUMN_NAMES) Reflect.deleteProperty(fields, k);
  return fields;
}

/**
 * HEC indexed fields (`"fields": {...}`), a flat object: string or string-array values, as Splunk
 * documents; numbers and booleans are taken as text and `null` values are dropped, as Splunk accepts
 * them. Returns undefined when a value is an object or a nested array, or a key is empty: Splunk
 * answers those `400 {"text":"Error in handling indexed fields","code":15,"invalid-event-number":N}`.
 */
export function indexedFields(v: unknown): Fields | undefined {
  if (v === undefined || v === null) return emptyFields();
  if (!isPlainObject(v)) return undefined;
  const out = emptyFields();
  for (const [k, val] of Object.entries(v)) {
    if (k === '') return undefined;
    if (val === null) continue;
    if (Array.isArray(val)) {
      const texts: string[] = [];
      for (const e of val) {
        if (e === null) continue;
        const t = fieldText(e);
        if (t === null) return undefined;
        texts.push(t);
      }
      out[k] = texts;
    } else {
      const t = fieldText(val);
      if (t === null) return undefined;
      out[k] = t;
    }
  }
  return out;
}
