// Reads a request body with a wire-size cap and a decompressed-size cap (gzip, deflate).

import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { HEC, IngestError } from './errors.ts';

export interface BodyLimits {
  /** Bytes as sent (compressed or not). */
  maxBodyBytes: number;
  /** Bytes after decompression. */
  maxDecodedBytes: number;
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

export const tooLarge = (what: string, limit: number): IngestError =>
  new IngestError(413, HEC.invalidFormat, `${what} exceeds the limit of ${limit} bytes`);

async function readCapped(req: Request, max: number): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) throw tooLarge('request body', max);
  if (req.body === null) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge('request body', max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

async function decode(body: Buffer, encoding: string, max: number): Promise<Buffer> {
  const opts = { maxOutputLength: max };
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return await gunzip(body, opts);
    if (encoding === 'deflate') return await inflate(body, opts);
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge('decompressed body', max);
    }
    throw new IngestError(400, HEC.invalidFormat, `cannot decompress the body (${encoding})`, 0);
  }
  throw new IngestError(415, HEC.invalidFormat, `unsupported Content-Encoding ${JSON.stringify(encoding)}`);
}

/**
 * The body's bytes after `Content-Encoding` (gzip, deflate, identity), or after `encoding` when given
 * (a protocol whose compression is part of its payload, like Loki's snappy, passes `identity`).
 * Throws IngestError 413 past either cap, 415 for an unknown encoding.
 */
export async function readBody(req: Request, limits: BodyLimits, encoding?: string): Promise<Buffer> {
  const body = await readCapped(req, limits.maxBodyBytes);
  const enc = (encoding ?? req.headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (enc !== '' && enc !== 'identity') return decode(body, enc, limits.maxDecodedBytes);
  if (body.byteLength > limits.maxDecodedBytes) throw tooLarge('request body', limits.maxDecodedBytes);
  return body;
}

/**
 * The body as text, whatever the Content-Type says (syslog-ng sends form-urlencoded JSON).
 * Throws IngestError 413 past either cap, 415 for an unknown Content-Encoding.
 */
export async function readBodyText(req: Request, limits: BodyLimits): Promise<string> {
  return (await readBody(req, limits)).toString('utf8');
}
