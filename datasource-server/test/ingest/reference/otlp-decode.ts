// Reference (the decoder before the per-record fast path, kept for the equivalence test): Decodes OTLP/HTTP logs (`ExportLogsServiceRequest`, protobuf or the OTLP JSON mapping) into log rows.

import type { LogRow } from '../../../src/store/types.ts';
import { HEC, IngestError } from '../../../src/ingest/errors.ts';
import {
  dropColumnNames,
  emptyFields,
  extractKeyValues,
  flattenObject,
  mergeFields,
} from '../../../src/ingest/fields.ts';
import type { Fields } from '../../../src/ingest/fields.ts';
import { indexOf, makeRow, metaString, nanosToMs, retentionProblem } from '../../../src/ingest/normalise.ts';
import type { IngestContext } from '../../../src/ingest/normalise.ts';
import { ProtoError, ProtoReader, WIRE } from '../../../src/ingest/protobuf.ts';

/** An attribute or body value, as the `fields` column takes it (int64 past 2^53 as text, bytes base64). */
export type OtlpValue = string | number | boolean | null | OtlpValue[] | { [key: string]: OtlpValue };
type Attributes = Record<string, OtlpValue>;

interface OtlpRecord {
  timeNs: bigint;
  observedNs: bigint;
  severityNumber: number;
  severityText: string;
  body: OtlpValue;
  attributes: Attributes;
  flags: number;
  /** Lower-case hex, '' when absent; undefined when malformed (the record is rejected). */
  traceId: string | undefined;
  spanId: string | undefined;
  eventName: string;
}

interface OtlpScope {
  name: string;
  version: string;
  attributes: Attributes;
  records: OtlpRecord[];
}

interface OtlpResource {
  attributes: Attributes;
  scopes: OtlpScope[];
}

/** What a request decodes to: the rows to store and the records refused (OTLP partial success). */
export interface OtlpDecoded {
  rows: LogRow[];
  rejected: number;
  /** Why records were refused (the first few), for `partial_success.error_message`. */
  errors: string[];
}

/** AnyValue nesting beyond this is refused (fields.ts flattens to the same depth). */
const MAX_DEPTH = 32;
const MAX_ERRORS = 5;
const UINT64_MAX = 2n ** 64n - 1n;

const undecodable = (message: string): IngestError =>
  new IngestError(400, HEC.invalidFormat, `cannot decode the ExportLogsServiceRequest: ${message}`);

const attrs = (): Attributes => Object.create(null) as Attributes;

function int64Value(v: bigint): OtlpValue {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : String(v);
}

function doubleValue(v: number): OtlpValue {
  return Number.isFinite(v) ? v : String(v);
}

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** Trace ids are 16 bytes, span ids 8; empty (absent) is allowed, all-zero counts as absent. */
function checkedId(id: string, bytes: number): string | undefined {
  if (id === '' || /^0+$/.test(id)) return '';
  return id.length === bytes * 2 ? id : undefined;
}

// ── Protobuf ─────────────────────────────────────────────────────────────────────────────────────

function protoAnyValue(r: ProtoReader, depth: number): OtlpValue {
  if (depth > MAX_DEPTH) throw new ProtoError(`AnyValue nested deeper than ${MAX_DEPTH}`);
  let value: OtlpValue = null;
  while (!r.done()) {
    const f = r.next();
    if (f.field === 1 && r.expect(f, WIRE.bytes, 'AnyValue.string_value')) value = r.string();
    else if (f.field === 2 && r.expect(f, WIRE.varint, 'AnyValue.bool_value')) value = r.bool();
    else if (f.field === 3 && r.expect(f, WIRE.varint, 'AnyValue.int_value')) value = int64Value(r.int64());
    else if (f.field === 4 && r.expect(f, WIRE.fixed64, 'AnyValue.double_value'))
      value = doubleValue(r.double());
    else if (f.field === 5 && r.expect(f, WIRE.bytes, 'AnyValue.array_value')) {
      const a = r.message();
      const values: OtlpValue[] = [];
      while (!a.done()) {
        const g = a.next();
        if (g.field === 1 && a.expect(g, WIRE.bytes, 'ArrayValue.values'))
          values.push(protoAnyValue(a.message(), depth + 1));
        else a.skip(g);
      }
      value = values;
    } else if (f.field === 6 && r.expect(f, WIRE.bytes, 'AnyValue.kvlist_value')) {
      const kv = r.message();
      const obj = attrs();
      while (!kv.done()) {
        const g = kv.next();
        if (g.field === 1 && kv.expect(g, WIRE.bytes, 'KeyValueList.values'))
          protoKeyValue(kv.message(), obj, depth + 1);
        else kv.skip(g);
      }
      value = obj;
    } else if (f.field === 7 && r.expect(f, WIRE.bytes, 'AnyValue.bytes_value')) {
      const b = r.bytes();
      value = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
    } else r.skip(f);
  }
  return value;
}

