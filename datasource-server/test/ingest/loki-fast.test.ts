// The Loki push decoders as they are now (loki-decode.ts: each entry's fields built in one ordinary object,
// JSON timestamps read without a BigInt, error positions written only for an error) against the decoders before
// (test/ingest/reference/loki-decode.ts): on hand-written and seeded random JSON and protobuf bodies, valid and
// invalid, the same rows (the same JSONEachRow bytes) or the same error naming the same entry, and the same rows
// read back from a real chDB store.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeLokiJson, decodeLokiProto } from '../../src/ingest/loki-decode.ts';
import type { LogRow } from '../../src/store/types.ts';
import {
  contexts,
  outcome,
  pick,
  randomLine,
  readBackBoth,
  RECEIVED,
  rng,
  rowBytes,
} from '../helpers/decode-equivalence.ts';
import { encodePush } from '../helpers/loki-push.ts';
import type { EntrySpec } from '../helpers/loki-push.ts';
import {
  decodeLokiJson as referenceJson,
  decodeLokiProto as referenceProto,
} from './reference/loki-decode.ts';

const NOW_NS = BigInt(RECEIVED - 60_000) * 1_000_000n;

const CONTEXTS = contexts('loki', 'loki');
const BASE = CONTEXTS[0].ctx;

const ts = (k: number): string => String(NOW_NS + BigInt(k) * 1_000_123n);

const HAND_WRITTEN: string[] = [
  `{"streams":[{"stream":{"job":"a","host":"web1"},"values":[["${ts(1)}","status=200 user=\\"bob\\""]]}]}`,
  `{"streams":[{"stream":{"job":"a"},"values":[["${ts(1)}","a=1",{"trace_id":"t1","host":"m"}]]}]}`,
  `{"streams":[{"stream":{"a.b":"x","a":"y"},"values":[["${ts(1)}","k=v"]]}]}`,
  `{"streams":[{"stream":{"constructor":"x","__proto__":"y"},"values":[["${ts(1)}","k=v"]]}]}`,
  `{"streams":[{"stream":{"job":"a"},"values":[["${ts(1)}","k=v",{"x.y":"1","x":"2"}]]}]}`,
  `{"streams":[{"stream":{"job":"a"},"values":[["${ts(1)}","k=v",{"toString":"1","":"e"}]]}]}`,
  `{"streams":[{"stream":{"job":"a"},"values":[["${ts(1)}","a.b=1 a=2 host=h index=i _raw=r"]]}]}`,
  `{"streams":[{"stream":{"job":"a","index":"web"},"values":[["${ts(1)}","x"]]}]}`,
  `{"streams":[{"stream":{"index":"Bad"},"values":[["${ts(1)}","x"]]}]}`,
  `{"streams":[{"stream":{"job":"a"},"values":[["1","x"],["999999","y"],["1000000","z"],["0000000000000000001","w"]]}]}`,
  `{"streams":[{"stream":{},"values":[["9999999999999999999","x"]]}]}`,
  `{"streams":[{"stream":{},"values":[["1577836800000000000","old"]]}]}`,
  `{"streams":[{"stream":{},"values":[["-1","x"]]}]}`,
  `{"streams":[{"stream":{},"values":[[1,"x"]]}]}`,
  `{"streams":[{"stream":{},"values":[["${ts(1)}",5]]}]}`,
  `{"streams":[{"stream":{},"values":[["${ts(1)}"]]}]}`,
  `{"streams":[{"stream":{},"values":[["${ts(1)}","x",{"a":1}]]}]}`,
  `{"streams":[{"stream":{},"values":[["${ts(1)}","x",[1]]]}]}`,
  `{"streams":[{"stream":{},"values":[["${ts(1)}","x",null]]}]}`,
  `{"streams":[{"stream":{"a":1},"values":[]}]}`,
  `{"streams":[{"stream":{"":"x"},"values":[]}]}`,
  `{"streams":[{"stream":[],"values":[]}]}`,
  `{"streams":[{"values":{}}]}`,
  `{"streams":[1]}`,
  `{"streams":[]}`,
  `{"streams":{}}`,
  `[]`,
  `not json`,
  `{"streams":[{"stream":{"job":"a"},"values":[["${ts(1)}","lone \\ud800 k=\\udc00"]]}]}`,
  `{"streams":[{"stream":{"job":"\\ud800"},"values":[["${ts(1)}","x"]]}]}`,
  `{"streams":[{"stream":{"host":"${'h'.repeat(1030)}"},"values":[["${ts(1)}","x"]]}]}`,
  `{"streams":[{"stream":{},"values":[["${ts(1)}","${'x'.repeat(67)}"]]}]}`,
  JSON.stringify({
    streams: [{ stream: {}, values: [[ts(1), `k=${'x'.repeat(64 * 1024 - 3)}\u{1F600} t=1`]] }],
  }),
];

