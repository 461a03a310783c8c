// The ingest decoders by name, as pure functions of (body, plain-data arguments): the same code runs on the
// event loop for an ordinary body and in a decode worker (decode-pool.ts) for a large one. Each checks the
// body's shape first (request-limits.ts), then decodes it.

import type { BodyShape, RequestLimits } from './request-limits.ts';
import { TooManyEventsError, checkShape } from './request-limits.ts';
import { decodeBulk } from './es-bulk-decode.ts';
import type { BulkItem, BulkOptions } from './es-bulk-decode.ts';
import { HEC, IngestError, OutsideRetentionError } from './errors.ts';
import type { HecStatus } from './errors.ts';
import { decodeHecRaw } from './hec-decode.ts';
import type { HecBatch, RawMeta } from './hec-decode.ts';
import { decodeHecEventBody } from './hec-fast.ts';
import { decodeLokiJson, decodeLokiProto } from './loki-decode.ts';
import type { IngestContext } from './normalise.ts';
import { decodeOtlpLogs } from './otlp-decode.ts';
import type { OtlpDecoded } from './otlp-decode.ts';
import { decodeRemoteWrite } from './remote-write-decode.ts';
import { decodeVectorEvents } from './vector-decode.ts';
import { decodeVmImport } from './vm-import-decode.ts';
import type { LogRow, MetricRow } from '../store/types.ts';

/** The body as text; a body of only whitespace has no data (HEC code 5). */
function text(body: Buffer): string {
  const t = body.toString('utf8');
  if (t.trim() === '') throw new IngestError(400, HEC.noData);
  return t;
}

/** Every decoder: a body and plain data (structured-cloneable) in, plain data out. */
export const DECODERS = {
  hecEvent: (body: Buffer, a: { ctx: IngestContext; indexes?: readonly string[] | undefined }): HecBatch =>
    decodeHecEventBody(text(body), a.ctx, a.indexes),
  hecRaw: (body: Buffer, a: { ctx: IngestContext; meta: RawMeta }): HecBatch => ({
    rows: decodeHecRaw(text(body), a.meta, a.ctx),
    samples: [],
  }),
  vector: (body: Buffer, a: { ctx: IngestContext }): { rows: LogRow[] } => ({
    rows: decodeVectorEvents(text(body), a.ctx),
  }),
  bulk: (body: Buffer, a: { ctx: IngestContext; opts: BulkOptions }): { items: BulkItem[] } => ({
    items: decodeBulk(text(body), a.ctx, a.opts),
  }),
  lokiJson: (body: Buffer, a: { ctx: IngestContext }): { rows: LogRow[] } => ({
    rows: decodeLokiJson(body.toString('utf8'), a.ctx),
  }),
  /** The snappy block already uncompressed (snappy.ts). */
  lokiProto: (body: Buffer, a: { ctx: IngestContext }): { rows: LogRow[] } => ({
    rows: decodeLokiProto(body, a.ctx),
  }),
  otlp: (body: Buffer, a: { ctx: IngestContext; format: 'protobuf' | 'json' }): OtlpDecoded =>
    decodeOtlpLogs(body, a.format, a.ctx),
  vmImport: (body: Buffer, a: { ctx: IngestContext }): { samples: MetricRow[] } => ({
    samples: decodeVmImport(body.toString('utf8'), a.ctx),
  }),
  /** The snappy block already uncompressed (snappy.ts). */
  remoteWrite: (body: Buffer, a: { ctx: IngestContext }): { samples: MetricRow[] } => ({
    samples: decodeRemoteWrite(body, a.ctx),
  }),
};

export type DecoderName = keyof typeof DECODERS;
export type DecoderArgs<N extends DecoderName> = Parameters<(typeof DECODERS)[N]>[1];
export type Decoded<N extends DecoderName> = ReturnType<(typeof DECODERS)[N]>;

/** One decode: which decoder, its arguments, and the shape the body is checked for first. */
export interface DecodeJob<N extends DecoderName = DecoderName> {
  readonly decoder: N;
  readonly args: DecoderArgs<N>;
  /** `json`, `lines`, or none (binary bodies). */
  readonly shape: BodyShape | undefined;
  readonly limits: RequestLimits;
}

/** Runs `job` over `body` on this thread: the shape check, then the decoder. Throws its IngestError. */
export function runDecode<N extends DecoderName>(job: DecodeJob<N>, body: Buffer): Decoded<N> {
  checkShape(body, job.shape, job.limits);
  const decode = DECODERS[job.decoder] as (body: Buffer, args: DecoderArgs<N>) => Decoded<N>;
  return decode(body, job.args);
}

/**
 * The events a decoded result holds, as the service counts them against `NEXUS_INGEST_MAX_EVENTS`: rows and
 * metric samples (a `_bulk` item refused on its own is not an event to store).
 */
export function decodedEvents(result: Record<string, unknown>): number {
  const count = (key: string) => {
    const v = result[key];
    return Array.isArray(v) ? v.length : 0;
  };
  const items = result['items'];
  const stored = Array.isArray(items) ? (items as BulkItem[]).filter((i) => i.row !== undefined).length : 0;
  return count('rows') + count('samples') + stored;
}

/** An IngestError as plain data, to cross a thread (a structured clone keeps only an Error's message). */
export interface IngestErrorData {
  readonly status: IngestError['status'];
  readonly hec: HecStatus;
  readonly message: string;
  readonly eventIndex?: number | undefined;
  readonly retryAfter?: number | undefined;
  readonly explain: boolean;
  readonly retention: boolean;
  /** Set for a request refused for its number of events: that number, and the limit. */
  readonly tooMany?: { readonly events: number; readonly limit: number } | undefined;
}

export function ingestErrorData(e: IngestError): IngestErrorData {
  return {
    status: e.status,
    hec: e.hec,
    message: e.message,
    eventIndex: e.eventIndex,
    retryAfter: e.retryAfter,
    explain: e.explain,
    retention: e instanceof OutsideRetentionError,
    ...(e instanceof TooManyEventsError ? { tooMany: { events: e.events, limit: e.limit } } : {}),
  };
}

export function ingestErrorFrom(d: IngestErrorData): IngestError {
  if (d.tooMany !== undefined) return new TooManyEventsError(d.tooMany.events, d.tooMany.limit);
  const Kind = d.retention ? OutsideRetentionError : IngestError;
  return new Kind(d.status, d.hec, d.message, d.eventIndex, d.retryAfter, d.explain);
}
