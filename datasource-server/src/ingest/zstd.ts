// Zstandard body decompression with a hard output cap (Node 20 has no zstd in zlib; fzstd is pure JS).

import { Decompress } from 'fzstd';

/** Why a zstd body was refused: over the output cap (413) or not a usable zstd stream (400). */
export class ZstdLimitError extends Error {
  override readonly name = 'ZstdLimitError';
}
export class ZstdFormatError extends Error {
  override readonly name = 'ZstdFormatError';
}

/**
 * The largest window we decode with: 8 MiB, the most zstd levels 1-19 use (`--ultra` levels 20-22 and
 * `--long` use more). Two reasons: fzstd allocates the window up front (a 20-byte frame declaring a 2 GiB
 * window would cost 2 GiB before producing a byte), and it shifts the whole window after every block,
 * so decoding time grows with the window (64 MiB of output: 0.5 s at 8 MiB, 2 s at 32 MiB, 43 s at 128 MiB).
 */
export const MAX_WINDOW_BYTES = 2 ** 23;
/** Compressed bytes handed to the decoder between two yields to the event loop. */
const SLICE_BYTES = 64 * 1024;

const ZSTD_MAGIC = 0xfd2fb528;
const isSkippableMagic = (m: number): boolean => m >>> 4 === 0x184d2a5;

const readLE = (b: Uint8Array, at: number, n: number): number => {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + (b[at + i] ?? 0);
  return v;
};

/**
 * Walks the frames and blocks of a zstd stream without decoding them (RFC 8878 §3.1): checks that the
 * stream is whole, that no frame needs a dictionary or a window past MAX_WINDOW_BYTES, and adds up the
 * declared content sizes so a body declaring more than `maxBytes` is refused before any work.
 */
function scanFrames(b: Uint8Array, maxBytes: number): void {
  let at = 0;
  let declared = 0;
  const need = (n: number): void => {
    if (at + n > b.length) throw new ZstdFormatError('the zstd stream is truncated');
  };
  if (b.length === 0) throw new ZstdFormatError('the zstd stream is empty');
  while (at < b.length) {
    need(4);
    const magic = readLE(b, at, 4);
    at += 4;
    if (isSkippableMagic(magic)) {
      need(4);
      const size = readLE(b, at, 4);
      at += 4;
      need(size);
      at += size;
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw new ZstdFormatError('not a zstd stream (bad frame magic)');
    need(1);
    const fhd = b[at++] ?? 0;
    const fcsFlag = fhd >> 6;
    const singleSegment = (fhd >> 5) & 1;
    const checksum = (fhd >> 2) & 1;
    const dictFlag = fhd & 3;
    if (fhd & 8) throw new ZstdFormatError('zstd frame header has the reserved bit set');
    let window = 0;
    if (singleSegment === 0) {
      need(1);
      const wd = b[at++] ?? 0;
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 7);
    }
    const dictBytes = [0, 1, 2, 4][dictFlag] ?? 0;
    need(dictBytes);
    if (dictBytes > 0 && readLE(b, at, dictBytes) !== 0) {
      throw new ZstdFormatError('zstd frames that need a dictionary are not supported');
    }
    at += dictBytes;
    const fcsBytes = [singleSegment, 2, 4, 8][fcsFlag] ?? 0;
    need(fcsBytes);
    let contentSize: number | undefined;
    if (fcsBytes > 0) contentSize = readLE(b, at, fcsBytes) + (fcsBytes === 2 ? 256 : 0);
    at += fcsBytes;
    if (singleSegment === 1) window = contentSize ?? 0;
    declared += contentSize ?? 0;
    if (declared > maxBytes) throw new ZstdLimitError(`the zstd frames declare ${declared} bytes`);
    if (window > MAX_WINDOW_BYTES) {
      throw new ZstdFormatError(
        `zstd frame window of ${window} bytes exceeds the ${MAX_WINDOW_BYTES}-byte limit`,
      );
    }
    for (let last = 0; last === 0;) {
      need(3);
      const bh = readLE(b, at, 3);
      at += 3;
      last = bh & 1;
      const type = (bh >> 1) & 3;
      if (type === 3) throw new ZstdFormatError('zstd block of reserved type');
      const size = bh >>> 3;
      const stored = type === 1 ? 1 : size;
      need(stored);
      at += stored;
    }
    if (checksum === 1) {
      need(4);
      at += 4;
    }
  }
}

/**
 * Decompresses a zstd body, refusing to produce more than `maxBytes`: frames declaring more are refused
 * before decoding, and the output is counted block by block (a block is at most 128 KiB) so a stream
 * that lies about its size stops at the cap. The decoder yields to the event loop every 64 KiB of input.
 *
 * @example await zstdDecompressCapped(body, 64 * 1024 * 1024) // Buffer, or throws ZstdLimitError/ZstdFormatError
 */
export async function zstdDecompressCapped(body: Uint8Array, maxBytes: number): Promise<Buffer> {
  scanFrames(body, maxBytes);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const decoder = new Decompress((data) => {
    total += data.byteLength;
    if (total > maxBytes) throw new ZstdLimitError('decompressed output past the cap');
    if (data.byteLength > 0) chunks.push(data);
  });
  try {
    for (let at = 0; at < body.length; at += SLICE_BYTES) {
      const end = Math.min(at + SLICE_BYTES, body.length);
      decoder.push(body.subarray(at, end), end === body.length);
      if (end < body.length) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } catch (err) {
    if (err instanceof ZstdLimitError) throw err;
    throw new ZstdFormatError(`invalid zstd data (${err instanceof Error ? err.message : String(err)})`);
  }
  return Buffer.concat(chunks, total);
}
