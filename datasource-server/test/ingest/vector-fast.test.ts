// The Vector `http` decoder with the per-event fast path (json-event.ts `jsonEventToRowFast`) against the
// decoder before it (test/ingest/reference/vector-decode.ts, precise mapping only): on hand-written and seeded
// random bodies, valid and invalid, the same rows (the same JSONEachRow bytes) or the same error naming the same
// event, and the same rows read back from a real chDB store.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonEventToRow, jsonEventToRowFast } from '../../src/ingest/json-event.ts';
import { VECTOR_KEYS, decodeVectorEvents } from '../../src/ingest/vector-decode.ts';
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
import { decodeVectorEvents as referenceDecode } from './reference/vector-decode.ts';

const NOW_S = RECEIVED / 1000 - 60;

const CONTEXTS = contexts('http:t', 'vector');
const BASE = CONTEXTS[0].ctx;

const HAND_WRITTEN: string[] = [
  '[{"message":"status=200 user=\\"bob smith\\"","timestamp":"2026-12-07T11:59:00Z","host":"web1","source_type":"x"}]',
  '{"message":"a=1"}\n{"message":"b=2"}\r\n\n',
  '[]',
  '',
  '[1]',
  '[{"message":"a=1"},"x"]',
  '{"message":"a=1"}\nnot json',
  '[{"message":"x","kubernetes":{"pod":{"name":"p","labels":{"app":"a"}}},"tags":["a",1,null,{"b":2}]}]',
  '[{"message":"a=1 b=2","a":"event wins","c":null}]',
  '[{"message":"x","a":1,"a.b":2}]',
  '[{"message":"x","a.b":2,"a":1}]',
  '[{"message":"x","a":{"b":1},"a.b":3}]',
  '[{"message":"a.b=1 a=2"}]',
  '[{"message":"__proto__=1 constructor=2 toString=3"}]',
  '[{"__proto__":{"x":1},"message":"k=v"}]',
  '[{"__proto__":"x","message":"k=v"}]',
  '[{"message":"k=v","constructor":"c","toString":{"a":1},"hasOwnProperty":[1]}]',
  '[{"message":"k=v","host":{"name":"web9","ip":["1.2.3.4"]}}]',
  '[{"message":"k=v","host":{"ip":"1.2.3.4"}}]',
  '[{"message":"k=v","host":123}]',
  '[{"message":"k=v","host":["a"]}]',
  `[{"message":"k=v","source":"${'s'.repeat(1025)}"}]`,
  '[{"message":"k=v","index":"Bad Index"}]',
  '[{"message":"k=v","index":"web"}]',
  '[{"message":"k=v","index":7}]',
  '[{"message":"k=v","timestamp":1765108740}]',
  '[{"message":"k=v","timestamp":1765108740123}]',
  '[{"message":"k=v","timestamp":1765108740123456}]',
  '[{"message":"k=v","timestamp":1765108740123456789}]',
  '[{"message":"k=v","timestamp":"yesterday"}]',
  '[{"message":"k=v","timestamp":"1800-01-01T00:00:00Z"}]',
  '[{"message":"k=v","timestamp":"2020-01-01T00:00:00Z"}]',
  '[{"message":"k=v","timestamp":""}]',
  '[{"message":"lone \\ud800 surrogate k=\\udc00"}]',
  '[{"message":"k=v","x\\ud800":"y","z":"\\udc00"}]',
  `[{"message":"${'x'.repeat(67)}"}]`,
  `[{"message":"${'é'.repeat(100)}"}]`,
  '[{"message":{"a":{"b":1}}}]',
  '[{"message":null,"x":1}]',
  '[{"message":42}]',
  '[{"x":1}]',
  `[{"message":"k=v","deep":${'{"d":'.repeat(40)}1${'}'.repeat(40)}}]`,
  `[{"message":"k=v","deep":${'{"d":'.repeat(31)}1${'}'.repeat(31)}}]`,
  '[{"message":"k=v","n":9007199254740993,"m":1e21,"o":-0}]',
  '[{"message":"k=v","9":"nine","1":"one"}]',
  JSON.stringify([{ message: `k=${'x'.repeat(64 * 1024 - 3)}\u{1F600} tail=1` }]),
];

function randomBodies(seed: number, count: number): string[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => {
    const n = 1 + Math.floor(r() * 10);
    const clean = r() < 0.4;
    const docs = Array.from({ length: n }, (_, i) =>
      clean
        ? JSON.stringify({
            message: `status=${200 + i} user=u${i} msg="ok ${i}"`,
            timestamp: new Date((NOW_S + i / 1000) * 1000).toISOString(),
            host: `web${i}`,
            source_type: 'access',
          })
        : docJson(r, randomLogDoc(r, i, NOW_S)),
    );
    if (r() < 0.03) docs.splice(Math.floor(r() * n), 0, pick(r, ['{"message":', '3', '"x"', '[]']));
    return r() < 0.6 ? `[${docs.join(',')}]` : docs.join(r() < 0.9 ? '\n' : '\n\n');
  });
}

const show = (rows: LogRow[]): string[] => rows.map(rowBytes);

test('Vector http: every hand-written and random body gets the earlier decoder answer', () => {
  const bodies = [...HAND_WRITTEN, ...randomBodies(24, 3000)];
  let fast = 0;
  let declined = 0;
  for (const { name, ctx } of CONTEXTS) {
    for (const body of bodies) {
      const expected = outcome(() => referenceDecode(body, ctx), show);
      assert.deepEqual(
        outcome(() => decodeVectorEvents(body, ctx), show),
        expected,
        `${name}: ${JSON.stringify(body)}`,
      );
    }
    // Event by event: the fast path either declines or gives the precise mapping's row or error.
    const r = rng(5);
    for (let i = 0; i < 4000; i++) {
      const ev: unknown = JSON.parse(docJson(r, randomLogDoc(r, i, NOW_S)));
      const precise = outcome(() => jsonEventToRow(ev, i, ctx, VECTOR_KEYS), rowBytes);
      let taken: LogRow | undefined;
      const got = outcome(
        () => (taken = jsonEventToRowFast(ev, i, ctx, VECTOR_KEYS)),
        (row) => (row === undefined ? undefined : rowBytes(row)),
      );
      if (taken === undefined && !('error' in (got as object))) {
        declined++;
        continue;
      }
      fast++;
      assert.deepEqual(got, precise, `${name}: ${JSON.stringify(ev)}`);
      if (taken !== undefined) {
        assert.deepEqual(
          { ...taken, fields: { ...taken.fields } },
          (() => {
            const p = jsonEventToRow(ev, i, ctx, VECTOR_KEYS);
            return { ...p, fields: { ...p.fields } };
          })(),
        );
      }
    }
  }
  assert.ok(fast > 1000, `the fast path took ${fast} events`);
  assert.ok(declined > 1000, `the fast path declined ${declined} events`);
});

test('Vector http: the rows it stores read back from chDB as the earlier decoder rows', async () => {
  const now: LogRow[] = [];
  const before: LogRow[] = [];
  for (const body of randomBodies(7, 600)) {
    try {
      now.push(...decodeVectorEvents(body, BASE));
      before.push(...referenceDecode(body, BASE));
    } catch {
      // A refused body stores nothing (the first test holds the errors equal).
    }
  }
  assert.ok(now.length > 800, `${now.length} rows`);
  const back = await readBackBoth(now, before);
  assert.equal(back.a.length, now.length);
  assert.deepEqual(back.a, back.b);
});
