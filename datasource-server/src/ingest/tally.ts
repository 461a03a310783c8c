// Per-request ingest accounting: one middleware per protocol route counts each request's outcome in /metrics.

import type { Context, MiddlewareHandler } from 'hono';
import type { AuthEnv, Identity } from '../auth/types.ts';
import type { IngestMetrics, IngestProtocol, RejectReason } from '../telemetry/ingest-metrics.ts';
import { BatcherClosedError, InsertFailedError, OverloadedError } from './batcher.ts';
import { IngestError, OutsideRetentionError } from './errors.ts';

/**
 * What became of one ingest request, filled in by the service (`ingestRequest`, `ingestSamples`) and, for
 * events refused one by one inside an accepted request, by the route. `countIngest` turns it into series.
 */
export class IngestTally {
  /** Body bytes as sent, once read in full; after Content-Encoding, once decoded. */
  private sentBytes: number | undefined;
  private decodedBytes: number | undefined;
  private events = 0;
  private duplicate = false;
  private reason: RejectReason | undefined;
  private readonly refused = new Map<RejectReason, number>();

  received(bytes: number): void {
    this.sentBytes = bytes;
  }

  decodedBody(bytes: number): void {
    this.decodedBytes = bytes;
  }

  /** The request decoded to `n` events to store. */
  decodedEvents(n: number): void {
    this.events = n;
  }

  /** The request was a retry of a committed one: answered 2xx, nothing written. */
  duplicated(): void {
    this.duplicate = true;
  }

  /** The request failed with `err` (the first failure wins). */
  failed(err: unknown): void {
    this.reason ??= rejectReason(err);
  }

  /** `n` events of the request were refused on their own (OTLP partial success, `_bulk` item errors). */
  refuseEvents(n: number, reason: RejectReason): void {
    if (n > 0) this.refused.set(reason, (this.refused.get(reason) ?? 0) + n);
  }

  /** Adds this request, answered `status` after `seconds`, to `m`. */
  record(
    m: IngestMetrics,
    protocol: IngestProtocol,
    identity: Identity | undefined,
    status: number,
    seconds: number,
  ) {
    const labels = { protocol, org: m.orgLabel(identity?.orgId) };
    if (status < 300) {
      m.requestsAccepted.inc(labels);
      m.requestDuration.observe({ protocol }, seconds);
      if (this.duplicate) m.duplicateRequests.inc(labels);
      else if (this.events > 0) m.eventsAccepted.inc(labels, this.events);
    } else {
      const reason = this.reason ?? statusReason(status);
      m.requestsRejected.inc({ ...labels, reason });
      if (this.events > 0) m.eventsRejected.inc({ ...labels, reason }, this.events);
    }
    for (const [reason, n] of this.refused) m.eventsRejected.inc({ ...labels, reason }, n);
    if (this.sentBytes !== undefined) m.receivedBytes.inc(labels, this.sentBytes);
    if (this.decodedBytes !== undefined) m.decodedBytes.inc(labels, this.decodedBytes);
  }
}

/** HEC codes of a 400 that name a reason of their own; every other 400 from the body is invalid_format. */
const HEC_REASONS: Partial<Record<number, RejectReason>> = { 5: 'no_data', 7: 'incorrect_index' };

/**
 * The reason label of a failed ingest, from the error's class before `toIngestError` folds the batcher's
 * errors into one 503: queue full → overloaded, insert failed → store_unavailable, closing → shutting_down.
 *
 * @example rejectReason(new IngestError(400, HEC.noData)) // => 'no_data'
 */
export function rejectReason(err: unknown): RejectReason {
  if (err instanceof OverloadedError) return 'overloaded';
  if (err instanceof InsertFailedError) return 'store_unavailable';
  if (err instanceof BatcherClosedError) return 'shutting_down';
  if (err instanceof OutsideRetentionError) return 'outside_retention';
  if (!(err instanceof IngestError)) return 'internal';
  if (err.status === 400) return HEC_REASONS[err.hec.code] ?? 'invalid_format';
  return statusReason(err.status);
}

/**
 * The reason of a refusal the service did not see: the auth and rate-limit middleware, and checks a
 * route makes before reading the body (HEC channel, Loki and OTLP Content-Type). HEC answers an unknown
 * token 403 as Splunk does (code 4), so there it is `forbidden`, like a token without the ingest role.
 */
export function statusReason(status: number): RejectReason {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 413:
      return 'body_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    case 503:
      return 'overloaded';
    default:
      return status < 500 ? 'invalid_request' : 'internal';
  }
}

// Keyed by Hono's Context (one per request, shared by the middleware and the route's handler): the
// routes' handlers are typed on AuthEnv, and this keeps the tally out of every route's Env type.
const tallies = new WeakMap<Context, IngestTally>();

/** The tally `countIngest` opened for this request; undefined on routes mounted without metrics. */
export function ingestTally(c: Context): IngestTally | undefined {
  return tallies.get(c);
}

/**
 * Counts every request of an ingest route in the `nexus_ingest_*` series. Mount it first, before the token
 * check, so that 401s and 429s are counted too; the route hands `ingestTally(c)` to the service.
 *
 * @example app.post('/logs', countIngest(metrics, 'vector'), auth, limit, handler)
 */
export const countIngest = (
  metrics: IngestMetrics | undefined,
  protocol: IngestProtocol,
): MiddlewareHandler<AuthEnv> => {
  if (metrics === undefined) return (_c, next) => next();
  return async (c, next) => {
    const started = performance.now();
    const tally = new IngestTally();
    tallies.set(c, tally);
    await next();
    const identity: Identity | undefined = c.get('identity');
    tally.record(metrics, protocol, identity, c.res.status, (performance.now() - started) / 1000);
  };
};
