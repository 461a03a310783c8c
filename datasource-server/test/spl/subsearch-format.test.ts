// `format` on real chDB: the `search` string it builds, and how it shapes a subsearch filter.

import assert from 'node:assert/strict';
import { formatSpec, subsearchSearchText } from '@nexus/spl';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
const at = (minutes: number, raw: string, host: string, fields: Record<string, string>, index = 'main') =>
  fixtureEvent(now, minutes, raw, host, fields, { index });

let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    at(1, 'GET / status=500 user=alice', 'web01', { status: '500', user: 'alice' }),
    at(2, 'GET / status=500 user=bob', 'web02', { status: '500', user: 'bob' }),
    at(3, 'GET / status=200 user=carol', 'web01', { status: '200', user: 'carol' }),
    at(4, 'GET / status=404 user=alice', 'web03', { status: '404', user: 'alice' }),
    at(5, 'disk full status=500', 'db01', { status: '500' }),
    at(6, 'login failed for bob status=401', 'web02', { status: '401', user: 'bob' }),
    at(7, 'audit user=alice', 'web01', { user: 'alice' }, 'security'),
    at(8, 'audit user=bob', 'web03', { user: 'bob' }, 'security'),
  ]);
});

after(async () => {
  await fx.close();
});

const search = async (query: string): Promise<unknown> => {
  const r = await fx.spl(query);
  assert.deepEqual(r.columns, ['search']);
  assert.equal(r.rows.length, 1);
  return r.rows[0]?.[0];
};