function protoKeyValue(r: ProtoReader, into: Attributes, depth: number): void {
  let key = '';
  let value: OtlpValue = null;
  while (!r.done()) {
    const f = r.next();
    if (f.field === 1 && r.expect(f, WIRE.bytes, 'KeyValue.key')) key = r.string();
    else if (f.field === 2 && r.expect(f, WIRE.bytes, 'KeyValue.value'))
      value = protoAnyValue(r.message(), depth);
    else r.skip(f);
  }
  if (key !== '') into[key] = value;
}

function protoRecord(r: ProtoReader): OtlpRecord {
  const rec: OtlpRecord = {
    timeNs: 0n,
    observedNs: 0n,
    severityNumber: 0,
    severityText: '',
    body: null,
    attributes: attrs(),
    flags: 0,
    traceId: '',
    spanId: '',
    eventName: '',
  };
  while (!r.done()) {
    const f = r.next();
    switch (f.field) {
      case 1:
        if (r.expect(f, WIRE.fixed64, 'LogRecord.time_unix_nano')) rec.timeNs = r.fixed64();
        break;
      case 2:
        if (r.expect(f, WIRE.varint, 'LogRecord.severity_number')) rec.severityNumber = r.uint32() | 0;
        break;
      case 3:
        if (r.expect(f, WIRE.bytes, 'LogRecord.severity_text')) rec.severityText = r.string();
        break;
      case 5:
        if (r.expect(f, WIRE.bytes, 'LogRecord.body')) rec.body = protoAnyValue(r.message(), 1);
        break;
      case 6:
        if (r.expect(f, WIRE.bytes, 'LogRecord.attributes')) protoKeyValue(r.message(), rec.attributes, 1);
        break;
      case 8:
        if (r.expect(f, WIRE.fixed32, 'LogRecord.flags')) rec.flags = r.fixed32();
        break;
      case 9:
        if (r.expect(f, WIRE.bytes, 'LogRecord.trace_id')) rec.traceId = checkedId(hex(r.bytes()), 16);
        break;
      case 10:
        if (r.expect(f, WIRE.bytes, 'LogRecord.span_id')) rec.spanId = checkedId(hex(r.bytes()), 8);
        break;
      case 11:
        if (r.expect(f, WIRE.fixed64, 'LogRecord.observed_time_unix_nano')) rec.observedNs = r.fixed64();
        break;
      case 12:
        if (r.expect(f, WIRE.bytes, 'LogRecord.event_name')) rec.eventName = r.string();
        break;
      default:
        r.skip(f);
    }
  }
  return rec;
}

function protoScope(r: ProtoReader, scope: OtlpScope): void {
  while (!r.done()) {
    const f = r.next();
    if (f.field === 1 && r.expect(f, WIRE.bytes, 'InstrumentationScope.name')) scope.name = r.string();
    else if (f.field === 2 && r.expect(f, WIRE.bytes, 'InstrumentationScope.version'))
      scope.version = r.string();
    else if (f.field === 3 && r.expect(f, WIRE.bytes, 'InstrumentationScope.attributes')) {
      protoKeyValue(r.message(), scope.attributes, 1);
    } else r.skip(f);
  }
}

function protoScopeLogs(r: ProtoReader): OtlpScope {
  const scope: OtlpScope = { name: '', version: '', attributes: attrs(), records: [] };
  while (!r.done()) {
    const f = r.next();
    if (f.field === 1 && r.expect(f, WIRE.bytes, 'ScopeLogs.scope')) protoScope(r.message(), scope);
    else if (f.field === 2 && r.expect(f, WIRE.bytes, 'ScopeLogs.log_records')) {
      scope.records.push(protoRecord(r.message()));
    } else r.skip(f);
  }
  return scope;
}

function protoResource(r: ProtoReader, into: Attributes): void {
  while (!r.done()) {
    const f = r.next();
    if (f.field === 1 && r.expect(f, WIRE.bytes, 'Resource.attributes')) protoKeyValue(r.message(), into, 1);
    else r.skip(f);
  }
}

