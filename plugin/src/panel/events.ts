// Frames → events: what the events panel lists, from a `log-lines` frame or a table with `_time`/`_raw`.
// Imports only types from @grafana/*, so it runs in tests and in any host.

import type { DataFrame, Field } from '@grafana/data';

/** One event of the result, as the panel shows it. */
export interface NexusEvent {
  /** Unique within the result (the frame's `id`, else frame and row number). */
  readonly id: string;
  /** Epoch milliseconds; null when the row has no usable time. */
  readonly time: number | null;
  /** The event's text (`_raw`, or `body` of a log-lines frame). */
  readonly raw: string;
  /** The event's fields (host, source, sourcetype, index, extracted fields), values as text. */
  readonly fields: Readonly<Record<string, string>>;
}

export type EventsResult =
  | {
      readonly kind: 'events';
      readonly events: readonly NexusEvent[];
      readonly searchWords: readonly string[];
    }
  | { readonly kind: 'empty' }
  | { readonly kind: 'wrong-shape'; readonly message: string };

/** Columns that hold an event's text in a table frame, in order of preference. */
const RAW_NAMES = ['_raw', 'body'];
/** Columns that hold an event's time in a table frame, before falling back to the first time field. */
const TIME_NAMES = ['_time', 'timestamp', 'time'];

/** A cell as text: strings as they are, numbers and booleans printed, objects as JSON, null as absent. */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}

/** A time cell as epoch milliseconds: Grafana gives ms numbers; other sources may give ISO text or Dates. */
export function cellTime(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime();
  if (typeof v === 'string' && v.trim() !== '') {
    const asNumber = Number(v);
    if (!Number.isNaN(asNumber)) return asNumber;
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

/** `labels` as an object: Grafana decodes the JSON field into objects; a string is parsed as JSON. */
function labelsOf(v: unknown): Record<string, string> {
  let obj: unknown = v;
  if (typeof v === 'string') {
    try {
      obj = JSON.parse(v);
    } catch {
      return {};
    }
  }
  const out: Record<string, string> = {};
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return out;
  for (const [k, val] of Object.entries(obj)) {
    const text = cellText(val);
    if (text !== null) out[k] = text;
  }
  return out;
}

const fieldType = (f: Field): string => String(f.type);
const valueAt = (f: Field | undefined, i: number): unknown => (f ? (f.values[i] as unknown) : undefined);

function isLogLines(frame: DataFrame): boolean {
  const has = (n: string) => frame.fields.some((f) => f.name === n);
  return frame.meta?.type === 'log-lines' || (has('body') && has('labels'));
}

function fromLogLines(frame: DataFrame, at: number): NexusEvent[] | string {
  const byName = (n: string) => frame.fields.find((f) => f.name === n);
  const time = byName('timestamp') ?? frame.fields.find((f) => fieldType(f) === 'time');
  const body = byName('body');
  if (!body) return `a log-lines frame needs a \`body\` field; this one has ${names(frame)}`;
  const id = byName('id');
  const labels = byName('labels') ?? byName('attributes');
  const events: NexusEvent[] = [];
  for (let i = 0; i < frame.length; i++) {
    events.push({
      id: cellText(valueAt(id, i)) ?? `${at}:${i}`,
      time: cellTime(valueAt(time, i)),
      raw: cellText(valueAt(body, i)) ?? '',
      fields: labelsOf(valueAt(labels, i)),
    });
  }
  return events;
}

function fromTable(frame: DataFrame, at: number): NexusEvent[] | string {
  const raw = RAW_NAMES.map((n) => frame.fields.find((f) => f.name === n)).find((f) => f !== undefined);
  if (!raw) {
    return `the events panel lists raw events and needs a \`_raw\` field; this result has ${names(frame)}. Use a table panel for \`stats\` or \`table\` results, or add \`_raw\` to the \`table\` command`;
  }
  const time =
    TIME_NAMES.map((n) => frame.fields.find((f) => f.name === n)).find((f) => f !== undefined) ??
    frame.fields.find((f) => fieldType(f) === 'time');
  const others = frame.fields.filter((f) => f !== raw && f !== time);
  const events: NexusEvent[] = [];
  for (let i = 0; i < frame.length; i++) {
    const fields: Record<string, string> = {};
    for (const f of others) {
      const text = cellText(f.values[i]);
      if (text !== null) fields[f.name] = text;
    }
    events.push({
      id: `${at}:${i}`,
      time: cellTime(valueAt(time, i)),
      raw: cellText(raw.values[i]) ?? '',
      fields,
    });
  }
  return events;
}

function names(frame: DataFrame): string {
  const list = frame.fields.map((f) => `\`${f.name}\``);
  return list.length === 0 ? 'no fields' : `the fields ${list.join(', ')}`;
}

/**
 * The events in a panel's frames, newest first when several frames are merged.
 * @example eventsFromFrames([logLinesFrame]) // { kind: 'events', events: [{ id, time, raw, fields: { host: 'web-1' } }], searchWords: ['error'] }
 */
export function eventsFromFrames(frames: readonly DataFrame[]): EventsResult {
  const withRows = frames.filter((f) => f.length > 0);
  if (withRows.length === 0) return { kind: 'empty' };
  const events: NexusEvent[] = [];
  const words = new Set<string>();
  const problems: string[] = [];
  withRows.forEach((frame, at) => {
    const got = isLogLines(frame) ? fromLogLines(frame, at) : fromTable(frame, at);
    if (typeof got === 'string') {
      problems.push(got);
      return;
    }
    for (const e of got) events.push(e);
    for (const w of frame.meta?.searchWords ?? []) if (w.trim() !== '') words.add(w);
  });
  if (events.length === 0) return { kind: 'wrong-shape', message: problems[0] ?? 'no events' };
  if (withRows.length > 1) {
    // Several queries: one list, newest first as in Splunk (sort is stable, rows keep their order on ties).
    events.sort((a, b) => (b.time ?? -Infinity) - (a.time ?? -Infinity));
  }
  return { kind: 'events', events, searchWords: [...words] };
}
