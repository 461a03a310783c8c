// Decodes Splunk HEC bodies (concatenated JSON event envelopes, or raw lines) into log rows.

import type { LogRow, MetricRow } from '../store/types.ts';
import { HEC, IngestError, badEvent, outsideRetention } from './errors.ts';
import {
  emptyFields,
  extractKeyValues,
  flattenObject,
  indexedFields,
  mergeFields,
  resolveParents,
} from './fields.ts';
import type { Fields } from './fields.ts';
import { pushSample } from './metric-samples.ts';
import { epochSecondsToMs, indexOf, makeRow, metaString, retentionProblem } from './normalise.ts';
import type { IngestContext } from './normalise.ts';

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * The JSON objects of a body of concatenated objects (`{...}{...}` or whitespace-separated), parsed one
 * at a time, so a caller validating each as it comes reports the first bad event, parse error or not.
 * Throws HEC code 6 with the 0-based number of the first object that is not valid JSON.
 *
 * Most clients send one object per line: a line that starts with `{`, ends with `}` and parses is exactly
 * one object, so it is taken with one `JSON.parse` and no scan. Anything else (several objects on a line,
 * an object over several lines, a bad object) goes through the scanner from the start of that line.
 */
export function* jsonObjects(text: string): Generator<unknown, void, undefined> {
  const n = text.length;
  let i = 0;
  let count = 0;
  // The end of the line the fast path last looked at, and whether it failed there: a line is tried at most
  // once, so a long line of many objects costs one failed parse, not one per object.
  let eol = -1;
  let slowLine = false;
  while (i < n) {
    while (i < n && isWs(text.charCodeAt(i))) i++;
    if (i >= n) break;
    if (text.charCodeAt(i) !== 0x7b /* { */) throw badEvent(HEC.invalidFormat, count);
    if (i > eol) {
      eol = text.indexOf('\n', i);
      if (eol < 0) eol = n;
      slowLine = false;
    }
    if (!slowLine) {
      let last = eol - 1;
      while (last > i && isWs(text.charCodeAt(last))) last--;
      let parsed: unknown;
      let ok = false;
      if (text.charCodeAt(last) === 0x7d /* } */) {
        try {
          parsed = JSON.parse(text.slice(i, last + 1));
          ok = true;
        } catch {
          // not one object: the scanner below finds where it ends and whether it is valid
        }
      }
      if (ok) {
        i = eol;
        count++;
        yield parsed;
        continue;
      }
      slowLine = true;
    }
    const start = i;
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 0x5c /* \ */) i++;
        else if (c === 0x22 /* " */) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) break;
      }
    }
    if (depth !== 0 || i >= n) throw badEvent(HEC.invalidFormat, count);
    i++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.slice(start, i));
    } catch {
      throw badEvent(HEC.invalidFormat, count);
    }
    count++;
    yield parsed;
  }
}

/** All the objects of a body (see {@link jsonObjects}). */
export function splitJsonObjects(text: string): unknown[] {
  return [...jsonObjects(text)];
}

/**
 * A HEC metric event: `"event":"metric"` with `fields` naming `metric_name` (single-metric format) or
 * `metric_name:<name>` keys (multiple-metric format).
 */
