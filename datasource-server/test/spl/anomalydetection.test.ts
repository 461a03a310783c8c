// `anomalydetection` on real chDB: the histogram method (event probability as the product of the field
// values' frequencies), zscore (like `anomalousvalue`) and iqr (like `outlier`).
// Search Reference 9.4, anomalydetection: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/anomalydetection

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

// Ten events, newest first. `action` is categorical: allow 8/10, deny 1/10, drop 1/10. `bytes` is numeric:
// its histogram has 10 equal bins over [10, 100] (width 9), so 10 … 14 share the first bin (9/10) and 100
// is alone in the last (1/10).
const events: [string, string][] = [
  ['allow', '10'],
  ['allow', '12'],
  ['allow', '11'],
  ['allow', '13'],
  ['allow', '10'],
  ['allow', '14'],
  ['allow', '12'],
  ['allow', '11'],
  ['deny', '13'],
  ['drop', '100'],
];

// Log probabilities: allow events ln 0.8 + ln 0.9, the deny event ln 0.1 + ln 0.9, the drop event 2 ln 0.1.
const normal = Math.log(0.8) + Math.log(0.9);
const deny = Math.log(0.1) + Math.log(0.9);
const drop = 2 * Math.log(0.1);
// Nearest-rank quartiles of the ten log probabilities (sorted: drop, deny, then eight `normal`): ranks 3
// and 8 are both `normal`, so IQR = 0 and the threshold Q1 − 1.5 × IQR is `normal`: deny and drop are
// below it.

before(async () => {
  fx = await splFixture(
    now,
    events.map(([action, bytes], i) =>
      fixtureEvent(now, i + 1, `action=${action} bytes=${bytes}`, 'h1', { action, bytes }),
    ),
  );
});

after(async () => {
  await fx.close();
});

const near = (actual: unknown, expected: number): void => {
  assert.equal(typeof actual, 'number');
  assert.ok(Math.abs((actual as number) - expected) < 1e-9, `${String(actual)} ≠ ${expected}`);
};

const byName = (r: { columns: string[]; rows: unknown[][] }, row: number, name: string): unknown =>
  r.rows[row]?.[r.columns.indexOf(name)];

