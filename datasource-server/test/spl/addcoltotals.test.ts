// `addcoltotals` on real chDB: a last result with the sum of each numeric field.
// Search Reference 9.4, addcoltotals: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/addcoltotals

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'cpu', 'h1', { processor: 'indexer', cpu_seconds: '2' }),
    fixtureEvent(now, 2, 'cpu', 'h1', { processor: 'indexer', cpu_seconds: '4' }),
    fixtureEvent(now, 3, 'cpu', 'h1', { processor: 'parser', cpu_seconds: '1.5' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('addcoltotals', () => {
  test('the Search Reference example: `stats avg(cpu_seconds) by processor | addcoltotals labelfield=processor`', async () => {
    const r = await fx.spl(
      'host=h1 | stats avg(cpu_seconds) AS avg count BY processor | addcoltotals labelfield=processor',
    );
    assert.deepEqual(r.columns, ['processor', 'avg', 'count']);
    assert.deepEqual(r.rows, [
      ['indexer', 3, 2],
      ['parser', 1.5, 1],
      ['Total', 4.5, 3],
    ]);
  });

  test('label= and a field list: only the listed fields are added up; text fields stay empty', async () => {
    const r = await fx.spl(
      'host=h1 | table processor cpu_seconds | eval n=1 | addcoltotals labelfield=change_name label=ALL cpu_seconds',
    );
    assert.deepEqual(r.columns, ['processor', 'cpu_seconds', 'n', 'change_name']);
    assert.deepEqual(r.rows.at(-1), [null, '7.5', null, 'ALL']);
    assert.equal(r.rows.length, 4);
  });

  test('over raw events with listed fields: the events, then their totals', async () => {
    // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/addcoltotals:
    // "appends a new result to the end of the search result set. The result contains the sum of each
    // numeric field or you can specify which fields to summarize."
    const r = await fx.spl(
      'host=h1 | addcoltotals labelfield=processor label=All cpu_seconds | table processor cpu_seconds',
    );
    assert.deepEqual(r.rows, [
      ['indexer', '2'],
      ['indexer', '4'],
      ['parser', '1.5'],
      // The events' values are text (field values), so the total is too.
      ['All', '7.5'],
    ]);
  });

  test('over raw events without a field list: unsupported, at the command', async () => {
    const q = 'host=h1 | addcoltotals';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /over raw events without a list of field names is not supported yet/);
      assert.equal(e.errors[0]?.column, q.indexOf('addcoltotals') + 1);
      return true;
    });
  });
});

// Search Reference, addtotals: https://help.splunk.com/splunk-cloud-platform/spl-search-reference/10.0.2503/search-commands/addtotals
// "If col=true, the addtotals command computes the column totals, which adds a new result at the end that
// represents the sum of each field"; `labelfield` gets `label`, `fieldname` names the row total.
describe('addtotals col=true', () => {
  test('row totals, then a totals row with the sum of each field, the row totals included', async () => {
    const r = await fx.spl(
      'host=h1 | stats avg(cpu_seconds) AS avg count BY processor | addtotals col=t labelfield=processor',
    );
    assert.deepEqual(r.columns, ['processor', 'avg', 'count', 'Total']);
    assert.deepEqual(r.rows, [
      ['indexer', 3, 2, 5],
      ['parser', 1.5, 1, 2.5],
      ['Total', 4.5, 3, 7.5],
    ]);
    const named = await fx.spl(
      'host=h1 | stats count BY processor | addtotals col=true row=false labelfield=processor label=All fieldname=n',
    );
    assert.deepEqual(named.columns, ['processor', 'count']);
    assert.deepEqual(named.rows.at(-1), ['All', 3]);
  });

  test('a label field name that cannot be assigned is an error at its position', async () => {
    const q = 'host=h1 | stats count BY processor | addtotals col=t labelfield=_series';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.equal(e.errors[0]?.column, q.indexOf('_series') + 1);
      return true;
    });
  });
});
