// The OTLP logs decoder as it is now (otlp-decode.ts: each record's fields filled into one ordinary object, the
// precise merge whenever that could differ) against the decoder before (test/ingest/reference/otlp-decode.ts):
// on hand-written and seeded random OTLP JSON bodies, valid and invalid, the same rows (the same JSONEachRow
// bytes), the same partial-success counts and messages, or the same error; and the same rows read back from a
// real chDB store. The mapping is shared by the protobuf decoder, whose own tests are otlp.test.ts.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeOtlpLogs } from '../../src/ingest/otlp-decode.ts';
import type { OtlpDecoded } from '../../src/ingest/otlp-decode.ts';
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
import { decodeOtlpLogs as referenceDecode } from './reference/otlp-decode.ts';

const NOW_NS = BigInt(RECEIVED - 60_000) * 1_000_000n;

const CONTEXTS = contexts('otlp', 'otlp');
const BASE = CONTEXTS[0].ctx;

type Obj = Record<string, unknown>;
const s = (v: string): Obj => ({ stringValue: v });
const kv = (key: string, value: unknown): Obj => ({ key, value });
const body = (records: unknown[], resource: Obj[] = [], scope: Obj = {}): string =>
  JSON.stringify({
    resourceLogs: [{ resource: { attributes: resource }, scopeLogs: [{ scope, logRecords: records }] }],
  });
const t = String(NOW_NS);

const HAND_WRITTEN: string[] = [
  body([{ timeUnixNano: t, body: s('status=200 user="bob"') }], [kv('host.name', s('web1'))]),
  body([
    {
      timeUnixNano: t,
      body: s('a=1'),
      severityText: 'INFO',
      severityNumber: 9,
      traceId: '5B8EFFF798038103D269B633813FC60C',
      spanId: 'EEE19B7EC3C1B174',
      flags: 257,
      eventName: 'e',
    },
  ]),
  body([
    { timeUnixNano: t, body: s('x'), traceId: 'abc' },
    { timeUnixNano: t, body: s('y') },
  ]),
  body([
    { timeUnixNano: '1', body: s('old') },
    { timeUnixNano: t, body: s('new') },
  ]),
  body([{ observedTimeUnixNano: t, body: s('observed') }, { body: s('no time') }]),
  body([
    {
      timeUnixNano: t,
      body: {
        kvlistValue: {
          values: [
            kv('a', s('1')),
            kv('b', { kvlistValue: { values: [kv('c', { intValue: '9007199254740993' })] } }),
          ],
        },
      },
    },
  ]),
  body([{ timeUnixNano: t, body: { arrayValue: { values: [s('a'), { intValue: 3 }] } } }]),
  body([
    { timeUnixNano: t, body: { intValue: '42' } },
    { timeUnixNano: t, body: { boolValue: true } },
    { timeUnixNano: t },
  ]),
  body([{ timeUnixNano: t, body: s('k=v'), attributes: [kv('a', s('1')), kv('a.b', s('2'))] }]),
  body([{ timeUnixNano: t, body: s('k=v') }], [kv('host', s('h')), kv('host.name', s('web'))]),
  body([{ timeUnixNano: t, body: s('k=v'), attributes: [kv('constructor', s('c'))] }]),
  body([{ timeUnixNano: t, body: s('k=v') }], [kv('toString', s('x'))]),
  body([{ timeUnixNano: t, body: s('k=v') }], [], {
    name: 'lib',
    version: '1',
    attributes: [kv('__proto__', s('p'))],
  }),
  body([{ timeUnixNano: t, body: s('a.b=1 a=2 host=x index=i') }]),
  body([{ timeUnixNano: t, body: s('__proto__=1 toString=2') }]),
  body([
    {
      timeUnixNano: t,
      body: s('k=v'),
      attributes: [kv('nexus.index', s('web')), kv('log.file.path', s('/p'))],
    },
  ]),
  body([{ timeUnixNano: t, body: s('k=v'), attributes: [kv('nexus.index', s('Bad'))] }]),
  body([{ timeUnixNano: t, body: s('k=v') }], [kv('nexus.index', s('other')), kv('service.name', s('svc'))]),
  body([
    { timeUnixNano: t, body: s('x'.repeat(67)) },
    { timeUnixNano: t, body: s('é'.repeat(100)) },
  ]),
  body([{ timeUnixNano: t, body: s('lone \ud800 k=\udc00') }]),
  body([{ timeUnixNano: t, body: s('k=v'), attributes: [kv('x\ud800', s('\udc00'))] }]),
  body([{ timeUnixNano: 'x', body: s('bad time') }]),
  body([{ timeUnixNano: t, body: { doubleValue: 'NaN' } }]),
  body([{ timeUnixNano: t, body: { bytesValue: '!!' } }]),
  body([{ timeUnixNano: t, body: 5 }]),
  body([1]),
  '{"resourceLogs":{}}',
  '{}',
  'not json',
  JSON.stringify({
    resourceLogs: [
      {
        resource: {},
        scopeLogs: [
          { logRecords: [{ timeUnixNano: t, body: s(`k=${'x'.repeat(64 * 1024 - 3)}\u{1F600} t=1`) }] },
        ],
      },
    ],
  }),
];

const ATTR_KEYS = [
  'a',
  'a.b',
  'host.name',
  'service.name',
  'nexus.index',
  'log.file.path',
  'constructor',
  'k8s.pod.name',
  'host',
  'user',
];