function isMetricEvent(event: unknown, fields: unknown): boolean {
  return (
    event === 'metric' &&
    isPlainObject(fields) &&
    Object.keys(fields).some((k) => k === 'metric_name' || k.startsWith('metric_name:'))
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The index of an event. One the token may not write is noted in `batch.refusal` (the first such event):
 * the request is refused with it once the whole body decoded and its events were counted.
 */
function eventIndex(
  env: Record<string, unknown>,
  n: number,
  ctx: IngestContext,
  batch: HecBatch,
  allowed?: readonly string[],
): string {
  const index = indexOf(env['index'], ctx.defaultIndex);
  if (index === undefined) throw badEvent(HEC.incorrectIndex, n);
  if (allowed !== undefined && !allowed.includes(index)) {
    batch.refusal ??= badEvent(HEC.incorrectIndex, n, `this token may not write to index \`${index}\``);
  }
  return index;
}

/** An event's time, host, source and sourcetype (defaults from the request); code 6 when invalid. */
function eventMeta(env: Record<string, unknown>, n: number, ctx: IngestContext) {
  const time = epochSecondsToMs(env['time'], ctx.receivedMs);
  const host = metaString(env['host'], ctx.defaultHost);
  const source = metaString(env['source'], ctx.defaultSource);
  const sourcetype = metaString(env['sourcetype'], ctx.defaultSourcetype);
  if (time === null || host === undefined || source === undefined || sourcetype === undefined) {
    throw badEvent(HEC.invalidFormat, n);
  }
  const late = retentionProblem(ctx, time);
  if (late !== undefined) throw outsideRetention(n, late);
  return { time, host, source, sourcetype };
}

/** A metric value: a number or a numeric string (Splunk accepts both); undefined otherwise. */
function metricValue(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A metric event (Splunk's HEC metrics format, "Send metrics in JSON format"; the multiple-metric form is
 * Splunk 8.0's, as Telegraf's splunkmetric serializer documents and sends it) as samples. Single-metric: `fields.metric_name` and
 * `fields._value`. Multiple-metric: one `"metric_name:<name>": <value>` key per metric. Every other field,
 * and the event's host, source and sourcetype, are dimensions of each sample; `time` as for log events.
 */
function metricSamples(
  env: Record<string, unknown>,
  fields: Record<string, unknown>,
  n: number,
  ctx: IngestContext,
  allowed: readonly string[] | undefined,
  batch: HecBatch,
): void {
  const index = eventIndex(env, n, ctx, batch, allowed);
  const { time, host, source, sourcetype } = eventMeta(env, n, ctx);
  const metrics: [string, unknown][] = [];
  const labels: Record<string, string> = { host, source, sourcetype };
  for (const [k, v] of Object.entries(fields)) {
    if (k.startsWith('metric_name:')) metrics.push([k.slice('metric_name:'.length), v]);
    else if (k === 'metric_name' || k === '_value') continue;
    // The tenant and the index are never dimensions (the contract of the `metrics` table).
    else if (k === 'org_id' || k === 'index' || k === '__name__') continue;
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      if (v !== '') labels[k] = String(v);
    } else
      throw badEvent(
        HEC.indexedFields,
        n,
        `metric event: dimension ${JSON.stringify(k)} must be a string or number`,
      );
  }
  if ('metric_name' in fields) metrics.push([String(fields['metric_name']), fields['_value']]);
  for (const [name, raw] of metrics) {
    const value = metricValue(raw);
    if (name === '' || value === undefined) {
      throw badEvent(
        HEC.invalidFormat,
        n,
        `metric event: metric ${JSON.stringify(name)} needs a numeric value`,
      );
    }
    pushSample(batch.samples, ctx, { metric_name: name, index, labels }, time, value, `event ${n}`);
  }
}

function envelopeToRow(
  env: unknown,
  n: number,
  ctx: IngestContext,
  allowed: readonly string[] | undefined,
  batch: HecBatch,
): LogRow | undefined {
  if (!isPlainObject(env)) throw badEvent(HEC.invalidFormat, n);
  const event = env['event'];
  if (event === undefined || event === null) throw badEvent(HEC.eventRequired, n);
  const rawFields = env['fields'];
  if (isMetricEvent(event, rawFields) && isPlainObject(rawFields)) {
    metricSamples(env, rawFields, n, ctx, allowed, batch);
    return undefined;
  }
  let raw: string;
  let own: Fields;
  if (typeof event === 'string') {
    if (event.trim() === '') throw badEvent(HEC.eventBlank, n);
    raw = event;
    own = extractKeyValues(event);
  } else if (typeof event === 'number' || typeof event === 'boolean') {
    raw = String(event);
    own = emptyFields();
  } else {
    if (isPlainObject(event) && Object.keys(event).length === 0) throw badEvent(HEC.eventBlank, n);
    raw = JSON.stringify(event);
    own = isPlainObject(event) ? flattenObject(event) : {};
  }
  const explicit = indexedFields(rawFields);
  if (explicit === undefined) throw badEvent(HEC.indexedFields, n);
  const index = eventIndex(env, n, ctx, batch, allowed);
  const { time, host, source, sourcetype } = eventMeta(env, n, ctx);
  // `own` is this event's own map: without indexed fields it is the result, resolved in place.
  const fields = Object.keys(explicit).length === 0 ? resolveParents(own) : mergeFields(own, explicit);
  return makeRow(ctx, { index, time, host, source, sourcetype, raw, fields, event: n });
}

/** A `/services/collector/event` body: its log events as rows, its metric events as samples. */
export interface HecBatch {
  rows: LogRow[];
  samples: MetricRow[];
  /** The first event naming an index the token may not write (code 7): the request is refused with it. */
  refusal?: IngestError;
}

/**
 * The `/services/collector/event` body: all events, or an error for the first bad one (log or metric).
 * With `allowedIndexes`, an event naming another index refuses the request with its event number.
 */
export function decodeHecEvents(
  text: string,
  ctx: IngestContext,
  allowedIndexes?: readonly string[],
): HecBatch {
  const batch: HecBatch = { rows: [], samples: [] };
  let n = 0;
  for (const envelope of jsonObjects(text)) {
    const row = envelopeToRow(envelope, n++, ctx, allowedIndexes, batch);
    if (row !== undefined) batch.rows.push(row);
  }
  if (n === 0) throw new IngestError(400, HEC.noData);
  return batch;
}

export interface RawMeta {
  host?: string | undefined;
  source?: string | undefined;
  sourcetype?: string | undefined;
  index?: string | undefined;
}

/**
 * The `/services/collector/raw` body: one event per non-empty line (any run of CR/LF breaks lines, as
 * Splunk's default `LINE_BREAKER = ([\r\n]+)`), metadata from the query string.
 */
export function decodeHecRaw(text: string, meta: RawMeta, ctx: IngestContext): LogRow[] {
  const index = indexOf(meta.index, ctx.defaultIndex);
  if (index === undefined) throw new IngestError(400, HEC.incorrectIndex);
  const host = metaString(meta.host, ctx.defaultHost) ?? ctx.defaultHost;
  const source = metaString(meta.source, ctx.defaultSource) ?? ctx.defaultSource;
  const sourcetype = metaString(meta.sourcetype, ctx.defaultSourcetype) ?? ctx.defaultSourcetype;
  const rows: LogRow[] = [];
  for (const line of text.split(/[\r\n]+/)) {
    if (line.trim() === '') continue;
    rows.push(
      makeRow(ctx, {
        index,
        time: ctx.receivedMs,
        host,
        source,
        sourcetype,
        raw: line,
        fields: resolveParents(extractKeyValues(line)),
        event: rows.length,
      }),
    );
  }
  if (rows.length === 0) throw new IngestError(400, HEC.noData);
  return rows;
}
