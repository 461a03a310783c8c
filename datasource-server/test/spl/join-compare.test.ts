// `join left=L right=R where … [subsearch]` with comparisons other than `=` on real chDB. The Search Reference
// (https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/join) writes the
// clause as `where <left-alias>.<field>=<right-alias>.<field>…`; Nexus also takes `!=`, `<`, `<=`, `>`, `>=`
// between a field of each side (its own choice, in join's reference entry), with the page's rules otherwise:
// the first matching subsearch row per result (`max=1`), all with `max=0`, `type=left` keeps the others.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compile } from '@nexus/spl';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
/** The left rows (n = 1…4) and the subsearch's (m = 1…3), in their order. */
const left = [1, 2, 3, 4].map((n) => ({ k: n % 2, t: n * 10, n }));
const right = [1, 2, 3].map((m) => ({ k: m % 2, t: m * 15, name: `r${m}` }));
const L = '| makeresults count=4 | streamstats count AS n | eval k=n%2, t=n*10 | table k t n';
const R =
  '[| makeresults count=3 | streamstats count AS m | eval k=m%2, t=m*15, name="r".m | table k t name]';
type Row = (typeof left)[number];
type Sub = (typeof right)[number];

/** join computed here: each left row with its first `max` matches (all with 0); unmatched ones kept with `keep`. */
function joined(match: (l: Row, r: Sub) => boolean, max: number, keep: boolean): unknown[][] {
  return left.flatMap((l): unknown[][] => {
    const all = right.filter((r) => match(l, r));
    const taken = max === 0 ? all : all.slice(0, max);
    if (taken.length === 0) return keep ? [[l.k, l.t, l.n, null, null, null]] : [];
    return taken.map((r) => [l.k, l.t, l.n, r.k, r.t, r.name]);
  });
}

let fx: SplFixture;

before(async () => {
  // Raw events whose numbers are text in their JSON: compared as numbers (10 < 9 as text).
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'a', 'h1', { id: 'a', at: '10' }, { index: 'lhs' }),
    fixtureEvent(now, 2, 'b', 'h1', { id: 'b', at: '95' }, { index: 'lhs' }),
    fixtureEvent(now, 3, 'c', 'h1', { id: 'c', at: 'late' }, { index: 'lhs' }),
    fixtureEvent(now, 4, 'x', 'h2', { lim: '9' }, { index: 'rhs' }),
    fixtureEvent(now, 5, 'y', 'h2', { lim: '100' }, { index: 'rhs' }),
    fixtureEvent(now, 6, 'z', 'h2', { lim: 'later' }, { index: 'rhs' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('join … where with comparisons other than =', () => {
  test('L.k=R.k L.t<R.t: an equality and a range, the first match per row', async () => {
    const r = await fx.spl(`${L} | join left=L right=R where L.k=R.k L.t<R.t ${R}`);
    assert.deepEqual(r.columns, ['L.k', 'L.t', 'L.n', 'R.k', 'R.t', 'R.name']);
    assert.deepEqual(
      r.rows,
      joined((l, x) => l.k === x.k && l.t < x.t, 1, false),
    );
  });

  test('max=0 L.t>=R.t: no equality, every subsearch row meets every row; all matches', async () => {
    const r = await fx.spl(`${L} | join max=0 left=L right=R where L.t>=R.t ${R}`);
    assert.deepEqual(
      r.rows,
      joined((l, x) => l.t >= x.t, 0, false),
    );
  });

  test('type=left, written the other way round (R.t>L.t) AND L.k!=R.k; and <= both ways', async () => {
    const a = await fx.spl(`${L} | join type=left left=L right=R where R.t>L.t AND L.k!=R.k ${R}`);
    assert.deepEqual(
      a.rows,
      joined((l, x) => x.t > l.t && l.k !== x.k, 1, true),
    );
    const c = await fx.spl(`${L} | join max=0 left=L right=R where R.t<=L.t L.n<=R.k ${R}`);
    assert.deepEqual(
      c.rows,
      joined((l, x) => x.t <= l.t && l.n <= x.k, 0, false),
    );
  });

  test('over raw events: numbers in text compare as numbers, other texts as text', async () => {
    const r = await fx.spl(
      'index=lhs | join max=0 left=L right=R where L.at<R.lim [search index=rhs] | table L.id R.lim',
    );
    const lhs = [
      { id: 'a', at: '10' },
      { id: 'b', at: '95' },
      { id: 'c', at: 'late' },
    ];
    const rhs = ['9', '100', 'later'];
    const less = (x: string, y: string): boolean =>
      Number.isNaN(Number(x)) || Number.isNaN(Number(y)) ? x < y : Number(x) < Number(y);
    assert.deepEqual(
      r.rows,
      lhs.flatMap((l) => rhs.filter((y) => less(l.at, y)).map((y) => [l.id, y])),
    );
  });

  test('a comparison without the alias form is a positioned syntax error', () => {
    const q = `${L} | join k < t ${R}`;
    const c = compile(q, { orgId: 'acme', earliestMs: 0, latestMs: now, nowMs: now });
    assert.ok(!c.ok);
    assert.deepEqual(
      c.errors.map((e) => [e.code, q.slice(e.span.start, e.span.end)]),
      [['syntax', '<']],
    );
  });
});
