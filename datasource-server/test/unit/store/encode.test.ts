// How the store encodes log rows for the engine: the hand-written JSONEachRow line and the cached time text
// give exactly the text of the generic encoding they replaced (JSON.stringify of the row object, toISOString).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDateTime64, jsonEachRow, logRowLine, toInsertRow } from '../../../src/store/store.ts';
import type { LogRow } from '../../../src/store/types.ts';
import { Rng } from '../../helpers/isolation-fuzz.ts';

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');

test('formatDateTime64: the toISOString text for every time _time holds, in and out of order', () => {
  const r = new Rng(11);
  const min = Date.UTC(1900, 0, 1);
  const max = Date.UTC(2299, 11, 31, 23, 59, 59, 999);
  const times = [min, max, 0, -1, 1, 999, 1000, -999, -1000, -1001, 1765000000123];
  for (let i = 0; i < 20_000; i++) times.push(min + Math.floor(r.next() * (max - min)));
  // Runs of the same second (the cache's case), then jumps back.
  for (let i = 0; i < 3000; i++) times.push(1765000000000 + i, 1764999999999 - i);
  for (const ms of times) assert.equal(formatDateTime64(ms), iso(ms), String(ms));
  assert.equal(formatDateTime64(1.5), iso(1.5));
});

test('jsonEachRow: one line per row, the text of JSON.stringify of the row object', () => {
  const rows: LogRow[] = [
    {
      org_id: 'acme',
      index: 'main',
      _time: 1765000000123,
      host: 'h\u00e9',
      source: 's"q',
      sourcetype: 'st',
      _raw: 'x\u2028"y\ud83d\ude00\\',
      fields: Object.assign(Object.create(null) as Record<string, never>, {
        k: 'v\u00fc',
        n: 1,
        l: ['a', 2],
      }),
    },
    {
      org_id: 'b',
      index: 'web',
      _time: -1000,
      host: 'h',
      source: 's',
      sourcetype: 't',
      _raw: 'y'.repeat(5000),
      fields: { a: { b: true } },
      _request: 'k:1',
    },
  ];
  const generic = rows.map((r) => JSON.stringify(toInsertRow(r)));
  assert.deepEqual(
    rows.map((r) => logRowLine(r)),
    generic,
  );
  assert.equal(jsonEachRow(rows).toString('utf8'), generic.join('\n'));
  // A batch larger than the first buffer guess grows it without losing bytes.
  const many = Array.from({ length: 300 }, () => rows[1] as LogRow);
  assert.equal(jsonEachRow(many).toString('utf8'), Array(300).fill(generic[1]).join('\n'));
  assert.equal(jsonEachRow([]).length, 0);
});
