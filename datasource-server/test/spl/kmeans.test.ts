// `kmeans` on real chDB: the results partitioned into k clusters of their numeric fields, each annotated
// with its cluster's number and centroid, the results of a cluster next to each other. Search Reference
// 9.4, kmeans: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/kmeans
// (its examples cluster `date_hour` and `date_minute`, with `k=4` and with the default k=2).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultsFixture } from '../helpers/results-fixture.ts';
import { resultsEvent, resultsFixture } from '../helpers/results-fixture.ts';

const now = Date.now();
let fx: ResultsFixture;

// Two groups of points (date_hour, date_minute): near (1, 1) and near (10, 10), interleaved in event
// order (web01 is the newest event). web07 has no numeric date_hour; the other tenant's event is far away.
before(async () => {
  const at = (
    minutes: number,
    host: string,
    date_hour: string,
    date_minute: string,
    x: string,
    cxy: Record<string, string> = {},
  ) => resultsEvent(now, minutes, 'main', host, { date_hour, date_minute, x, ...cxy });
  fx = await resultsFixture(now, [
    at(1, 'web01', '1', '1', '0', { cx: '0', cy: '0' }),
    at(2, 'web02', '10', '10', '4', { cx: '1', cy: '1' }),
    at(3, 'web03', '1', '2', '6', { cx: '2', cy: '0' }),
    at(4, 'web04', '11', '10', '10', { cx: '0', cy: '3' }),
    at(5, 'web05', '2', '1', '11'),
    at(6, 'web06', '10', '11', '11'),
    resultsEvent(now, 7, 'main', 'web07', { date_hour: 'noon', date_minute: '5' }),
    resultsEvent(now, 8, 'main', 'web08', { date_hour: '500', date_minute: '500' }, { org_id: 'other' }),
  ]);
});

after(async () => {
  await fx.close();
});

const near = [4 / 3, 4 / 3];
const far = [31 / 3, 31 / 3];

