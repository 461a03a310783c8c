// OTLP/HTTP logs in the OTLP JSON mapping (proto3 JSON with OTLP's deviations: hex ids, integer enums) into
// the OTLP model (otlp-model.ts).

import { MAX_DEPTH, UINT64_MAX, attrs, checkedId, int64Value, undecodable } from './otlp-model.ts';
import type { Attributes, OtlpRecord, OtlpResource, OtlpValue } from './otlp-model.ts';

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

export function parseJson(text: string): OtlpResource[] {
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
