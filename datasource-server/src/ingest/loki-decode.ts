// Decodes Loki push bodies (JSON, or protobuf `logproto.PushRequest` after snappy) into log rows.

import type { LogRow } from '../store/types.ts';
import { HEC, IngestError, outsideRetention } from './errors.ts';
import {
  COLUMN_NAMES,
  dropColumnNames,
  emptyFields,
  extractKeyValues,
  extractKeyValuesPlain,
  mergeFields,
} from './fields.ts';
import type { Fields } from './fields.ts';
import { LabelsError, parseLabels } from './loki-labels.ts';
import { indexOf, isStorableMs, makeRow, metaString, retentionProblem } from './normalise.ts';
import type { IngestContext } from './normalise.ts';
import { ProtoError, ProtoReader, WIRE } from './protobuf.ts';

/**
 * Labels that fill the row's columns, first present wins. Every label but those named like a column is
 * also kept as a structured field.
 */
const HOST_LABELS = ['host', 'hostname'];
const SOURCE_LABELS = ['source', 'filename'];
const SOURCETYPE_LABELS = ['sourcetype', 'service_name', 'job'];

/** One log line of a stream, before mapping. */
interface Entry {
  /** Epoch ms, or undefined for the receive time (a protobuf entry without a timestamp). */
  ms: number | undefined;
  line: string;
  metadata: [string, string][];
}

interface Stream {
  labels: Map<string, string>;
  entries: Entry[];
}

const invalid = (message: string, event?: number): IngestError =>
  new IngestError(400, HEC.invalidFormat, message, event);

