// The OTLP logs model both encodings decode into (otlp-proto.ts, otlp-json.ts), before it becomes log rows
// (otlp-decode.ts), and the checks they share.

import { HEC, IngestError } from './errors.ts';

/** An attribute or body value, as the `fields` column takes it (int64 past 2^53 as text, bytes base64). */
export type OtlpValue = string | number | boolean | null | OtlpValue[] | { [key: string]: OtlpValue };
export type Attributes = Record<string, OtlpValue>;

export interface OtlpRecord {
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

export interface OtlpScope {
  name: string;
  version: string;
  attributes: Attributes;
  records: OtlpRecord[];
}

export interface OtlpResource {
  attributes: Attributes;
  scopes: OtlpScope[];
}

/** AnyValue nesting beyond this is refused (fields.ts flattens to the same depth). */
export const MAX_DEPTH = 32;
export const UINT64_MAX = 2n ** 64n - 1n;

export const undecodable = (message: string): IngestError =>
  new IngestError(400, HEC.invalidFormat, `cannot decode the ExportLogsServiceRequest: ${message}`);

export const attrs = (): Attributes => Object.create(null) as Attributes;

export function int64Value(v: bigint): OtlpValue {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : String(v);
}

export function doubleValue(v: number): OtlpValue {
  return Number.isFinite(v) ? v : String(v);
}

export const hex = (b: Uint8Array): string =>
  Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** Trace ids are 16 bytes, span ids 8; empty (absent) is allowed, all-zero counts as absent. */
export function checkedId(id: string, bytes: number): string | undefined {
  if (id === '' || /^0+$/.test(id)) return '';
  return id.length === bytes * 2 ? id : undefined;
}
