// Reference (the decoder before the per-event fast path, kept for the equivalence test): Decodes an Elasticsearch `_bulk` body (NDJSON action/document pairs) into rows and per-item outcomes.

import { randomBytes } from 'node:crypto';
import type { LogRow } from '../../../src/store/types.ts';
import { HEC, IngestError } from '../../../src/ingest/errors.ts';
import { isPlainObject, jsonEventToRow } from '../../../src/ingest/json-event.ts';
import type { JsonEventKeys } from '../../../src/ingest/json-event.ts';
import { isValidIndex } from '../../../src/ingest/normalise.ts';
import type { IngestContext } from '../../../src/ingest/normalise.ts';

/**
 * Documents as Fluent Bit (`@timestamp`, `log`), Filebeat/Logstash (ECS: `@timestamp`, `message`,
 * `host.name`, `log.file.path`) and Vector's elasticsearch sink (`timestamp`, `message`, `source_type`) send
 * them. No `index` key: the action line (or the URL) names the index.
 */
export const ES_KEYS: JsonEventKeys = {
  time: ['@timestamp', 'timestamp'],
  message: ['message', 'log'],
  sourcetype: ['source_type', 'sourcetype'],
  source: ['source', 'log.file.path'],
};

export type BulkAction = 'index' | 'create' | 'update' | 'delete';
const ACTIONS: ReadonlySet<string> = new Set<BulkAction>(['index', 'create', 'update', 'delete']);

/** One action of the request and what became of it (`row` set when it is to be stored). */
export interface BulkItem {
  action: BulkAction;
  index: string;
  id: string;
  /** 201 when stored, else the item's error status. */
  status: number;
  error?: { type: string; reason: string };
  row?: LogRow;
}

export interface BulkOptions {
  /** The `<index>` of `POST /<index>/_bulk`: the default for actions without `_index`. */
  urlIndex?: string;
  /** A token limited to these indexes gets 403 for the others, item by item. */
  allowedIndexes?: readonly string[];
}

/** Elasticsearch's auto-generated ids are 20 URL-safe base64 characters. */
const newId = (): string => randomBytes(15).toString('base64url');

const whole = (line: number, reason: string): IngestError =>
  new IngestError(400, HEC.invalidFormat, `line ${line}: ${reason}`);

function parseAction(text: string, line: number): { action: BulkAction; meta: Record<string, unknown> } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw whole(line, 'the action/metadata line is not valid JSON');
  }
  const keys = isPlainObject(parsed) ? Object.keys(parsed) : [];
  const action = keys[0];
  const meta = action === undefined || !isPlainObject(parsed) ? undefined : parsed[action];
  if (keys.length !== 1 || action === undefined || !ACTIONS.has(action) || !isPlainObject(meta)) {
    throw whole(
      line,
      `malformed action/metadata line, expected one of [create, delete, index, update] but found [${keys.join(', ')}]`,
    );
  }
  return { action: action as BulkAction, meta };
}

/**
 * Every action of the body in order. `index`/`create` documents become rows; `update` and `delete` are
 * refused item by item (logs are append-only); a bad document, index name or disallowed index fails its
 * item only. A malformed action line fails the whole request (IngestError 400 naming the line), since
 * the pairs after it cannot be told apart.
 *
 * @example decodeBulk('{"index":{"_index":"app"}}\n{"message":"hi"}\n', ctx)
 * // => [{ action: 'index', index: 'app', status: 201, row: { _raw: 'hi', … } }]
 */
export function decodeBulk(text: string, ctx: IngestContext, opts: BulkOptions = {}): BulkItem[] {
  const lines = text.split('\n');
  const items: BulkItem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const actionLine = (lines[i] ?? '').trim();
    if (actionLine === '') continue;
    const line = i + 1;
    const { action, meta } = parseAction(actionLine, line);
    const named = meta['_index'];
    const index =
      typeof named === 'string' && named !== '' ? named : (opts.urlIndex ?? ctx.defaultIndex ?? 'main');
    const id =
      typeof meta['_id'] === 'string' || typeof meta['_id'] === 'number' ? String(meta['_id']) : newId();
    const fail = (status: number, type: string, reason: string): void => {
      items.push({ action, index, id, status, error: { type, reason } });
    };
    if (action === 'delete') {
      fail(400, 'illegal_argument_exception', 'logs are append-only: the delete action is not supported');
      continue;
    }
    // index, create and update are followed by a source line.
    i++;
    if (i >= lines.length || (i === lines.length - 1 && (lines[i] ?? '').trim() === '')) {
      throw whole(line, `the ${action} action has no document line after it`);
    }
    const source = (lines[i] ?? '').trim();
    if (action === 'update') {
      fail(400, 'illegal_argument_exception', 'logs are append-only: the update action is not supported');
      continue;
    }
    if (named !== undefined && typeof named !== 'string') {
      fail(400, 'illegal_argument_exception', `line ${line}: _index must be a string`);
      continue;
    }
    if (!isValidIndex(index)) {
      fail(
        400,
        'invalid_index_name_exception',
        `invalid index name [${index}]: Nexus index names are lowercase letters, digits, _ and - (at most 80; no dots); set the index in the agent's output`,
      );
      continue;
    }
    if (opts.allowedIndexes !== undefined && !opts.allowedIndexes.includes(index)) {
      fail(403, 'security_exception', `this token may not write to index [${index}]`);
      continue;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(source);
    } catch (err) {
      const detail = err instanceof Error ? ` (${err.message})` : '';
      fail(400, 'document_parsing_exception', `line ${i + 1}: the document is not valid JSON${detail}`);
      continue;
    }
    try {
      const row = jsonEventToRow(doc, items.length, ctx, ES_KEYS, index);
      items.push({ action, index, id, status: 201, row });
    } catch (err) {
      if (!(err instanceof IngestError)) throw err;
      fail(400, 'document_parsing_exception', `line ${i + 1}: ${err.message}`);
    }
  }
  return items;
}
