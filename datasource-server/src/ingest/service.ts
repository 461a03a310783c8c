// The ingestion service: body → rows → batcher, and the mapping of its failures to HTTP answers.

import type { LogRow, MetricRow } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { MetricSink } from './metric-sink.ts';
import { checkSampleIndexes } from './metric-samples.ts';
import type { RowSink } from './sink.ts';
import {
  BatcherClosedError,
  InsertFailedError,
  OverloadedError,
  RequestTooLargeError,
  RowsRefusedError,
} from './batcher.ts';
import { decodeBody, readSentBody } from './body.ts';
import type { BodyLimits } from './body.ts';
import { HEC, IngestError } from './errors.ts';
import { requestKey } from './ledger.ts';
import type { RequestLedger } from './ledger.ts';
import { chargeDecodedBytes } from '../limits/decoded-bytes.ts';
import type { BytesInFlight } from '../limits/in-flight.ts';
import type { IngestMetrics } from '../telemetry/ingest-metrics.ts';
import type { IngestTally } from './tally.ts';
import { TooManyEventsError, checkEventCount } from './request-limits.ts';
import type { RequestLimits } from './request-limits.ts';
import type { DecodePool } from './decode-pool.ts';
import type { StorageRules } from './storable.ts';

/** Every bound an ingest request is held to (config.ingest): bytes, events, JSON shape, storage rules. */
export type IngestLimits = BodyLimits & RequestLimits & StorageRules;

export interface IngestDeps {
  batcher: RowSink;
  limits: IngestLimits;
  /** Host stamped on events that name none (Splunk uses the collector's host). */
  defaultHost: string;
  /** Recognises retried requests (ledger.ts); without it every request is written. */
  ledger?: RequestLedger;
  /** Where the routes count requests, events and bytes (`countIngest`, tally.ts); none: not counted. */
  metrics?: IngestMetrics;
  /** Where metric samples go (remote-write, import, HEC metric events); required by those routes. */
  metricSink?: MetricSink;
  /** NEXUS_RETENTION_DAYS: the routes refuse events older than this (normalise.ts `retentionProblem`). */
  retentionDays?: number;
  /** The cap on decoded bytes held across all requests (limits/in-flight.ts); none: no global cap. */
  decodedInFlight?: BytesInFlight;
  /** Where large bodies decode off the event loop (decode-pool.ts); none: every body on it. */
  decodePool?: DecodePool;
}

/** How a request is ingested. */
export interface IngestOptions {
  /** The token's indexes: a row for any other index refuses the whole request (HEC code 7). */
  allowedIndexes?: readonly string[] | undefined;
  /**
   * The time the decoder gave events that carry none. A request none of whose events got it is keyed, and a
   * retry of it already committed is answered as a success and writes nothing (ledger.ts).
   */
  receivedMs: number;
  /** Overrides Content-Encoding (Loki's snappy is part of its payload, so it passes `identity`). */
  encoding?: string | undefined;
  /** Told the body's sizes, the events decoded, a duplicate or the failure (`ingestTally(c)`). */
  tally?: IngestTally | undefined;
  /**
   * What `decode` found besides rows (HEC), read once it ran: metric samples, written together with the
   * rows (the answer waits for both: see {@link submitRows}), and an error refusing the whole request once
   * its events are counted (an event naming an index the token may not write).
   */
  decoded?: () => { samples: MetricRow[]; refusal?: IngestError | undefined };
}

/**
 * Reads the body (after Content-Encoding), decodes it with `decode` and waits for the batch holding the rows
 * to commit. `decode` checks the body's shape and decodes it (decoders.ts, through `deps.decodePool`).
 * Throws IngestError for bad input and the batcher's errors for overload or store failure.
 */
export function ingestRequest(
  req: Request,
  deps: IngestDeps,
  decode: (body: Buffer) => LogRow[] | Promise<LogRow[]>,
  opts: IngestOptions,
): Promise<number> {
  return tallied(req, deps, opts.tally, async () => {
    const body = await readTallied(req, deps, opts);
    return submitRows(req, deps, body, await decode(body), opts);
  });
}

/** Runs `ingest`, telling `tally` of its failure; the request's decoded bytes are given back once answered. */
async function tallied(
  req: Request,
  deps: IngestDeps,
  tally: IngestTally | undefined,
  ingest: () => Promise<number>,
): Promise<number> {
  try {
    return await ingest();
  } catch (err) {
    // Refused on a decode worker before the rows came back: the events it decoded are counted all the same.
    if (err instanceof TooManyEventsError) tally?.decodedEvents(err.events);
    tally?.failed(err);
    throw err;
  } finally {
    deps.decodedInFlight?.release(req);
  }
}

async function readTallied(req: Request, deps: IngestDeps, opts: IngestOptions): Promise<Buffer> {
  const sent = await readSentBody(req, deps.limits);
  opts.tally?.received(sent.byteLength);
  const body = await decodeBody(sent, req, deps.limits, opts.encoding);
  opts.tally?.decodedBody(body.byteLength);
  await chargeDecodedBytes(req, body.byteLength - sent.byteLength);
  deps.decodedInFlight?.hold(req, body.byteLength);
  return body;
}

/** Waits for every write, then throws the first failure (so no write is left running when we answer). */
async function settleAll(writes: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(writes);
  for (const r of results) if (r.status === 'rejected') throw r.reason;
}

function sinkOf(deps: IngestDeps): MetricSink {
  if (deps.metricSink === undefined) throw new Error('ingest: metric samples but no metricSink wired');
  return deps.metricSink;
}