describe('kmeans', () => {
  test('the default k=2: CLUSTERNUM and the centroid of each result, a cluster’s results together', async () => {
    // The starting centroids: the smallest point (1, 1), then the point farthest from it, (10, 11) (tied with
    // (11, 10) at 181; the smaller point first). Each group goes to its own centroid, which moves to the
    // group's mean, (4/3, 4/3) and (31/3, 31/3); the next round changes nothing. Clusters are numbered in
    // their centroids' order; web07 (no number in date_hour) is left out.
    const r = await fx.spl(
      'index=main | kmeans date_hour date_minute | table host CLUSTERNUM centroid_date_hour centroid_date_minute',
    );
    assert.deepEqual(r.columns, ['host', 'CLUSTERNUM', 'centroid_date_hour', 'centroid_date_minute']);
    assert.deepEqual(r.rows, [
      ['web01', 1, ...near],
      ['web03', 1, ...near],
      ['web05', 1, ...near],
      ['web02', 2, ...far],
      ['web04', 2, ...far],
      ['web06', 2, ...far],
    ]);
  });

  test('the centroids move to the means: 0, 4, 6, 10, 11, 11 in one dimension', async () => {
    // Start at 0 and 11 (the farthest from 0). 0 and 4 are nearer 0; 6 is nearer 11 (25 < 36), so the
    // centroids move to 2 and (6 + 10 + 11 + 11) / 4 = 9.5; then 4 is still nearer 2 (4 < 30.25) and 6
    // nearer 9.5 (12.25 < 16): converged.
    const r = await fx.spl('index=main | kmeans k=2 x | table host x CLUSTERNUM centroid_x');
    assert.deepEqual(r.rows, [
      ['web01', '0', 1, 2],
      ['web02', '4', 1, 2],
      ['web03', '6', 2, 9.5],
      ['web04', '10', 2, 9.5],
      ['web05', '11', 2, 9.5],
      ['web06', '11', 2, 9.5],
    ]);
  });

  test('cnumfield=, dt=cityblock and showcentroid=false', async () => {
    const r = await fx.spl(
      'index=main | kmeans k=2 cnumfield=group dt=cityblock showcentroid=false date_hour date_minute | table host group centroid_date_hour',
    );
    // No centroid fields: the one `table` names is empty.
    assert.deepEqual(r.rows, [
      ['web01', 1, null],
      ['web03', 1, null],
      ['web05', 1, null],
      ['web02', 2, null],
      ['web04', 2, null],
      ['web06', 2, null],
    ]);
  });

  test('without a field list: the numeric fields (statistics), not the host', async () => {
    const r = await fx.spl(
      'index=main | stats avg(date_hour) AS h avg(date_minute) AS m BY host | kmeans | fields host CLUSTERNUM centroid_h',
    );
    assert.deepEqual(r.rows, [
      ['web01', 1, 4 / 3],
      ['web03', 1, 4 / 3],
      ['web05', 1, 4 / 3],
      ['web02', 2, 31 / 3],
      ['web04', 2, 31 / 3],
      ['web06', 2, 31 / 3],
    ]);
  });

  test('dt=cosine: directions; a point of all zeros is at distance 1 from everything', async () => {
    // (0, 0), (1, 1), (2, 0), (0, 3). Start: the smallest point (0, 0), then the first other point (all are
    // at distance 1 from it), (0, 3). (2, 0) is at 1 from both: the first, (0, 0); (1, 1) is nearer (0, 3)
    // (1 − 3/(√2·3) ≈ 0.29). Means (1, 0) and (0.5, 2), sorted: (0.5, 2) first, which (0, 0) now joins (1
    // from both); (2, 0) alone at (2, 0). Then (1, 1) is nearer (1/3, 4/3) (≈ 0.14) than (2, 0) (≈ 0.29):
    // converged.
    const r = await fx.spl(
      'index=main | kmeans dt=cosine cx cy | table host CLUSTERNUM centroid_cx centroid_cy',
    );
    assert.deepEqual(r.rows, [
      ['web01', 1, 1 / 3, 4 / 3],
      ['web02', 1, 1 / 3, 4 / 3],
      ['web04', 1, 1 / 3, 4 / 3],
      ['web03', 2, 2, 0],
    ]);
  });

  test('k larger than the number of distinct points: one cluster per point', async () => {
    const r = await fx.spl(
      'index=main (host=web01 OR host=web03) | kmeans k=4 date_hour date_minute | table host CLUSTERNUM centroid_date_minute',
    );
    assert.deepEqual(r.rows, [
      ['web01', 1, 1],
      ['web03', 2, 2],
    ]);
  });

  test("the tenant's own results only", async () => {
    const r = await fx.spl('index=main | kmeans k=2 date_hour date_minute | table host CLUSTERNUM', {
      org: 'other',
    });
    // One point: one cluster.
    assert.deepEqual(r.rows, [['web08', 1]]);
  });

  test('more than 50,000 results stop the search', async () => {
    await assert.rejects(
      fx.spl('| makeresults count=50001 | eval x=1 | kmeans k=2 x'),
      /kmeans clusters at most 50,000 results/,
    );
    // chDB hands the rest of a failed query's output to the next query on the connection: consume it.
    await fx.spl('index=main | stats count').catch(() => undefined);
    const r = await fx.spl('| makeresults count=50000 | eval x=1 | kmeans k=2 x | stats count by CLUSTERNUM');
    assert.deepEqual(r.rows, [[1, 50000]]);
  });

  test('bad options: positioned diagnostics', async () => {
    assert.deepEqual(await fx.failure('index=main | kmeans k=1 date_hour'), [
      'semantic: `k` must be a whole number from 2 to 999, or a range such as `2-5`, found `1` @22-23',
    ]);
    assert.deepEqual(await fx.failure('index=main | kmeans k=2-4 date_hour'), [
      'unsupported: `kmeans` with a range of k (a summary of the clusters for each k) is not supported yet @22-25',
    ]);
    assert.deepEqual(await fx.failure('index=main | kmeans dt=manhattan date_hour'), [
      'semantic: `dt` must be one of `l2`, `l2norm`, `sq`, `sqeuclidean`, `l1`, `l1norm`, `cityblock`, `cb`, `cos`, `cosine`, found `manhattan` @23-32',
    ]);
    assert.deepEqual(await fx.failure('index=main | kmeans maxiters=1000000 x'), [
      'limit: `maxiters` may be at most 100,000, found `1000000` @29-36',
    ]);
    assert.deepEqual(await fx.failure('index=main | kmeans t=-1 x'), [
      'semantic: `t` must be a number ≥ 0, found `-1` @22-24',
    ]);
    assert.deepEqual(await fx.failure('index=main | kmeans k=3'), [
      'unsupported: `kmeans` without a field list over raw events is not supported yet @13-19',
    ]);
  });
});