function protoResourceLogs(r: ProtoReader): OtlpResource {
  const res: OtlpResource = { attributes: attrs(), scopes: [] };
  while (!r.done()) {
    const f = r.next();
    if (f.field === 1 && r.expect(f, WIRE.bytes, 'ResourceLogs.resource')) {
      protoResource(r.message(), res.attributes);
    } else if (f.field === 2 && r.expect(f, WIRE.bytes, 'ResourceLogs.scope_logs')) {
      res.scopes.push(protoScopeLogs(r.message()));
    } else r.skip(f);
  }
  return res;
}

function parseProto(body: Uint8Array): OtlpResource[] {
  const out: OtlpResource[] = [];
  try {
    const r = new ProtoReader(body);
    while (!r.done()) {
      const f = r.next();
      if (f.field === 1 && r.expect(f, WIRE.bytes, 'ExportLogsServiceRequest.resource_logs')) {
        out.push(protoResourceLogs(r.message()));
      } else r.skip(f);
    }
  } catch (err) {
    if (err instanceof ProtoError) throw undecodable(err.message);
    throw err;
  }
  return out;
}

// ── JSON (proto3 JSON mapping with OTLP's deviations: hex ids, integer enums) ────────────────────

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A field by its lowerCamelCase JSON name, or its proto name (which proto3 JSON parsers also accept). */
function get(o: Record<string, unknown>, camel: string, snake?: string): unknown {
  const v = o[camel] ?? (snake === undefined ? undefined : o[snake]);
  return v === null ? undefined : v;
}

function jsonObject(v: unknown, at: string): Record<string, unknown> {
  if (v === undefined) return {};
  if (!isPlainObject(v)) throw undecodable(`${at} is not an object`);
  return v;
}

function jsonArray(v: unknown, at: string): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw undecodable(`${at} is not an array`);
  return v;
}

function jsonString(v: unknown, at: string): string {
  if (v === undefined) return '';
  if (typeof v !== 'string') throw undecodable(`${at} is not a string`);
  return v;
}

/** A 64-bit integer: a JSON number or a decimal string. */
function jsonInt64(v: unknown, at: string, signed: boolean): bigint {
  if (v === undefined) return 0n;
  let n: bigint | undefined;
  if (typeof v === 'number' && Number.isInteger(v)) n = BigInt(v);
  else if (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) n = BigInt(v);
  const min = signed ? -(2n ** 63n) : 0n;
  const max = signed ? 2n ** 63n - 1n : UINT64_MAX;
  if (n === undefined || n < min || n > max) throw undecodable(`${at} is not a ${signed ? '' : 'u'}int64`);
  return n;
}

function jsonUint32(v: unknown, at: string): number {
  if (v === undefined) return 0;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw undecodable(`${at} is not a uint32`);
  }
  return n;
}

const SEVERITY_NAMES = ['UNSPECIFIED', 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].flatMap((s, i) =>
  i === 0 ? [s] : [s, `${s}2`, `${s}3`, `${s}4`],
);

function jsonSeverity(v: unknown, at: string): number {
  if (typeof v === 'string' && v.startsWith('SEVERITY_NUMBER_')) {
    const i = SEVERITY_NAMES.indexOf(v.slice('SEVERITY_NUMBER_'.length));
    if (i >= 0) return i;
  }
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw undecodable(`${at} is not a severity number`);
  return v;
}

function jsonHexId(v: unknown, at: string, bytes: number): string | undefined {
  const s = jsonString(v, at);
  return /^[0-9A-Fa-f]*$/.test(s) ? checkedId(s.toLowerCase(), bytes) : undefined;
}