describe('format in the pipeline: one result with a search field', () => {
  test('defaults: rows OR-ed in their order, fields AND-ed in name order, values quoted', async () => {
    assert.equal(
      await search('index=main | stats count by host | format'),
      '( ( count="1" AND host="db01" ) OR ( count="2" AND host="web01" ) OR ( count="2" AND host="web02" ) OR ( count="1" AND host="web03" ) )',
    );
  });

  test('the results keep their order (here newest first), internal fields are left out', async () => {
    assert.equal(
      await search('index=main status=500 | fields host, status | format'),
      '( ( host="web01" AND status="500" ) OR ( host="web02" AND status="500" ) OR ( host="db01" AND status="500" ) )',
    );
    assert.equal(
      await search('index=main status=500 | sort host | fields host | format'),
      '( ( host="db01" ) OR ( host="web01" ) OR ( host="web02" ) )',
    );
  });

  test('a `search` field is written as it is and a `query` field as a quoted term, as a subsearch inserts them', async () => {
    const q =
      'index=main status=500 | sort host | eval search=host, query=host." x" | table search query | format';
    const text = '( ( "db01 x" AND db01 ) OR ( "web01 x" AND web01 ) OR ( "web02 x" AND web02 ) )';
    assert.equal(await search(q), text);
    const r = await fx.spl(
      'index=main status=500 | sort host | eval search=host, query=host." x" | table search query',
    );
    assert.equal(subsearchSearchText(['search', 'query'], r.rows, formatSpec()), text);
  });

  test('a missing field is left out of its row', async () => {
    assert.equal(
      await search('index=main status=500 | sort host | table host user | format'),
      '( ( host="db01" ) OR ( host="web01" AND user="alice" ) OR ( host="web02" AND user="bob" ) )',
    );
  });

  test('maxresults=N keeps the first N rows', async () => {
    assert.equal(
      await search('index=main | stats count by host | format maxresults=2'),
      '( ( count="1" AND host="db01" ) OR ( count="2" AND host="web01" ) )',
    );
  });

  test('the six strings replace the parentheses and separators', async () => {
    assert.equal(
      await search('index=main | stats count by host | head 2 | format "[" "[" "&&" "]" "||" "]"'),
      '[ [ count="1" && host="db01" ] || [ count="2" && host="web01" ] ]',
    );
  });

  test('no rows: NOT( ), or emptystr', async () => {
    assert.equal(await search('index=main nosuchterm | stats count by host | format'), 'NOT( )');
    assert.equal(
      await search('index=main nosuchterm | stats count by host | format emptystr="nothing"'),
      'nothing',
    );
  });

  test('quotes and backslashes in values are escaped with a backslash', async () => {
    assert.equal(
      await search(String.raw`| makeresults | eval q="say \"hi\" \\ there" | fields q | format`),
      String.raw`( ( q="say \"hi\" \\ there" ) )`,
    );
  });

  test('a hostile field name is a bound value in the search string, never SQL text', async () => {
    const name = "x' OR 1=1 --";
    const r = await fx.spl(`| makeresults | eval "x' OR 1=1 --"="v" | fields "x' OR 1=1 --" | format`);
    assert.deepEqual(r.rows, [[`( ( ${name}="v" ) )`]]);
    // only inside quoted identifiers (the column) and the bound values
    assert.doesNotMatch(r.sql.replace(/`(?:[^`\\]|\\.)*`/g, ''), /1=1/);
  });

  test('over raw events without a field list it is unsupported, with a hint', async () => {
    await assert.rejects(fx.spl('index=main | format'), /`format` over raw events is not supported yet/);
  });
});

describe('format at the end of a subsearch filter', () => {
  const count = async (query: string): Promise<unknown> =>
    (await fx.spl(`${query} | stats count`)).rows[0]?.[0];
  const sub = '[search index=security | table host user';

  test('the default shape is the implicit format: a row matches when all its fields do', async () => {
    assert.equal(await count(`index=main ${sub} | format]`), 1);
    assert.equal(await count(`index=main ${sub}]`), 1);
    const r = await fx.spl(`index=main ${sub} | format] | table host user`);
    assert.deepEqual(r.rows, [['web01', 'alice']]);
  });

  test('columns OR-ed: any field of any row', async () => {
    assert.equal(await count(`index=main ${sub} | format "(" "(" "OR" ")" "OR" ")"]`), 5);
  });

  test('rows AND-ed: every row must match (columns OR-ed in each)', async () => {
    const r = await fx.spl(`index=main ${sub} | format "(" "(" "OR" ")" "AND" ")"] | table host user`);
    assert.deepEqual(r.rows, [['web03', 'alice']]);
    assert.equal(await count(`index=main ${sub} | format "(" "(" "AND" ")" "AND" ")"]`), 0);
  });

  test('maxresults=N: only the first N rows filter', async () => {
    const r = await fx.spl(
      `index=main ${sub} | sort host | format maxresults=1 "(" "(" "OR" ")" "OR" ")"] | table host user`,
    );
    assert.deepEqual(r.rows, [
      ['web01', 'alice'],
      ['web01', 'carol'],
      ['web03', 'alice'],
    ]);
  });

  test('other strings, mvsep and emptystr are unsupported; a partial list of strings is a syntax error', async () => {
    await assert.rejects(
      fx.spl(`index=main ${sub} | format "[" "[" "&&" "]" "||" "]"]`),
      /supported with `\(` and `\)` as prefixes and ends and `AND` or `OR` as separators/,
    );
    await assert.rejects(fx.spl(`index=main ${sub} | format "(" "(" "and" ")" "OR" ")"]`), /AND` or `OR/);
    await assert.rejects(
      fx.spl(`index=main ${sub} | format emptystr="*"]`),
      /emptystr=` in a subsearch filter/,
    );
    await assert.rejects(fx.spl(`index=main ${sub} | format mvsep="AND"]`), /mvsep=` in a subsearch filter/);
    // the parser already wants all six strings
    await assert.rejects(fx.spl(`index=main ${sub} | format "(" "("]`), /column separator string/);
  });

  test('a subsearch whose format is not last returns a search field: its text is inserted', async () => {
    // `( ( <format's text> AND status="500" ) )`: the security hosts and users, with status 500.
    const inserted = await fx.spl(`index=main ${sub} | format | eval status="500"] | table _raw`);
    const filtered = await fx.spl(`index=main ${sub}] status=500 | table _raw`);
    assert.deepEqual(inserted.rows, [['GET / status=500 user=alice']]);
    assert.deepEqual(inserted.rows, filtered.rows);
  });
});