function first(labels: Map<string, string>, names: readonly string[]): string | undefined {
  for (const n of names) {
    const v = labels.get(n);
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

/**
 * The labels of a stream as pairs an ordinary object can take as keys, or undefined when the precise merge must
 * decide: a dotted name (which `resolveParents` may have to move) or a name `Object.prototype` has.
 */
function plainPairs(pairs: Iterable<[string, string]>): [string, string][] | undefined {
  const out: [string, string][] = [];
  for (const [k, v] of pairs) {
    if (k.includes('.') || k in Object.prototype) return undefined;
    out.push([k, v]);
  }
  return out;
}

/**
 * An entry's fields as `dropColumnNames(mergeFields(extractKeyValues(line), labels, metadata))` gives them, in an
 * ordinary object (half the cost of a null-prototype map to fill and to serialise), or undefined when that
 * could differ (see {@link plainPairs} and `extractKeyValuesPlain`): the precise merge then decides.
 */
function entryFieldsFast(e: Entry, labels: readonly [string, string][]): Fields | undefined {
  const fields = extractKeyValuesPlain(e.line);
  if (fields === undefined) return undefined;
  for (const [k, v] of labels) fields[k] = v;
  for (const [k, v] of e.metadata) {
    if (k === '') continue;
    if (k.includes('.') || k in Object.prototype) return undefined;
    fields[k] = v;
  }
  // No dotted key, so no parent to resolve; a column name is dropped (deleting keeps the others' order).
  for (const k of COLUMN_NAMES) if (k in fields) Reflect.deleteProperty(fields, k);
  return fields;
}

function streamsToRows(streams: Stream[], ctx: IngestContext): LogRow[] {
  const rows: LogRow[] = [];
  for (let si = 0; si < streams.length; si++) {
    const s = streams[si] as Stream;
    const index = indexOf(s.labels.get('index'), ctx.defaultIndex);
    if (index === undefined) {
      throw invalid(`stream ${si}: label index is not a valid index name`, rows.length);
    }
    const host = metaString(first(s.labels, HOST_LABELS), ctx.defaultHost) ?? ctx.defaultHost;
    const source = metaString(first(s.labels, SOURCE_LABELS), ctx.defaultSource) ?? ctx.defaultSource;
    const sourcetype =
      metaString(first(s.labels, SOURCETYPE_LABELS), ctx.defaultSourcetype) ?? ctx.defaultSourcetype;
    const plainLabels = plainPairs(s.labels);
    let labelFields: Fields | undefined;
    for (const e of s.entries) {
      let fields = plainLabels === undefined ? undefined : entryFieldsFast(e, plainLabels);
      if (fields === undefined) {
        if (labelFields === undefined) {
          labelFields = emptyFields();
          for (const [k, v] of s.labels) labelFields[k] = v;
        }
        const meta = emptyFields();
        for (const [k, v] of e.metadata) if (k !== '') meta[k] = v;
        // Structured metadata wins over stream labels, which win over key=value pairs of the line.
        fields = dropColumnNames(mergeFields(extractKeyValues(e.line), labelFields, meta));
      }
      const time = e.ms ?? ctx.receivedMs;
      const late = retentionProblem(ctx, time);
      if (late !== undefined) throw outsideRetention(rows.length, late);
      rows.push(
        makeRow(ctx, { index, time, host, source, sourcetype, raw: e.line, fields, event: rows.length }),
      );
    }
  }
  return rows;
}

// ── JSON ─────────────────────────────────────────────────────────────────────────────────────────

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NANOS = /^\d{1,19}$/;

/** Where an entry is, for an error (built only when there is one). */
const at = (si: number, vi: number): string => `streams[${si}].values[${vi}]`;

/**
 * `nanosToMs(BigInt(ts))` for a string of 1 to 19 digits, without a BigInt per entry: the milliseconds are the
 * digits before the last six (at most 13 digits, exact in a double), truncated as `nanosToMs` truncates.
 */
function nanosTextToMs(ts: string): number | null {
  const ms = ts.length > 6 ? Number(ts.slice(0, ts.length - 6)) : 0;
  return isStorableMs(ms) ? ms : null;
}

function jsonStream(s: unknown, si: number, entryBase: number): Stream {
  if (!isPlainObject(s)) throw invalid(`streams[${si}] is not an object`, entryBase);
  const labels = new Map<string, string>();
  const stream = s['stream'] ?? {};
  if (!isPlainObject(stream)) throw invalid(`streams[${si}].stream is not an object`, entryBase);
  for (const [k, v] of Object.entries(stream)) {
    if (typeof v !== 'string') throw invalid(`streams[${si}].stream.${k} is not a string`, entryBase);
    if (k === '') throw invalid(`streams[${si}].stream has an empty label name`, entryBase);
    labels.set(k, v);
  }
  const values = s['values'] ?? [];
  if (!Array.isArray(values)) throw invalid(`streams[${si}].values is not an array`, entryBase);
  const entries: Entry[] = [];
  for (let vi = 0; vi < values.length; vi++) {
    const v: unknown = values[vi];
    const n = entryBase + vi;
    if (!Array.isArray(v) || v.length < 2 || v.length > 3) {
      throw invalid(
        `${at(si, vi)} must be ["<unix epoch in nanoseconds>", "<log line>"] with optional metadata`,
        n,
      );
    }
    const ts: unknown = v[0];
    const line: unknown = v[1];
    const meta: unknown = v[2];
    if (typeof ts !== 'string' || !NANOS.test(ts)) {
      throw invalid(`${at(si, vi)}: the timestamp must be a string of Unix epoch nanoseconds`, n);
    }
    const ms = nanosTextToMs(ts);
    if (ms === null) throw invalid(`${at(si, vi)}: timestamp out of range (1900..2299)`, n);
    if (typeof line !== 'string') throw invalid(`${at(si, vi)}: the log line must be a string`, n);
    const metadata: [string, string][] = [];
    if (meta !== undefined && meta !== null) {
      if (!isPlainObject(meta)) throw invalid(`${at(si, vi)}: structured metadata must be an object`, n);
      for (const [k, mv] of Object.entries(meta)) {
        if (typeof mv !== 'string') {
          throw invalid(`${at(si, vi)}: structured metadata ${k} is not a string`, n);
        }
        metadata.push([k, mv]);
      }
    }
    entries.push({ ms, line, metadata });
  }
  return { labels, entries };
}

/**
 * `{"streams":[{"stream":{labels},"values":[["<ns>","line"],["<ns>","line",{metadata}]]}]}`.
 * Throws IngestError 400 naming the first bad stream or entry.
 */
export function decodeLokiJson(text: string, ctx: IngestContext): LogRow[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid('the body is not valid JSON');
  }
  if (!isPlainObject(body) || !Array.isArray(body['streams'])) {
    throw invalid('the body must be an object with a "streams" array');
  }
  let base = 0;
  const streams = body['streams'].map((s, si) => {
    const stream = jsonStream(s, si, base);
    base += stream.entries.length;
    return stream;
  });
  return streamsToRows(streams, ctx);
}

// ── Protobuf ─────────────────────────────────────────────────────────────────────────────────────

const MAX_SECONDS = 10_000_000_000_000n;

function timestampMs(r: ProtoReader): number | null {
  let seconds = 0n;
  let nanos = 0;
  while (!r.done()) {
    const f = r.next();
    if (f.field === 1 && r.expect(f, WIRE.varint, 'Timestamp.seconds')) seconds = r.int64();
    else if (f.field === 2 && r.expect(f, WIRE.varint, 'Timestamp.nanos')) nanos = r.uint32() | 0;
    else r.skip(f);
  }
  if (nanos < 0 || nanos > 999_999_999 || seconds > MAX_SECONDS || seconds < -MAX_SECONDS) return null;
  const ms = Number(seconds) * 1000 + Math.floor(nanos / 1_000_000);
  return isStorableMs(ms) ? ms : null;
}

function labelPair(r: ProtoReader): [string, string] {
  let name = '';
  let value = '';
  while (!r.done()) {
    const f = r.next();
    if (f.field === 1 && r.expect(f, WIRE.bytes, 'LabelPairAdapter.name')) name = r.string();
    else if (f.field === 2 && r.expect(f, WIRE.bytes, 'LabelPairAdapter.value')) value = r.string();
    else r.skip(f);
  }
  return [name, value];
}

function protoEntry(r: ProtoReader, n: number): Entry {
  const entry: Entry = { ms: undefined, line: '', metadata: [] };
  while (!r.done()) {
    const f = r.next();
    if (f.field === 1 && r.expect(f, WIRE.bytes, 'EntryAdapter.timestamp')) {
      const ms = timestampMs(r.message());
      if (ms === null) throw invalid(`entry ${n}: timestamp out of range (1900..2299)`, n);
      entry.ms = ms;
    } else if (f.field === 2 && r.expect(f, WIRE.bytes, 'EntryAdapter.line')) entry.line = r.string();
    else if (f.field === 3 && r.expect(f, WIRE.bytes, 'EntryAdapter.structuredMetadata')) {
      entry.metadata.push(labelPair(r.message()));
    } else r.skip(f);
  }
  return entry;
}

function protoStream(r: ProtoReader, si: number, entryBase: number): Stream {
  let labelText: string | undefined;
  const entries: Entry[] = [];
  while (!r.done()) {
    const f = r.next();
    if (f.field === 1 && r.expect(f, WIRE.bytes, 'StreamAdapter.labels')) labelText = r.string();
    else if (f.field === 2 && r.expect(f, WIRE.bytes, 'StreamAdapter.entries')) {
      entries.push(protoEntry(r.message(), entryBase + entries.length));
    } else r.skip(f);
  }
  let labels: Map<string, string>;
  try {
    labels = parseLabels(labelText ?? '{}');
  } catch (err) {
    if (err instanceof LabelsError) throw invalid(`stream ${si}: ${err.message}`, entryBase);
    throw err;
  }
  return { labels, entries };
}

/**
 * A decompressed `logproto.PushRequest` (streams = 1; StreamAdapter labels = 1, entries = 2, hash = 3;
 * EntryAdapter timestamp = 1, line = 2, structuredMetadata = 3). Unknown fields are skipped; malformed
 * bytes, wrong wire types and bad label sets are IngestError 400.
 */
export function decodeLokiProto(body: Uint8Array, ctx: IngestContext): LogRow[] {
  const streams: Stream[] = [];
  let base = 0;
  try {
    const r = new ProtoReader(body);
    while (!r.done()) {
      const f = r.next();
      if (f.field === 1 && r.expect(f, WIRE.bytes, 'PushRequest.streams')) {
        const s = protoStream(r.message(), streams.length, base);
        base += s.entries.length;
        streams.push(s);
      } else r.skip(f);
    }
  } catch (err) {
    if (err instanceof ProtoError) throw invalid(`cannot decode the PushRequest: ${err.message}`);
    throw err;
  }
  return streamsToRows(streams, ctx);
}
