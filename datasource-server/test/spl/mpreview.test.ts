// `mpreview` (`msearch`) on real chDB: the tenant's raw metric samples, the newest of each time series,
// each as JSON in `_raw`. Search Reference 9.4, mpreview:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/mpreview

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError, runSpl } from '../../src/query/service.ts';
import type { Store } from '../../src/store/index.ts';
import type { MetricRow } from '../../src/store/types.ts';
import { openFixtureStore } from '../helpers/fixture-store.ts';

const now = Math.floor(Date.now() / 60_000) * 60_000;
let store: Store;
let close: () => Promise<void>;

const sample = (
  minutes: number,
  name: string,
  value: number,
  labels: Record<string, string>,
  org = 'acme',
): MetricRow => ({
  org_id: org,
  index: 'metrics',
  metric_name: name,
  labels,
  timestamp: now - minutes * 60_000,
  value,
});

before(async () => {
  ({ store, close } = await openFixtureStore([]));
  await store.insertMetrics([
    sample(1, 'cpu.usage', 41, { host: 'web01' }),
    sample(2, 'cpu.usage', 42, { host: 'web01' }),
    sample(3, 'cpu.usage', 43, { host: 'web01' }),
    sample(1, 'cpu.usage', 7, { host: 'web02' }),
    sample(1, 'mem.used', 512, { host: 'web01' }),
    sample(1, 'cpu.usage', 99, { host: 'web01' }, 'other'),
  ]);
});

after(async () => {
  await close();
});

async function spl(query: string, org = 'acme'): Promise<{ columns: string[]; rows: unknown[][] }> {
  const r = await runSpl(store, org, { query }, { nowMs: now });
  return { columns: r.columns.map((c) => c.name), rows: r.rows };
}

describe('mpreview', () => {
  test('the Search Reference example: samples of a metric filter, `target_per_timeseries` newest per series', async () => {
    const r = await spl(
      '| mpreview index=metrics filter="metric_name=cpu.* host=web01" target_per_timeseries=2',
    );
    assert.deepEqual(r.columns, ['_time', 'index', 'metric_name', '_value', '_raw']);
    assert.deepEqual(
      r.rows.map((row) => [row[2], row[3], JSON.parse(String(row[4])) as unknown]),
      [
        ['cpu.usage', 41, { 'metric_name:cpu.usage': 41, host: 'web01' }],
        ['cpu.usage', 42, { 'metric_name:cpu.usage': 42, host: 'web01' }],
      ],
    );
  });

  test('every series (5 samples each by default); `msearch` is the same command; later commands', async () => {
    const r = await spl('| msearch index=metrics | stats count BY metric_name');
    assert.deepEqual(r.rows, [
      ['cpu.usage', 4],
      ['mem.used', 1],
    ]);
  });

  test("the tenant's own samples only", async () => {
    const r = await spl('| mpreview | stats count, max(_value)', 'other');
    assert.deepEqual(r.rows, [[1, 99]]);
  });

  test('a bad filter, and VictoriaMetrics: positioned diagnostics', async () => {
    const failure = async (query: string, metrics = false): Promise<string[]> => {
      try {
        await runSpl(
          store,
          'acme',
          { query },
          { nowMs: now, ...(metrics ? { metrics: { url: 'http://127.0.0.1:9' } } : {}) },
        );
      } catch (err) {
        if (err instanceof QueryInputError)
          return err.errors.map((e) => `${e.code}: ${e.message} @${String(e.start)}-${String(e.end)}`);
        throw err;
      }
      return assert.fail(`expected \`${query}\` to fail`);
    };
    assert.deepEqual(await failure('| mpreview earliest=-1h'), [
      "unsupported: `mpreview earliest=` is not supported yet: set the search's time range @11-23",
    ]);
    assert.deepEqual(await failure('| mpreview index=metrics', true), [
      'unsupported: `mpreview` is not supported when metrics are in VictoriaMetrics (METRICS_URL) @2-24',
    ]);
  });
});
