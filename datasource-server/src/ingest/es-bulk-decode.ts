// Decodes an Elasticsearch `_bulk` body (NDJSON action/document pairs) into rows and per-item outcomes.

import { randomBytes } from 'node:crypto';
import type { LogRow } from '../store/types.ts';
import { HEC, IngestError } from './errors.ts';
import { isPlainObject, jsonEventRow } from './json-event.ts';
import type { JsonEventKeys } from './json-event.ts';
import { isValidIndex } from './normalise.ts';
import type { IngestContext } from './normalise.ts';

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

/** Ids are cut from a pool of random bytes: `randomBytes` per document cost about 12 µs (half of `_bulk`). */
const ID_BYTES = 15;
const POOL_IDS = 1024;
let idPool = Buffer.alloc(0);
let idAt = 0;

/** Elasticsearch's auto-generated ids are 20 URL-safe base64 characters (15 random bytes, never reused). */
function newId(): string {
  if (idAt + ID_BYTES > idPool.length) {
    idPool = randomBytes(ID_BYTES * POOL_IDS);
    idAt = 0;
  }
  const id = idPool.toString('base64url', idAt, idAt + ID_BYTES);
  idAt += ID_BYTES;
  return id;
}

const whole = (line: number, reason: string): IngestError =>
  new IngestError(400, HEC.invalidFormat, `line ${line}: ${reason}`);

interface Action {
  action: BulkAction;
  meta: Record<string, unknown>;
}

function parseAction(text: string, line: number): Action {
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

const DELETE_REASON = 'logs are append-only: the delete action is not supported';
const UPDATE_REASON = 'logs are append-only: the update action is not supported';

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
  const fallbackIndex = opts.urlIndex ?? ctx.defaultIndex ?? 'main';
  // Agents repeat one action line (`{"index":{}}`, `{"create":{"_index":"app"}}`): the same text parses to the
  // same action, which is only read, so it is parsed once.
  let lastText: string | undefined;
  let last: Action | undefined;
  for (let i = 0; i < lines.length; i++) {
    const actionLine = (lines[i] ?? '').trim();
    if (actionLine === '') continue;
    const line = i + 1;
    if (actionLine !== lastText || last === undefined) {
      last = parseAction(actionLine, line);
      lastText = actionLine;
    }
    const { action, meta } = last;
    const named = meta['_index'];
    const index = typeof named === 'string' && named !== '' ? named : fallbackIndex;
    const givenId = meta['_id'];
    const id = typeof givenId === 'string' || typeof givenId === 'number' ? String(givenId) : newId();
    if (action === 'delete') {
      items.push(failed(action, index, id, 400, 'illegal_argument_exception', DELETE_REASON));
      continue;
    }
    // index, create and update are followed by a source line.
    i++;
    if (i >= lines.length || (i === lines.length - 1 && (lines[i] ?? '').trim() === '')) {
      throw whole(line, `the ${action} action has no document line after it`);
    }
    if (action === 'update') {
      items.push(failed(action, index, id, 400, 'illegal_argument_exception', UPDATE_REASON));
      continue;
    }
    if (named !== undefined && typeof named !== 'string') {
      items.push(
        failed(action, index, id, 400, 'illegal_argument_exception', `line ${line}: _index must be a string`),
      );
      continue;
    }
    if (!isValidIndex(index)) {
      items.push(
        failed(
          action,
          index,
          id,
          400,
          'invalid_index_name_exception',
          `invalid index name [${index}]: Nexus index names are lowercase letters, digits, _ and - (at most 80; no dots); set the index in the agent's output`,
        ),
      );
      continue;
    }
    if (opts.allowedIndexes !== undefined && !opts.allowedIndexes.includes(index)) {
      items.push(
        failed(action, index, id, 403, 'security_exception', `this token may not write to index [${index}]`),
      );
      continue;
    }
    let doc: unknown;
    try {
      doc = JSON.parse((lines[i] ?? '').trim());
    } catch (err) {
      const detail = err instanceof Error ? ` (${err.message})` : '';
      items.push(
        failed(
          action,
          index,
          id,
          400,
          'document_parsing_exception',
          `line ${i + 1}: the document is not valid JSON${detail}`,
        ),
      );
      continue;
    }
    try {
      const row = jsonEventRow(doc, items.length, ctx, ES_KEYS, index);
      items.push({ action, index, id, status: 201, row });
    } catch (err) {
      if (!(err instanceof IngestError)) throw err;
      items.push(
        failed(action, index, id, 400, 'document_parsing_exception', `line ${i + 1}: ${err.message}`),
      );
    }
  }
  return items;
}

function failed(
  action: BulkAction,
  index: string,
  id: string,
  status: number,
  type: string,
  reason: string,
): BulkItem {
  return { action, index, id, status, error: { type, reason } };
}
