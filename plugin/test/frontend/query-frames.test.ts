// Frames → variable options and annotations; Grafana's ad hoc filters → the query's adhocFilters.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FieldType, toDataFrame } from '@grafana/data';
import {
  framesToAnnotations,
  framesToMetricFindValues,
  logsVolumeFrames,
  tagsOf,
  toAdhocFilters,
} from '../../src/query/frames.ts';

test('variable options: first column the value, second the text; nulls skipped, duplicates once', () => {
  const frame = toDataFrame({
    fields: [
      { name: 'host', type: FieldType.string, values: ['a', 'b', null, 'a', 'c'] },
      { name: 'label', type: FieldType.string, values: ['Web A', null, 'x', 'again', 'C'] },
    ],
  });
  assert.deepEqual(framesToMetricFindValues([frame]), [
    { value: 'a', text: 'Web A' },
    { value: 'b', text: 'b' },
    { value: 'c', text: 'C' },
  ]);
  const numbers = toDataFrame({ fields: [{ name: 'code', type: FieldType.number, values: [500, 404] }] });
  assert.deepEqual(framesToMetricFindValues([numbers]), [
    { value: '500', text: '500' },
    { value: '404', text: '404' },
  ]);
  assert.deepEqual(framesToMetricFindValues([]), []);
});

test('annotations from a table: _time, title, text, tags (multivalue or comma list)', () => {
  const frame = toDataFrame({
    fields: [
      { name: '_time', type: FieldType.time, values: [1_000, 2_000, null] },
      { name: 'title', type: FieldType.string, values: ['Deploy', 'Rollback', 'x'] },
      { name: 'text', type: FieldType.string, values: ['v1.2', 'v1.1', 'x'] },
      { name: 'tags', type: FieldType.other, values: [['prod', 'web'], 'prod, db ,', null] },
    ],
  });
  assert.deepEqual(framesToAnnotations([frame]), [
    { time: 1_000, title: 'Deploy', text: 'v1.2', tags: ['prod', 'web'] },
    { time: 2_000, title: 'Rollback', text: 'v1.1', tags: ['prod', 'db'] },
  ]);
});

test('annotations: configured fields, and defaults from the first string column and _raw', () => {
  const frame = toDataFrame({
    fields: [
      { name: '_time', type: FieldType.time, values: [5_000] },
      { name: '_raw', type: FieldType.string, values: ['raw line'] },
      { name: 'host', type: FieldType.string, values: ['web01'] },
      { name: 'labels_list', type: FieldType.string, values: ['["a","b"]'] },
    ],
  });
  assert.deepEqual(framesToAnnotations([frame]), [
    { time: 5_000, title: 'web01', text: 'raw line', tags: [] },
  ]);
  assert.deepEqual(
    framesToAnnotations([frame], { titleField: '_raw', textField: 'host', tagsField: 'labels_list' }),
    [{ time: 5_000, title: 'raw line', text: 'web01', tags: ['a', 'b'] }],
  );
});

test('annotations from a log-lines frame: labels are fields, the body is _raw', () => {
  const frame = toDataFrame({
    meta: { type: 'log-lines' },
    fields: [
      { name: 'timestamp', type: FieldType.time, values: [7_000] },
      { name: 'body', type: FieldType.string, values: ['GET /'] },
      { name: 'severity', type: FieldType.string, values: ['info'] },
      { name: 'id', type: FieldType.string, values: ['x'] },
      { name: 'labels', type: FieldType.other, values: [{ title: 'Request', tags: 'a,b' }] },
    ],
  });
  assert.deepEqual(framesToAnnotations([frame]), [
    { time: 7_000, title: 'Request', text: 'GET /', tags: ['a', 'b'] },
  ]);
});

test('tags', () => {
  assert.deepEqual(tagsOf(' a, b ,,c '), ['a', 'b', 'c']);
  assert.deepEqual(tagsOf(['x', 1, null]), ['x', '1']);
  assert.deepEqual(tagsOf('[not json'), ['[not json']);
  assert.deepEqual(tagsOf(undefined), []);
});

test('ad hoc filters keep key, operator, value and one-of values', () => {
  assert.deepEqual(
    toAdhocFilters([
      { key: 'host', operator: '=', value: 'a' },
      { key: 'code', operator: '=|', value: '', values: ['500', '503'] },
      { key: 'msg', operator: '=~', value: 'err.*' },
    ]),
    [
      { key: 'host', operator: '=', value: 'a' },
      { key: 'code', operator: '=|', value: '', values: ['500', '503'] },
      { key: 'msg', operator: '=~', value: 'err.*' },
    ],
  );
  assert.deepEqual(toAdhocFilters(undefined), []);
});

test('logs volume: one frame per level, each number field labelled with its level', () => {
  const wide = toDataFrame({
    refId: 'log-volume-A',
    meta: { custom: { limit: 1000 } },
    fields: [
      { name: 'time', type: FieldType.time, values: [1000, 2000] },
      { name: 'error', type: FieldType.number, values: [1, 0], labels: { level: 'error' } },
      { name: 'warn', type: FieldType.number, values: [0, 2], labels: { level: 'warn' } },
      { name: 'info', type: FieldType.number, values: [3, 4] },
    ],
  });
  const frames = logsVolumeFrames([wide], 'level');
  assert.deepEqual(
    frames.map((f) => [f.refId, f.length, f.fields.map((x) => [x.name, x.labels?.['level'], [...x.values]])]),
    [
      [
        'log-volume-A',
        2,
        [
          ['time', undefined, [1000, 2000]],
          ['error', 'error', [1, 0]],
        ],
      ],
      [
        'log-volume-A',
        2,
        [
          ['time', undefined, [1000, 2000]],
          ['warn', 'warn', [0, 2]],
        ],
      ],
      // No label (a split field the backend could not name): the field's name is the level.
      [
        'log-volume-A',
        2,
        [
          ['time', undefined, [1000, 2000]],
          ['info', 'info', [3, 4]],
        ],
      ],
    ],
  );
  assert.deepEqual(frames[0]?.meta, wide.meta);
  // A configured level field other than `level` is read from its own label.
  const bySeverity = toDataFrame({
    fields: [
      { name: 'time', type: FieldType.time, values: [1000] },
      { name: 'ERR', type: FieldType.number, values: [5], labels: { severity: 'error' } },
    ],
  });
  assert.deepEqual(logsVolumeFrames([bySeverity], 'severity')[0]?.fields[1]?.labels, {
    severity: 'error',
    level: 'error',
  });
  // Frames without a time or a number field are left alone.
  const table = toDataFrame({ fields: [{ name: 'host', type: FieldType.string, values: ['a'] }] });
  assert.deepEqual(logsVolumeFrames([table], 'level'), [table]);
});
