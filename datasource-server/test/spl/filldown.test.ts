// `filldown` on real chDB: a missing value takes the field's last value in an earlier result.
// Search Reference 9.4, filldown: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/filldown

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  // Newest first.
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'e1', 'h1', { other: 'x' }),
    fixtureEvent(now, 2, 'e2', 'h1', { count: '5', score1: '1' }),
    fixtureEvent(now, 3, 'e3', 'h1', { score2: '7' }),
    fixtureEvent(now, 4, 'e4', 'h1', { count: '3' }),
    fixtureEvent(now, 5, 'e5', 'h1', {}),
  ]);
});

after(async () => {
  await fx.close();
});

describe('filldown', () => {
  test('the Search Reference example: `filldown count`; no earlier value leaves it empty', async () => {
    const r = await fx.spl('host=h1 | filldown count | table _raw count');
    assert.deepEqual(r.rows, [
      ['e1', null],
      ['e2', '5'],
      ['e3', '5'],
      ['e4', '3'],
      ['e5', '3'],
    ]);
  });

  test('the Search Reference example: `filldown count score*`', async () => {
    const r = await fx.spl('host=h1 | table _raw count score1 score2 other | filldown count score*');
    assert.deepEqual(r.columns, ['_raw', 'count', 'score1', 'score2', 'other']);
    assert.deepEqual(r.rows, [
      ['e1', null, null, null, 'x'],
      ['e2', '5', '1', null, null],
      ['e3', '5', '1', '7', null],
      ['e4', '3', '1', '7', null],
      ['e5', '3', '1', '7', null],
    ]);
  });

  test('the Search Reference example: `filldown` without a list fills every field', async () => {
    const r = await fx.spl('host=h1 | table count other | filldown');
    assert.deepEqual(r.rows, [
      [null, 'x'],
      ['5', 'x'],
      ['5', 'x'],
      ['3', 'x'],
      ['3', 'x'],
    ]);
  });

  test('without a list over raw events: an unsupported diagnostic at the command', async () => {
    const q = 'host=h1 | filldown';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /without a field list over raw events/);
      assert.equal(e.errors[0]?.column, q.indexOf('filldown') + 1);
      return true;
    });
  });
});
