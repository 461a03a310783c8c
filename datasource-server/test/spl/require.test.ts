// `require` on real chDB: the search stops with an error when the commands before it return no results.
// Search Reference 9.4, require: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/require
// (it takes no arguments; in a subsearch, it fails the parent search).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'GET /a 200', 'www1', { status: '200' }),
    fixtureEvent(now, 2, 'GET /b 500', 'www1', { status: '500' }),
    fixtureEvent(now, 3, 'GET /c 200', 'www2', { status: '200' }),
    // another tenant's event never counts as a result
    { ...fixtureEvent(now, 4, 'GET /d 404', 'www9', { status: '404' }), org_id: 'other' },
  ]);
});

after(async () => {
  await fx.close();
});

/** Runs `q` expecting `require`'s error over the whole search. */
async function stops(q: string): Promise<void> {
  await assert.rejects(fx.spl(q), (e: unknown) => {
    assert.ok(e instanceof QueryInputError);
    assert.equal(e.status, 400);
    assert.equal(e.message, 'require: the search returned no results');
    assert.equal(e.errors[0]?.code, 'semantic');
    return true;
  });
  // chDB hands the rest of a failed query's output to the next query on the connection: consume it.
  await fx.spl('index=main | stats count').catch(() => undefined);
}

describe('require', () => {
  test('results pass through unchanged, in their order', async () => {
    const r = await fx.spl('status=200 | require | table _time host status');
    assert.deepEqual(
      r.rows.map((x) => [x[1], x[2]]),
      [
        ['www1', '200'],
        ['www2', '200'],
      ],
    );
    const s = await fx.spl('index=main | stats count by status | require');
    assert.deepEqual(s.rows, [
      ['200', 2],
      ['500', 1],
    ]);
  });

  test('no events: the search fails with require’s message', async () => {
    await stops('status=404 | require');
    await stops('index=main | where status="301" | require | stats count');
  });

  test('no results after a transforming command stops the search too', async () => {
    await stops('index=main | stats count by status | where count > 5 | require');
  });

  test('in a subsearch, an empty subsearch fails the parent search', async () => {
    await stops('index=main [search status=404 | require | fields host]');
    const r = await fx.spl('index=main [search status=500 | require | fields host] | stats count');
    assert.deepEqual(r.rows, [[2]]);
  });

  test('require takes no arguments: an argument is refused at its place', async () => {
    for (const [q, bad] of [
      ['index=main | require host', 'host'],
      ['index=main | require count=1', 'count'],
    ] as const) {
      await assert.rejects(fx.spl(q), (e: unknown) => {
        assert.ok(e instanceof QueryInputError);
        assert.equal(e.status, 400);
        assert.equal(e.errors[0]?.column, q.indexOf(bad) + 1, e.message);
        return true;
      });
    }
  });
});
