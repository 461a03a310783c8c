// The data source's wiring, with Grafana's template and backend services replaced by recording fakes:
// what reaches /api/ds/query and the resource routes, and what comes back to Grafana.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  dateTime,
  FieldType,
  LogRowContextQueryDirection,
  SupplementaryQueryType,
  toDataFrame,
} from '@grafana/data';
import type {
  DataFrame,
  DataQueryRequest,
  DataSourceInstanceSettings,
  LogRowModel,
  ScopedVars,
} from '@grafana/data';
import { setBackendSrv, setTemplateSrv } from '@grafana/runtime';
import type { BackendSrv, BackendSrvRequest, TemplateSrv } from '@grafana/runtime';
import { render, screen, fireEvent } from '@testing-library/react';
import { createElement } from 'react';
import { firstValueFrom, lastValueFrom, of } from 'rxjs';
import { DataSource } from '../../src/datasource.ts';
import { VariableQueryEditor } from '../../src/components/VariableQueryEditor.tsx';
import type { NexusOptions, SplQuery } from '../../src/types.ts';

/** Dashboard variables: `host` multi-value, `code` single. */
const VARS: Record<string, string | string[]> = { host: ['web "1"', 'web2'], code: '500' };

const templateSrv = {
  getVariables: () => [],
  containsTemplate: (t?: string) => /\$/.test(t ?? ''),
  updateTimeRange: () => {},
  replace(target?: string, _scoped?: ScopedVars, format?: string | ((v: string | string[]) => string)) {
    return (target ?? '').replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a?: string, b?: string) => {
      const v = VARS[a ?? b ?? ''];
      if (v === undefined) return m;
      return typeof format === 'function' ? format(v) : Array.isArray(v) ? v.join(',') : v;
    });
  },
} as unknown as TemplateSrv;
setTemplateSrv(templateSrv);

const requests: BackendSrvRequest[] = [];
let respond: (r: BackendSrvRequest) => unknown = () => ({ results: {} });
setBackendSrv({
  fetch: (r: BackendSrvRequest) => {
    requests.push(r);
    return of({ data: respond(r), status: 200, ok: true, headers: new Headers(), url: r.url, config: r });
  },
} as unknown as BackendSrv);

function ds(jsonData: NexusOptions = {}): DataSource {
  return new DataSource({
    id: 1,
    uid: 'nexus',
    type: 'nexus-spl-datasource',
    name: 'Nexus',
    access: 'proxy',
    readOnly: false,
    jsonData,
    meta: { id: 'nexus-spl-datasource' },
  } as unknown as DataSourceInstanceSettings<NexusOptions>);
}

function request(targets: SplQuery[]): DataQueryRequest<SplQuery> {
  const from = dateTime(1_700_000_000_000);
  const to = dateTime(1_700_003_600_000);
  return {
    requestId: 'r1',
    app: 'dashboard',
    targets,
    range: { from, to, raw: { from, to } },
    interval: '1m',
    intervalMs: 60_000,
    scopedVars: {},
    timezone: 'UTC',
    startTime: 0,
    filters: [{ key: 'status', operator: '>=', value: '500' }],
  };
}

test('queries reach the backend migrated, with variables quoted for SPL and ad hoc filters structured', async () => {
  requests.length = 0;
  await lastValueFrom(
    ds().query(
      request([
        {
          refId: 'A',
          query: 'index=web host=$host status=$code | timechart span=$__interval count',
          limit: '50',
        } as unknown as SplQuery,
      ]),
    ),
  );
  const body = requests[0]?.data as { queries: Record<string, unknown>[] };
  assert.match(requests[0]?.url ?? '', /^\/api\/ds\/query\b/);
  const q = body.queries[0];
  assert.equal(
    q?.['spl'],
    'index=web host IN ("web \\"1\\"", "web2") status=500 | timechart span=$__interval count',
  );
  assert.equal(q?.['limit'], 50);
  assert.equal(q?.['format'], 'auto');
  assert.deepEqual(q?.['adhocFilters'], [{ key: 'status', operator: '>=', value: '500' }]);
});

