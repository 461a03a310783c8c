// Search results in Splunk's output modes: JSON (json, json_rows, json_cols), CSV, XML, raw, and export streams.

import type { JobMessage, JobResult } from './jobs.ts';

/** One result value as Splunk sends it: a string, a multivalue field, or absent (null). */
export type Cell = string | readonly string[] | undefined;

/** Results with Splunk's field order and values (every value a string). */
export interface SplunkResults {
  readonly fields: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export const RESULT_MODES = ['json', 'json_rows', 'json_cols', 'csv', 'xml'] as const;
export type ResultMode = (typeof RESULT_MODES)[number];
export const EXPORT_MODES = ['json', 'json_rows', 'json_cols', 'csv', 'xml', 'raw'] as const;
export type ExportMode = (typeof EXPORT_MODES)[number];

const DATETIME = /^(Nullable\()?DateTime(64)?(\(\d+)?(, ?'UTC')?\)?\)?$/;
const TIME_TEXT = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)$/;

/** A value of the query service as Splunk prints it (`_time` as `2024-05-01T10:00:00.000+00:00`). */
function cell(v: unknown, isTime: boolean): Cell {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) {
    const values = v.filter((x) => x !== null && x !== undefined).map((x) => text(x, isTime));
    return values.length === 0 ? undefined : values;
  }
  return text(v, isTime);
}

