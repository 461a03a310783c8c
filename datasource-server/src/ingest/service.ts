// The ingestion service: body → rows → batcher, and the mapping of its failures to HTTP answers.

import type { LogRow } from '../store/types.ts';
import type { RowSink } from './sink.ts';
import { BatcherClosedError, InsertFailedError, OverloadedError } from './batcher.ts';
import { readBodyText } from './body.ts';
import type { BodyLimits } from './body.ts';
import { HEC, IngestError } from './errors.ts';

export interface IngestDeps {
  batcher: RowSink;
  limits: BodyLimits;
  /** Host stamped on events that name none (Splunk uses the collector's host). */
  defaultHost: string;
}

/**
 * Reads and decodes the body, then waits for the batch holding the rows to commit.
 * Throws IngestError for bad input and the batcher's errors for overload or store failure.
 */
export async function ingestRequest(
  req: Request,
  deps: IngestDeps,
  decode: (text: string) => LogRow[],
  allowedIndexes?: readonly string[],
): Promise<number> {
  const text = await readBodyText(req, deps.limits);
  if (text.trim() === '') throw new IngestError(400, HEC.noData);
  const rows = decode(text);
  if (allowedIndexes !== undefined) {
    // As Splunk does for a token limited to some indexes: the whole request is refused, naming the event.
    const i = rows.findIndex((r) => !allowedIndexes.includes(r.index));
    const row = rows[i];
    if (row !== undefined) {
      throw new IngestError(400, HEC.incorrectIndex, `this token may not write to index \`${row.index}\``, i);
    }
  }
  await deps.batcher.submit(rows);
  return rows.length;
}

/** Any failure of `ingestRequest` as an IngestError; unknown errors become 500 (code 8). */
export function toIngestError(err: unknown): IngestError {
  if (err instanceof IngestError) return err;
  if (err instanceof OverloadedError || err instanceof BatcherClosedError) {
    return new IngestError(503, HEC.busy, err.message, undefined, err.retryAfterSeconds);
  }
  if (err instanceof InsertFailedError) {
    return new IngestError(503, HEC.busy, err.message, undefined, err.retryAfterSeconds);
  }
  return new IngestError(500, HEC.internal);
}