test('tag keys and values come from the resources, bounded by the time range, for the query index', async () => {
  requests.length = 0;
  respond = (r) =>
    r.url.endsWith('/fields')
      ? { fields: ['_raw', '_time', 'host', 'status'] }
      : {
          values: [
            { value: 'a', count: 3 },
            { value: null, count: 1 },
          ],
        };
  const range = request([]).range;
  const d = ds({ defaultIndex: 'main' });
  const keys = await d.getTagKeys({
    filters: [],
    timeRange: range,
    queries: [{ refId: 'A', spl: 'index=web error' }],
  });
  assert.deepEqual(keys, [
    { text: 'host', value: 'host' },
    { text: 'status', value: 'status' },
  ]);
  assert.deepEqual(requests[0]?.params, { index: 'web', from: 1_700_000_000_000, to: 1_700_003_600_000 });
  assert.match(requests[0]?.url ?? '', /\/api\/datasources\/uid\/nexus\/resources\/fields$/);
  const values = await d.getTagValues({ key: 'host', filters: [], timeRange: range });
  assert.deepEqual(values, [{ text: 'a', value: 'a' }]);
  assert.deepEqual(requests[1]?.params, {
    index: 'main',
    from: 1_700_000_000_000,
    to: 1_700_003_600_000,
    field: 'host',
  });
  respond = () => ({ results: {} });
});

test('Explore: toggle filters, modifyQuery, logs volume and context queries', async () => {
  const d = ds({ contextFields: ['host'], levelField: 'severity' });
  const q: SplQuery = { refId: 'A', spl: 'index=web | where x>1' };
  const on = d.toggleQueryFilter(q, { type: 'FILTER_FOR', options: { key: 'host', value: 'a' } });
  assert.equal(on.spl, 'index=web host="a" | where x>1');
  assert.equal(d.queryHasFilter(on, { key: 'host', value: 'a' }), true);
  assert.equal(
    d.toggleQueryFilter(on, { type: 'FILTER_FOR', options: { key: 'host', value: 'a' } }).spl,
    q.spl,
  );
  assert.equal(
    d.modifyQuery(q, { type: 'ADD_FILTER_OUT', options: { key: 'level', value: 'debug' } }).spl,
    'index=web NOT level="debug" | where x>1',
  );

  assert.deepEqual(d.getSupportedSupplementaryQueryTypes(), [SupplementaryQueryType.LogsVolume]);
  const volume = d.getSupplementaryRequest(
    SupplementaryQueryType.LogsVolume,
    request([q, { refId: 'B', spl: 'index=web | stats count' }]),
  );
  assert.deepEqual(
    volume?.targets.map((t) => [t.refId, t.spl, t.format]),
    [['log-volume-A', 'index=web | where x>1 | timechart span=$__interval count by severity', 'time_series']],
  );
  assert.equal(
    d.getSupplementaryRequest(
      SupplementaryQueryType.LogsVolume,
      request([{ refId: 'B', spl: '| makeresults' }]),
    ),
    undefined,
  );

  const row = {
    timeEpochMs: 1_700_000_000_000,
    labels: { host: 'h1', index: 'web' },
    uid: 'r',
  } as unknown as LogRowModel;
  const ctx = await d.getLogRowContextQuery(
    row,
    { direction: LogRowContextQueryDirection.Forward, limit: 5, timeWindowMs: 60_000 },
    q,
  );
  assert.equal(
    ctx.spl,
    'index="web" host="h1" earliest=1700000000.000 latest=1700000060.000 | tail 5 | reverse',
  );
  requests.length = 0;
  await d.getLogRowContext(
    row,
    { direction: LogRowContextQueryDirection.Backward, limit: 5, timeWindowMs: 60_000 },
    q,
  );
  const body = requests[0]?.data as { queries: Record<string, unknown>[]; from: string; to: string };
  assert.equal(
    body.queries[0]?.['spl'],
    'index="web" host="h1" earliest=1699999940.000 latest=1700000000.000 | head 5',
  );
  assert.equal(body.from, '1699999940000');
  assert.equal(body.to, '1700000000000');
});

