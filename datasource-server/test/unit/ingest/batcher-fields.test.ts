// Unit tests of ingestion: HEC body splitting, key=value extraction, field merging, the batcher.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Batcher, InsertFailedError, OverloadedError } from '../../../src/ingest/batcher.ts';
import { HEC, IngestError } from '../../../src/ingest/errors.ts';
import { logNotStored, toIngestError } from '../../../src/ingest/service.ts';
import { createLogger } from '../../../src/telemetry/logger.ts';
import { extractKeyValues, flattenObject, mergeFields } from '../../../src/ingest/fields.ts';
import { splitJsonObjects } from '../../../src/ingest/hec-decode.ts';
import type { LogRow } from '../../../src/store/types.ts';

test('splitJsonObjects: concatenated, whitespace-separated, strings with braces', () => {
  assert.deepEqual(splitJsonObjects('{"a":1}{"b":"}{"}\n {"c":[1,{"d":2}]}'), [
    { a: 1 },
    { b: '}{' },
    { c: [1, { d: 2 }] },
  ]);
  assert.deepEqual(splitJsonObjects('  '), []);
  for (const [body, n] of [
    ['{"a":1}{"b":', 1],
    ['{"a":1} x', 1],
    ['[{"a":1}]', 0],
    ['{"a":1,}', 0],
  ] as const) {
    assert.throws(
      () => splitJsonObjects(body),
      (e: unknown) => e instanceof IngestError && e.hec.code === 6 && e.eventIndex === n,
      body,
    );
  }
});

test('splitJsonObjects: one object per line (the fast path) and every other layout agree', () => {
  const objs = [{ a: 1 }, { b: '}\n{' }, { c: [1, { d: 2 }] }, { e: 'x' }];
  const layouts = [
    objs.map((o) => JSON.stringify(o)).join('\n'),
    objs.map((o) => JSON.stringify(o)).join('\r\n') + '\r\n',
    objs.map((o) => JSON.stringify(o)).join(''),
    objs.map((o) => JSON.stringify(o, null, 2)).join('\n'),
    // two on a line, then one per line, then an object over lines
    `${JSON.stringify(objs[0])} ${JSON.stringify(objs[1])}\n${JSON.stringify(objs[2])}\n${JSON.stringify(objs[3], null, 1)}`,
  ];
  for (const body of layouts) assert.deepEqual(splitJsonObjects(body), objs, body);
  // A long line of many objects (no newline) is parsed whole, in order.
  const many = Array.from({ length: 5_000 }, (_, i) => ({ i }));
  assert.deepEqual(splitJsonObjects(many.map((o) => JSON.stringify(o)).join('')), many);
  // The first bad object is named whichever path reads it.
  for (const [body, n] of [
    ['{"a":1}\n{"b":2,}\n{"c":3}', 1],
    ['{"a":1}\n{"b":2} {"c":,}\n', 2],
    ['{"a":1}\n{"b":\n2}\n{"c"}', 2],
    ['{"a":1}\n"x"\n', 1],
  ] as const) {
    assert.throws(
      () => splitJsonObjects(body),
      (e: unknown) => e instanceof IngestError && e.hec.code === 6 && e.eventIndex === n,
      body,
    );
  }
});

test('extractKeyValues: Splunk-style pairs', () => {
  assert.deepEqual(
    { ...extractKeyValues('a=1 b="x \\"y\\" z", c.d-e=v;f=2,g=3 a=9 url=http://h/p?q=1 =bad 9x=no') },
    { a: '1', b: 'x "y" z', 'c.d-e': 'v', f: '2', g: '3', url: 'http://h/p?q=1' },
  );
  assert.deepEqual({ ...extractKeyValues('no pairs here') }, {});
});

test('fields: flatten, hostile keys, integer overflow, parent/child conflicts', () => {
  const flat = flattenObject(
    JSON.parse('{"a":{"b":1},"__proto__":"p","n":null,"big":18446744073709551616,"arr":[1,{"x":1}]}'),
  );
  const expected: unknown = JSON.parse(
    '{"a.b":1,"__proto__":"p","big":"18446744073709552000","arr":[1,"{\\"x\\":1}"]}',
  );
  assert.deepEqual({ ...flat }, expected);
  assert.deepEqual(
    { ...mergeFields({ a: 'x' }, { 'a.b': 'y', c: '1' }, { c: '2' }) },
    { 'a._value': 'x', 'a.b': 'y', c: '2' },
  );
});

const rows = (n: number, tag = 'r'): LogRow[] =>
  Array.from({ length: n }, (_, i) => ({
    org_id: 'o',
    index: 'main',
    _time: 0,
    host: 'h',
    source: 's',
    sourcetype: 't',
    _raw: `${tag}${i}`,
    fields: {},
  }));

test('batcher: one insert per batch, whole requests, resolves after commit', async () => {
  const inserts: number[] = [];
  const batcher = new Batcher({
    store: { insertLogs: async (r) => void inserts.push(r.length) },
    maxRows: 10,
    maxWaitMs: 20,
    maxQueuedRows: 100,
  });
  await Promise.all([
    batcher.submit(rows(3)),
    batcher.submit(rows(3)),
    batcher.submit(rows(6)),
    batcher.submit(rows(25)),
  ]);
  assert.deepEqual(inserts, [6, 6, 25]);
  await batcher.close();
  await assert.rejects(batcher.submit(rows(1)), /shutting down/);
});

test('batcher: a failed insert fails every request of the batch; queue cap answers overload', async () => {
  let calls = 0;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const batcher = new Batcher({
    store: {
      insertLogs: async () => {
        calls++;
        await gate;
        throw new Error('store down');
      },
    },
    maxRows: 5,
    maxWaitMs: 5,
    maxQueuedRows: 10,
    retryDelayMs: 1,
  });
  const a = batcher.submit(rows(2));
  const b = batcher.submit(rows(2));
  await new Promise((r) => setTimeout(r, 20));
  const c = batcher.submit(rows(5));
  await assert.rejects(batcher.submit(rows(5)), OverloadedError);
  release();
  await assert.rejects(a, InsertFailedError);
  await assert.rejects(b, InsertFailedError);
  await assert.rejects(c, InsertFailedError);
  assert.equal(calls, 4); // two batches, each tried twice (same dedup token)
  assert.equal(batcher.queuedRows, 0);
});

test('logNotStored: backpressure refusals are summed per route, other failures logged every time', () => {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', write: (line) => lines.push(line) });
  const overloaded = new OverloadedError('ingest queue is full (10 rows)');
  for (let i = 0; i < 1_000; i++) logNotStored(logger, 'hec', overloaded, toIngestError(overloaded));
  logNotStored(logger, 'vector', overloaded, toIngestError(overloaded));
  const failed = new InsertFailedError('the batch could not be stored');
  logNotStored(logger, 'hec', failed, toIngestError(failed));
  logNotStored(logger, 'hec', failed, toIngestError(failed));
  const bad = new IngestError(400, HEC.invalidFormat);
  logNotStored(logger, 'hec', bad, bad);
  const parsed = lines.map((l) => JSON.parse(l) as { msg: string; refused?: number });
  assert.deepEqual(
    parsed.map((l) => [l.msg, l.refused]),
    [
      ['hec: requests refused for backpressure (503 + Retry-After)', 1],
      ['vector: requests refused for backpressure (503 + Retry-After)', 1],
      ['hec: request not stored', undefined],
      ['hec: request not stored', undefined],
    ],
  );
});
