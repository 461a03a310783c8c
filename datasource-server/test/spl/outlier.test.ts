// `outlier` on real chDB: values past param × the interquartile range are clipped (transform) or removed.
// Search Reference 9.4, outlier: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/outlier

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

// delay per event: 10 … 17 and two outliers, 100 (high) and -60 (low). Nearest-rank Q1 = 11, Q3 = 16:
// IQR 5, bounds 11 − 12.5 = −1.5 and 16 + 12.5 = 28.5.
const delays = ['10', '11', '12', '100', '13', '14', '-60', '15', '16', '17'];

before(async () => {
  fx = await splFixture(
    now,
    delays.map((delay, i) => fixtureEvent(now, i + 1, `d=${delay}`, 'h1', { delay })),
  );
});

after(async () => {
  await fx.close();
});

const column = (rows: unknown[][], i = 0): unknown[] => rows.map((r) => r[i]);

describe('outlier', () => {
  test('the Search Reference example `… | outlier`: high values clipped to the upper bound, low ones kept', async () => {
    const r = await fx.spl('host=h1 | eval delay=tonumber(delay) | table delay | outlier');
    assert.deepEqual(column(r.rows), [10, 11, 12, 28.5, 13, 14, -60, 15, 16, 17]);
  });

  test('uselower=true and mark=true: both sides, marked with `000 `', async () => {
    const r = await fx.spl('host=h1 | table delay | outlier uselower=true mark=true delay');
    assert.deepEqual(column(r.rows), [
      '10',
      '11',
      '12',
      '000 28.5',
      '13',
      '14',
      '000 -1.5',
      '15',
      '16',
      '17',
    ]);
  });

  test('the Search Reference example `outlier action=remove`: results with an outlier are dropped', async () => {
    const r = await fx.spl('host=h1 | table delay | outlier action=remove param=2.5 uselower=t delay');
    assert.deepEqual(column(r.rows), ['10', '11', '12', '13', '14', '15', '16', '17']);
  });

  test('a bad action is reported at its value', async () => {
    const q = 'host=h1 | table delay | outlier action=drop';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.equal(e.errors[0]?.column, q.indexOf('drop') + 1);
      return true;
    });
  });
});
