// Ingestion errors: one class carrying the HTTP status, the Splunk HEC code and the bad event's number.

/** HEC status codes (shared/facts/ingestion.md); texts are Splunk's. */
export const HEC = {
  success: { code: 0, text: 'Success' },
  tokenRequired: { code: 2, text: 'Token is required' },
  noData: { code: 5, text: 'No data' },
  invalidFormat: { code: 6, text: 'Invalid data format' },
  /** Ours (403): METRICS_TENANCY=account and the org has no accountID in METRICS_ACCOUNTS. */
  metricsNoAccount: { code: 8, text: 'this organisation has no metrics account (METRICS_ACCOUNTS)' },
  incorrectIndex: { code: 7, text: 'Incorrect index' },
  internal: { code: 8, text: 'Internal server error' },
  busy: { code: 9, text: 'Server is busy' },
  channelMissing: { code: 10, text: 'Data channel is missing' },
  channelInvalid: { code: 11, text: 'Invalid data channel' },
  eventRequired: { code: 12, text: 'Event field is required' },
  eventBlank: { code: 13, text: 'Event field cannot be blank' },
  ackDisabled: { code: 14, text: 'ACK is disabled' },
  indexedFields: { code: 15, text: 'Error in handling indexed fields' },
  queryStringAuth: { code: 16, text: 'Query string authorization is not enabled' },
  healthy: { code: 17, text: 'HEC is healthy' },
  queuesFull: { code: 18, text: 'HEC is unhealthy, queues are full' },
  unhealthy: { code: 20, text: 'HEC is unhealthy' },
} as const;

export type HecStatus = (typeof HEC)[keyof typeof HEC];

/** Short machine-readable names for the non-HEC (JSON API) error bodies. */
const SLUGS: Record<number, string> = {
  5: 'no_data',
  6: 'invalid_data',
  7: 'incorrect_index',
  8: 'internal',
  9: 'busy',
  10: 'channel_missing',
  11: 'channel_invalid',
  12: 'event_required',
  13: 'event_blank',
  15: 'invalid_fields',
};

/**
 * A request that cannot be ingested. Thrown by the decoding/normalising services; the HEC and Vector
 * routes render it in their own dialect.
 */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  constructor(
    readonly status: 400 | 403 | 413 | 415 | 429 | 500 | 503,
    readonly hec: HecStatus,
    message: string = hec.text,
    readonly eventIndex?: number,
    /** Seconds, for 503. */
    readonly retryAfter?: number,
    /**
     * The message says why in words a client needs (a limit, what the store refused): HEC shows it as
     * `reason` beside Splunk's fixed `text`. Off for errors whose Splunk body is exactly `{text, code}`.
     */
    readonly explain = false,
  ) {
    super(message);
  }

  get slug(): string {
    if (this.status === 429) return 'rate_limited';
    return this.status === 413
      ? 'too_large'
      : this.status === 415
        ? 'unsupported_encoding'
        : (SLUGS[this.hec.code] ?? 'error');
  }
}

/** An event older than the retention (normalise.ts `retentionProblem`): refused, never stored-then-deleted. */
export class OutsideRetentionError extends IngestError {}

/** Refuses event `index` (0-based) because it is outside the retention; `problem` says why. */
export const outsideRetention = (index: number, problem: string): IngestError =>
  new OutsideRetentionError(400, HEC.invalidFormat, `event ${index}: ${problem}`, index);

/** An invalid event at 0-based position `index` of the request. */
export const badEvent = (hec: HecStatus, index: number, message: string = hec.text): IngestError =>
  new IngestError(400, hec, message, index);

/** An invalid event whose reason HEC shows (`reason`), as for an event the store cannot hold. */
export const explainedBadEvent = (hec: HecStatus, index: number, message: string): IngestError =>
  new IngestError(400, hec, message, index, undefined, true);