test('annotations: legacy string queries migrate; frames become events', async () => {
  const d = ds();
  const anno = d.annotations?.prepareAnnotation?.({
    name: 'a',
    enable: true,
    iconColor: 'red',
    query: 'index=deploys',
  } as never);
  assert.equal(anno?.target?.spl, 'index=deploys');
  const frame = toDataFrame({
    fields: [
      { name: '_time', type: FieldType.time, values: [1_000] },
      { name: 'msg', type: FieldType.string, values: ['Deployed'] },
    ],
  });
  const process = d.annotations?.processEvents;
  assert.ok(process && anno);
  const events = await firstValueFrom(
    process({ ...anno, target: { refId: 'A', spl: 'x', titleField: 'msg' } }, [frame]),
  );
  assert.deepEqual(events, [{ time: 1_000, title: 'Deployed', text: '', tags: [] }]);
});

test('variables: the SPL editor commits on blur; results map to options', async () => {
  const d = ds();
  let changed: SplQuery | undefined;
  render(
    createElement(VariableQueryEditor, {
      datasource: d,
      query: { refId: 'A', query: 'old' } as unknown as SplQuery,
      onChange: (q: SplQuery) => (changed = q),
      onRunQuery: () => {},
    }),
  );
  const box = screen.getByTestId('nexus-variable-editor') as HTMLTextAreaElement;
  assert.equal(box.value, 'old');
  fireEvent.change(box, { target: { value: 'index=web | stats count by host | fields host' } });
  fireEvent.blur(box);
  assert.equal(changed?.spl, 'index=web | stats count by host | fields host');
  assert.equal(changed?.format, 'table');

  respond = () => ({
    results: {
      A: {
        status: 200,
        frames: [
          {
            schema: {
              refId: 'A',
              fields: [
                { name: 'host', type: 'string' },
                { name: 'n', type: 'number' },
              ],
            },
            data: {
              values: [
                ['a', 'b'],
                [1, 2],
              ],
            },
          },
        ],
      },
    },
  });
  const variables = d.variables as unknown as {
    query: (r: DataQueryRequest<SplQuery>) => ReturnType<DataSource['query']>;
  };
  const r = await lastValueFrom(
    variables.query(request([{ refId: 'A', spl: 'index=web | stats count by host' }])),
  );
  assert.deepEqual(r.data, [
    { value: 'a', text: '1' },
    { value: 'b', text: '2' },
  ]);
  respond = () => ({ results: {} });
});

test('the logs-volume query answers one frame per level (Explore reads one level per frame); others stay wide', async () => {
  const frameJson = (refId: string) => ({
    schema: {
      refId,
      fields: [
        { name: 'time', type: 'time' },
        { name: 'error', type: 'number', labels: { level: 'error' } },
        { name: 'info', type: 'number', labels: { level: 'info' } },
      ],
    },
    data: {
      values: [
        [1000, 2000],
        [1, 2],
        [3, 4],
      ],
    },
  });
  respond = (r) => {
    const refId = (r.data as { queries: { refId: string }[] }).queries[0]?.refId ?? '';
    return { results: { [refId]: { status: 200, frames: [frameJson(refId)] } } };
  };
  const d = ds();
  const main = request([{ refId: 'A', spl: 'index=web' }]);
  const volumeRequest = d.getSupplementaryRequest(SupplementaryQueryType.LogsVolume, main);
  assert.ok(volumeRequest);
  const volume = await lastValueFrom(d.query(volumeRequest));
  // What Grafana's logs volume does with each frame: the level of its first number field.
  assert.deepEqual(
    volume.data.map((f: DataFrame) => [
      f.refId,
      f.fields.find((x) => x.type === FieldType.number)?.labels?.['level'],
      f.fields.filter((x) => x.type === FieldType.number).length,
    ]),
    [
      ['log-volume-A', 'error', 1],
      ['log-volume-A', 'info', 1],
    ],
  );
  const plain = await lastValueFrom(
    d.query(request([{ refId: 'B', spl: 'index=web | timechart count by level' }])),
  );
  assert.equal(plain.data.length, 1);
  assert.equal((plain.data[0] as DataFrame).fields.length, 3);
});
