// Snappy block-format decompression (Loki push bodies) with the decoded-size cap checked first.

import { uncompress } from 'snappy';
import { IngestError, HEC } from './errors.ts';
import { tooLarge } from './body.ts';

/**
 * The uncompressed length a snappy block declares in its header (a little-endian base-128 varint of at
 * most 32 bits), or undefined when the header is malformed.
 */
export function snappyDeclaredLength(block: Uint8Array): number | undefined {
  let n = 0;
  for (let i = 0; i < 5; i++) {
    const b = block[i];
    if (b === undefined) return undefined;
    n += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) return n <= 0xffffffff ? n : undefined;
  }
  return undefined;
}

/**
 * Decompresses a snappy block (not the framed stream format). The length in the header is checked
 * against `maxDecodedBytes` before any memory is allocated for the output, so a small body cannot
 * make the service allocate gigabytes. Throws IngestError 413 past the cap, 400 for corrupt input.
 *
 * @example await snappyBlock(body, 64 * 1024 * 1024) // => Buffer of the protobuf message
 */
export async function snappyBlock(block: Uint8Array, maxDecodedBytes: number): Promise<Buffer> {
  const declared = snappyDeclaredLength(block);
  if (declared === undefined) {
    throw new IngestError(400, HEC.invalidFormat, 'the body is not snappy-compressed (bad block header)');
  }
  if (declared > maxDecodedBytes) throw tooLarge('decompressed body', maxDecodedBytes);
  let out: Buffer | string;
  try {
    out = await uncompress(Buffer.from(block.buffer, block.byteOffset, block.byteLength), { asBuffer: true });
  } catch (err) {
    const detail = err instanceof Error ? `: ${err.message}` : '';
    throw new IngestError(400, HEC.invalidFormat, `cannot decompress the snappy body${detail}`);
  }
  if (typeof out === 'string') out = Buffer.from(out, 'utf8');
  // The library checks this too; a mismatch would mean the header lied about the size.
  if (out.byteLength !== declared) {
    throw new IngestError(400, HEC.invalidFormat, 'cannot decompress the snappy body: wrong length');
  }
  return out;
}
