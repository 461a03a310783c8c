// Reads a lookup upload as a stream: bytes and records are counted as chunks arrive, and the read stops at
// the first limit, so an oversized upload costs what was read up to the limit, not the whole body.

/** Why an upload was refused while it was read (413). */
export class UploadTooLargeError extends Error {
  override readonly name = 'UploadTooLargeError';
}

export interface UploadLimits {
  readonly maxBytes: number;
  /** Rows after the header. */
  readonly maxRows: number;
}

/**
 * The body's bytes, read chunk by chunk. CSV records are counted on the way (line feeds outside double
 * quotes, as RFC 4180 ends records; a doubled quote toggles twice and so changes nothing); past
 * `maxRows` + 1 records (the header) or `maxBytes` bytes the read is cancelled and UploadTooLargeError thrown.
 *
 * @example const bytes = await readCsvUpload(c.req.raw, { maxBytes: 10 << 20, maxRows: 100_000 })
 */
export async function readCsvUpload(req: Request, limits: UploadLimits): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    throw new UploadTooLargeError(`a lookup table upload is at most ${limits.maxBytes} bytes`);
  }
  if (req.body === null) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let records = 0;
  let quoted = false;
  let pending = false; // a record has started and not yet ended
  let refused: string | undefined;
  const stop = async (message: string): Promise<never> => {
    await reader.cancel().catch(() => undefined);
    throw new UploadTooLargeError(message);
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limits.maxBytes)
      await stop(refused ?? `a lookup table upload is at most ${limits.maxBytes} bytes`);
    // Refused for its rows: the rest (within maxBytes) is read and dropped, so the client, still sending,
    // gets the 413 rather than a connection reset.
    if (refused !== undefined) continue;
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (c === 0x22 /* " */) quoted = !quoted;
      if (c === 0x0a /* \n */ && !quoted) {
        if (pending) records++;
        pending = false;
      } else if (c !== 0x0d) pending = true;
    }
    if (records > limits.maxRows + 1) {
      refused = `the table has more than ${limits.maxRows} rows (the limit of one upload)`;
      chunks.length = 0;
      continue;
    }
    chunks.push(value);
  }
  if (refused !== undefined) throw new UploadTooLargeError(refused);
  return Buffer.concat(chunks, total);
}
