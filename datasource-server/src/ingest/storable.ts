// The one place that decides whether a decoded event can be stored: text is repaired, anything else refused.

import type { FieldValue, LogRow } from '../store/types.ts';
import { isStorableMs } from './normalise.ts';

// ES2024's String methods (Node 20 has them; the repository's `lib` is ES2023).
declare global {
  interface String {
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}

/**
 * Text the store can hold. A JSON string may carry a lone UTF-16 surrogate (`"\ud800"`): it has no UTF-8
 * form, and ClickHouse refuses the whole INSERT holding it ("Cannot parse escape sequence: missing second
 * part of surrogate pair", code 25; in the JSON column "Cannot parse JSON object", code 117). Like any
 * UTF-8 encoder (and like the bytes of a body that are not UTF-8, which decoding already turns into
 * U+FFFD), each lone surrogate becomes U+FFFD: the event is kept, the character that cannot exist is marked.
 *
 * @example wellFormed('a\ud800b') // => 'a\ufffdb'
 */
export function wellFormed(s: string): string {
  return s.isWellFormed() ? s : s.toWellFormed();
}

function wellFormedValue(v: FieldValue): FieldValue {
  if (typeof v === 'string') return wellFormed(v);
  if (Array.isArray(v)) return v.map(wellFormedValue);
  if (typeof v === 'object') return wellFormedFields(v);
  return v;
}

/** A copy of `fields` with every key and string value made {@link wellFormed} (null prototype kept). */
export function wellFormedFields(fields: Record<string, FieldValue>): Record<string, FieldValue> {
  const out = Object.create(null) as Record<string, FieldValue>;
  for (const [k, v] of Object.entries(fields)) out[wellFormed(k)] = wellFormedValue(v);
  return out;
}

/** A field value that needs repair (checked without copying: almost every event is clean). */
function needsRepair(fields: Record<string, FieldValue>): boolean {
  // for…in, not Object.entries: no array of pairs per event (field maps have no enumerable inherited keys).
  for (const k in fields) {
    const v = fields[k] as FieldValue;
    if (!k.isWellFormed()) return true;
    if (typeof v === 'string') {
      if (!v.isWellFormed()) return true;
    } else if (Array.isArray(v)) {
      if (v.some((e) => (typeof e === 'string' ? !e.isWellFormed() : typeof e === 'object' && e !== null))) {
        return true;
      }
    } else if (typeof v === 'object' && needsRepair(v)) return true;
  }
  return false;
}

/** What the storage rules need to know besides the row. */
export interface StorageRules {
  /** The largest `_raw` an event may have, in UTF-8 bytes (NEXUS_INGEST_MAX_EVENT_BYTES). */
  maxEventBytes: number;
}

/** 1 MiB: Loki refuses lines over 256 KiB by default, Splunk truncates them at 10,000 bytes. */
export const DEFAULT_STORAGE_RULES: StorageRules = { maxEventBytes: 1024 * 1024 };

/**
 * Why `row` cannot be stored, or undefined when it can. Every ingest route builds its rows through
 * `makeRow` (normalise.ts), which calls this: a reason becomes that event's error in the protocol's own
 * dialect (HEC code 6 with `invalid-event-number`, a `_bulk` item error, an OTLP rejected record …).
 * Add a rule here, not in a decoder.
 */
export function storageRefusal(row: LogRow, rules: StorageRules): string | undefined {
  if (!isStorableMs(row._time)) return 'the event time is outside 1900-01-01 .. 2299-12-31';
  // UTF-16 length ≤ UTF-8 bytes ≤ 3 × UTF-16 length: measure exactly only when it can matter.
  if (row._raw.length * 3 > rules.maxEventBytes) {
    const bytes = Buffer.byteLength(row._raw, 'utf8');
    if (bytes > rules.maxEventBytes) {
      return `the event is ${bytes} bytes, over the limit of ${rules.maxEventBytes} bytes per event`;
    }
  }
  return undefined;
}

/** `row` with its text made storable (see {@link wellFormed}); the same object when it already is. */
export function repairRow(row: LogRow): LogRow {
  const fields = needsRepair(row.fields) ? wellFormedFields(row.fields) : row.fields;
  const raw = wellFormed(row._raw);
  const host = wellFormed(row.host);
  const source = wellFormed(row.source);
  const sourcetype = wellFormed(row.sourcetype);
  if (
    fields === row.fields &&
    raw === row._raw &&
    host === row.host &&
    source === row.source &&
    sourcetype === row.sourcetype
  ) {
    return row;
  }
  return { ...row, fields, _raw: raw, host, source, sourcetype };
}

/** Metric labels and name made storable, as for log rows. */
export function wellFormedLabels(labels: Record<string, string>): Record<string, string> {
  let clean = true;
  for (const [k, v] of Object.entries(labels)) if (!k.isWellFormed() || !v.isWellFormed()) clean = false;
  if (clean) return labels;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) out[wellFormed(k)] = wellFormed(v);
  return out;
}
