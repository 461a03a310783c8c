// OTLP/HTTP logs in protobuf (`ExportLogsServiceRequest`) into the OTLP model (otlp-model.ts).

import { MAX_DEPTH, attrs, checkedId, doubleValue, hex, int64Value, undecodable } from './otlp-model.ts';
import type { Attributes, OtlpRecord, OtlpResource, OtlpScope, OtlpValue } from './otlp-model.ts';
import { ProtoError, ProtoReader, WIRE } from './protobuf.ts';

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

export function parseProto(body: Uint8Array): OtlpResource[] {
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
