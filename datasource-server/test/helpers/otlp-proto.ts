// Test helper: OTLP logs requests and answers in protobuf, as OpenTelemetry exporters send them.

import protobuf from 'protobufjs';

// Field numbers as in open-telemetry/opentelemetry-proto (common, resource, logs, collector/logs) and
// google.rpc.Status, flattened into one package.
const OTLP_PROTO = `
syntax = "proto3";
package otlp;
message AnyValue {
  oneof value {
    string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
    ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope {
  string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4;
}
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message LogRecord {
  fixed64 time_unix_nano = 1; fixed64 observed_time_unix_nano = 11; int32 severity_number = 2;
  string severity_text = 3; AnyValue body = 5; repeated KeyValue attributes = 6;
  uint32 dropped_attributes_count = 7; fixed32 flags = 8; bytes trace_id = 9; bytes span_id = 10;
  string event_name = 12;
}
message ScopeLogs { InstrumentationScope scope = 1; repeated LogRecord log_records = 2; string schema_url = 3; }
message ResourceLogs { Resource resource = 1; repeated ScopeLogs scope_logs = 2; string schema_url = 3; }
message ExportLogsServiceRequest { repeated ResourceLogs resource_logs = 1; }
message ExportLogsPartialSuccess { int64 rejected_log_records = 1; string error_message = 2; }
message ExportLogsServiceResponse { ExportLogsPartialSuccess partial_success = 1; }
message Status { int32 code = 1; string message = 2; }
`;
const root = protobuf.parse(OTLP_PROTO).root;
export const Request = root.lookupType('otlp.ExportLogsServiceRequest');
export const Response = root.lookupType('otlp.ExportLogsServiceResponse');
export const Status = root.lookupType('otlp.Status');

/** protobufjs takes the same lowerCamelCase object as OTLP JSON (bytes as Uint8Array, 64-bit as strings). */
export type Obj = Record<string, unknown>;
export const encode = (req: Obj): Uint8Array => Request.encode(Request.fromObject(req)).finish();
export const decodeAs = (type: protobuf.Type, b: Uint8Array): Obj =>
  type.toObject(type.decode(b), { longs: String, defaults: false });

export const kv = (key: string, value: Obj): Obj => ({ key, value });
export const str = (s: string): Obj => ({ stringValue: s });

/** One resource with one scope holding `records`. */
export const request = (
  records: Obj[],
  resourceAttrs: Obj[] = [kv('service.name', str('checkout'))],
): Obj => ({
  resourceLogs: [
    {
      resource: { attributes: resourceAttrs },
      scopeLogs: [{ scope: { name: 'app.logger', version: '1.2.0' }, logRecords: records }],
    },
  ],
});
