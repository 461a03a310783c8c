// `xmlunescape` on real chDB: entity and character references in `_raw` decoded. Search Reference 9.4,
// xmlunescape: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/xmlunescape

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, '&lt;msg id=&quot;1&quot;&gt;Tom &amp; Jerry&apos;s &#65;&#x42;&lt;/msg&gt;', 'h1'),
    fixtureEvent(now, 2, 'plain text', 'h2'),
  ]);
});

after(async () => {
  await fx.close();
});

describe('xmlunescape', () => {
  test('the page example: `... | xmlunescape` decodes the escaped XML of _raw', async () => {
    const r = await fx.spl('index=main | xmlunescape | table host, _raw');
    assert.deepEqual(r.rows, [
      ['h1', '<msg id="1">Tom & Jerry\'s AB</msg>'],
      ['h2', 'plain text'],
    ]);
  });

  test('a later search matches the unescaped text; maxinputs is accepted', async () => {
    const r = await fx.spl('index=main | xmlunescape maxinputs=100 | search "Tom & Jerry" | stats count');
    assert.deepEqual(r.rows, [[1]]);
  });

  test('results without _raw, or a bad maxinputs, are errors', async () => {
    await assert.rejects(fx.spl('index=main | stats count | xmlunescape'), /needs `_raw`/);
    await assert.rejects(fx.spl('index=main | xmlunescape maxinputs=x'), /whole number/);
  });
});
