// `analyzefields` on real chDB: a row per numeric field with count, cocur, acc and balacc against a
// two-valued class field.
// Search Reference 9.4, analyzefields: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/analyzefields

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';
import { erfc, meanSd } from '../helpers/normal.ts';

const now = Date.now();
let fx: SplFixture;

interface Row {
  is_err?: string;
  duration?: number;
  size?: number;
  user: string;
}
// Errors are slow (one fast one), sizes say little; one result has no size, one no class.
const rows: Row[] = [
  { is_err: 'true', duration: 50, size: 3, user: 'a' },
  { is_err: 'true', duration: 55, size: 7, user: 'b' },
  { is_err: 'true', duration: 60, size: 4, user: 'a' },
  { is_err: 'true', duration: 12, size: 6, user: 'c' },
  { is_err: 'false', duration: 10, size: 5, user: 'a' },
  { is_err: 'false', duration: 11, size: 2, user: 'b' },
  { is_err: 'false', duration: 9, size: 8, user: 'a' },
  { is_err: 'false', duration: 13, user: 'c' },
  { is_err: 'false', duration: 14, size: 1, user: 'a' },
  { is_err: 'false', duration: 40, size: 9, user: 'b' },
  { duration: 30, size: 5, user: 'c' },
];

// The oracle: the same prediction in plain TypeScript.
function expected(f: 'duration' | 'size'): number[] {
  const has = rows.filter((r) => r[f] !== undefined);
  const both = has.filter((r) => r.is_err !== undefined);
  const stats = (k: string): [number, number] => {
    const v = both.filter((r) => r.is_err === k).map((r) => r[f] as number);
    return meanSd(v);
  };
  // The classes sorted: false, true.
  const [[m0, s0], [m1, s1]] = [stats('false'), stats('true')];
  const p = (x: number, m: number, s: number): number => erfc(Math.abs(x - m) / (s * Math.SQRT2));
  const right = (r: Row): number =>
    (p(r[f] as number, m0, s0) >= p(r[f] as number, m1, s1) ? 'false' : 'true') === r.is_err ? 1 : 0;
  const acc = (rs: Row[]): number => rs.reduce((a, r) => a + right(r), 0) / rs.length;
  const withClass = rows.filter((r) => r.is_err !== undefined).length;
  return [
    has.length,
    both.length / withClass,
    acc(both),
    (acc(both.filter((r) => r.is_err === 'false')) + acc(both.filter((r) => r.is_err === 'true'))) / 2,
  ];
}

before(async () => {
  fx = await splFixture(
    now,
    rows.map((r, i) => {
      const fields: Record<string, string> = { user: r.user };
      if (r.is_err !== undefined) fields.is_err = r.is_err;
      if (r.duration !== undefined) fields.duration = String(r.duration);
      if (r.size !== undefined) fields.size = String(r.size);
      return fixtureEvent(now, i + 1, `e${String(i)}`, 'h1', fields);
    }),
  );
});

after(async () => {
  await fx.close();
});

const near = (actual: unknown[] | undefined, want: number[]): void => {
  assert.ok(actual);
  assert.equal(actual.length, want.length);
  actual.forEach((a, i) => {
    assert.equal(typeof a, 'number');
    assert.ok(
      Math.abs((a as number) - (want[i] ?? NaN)) < 1e-9,
      `${String(a)} ≠ ${String(want[i])} at ${String(i)}`,
    );
  });
};

describe('analyzefields', () => {
  test('the Search Reference example `analyzefields classfield=<field>`: a row per numeric field', async () => {
    const r = await fx.spl('host=h1 | table duration size user is_err | analyzefields classfield=is_err');
    assert.deepEqual(r.columns, ['field', 'count', 'cocur', 'acc', 'balacc']);
    // `user` has no numeric value: not listed.
    assert.deepEqual(
      r.rows.map((row) => row[0]),
      ['duration', 'size'],
    );
    near(r.rows[0]?.slice(1), expected('duration'));
    near(r.rows[1]?.slice(1), expected('size'));
  });

  test('by hand: duration predicts 8 of the 10 classified results (the fast error and the slow success are missed)', async () => {
    const r = await fx.spl('host=h1 | table duration is_err | af classfield=is_err');
    assert.deepEqual(r.rows[0]?.slice(0, 4), ['duration', 11, 1, 0.8]);
    // Within the classes: 3 of 4 errors, 5 of 6 successes.
    near(r.rows[0]?.slice(4), [(3 / 4 + 5 / 6) / 2]);
  });

  test('a class field with other than two values stops the search with a message', async () => {
    await assert.rejects(
      fx.spl('host=h1 | table duration user | analyzefields classfield=user'),
      /exactly two values/,
    );
  });

  test('without classfield= the error is at the command name', async () => {
    const q = 'host=h1 | table duration is_err | analyzefields';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.errors[0]?.message ?? '', /needs `classfield=<field>`/);
      assert.equal(e.errors[0]?.column, q.indexOf('analyzefields') + 1);
      return true;
    });
  });
});