describe('anomalydetection', () => {
  test('the Search Reference example `… | anomalydetection`: only the anomalous events, with four new fields', async () => {
    const r = await fx.spl('host=h1 | table action bytes | anomalydetection action bytes');
    assert.deepEqual(r.columns, [
      'action',
      'bytes',
      'log_event_prob',
      'probable_cause',
      'probable_cause_freq',
      'max_freq',
    ]);
    assert.equal(r.rows.length, 2);
    assert.deepEqual(
      r.rows.map((x) => x.slice(0, 2)),
      [
        ['deny', '13'],
        ['drop', '100'],
      ],
    );
    near(byName(r, 0, 'log_event_prob'), deny);
    assert.equal(byName(r, 0, 'probable_cause'), 'action');
    near(byName(r, 0, 'probable_cause_freq'), 0.1);
    near(byName(r, 0, 'max_freq'), 0.9);
    near(byName(r, 1, 'log_event_prob'), drop);
    // Both fields have frequency 0.1: the first listed is the cause.
    assert.equal(byName(r, 1, 'probable_cause'), 'action');
    near(byName(r, 1, 'probable_cause_freq'), 0.1);
    near(byName(r, 1, 'max_freq'), 0.1);
  });

  test('over raw events with a field list: the same two events, their other fields kept', async () => {
    const r = await fx.spl(
      'host=h1 | anomalydetection action bytes | table host action bytes log_event_prob',
    );
    assert.deepEqual(
      r.rows.map((x) => x.slice(0, 3)),
      [
        ['h1', 'deny', '13'],
        ['h1', 'drop', '100'],
      ],
    );
    near(r.rows[1]?.[3], drop);
  });

  test('action=annotate keeps every event; the fields are set on the anomalous ones only', async () => {
    const r = await fx.spl('host=h1 | table action bytes | anomalydetection action=annotate bytes action');
    assert.equal(r.rows.length, 10);
    const probs = r.rows.map((x) => x[r.columns.indexOf('log_event_prob')]);
    assert.deepEqual(probs.slice(0, 8), Array(8).fill(null));
    near(probs[8], deny);
    near(probs[9], drop);
    // With bytes listed first, the tie on the drop event names bytes.
    assert.equal(byName(r, 8, 'probable_cause'), 'action');
    assert.equal(byName(r, 9, 'probable_cause'), 'bytes');
  });

  test('pthresh: an event is anomalous when its probability is below it (0.09 and 0.01 against 0.05)', async () => {
    const r = await fx.spl('host=h1 | table action bytes | anomalydetection pthresh=0.05 action bytes');
    assert.deepEqual(
      r.rows.map((x) => x.slice(0, 2)),
      [['drop', '100']],
    );
  });

  test('the Search Reference example `anomalydetection action=summary`: how many anomalies and the threshold', async () => {
    const r = await fx.spl('host=h1 | table action bytes | anomalydetection action=summary action bytes');
    assert.deepEqual(r.columns, [
      'num_anomalies',
      'thresh',
      'max_logprob',
      'min_logprob',
      '1st_quartile',
      '3rd_quartile',
    ]);
    assert.equal(r.rows.length, 1);
    const [row] = r.rows;
    assert.equal(row?.[0], 2);
    near(row?.[1], normal);
    near(row?.[2], normal);
    near(row?.[3], drop);
    near(row?.[4], normal);
    near(row?.[5], normal);
  });

  test('the Search Reference example `method=zscore action=filter pthresh=0.05`: values past 1.96 standard deviations', async () => {
    // Mean 20.6; sample variance 7020.4 / 9; 100 is 79.4 / 27.93 = 2.84 standard deviations away, every
    // other value at most 0.38.
    const r = await fx.spl(
      'host=h1 | table action bytes | anomalydetection method=zscore action=filter pthresh=0.05 bytes',
    );
    assert.deepEqual(r.columns, ['action', 'bytes', 'Anomaly_Score_Num(bytes)']);
    assert.equal(r.rows.length, 1);
    assert.equal(r.rows[0]?.[1], '100');
    near(r.rows[0]?.[2], 79.4 / Math.sqrt(7020.4 / 9));
  });

  test('zscore with the default pthresh=0.01 (2.58 standard deviations) still finds 100; annotate keeps all', async () => {
    const r = await fx.spl('host=h1 | table bytes | anomalydetection method=zscore action=annotate bytes');
    assert.equal(r.rows.length, 10);
    assert.deepEqual(
      r.rows.map((x) => x[1] !== null),
      [false, false, false, false, false, false, false, false, false, true],
    );
  });

  test('the Search Reference example `method=iqr action=tf param=4 uselower=true mark=true`: as outlier', async () => {
    // Nearest-rank Q1 = 11, Q3 = 13: bounds 11 − 4 × 2 = 3 and 13 + 4 × 2 = 21.
    const r = await fx.spl(
      'host=h1 | table bytes | anomalydetection method=iqr action=tf param=4 uselower=true mark=true bytes',
    );
    assert.deepEqual(
      r.rows.map((x) => x[0]),
      ['10', '12', '11', '13', '10', '14', '12', '11', '13', '000 21'],
    );
  });

  test('method=iqr action=remove drops the events with an outlier', async () => {
    const r = await fx.spl('host=h1 | table bytes | anomalydetection method=iqr action=remove param=4 bytes');
    assert.equal(r.rows.length, 9);
  });

  test('pthresh with method=iqr is reported at the option', async () => {
    const q = 'host=h1 | table bytes | anomalydetection method=iqr pthresh=0.1 bytes';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.errors[0]?.message ?? '', /method=iqr.* has no option `pthresh`/);
      assert.equal(e.errors[0]?.column, q.indexOf('pthresh') + 1);
      return true;
    });
  });

  test('an action of another method is reported at its value', async () => {
    const q = 'host=h1 | table bytes | anomalydetection action=remove bytes';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.errors[0]?.message ?? '', /method=histogram.* takes `action=filter\|annotate\|summary`/);
      assert.equal(e.errors[0]?.column, q.indexOf('remove') + 1);
      return true;
    });
  });
});