function jsonAnyValue(v: unknown, at: string, depth: number): OtlpValue {
  if (depth > MAX_DEPTH) throw undecodable(`${at}: AnyValue nested deeper than ${MAX_DEPTH}`);
  if (v === undefined) return null;
  const o = jsonObject(v, at);
  const s = get(o, 'stringValue', 'string_value');
  if (s !== undefined) return jsonString(s, `${at}.stringValue`);
  const b = get(o, 'boolValue', 'bool_value');
  if (b !== undefined) {
    if (typeof b !== 'boolean') throw undecodable(`${at}.boolValue is not a boolean`);
    return b;
  }
  const i = get(o, 'intValue', 'int_value');
  if (i !== undefined) return int64Value(jsonInt64(i, `${at}.intValue`, true));
  const d = get(o, 'doubleValue', 'double_value');
  if (d !== undefined) {
    if (typeof d === 'number') return d;
    if (d === 'NaN' || d === 'Infinity' || d === '-Infinity') return d;
    if (typeof d === 'string' && d.trim() !== '' && Number.isFinite(Number(d))) return Number(d);
    throw undecodable(`${at}.doubleValue is not a number`);
  }
  const a = get(o, 'arrayValue', 'array_value');
  if (a !== undefined) {
    const values = jsonArray(get(jsonObject(a, `${at}.arrayValue`), 'values'), `${at}.arrayValue.values`);
    return values.map((e, n) => jsonAnyValue(e, `${at}.arrayValue.values[${n}]`, depth + 1));
  }
  const kv = get(o, 'kvlistValue', 'kvlist_value');
  if (kv !== undefined) {
    const values = jsonArray(get(jsonObject(kv, `${at}.kvlistValue`), 'values'), `${at}.kvlistValue.values`);
    return jsonAttributes(values, `${at}.kvlistValue.values`, depth + 1);
  }
  const by = get(o, 'bytesValue', 'bytes_value');
  if (by !== undefined) {
    const text = jsonString(by, `${at}.bytesValue`);
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) throw undecodable(`${at}.bytesValue is not base64`);
    return Buffer.from(text, 'base64').toString('base64');
  }
  return null;
}

function jsonAttributes(list: unknown[], at: string, depth: number): Attributes {
  const out = attrs();
  list.forEach((kv, n) => {
    const o = jsonObject(kv, `${at}[${n}]`);
    const key = jsonString(get(o, 'key'), `${at}[${n}].key`);
    if (key !== '') out[key] = jsonAnyValue(get(o, 'value'), `${at}[${n}].value`, depth);
  });
  return out;
}

function jsonRecord(v: unknown, at: string): OtlpRecord {
  const o = jsonObject(v, at);
  return {
    timeNs: jsonInt64(get(o, 'timeUnixNano', 'time_unix_nano'), `${at}.timeUnixNano`, false),
    observedNs: jsonInt64(
      get(o, 'observedTimeUnixNano', 'observed_time_unix_nano'),
      `${at}.observedTimeUnixNano`,
      false,
    ),
    severityNumber: jsonSeverity(get(o, 'severityNumber', 'severity_number'), `${at}.severityNumber`),
    severityText: jsonString(get(o, 'severityText', 'severity_text'), `${at}.severityText`),
    body: jsonAnyValue(get(o, 'body'), `${at}.body`, 1),
    attributes: jsonAttributes(jsonArray(get(o, 'attributes'), `${at}.attributes`), `${at}.attributes`, 1),
    flags: jsonUint32(get(o, 'flags'), `${at}.flags`),
    traceId: jsonHexId(get(o, 'traceId', 'trace_id'), `${at}.traceId`, 16),
    spanId: jsonHexId(get(o, 'spanId', 'span_id'), `${at}.spanId`, 8),
    eventName: jsonString(get(o, 'eventName', 'event_name'), `${at}.eventName`),
  };
}

function parseJson(text: string): OtlpResource[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw undecodable('the body is not valid JSON');
  }
  const root = jsonObject(body, 'the body');
  return jsonArray(get(root, 'resourceLogs', 'resource_logs'), 'resourceLogs').map((rl, i) => {
    const at = `resourceLogs[${i}]`;
    const o = jsonObject(rl, at);
    const resource = jsonObject(get(o, 'resource'), `${at}.resource`);
    return {
      attributes: jsonAttributes(
        jsonArray(get(resource, 'attributes'), `${at}.resource.attributes`),
        `${at}.resource.attributes`,
        1,
      ),
      scopes: jsonArray(get(o, 'scopeLogs', 'scope_logs'), `${at}.scopeLogs`).map((sl, j) => {
        const sat = `${at}.scopeLogs[${j}]`;
        const so = jsonObject(sl, sat);
        const scope = jsonObject(get(so, 'scope'), `${sat}.scope`);
        return {
          name: jsonString(get(scope, 'name'), `${sat}.scope.name`),
          version: jsonString(get(scope, 'version'), `${sat}.scope.version`),
          attributes: jsonAttributes(
            jsonArray(get(scope, 'attributes'), `${sat}.scope.attributes`),
            `${sat}.scope.attributes`,
            1,
          ),
          records: jsonArray(get(so, 'logRecords', 'log_records'), `${sat}.logRecords`).map((r, k) =>
            jsonRecord(r, `${sat}.logRecords[${k}]`),
          ),
        };
      }),
    };
  });
}

// ── Mapping ──────────────────────────────────────────────────────────────────────────────────────

