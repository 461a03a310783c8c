// The SHA-256 of an ingest body, which a request's key hashes (ledger.ts). A large body is hashed on its decode
// worker (decode-pool.ts), where hashing 80 MiB does not hold the event loop for 40 ms; this module is small
// so that the worker loads little.

import { createHash } from 'node:crypto';

/** SHA-256 digests of bodies already hashed where they were decoded (a decode worker), by body. */
const bodyDigests = new WeakMap<Uint8Array, string>();

/** The SHA-256 of a body (hex), as `requestKey` (ledger.ts) uses it. */
export function bodyDigest(body: string | Uint8Array): string {
  return (
    (typeof body === 'string' ? undefined : bodyDigests.get(body)) ??
    createHash('sha256').update(body).digest('hex')
  );
}

/** Tells `requestKey` (ledger.ts) the digest of `body`, computed on the decode worker that decoded it. */
export function knownBodyDigest(body: Uint8Array, digest: string): void {
  bodyDigests.set(body, digest);
}
