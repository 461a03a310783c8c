// `mvcombine` on real chDB: results equal but for one field become one, that field multivalue. Search
// Reference 9.4, mvcombine: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/mvcombine

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'a', 'h1', { bytes: '10' }),
    fixtureEvent(now, 2, 'b', 'h2', { bytes: '10' }),
    fixtureEvent(now, 3, 'c', 'h3', { bytes: '20' }),
    fixtureEvent(now, 4, 'd', 'h4'),
    fixtureEvent(now, 5, 'e', 'h5'),
  ]);
});

after(async () => {
  await fx.close();
});

describe('mvcombine', () => {
  test('the page example: hosts with the same max(bytes) combined', async () => {
    const r = await fx.spl('index=main | stats max(bytes) AS max BY host | mvcombine host | sort max');
    // Results missing the other field group together too.
    assert.deepEqual(r.columns, ['host', 'max']);
    assert.deepEqual(r.rows, [
      [['h1', 'h2'], 10],
      ['h3', 20],
      [['h4', 'h5'], null],
    ]);
  });

  test('after table; then nomv and mvjoin join the values', async () => {
    const r = await fx.spl(
      'index=main | eval k=if(bytes>15, "big", "small") | table k, host | mvcombine delim="," host | eval joined=mvjoin(host, ",") | nomv host | sort k | table k, host, joined',
    );
    assert.deepEqual(r.rows, [
      ['big', 'h3', 'h3'],
      ['small', 'h1\nh2\nh4\nh5', 'h1,h2,h4,h5'],
    ]);
  });

  test('over raw events after fillnull: the filled fields count', async () => {
    // h4 and h5 have bytes=0 once filled, so they combine; the others stay as they were.
    const r = await fx.spl('index=main | fillnull value=0 | mvcombine host | table host bytes');
    assert.deepEqual(r.rows, [
      [['h1', 'h2'], '10'],
      ['h3', '20'],
      [['h4', 'h5'], '0'],
    ]);
  });

  test('over raw events: every other field counts, structured ones too', async () => {
    // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/mvcombine: results
    // that are identical except for the given field are combined. Here h1 and h2 share bytes=10, h4 and h5
    // have no bytes; _raw is internal and does not count.
    const r = await fx.spl('index=main | mvcombine host | table host bytes');
    assert.deepEqual(r.rows, [
      [['h1', 'h2'], '10'],
      ['h3', '20'],
      [['h4', 'h5'], null],
    ]);
    // A structured field combined: every result has host x, so all are one; missing values are skipped.
    const b = await fx.spl('index=main | eval host="x" | mvcombine bytes | table host bytes');
    assert.deepEqual(b.rows, [['x', ['10', '10', '20']]]);
  });

  test('raw events after a rename, no field and internal fields are errors', async () => {
    await assert.rejects(fx.spl('index=main | rename b* AS c* | mvcombine host'), /over raw events/);
    await assert.rejects(fx.spl('index=main | table host | mvcombine'), /needs the name of a field/);
    await assert.rejects(fx.spl('index=main | table host, _time | mvcombine _time'), /internal fields/);
  });
});
