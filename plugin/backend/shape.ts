// Turns a `/query/spl` result into Grafana frames: a wide time series, a log-lines frame, or a table.

import { createHash } from 'node:crypto';
import type { Field, Frame, FrameMeta, Notice } from './frame.ts';
import type { ResultColumn, SplResult } from './nexus.ts';

export type ResultKind = 'timeseries' | 'logs' | 'table';

/** The query's `format` (plugin/src/types.ts `ResultFormat`). */
export type ResultFormat = 'auto' | 'time_series' | 'table' | 'logs';

type ColumnKind = 'time' | 'number' | 'boolean' | 'string' | 'json';

const unwrap = (type: string): string => {
  const m = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type);
  return m?.[1] !== undefined ? unwrap(m[1]) : type;
};

/** How a ClickHouse column type maps onto a Grafana field type. */
export function columnKind(type: string): ColumnKind {
  const t = unwrap(type);
  if (/^(DateTime|Date)/.test(t)) return 'time';
  if (/^(U?Int\d+|Float\d+|Decimal)/.test(t)) return 'number';
  if (t === 'Bool') return 'boolean';
  if (/^(String|FixedString|Enum|UUID|IPv4|IPv6)/.test(t)) return 'string';
  return 'json';
}

/** The kind of frame a result becomes: events (`_raw`) are logs, `_time` plus numbers a time series. */
export function resultKind(columns: readonly ResultColumn[]): ResultKind {
  const names = new Set(columns.map((c) => c.name));
  if (names.has('_raw') && names.has('_time')) return 'logs';
  const time = columns.find((c) => c.name === '_time');
  if (time && columnKind(time.type) === 'time' && columns.length > 1) {
    if (columns.every((c) => c === time || columnKind(c.type) === 'number')) return 'timeseries';
  }
  return 'table';
}

const clickhouseTime = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?)?(Z)?$/;

/** `2026-12-03 21:25:38.123` (UTC, as nexus-api returns DateTime64) → epoch nanoseconds. */
export function toNanoseconds(v: unknown): bigint | null {
  if (typeof v === 'number' && Number.isFinite(v)) return BigInt(Math.round(v * 1000)) * 1_000_000n;
  if (typeof v !== 'string') return null;
  const m = clickhouseTime.exec(v);
  if (!m) {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? null : BigInt(ms) * 1_000_000n;
  }
  const ms = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
  const fraction = BigInt((m[7] ?? '').padEnd(9, '0') || '0');
  return BigInt(ms) * 1_000_000n + fraction;
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isNaN(n) ? null : n;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function fieldOf(name: string, kind: ColumnKind, values: readonly unknown[]): Field {
  switch (kind) {
    case 'time':
      return { name, type: 'time', values: values.map(toNanoseconds) };
    case 'number':
      return { name, type: 'number', values: values.map(toNumber) };
    case 'boolean':
      return {
        name,
        type: 'boolean',
        values: values.map((v) => (v === null || v === undefined ? null : Boolean(v))),
      };
    case 'string':
    case 'json':
      // Nested values are shown as their JSON text: a table cell, and a label value for alerts.
      return { name, type: 'string', values: values.map(toText) };
  }
}

/** A column that can hold multivalue fields: a list (`values()`, `split`) or a field that may be one. */
const listType = (type: string): boolean => /^(Array|Variant)\(/.test(unwrap(type));

/**
 * A table column: multivalue fields stay lists, as Grafana shows them (a JSON field, `other`), an empty
 * list is null; the other kinds as `fieldOf` gives them.
 */
function tableField(c: ResultColumn, values: readonly unknown[]): Field {
  if (!listType(c.type)) return fieldOf(c.name, columnKind(c.type), values);
  return {
    name: c.name,
    type: 'json',
    values: values.map((v) => (v === undefined || (Array.isArray(v) && v.length === 0) ? null : v)),
  };
}

/** A field name not yet used in the frame (Grafana frames may repeat names, Arrow JS readers may not). */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = seen.get(n) ?? 0;
    seen.set(n, k + 1);
    return k === 0 ? n : `${n} (${k + 1})`;
  });
}

/**
 * The split-by field of a final `timechart … by <field>`: the result names only the series values, so the
 * label key is read off the search text (a display hint; the search itself is compiled by nexus-api).
 */
export function timechartSplitField(spl: string): string | undefined {
  const last = /\|\s*timechart\b([^|]*)$/i.exec(spl);
  return last
    ? /\bby\s+([A-Za-z_][\w.]*)\s*(?:limit=\S+\s*|useother=\S+\s*|usenull=\S+\s*)*$/i.exec(last[1] ?? '')?.[1]
    : undefined;
}

export interface ShapeContext {
  readonly refId: string;
  readonly spl: string;
  /** Rows asked for, shown in `meta.custom.limit` and the truncation notice. */
  readonly limit: number;
  /** `auto` (or absent): the kind follows the columns (`resultKind`). */
  readonly format?: ResultFormat;
  /** Series names for time series: `{{label}}` placeholders filled from each series' labels. */
  readonly legendFormat?: string;
  /** Notices found while shaping (a format that does not fit the columns). */
  readonly notices?: readonly Notice[];
}

