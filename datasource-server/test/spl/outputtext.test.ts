// `outputtext` on real chDB: `_raw` copied into `_xml`, escaped as XML unless usexml=false.
// Search Reference 9.4, outputtext: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/outputtext
// (`outputtext [usexml=<bool>]`, default true: `_xml` is the escaped XML copy of `_raw`; false: an exact copy.)

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, '<a href="x">Tom & Jerry\'s</a>', 'www1'),
    fixtureEvent(now, 2, 'plain text', 'www1'),
  ]);
});

after(async () => {
  await fx.close();
});

describe('outputtext', () => {
  test('the page’s example: _raw into _xml as escaped XML', async () => {
    const r = await fx.spl('index=main | outputtext | table _raw _xml');
    assert.deepEqual(r.columns, ['_raw', '_xml']);
    assert.deepEqual(r.rows, [
      ['<a href="x">Tom & Jerry\'s</a>', '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;'],
      ['plain text', 'plain text'],
    ]);
  });

  test('usexml=false: _xml is an exact copy; xmlunescape gives the text back', async () => {
    const r = await fx.spl('index=main | outputtext usexml=false | table _xml');
    assert.deepEqual(r.rows, [['<a href="x">Tom & Jerry\'s</a>'], ['plain text']]);
    const back = await fx.spl('index=main | outputtext | eval _raw=_xml | xmlunescape | table _raw');
    assert.deepEqual(back.rows, [['<a href="x">Tom & Jerry\'s</a>'], ['plain text']]);
  });

  test('a bad usexml value, and a field argument, are refused at their place', async () => {
    for (const [q, bad, message] of [
      ['index=main | outputtext usexml=maybe', 'maybe', /usexml/],
      ['index=main | outputtext host', 'host', /`outputtext` takes no field/],
    ] as const) {
      await assert.rejects(fx.spl(q), (e: unknown) => {
        assert.ok(e instanceof QueryInputError);
        assert.match(e.message, message);
        assert.equal(e.errors[0]?.column, q.indexOf(bad) + 1);
        return true;
      });
    }
  });

  test('after stats there is no _raw: a diagnostic at the command', async () => {
    const q = 'index=main | stats count | outputtext';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /`outputtext` needs `_raw`/);
      assert.equal(e.errors[0]?.column, q.indexOf('outputtext') + 1);
      return true;
    });
  });
});
