// The query model's migration: older and foreign shapes become a valid current SplQuery.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatOf, migrateQuery, positiveInt } from '../../src/query/model.ts';

test('the current model passes through unchanged (and migration is idempotent)', () => {
  const q = {
    refId: 'B',
    spl: 'index=web',
    format: 'logs',
    limit: 200,
    legendFormat: '{{host}}',
    timeout: 30,
    version: 1,
  };
  assert.deepEqual(migrateQuery(q), q);
  assert.deepEqual(migrateQuery(migrateQuery(q)), q);
});

test('foreign shapes: {query}, {expr}, a bare string, nothing at all', () => {
  assert.deepEqual(migrateQuery({ refId: 'A', query: 'index=main error' }), {
    refId: 'A',
    spl: 'index=main error',
    format: 'auto',
    version: 1,
  });
  assert.equal(
    migrateQuery({ refId: 'A', expr: 'sum(rate(x[5m]))', maxLines: 1000 }).spl,
    'sum(rate(x[5m]))',
  );
  assert.equal(migrateQuery({ refId: 'A', expr: 'x', maxLines: 1000 }).limit, 1000);
  assert.deepEqual(migrateQuery('index=old'), { refId: 'A', spl: 'index=old', format: 'auto', version: 1 });
  assert.deepEqual(migrateQuery(undefined), { refId: 'A', spl: '', format: 'auto', version: 1 });
  assert.deepEqual(migrateQuery(null), { refId: 'A', spl: '', format: 'auto', version: 1 });
});

test('formats: known names and aliases, anything else auto', () => {
  assert.deepEqual(
    [
      'time_series',
      'timeseries',
      'Time Series',
      'graph',
      'table',
      'logs',
      'log',
      'heatmap',
      3,
      undefined,
    ].map(formatOf),
    [
      'time_series',
      'time_series',
      'time_series',
      'time_series',
      'table',
      'logs',
      'logs',
      'auto',
      'auto',
      'auto',
    ],
  );
});

test('numbers from numeric strings; nonsense is dropped', () => {
  assert.deepEqual([500, '500', ' 42 ', '0', '-3', '1.5', 'ten', 2.5, NaN, 1e300].map(positiveInt), [
    500,
    500,
    42,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
  const q = migrateQuery({ refId: 'A', spl: 'x', limit: '250', timeout: 'soon', legendFormat: '' });
  assert.equal(q.limit, 250);
  assert.equal('timeout' in q, false);
  assert.equal('legendFormat' in q, false);
});

test('per-run ad hoc filters never survive; datasource ref, hide and annotation fields do', () => {
  const q = migrateQuery({
    refId: 'A',
    spl: 'x',
    hide: true,
    datasource: { uid: 'nexus', type: 'nexus-spl-datasource', extra: 1 },
    adhocFilters: [{ key: 'a', operator: '=', value: 'b' }],
    titleField: 'msg',
    tagsField: '',
  });
  assert.equal('adhocFilters' in q, false);
  assert.equal(q.hide, true);
  assert.deepEqual(q.datasource, { uid: 'nexus', type: 'nexus-spl-datasource' });
  assert.equal(q.titleField, 'msg');
  assert.equal('tagsField' in q, false);
});