function text(v: unknown, isTime: boolean): string {
  if (typeof v === 'string') {
    const m = isTime ? TIME_TEXT.exec(v) : null;
    return m ? `${m[1]}T${m[2]}+00:00` : v;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/**
 * A job's rows in Splunk's terms, `offset`/`count` applied (`count` 0: all) and `fieldList` (Splunk's
 * `field_list`, `*` or absent: all) choosing and ordering the fields.
 */
export function splunkResults(
  result: JobResult,
  page: { offset: number; count: number; fieldList?: readonly string[] | undefined },
): SplunkResults {
  const names = result.columns.map((c) => c.name);
  const wanted =
    page.fieldList === undefined || page.fieldList.includes('*')
      ? names.map((_, i) => i)
      : page.fieldList.map((f) => names.indexOf(f)).filter((i) => i >= 0);
  const isTime = result.columns.map((c) => DATETIME.test(c.type));
  const end = page.count === 0 ? result.rows.length : page.offset + page.count;
  const rows = result.rows
    .slice(page.offset, end)
    .map((row) => wanted.map((i) => cell(row[i], isTime[i] ?? false)));
  return { fields: wanted.map((i) => names[i] ?? ''), rows };
}

/** Text for XML content or a quoted attribute: escaped, without the control characters XML 1.0 cannot carry. */
export function xmlText(s: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
  return clean.replace(
    /[&<>'"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );
}

const asObject = (
  fields: readonly string[],
  row: readonly Cell[],
): Record<string, string | readonly string[]> => {
  const o: Record<string, string | readonly string[]> = {};
  fields.forEach((f, i) => {
    const v = row[i];
    if (v !== undefined) o[f] = v;
  });
  return o;
};

const jsonCell = (v: Cell): string | readonly string[] | null => (v === undefined ? null : v);

/** Splunk's JSON results body for `json`, `json_rows` or `json_cols`. */
export function jsonResults(
  r: SplunkResults,
  mode: 'json' | 'json_rows' | 'json_cols',
  o: { offset: number; messages: readonly JobMessage[] },
): unknown {
  const head = { preview: false, init_offset: o.offset, messages: o.messages };
  if (mode === 'json') {
    return {
      ...head,
      fields: r.fields.map((name) => ({ name })),
      results: r.rows.map((row) => asObject(r.fields, row)),
      highlighted: {},
    };
  }
  if (mode === 'json_rows')
    return { ...head, fields: r.fields, rows: r.rows.map((row) => row.map(jsonCell)) };
  return {
    ...head,
    fields: r.fields,
    columns: r.fields.map((_, i) => r.rows.map((row) => jsonCell(row[i]))),
  };
}

function csvField(v: Cell): string {
  if (v === undefined) return '';
  // A multivalue field is one CSV field with its values on separate lines, as Splunk writes it.
  const s = typeof v === 'string' ? v : v.join('\n');
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvHeader = (fields: readonly string[]): string => `${fields.map(csvField).join(',')}\n`;
export const csvRow = (row: readonly Cell[]): string => `${row.map(csvField).join(',')}\n`;

export const XML_DECL = "<?xml version='1.0' encoding='UTF-8'?>\n";

export function xmlResultsHead(fields: readonly string[], messages: readonly JobMessage[] = []): string {
  const msgs =
    messages.length === 0
      ? ''
      : `<messages>\n${messages.map((m) => `  <msg type="${m.type}">${xmlText(m.text)}</msg>\n`).join('')}</messages>\n`;
  return `<results preview='0'>\n<meta>\n<fieldOrder>\n${fields.map((f) => `<field>${xmlText(f)}</field>\n`).join('')}</fieldOrder>\n</meta>\n${msgs}`;
}

export function xmlResult(fields: readonly string[], row: readonly Cell[], offset: number): string {
  let out = `\t<result offset='${offset}'>\n`;
  fields.forEach((f, i) => {
    const v = row[i];
    if (v === undefined) return;
    const k = xmlText(f);
    if (f === '_raw' && typeof v === 'string') {
      out += `\t\t<field k='${k}'>\n\t\t\t<v xml:space='preserve' trunc='0'>${xmlText(v)}</v>\n\t\t</field>\n`;
      return;
    }
    const values = typeof v === 'string' ? [v] : v;
    out += `\t\t<field k='${k}'>\n${values.map((x) => `\t\t\t<value><text>${xmlText(x)}</text></value>\n`).join('')}\t\t</field>\n`;
  });
  return `${out}\t</result>\n`;
}

/** A whole results body in `mode`, with its content type. */
export function formatResults(
  r: SplunkResults,
  mode: ResultMode,
  o: { offset: number; messages: readonly JobMessage[] },
): { contentType: string; body: string } {
  if (mode === 'csv') {
    // Splunk answers a search without results in CSV with an empty body.
    const body = r.fields.length === 0 ? '' : csvHeader(r.fields) + r.rows.map(csvRow).join('');
    return { contentType: 'text/csv; charset=UTF-8', body };
  }
  if (mode === 'xml') {
    const body =
      XML_DECL +
      xmlResultsHead(r.fields, o.messages) +
      r.rows.map((row, i) => xmlResult(r.fields, row, o.offset + i)).join('') +
      '</results>\n';
    return { contentType: 'text/xml; charset=UTF-8', body };
  }
  return { contentType: 'application/json; charset=UTF-8', body: JSON.stringify(jsonResults(r, mode, o)) };
}

/**
 * The pieces of an export stream (`/search/jobs/export`): a head, one chunk per result, a tail. JSON is one
 * object per line (`{"preview":false,"offset":N,"result":{…}}`, the last with `"lastrow":true`), as Splunk
 * streams it; `raw` is each result's `_raw` on a line of its own.
 */
export function exportStream(
  mode: ExportMode,
  fields: readonly string[],
  messages: readonly JobMessage[],
): {
  contentType: string;
  head: string;
  row: (row: readonly Cell[], offset: number, last: boolean) => string;
  tail: string;
} {
  switch (mode) {
    case 'csv':
      return {
        contentType: 'text/csv; charset=UTF-8',
        head: fields.length === 0 ? '' : csvHeader(fields),
        row: (row) => csvRow(row),
        tail: '',
      };
    case 'raw': {
      const at = fields.indexOf('_raw');
      return {
        contentType: 'text/plain; charset=UTF-8',
        head: '',
        row: (row) => {
          const v = at < 0 ? undefined : row[at];
          return v === undefined ? '' : `${typeof v === 'string' ? v : v.join('\n')}\n`;
        },
        tail: '',
      };
    }
    case 'xml':
      return {
        contentType: 'text/xml; charset=UTF-8',
        head: XML_DECL + xmlResultsHead(fields, messages),
        row: (row, offset) => xmlResult(fields, row, offset),
        tail: '</results>\n',
      };
    case 'json':
    case 'json_rows':
    case 'json_cols':
      return {
        contentType: 'application/json; charset=UTF-8',
        head: messages.length === 0 ? '' : `${JSON.stringify({ preview: false, messages })}\n`,
        row: (row, offset, last) =>
          `${JSON.stringify({ preview: false, offset, ...(last ? { lastrow: true } : {}), result: asObject(fields, row) })}\n`,
        tail: '',
      };
  }
}
