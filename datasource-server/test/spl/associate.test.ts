// `associate` on real chDB: pairs of fields where knowing one field's value lowers the entropy of the other.
// Search Reference 9.4, associate: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/associate
// (`associate [supcnt=<num>] [supfreq=<num>] [improv=<num>] [<field-list>]`, Shannon entropy in bits;
// defaults supcnt=100, supfreq=0.1, improv=0.5.) The entropies below are worked out by hand.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  // host a: status 200, 200, 200; host b: 500, 200, 500
  const rows: [string, string][] = [
    ['a', '200'],
    ['a', '200'],
    ['a', '200'],
    ['b', '500'],
    ['b', '200'],
    ['b', '500'],
  ];
  fx = await splFixture(
    now,
    rows.map(([host, status], i) => fixtureEvent(now, i + 1, `status=${status}`, host, { status })),
  );
});

after(async () => {
  await fx.close();
});

/** Numbers to 6 decimals, so entropies compare with the values worked out by hand. */
const rounded = (rows: unknown[][]): unknown[][] =>
  rows.map((r) => r.map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)));

// H(status) = H(4/6, 2/6) = 0.918296 bits; H(host) = 1 bit; H(host | status=200) = H(3/4, 1/4) = 0.811278.
const status500 = [
  'status',
  '500',
  'host',
  1,
  0,
  1,
  "When the 'status' has the value '500', the entropy of 'host' decreases from 1.000 to 0.000.",
  0.333333,
  'b (50.000% -> 100.000%)',
];
const hostA = [
  'host',
  'a',
  'status',
  0.918296,
  0,
  0.918296,
  "When the 'host' has the value 'a', the entropy of 'status' decreases from 0.918 to 0.000.",
  0.5,
  '200 (66.667% -> 100.000%)',
];
const status200 = [
  'status',
  '200',
  'host',
  1,
  0.811278,
  0.188722,
  "When the 'status' has the value '200', the entropy of 'host' decreases from 1.000 to 0.811.",
  0.666667,
  'a (50.000% -> 75.000%)',
];

describe('associate', () => {
  test('every pair of fields, largest entropy improvement first', async () => {
    const r = await fx.spl('index=main | associate supcnt=1 supfreq=0 improv=0.1 host status');
    assert.deepEqual(r.columns, [
      'Reference_Key',
      'Reference_Value',
      'Target_Key',
      'Unconditional_Entropy',
      'Conditional_Entropy',
      'Entropy_Improvement',
      'Description',
      'Support',
      'Top_Conditional_Value',
    ]);
    // host=b leaves status's entropy as it is (improvement 0): below improv
    assert.deepEqual(rounded(r.rows), [status500, hostA, status200]);
    // without a field list, the fields of the results
    const t = await fx.spl('index=main | table host status | associate supcnt=1 supfreq=0 improv=0.1');
    assert.deepEqual(rounded(t.rows), [status500, hostA, status200]);
  });

  test('supcnt, supfreq and improv leave out the weaker associations; the defaults need 100 results', async () => {
    const q = (o: string) => fx.spl(`index=main | associate ${o} host status`).then((r) => rounded(r.rows));
    assert.deepEqual(await q('supcnt=3 supfreq=0 improv=0.1'), [hostA, status200]);
    assert.deepEqual(await q('supcnt=1 supfreq=0.6 improv=0.1'), [status200]);
    assert.deepEqual(await q('supcnt=1 supfreq=0 improv=0.5'), [status500, hostA]);
    assert.deepEqual(await q(''), []);
  });

  test('bad options and fields are refused at their place', async () => {
    for (const [q, bad, message] of [
      ['index=main | associate supcnt=many host status', 'many', /supcnt/],
      ['index=main | associate improv=0.1 host org_id', 'org_id', /`associate` cannot compare `org_id`/],
      ['index=main | associate', 'associate', /`associate` needs the fields named/],
    ] as const) {
      await assert.rejects(fx.spl(q), (e: unknown) => {
        assert.ok(e instanceof QueryInputError);
        assert.match(e.message, message);
        assert.equal(e.errors[0]?.column, q.lastIndexOf(bad) + 1);
        return true;
      });
    }
  });
});
