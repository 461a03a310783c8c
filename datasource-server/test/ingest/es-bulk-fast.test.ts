// The `_bulk` decoder as it is now (es-bulk-decode.ts: the per-event fast path of json-event.ts, action lines
// parsed once per distinct text, ids cut from a pool of random bytes) against the decoder before it
// (test/ingest/reference/es-bulk-decode.ts): on hand-written and seeded random bodies, valid and invalid, the same
// items (action, index, status, error, the row's JSONEachRow bytes; a generated id is random in both, so only its
// form is compared) or the same whole-request error, and the same rows read back from a real chDB store.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBulk } from '../../src/ingest/es-bulk-decode.ts';
import type { BulkItem, BulkOptions } from '../../src/ingest/es-bulk-decode.ts';
import type { IngestContext } from '../../src/ingest/normalise.ts';
import type { LogRow } from '../../src/store/types.ts';
import {
  contexts,
  docJson,
  outcome,
  pick,
  randomLogDoc,
  readBackBoth,
  RECEIVED,
  rng,
  rowBytes,
} from '../helpers/decode-equivalence.ts';
import { decodeBulk as referenceDecode } from './reference/es-bulk-decode.ts';

const NOW_S = RECEIVED / 1000 - 60;

const [PLAIN, LIMITED] = contexts('elasticsearch', 'elasticsearch');
const BASE = PLAIN.ctx;
const CONTEXTS: { name: string; ctx: IngestContext; opts: BulkOptions }[] = [
  { ...PLAIN, opts: {} },
  {
    ...LIMITED,
    name: 'limited token, URL index, retention, small events',
    opts: { urlIndex: 'web', allowedIndexes: ['web', 'main'] },
  },
];

const AUTO_ID = /^[A-Za-z0-9_-]{20}$/;

/** Items in comparable form; generated ids are checked for their form and uniqueness, then masked. */
function show(items: BulkItem[]): unknown[] {
  const ids = new Set<string>();
  return items.map((item) => {
    let id = item.id;
    if (AUTO_ID.test(id)) {
      assert.ok(!ids.has(id), `id ${id} given twice`);
      ids.add(id);
      id = '<generated>';
    }
    return { ...item, id, row: item.row === undefined ? undefined : rowBytes(item.row) };
  });
}

const HAND_WRITTEN: string[] = [
  '{"index":{"_index":"main"}}\n{"@timestamp":"2026-12-07T11:59:00.000Z","host":"web1","message":"status=200 user=\\"bob\\""}\n',
  '{"index":{}}\n{"message":"a=1"}\n{"create":{"_index":"web","_id":"x1"}}\n{"log":"b=2"}\n',
  '{"index":{"_id":7}}\n{"message":"a"}\n{"index":{"_id":7}}\n{"message":"b"}\n',
  '{"delete":{"_index":"main","_id":"1"}}\n{"index":{}}\n{"message":"a"}\n',
  '{"update":{"_id":"1"}}\n{"doc":{"a":1}}\n{"index":{}}\n{"message":"a"}\n',
  '{"index":{"_index":"BAD"}}\n{"message":"a"}\n',
  '{"index":{"_index":5}}\n{"message":"a"}\n',
  '{"index":{"_index":"other"}}\n{"message":"a"}\n',
  '{"index":{"_index":""}}\n{"message":"a"}\n',
  '{"index":{}}\n{"message":\n{"index":{}}\n{"message":"after"}\n',
  '{"index":{}}\n\ufeff{"message":"bom"}\n',
  '{"index":{}}\n  {"message":"spaces"}\t\n',
  '{"index":{}}\n[1]\n{"index":{}}\n"text"\n',
  '{"index":{}}\n{"message":"a"}\n{"index":{}}\n',
  '{"index":{}}\n{"message":"a"}\n{"index":{}}',
  '{"index":{}}',
  '{"index":{}}\n',
  'not json\n{"message":"a"}\n',
  '{"index":{},"create":{}}\n{"message":"a"}\n',
  '{"frobnicate":{}}\n{"message":"a"}\n',
  '{"index":[]}\n{"message":"a"}\n',
  '{"delete":{}}',
  '\n\n{"index":{}}\r\n{"message":"crlf"}\r\n\r\n',
  '',
  '{"index":{}}\n{"message":"x","host":{"name":"web9","ip":["1.2.3.4"]},"log":{"file":{"path":"/var/log/a"}}}\n',
  '{"index":{}}\n{"log":"x","log.file.path":"/p"}\n',
  '{"index":{}}\n{"message":"x","a":1,"a.b":2}\n',
  '{"index":{}}\n{"__proto__":"x","message":"k=v"}\n',
  '{"index":{}}\n{"message":"__proto__=1 constructor=2"}\n',
  '{"index":{}}\n{"message":"k=v","@timestamp":"2020-01-01T00:00:00Z"}\n',
  '{"index":{}}\n{"message":"k=v","@timestamp":"never"}\n',
  '{"index":{}}\n{"message":"k=v","timestamp":1765108740123}\n',
  `{"index":{}}\n{"message":"${'x'.repeat(67)}"}\n`,
  '{"index":{}}\n{"message":"lone \\ud800 k=\\udc00"}\n',
  '{"index":{}}\n{"message":{"nested":{"a":1}}}\n',
  '{"index":{}}\n{"other":1}\n',
];