function randomValue(r: () => number, depth = 0): Obj {
  const p = r();
  if (p < 0.55) return s(pick(r, ['web', '', 'main', 'Bad', 'ü', randomLine(r)]));
  if (p < 0.65) return { intValue: pick(r, [1, '2', '9007199254740993', -5]) };
  if (p < 0.7) return { doubleValue: pick(r, [1.5, 'Infinity']) };
  if (p < 0.75) return { boolValue: r() < 0.5 };
  if (p < 0.85 && depth < 2) return { kvlistValue: { values: randomAttrs(r, depth + 1) } };
  if (p < 0.92 && depth < 2) return { arrayValue: { values: [randomValue(r, depth + 1)] } };
  return {};
}

function randomAttrs(r: () => number, depth = 0): Obj[] {
  return Array.from({ length: Math.floor(r() * 3) }, () => kv(pick(r, ATTR_KEYS), randomValue(r, depth)));
}

function randomRecord(r: () => number, i: number): Obj {
  const rec: Obj = {};
  const tp = r();
  if (tp < 0.85) rec['timeUnixNano'] = String(NOW_NS + BigInt(i) * 1_000_123n);
  else if (tp < 0.9) rec['observedTimeUnixNano'] = String(NOW_NS);
  else if (tp < 0.95) rec['timeUnixNano'] = pick(r, ['1', String(NOW_NS - 90n * 86_400_000_000_000n), 0]);
  const b = r();
  rec['body'] = b < 0.85 ? s(randomLine(r)) : randomValue(r);
  if (r() < 0.3) rec['attributes'] = randomAttrs(r);
  if (r() < 0.3) rec['severityText'] = pick(r, ['INFO', 'ERROR']);
  if (r() < 0.3) rec['severityNumber'] = pick(r, [9, 17, 'SEVERITY_NUMBER_WARN']);
  if (r() < 0.2)
    rec['traceId'] = pick(r, [
      '5b8efff798038103d269b633813fc60c',
      '00000000000000000000000000000000',
      'abc',
      '',
    ]);
  if (r() < 0.2) rec['spanId'] = pick(r, ['eee19b7ec3c1b174', 'zz']);
  if (r() < 0.1) rec['flags'] = pick(r, [1, 256, 257]);
  if (r() < 0.03)
    return pick(r, [
      { ...rec, timeUnixNano: 'x' },
      { ...rec, body: { boolValue: 1 } },
    ]);
  return rec;
}

function randomBodies(seed: number, count: number): string[] {
  const r = rng(seed);
  return Array.from({ length: count }, () =>
    JSON.stringify({
      resourceLogs: Array.from({ length: 1 + Math.floor(r() * 2) }, () => ({
        resource: {
          attributes: r() < 0.7 ? [kv('host.name', s('web1')), ...randomAttrs(r)] : randomAttrs(r),
        },
        scopeLogs: Array.from({ length: 1 + Math.floor(r() * 2) }, () => ({
          ...(r() < 0.5
            ? { scope: { name: 'lib', version: r() < 0.5 ? '1.0' : '', attributes: randomAttrs(r) } }
            : {}),
          logRecords: Array.from({ length: Math.floor(r() * 8) }, (_, i) => randomRecord(r, i)),
        })),
      })),
    }),
  );
}

const show = (d: OtlpDecoded): unknown => ({
  rows: d.rows.map(rowBytes),
  rejected: d.rejected,
  errors: d.errors,
});

test('OTLP JSON: every hand-written and random body gets the earlier decoder answer', () => {
  const bodies = [...HAND_WRITTEN, ...randomBodies(24, 3000)];
  let rows = 0;
  let rejected = 0;
  for (const { name, ctx } of CONTEXTS) {
    for (const text of bodies) {
      const b = Buffer.from(text);
      const expected = outcome(() => referenceDecode(b, 'json', ctx), show);
      assert.deepEqual(
        outcome(() => decodeOtlpLogs(b, 'json', ctx), show),
        expected,
        `${name}: ${text}`,
      );
      if ('ok' in (expected as object)) {
        const ok = (expected as { ok: { rows: string[]; rejected: number } }).ok;
        rows += ok.rows.length;
        rejected += ok.rejected;
      }
    }
  }
  assert.ok(rows > 5000 && rejected > 500, `${rows} rows, ${rejected} rejected`);
});

test('OTLP JSON: the rows it stores read back from chDB as the earlier decoder rows', async () => {
  const now: LogRow[] = [];
  const before: LogRow[] = [];
  for (const text of randomBodies(7, 500)) {
    try {
      now.push(...decodeOtlpLogs(Buffer.from(text), 'json', BASE).rows);
      before.push(...referenceDecode(Buffer.from(text), 'json', BASE).rows);
    } catch {
      // A refused body stores nothing (the first test holds the errors equal).
    }
  }
  // Records at epoch 0 and the like are deleted at once by the table's TTL: within a year of now, every row.
  const recent = (rows: LogRow[]): LogRow[] =>
    rows.filter((row) => Math.abs(row._time - RECEIVED) < 365 * 86_400_000);
  assert.ok(recent(now).length > 800, `${now.length} rows`);
  const back = await readBackBoth(recent(now), recent(before));
  assert.equal(back.a.length, recent(now).length);
  assert.deepEqual(back.a, back.b);
});
