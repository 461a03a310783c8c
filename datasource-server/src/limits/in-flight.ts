// A process-wide cap on the decoded request bytes held at once, across every tenant and route. Each
// request is bounded on its own (NEXUS_MAX_DECODED_BYTES, events, amplification); this bounds their sum, so
// many medium requests (each under its own cap, each waiting for its batch to commit) cannot exhaust memory
// together. A request that would pass the cap is refused as the HEC answers a full server: 503 "Server is
// busy" (code 9) with Retry-After, which clients retry; one larger than the whole cap could never be
// accepted: 413 at once.

import { OverloadedError, RequestTooLargeError } from '../ingest/batcher.ts';

/** The decoded bytes in flight would pass the cap: 503 + Retry-After (the caller maps it, `toIngestError`). */
export class InFlightFullError extends OverloadedError {}

/** One request's decoded body is larger than the whole cap: it can never be accepted (413). */
export class InFlightTooLargeError extends RequestTooLargeError {}

export class BytesInFlight {
  #held = 0;
  readonly #byRequest = new WeakMap<Request, number>();

  constructor(readonly maxBytes: number) {}

  /** Decoded bytes held now, by requests not answered yet. */
  get held(): number {
    return this.#held;
  }

  /**
   * Holds `bytes` for `req` until `release(req)`, or throws `InFlightFullError` (503) when the cap would be
   * passed, `InFlightTooLargeError` (413) when `bytes` alone is more than the cap.
   */
  hold(req: Request, bytes: number): void {
    if (bytes > this.maxBytes) {
      throw new InFlightTooLargeError(
        `the request decodes to ${bytes} bytes; the service holds at most ${this.maxBytes} decoded bytes at once`,
      );
    }
    if (this.#held + bytes > this.maxBytes) {
      throw new InFlightFullError(
        'the service holds as many decoded request bytes as it may (all tenants); retry later',
      );
    }
    this.#held += bytes;
    this.#byRequest.set(req, (this.#byRequest.get(req) ?? 0) + bytes);
  }

  /** Gives back what `req` held (nothing when it held nothing). */
  release(req: Request): void {
    const bytes = this.#byRequest.get(req);
    if (bytes === undefined) return;
    this.#byRequest.delete(req);
    this.#held -= bytes;
  }
}