const LABELS = [
  'job',
  'host',
  'hostname',
  'filename',
  'service_name',
  'index',
  'a',
  'a.b',
  'constructor',
  'sourcetype',
];
const LABEL_VALUES = ['web', 'main', 'Bad', '', 'x\ud800', 'app'];

function randomLabels(r: () => number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let k = Math.floor(r() * 4); k > 0; k--) out[pick(r, LABELS)] = pick(r, LABEL_VALUES);
  if (r() < 0.5) out['job'] = 'app';
  return out;
}

function randomMeta(r: () => number): Record<string, string> | undefined {
  if (r() < 0.7) return undefined;
  const out: Record<string, string> = {};
  for (let k = Math.floor(r() * 3); k > 0; k--)
    out[pick(r, ['trace_id', 'host', 'x.y', '', 'toString', 'job'])] = pick(r, ['t', '', 'ü']);
  return out;
}

function randomTime(r: () => number, i: number): bigint {
  const p = r();
  if (p < 0.9) return NOW_NS + BigInt(i) * 1_000_123n;
  if (p < 0.95) return NOW_NS - 90n * 86_400_000_000_000n;
  return pick(r, [0n, 1n, 999_999n, 10n ** 19n - 1n]);
}

interface Spec {
  labels: Record<string, string>;
  entries: EntrySpec[];
}

function randomSpecs(r: () => number): Spec[] {
  return Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({
    labels: randomLabels(r),
    entries: Array.from({ length: Math.floor(r() * 8) }, (_, i) => {
      const meta = randomMeta(r);
      return {
        ns: randomTime(r, i),
        line: r() < 0.9 ? randomLine(r) : `status=${i}`,
        ...(meta ? { meta } : {}),
      };
    }),
  }));
}

function jsonBody(r: () => number, specs: Spec[]): string {
  const body = JSON.stringify({
    streams: specs.map((s) => ({
      stream: s.labels,
      values: s.entries.map((e) =>
        e.meta === undefined ? [String(e.ns), e.line] : [String(e.ns), e.line, e.meta],
      ),
    })),
  });
  // Now and then a damaged entry or stream.
  if (r() < 0.03)
    return body.replace(
      '"values":[[',
      pick(r, ['"values":[[1,', '"values":[["x",', '"values":[["1","a",{"b":2}],[']),
    );
  return body;
}

const labelText = (labels: Record<string, string>): string =>
  `{${Object.entries(labels)
    .filter(([k]) => /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;

function protoBody(specs: Spec[]): Uint8Array {
  return encodePush(specs.map((s) => ({ labels: labelText(s.labels), entries: s.entries })));
}

const show = (rows: LogRow[]): string[] => rows.map(rowBytes);

test('Loki push: every hand-written and random body gets the earlier decoder answer (JSON and protobuf)', () => {
  const r = rng(24);
  const specs = Array.from({ length: 2500 }, () => randomSpecs(r));
  const json = [...HAND_WRITTEN, ...specs.map((s) => jsonBody(r, s))];
  const proto = specs.map(protoBody);
  let rows = 0;
  let errors = 0;
  for (const { name, ctx } of CONTEXTS) {
    for (const body of json) {
      const expected = outcome(() => referenceJson(body, ctx), show);
      assert.deepEqual(
        outcome(() => decodeLokiJson(body, ctx), show),
        expected,
        `${name}: ${body}`,
      );
      if ('ok' in (expected as object)) rows += (expected as { ok: string[] }).ok.length;
      else errors++;
    }
    for (const body of proto) {
      const expected = outcome(() => referenceProto(body, ctx), show);
      assert.deepEqual(
        outcome(() => decodeLokiProto(body, ctx), show),
        expected,
        `${name}: ${Buffer.from(body).toString('base64')}`,
      );
    }
  }
  assert.ok(rows > 5000 && errors > 300, `${rows} rows, ${errors} errors`);
});

test('Loki push: the rows it stores read back from chDB as the earlier decoder rows', async () => {
  const r = rng(7);
  const now: LogRow[] = [];
  const before: LogRow[] = [];
  for (let b = 0; b < 500; b++) {
    const body = jsonBody(r, randomSpecs(r));
    try {
      now.push(...decodeLokiJson(body, BASE));
      before.push(...referenceJson(body, BASE));
    } catch {
      // A refused body stores nothing (the first test holds the errors equal).
    }
  }
  assert.ok(now.length > 800, `${now.length} rows`);
  // Entries at epoch 0 (the table's TTL deletes them at once; refused where a retention is set) are left out
  // (those in 2286 are refused now: the TTL's DateTime would wrap); within a year of now, every row must.
  const recent = (rows: LogRow[]): LogRow[] =>
    rows.filter((row) => Math.abs(row._time - RECEIVED) < 365 * 86_400_000);
  const back = await readBackBoth(recent(now), recent(before));
  assert.equal(back.a.length, recent(now).length);
  assert.deepEqual(back.a, back.b);
});
