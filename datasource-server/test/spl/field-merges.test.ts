// Several commands that change every field of raw events in one search (`fillnull`, `filldown`, `replace`
// without a field list, `fields -`), on real chDB: each applies to the fields as the one before left them.
// Search Reference 9.4: fillnull ("If you do not specify a field list, the fillnull command is applied to all
// fields") https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/fillnull ;
// filldown ("If no list of fields is given, the filldown command will be applied to all fields")
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/filldown ;
// replace ("If you do not specify a field, the value is replaced in all fields")
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/replace

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  // Newest first.
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'e1', 'h', { a: '1' }),
    fixtureEvent(now, 2, 'e2', 'h', { b: 'x' }),
    fixtureEvent(now, 3, 'e3', 'h', {}),
    fixtureEvent(now, 4, 'e4', 'h', { a: '4', b: 'y' }),
    fixtureEvent(now, 5, 'e5', 'k', { a: '5' }),
    fixtureEvent(now, 6, 'o1', 'h', { c: 'joined' }, { index: 'other' }),
  ]);
});

after(async () => {
  await fx.close();
});

/** The events shown: each one's `_raw` and structured fields. */
const shown = async (query: string): Promise<unknown[][]> => {
  const r = await fx.spl(query);
  assert.ok(!r.columns.some((c) => c.startsWith('__')), r.columns.join(', '));
  return r.rows.map((row) => [row[r.columns.indexOf('_raw')], row[r.columns.indexOf('_fields')]]);
};

/** `a` and `b` of each result, read by name. */
const named = async (query: string): Promise<unknown[][]> => (await fx.spl(`${query} | table a b`)).rows;

/** The same fields as `shown` gives them, as `[a, b]` rows. */
const asRows = (events: unknown[][]): unknown[][] =>
  events.map(([, f]) => {
    const fields = f as Record<string, unknown>;
    return [fields.a ?? null, fields.b ?? null];
  });

describe('several field changes over raw events', () => {
  test('fillnull | filldown: every field filled, then nothing left to fill down', async () => {
    const q = 'index=main host=h | fillnull | filldown';
    const events = await shown(q);
    assert.deepEqual(events, [
      ['e1', { a: '1', b: '0' }],
      ['e2', { a: '0', b: 'x' }],
      ['e3', { a: '0', b: '0' }],
      ['e4', { a: '4', b: 'y' }],
    ]);
    assert.deepEqual(await named(q), asRows(events));
    // Applying them one after another with the fields listed gives the same.
    assert.deepEqual(await named('index=main host=h | fillnull a b | filldown a b'), asRows(events));
  });

  test('filldown | fillnull value=NA: the order matters', async () => {
    const q = 'index=main host=h | filldown | fillnull value=NA';
    const events = await shown(q);
    assert.deepEqual(events, [
      ['e1', { a: '1', b: 'NA' }],
      ['e2', { a: '1', b: 'x' }],
      ['e3', { a: '1', b: 'x' }],
      ['e4', { a: '4', b: 'y' }],
    ]);
    assert.deepEqual(await named(q), asRows(events));
    assert.deepEqual(await named('index=main host=h | filldown a b | fillnull value=NA a b'), asRows(events));
  });

  test('fillnull | replace: the filled values are replaced too', async () => {
    const q = 'index=main host=h | fillnull | replace 0 with zero';
    const events = await shown(q);
    assert.deepEqual(events, [
      ['e1', { a: '1', b: 'zero' }],
      ['e2', { a: 'zero', b: 'x' }],
      ['e3', { a: 'zero', b: 'zero' }],
      ['e4', { a: '4', b: 'y' }],
    ]);
    assert.deepEqual(await named(q), asRows(events));
  });

  test('replace | filldown: the replaced values are filled down', async () => {
    const q = 'index=main host=h | replace x with X | filldown';
    const events = await shown(q);
    assert.deepEqual(events, [
      ['e1', { a: '1' }],
      ['e2', { a: '1', b: 'X' }],
      ['e3', { a: '1', b: 'X' }],
      ['e4', { a: '4', b: 'y' }],
    ]);
    assert.deepEqual(await named(q), asRows(events));
    assert.deepEqual(
      await named('index=main host=h | replace x with X in a, b | filldown a b'),
      asRows(events),
    );
  });

  test('three in a row: filldown | replace | fillnull', async () => {
    const q = 'index=main host=h | filldown | replace 1 with one | fillnull value=-';
    const events = await shown(q);
    assert.deepEqual(events, [
      ['e1', { a: 'one', b: '-' }],
      ['e2', { a: 'one', b: 'x' }],
      ['e3', { a: 'one', b: 'x' }],
      ['e4', { a: '4', b: 'y' }],
    ]);
    assert.deepEqual(await named(q), asRows(events));
  });

  test('fields - a | filldown: the removed field is not filled down', async () => {
    const q = 'index=main host=h | fields - a | filldown';
    const events = await shown(q);
    assert.deepEqual(events, [
      ['e1', {}],
      ['e2', { b: 'x' }],
      ['e3', { b: 'x' }],
      ['e4', { b: 'y' }],
    ]);
    assert.deepEqual(await named(q), asRows(events));
  });

  test('filldown | fields - b | fillnull value=NA: the fill finds only the fields left', async () => {
    const q = 'index=main host=h | filldown | fields - b | fillnull value=NA';
    const events = await shown(q);
    assert.deepEqual(events, [
      ['e1', { a: '1' }],
      ['e2', { a: '1' }],
      ['e3', { a: '1' }],
      ['e4', { a: '4' }],
    ]);
    assert.deepEqual(await named(q), asRows(events));
  });

  test('join | fillnull: the fields the join brought are filled where it brought none', async () => {
    // Search Reference 9.4, join: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/join
    const q = 'index=main | join type=left overwrite=false host [search index=other] | fillnull value=NA';
    const events = await shown(q);
    assert.deepEqual(events, [
      ['e1', { a: '1', b: 'NA', c: 'joined' }],
      ['e2', { a: 'NA', b: 'x', c: 'joined' }],
      ['e3', { a: 'NA', b: 'NA', c: 'joined' }],
      ['e4', { a: '4', b: 'y', c: 'joined' }],
      ['e5', { a: '5', b: 'NA', c: 'NA' }],
    ]);
    assert.deepEqual((await fx.spl(`${q} | table c`)).rows, [
      ['joined'],
      ['joined'],
      ['joined'],
      ['joined'],
      ['NA'],
    ]);
  });

  test('fields - b | fillnull: the removed field is not filled again', async () => {
    const q = 'index=main host=h | fields - b | fillnull value=NA';
    const events = await shown(q);
    assert.deepEqual(events, [
      ['e1', { a: '1' }],
      ['e2', { a: 'NA' }],
      ['e3', { a: 'NA' }],
      ['e4', { a: '4' }],
    ]);
    assert.deepEqual(await named(q), asRows(events));
  });
});
