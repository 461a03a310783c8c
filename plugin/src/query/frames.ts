// Result frames → what Grafana wants besides panels: variable options, annotations; and ad hoc filters → the query.

import type { AdHocVariableFilter, AnnotationEvent, DataFrame, Field, MetricFindValue } from '@grafana/data';
import type { AdhocFilter } from '../types.ts';

const text = (v: unknown): string | undefined => {
  if (v === null || v === undefined) return undefined;
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
};

/**
 * Variable options from a result: the first column is the value, the second (if any) the text shown.
 * Rows without a value are skipped, and a value is listed once (its first text wins).
 *
 * @example framesToMetricFindValues([frame(host: ['a', 'b'], name: ['Web A', null])])
 *   // [{ value: 'a', text: 'Web A' }, { value: 'b', text: 'b' }]
 */
export function framesToMetricFindValues(frames: readonly DataFrame[]): MetricFindValue[] {
  const frame = frames.find((f) => f.fields.length > 0);
  if (!frame) return [];
  const [valueField, textField] = frame.fields;
  const seen = new Set<string>();
  const out: MetricFindValue[] = [];
  for (let i = 0; i < frame.length; i++) {
    const value = text(valueField?.values[i]);
    if (value === undefined || seen.has(value)) continue;
    seen.add(value);
    out.push({ value, text: text(textField?.values[i]) ?? value });
  }
  return out;
}

/** Which fields give an annotation's title, text and tags (defaults in `framesToAnnotations`). */
export interface AnnotationFields {
  readonly titleField?: string;
  readonly textField?: string;
  readonly tagsField?: string;
}

/** One result row as named values; a log-lines frame's `labels` are spread, its body is `_raw`. */
function rowsOf(frame: DataFrame): {
  time: Field | undefined;
  rows: Record<string, unknown>[];
  strings: string[];
} {
  const isLogs = frame.meta?.type === 'log-lines';
  const rename = (name: string): string =>
    isLogs && name === 'body' ? '_raw' : isLogs && name === 'timestamp' ? '_time' : name;
  const time = frame.fields.find((f) => f.name === '_time') ?? frame.fields.find((f) => f.type === 'time');
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < frame.length; i++) {
    const row: Record<string, unknown> = {};
    for (const f of frame.fields) {
      const v: unknown = f.values[i];
      if (isLogs && f.name === 'labels' && typeof v === 'object' && v !== null) Object.assign(row, v);
      else row[rename(f.name)] = v;
    }
    rows.push(row);
  }
  const strings = frame.fields.filter((f) => f.type === 'string').map((f) => rename(f.name));
  return { time, rows, strings };
}

/** `tags` as a list: a multivalue field, a JSON list, or a comma-separated string. */
export function tagsOf(v: unknown): string[] {
  let list: unknown[];
  if (Array.isArray(v)) list = v;
  else if (typeof v === 'string' && v.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(v);
      list = Array.isArray(parsed) ? parsed : [v];
    } catch {
      list = v.split(',');
    }
  } else if (typeof v === 'string') list = v.split(',');
  else list = [];
  return list.map((t) => (text(t) ?? '').trim()).filter((t) => t !== '');
}

/**
 * Annotations from result frames: time from `_time` (else the first time field), title from `titleField`
 * (default `title`, else the first string column that is not the text or tags), text from `textField`
 * (default `text`, else `_raw`), tags from `tagsField` (default `tags`: a multivalue or comma list).
 * Rows without a time are skipped.
 */
export function framesToAnnotations(
  frames: readonly DataFrame[],
  o: AnnotationFields = {},
): AnnotationEvent[] {
  const out: AnnotationEvent[] = [];
  for (const frame of frames) {
    const { time, rows, strings } = rowsOf(frame);
    if (!time) continue;
    const first = rows[0] ?? {};
    const has = (name: string): boolean => name in first || strings.includes(name);
    const textField = o.textField || (has('text') ? 'text' : '_raw');
    const tagsField = o.tagsField || 'tags';
    const titleField =
      o.titleField ||
      (has('title')
        ? 'title'
        : strings.find(
            (s) => s !== textField && s !== tagsField && s !== '_raw' && s !== 'severity' && s !== 'id',
          ));
    const timeName = time.name === 'timestamp' && frame.meta?.type === 'log-lines' ? '_time' : time.name;
    for (const row of rows) {
      const t = row[timeName];
      const ms = typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : NaN;
      if (!Number.isFinite(ms)) continue;
      out.push({
        time: ms,
        title: titleField ? (text(row[titleField]) ?? '') : '',
        text: text(row[textField]) ?? '',
        tags: tagsOf(row[tagsField]),
      });
    }
  }
  return out;
}

/**
 * Grafana's ad hoc filters as the query carries them to the backend. Operators outside the search
 * language (`=~`, `!~`) are passed on as written: nexus-api answers with a clear error rather than the
 * filter being dropped silently.
 */
export function toAdhocFilters(filters: readonly AdHocVariableFilter[] | undefined): AdhocFilter[] {
  return (filters ?? []).map((f) => ({
    key: f.key,
    operator: f.operator,
    value: f.value,
    ...(f.values?.length ? { values: [...f.values] } : {}),
  }));
}

/**
 * Logs-volume frames as Grafana's Explore reads them: ONE level per frame (it styles, names and colours every
 * number field of a frame after the `level` label of the frame's first number field). The backend's
 * `timechart … count by <levelField>` is one wide frame with a field per level, so each number field becomes
 * its own frame (the time field and that field), labelled `level=<its value>` (the split field's label, else
 * the field's name).
 *
 * @example logsVolumeFrames([frame(time, error{level=error}, info{level=info})], 'level')
 *   // [frame(time, error{level=error}), frame(time, info{level=info})]
 */
export function logsVolumeFrames(frames: readonly DataFrame[], levelField: string): DataFrame[] {
  return frames.flatMap((frame) => {
    const time = frame.fields.find((f) => f.type === 'time');
    const values = frame.fields.filter((f) => f.type === 'number');
    if (!time || values.length === 0) return [frame];
    return values.map((f) => ({
      ...frame,
      fields: [time, { ...f, labels: { ...f.labels, level: f.labels?.[levelField] ?? f.name } }],
    }));
  });
}
