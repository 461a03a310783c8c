// `replace` on real chDB: whole values replaced, `*` wildcards on both sides, the first matching pair
// winning, `IN` field lists (with wildcards after `table`). Search Reference 9.4, replace:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/replace

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'a', '127.0.0.1', { msg_level: '0', start_month: 'aug', end_month: 'sep' }),
    fixtureEvent(now, 2, 'b', 'www.localhost', { msg_level: '1', start_month: 'jul', end_month: 'aug' }),
    fixtureEvent(now, 3, 'c', 'mail localhost', { msg_level: '2' }),
    // A multivalue field, a number and a nested one, in an index of its own.
    fixtureEvent(now, 4, 'd', 'mv', { tags: ['aug', 'x'], n: 1, 'o.m': 'aug' } as never, { index: 'mv' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('replace', () => {
  test('the page examples: 127.0.0.1 WITH localhost; 0 WITH Critical, 1 WITH Error', async () => {
    const r = await fx.spl(
      'index=main | replace 127.0.0.1 WITH localhost IN host | replace 0 WITH Critical, 1 WITH Error IN msg_level | table host, msg_level',
    );
    assert.deepEqual(r.rows, [
      ['localhost', 'Critical'],
      ['www.localhost', 'Error'],
      ['mail localhost', '2'],
    ]);
  });

  test('the page examples: aug WITH August in two fields; *localhost WITH localhost', async () => {
    const r = await fx.spl(
      'index=main | replace aug WITH August IN start_month end_month | replace *localhost WITH localhost IN host | table host, start_month, end_month',
    );
    assert.deepEqual(r.rows, [
      ['127.0.0.1', 'August', 'sep'],
      ['localhost', 'jul', 'August'],
      ['localhost', null, null],
    ]);
  });

  test('the page example: "* localhost" WITH "localhost *" moves the matched text', async () => {
    const r = await fx.spl('index=main | replace "* localhost" WITH "localhost *" IN host | table host');
    assert.deepEqual(r.rows, [['127.0.0.1'], ['www.localhost'], ['localhost mail']]);
  });

  test('whole values only, case-sensitive; the first matching pair wins', async () => {
    const r = await fx.spl(
      'index=main | replace local* WITH x, *host WITH y, 127.0.0.1 WITH z IN host | table host',
    );
    assert.deepEqual(r.rows, [['z'], ['y'], ['y']]);
    const c = await fx.spl('index=main | replace LOCALHOST WITH x, 127.0.0 WITH y IN host | table host');
    assert.deepEqual(c.rows, [['127.0.0.1'], ['www.localhost'], ['mail localhost']]);
  });

  test('without IN after table: every field; wildcards in the IN list; multivalue fields value by value', async () => {
    const all = await fx.spl('index=main | table host, msg_level | replace 1 WITH one, 2 WITH two');
    assert.deepEqual(all.rows, [
      ['127.0.0.1', '0'],
      ['www.localhost', 'one'],
      ['mail localhost', 'two'],
    ]);
    const wild = await fx.spl(
      'index=main | table start_month, end_month | replace aug WITH August IN *_month',
    );
    assert.deepEqual(wild.rows, [
      ['August', 'sep'],
      ['jul', 'August'],
      [null, null],
    ]);
    const mv = await fx.spl('index=main | stats values(start_month) AS m | replace aug WITH August IN m');
    assert.deepEqual(mv.rows, [[['August', 'jul']]]);
  });

  test('without IN over raw events: every field, structured ones read later by name', async () => {
    // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/replace: "If you do
    // not specify a field, the value replacement applies to all fields."
    const r = await fx.spl(
      'index=main | eval lvl=msg_level | replace aug WITH August, *localhost WITH localhost, 1 WITH Error | table _raw host start_month end_month msg_level lvl',
    );
    assert.deepEqual(r.rows, [
      ['a', '127.0.0.1', 'August', 'sep', '0', '0'],
      ['b', 'localhost', 'jul', 'August', 'Error', 'Error'],
      ['c', 'localhost', null, null, '2', '2'],
    ]);
  });

  test('without IN over raw events shown as events: every value of every field, lists value by value', async () => {
    const shown = async (q: string): Promise<unknown[][]> => {
      const r = await fx.spl(q);
      return r.rows.map((row) => [row[r.columns.indexOf('_raw')], row[r.columns.indexOf('_fields')]]);
    };
    assert.deepEqual(await shown('index=main | replace aug WITH August, 1 WITH one | sort _raw'), [
      ['a', { end_month: 'sep', msg_level: '0', start_month: 'August' }],
      ['b', { end_month: 'August', msg_level: 'one', start_month: 'jul' }],
      ['c', { msg_level: '2' }],
    ]);
    assert.deepEqual(await shown('index=mv | replace aug WITH August, 1 WITH one'), [
      ['d', { n: 'one', o: { m: 'August' }, tags: ['August', 'x'] }],
    ]);
  });

  test('more * in the new value is an error', async () => {
    await assert.rejects(fx.spl('index=main | replace a WITH "*" IN host'), /more `\*` than/);
  });
});
