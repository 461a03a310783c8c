// Unit rows for the result → frame mapping and the macro expansion (no processes: the pure functions).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeFrame } from '../backend/arrow.ts';
import { expandMacros, spanOf } from '../backend/query.ts';
import {
  columnKind,
  frameOf,
  legendName,
  resultKind,
  timechartSplitField,
  toNanoseconds,
} from '../backend/shape.ts';
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
      params: {},
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
      // Multivalue fields are lists (Grafana's `other` field); an empty list is null.
      ['tags', 'Binary', [['x', 'y'], null]],
      ['count (2)', 'Float64', [18446744073709552000, 2]],
    ],
  );
});

test('a structured field that may be multivalue (Variant) is a list where it is one, its text elsewhere', () => {
  const result: SplResult = {
    columns: [
      { name: 'host', type: 'Nullable(String)' },
      { name: 'tags', type: 'Variant(Array(Nullable(String)), String)' },
    ],
    rows: [
      ['a', ['x', 'y']],
      ['b', 'z'],
      ['c', null],
    ],
    meta: {
      queryId: 'q',
      params: {},
      sql: 'SELECT 1',
      elapsedMs: 1,
      rowsRead: 3,
      truncated: false,
      earliest: null,
      latest: null,
    },
  };
  const f = decodeFrame(encodeFrame(frameOf(result, { refId: 'A', spl: 'x', limit: 10 })));
  assert.deepEqual(
    f.fields.map((x) => [x.name, x.arrowType, x.values]),
    [
      ['host', 'Utf8', ['a', 'b', 'c']],
      ['tags', 'Binary', [['x', 'y'], 'z', null]],
    ],
  );
});

test('an empty result still encodes: no rows, the same fields (alerting sees NoData, not an error)', () => {
  const meta = {
    queryId: 'q',
    params: {},
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

const shapeMeta = {
  queryId: 'q',
  params: {},
  sql: 'SELECT 1',
  elapsedMs: 1,
  rowsRead: 3,
  truncated: false,
  earliest: null,
  latest: null,
};

test('macros are not expanded inside quoted strings or comments (a variable value stays as chosen)', () => {
  const v = { intervalMs: 60_000, fromMs: 1_000, toMs: 2_000 };
  assert.equal(
    expandMacros('x="$__from \\" $__to" y=$__from ```$__to``` | eval s="a\\\\" t=$__to', v),
    'x="$__from \\" $__to" y=1000 ```$__to``` | eval s="a\\\\" t=2000',
  );
});

test('legend format: {{label}} from the series labels, {{__field}} the value column', () => {
  assert.equal(
    legendName('{{host}} / {{ status }} {{__field}} {{nope}}!', { host: 'a', status: '500' }, 'count'),
    'a / 500 count !',
  );
});

test('format time_series turns a long result into labelled series with legend names', () => {
  const result: SplResult = {
    columns: [
      { name: '_time', type: "DateTime64(3, 'UTC')" },
      { name: 'host', type: 'String' },
      { name: 'count', type: 'UInt64' },
    ],
    rows: [
      ['2026-01-01 00:01:00', 'b', 3],
      ['2026-01-01 00:00:00', 'a', 1],
      ['2026-01-01 00:01:00', 'a', 2],
    ],
    meta: shapeMeta,
  };
  assert.equal(frameOf(result, { refId: 'A', spl: 'x', limit: 10 }).meta.type, 'table');
  const f = frameOf(result, {
    refId: 'A',
    spl: 'x',
    limit: 10,
    format: 'time_series',
    legendFormat: 'cnt {{host}}',
  });
  assert.equal(f.meta.type, 'timeseries-wide');
  assert.deepEqual(
    f.fields.map((x) => [x.name, x.labels, x.config?.['displayNameFromDS'], x.values]),
    [
      ['time', undefined, undefined, [1_767_225_600_000_000_000n, 1_767_225_660_000_000_000n]],
      ['count', { host: 'b' }, 'cnt b', [null, 3]],
      ['count (2)', { host: 'a' }, 'cnt a', [1, 2]],
    ],
  );
});

test('the search’s messages (the expression erex learned) are info notices of the frame', () => {
  const text = 'Successfully learned regex. Consider using: | rex "port (?<port>\\d+)"';
  const result: SplResult = {
    columns: [{ name: 'port', type: 'Nullable(String)' }],
    rows: [['8080']],
    meta: { ...shapeMeta, messages: [{ type: 'info', text }] },
  };
  const f = frameOf(result, { refId: 'A', spl: 'x', limit: 10 });
  assert.deepEqual(f.meta.notices, [{ severity: 'info', text }]);
});

test('format table and logs override the automatic kind; a format that does not fit says so', () => {
  const events: SplResult = {
    columns: [
      { name: '_time', type: "DateTime64(3, 'UTC')" },
      { name: '_raw', type: 'String' },
    ],
    rows: [['2026-01-01 00:00:00', 'hello']],
    meta: shapeMeta,
  };
  assert.equal(frameOf(events, { refId: 'A', spl: 'x', limit: 10, format: 'table' }).meta.type, 'table');
  const stats: SplResult = {
    columns: [
      { name: '_time', type: "DateTime64(3, 'UTC')" },
      { name: 'host', type: 'String' },
    ],
    rows: [['2026-01-01 00:00:00', 'web "1"']],
    meta: { ...shapeMeta, truncated: true },
  };
  const logs = frameOf(stats, { refId: 'A', spl: 'x', limit: 1, format: 'logs' });
  assert.equal(logs.meta.type, 'log-lines');
  assert.deepEqual(logs.fields[1]?.values, ['host="web \\"1\\""']);
  assert.equal(logs.meta.custom?.['limit'], 1);
  assert.match(logs.meta.notices?.[0]?.text ?? '', /^Limit reached: the result was cut at 1 rows/);
  const noTime: SplResult = { columns: [{ name: 'host', type: 'String' }], rows: [['a']], meta: shapeMeta };
  const t = frameOf(noTime, { refId: 'A', spl: 'x', limit: 10, format: 'time_series' });
  assert.equal(t.meta.type, 'table');
  assert.match(t.meta.notices?.[0]?.text ?? '', /needs a time column/);
});
