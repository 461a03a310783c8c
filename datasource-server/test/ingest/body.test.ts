// Decompressing ingest bodies (src/ingest/body.ts): the bytes out are the bytes in for every encoding, whatever
// zlib's output chunk, and the cap on decompressed bytes is exact.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { decompressBody, outputChunk } from '../../src/ingest/body.ts';
import { IngestError } from '../../src/ingest/errors.ts';

const line = (i: number) =>
  `{"event":"GET /item/${i} HTTP/1.1 200 ${1000 + (i % 977)}","host":"web-${i % 50}"}\n`;
const raw = Buffer.from(Array.from({ length: 200_000 }, (_, i) => line(i)).join(''));

test('the output chunk grows with the body sent, from zlib default to 256 KiB', () => {
  assert.equal(outputChunk(0), zlib.constants.Z_DEFAULT_CHUNK);
  assert.equal(outputChunk(1500), zlib.constants.Z_DEFAULT_CHUNK);
  assert.equal(outputChunk(5000), 64 * 1024);
  assert.equal(outputChunk(10 * 1024 * 1024), 256 * 1024);
});

for (const [encoding, compress] of [
  ['gzip', zlib.gzipSync],
  ['deflate', zlib.deflateSync],
  ['deflate', zlib.deflateRawSync],
] as const) {
  test(`${encoding} (${compress.name}): ${raw.length} bytes come back exactly, small and large`, async () => {
    const sent = compress(raw);
    assert.ok(outputChunk(sent.length) > zlib.constants.Z_DEFAULT_CHUNK);
    assert.ok((await decompressBody(sent, encoding, raw.length)).equals(raw));
    const small = raw.subarray(0, 300);
    assert.ok((await decompressBody(compress(small), encoding, 1000)).equals(small));
  });
}

test('the cap is exact: its size passes, one byte less is a 413 that names it', async () => {
  const sent = zlib.gzipSync(raw);
  assert.equal((await decompressBody(sent, 'gzip', raw.length)).length, raw.length);
  await assert.rejects(
    decompressBody(sent, 'gzip', raw.length - 1),
    (err: unknown) =>
      err instanceof IngestError &&
      err.status === 413 &&
      err.message === `decompressed body exceeds the limit of ${raw.length - 1} bytes`,
  );
});
