// Extractions after a transforming command, over results rather than raw events (`| makeresults | eval
// _raw="…" | extract`, the Search Reference's own way of trying a search): the fields found become fields of
// the results, on real chDB.
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/extract
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/spath
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/xmlkv
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/fromjson

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { namedRows, splFixture } from '../helpers/spl-fixture.ts';

let fx: SplFixture;

before(async () => {
  fx = await splFixture(Date.now(), []);
});

after(async () => {
  await fx.close();
});

const rows = async (q: string): Promise<Record<string, unknown>[]> => (await namedRows(fx, q)).rows;

describe('extractions over results', () => {
  test('extract / kv: every key=value pair of _raw, in name order after the columns', async () => {
    const r = await namedRows(
      fx,
      '| makeresults | eval _raw="b=2 a=1 c=\\"x y\\"" | extract | fields - _time',
    );
    assert.deepEqual(r.columns, ['_raw', 'a', 'b', 'c']);
    assert.deepEqual(r.rows, [{ _raw: 'b=2 a=1 c="x y"', a: '1', b: '2', c: 'x y' }]);
    // kv is extract; a later command reads a field by name, and computes with it.
    assert.deepEqual(await rows('| makeresults | eval _raw="a=1 b=2" | kv | eval s=a+b | table s'), [
      { s: 3 },
    ]);
  });

  test('each result its own fields; a field the results already have keeps its value', async () => {
    const r = await namedRows(
      fx,
      '| makeresults count=2 | streamstats count AS n | eval _raw=if(n=1, "a=1 k=first", "z=9 k=second"), k="kept" | extract | table n k a z',
    );
    assert.deepEqual(r.rows, [
      { n: 1, k: 'kept', a: '1', z: null },
      { n: 2, k: 'kept', a: null, z: '9' },
    ]);
  });

  test('spath without a path, on _raw or input=: nested names and arrays as spath names them', async () => {
    const r = await rows(
      '| makeresults | eval j="{\\"a\\":1,\\"b\\":{\\"c\\":[2,3]}}" | spath input=j | table a b.c{}',
    );
    assert.deepEqual(r, [{ a: '1', 'b.c{}': ['2', '3'] }]);
    const sums = await rows(
      '| makeresults count=2 | streamstats count AS n | eval _raw=if(n=1, "{\\"a\\":1}", "{\\"a\\":2,\\"z\\":9}") | spath | stats sum(a) AS sa sum(z) AS sz',
    );
    assert.deepEqual(sums, [{ sa: 3, sz: 9 }]);
  });

  test('xmlkv and fromjson', async () => {
    assert.deepEqual(
      await rows('| makeresults | eval x="<a>1</a><b>2</b>" | xmlkv x | eval s=a+b | table a b s'),
      [{ a: '1', b: '2', s: 3 }],
    );
    assert.deepEqual(await rows('| makeresults | eval j="{\\"a\\":\\"v\\"}" | fromjson j | table a'), [
      { a: 'v' },
    ]);
  });

  test('after stats too', async () => {
    assert.deepEqual(
      await rows('| makeresults | eval _raw="u=ann" | stats count BY _raw | extract | table u count'),
      [{ u: 'ann', count: 1 }],
    );
  });
});