/**
 * A series name from a legend format: `{{host}}` becomes the series' `host` label; a placeholder without a
 * label becomes empty (as in Prometheus' legends). `{{__field}}` is the value column's name.
 *
 * @example legendName('{{host}} errors', { host: 'web01' }, 'count') // 'web01 errors'
 */
export function legendName(format: string, labels: Readonly<Record<string, string>>, field: string): string {
  return format.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (_m, key: string) =>
    key === '__field' ? field : (labels[key] ?? ''),
  );
}

function metaFor(result: SplResult, ctx: ShapeContext, extra: FrameMeta): FrameMeta {
  const notices: Notice[] = [
    ...(result.meta.truncated
      ? [
          {
            severity: 'warning' as const,
            text: `Limit reached: the result was cut at ${ctx.limit} rows; narrow the search or raise its limit.`,
          },
        ]
      : []),
    // The search's own messages (the expression `erex` learned), as Splunk shows a job's.
    ...(result.meta.messages ?? []).map((m) => ({ severity: 'info' as const, text: m.text })),
    ...(ctx.notices ?? []),
  ];
  return {
    ...extra,
    executedQueryString: result.meta.sql,
    ...(notices.length > 0 ? { notices } : {}),
    custom: {
      queryId: result.meta.queryId,
      rowsRead: result.meta.rowsRead,
      elapsedMs: result.meta.elapsedMs,
      truncated: result.meta.truncated,
      limit: ctx.limit,
      earliest: result.meta.earliest,
      latest: result.meta.latest,
    },
  };
}

function column(result: SplResult, at: number): unknown[] {
  return result.rows.map((r) => r[at]);
}

function timeseries(result: SplResult, ctx: ShapeContext): Frame {
  const at = result.columns.findIndex((c) => c.name === '_time');
  // Sorted by time with no null times, as Grafana's time series contract asks.
  const rows = result.rows
    .map((r) => ({ t: toNanoseconds(r[at]), r }))
    .filter((x): x is { t: bigint; r: unknown[] } => x.t !== null)
    .sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
  const split = timechartSplitField(ctx.spl);
  const fields: Field[] = [{ name: 'time', type: 'time', values: rows.map((x) => x.t) }];
  result.columns.forEach((c, i) => {
    if (i === at) return;
    const labels: Record<string, string> = split ? { [split]: c.name } : {};
    const name = ctx.legendFormat ? legendName(ctx.legendFormat, labels, c.name) : split ? c.name : undefined;
    fields.push({
      name: c.name,
      type: 'number',
      values: rows.map((x) => toNumber(x.r[i])),
      ...(split ? { labels } : {}),
      ...(name !== undefined ? { config: { displayNameFromDS: name } } : {}),
    });
  });
  return wideFrame(result, ctx, fields);
}

/** A `timeseries-wide` frame: the time field first, then one number field per series. */
function wideFrame(result: SplResult, ctx: ShapeContext, fields: readonly Field[]): Frame {
  return {
    name: ctx.refId,
    refId: ctx.refId,
    meta: metaFor(result, ctx, {
      type: 'timeseries-wide',
      typeVersion: [0, 1],
      preferredVisualisationType: 'graph',
    }),
    fields: withUniqueNames(fields),
  };
}

function withUniqueNames(fields: readonly Field[]): Field[] {
  const names = uniqueNames(fields.map((f) => f.name));
  return fields.map((f, i) => ({ ...f, name: names[i] ?? f.name }));
}

const severityKeys = ['level', 'severity', 'log_level', 'loglevel', 'lvl'];

