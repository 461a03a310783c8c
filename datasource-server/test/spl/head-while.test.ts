// head with an eval expression (null=, keeplast=), bin's options around AS, and streamstats' unquoted
// reset expressions, on real chDB.
// Search Reference: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.3/search-commands/head,
// …/search-commands/bin, …/search-commands/streamstats

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

// Newest first: status 200, 200, (none), 500, 200, 200.
const statuses = ['200', '200', undefined, '500', '200', '200'];

before(async () => {
  fx = await splFixture(
    now,
    statuses.map((status, i) =>
      fixtureEvent(
        now,
        i + 1,
        status ? `status=${status}` : 'no status',
        `h${i + 1}`,
        status ? { status } : {},
      ),
    ),
  );
});

after(async () => {
  await fx.close();
});

const hosts = async (query: string): Promise<unknown[]> => {
  const r = await fx.spl(query);
  return r.rows.map((row) => row[r.columns.indexOf('host')]);
};

/** n = 1…8 (makeresults rows, ordered by a running count). */
const seq = '| makeresults count=8 | streamstats count as n';

const ns = async (query: string): Promise<unknown[]> => {
  const r = await fx.spl(query);
  return r.rows.map((row) => row[r.columns.indexOf('n')]);
};

describe('head <eval-expression>', () => {
  test('the results before the first one for which the expression is false', async () => {
    assert.deepEqual(await ns(`${seq} | head (n<4)`), [1, 2, 3]);
    // bare, as Splunk also takes it
    assert.deepEqual(await ns(`${seq} | head n<=2`), [1, 2]);
    // a later result for which it is true again is not kept
    assert.deepEqual(await ns(`${seq} | head (n!=3)`), [1, 2]);
  });

  test('keeplast=true keeps the result that stopped it', async () => {
    assert.deepEqual(await ns(`${seq} | head (n<4) keeplast=true`), [1, 2, 3, 4]);
    assert.deepEqual(await ns(`${seq} | head keeplast=t (n>5)`), [1]);
  });

  test('with a count or limit=, at most that many', async () => {
    assert.deepEqual(await ns(`${seq} | head (n<7) limit=2`), [1, 2]);
    assert.deepEqual(await ns(`${seq} | head 3 (n<7)`), [1, 2, 3]);
    // the default count, 10, still applies
    assert.deepEqual(
      await ns(`| makeresults count=12 | streamstats count as n | head (n<20)`),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
  });

  test('events in search order; NULL stops it unless null=true', async () => {
    assert.deepEqual(await hosts('index=main | head (status=200)'), ['h1', 'h2']);
    assert.deepEqual(await hosts('index=main | head (status=200) keeplast=true'), ['h1', 'h2', 'h3']);
    assert.deepEqual(await hosts('index=main | head (status=200) null=true'), ['h1', 'h2', 'h3']);
    assert.deepEqual(await hosts('index=main | head (status=200) null=true keeplast=true'), [
      'h1',
      'h2',
      'h3',
      'h4',
    ]);
  });

  test('the events keep their fields', async () => {
    const r = await fx.spl('index=main | head (status=200) | table host status');
    assert.deepEqual(r.rows, [
      ['h1', '200'],
      ['h2', '200'],
    ]);
  });

  test('null= and keeplast= need an expression', async () => {
    await assert.rejects(fx.spl('index=main | head 2 keeplast=true'), /needs an eval expression/);
  });
});

describe('bin options around AS', () => {
  test('bins= between the field and AS', async () => {
    const r = await fx.spl(`${seq} | bin n span=4 AS b | stats count by b`);
    assert.deepEqual(r.rows, [
      ['0-4', 3],
      ['4-8', 4],
      ['8-12', 1],
    ]);
  });
});

describe('streamstats reset expressions without quotes', () => {
  test('reset_after=(…) is reset_after="(…)"', async () => {
    const unquoted = await ns(`${seq} | streamstats reset_after=(n=3) count as c | table n c | sort n`);
    const r1 = await fx.spl(`${seq} | streamstats reset_after=(n=3) count as c | table n c | sort n`);
    const r2 = await fx.spl(`${seq} | streamstats reset_after="(n=3)" count as c | table n c | sort n`);
    assert.deepEqual(unquoted, [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(r1.rows, r2.rows);
    assert.deepEqual(
      r1.rows.map((row) => row[1]),
      [1, 2, 3, 1, 2, 3, 4, 5],
    );
  });

  test('a reset after the BY fields', async () => {
    const r = await fx.spl(
      `${seq} | eval g=n%2 | streamstats count as c by g reset_after=(n=3) | table n c | sort n`,
    );
    // g alternates 1, 0, 1, 0 …; after n=3 every group starts again.
    assert.deepEqual(
      r.rows.map((row) => row[1]),
      [1, 1, 2, 1, 1, 2, 2, 3],
    );
  });

  test('reset_before=(…)', async () => {
    const r = await fx.spl(`${seq} | streamstats reset_before=(n=4 OR n=7) count as c | table n c | sort n`);
    assert.deepEqual(
      r.rows.map((row) => row[1]),
      [1, 2, 3, 1, 2, 3, 1, 2],
    );
  });
});
