// `cluster` on real chDB: events grouped by the similarity of their text, each event in event order joining
// the most similar cluster so far when the similarity reaches `t` (0.8 by default). Search Reference 9.4,
// cluster: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/cluster
// (its examples: `cluster showcount=t | table cluster_count _raw | sort -cluster_count`, and
// `cluster t=0.9 showcount=true | sort - cluster_count | head 20`).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultsFixture } from '../helpers/results-fixture.ts';
import { resultsFixture } from '../helpers/results-fixture.ts';
import { fixtureEvent } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: ResultsFixture;

// Newest first (minute 1 is the newest event). Terms split at non-alphanumeric characters:
// e1, e3, e5 share 4 of their 5 terms in place; e2 and e4 too; e6 shares nothing with them.
const texts = [
  'ERROR disk full on web01',
  'INFO login ok user alice',
  'ERROR disk full on web02',
  'INFO login ok user bob',
  'ERROR disk-full-on web03',
  'WARN cpu high',
];

before(async () => {
  fx = await resultsFixture(now, [
    ...texts.map((raw, i) => fixtureEvent(now, i + 1, raw, `h${String(i + 1)}`, { code: raw.slice(0, 4) })),
    fixtureEvent(now, 7, 'ERROR disk full on web09', 'h9', {}, { org_id: 'other' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('cluster', () => {
  test('the first example: one event per cluster with its size, sorted by size', async () => {
    // termlist, t=0.8: e3 and e5 match e1 in 4 of 5 places (0.8, enough), e4 matches e2 likewise; e6 matches
    // neither (0): three clusters, labelled in the order they start.
    const r = await fx.spl(
      'index=main | cluster showcount=t | table cluster_count _raw cluster_label | sort -cluster_count',
    );
    assert.deepEqual(r.rows, [
      [3, texts[0], 1],
      [2, texts[1], 2],
      [1, texts[5], 3],
    ]);
  });

  test('the second example: t=0.9 puts every event in its own cluster', async () => {
    const r = await fx.spl(
      // (Every count is 1: the labels order the ties, which `sort` leaves in any order.)
      'index=main | cluster t=0.9 showcount=true | sort - cluster_count, cluster_label | head 20 | table host cluster_label cluster_count',
    );
    assert.deepEqual(r.rows, [
      ['h1', 1, 1],
      ['h2', 2, 1],
      ['h3', 3, 1],
      ['h4', 4, 1],
      ['h5', 5, 1],
      ['h6', 6, 1],
    ]);
  });

  test('the defaults: one event per cluster, no count field', async () => {
    const r = await fx.spl('index=main | cluster | table host cluster_label cluster_count');
    assert.deepEqual(r.rows, [
      ['h1', 1, null],
      ['h2', 2, null],
      ['h6', 3, null],
    ]);
  });

  test('labelonly=true keeps every event; match=termset compares sets of terms', async () => {
    // As sets, e1 and e3 share 4 of the 6 terms of their union (0.67): below 0.8, above 0.6.
    const byDefault = await fx.spl(
      'index=main | cluster labelonly=true match=termset | table host cluster_label',
    );
    assert.deepEqual(byDefault.rows, [
      ['h1', 1],
      ['h2', 2],
      ['h3', 3],
      ['h4', 4],
      ['h5', 5],
      ['h6', 6],
    ]);
    const r = await fx.spl(
      'index=main | cluster labelonly=true match=termset t=0.6 showcount=true labelfield=group countfield=size | table host group size',
    );
    assert.deepEqual(r.rows, [
      ['h1', 1, 3],
      ['h2', 2, 2],
      ['h3', 1, 3],
      ['h4', 2, 2],
      ['h5', 1, 3],
      ['h6', 3, 1],
    ]);
  });

  test('delims= and field=: the terms of another field, split at the listed characters', async () => {
    // Split at spaces only, e5's `disk-full-on` is one term: e5 matches e1 only in its first place (1 of
    // the 5 places of the longer list, 0.2), and starts a cluster.
    const r = await fx.spl('index=main | cluster labelonly=t delims=" " | table host cluster_label');
    assert.deepEqual(
      r.rows.map((x) => x[1]),
      [1, 2, 1, 2, 3, 4],
    );
    // Spaces, hyphens and `]` (characters that mean something in a regular expression's class): e5 is
    // split as by default again.
    const special = await fx.spl('index=main | cluster labelonly=t delims=" -]" | table host cluster_label');
    assert.deepEqual(
      special.rows.map((x) => x[1]),
      [1, 2, 1, 2, 1, 3],
    );
    // field=code: the first four characters; `ERRO`, `INFO` and `WARN` are three clusters.
    const f = await fx.spl('index=main | cluster field=code showcount=t | table code cluster_count');
    assert.deepEqual(f.rows, [
      ['ERRO', 3],
      ['INFO', 2],
      ['WARN', 1],
    ]);
  });

  test('match=ngramset: sets of 3-character substrings', async () => {
    // `ERRO` → {ERR, RRO}, `INFO` → {INF, NFO}, `WARN` → {WAR, ARN}: nothing in common.
    const r = await fx.spl(
      'index=main | cluster field=code match=ngramset t=0.5 showcount=t | table code cluster_count',
    );
    assert.deepEqual(r.rows, [
      ['ERRO', 3],
      ['INFO', 2],
      ['WARN', 1],
    ]);
  });

  test("the tenant's own events only", async () => {
    const r = await fx.spl('index=main | cluster showcount=t | table _raw cluster_count', { org: 'other' });
    assert.deepEqual(r.rows, [['ERROR disk full on web09', 1]]);
  });

  test('bad options: positioned diagnostics', async () => {
    assert.deepEqual(await fx.failure('index=main | cluster t=1.5'), [
      'semantic: `t` must be a number greater than 0 and less than 1, found `1.5` @23-26',
    ]);
    assert.deepEqual(await fx.failure('index=main | cluster match=words'), [
      'semantic: `match` must be one of `termlist`, `termset`, `ngramset`, found `words` @27-32',
    ]);
    assert.deepEqual(await fx.failure('index=main | cluster _raw'), [
      'semantic: `cluster` takes only options such as `t=0.9` @21-25',
    ]);
  });

  test('more than 50,000 events stop the search', async () => {
    await assert.rejects(
      fx.spl('| makeresults count=50001 | eval _raw="event" | cluster'),
      /cluster groups at most 50,000 events/,
    );
    // chDB hands the rest of a failed query's output to the next query on the connection: consume it.
    await fx.spl('index=main | stats count').catch(() => undefined);
    const r = await fx.spl(
      '| makeresults count=10000 | streamstats count AS n | eval _raw="login u".(n%40)." from h".(n%7) | cluster showcount=t | stats count sum(cluster_count) AS events',
    );
    // Two texts that differ do so in at least 1 of 4 places (0.75 < 0.8): one cluster per distinct text
    // (40 × 7 = 280, as 40 and 7 have no common factor).
    assert.deepEqual(r.rows, [[280, 10000]]);
  });
});