/**
 * Writes a request's rows and its samples (if any) at once, and resolves when both are durable. A request
 * is answered 2xx only when both committed; if either failed it is a 503, and the half that did commit
 * is written again by the client's retry (the ledger, when it keys the request, forgets the key of a
 * failed request: see README "Metrics" for what a duplicate sample means in each store).
 */
async function submitRows(
  req: Request,
  deps: IngestDeps,
  body: Uint8Array,
  rows: LogRow[],
  opts: IngestOptions,
): Promise<number> {
  const { allowedIndexes, receivedMs } = opts;
  const extra = opts.decoded?.();
  const samples = extra?.samples ?? [];
  opts.tally?.decodedEvents(rows.length + samples.length);
  checkEventCount(rows.length + samples.length, deps.limits);
  if (extra?.refusal !== undefined) throw extra.refusal;
  if (allowedIndexes !== undefined) {
    // As Splunk does for a token limited to some indexes: the whole request is refused, naming the event.
    const i = rows.findIndex((r) => !allowedIndexes.includes(r.index));
    const row = rows[i];
    if (row !== undefined) {
      throw new IngestError(400, HEC.incorrectIndex, `this token may not write to index \`${row.index}\``, i);
    }
  }
  const write = (stamped: LogRow[]) =>
    samples.length === 0
      ? deps.batcher.submit(stamped)
      : settleAll([deps.batcher.submit(stamped), sinkOf(deps).submit(samples)]);
  const org = rows[0]?.org_id;
  if (deps.ledger === undefined || org === undefined) {
    await write(rows);
    return rows.length + samples.length;
  }
  const url = new URL(req.url);
  const key = requestKey(org, `${req.method} ${url.pathname}${url.search}`, body, rows, receivedMs);
  const written = await deps.ledger.run(org, key, rows, write);
  if (!written) opts.tally?.duplicated();
  return rows.length + samples.length;
}

/**
 * Reads and decodes a metrics body (remote-write, VictoriaMetrics import), checks the samples' indexes
 * against the token's, and resolves once the metric sink committed them. A request without a sample (a
 * remote-write of metadata only) writes nothing.
 *
 * Retries: a request whose samples all carry their own time is keyed like a log request (ledger.ts), in
 * memory only (the ledger rebuilds its keys from `logs` after a restart, and samples are not there), so a
 * retry of a committed request within the window on the same instance writes nothing.
 */
export function ingestSamples(
  req: Request,
  deps: IngestDeps,
  decode: (body: Buffer) => MetricRow[] | Promise<MetricRow[]>,
  opts: IngestOptions,
): Promise<number> {
  return tallied(req, deps, opts.tally, async () => {
    const body = await readTallied(req, deps, opts);
    const samples = await decode(body);
    opts.tally?.decodedEvents(samples.length);
    checkEventCount(samples.length, deps.limits);
    checkSampleIndexes(samples, opts.allowedIndexes);
    const org = samples[0]?.org_id;
    if (org === undefined) return 0;
    const sink = sinkOf(deps);
    if (deps.ledger === undefined) {
      await sink.submit(samples);
      return samples.length;
    }
    const url = new URL(req.url);
    // requestKey needs each event's time; a sample's is its own timestamp (never the time of receipt).
    const times = samples.map((s) => ({ _time: s.timestamp }));
    const key = requestKey(org, `${req.method} ${url.pathname}${url.search}`, body, times, opts.receivedMs);
    const written = await deps.ledger.run(org, key, [], () => sink.submit(samples));
    if (!written) opts.tally?.duplicated();
    return samples.length;
  });
}

/** How often refusals for backpressure are logged, per route: a line with how many were refused since. */
const BACKPRESSURE_LOG_EVERY_MS = 10_000;
const backpressureLog = new Map<string, { lastMs: number; refused: number }>();

/**
 * Logs a request that was not stored (5xx). Refusals for backpressure (the writer is behind or the service is
 * stopping: 503 with Retry-After, which clients retry) come in floods under overload, so they are summed into
 * one line per route every 10 s, without a stack; any other failure is logged in full, every time.
 */
export function logNotStored(logger: Logger, route: string, err: unknown, e: IngestError): void {
  if (e.status < 500) return;
  if (!(err instanceof OverloadedError || err instanceof BatcherClosedError)) {
    logger.warn(`${route}: request not stored`, { status: e.status, reason: e.message, err });
    return;
  }
  const now = Date.now();
  const entry = backpressureLog.get(route) ?? { lastMs: 0, refused: 0 };
  entry.refused++;
  backpressureLog.set(route, entry);
  if (now - entry.lastMs < BACKPRESSURE_LOG_EVERY_MS) return;
  logger.warn(`${route}: requests refused for backpressure (503 + Retry-After)`, {
    refused: entry.refused,
    reason: e.message,
  });
  entry.lastMs = now;
  entry.refused = 0;
}

/** Any failure of `ingestRequest` as an IngestError; unknown errors become 500 (code 8). */
export function toIngestError(err: unknown): IngestError {
  if (err instanceof IngestError) return err;
  if (err instanceof OverloadedError || err instanceof BatcherClosedError) {
    return new IngestError(503, HEC.busy, err.message, undefined, err.retryAfterSeconds);
  }
  if (err instanceof InsertFailedError) {
    return new IngestError(503, HEC.busy, err.message, undefined, err.retryAfterSeconds);
  }
  // Data that can never be stored: a 4xx that says why, never a 503 the client would retry forever.
  if (err instanceof RowsRefusedError) {
    return new IngestError(400, HEC.invalidFormat, err.message, undefined, undefined, true);
  }
  if (err instanceof RequestTooLargeError) return new IngestError(413, HEC.invalidFormat, err.message);
  return new IngestError(500, HEC.internal);
}
