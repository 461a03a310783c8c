// Unit rows for the result → frame mapping and the macro expansion (no processes: the pure functions).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeFrame } from '../backend/arrow.ts';
import { expandMacros, spanOf } from '../backend/query.ts';
import { columnKind, frameOf, resultKind, timechartSplitField, toNanoseconds } from '../backend/shape.ts';
import type { SplResult } from '../backend/nexus.ts';
import { decodeFrame } from './helpers/frames.ts';

test('ClickHouse types → Grafana field types', () => {
  const rows: [string, string][] = [
    ["DateTime64(3, 'UTC')", 'time'],
    ['Nullable(DateTime)', 'time'],
    ['UInt64', 'number'],
    ['Nullable(Float64)', 'number'],
    ['Decimal(18, 4)', 'number'],
    ['Bool', 'boolean'],
    ['LowCardinality(String)', 'string'],
    ['Nullable(String)', 'string'],
    ['Array(String)', 'json'],
    ['JSON', 'json'],
    ['Map(String, String)', 'json'],
  ];
  for (const [type, kind] of rows) assert.equal(columnKind(type), kind, type);
});

test('result kinds: events are logs, _time plus numbers a time series, anything else a table', () => {
  const c = (name: string, type: string) => ({ name, type });
  assert.equal(resultKind([c('_time', 'DateTime64(3)'), c('_raw', 'String')]), 'logs');
  assert.equal(
    resultKind([c('_time', 'DateTime64(3)'), c('web01', 'Float64'), c('web02', 'Float64')]),
    'timeseries',
  );
  assert.equal(resultKind([c('_time', 'DateTime64(3)'), c('host', 'String'), c('count', 'UInt64')]), 'table');
  assert.equal(resultKind([c('host', 'String'), c('count', 'UInt64')]), 'table');
  assert.equal(resultKind([c('_time', 'DateTime64(3)')]), 'table');
});

test('times keep their nanoseconds', () => {
  assert.equal(toNanoseconds('2026-12-03 21:25:38.123'), 1_796_333_138_123_000_000n);
  assert.equal(toNanoseconds('2026-12-03 21:25:38.123456789'), 1_796_333_138_123_456_789n);
  assert.equal(toNanoseconds('2026-12-03 21:25:38'), 1_796_333_138_000_000_000n);
  assert.equal(toNanoseconds('2026-12-03'), 1_796_256_000_000_000_000n);
  assert.equal(toNanoseconds(null), null);
});

test('the split-by field of a final timechart', () => {
  assert.equal(timechartSplitField('index=main | timechart span=1m count by host'), 'host');
  assert.equal(timechartSplitField('index=main | timechart count BY status limit=5 useother=f'), 'status');
  assert.equal(timechartSplitField('index=main | timechart count'), undefined);
  assert.equal(timechartSplitField('index=main | timechart count by host | fields _time web01'), undefined);
  assert.equal(timechartSplitField('index=main | stats count by host'), undefined);
});

test('Grafana macros: $__interval becomes an SPL span, the range epoch ms', () => {
  const v = { intervalMs: 300_000, fromMs: 1_000, toMs: 2_000 };
  assert.equal(
    expandMacros(
      'x | timechart span=$__interval count | eval f=$__from, t=${__to}, ms=$__interval_ms $__other',
      v,
    ),
    'x | timechart span=5m count | eval f=1000, t=2000, ms=300000 $__other',
  );
  assert.deepEqual([500, 1_000, 90_000, 7_200_000, 86_400_000].map(spanOf), ['1s', '1s', '90s', '2h', '1d']);
});

test('nulls, JSON values and repeated names survive the Arrow round trip', () => {
  const result: SplResult = {
    columns: [
      { name: 'host', type: 'Nullable(String)' },
      { name: 'count', type: 'Nullable(Float64)' },
      { name: 'tags', type: 'Array(String)' },
      { name: 'count', type: 'UInt64' },
    ],
    rows: [
      ['a', 1.5, ['x', 'y'], '18446744073709551615'],
      [null, null, [], 2],
    ],
    meta: {
      queryId: 'q',
      sql: 'SELECT 1',
      elapsedMs: 1,
      rowsRead: 2,
      truncated: false,
      earliest: null,
      latest: null,
    },
  };
  const f = decodeFrame(encodeFrame(frameOf(result, { refId: 'A', spl: 'x', limit: 10 })));
  assert.deepEqual(
    f.fields.map((x) => [x.name, x.arrowType, x.values]),
    [
      ['host', 'Utf8', ['a', null]],
      ['count', 'Float64', [1.5, null]],
      ['tags', 'Utf8', ['["x","y"]', '[]']],
      ['count (2)', 'Float64', [18446744073709552000, 2]],
    ],
  );
});

test('an empty result still encodes: no rows, the same fields (alerting sees NoData, not an error)', () => {
  const meta = {
    queryId: 'q',
    sql: 'SELECT 1',
    elapsedMs: 1,
    rowsRead: 0,
    truncated: false,
    earliest: null,
    latest: null,
  };
  const logs: SplResult = {
    columns: [
      { name: '_time', type: "DateTime64(3, 'UTC')" },
      { name: '_raw', type: 'String' },
    ],
    rows: [],
    meta,
  };
  const table: SplResult = {
    columns: [
      { name: 'host', type: 'String' },
      { name: 'count', type: 'UInt64' },
    ],
    rows: [],
    meta,
  };
  const decoded = [logs, table].map((r) =>
    decodeFrame(encodeFrame(frameOf(r, { refId: 'A', spl: 'x', limit: 10 }))),
  );
  assert.deepEqual(
    decoded.map((f) => [f.meta['type'], f.fields.map((x) => [x.name, x.values.length])]),
    [
      [
        'log-lines',
        [
          ['timestamp', 0],
          ['body', 0],
          ['severity', 0],
          ['id', 0],
          ['labels', 0],
        ],
      ],
      [
        'table',
        [
          ['host', 0],
          ['count', 0],
        ],
      ],
    ],
  );
});
