// Reference (the decoder before the per-event fast path, kept for the equivalence test): Decodes Loki push bodies (JSON, or protobuf `logproto.PushRequest` after snappy) into log rows.

import type { LogRow } from '../../../src/store/types.ts';
import { HEC, IngestError, outsideRetention } from '../../../src/ingest/errors.ts';
import { dropColumnNames, emptyFields, extractKeyValues, mergeFields } from '../../../src/ingest/fields.ts';
import type { Fields } from '../../../src/ingest/fields.ts';
import { LabelsError, parseLabels } from '../../../src/ingest/loki-labels.ts';
import {
  indexOf,
  isStorableMs,
  makeRow,
  metaString,
  nanosToMs,
  retentionProblem,
} from '../../../src/ingest/normalise.ts';
import type { IngestContext } from '../../../src/ingest/normalise.ts';
import { ProtoError, ProtoReader, WIRE } from '../../../src/ingest/protobuf.ts';

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

function streamsToRows(streams: Stream[], ctx: IngestContext): LogRow[] {
  const rows: LogRow[] = [];
  streams.forEach((s, si) => {
    const index = indexOf(s.labels.get('index'), ctx.defaultIndex);
    if (index === undefined) {
      throw invalid(`stream ${si}: label index is not a valid index name`, rows.length);
    }
    const host = metaString(first(s.labels, HOST_LABELS), ctx.defaultHost) ?? ctx.defaultHost;
    const source = metaString(first(s.labels, SOURCE_LABELS), ctx.defaultSource) ?? ctx.defaultSource;
    const sourcetype =
      metaString(first(s.labels, SOURCETYPE_LABELS), ctx.defaultSourcetype) ?? ctx.defaultSourcetype;
    const labelFields = emptyFields();
    for (const [k, v] of s.labels) labelFields[k] = v;
    for (const e of s.entries) {
      const meta = emptyFields();
      for (const [k, v] of e.metadata) if (k !== '') meta[k] = v;
      // Structured metadata wins over stream labels, which win over key=value pairs of the line.
      const fields: Fields = dropColumnNames(mergeFields(extractKeyValues(e.line), labelFields, meta));
      const time = e.ms ?? ctx.receivedMs;
      const late = retentionProblem(ctx, time);
      if (late !== undefined) throw outsideRetention(rows.length, late);
      rows.push(
        makeRow(ctx, { index, time, host, source, sourcetype, raw: e.line, fields, event: rows.length }),
      );
    }
  });
  return rows;
}

// ── JSON ─────────────────────────────────────────────────────────────────────────────────────────

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NANOS = /^\d{1,19}$/;

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
  const entries = values.map((v: unknown, vi): Entry => {
    const at = `streams[${si}].values[${vi}]`;
    const n = entryBase + vi;
    if (!Array.isArray(v) || v.length < 2 || v.length > 3) {
      throw invalid(`${at} must be ["<unix epoch in nanoseconds>", "<log line>"] with optional metadata`, n);
    }
    const [ts, line, meta] = v as [unknown, unknown, unknown];
    if (typeof ts !== 'string' || !NANOS.test(ts)) {
      throw invalid(`${at}: the timestamp must be a string of Unix epoch nanoseconds`, n);
    }
    const ms = nanosToMs(BigInt(ts));
    if (ms === null) throw invalid(`${at}: timestamp out of range (1900..2299)`, n);
    if (typeof line !== 'string') throw invalid(`${at}: the log line must be a string`, n);
    const metadata: [string, string][] = [];
    if (meta !== undefined && meta !== null) {
      if (!isPlainObject(meta)) throw invalid(`${at}: structured metadata must be an object`, n);
      for (const [k, mv] of Object.entries(meta)) {
        if (typeof mv !== 'string') throw invalid(`${at}: structured metadata ${k} is not a string`, n);
        metadata.push([k, mv]);
      }
    }
    return { ms, line, metadata };
  });
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
