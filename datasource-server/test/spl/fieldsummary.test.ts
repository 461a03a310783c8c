// `fieldsummary` on real chDB: a row per field with count, distinct count, numeric summary and the most
// frequent values. Search Reference 9.4, fieldsummary:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/fieldsummary

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultsFixture } from '../helpers/results-fixture.ts';
import { resultsEvent, resultsFixture } from '../helpers/results-fixture.ts';

const now = Date.now();
let fx: ResultsFixture;

const bytes = ['100', '200', '200', '300', '300', '300', 'n/a'];

before(async () => {
  fx = await resultsFixture(now, [
    ...bytes.map((b, i) =>
      resultsEvent(now, i + 1, 'main', `web0${String(i % 2)}`, { bytes: b, size: String(i) }),
    ),
    resultsEvent(now, 10, 'main', 'web09', {}),
    resultsEvent(now, 11, 'main', 'web09', { bytes: '999999' }, { org_id: 'other' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('fieldsummary', () => {
  test('the Search Reference example `fieldsummary maxvals=<n> <field>`: the statistics of one field', async () => {
    const r = await fx.spl('index=main | fieldsummary maxvals=2 bytes');
    assert.deepEqual(r.columns, [
      'field',
      'count',
      'distinct_count',
      'is_exact',
      'max',
      'mean',
      'min',
      'numeric_count',
      'stdev',
      'values',
    ]);
    const [row] = r.rows;
    assert.ok(row);
    // 7 values, 4 distinct, 6 numeric: 100, 200, 200, 300, 300, 300 (mean 1400/6).
    assert.deepEqual(row.slice(0, 8), ['bytes', 7, 4, 1, 300, 1400 / 6, 100, 6]);
    const mean = 1400 / 6;
    const sd = Math.sqrt([100, 200, 200, 300, 300, 300].reduce((a, x) => a + (x - mean) ** 2, 0) / 5);
    assert.ok(Math.abs(Number(row[8]) - sd) < 1e-9, `stdev ${String(row[8])}`);
    // The two most frequent values, most frequent first, as JSON.
    assert.deepEqual(JSON.parse(String(row[9])), [
      { value: '300', count: 3 },
      { value: '200', count: 2 },
    ]);
  });

  test('after `table`, every field (wildcards match the known fields)', async () => {
    const r = await fx.spl('index=main | table host bytes size | fieldsummary maxvals=1');
    assert.deepEqual(
      r.rows.map((row) => [row[0], row[1], row[2]]),
      [
        ['host', 8, 3],
        ['bytes', 7, 4],
        ['size', 7, 7],
      ],
    );
    const w = await fx.spl('index=main | table host bytes size | fieldsummary *s*');
    assert.deepEqual(
      w.rows.map((row) => row[0]),
      ['host', 'bytes', 'size'],
    );
  });

  test("the tenant's own events only", async () => {
    const r = await fx.spl('index=main | fieldsummary bytes', { org: 'other' });
    assert.deepEqual(
      r.rows.map((row) => row.slice(0, 3)),
      [['bytes', 1, 1]],
    );
  });

  test('raw events without a field list: every field the events have, event columns and structured ones, by name', async () => {
    const r = await fx.spl('index=main | fieldsummary maxvals=1');
    // Computed from the fixture: 8 events of index main (7 with bytes and size, one without).
    const hosts = [...bytes.map((_, i) => `web0${String(i % 2)}`), 'web09'];
    const distinct = (xs: readonly string[]): number => new Set(xs).size;
    assert.deepEqual(
      r.rows.map((row) => row.slice(0, 3)),
      [
        ['bytes', 7, distinct(bytes)],
        ['host', 8, distinct(hosts)],
        ['index', 8, 1],
        ['size', 7, 7],
        ['source', 8, distinct(hosts)],
        ['sourcetype', 8, 1],
      ],
    );
    // The numeric summary of a structured field, as with the field named.
    const named = await fx.spl('index=main | fieldsummary maxvals=1 bytes');
    assert.deepEqual(r.rows[0], named.rows[0]);
    // As earlier commands left the fields; another tenant's events are not read.
    const removed = await fx.spl('index=main | fields - size | fieldsummary');
    assert.ok(!removed.rows.some((row) => row[0] === 'size'));
    const other = await fx.spl('index=main | fieldsummary', { org: 'other' });
    assert.deepEqual(
      other.rows.map((row) => row.slice(0, 3)),
      [
        ['bytes', 1, 1],
        ['host', 1, 1],
        ['index', 1, 1],
        ['source', 1, 1],
        ['sourcetype', 1, 1],
      ],
    );
  });
});
