// Decodes OTLP/HTTP logs (`ExportLogsServiceRequest`, protobuf or the OTLP JSON mapping) into log rows: each
// encoding is parsed into the OTLP model (otlp-proto.ts, otlp-json.ts, otlp-model.ts), which is mapped here.

import type { FieldValue, LogRow } from '../store/types.ts';
import { IngestError } from './errors.ts';
import {
  COLUMN_NAMES,
  dropColumnNames,
  emptyFields,
  extractKeyValues,
  extractKeyValuesPlain,
  flattenObject,
  mergeFields,
} from './fields.ts';
import type { Fields } from './fields.ts';
import { indexOf, makeRow, metaString, nanosToMs, retentionProblem } from './normalise.ts';
import type { IngestContext } from './normalise.ts';
import { parseJson } from './otlp-json.ts';
import type { Attributes, OtlpRecord, OtlpResource, OtlpValue } from './otlp-model.ts';
import { parseProto } from './otlp-proto.ts';

/** What a request decodes to: the rows to store and the records refused (OTLP partial success). */
export interface OtlpDecoded {
  rows: LogRow[];
  rejected: number;
  /** Why records were refused (the first few), for `partial_success.error_message`. */
  errors: string[];
}

const MAX_ERRORS = 5;

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

/** `_raw` of a record: what {@link bodyToRaw} gives, without its fields. */
function rawOf(body: OtlpValue): string {
  if (typeof body === 'string') return body;
  if (body === null) return '';
  if (typeof body === 'object') return JSON.stringify(body);
  return String(body);
}

/** The fields the record adds itself (after its attributes, so they win). */
function ownFields(rec: OtlpRecord, into: Fields): Fields {
  if (rec.severityText !== '') into['severity_text'] = rec.severityText;
  if (rec.severityNumber !== 0) into['severity_number'] = rec.severityNumber;
  if (rec.traceId) into['trace_id'] = rec.traceId;
  if (rec.spanId) into['span_id'] = rec.spanId;
  if ((rec.flags & 0xff) !== 0) into['trace_flags'] = rec.flags & 0xff;
  if (rec.eventName !== '') into['event_name'] = rec.eventName;
  return into;
}

/** A record's fields, the precise way: body fields, resource, scope, record attributes, its own, merged. */
function recordFields(rec: OtlpRecord, resFields: Fields, scopeFields: Fields): Fields {
  const { fields: bodyFields } = bodyToRaw(rec.body);
  return dropColumnNames(
    mergeFields(
      bodyFields,
      resFields,
      scopeFields,
      flattenObject(rec.attributes),
      ownFields(rec, emptyFields()),
    ),
  );
}

/** A flattened attribute map as pairs an ordinary object can take as keys; undefined for `Object.prototype` names. */
interface Layer {
  pairs: [string, FieldValue][];
  dotted: boolean;
}

function plainLayer(fields: Fields): Layer | undefined {
  const pairs: [string, FieldValue][] = [];
  let dotted = false;
  for (const k of Object.keys(fields)) {
    if (k in Object.prototype) return undefined;
    if (k.includes('.')) dotted = true;
    pairs.push([k, fields[k] as FieldValue]);
  }
  return { pairs, dotted };
}

/** True when a dotted key of `fields` has a parent that is itself a key (which `resolveParents` would move). */
function hasParentPair(fields: Fields): boolean {
  for (const k of Object.keys(fields)) {
    for (let i = k.indexOf('.'); i >= 0; i = k.indexOf('.', i + 1)) {
      if (Object.hasOwn(fields, k.slice(0, i))) return true;
    }
  }
  return false;
}

/**
 * {@link recordFields} in one ordinary object (half the cost of a null-prototype map to fill and to serialise),
 * or undefined when that could differ: a body that is a map, a key=value pair the plain extraction declines
 * (fields.ts `extractKeyValuesPlain`), an attribute named like an `Object.prototype` property, a value and a
 * child of the same path (which `resolveParents` would move). The precise merge then decides.
 */
function recordFieldsFast(rec: OtlpRecord, res: Layer, scope: Layer): Fields | undefined {
  const body = rec.body;
  let fields: Fields | undefined;
  if (typeof body === 'string') fields = extractKeyValuesPlain(body);
  else if (body === null || typeof body !== 'object' || Array.isArray(body)) fields = {};
  if (fields === undefined) return undefined;
  let dotted = res.dotted || scope.dotted;
  for (const [k, v] of res.pairs) fields[k] = v;
  for (const [k, v] of scope.pairs) fields[k] = v;
  if (Object.keys(rec.attributes).length > 0) {
    const layer = plainLayer(flattenObject(rec.attributes));
    if (layer === undefined) return undefined;
    for (const [k, v] of layer.pairs) fields[k] = v;
    dotted ||= layer.dotted;
  }
  ownFields(rec, fields);
  if (dotted && hasParentPair(fields)) return undefined;
  for (const k of COLUMN_NAMES) if (k in fields) Reflect.deleteProperty(fields, k);
  return fields;
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
    const resLayer = plainLayer(resFields);
    for (const scope of res.scopes) {
      const scopeFields = flattenObject(scope.attributes);
      if (scope.name !== '') scopeFields['scope.name'] = scope.name;
      if (scope.version !== '') scopeFields['scope.version'] = scope.version;
      const scopeLayer = plainLayer(scopeFields);
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
        const raw = rawOf(rec.body);
        const fields =
          (resLayer === undefined || scopeLayer === undefined
            ? undefined
            : recordFieldsFast(rec, resLayer, scopeLayer)) ?? recordFields(rec, resFields, scopeFields);
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
