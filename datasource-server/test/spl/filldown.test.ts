// `filldown` on real chDB: a missing value takes the field's last value in an earlier result.
// Search Reference 9.4, filldown: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/filldown

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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

  test('without a list over raw events: every field, evaluated or structured, takes its last value', async () => {
    // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/filldown: "filldown":
    // "Replaces null values with the last non-null value for a field or set of fields. If no list of fields
    // is given, the filldown command will be applied to all fields."
    const r = await fx.spl(
      'host=h1 | eval e=if(_raw="e2", "two", null()) | filldown | table _raw count score1 score2 other e',
    );
    assert.deepEqual(r.rows, [
      ['e1', null, null, null, 'x', null],
      ['e2', '5', '1', null, 'x', 'two'],
      ['e3', '5', '1', '7', 'x', 'two'],
      ['e4', '3', '1', '7', 'x', 'two'],
      ['e5', '3', '1', '7', 'x', 'two'],
    ]);
    // In the results' order: reversed, e5 (no fields) comes first and stays empty.
    const rev = await fx.spl('host=h1 | reverse | filldown | table _raw count other');
    assert.deepEqual(rev.rows, [
      ['e5', null, null],
      ['e4', '3', null],
      ['e3', '3', null],
      ['e2', '5', null],
      ['e1', '5', 'x'],
    ]);
  });

  test('without a list over raw events, the events shown carry every filled field', async () => {
    // "If there is no field list specified, the filldown command will be applied to all fields."
    const r = await fx.spl('host=h1 | filldown');
    assert.deepEqual(
      r.rows.map((row) => [row[r.columns.indexOf('_raw')], row[r.columns.indexOf('_fields')]]),
      [
        ['e1', { other: 'x' }],
        ['e2', { count: '5', other: 'x', score1: '1' }],
        ['e3', { count: '5', other: 'x', score1: '1', score2: '7' }],
        ['e4', { count: '3', other: 'x', score1: '1', score2: '7' }],
        ['e5', { count: '3', other: 'x', score1: '1', score2: '7' }],
      ],
    );
    assert.ok(!r.columns.some((c) => c.startsWith('__')), r.columns.join(', '));
  });

  test('without a list over raw events after a wildcard rename: the renamed fields are filled, shown and read', async () => {
    // rename s* AS t*: score1 → tcore1, score2 → tcore2; filldown then fills every field, the renamed ones too.
    const q = 'host=h1 | rename s* AS t* | filldown';
    const expected = [
      ['e1', { other: 'x' }],
      ['e2', { count: '5', other: 'x', tcore1: '1' }],
      ['e3', { count: '5', other: 'x', tcore1: '1', tcore2: '7' }],
      ['e4', { count: '3', other: 'x', tcore1: '1', tcore2: '7' }],
      ['e5', { count: '3', other: 'x', tcore1: '1', tcore2: '7' }],
    ] as const;
    const r = await fx.spl(q);
    assert.deepEqual(
      r.rows.map((row) => [row[r.columns.indexOf('_raw')], row[r.columns.indexOf('_fields')]]),
      expected,
    );
    const read = await fx.spl(`${q} | table _raw count tcore1 tcore2 score1 other`);
    assert.deepEqual(
      read.rows,
      expected.map(([raw, f]) => {
        const g: Record<string, string> = f;
        return [raw, g.count ?? null, g.tcore1 ?? null, g.tcore2 ?? null, null, g.other ?? null];
      }),
    );
  });
});
