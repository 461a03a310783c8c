// The size of a request body as received, for the ingest byte budget, without consuming it for the handler.

import type { Context } from 'hono';

/**
 * The bytes of the request body as sent on the wire (compressed bodies count compressed): Content-Length
 * when the client sent one (Node's HTTP parser holds the body to it), otherwise the body is read here and
 * handed on to the handler as a fresh request with the same bytes.
 *
 * Returns undefined when the body is larger than `maxBodyBytes`: the handler answers that with 413, which
 * is final, while charging it could answer 429, which senders retry forever. The bytes read so far are
 * then put back in front of the rest of the stream.
 */
export async function requestBodyBytes(c: Context, maxBodyBytes: number): Promise<number | undefined> {
  const declared = c.req.header('Content-Length');
  if (declared !== undefined && /^\s*\d+\s*$/.test(declared)) {
    const n = Number(declared);
    return n > maxBodyBytes ? undefined : n;
  }
  const original = c.req.raw;
  if (original.body === null) return 0;
  const reader = original.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (total > maxBodyBytes) {
      over = true;
      break;
    }
  }
  const body = over ? resumed(chunks, reader) : Buffer.concat(chunks, total);
  c.req.raw = new Request(original.url, {
    method: original.method,
    headers: original.headers,
    body,
    signal: original.signal,
    duplex: 'half',
  });
  return over ? undefined : total;
}

/** A stream that yields the chunks already read, then the rest of `reader`. */
function resumed(
  chunks: Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array>,
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
