// `accum` on real chDB: a running total of a numeric field, in the results' order.
// Search Reference 9.4, accum: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/accum

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  // Views of strategy games: 3 of DB-SG-G01, 2 of DC-SG-G02, 1 of FS-SG-G03.
  const views = ['DB-SG-G01', 'DB-SG-G01', 'DB-SG-G01', 'DC-SG-G02', 'DC-SG-G02', 'FS-SG-G03'];
  fx = await splFixture(now, [
    ...views.map((productId, i) =>
      fixtureEvent(now, i + 1, `GET /product?id=${productId}`, 'www1', { productId, status: '200' }),
    ),
    fixtureEvent(now, 10, 'bytes=10', 'www2', { bytes: '10' }),
    fixtureEvent(now, 11, 'bytes=n/a', 'www2', { bytes: 'n/a' }),
    fixtureEvent(now, 12, 'bytes=5', 'www2', { bytes: '5' }),
    fixtureEvent(now, 13, 'no bytes', 'www2'),
    fixtureEvent(now, 14, 'bytes=1', 'www2', { bytes: '1' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('accum', () => {
  test('the Search Reference example: a running total of views into TotalViews', async () => {
    const r = await fx.spl('status=200 | chart count AS views by productId | accum views as TotalViews');
    assert.deepEqual(r.columns, ['productId', 'views', 'TotalViews']);
    assert.deepEqual(r.rows, [
      ['DB-SG-G01', 3, 3],
      ['DC-SG-G02', 2, 5],
      ['FS-SG-G03', 1, 6],
    ]);
  });

  test('in place, over events newest first: results without a number keep their value', async () => {
    const r = await fx.spl('host=www2 | accum bytes | table bytes');
    assert.deepEqual(
      r.rows.map((x) => x[0]),
      ['10', 'n/a', '15', null, '16'],
    );
  });

  test('a running total that a table reads: the same rows, and no event column through the window', async () => {
    const r = await fx.spl('host=www2 | accum bytes AS total | head 4 | table _time total');
    assert.deepEqual(
      r.rows.map((x) => x[1]),
      [10, null, 15, null],
    );
    const window = r.sql.split('\n').find((l) => l.includes(' OVER ('));
    assert.ok(window, r.sql);
    for (const column of ['`_raw`', '`host`', '`_fields.bytes`'])
      assert.ok(!window.includes(column), `${column} in ${window}`);
  });

  test('AS newfield: only the results where the field is a number get it', async () => {
    const r = await fx.spl('host=www2 | accum bytes AS total | eval twice=total*2 | table bytes total twice');
    assert.deepEqual(r.rows, [
      ['10', 10, 20],
      ['n/a', null, null],
      ['5', 15, 30],
      [null, null, null],
      ['1', 16, 32],
    ]);
  });

  test('a bad argument is reported at its place', async () => {
    const q = 'host=www2 | accum bytes total';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /`accum` takes one field and an optional `AS <newfield>`/);
      assert.equal(e.errors[0]?.column, q.indexOf('total') + 1);
      return true;
    });
  });
});