function attrString(a: Attributes, key: string): string | undefined {
  const v = a[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function bodyToRaw(body: OtlpValue): { raw: string; fields: Fields } {
  if (typeof body === 'string') return { raw: body, fields: extractKeyValues(body) };
  if (body === null) return { raw: '', fields: emptyFields() };
  if (Array.isArray(body)) return { raw: JSON.stringify(body), fields: emptyFields() };
  if (typeof body === 'object') return { raw: JSON.stringify(body), fields: flattenObject(body) };
  return { raw: String(body), fields: emptyFields() };
}

/** Why a record cannot be stored, or undefined. */
function recordProblem(rec: OtlpRecord, time: number | null, index: string | undefined): string | undefined {
  if (time === null) return 'time_unix_nano is outside 1900..2299';
  if (index === undefined) return 'attribute nexus.index is not a valid index name';
  if (rec.traceId === undefined) return 'trace_id must be 16 bytes';
  if (rec.spanId === undefined) return 'span_id must be 8 bytes';
  return undefined;
}

function toRows(resources: OtlpResource[], ctx: IngestContext): OtlpDecoded {
  const out: OtlpDecoded = { rows: [], rejected: 0, errors: [] };
  let n = 0;
  for (const res of resources) {
    const host = metaString(attrString(res.attributes, 'host.name'), ctx.defaultHost) ?? ctx.defaultHost;
    const sourcetype =
      metaString(attrString(res.attributes, 'service.name'), ctx.defaultSourcetype) ?? ctx.defaultSourcetype;
    const resFields = flattenObject(res.attributes);
    for (const scope of res.scopes) {
      const scopeFields = flattenObject(scope.attributes);
      if (scope.name !== '') scopeFields['scope.name'] = scope.name;
      if (scope.version !== '') scopeFields['scope.version'] = scope.version;
      for (const rec of scope.records) {
        const at = n++;
        const ns = rec.timeNs !== 0n ? rec.timeNs : rec.observedNs;
        const time = ns !== 0n ? nanosToMs(ns) : ctx.receivedMs;
        const index = indexOf(
          attrString(rec.attributes, 'nexus.index') ?? attrString(res.attributes, 'nexus.index'),
          ctx.defaultIndex,
        );
        const problem =
          recordProblem(rec, time, index) ?? (time === null ? undefined : retentionProblem(ctx, time));
        if (problem !== undefined || time === null || index === undefined) {
          out.rejected++;
          if (out.errors.length < MAX_ERRORS) out.errors.push(`log record ${at}: ${problem ?? 'invalid'}`);
          continue;
        }
        const source =
          metaString(
            attrString(rec.attributes, 'log.file.path') ?? attrString(rec.attributes, 'log.file.name'),
            ctx.defaultSource,
          ) ?? ctx.defaultSource;
        const { raw, fields: bodyFields } = bodyToRaw(rec.body);
        const own = emptyFields();
        if (rec.severityText !== '') own['severity_text'] = rec.severityText;
        if (rec.severityNumber !== 0) own['severity_number'] = rec.severityNumber;
        if (rec.traceId) own['trace_id'] = rec.traceId;
        if (rec.spanId) own['span_id'] = rec.spanId;
        if ((rec.flags & 0xff) !== 0) own['trace_flags'] = rec.flags & 0xff;
        if (rec.eventName !== '') own['event_name'] = rec.eventName;
        const fields = dropColumnNames(
          mergeFields(bodyFields, resFields, scopeFields, flattenObject(rec.attributes), own),
        );
        try {
          out.rows.push(makeRow(ctx, { index, time, host, source, sourcetype, raw, fields, event: at }));
        } catch (err) {
          // An event the store cannot hold (storable.ts) is refused alone, as partial success.
          if (!(err instanceof IngestError)) throw err;
          out.rejected++;
          if (out.errors.length < MAX_ERRORS) out.errors.push(err.message);
        }
      }
    }
  }
  return out;
}

/**
 * An `ExportLogsServiceRequest` as rows. `format` is the request's encoding. A body that cannot be
 * decoded is IngestError 400 (nothing stored); records that decode but cannot be stored (time out of
 * range, bad ids, bad index) are counted in `rejected` and the rest are stored (OTLP partial success).
 */
export function decodeOtlpLogs(body: Buffer, format: 'protobuf' | 'json', ctx: IngestContext): OtlpDecoded {
  const resources = format === 'protobuf' ? parseProto(body) : parseJson(body.toString('utf8'));
  return toRows(resources, ctx);
}
