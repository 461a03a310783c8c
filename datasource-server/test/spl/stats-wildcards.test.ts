// Wildcard fields in stats aggregations (`values(*) AS *`), over known fields, on real chDB.
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/stats ("wc-field")

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compile } from '@nexus/spl';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, []);
});

after(async () => {
  await fx.close();
});

const rows = async (q: string): Promise<{ columns: string[]; rows: unknown[][] }> => fx.spl(q);

describe('stats with wildcard fields', () => {
  test('values(*) AS * by a field: every other field, named as itself; _time left out', async () => {
    const r = await rows(
      '| makeresults count=3 | streamstats count AS n | eval k=if(n<3, "a", "b"), v=n*10, w="x" | fields - _time | stats values(*) AS * BY k',
    );
    assert.deepEqual(r.columns, ['k', 'n', 'v', 'w']);
    assert.deepEqual(r.rows, [
      ['a', ['1', '2'], ['10', '20'], 'x'],
      ['b', '3', '30', 'x'],
    ]);
  });

  test('a prefix pattern, renamed by the alias pattern (ESCU: values(requestParameters.*) AS *)', async () => {
    const r = await rows(
      '| makeresults | eval p.a=1, p.b=2, q=3 | stats values(p.*) AS * max(p.*) AS max_* count',
    );
    assert.deepEqual(r.columns, ['a', 'b', 'max_a', 'max_b', 'count']);
    assert.deepEqual(r.rows, [['1', '2', 1, 2, 1]]);
  });

  test('an output named explicitly wins over the same name from a wildcard (ESCU: values(*) AS * sum(x) AS x)', async () => {
    const r = await rows(
      '| makeresults count=2 | eval x=2, y="a" | fields - _time | stats values(*) AS * sum(x) AS x',
    );
    assert.deepEqual(r.columns, ['y', 'x']);
    assert.deepEqual(r.rows, [['a', 4]]);
  });

  test('over raw events the names are known only when the search runs: still unsupported', () => {
    const c = compile('index=main | stats values(*) AS * BY host', {
      orgId: 'acme',
      earliestMs: 0,
      latestMs: now,
      nowMs: now,
    });
    assert.ok(!c.ok && c.errors.some((e) => /wildcard fields in aggregations/.test(e.message)));
  });
});