function logs(result: SplResult, ctx: ShapeContext): Frame {
  const idx = (name: string): number => result.columns.findIndex((c) => c.name === name);
  const time = timeColumn(result.columns);
  const raw = idx('_raw');
  const fieldsAt = idx('_fields');
  const seen = new Map<string, number>();
  const timestamps: (bigint | null)[] = [];
  const bodies: (string | null)[] = [];
  const severities: (string | null)[] = [];
  const ids: string[] = [];
  const labels: Record<string, string>[] = [];
  for (const row of result.rows) {
    const ns = toNanoseconds(row[time]) ?? 0n;
    const l: Record<string, string> = {};
    const extra = fieldsAt >= 0 ? row[fieldsAt] : undefined;
    if (typeof extra === 'object' && extra !== null && !Array.isArray(extra)) {
      for (const [k, v] of Object.entries(extra as Record<string, unknown>)) {
        const text = toText(v);
        if (text !== null) l[k] = text;
      }
    }
    result.columns.forEach((c, i) => {
      if (i === time || i === raw || i === fieldsAt) return;
      const text = toText(row[i]);
      if (text !== null) l[c.name] = text;
    });
    // Without `_raw` (a table shown as logs) the line is its fields, `key="value"`.
    const body =
      raw >= 0
        ? (toText(row[raw]) ?? '')
        : Object.entries(l)
            .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
            .join(' ');
    const severity = severityKeys.map((k) => l[k]).find((v) => v !== undefined) ?? null;
    // Unique within the response and the same on every refresh: time, a hash of the line, a counter.
    const base = `${ns}_${createHash('sha1').update(body).digest('hex').slice(0, 12)}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    timestamps.push(ns);
    bodies.push(body);
    severities.push(severity);
    ids.push(n === 0 ? base : `${base}_${n}`);
    labels.push(l);
  }
  return {
    name: ctx.refId,
    refId: ctx.refId,
    meta: metaFor(result, ctx, {
      type: 'log-lines',
      typeVersion: [0, 0],
      preferredVisualisationType: 'logs',
    }),
    fields: [
      { name: 'timestamp', type: 'time', values: timestamps },
      { name: 'body', type: 'string', values: bodies },
      { name: 'severity', type: 'string', values: severities },
      { name: 'id', type: 'string', values: ids },
      { name: 'labels', type: 'json', values: labels },
    ],
  };
}

function table(result: SplResult, ctx: ShapeContext): Frame {
  const fields = result.columns.map((c, i) => tableField(c, column(result, i)));
  return {
    name: ctx.refId,
    refId: ctx.refId,
    meta: metaFor(result, ctx, { type: 'table', preferredVisualisationType: 'table' }),
    fields: withUniqueNames(fields),
  };
}

/**
 * The frame for one result.
 * @example framesOf({ columns: [{ name: 'host', type: 'String' }, { name: 'count', type: 'UInt64' }], … })
 *   // one `table` frame: host (string), count (number) → one alert instance per host
 */
export function frameOf(result: SplResult, ctx: ShapeContext): Frame {
  const auto = resultKind(result.columns);
  const format = ctx.format ?? 'auto';
  if (
    format === 'auto' ||
    (format === 'time_series' && auto === 'timeseries') ||
    (format === 'logs' && auto === 'logs')
  )
    return shapeAs(auto, result, ctx);
  if (format === 'table') return table(result, ctx);
  const time = timeColumn(result.columns);
  if (time < 0) {
    const text = `Format ${format === 'logs' ? 'logs' : 'time series'} needs a time column (\`_time\`); the result is shown as a table.`;
    return table(result, { ...ctx, notices: [{ severity: 'info', text }] });
  }
  return format === 'logs' ? logs(result, ctx) : longToWide(result, time, ctx);
}

function shapeAs(kind: ResultKind, result: SplResult, ctx: ShapeContext): Frame {
  switch (kind) {
    case 'timeseries':
      return timeseries(result, ctx);
    case 'logs':
      return logs(result, ctx);
    case 'table':
      return table(result, ctx);
  }
}

/** `_time`, else the first column of a time type; -1 when there is none. */
function timeColumn(columns: readonly ResultColumn[]): number {
  const named = columns.findIndex((c) => c.name === '_time');
  return named >= 0 ? named : columns.findIndex((c) => columnKind(c.type) === 'time');
}

/**
 * "Format as time series" for long results (`_time`, host, count): the string (and boolean) columns become
 * the labels of each series, the numeric columns its values, one field per (value column, label set),
 * sorted by time, as Grafana's `timeseries-wide`.
 */
function longToWide(result: SplResult, at: number, ctx: ShapeContext): Frame {
  const kinds = result.columns.map((c) => columnKind(c.type));
  const dims = result.columns.map((c, i) => ({ c, i })).filter(({ i }) => i !== at && kinds[i] !== 'number');
  const measures = result.columns
    .map((c, i) => ({ c, i }))
    .filter(({ i }) => i !== at && kinds[i] === 'number');
  const times: bigint[] = [];
  const timeIndex = new Map<bigint, number>();
  const series = new Map<
    string,
    { name: string; labels: Record<string, string>; cells: Map<number, number | null> }
  >();
  for (const row of result.rows) {
    const t = toNanoseconds(row[at]);
    if (t === null) continue;
    let ti = timeIndex.get(t);
    if (ti === undefined) {
      ti = times.length;
      times.push(t);
      timeIndex.set(t, ti);
    }
    const labels: Record<string, string> = {};
    for (const d of dims) labels[d.c.name] = toText(row[d.i]) ?? '';
    for (const m of measures) {
      const key = JSON.stringify([m.c.name, labels]);
      let s = series.get(key);
      if (!s) {
        s = { name: m.c.name, labels, cells: new Map() };
        series.set(key, s);
      }
      s.cells.set(ti, toNumber(row[m.i]));
    }
  }
  const order = times.map((t, i) => ({ t, i })).sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
  const fields: Field[] = [{ name: 'time', type: 'time', values: order.map((x) => x.t) }];
  for (const s of series.values()) {
    const name = ctx.legendFormat ? legendName(ctx.legendFormat, s.labels, s.name) : undefined;
    fields.push({
      name: s.name,
      type: 'number',
      values: order.map((x) => s.cells.get(x.i) ?? null),
      ...(dims.length > 0 ? { labels: s.labels } : {}),
      ...(name !== undefined ? { config: { displayNameFromDS: name } } : {}),
    });
  }
  return wideFrame(result, ctx, fields);
}