const ACTIONS = [
  '{"index":{}}',
  '{"index":{"_index":"main"}}',
  '{"create":{"_index":"web"}}',
  '{"index":{"_index":"other"}}',
  '{"index":{"_index":"BAD"}}',
  '{"index":{"_id":"given-1"}}',
  '{"create":{"_id":42}}',
  '{"update":{"_id":"1"}}',
  '{"delete":{"_id":"1"}}',
  '{"index":{"_index":null}}',
  ' {"index":{}} ',
];

function randomBodies(seed: number, count: number): string[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => {
    const n = 1 + Math.floor(r() * 10);
    const clean = r() < 0.4;
    const action = pick(r, ACTIONS);
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      if (clean) {
        lines.push('{"index":{}}');
        lines.push(
          JSON.stringify({
            '@timestamp': new Date((NOW_S + i / 1000) * 1000).toISOString(),
            host: `web${i}`,
            message: `status=${200 + i} user=u${i} msg="ok ${i}"`,
          }),
        );
        continue;
      }
      const a = r() < 0.7 ? action : pick(r, ACTIONS);
      lines.push(a);
      if (!a.includes('delete'))
        lines.push(r() < 0.03 ? pick(r, ['{"message":', '3', '']) : docJson(r, randomLogDoc(r, i, NOW_S)));
      if (r() < 0.01) lines.push(pick(r, ['{"bad":{}}', 'garbage']));
    }
    return lines.join(r() < 0.9 ? '\n' : '\r\n') + (r() < 0.8 ? '\n' : '');
  });
}

test('_bulk: every hand-written and random body gets the earlier decoder answer', () => {
  const bodies = [...HAND_WRITTEN, ...randomBodies(24, 3000)];
  let stored = 0;
  let refused = 0;
  for (const { name, ctx, opts } of CONTEXTS) {
    for (const body of bodies) {
      const expected = outcome(() => referenceDecode(body, ctx, opts), show);
      const got = outcome(() => decodeBulk(body, ctx, opts), show);
      assert.deepEqual(got, expected, `${name}: ${JSON.stringify(body)}`);
      if ('ok' in (got as object)) {
        for (const item of (got as { ok: { status: number }[] }).ok) {
          if (item.status === 201) stored++;
          else refused++;
        }
      }
    }
  }
  assert.ok(stored > 5000 && refused > 1000, `${stored} items stored, ${refused} refused`);
});

test('_bulk: the rows it stores read back from chDB as the earlier decoder rows', async () => {
  const rowsOf = (items: BulkItem[]): LogRow[] => items.flatMap((i) => (i.row === undefined ? [] : [i.row]));
  const now: LogRow[] = [];
  const before: LogRow[] = [];
  for (const body of randomBodies(7, 600)) {
    try {
      now.push(...rowsOf(decodeBulk(body, BASE)));
      before.push(...rowsOf(referenceDecode(body, BASE)));
    } catch {
      // A refused request stores nothing (the first test holds the errors equal).
    }
  }
  assert.ok(now.length > 800, `${now.length} rows`);
  const back = await readBackBoth(now, before);
  assert.equal(back.a.length, now.length);
  assert.deepEqual(back.a, back.b);
});
