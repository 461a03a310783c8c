// The ingest byte budget counts decoded bytes: the rate limiter leaves a charge on the request for the
// bytes a compressed body adds once decoded, and the ingest service calls it after decompression.

/** Charges `extra` decoded bytes (beyond those sent, already charged) or throws the refusal (429/413). */
export type DecodedCharge = (extra: number) => Promise<void>;

const charges = new WeakMap<Request, DecodedCharge>();

/** Registers the charge for `req` (the rate-limit middleware, on ingest routes with a byte budget). */
export function onDecodedBytes(req: Request, charge: DecodedCharge): void {
  charges.set(req, charge);
}

/**
 * Charges the bytes `req`'s body gained by decompression to its org's byte budget; nothing when no
 * budget applies or the body was not compressed.
 *
 * @example await chargeDecodedBytes(req, decoded.byteLength - sent.byteLength)
 */
export async function chargeDecodedBytes(req: Request, extra: number): Promise<void> {
  if (extra <= 0) return;
  await charges.get(req)?.(extra);
}
