// Reads a request body with a wire-size cap and a decompressed-size cap (gzip, deflate/zlib, zstd).

import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { HEC, IngestError } from './errors.ts';
import { decodedCap } from './request-limits.ts';
import { ZstdLimitError, zstdDecompressCapped } from './zstd.ts';

export interface BodyLimits {
  /** Bytes as sent (compressed or not). */
  maxBodyBytes: number;
  /** Bytes after decompression. */
  maxDecodedBytes: number;
  /** Decoded bytes per byte sent, for compressed bodies (request-limits.ts); none: only the caps above. */
  maxAmplification?: number;
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);

export const tooLarge = (what: string, limit: number): IngestError =>
  new IngestError(413, HEC.invalidFormat, `${what} exceeds the limit of ${limit} bytes`);

/**
 * How long, and how many bytes past the cap, a refused body is still read (and dropped). Answering 413 while
 * the client is still sending makes the server close the connection under it, and many clients (Node's fetch,
 * for one) then report the reset, not the 413: a client that sends a body just over the cap gets its answer.
 * A client sending far more, or too slowly, has its connection closed as before.
 */
const DISCARD_MS = 10_000;

/** Reads and drops the rest of a refused body, within `maxBytes` and {@link DISCARD_MS}; then lets it go. */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, maxBytes: number): Promise<void> {
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(resolve, DISCARD_MS, 'timeout');
  });
  try {
    for (;;) {
      const r = await Promise.race([reader.read(), timeout]);
      if (r === 'timeout' || r.done) break;
      dropped += r.value.byteLength;
      if (dropped > maxBytes) break;
    }
  } catch {
    // The client went away: nothing to answer.
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => undefined);
  }
}

async function readCapped(req: Request, max: number): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    if (req.body !== null && declared <= 2 * max) await discardRest(req.body.getReader(), declared);
    throw tooLarge('request body', max);
  }
  if (req.body === null) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      chunks.length = 0;
      await discardRest(reader, max);
      throw tooLarge('request body', max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

const isOverCap = (err: unknown): boolean =>
  err instanceof RangeError ||
  err instanceof ZstdLimitError ||
  (err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';

/**
 * `deflate` is the zlib format (RFC 1950; what Vector's `zlib` compression sends), but some clients send
 * a bare RFC 1951 stream under the same name, as browsers tolerate: try zlib first, then raw.
 */
async function inflateEither(body: Buffer, opts: zlib.ZlibOptions): Promise<Buffer> {
  try {
    return await inflate(body, opts);
  } catch (err) {
    if (isOverCap(err)) throw err;
    return await inflateRaw(body, opts);
  }
}

/**
 * zlib's output chunk for a compressed body of `sent` bytes: each chunk is a turn of the event loop and a
 * buffer, so a large body takes fewer, larger ones. With the default 16 KiB, inflating 40 MB of JSON lines
 * held the event loop for 85–96 ms in all; with 256 KiB chunks, 26–31 ms (measured here with a one-off
 * script). A small body keeps small chunks: its buffer is allocated whole even for a short output.
 */
export function outputChunk(sent: number): number {
  const guess = 2 ** Math.ceil(Math.log2(Math.max(1, sent) * 8));
  return Math.min(256 * 1024, Math.max(zlib.constants.Z_DEFAULT_CHUNK, guess));
}

/**
 * Decompresses `body` per its Content-Encoding, never producing more than `max` bytes: zlib stops at
 * `maxOutputLength`, zstd counts its output block by block (see zstd.ts).
 * Throws IngestError 413 past the cap, 400 for a corrupt stream, 415 for an unknown encoding.
 *
 * @example await decompressBody(buf, 'zstd', 64 * 1024 * 1024)
 */
export async function decompressBody(
  body: Buffer,
  encoding: string,
  max: number,
  /** How the cap is named in the 413 (it may come from the amplification bound). */
  capName = `the limit of ${max} bytes`,
): Promise<Buffer> {
  const opts = { maxOutputLength: max, chunkSize: outputChunk(body.byteLength) };
  let run: (() => Promise<Buffer>) | undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') run = () => gunzip(body, opts);
  else if (encoding === 'deflate') run = () => inflateEither(body, opts);
  else if (encoding === 'zstd') run = () => zstdDecompressCapped(body, max);
  if (run === undefined) {
    throw new IngestError(
      415,
      HEC.invalidFormat,
      `unsupported Content-Encoding ${JSON.stringify(encoding)} (supported: gzip, deflate, zstd, identity)`,
    );
  }
  try {
    return await run();
  } catch (err) {
    if (isOverCap(err)) {
      throw new IngestError(413, HEC.invalidFormat, `decompressed body exceeds ${capName}`);
    }
    const detail = err instanceof Error ? `: ${err.message}` : '';
    throw new IngestError(
      400,
      HEC.invalidFormat,
      `cannot decompress the body (${encoding})${detail}`,
      0,
      undefined,
      true,
    );
  }
}

/**
 * The body's bytes after `Content-Encoding` (gzip, deflate, zstd, identity), or after `encoding` when given
 * (a protocol whose compression is part of its payload, like Loki's snappy, passes `identity`).
 * Throws IngestError 413 past either cap, 415 for an unknown encoding, 400 for a corrupt stream.
 */
export async function readBody(req: Request, limits: BodyLimits, encoding?: string): Promise<Buffer> {
  return decodeBody(await readSentBody(req, limits), req, limits, encoding);
}

/** `readBody`'s first half: the bytes as sent, capped at `maxBodyBytes` (413). */
export function readSentBody(req: Request, limits: BodyLimits): Promise<Buffer> {
  return readCapped(req, limits.maxBodyBytes);
}

/** `readBody`'s second half: `sent` after `encoding` or the request's Content-Encoding. */
export async function decodeBody(
  sent: Buffer,
  req: Request,
  limits: BodyLimits,
  encoding?: string,
): Promise<Buffer> {
  const enc = (encoding ?? req.headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (enc !== '' && enc !== 'identity') {
    const amp = limits.maxAmplification;
    const cap =
      amp === undefined ? limits.maxDecodedBytes : decodedCap(sent.byteLength, limits.maxDecodedBytes, amp);
    const capName =
      cap < limits.maxDecodedBytes
        ? `${cap} bytes (${amp}× the ${sent.byteLength} bytes sent: NEXUS_INGEST_MAX_AMPLIFICATION)`
        : `the limit of ${cap} bytes`;
    return decompressBody(sent, enc, cap, capName);
  }
  if (sent.byteLength > limits.maxDecodedBytes) throw tooLarge('request body', limits.maxDecodedBytes);
  return sent;
}

/**
 * The body as text, whatever the Content-Type says (syslog-ng sends form-urlencoded JSON).
 * Throws IngestError 413 past either cap, 415 for an unknown Content-Encoding.
 */
export async function readBodyText(req: Request, limits: BodyLimits): Promise<string> {
  return (await readBody(req, limits)).toString('utf8');
}
