// Multivalue arguments to single-value functions, on real chDB. Issue 20 and the Search Reference's
// function pages: the multivalue family (`mv*`, `split`, `mvappend` …) and the statistical eval functions
// `min`/`max` work on every value, while the other functions read one value; given a multivalue field, they
// read its first value. Both a list made in the search (`split`) and a field sent as a list (a structured
// field of the event) are checked.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'one event', 'web-1', {
      tags: ['Alpha', 'beta', 'Gamma'],
      sizes: [2.5, 10, 7],
      single: 'Solo',
    }),
  ]);
});
after(async () => fx.close());

/** The values of `exprs` over `source`, as one row. */
async function row(source: string, exprs: readonly string[]): Promise<unknown[]> {
  const names = exprs.map((_, i) => `v${i}`);
  const evals = exprs.map((e, i) => `v${i}=${e}`).join(', ');
  const r = await fx.spl(`${source} | eval ${evals} | table ${names.join(' ')}`);
  assert.equal(r.rows.length, 1, r.sql);
  return r.rows[0] ?? [];
}

describe('a list made in the search: single-value functions read its first value', () => {
  const made = '| makeresults | eval l=split("Alpha,beta,Gamma", ","), n=split("2.5,10,7", ",")';
  test('text functions', async () => {
    assert.deepEqual(
      await row(made, ['upper(l)', 'lower(l)', 'len(l)', 'substr(l, 2, 3)', 'replace(l, "a", "4")']),
      ['ALPHA', 'alpha', 5, 'lph', 'Alph4'],
    );
  });
  test('conversion and math functions', async () => {
    assert.deepEqual(
      await row(made, ['tonumber(n)', 'tostring(l)', 'round(n)', 'abs(n)', 'floor(n)', 'printf("%s!", l)']),
      [2.5, 'Alpha', 3, 2.5, 2, 'Alpha!'],
    );
  });
  test('crypto, trig and bitwise functions', async () => {
    const ints = '| makeresults | eval l=split("Alpha,beta", ","), i=split("6,1", ","), z=split("0,1", ",")';
    assert.deepEqual(await row(ints, ['md5(l)', 'cos(z)', 'bit_and(i, 3)', 'bit_shift_left(i, 1)']), [
      // md5("Alpha")
      '6132295fcf5570fb8b0a944ef322a598',
      1,
      2,
      12,
    ]);
  });
  test('the multivalue family and min/max read every value', async () => {
    assert.deepEqual(await row(made, ['mvcount(l)', 'mvjoin(l, "+")', 'max(n)', 'min(n)', 'mvindex(l, 2)']), [
      3,
      'Alpha+beta+Gamma',
      10,
      2.5,
      'Gamma',
    ]);
  });
  test('an empty list reads as null', async () => {
    assert.deepEqual(
      await row('| makeresults | eval l=split("a", ","), e=mvfilter(l!="a")', ['upper(e)', 'len(e)']),
      [null, null],
    );
  });
});

describe('a field sent as a list: single-value functions read its first value', () => {
  test('text and conversion functions', async () => {
    assert.deepEqual(
      await row('index=main', [
        'upper(tags)',
        'len(tags)',
        'tonumber(sizes)',
        'round(sizes)',
        'upper(single)',
      ]),
      ['ALPHA', 5, 2.5, 3, 'SOLO'],
    );
  });
  test('the multivalue family still sees every value', async () => {
    assert.deepEqual(await row('index=main', ['mvcount(tags)', 'mvjoin(tags, ",")', 'max(sizes)']), [
      3,
      'Alpha,beta,Gamma',
      10,
    ]);
  });
});

// Search Reference, eval (arithmetic operators) and ESCU's baseline searches (`stats values(*) as * by arn
// | eval newAvgApiCalls=avgApiCalls + (latestCount-avgApiCalls)/720`): a field holding one value is that
// value, whether or not a multivalue function made it; arithmetic on two or more values is null.
describe('arithmetic on a list', () => {
  test('a list of one value is that value; of two or more, null', async () => {
    assert.deepEqual(
      await row('| makeresults | eval one=mvappend("20"), two=split("1,2", ",")', [
        'one + 1',
        'one * 2 - 1',
        'two + 1',
        'two * 2',
      ]),
      [21, 39, null, null],
    );
  });

  test('values() of one value, as stats gives it', async () => {
    const r = await fx.spl(
      '| makeresults count=2 | streamstats count AS n | eval k=1, a=if(n=1, "20", null()), b=if(n=2, 5, null()) | fields - n | stats values(*) AS * BY k | eval c=a+1, d=a+(b-a)/5 | table c d',
    );
    assert.deepEqual(r.rows, [[21, 17]]);
  });
});
