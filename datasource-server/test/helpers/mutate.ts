// Test helper: feeds a decoder thousands of damaged copies of a valid body.

import assert from 'node:assert/strict';
import { IngestError } from '../../src/ingest/errors.ts';
import type { IngestContext } from '../../src/ingest/normalise.ts';

/** A context for calling decoders directly. */
export const unitContext = (): IngestContext => ({
  orgId: 'o',
  receivedMs: Date.now(),
  defaultHost: 'h',
  defaultSource: 's',
  defaultSourcetype: 't',
});

/**
 * Truncates `good` by 0-3 bytes and overwrites 1-4 random bytes, `n` times (a fixed seed keeps a
 * failure reproducible): `decode` must either succeed or throw an IngestError 400, never anything else
 * (and never hang). Asserts that some but not all copies decode, so the mutations reach both paths.
 */
export function assertSurvivesMutations(
  good: Uint8Array,
  decode: (b: Buffer) => unknown,
  seed = 42,
  n = 5000,
): void {
  let state = seed;
  const rand = (k: number): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % k;
  };
  let decoded = 0;
  for (let i = 0; i < n; i++) {
    const b = Buffer.from(good.subarray(0, good.length - rand(4)));
    for (let m = 1 + rand(4); m > 0; m--) b[rand(b.length)] = rand(256);
    try {
      decode(b);
      decoded++;
    } catch (err) {
      assert.ok(err instanceof IngestError, `iteration ${i}: ${String(err)}`);
      assert.equal(err.status, 400);
    }
  }
  assert.ok(decoded > 0 && decoded < n, `decoded ${decoded} of ${n}`);
}
