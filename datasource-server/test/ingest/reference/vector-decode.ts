// Reference (the decoder before the per-event fast path, kept for the equivalence test): Decodes Vector `http` sink bodies (JSON array or NDJSON of Vector log events) into log rows.

import type { LogRow } from '../../../src/store/types.ts';
import { HEC, IngestError, badEvent } from '../../../src/ingest/errors.ts';
import { jsonEventToRow } from '../../../src/ingest/json-event.ts';
import type { JsonEventKeys } from '../../../src/ingest/json-event.ts';
import type { IngestContext } from '../../../src/ingest/normalise.ts';

/** Vector's log event schema (legacy namespace): the keys that map to columns. */
export const VECTOR_KEYS: JsonEventKeys = {
  time: ['timestamp'],
  message: ['message'],
  sourcetype: ['source_type', 'sourcetype'],
  source: ['source'],
  index: 'index',
};

/**
 * `codec: json` sends a JSON array (Vector's default framing for the http sink); `framing:
 * newline_delimited` sends one JSON object per line. A body starting with `[` is an array.
 */
function parseBody(text: string): unknown[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (err) {
      const detail = err instanceof Error ? `: ${err.message}` : '';
      throw badEvent(HEC.invalidFormat, 0, `the body is not a valid JSON array${detail}`);
    }
    if (!Array.isArray(parsed)) throw badEvent(HEC.invalidFormat, 0);
    return parsed;
  }
  const events: unknown[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line));
    } catch {
      throw badEvent(
        HEC.invalidFormat,
        events.length,
        `event ${events.length} (line ${i + 1}) is not valid JSON`,
      );
    }
  }
  return events;
}

/** The `/ingest/logs` body: all events or an error naming the first bad one. */
export function decodeVectorEvents(text: string, ctx: IngestContext): LogRow[] {
  const events = parseBody(text);
  if (events.length === 0) throw new IngestError(400, HEC.noData, 'no events in the body');
  return events.map((e, n) => jsonEventToRow(e, n, ctx, VECTOR_KEYS));
}
