// The Kafka message format of ingested rows: NDJSON of LogRow, one tenant per message, under a size cap.

import type { LogRow } from '../store/types.ts';
import type { ConsumedMessage, OutgoingMessage } from './client.ts';

/** Header naming the value's format, so a consumer can tell our messages from anything else on the topic. */
export const FORMAT_HEADER = 'nexus-format';
export const FORMAT = 'logrow-ndjson-1';
const HEADERS: Readonly<Record<string, string>> = { [FORMAT_HEADER]: FORMAT };

/** One row alone is larger than a Kafka message may be. */
export class RowTooLargeError extends Error {
  override readonly name = 'RowTooLargeError';
  constructor(
    readonly rowIndex: number,
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`event ${rowIndex} is ${bytes} bytes encoded, over the Kafka message limit of ${maxBytes} bytes`);
  }
}

/**
 * Encodes a request's rows as messages keyed by org_id, each value at most `maxBytes`: rows of one
 * tenant in request order, split where the next row would pass the cap.
 *
 * @example encodeRows(rows, 900_000) // => [{ key: 'acme', value: <Buffer '{"org_id":"acme",…}\n{…}'> }]
 */
export function encodeRows(rows: readonly LogRow[], maxBytes: number): OutgoingMessage[] {
  // Each line is kept as text with its UTF-8 length, and each message is written once into a buffer of its
  // exact size: no buffer per row to concatenate afterwards.
  const byOrg = new Map<string, { lines: string[]; bytes: number }[]>();
  rows.forEach((row, i) => {
    const line = JSON.stringify(row);
    const bytes = Buffer.byteLength(line) + 1; // with its '\n'
    if (bytes > maxBytes) throw new RowTooLargeError(i, bytes, maxBytes);
    let chunks = byOrg.get(row.org_id);
    if (chunks === undefined) {
      chunks = [];
      byOrg.set(row.org_id, chunks);
    }
    let last = chunks.at(-1);
    if (last === undefined || last.bytes + bytes > maxBytes) {
      last = { lines: [], bytes: 0 };
      chunks.push(last);
    }
    last.lines.push(line);
    last.bytes += bytes;
  });
  const out: OutgoingMessage[] = [];
  for (const [key, chunks] of byOrg) {
    for (const c of chunks) {
      const value = Buffer.allocUnsafe(c.bytes);
      let at = 0;
      for (const line of c.lines) {
        at += value.write(line, at, 'utf8');
        value[at++] = 0x0a;
      }
      out.push({ key, value, headers: HEADERS });
    }
  }
  return out;
}

function isFieldsObject(v: unknown): v is LogRow['fields'] {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The shape ingestion produces; anything else on the topic is refused rather than half-inserted. */
function isLogRow(v: unknown): v is LogRow {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r['org_id'] === 'string' &&
    r['org_id'] !== '' &&
    typeof r['index'] === 'string' &&
    typeof r['_time'] === 'number' &&
    Number.isFinite(r['_time']) &&
    typeof r['host'] === 'string' &&
    typeof r['source'] === 'string' &&
    typeof r['sourcetype'] === 'string' &&
    typeof r['_raw'] === 'string' &&
    isFieldsObject(r['fields'])
  );
}

/**
 * The rows of one consumed message, or why it cannot be used (not ours, or malformed): such a message
 * can never be inserted, so the consumer logs and skips it instead of blocking its partition.
 */
export function decodeMessage(msg: ConsumedMessage): { rows: LogRow[] } | { error: string } {
  if (msg.headers[FORMAT_HEADER] !== FORMAT) {
    return { error: `no ${FORMAT_HEADER}: ${FORMAT} header` };
  }
  const rows: LogRow[] = [];
  const text = msg.value?.toString('utf8') ?? '';
  let n = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    n++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return { error: `line ${n} is not JSON` };
    }
    if (!isLogRow(parsed)) return { error: `line ${n} is not a log row` };
    rows.push(parsed);
  }
  return { rows };
}
