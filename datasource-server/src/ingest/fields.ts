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

/** `[A-Za-z0-9_.-]`: a character of a key after its first, and what may not stand right before a key. */
function isKeyChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c === 0x2e ||
    c === 0x2d
  );
}

/** `[A-Za-z_]`: the first character of a key. */
function isKeyStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

/** JavaScript's `\s` (WhiteSpace and LineTerminator): where an unquoted value ends. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** A line terminator, which a backslash in a quoted value may not escape. */
function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/**
 * Splunk's automatic key=value extraction, done at ingest: keys `[A-Za-z_][A-Za-z0-9_.-]*` not preceded by
 * one of `[A-Za-z0-9_.-]`, values double-quoted (backslash escapes) or up to whitespace, comma, semicolon
 * or a double quote. The first occurrence of a key wins. A hand-written scanner (ingestion runs it on every
 * string event); `test/unit/ingest/fields-kv.test.ts` checks it against the equivalent regular expression
 * `(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]*)=(?:"((?:[^"\\]|\\.)*)"|([^\s,;"]+))`.
 *
 * @example extractKeyValues('status=200 user="bob smith"') // => { status: '200', user: 'bob smith' }
 */
export function extractKeyValues(raw: string): Fields {
  const out = emptyFields();
  scanKeyValues(raw, out, false);
  return out;
}

/**
 * {@link extractKeyValues} into an ordinary object (`{}`: faster to fill and to serialise than a
 * null-prototype map), for the HEC fast path (hec-fast.ts). Undefined when the pairs need the precise path:
 * a key an ordinary object cannot hold as data (`__proto__`, `constructor`, … any name `Object.prototype`
 * has), a dotted key (`a.b`, which `resolveParents` may have to move), or text longer than the scan limit.
 */
export function extractKeyValuesPlain(raw: string): Fields | undefined {
  // Past the scan limit the last value may end inside a surrogate pair, which the precise path repairs.
  if (raw.length > MAX_KV_SCAN) return undefined;
  const out: Fields = {};
  return scanKeyValues(raw, out, true) ? out : undefined;
}

/**
 * The scanner of {@link extractKeyValues}, adding pairs to `out`. With `plain` (an ordinary object), it stops
 * and returns false at a key {@link extractKeyValuesPlain} refuses.
 */
function scanKeyValues(raw: string, out: Fields, plain: boolean): boolean {
  let eq = raw.indexOf('=');
  if (eq < 0) return true;
  const text = raw.length > MAX_KV_SCAN ? raw.slice(0, MAX_KV_SCAN) : raw;
  const n = text.length;
  let pairs = 0;
  // Every match has its `=` right after its key, so the scan goes from one `=` to the next: the key is
  // the run of key characters before it.
  let from = 0; // text before this was consumed by an earlier match
  while (eq >= 0 && eq < n) {
    let k = eq;
    while (k > from && isKeyChar(text.charCodeAt(k - 1))) k--;
    // The key starts at the first key-start character of the run (a run `9a` holds no key: `a` follows `9`).
    const keyStart =
      k < eq && isKeyStart(text.charCodeAt(k)) && (k === 0 || !isKeyChar(text.charCodeAt(k - 1)));
    let next = eq + 1;
    if (keyStart) {
      const key = text.slice(k, eq);
      let value: string | undefined;
      let end = eq + 1;
      if (end < n && text.charCodeAt(end) === 0x22 /* " */) {
        // Quoted: up to the first unescaped quote; a backslash takes the next character (not a line end).
        let i = end + 1;
        let escaped = false;
        let ok = false;
        for (; i < n; i++) {
          const c = text.charCodeAt(i);
          if (c === 0x5c /* \ */) {
            if (i + 1 >= n || isLineTerminator(text.charCodeAt(i + 1))) break;
            escaped = true;
            i++;
          } else if (c === 0x22) {
            ok = true;
            break;
          }
        }
        if (ok) {
          const inner = text.slice(end + 1, i);
          value = escaped ? inner.replace(/\\(.)/g, '$1') : inner;
          end = i + 1;
        }
      } else {
        let i = end;
        for (; i < n; i++) {
          const c = text.charCodeAt(i);
          if (c === 0x2c /* , */ || c === 0x3b /* ; */ || c === 0x22 || isSpace(c)) break;
        }
        if (i > end) {
          value = text.slice(end, i);
          end = i;
        }
      }
      if (value !== undefined) {
        if (plain && (key in Object.prototype || key.includes('.'))) return false;
        if (!(key in out)) {
          out[key] = value;
          if (++pairs >= MAX_KV_PAIRS) break;
        }
        from = end;
        next = end;
      }
    }
    eq = text.indexOf('=', next);
  }
  return true;
}

/**
 * Merges field maps, later ones winning, then resolves paths that are both a value and a parent
 * (see {@link resolveParents}). The layers are not changed.
 */
export function mergeFields(...layers: Fields[]): Fields {
  const merged = emptyFields();
  for (const layer of layers) for (const k of Object.keys(layer)) merged[k] = layer[k] as FieldValue;
  return resolveParents(merged);
}

/**
 * Resolves, in place, paths that are both a value and a parent (`a` and `a.b`): ClickHouse's JSON type would
 * keep only one of them silently, so the value of the parent moves to `a._value`.
 */
export function resolveParents(fields: Fields): Fields {
  let parents: Set<string> | undefined;
  for (const k of Object.keys(fields)) {
    for (let i = k.indexOf('.'); i >= 0; i = k.indexOf('.', i + 1))
      (parents ??= new Set()).add(k.slice(0, i));
  }
  if (parents === undefined) return fields;
  for (const p of parents) {
    const v = fields[p];
    if (v === undefined) continue;
    Reflect.deleteProperty(fields, p);
    if (!(`${p}._value` in fields)) fields[`${p}._value`] = v;
  }
  return fields;
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
