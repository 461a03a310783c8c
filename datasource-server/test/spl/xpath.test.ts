// `xpath` on real chDB: the text or attribute of the elements an XPath location path selects, several as a
// multivalue field. Search Reference 9.4, xpath:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/xpath

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

const books = [
  '<?xml version="1.0"?>',
  '<catalog>',
  '  <book id="bk101"><author>Gambardella, Matthew</author><title>XML Developer&apos;s Guide</title><price>44.95</price></book>',
  '  <book id="bk102"><author>Ralls, Kim</author><title>Midnight Rain</title><price>5.95</price></book>',
  '  <!-- a comment -->',
  '  <magazine><title>Monthly <b>Bold</b> News</title><empty/></magazine>',
  '</catalog>',
].join('\n');

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, books, 'h1'),
    fixtureEvent(now, 2, '<report><sc>123</sc></report>', 'h2', { xml: '<a><b>x</b></a>' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('xpath', () => {
  test('the page example: //book/title into name; only titles inside a book', async () => {
    const r = await fx.spl('index=main | head 1 | xpath outfield=name "//book/title" | table name');
    assert.deepEqual(r.rows, [[["XML Developer's Guide", 'Midnight Rain']]]);
  });

  test('an absolute path, a nested element’s text, attributes and text()', async () => {
    const titles = await fx.spl('index=main | head 1 | xpath "/catalog/*/title" | table xpath');
    assert.deepEqual(titles.rows, [[["XML Developer's Guide", 'Midnight Rain', 'Monthly Bold News']]]);
    const ids = await fx.spl('index=main | head 1 | xpath outfield=id "//book/@id" | table id');
    assert.deepEqual(ids.rows, [[['bk101', 'bk102']]]);
    const prices = await fx.spl('index=main | head 1 | xpath outfield=p "/catalog//price/text()" | table p');
    assert.deepEqual(prices.rows, [[['44.95', '5.95']]]);
    const empty = await fx.spl('index=main | head 1 | xpath outfield=e "//magazine/empty" | table e');
    assert.deepEqual(empty.rows, [['']]);
  });

  test('the page example: field= and default= when nothing matches', async () => {
    const r = await fx.spl('index=main | xpath field=xml outfield=b "/a/b" default="none" | table host, b');
    assert.deepEqual(r.rows, [
      ['h1', 'none'],
      ['h2', 'x'],
    ]);
    const sc = await fx.spl('index=main | xpath outfield=sc "//report/sc" | table sc');
    assert.deepEqual(sc.rows, [[null], ['123']]);
  });

  test('predicates, relative paths and no path are errors at their place', async () => {
    const q = 'index=main | xpath "//book[@id=1]/title"';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /the step `book\[@id=1\]`/);
      assert.equal(e.errors[0]?.column, q.indexOf('book[') + 1);
      return true;
    });
    await assert.rejects(fx.spl('index=main | xpath "book/title"'), /relative path/);
    await assert.rejects(fx.spl('index=main | xpath outfield=x'), /needs an XPath expression/);
  });
});
