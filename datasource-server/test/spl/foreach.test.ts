// foreach (multifield mode) on real chDB: the eval subsearch once per field, with its templates filled in.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compile } from '@nexus/spl';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

// Half past an hour, so hourly buckets are predictable.
const now = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 30 * 60_000;
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 5, 'a', 'web01', { bytes: '1000', dur: '0.125' }),
    fixtureEvent(now, 20, 'b', 'web02', { bytes: '2000', dur: '0.5' }),
    fixtureEvent(now, 40, 'c', 'web01', { bytes: '3000', dur: '0.25' }),
  ]);
});

after(async () => {
  await fx.close();
});

const opts = { orgId: 'acme', earliestMs: now - 3_600_000, latestMs: now, nowMs: now };

/** The rows of `query` as objects, without `_time`. */
const rows = async (query: string, earliest = '-2h'): Promise<Record<string, unknown>[]> => {
  const r = await fx.spl(query, { earliest });
  return r.rows.map((row) =>
    Object.fromEntries(r.columns.map((c, i) => [c, row[i]]).filter(([c]) => c !== '_time')),
  );
};

const unsupported = (query: string, message: RegExp): void => {
  const r = compile(query, opts);
  assert.ok(!r.ok, query);
  assert.ok(
    r.errors.some((e) => e.code === 'unsupported' && message.test(e.message)),
    JSON.stringify(r.errors),
  );
};

describe('foreach', () => {
  test('Search Reference example 2: a running total over the fields test*', async () => {
    assert.deepEqual(
      await rows(
        '| makeresults | eval total=0, test1=1, test2=2, test3=3 | foreach test* [eval total=total + <<FIELD>>]',
      ),
      [{ total: 6, test1: 1, test2: 2, test3: 3 }],
    );
  });

  test('Search Reference example 3: a list of names, <<FIELD>> also inside a string', async () => {
    assert.deepEqual(
      await rows('| makeresults | foreach name price category [eval <<FIELD>> = "<<FIELD>>"]'),
      [{ name: 'name', price: 'price', category: 'category' }],
    );
  });

  test('Search Reference examples 5 and 6: <<MATCHSTR>>, and fieldstr/matchseg1/matchseg2', async () => {
    assert.deepEqual(
      await rows(
        '| makeresults | eval test1 = 5, test2 = 10 | foreach test* [eval <<FIELD>> = <<FIELD>> + <<MATCHSTR>>]',
      ),
      [{ test1: 6, test2: 12 }],
    );
    assert.deepEqual(
      await rows(
        '| makeresults | eval test1ab2=5, test2ab3=10 | foreach test*ab* fieldstr=MYFIELD matchseg1=SEG1 matchseg2=SEG2 [eval MYFIELD = MYFIELD + SEG1 + SEG2]',
      ),
      [{ test1ab2: 8, test2ab3: 15 }],
    );
  });

  test('after stats: round every average; fields are visited in name order', async () => {
    assert.deepEqual(
      await rows(
        'index=main | stats avg(bytes) AS avg_bytes avg(dur) AS avg_dur by host | foreach avg_* [eval <<FIELD>>=round(<<FIELD>>, 1)]',
      ),
      [
        { host: 'web01', avg_bytes: 2000, avg_dur: 0.2 },
        { host: 'web02', avg_bytes: 2000, avg_dur: 0.5 },
      ],
    );
    // `seen` records the order: avg_bytes before avg_dur, whatever order they were made in.
    assert.deepEqual(
      await rows(
        'index=main | stats avg(dur) AS avg_dur avg(bytes) AS avg_bytes | eval seen="" | foreach avg_* [eval seen=seen . "<<MATCHSTR>>,"] | table seen',
      ),
      [{ seen: 'bytes,dur,' }],
    );
  });

  test('several evals, and quoted names with other characters', async () => {
    assert.deepEqual(
      await rows(
        "| makeresults | eval 'my-a'=1, 'my-b'=2 | foreach my-* [eval x='<<FIELD>>' * 10 | eval '<<FIELD>>'=x + 1] | fields - x",
      ),
      [{ 'my-a': 11, 'my-b': 21 }],
    );
  });

  test('internal fields are left out of `*`', async () => {
    const r = await fx.spl('| makeresults | eval a=1.26 | foreach * [eval <<FIELD>>=round(<<FIELD>>, 1)]');
    assert.deepEqual(r.columns, ['_time', 'a']);
    assert.equal(r.rows[0]?.[1], 1.3);
    assert.equal(typeof r.rows[0]?.[0], typeof (await fx.spl('| makeresults')).rows[0]?.[0]);
  });

  test('after a split-by: the wildcard reaches every series (Search Reference example 4)', async () => {
    const r = await rows(
      "index=main | timechart span=1h sum(bytes) AS b by host | foreach * [eval <<FIELD>>='<<FIELD>>'/1000]",
    );
    assert.deepEqual(r, [
      { web01: null, web02: null },
      { web01: 3, web02: null },
      { web01: 1, web02: 2 },
    ]);
    const some = await rows(
      'index=main | timechart span=1h count by host | foreach web02 [eval <<FIELD>>=<<FIELD>> * 10]',
    );
    assert.deepEqual(
      some.map((x) => [x.web01, x.web02]),
      [
        [0, 0],
        [1, 0],
        [1, 10],
      ],
    );
  });

  test('what cannot be done exactly is unsupported', () => {
    unsupported(
      'index=main | foreach a* [eval <<FIELD>>=1]',
      /over raw events \(the names of their fields are known only when the search runs\) cannot assign/,
    );
    unsupported('| makeresults | eval a=1 | foreach a [where a > 1]', /only `eval`/);
    unsupported('| makeresults | eval a=1 | foreach mode=multivalue a [eval x=<<ITEM>>]', /mode=multivalue/);
    unsupported('| makeresults | eval a1b2=1 | foreach a*b* [eval x=<<MATCHSTR>>]', /several wildcards/);
    const empty = compile('| makeresults | eval a=1 | foreach a fieldstr="" [eval x=1]', opts);
    assert.ok(!empty.ok && /needs a placeholder text/.test(empty.errors[0]?.message ?? ''));
    unsupported(
      'index=main | timechart count by host | foreach * [eval <<FIELD>>=<<FIELD>> / total]',
      /series of a split-by .* may only read `<<FIELD>>`/,
    );
    unsupported('index=main | timechart count by host | foreach * [eval x_<<FIELD>>=1]', /may only assign/);
  });

  test('a field name cannot add commands, and names stay quoted identifiers', () => {
    const r = compile(
      "| makeresults | eval 'a | outputlookup x.csv'=1 | foreach a* [eval <<FIELD>>=1]",
      opts,
    );
    assert.ok(!r.ok);
    const ok = compile(
      "| makeresults | eval 'a`b; DROP TABLE logs'=1 | foreach a* [eval '<<FIELD>>'=2]",
      opts,
    );
    assert.ok(ok.ok, JSON.stringify(!ok.ok && ok.errors));
    const outside = ok.sql.sql.replace(/`(?:[^`\\]|\\.)*`/g, '').toLowerCase();
    assert.ok(!outside.includes('drop table'), ok.sql.sql);
  });
});
