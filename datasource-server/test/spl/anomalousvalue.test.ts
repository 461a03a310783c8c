// `anomalousvalue` on real chDB: numeric values scored by their normal-distribution tail, categorical
// values by their frequency; filter, annotate and summary.
// Search Reference 9.4, anomalousvalue: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/anomalousvalue

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';
import { erfc, meanSd } from '../helpers/normal.ts';

const now = Date.now();
let fx: SplFixture;

// 20 results, newest first: bytes near 100 with one 1000 (the 4th), status ok with one fail (the 8th).
const bytes = [100, 101, 99, 1000, 102, 98, 100, 101, 99, 100, 100, 101, 99, 100, 102, 98, 100, 101, 99, 100];
const status = bytes.map((_, i) => (i === 7 ? 'fail' : 'ok'));

// The oracle: the normal tail with the sample standard deviation, computed in TypeScript.
const [mean, sd] = meanSd(bytes);
const pNum = (x: number): number => erfc(Math.abs(x - mean) / (sd * Math.SQRT2));
// 1000 is 4.25 standard deviations out: p ≈ 2e-5; the others are within 0.25 (p > 0.8).
const score1000 = -Math.log10(pNum(1000));
// fail is 1 of the 20 status values.
const scoreFail = -Math.log10(1 / 20);

before(async () => {
  fx = await splFixture(
    now,
    bytes.map((b, i) =>
      fixtureEvent(now, i + 1, `b=${String(b)}`, 'h1', { bytes: String(b), status: status[i] ?? '' }),
    ),
  );
});

after(async () => {
  await fx.close();
});

const near = (actual: unknown, expected: number): void => {
  assert.equal(typeof actual, 'number');
  assert.ok(
    Math.abs((actual as number) - expected) < 1e-4 * Math.max(1, expected),
    `${String(actual)} ≠ ${String(expected)}`,
  );
};

describe('anomalousvalue', () => {
  test('the Search Reference example `anomalousvalue action=filter pthresh=0.02` keeps the results with an anomalous value', async () => {
    const r = await fx.spl(
      'host=h1 | table bytes status | anomalousvalue action=filter pthresh=0.02 minsupcount=10',
    );
    assert.deepEqual(r.columns, [
      'bytes',
      'status',
      'Anomaly_Score_Num(bytes)',
      'Anomaly_Score_Cat(bytes)',
      'Anomaly_Score_Num(status)',
      'Anomaly_Score_Cat(status)',
    ]);
    // status fail (frequency 0.05) is not below 0.02: only the 1000.
    assert.equal(r.rows.length, 1);
    assert.deepEqual(r.rows[0]?.slice(0, 2), ['1000', 'ok']);
    near(r.rows[0]?.[2], score1000);
    assert.deepEqual(r.rows[0]?.slice(3), [null, null, null]);
  });

  test('pthresh=0.06 makes the rare category anomalous too', async () => {
    const r = await fx.spl('host=h1 | table bytes status | anomalousvalue pthresh=0.06 minsupcount=10');
    assert.deepEqual(
      r.rows.map((row) => row.slice(0, 2)),
      [
        ['1000', 'ok'],
        ['101', 'fail'],
      ],
    );
    near(r.rows[1]?.[5], scoreFail);
  });

  test('the Search Reference example `anomalousvalue action=annotate pthresh=0.02` scores every result', async () => {
    const r = await fx.spl(
      'host=h1 | table bytes status | anomalousvalue action=annotate pthresh=0.02 minsupcount=10',
    );
    assert.equal(r.rows.length, 20);
    const scores = r.rows.map((row) => row[2]);
    scores.forEach((s, i) => {
      if (i === 3) near(s, score1000);
      else assert.equal(s, null);
    });
  });

  test('fields seen in fewer than minsupcount (100 by default) results are not considered', async () => {
    const r = await fx.spl('host=h1 | table bytes status | anomalousvalue pthresh=0.06');
    assert.equal(r.rows.length, 0);
  });

  test('maxanofreq: a field anomalous in more than that share of its results is dropped', async () => {
    // Each field is anomalous in 1 of its 20 results: 0.05 > maxanofreq=0.04.
    const r = await fx.spl(
      'host=h1 | table bytes status | anomalousvalue pthresh=0.06 minsupcount=10 maxanofreq=0.04',
    );
    assert.equal(r.rows.length, 0);
  });

  test('the Search Reference example `anomalousvalue action=summary pthresh=0.02 | search isNum=YES`', async () => {
    const r = await fx.spl(
      'host=h1 | table bytes status | anomalousvalue action=summary pthresh=0.02 minsupcount=10 | search isNum=YES',
    );
    assert.deepEqual(r.columns, [
      'fieldname',
      'count',
      'distinct_count',
      'mean',
      'stdev',
      'isNum',
      'anoFreq%',
      'supportFreq%',
      'use',
    ]);
    // status is categorical: only bytes is left.
    assert.deepEqual(
      r.rows.map((row) => row[0]),
      ['bytes'],
    );
    const [b] = r.rows;
    assert.deepEqual(b?.slice(0, 3), ['bytes', 20, 6]);
    near(b?.[3], mean);
    near(b?.[4], sd);
    assert.deepEqual(b?.slice(5), ['YES', 5, 100, 'YES']);
  });

  test('a probability outside 0 to 1 is reported at its value', async () => {
    const q = 'host=h1 | table bytes | anomalousvalue pthresh=2 bytes';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.errors[0]?.message ?? '', /pthresh.*from 0 to 1/);
      assert.equal(e.errors[0]?.column, q.indexOf('2 bytes') + 1);
      return true;
    });
  });
});
