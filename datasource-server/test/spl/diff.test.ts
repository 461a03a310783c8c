// `diff` on real chDB: one result whose `_raw` is the unified diff of two results' text (or a field).
// Search Reference 9.4, diff: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/diff
// (`diff [position1=<int>] [position2=<int>] [attribute=<field>] [diffheader=<bool>] [context=<bool>]
// [maxlen=<int>]`: positions 1 and 2 and `_raw` by default; position2 must be greater than position1.)
// The expected diffs are worked out by hand as `diff -u` writes them (3 lines of context).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

const numbers = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const many = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `${tag}${i}`).join('\n');

before(async () => {
  fx = await splFixture(now, [
    // index main, newest first: positions 1, 2, 3
    fixtureEvent(now, 1, 'line1\nline2\nline3', 'www1', { ip: '10.0.0.1' }),
    fixtureEvent(now, 2, 'line1\nLINE2\nline3\nline4', 'www1', { ip: '10.0.0.2' }),
    fixtureEvent(now, 3, 'line1\nline2\nline3', 'www1', { ip: '10.0.0.3' }),
    // host www2: two texts of ten lines, with a change near each end
    fixtureEvent(now, 4, numbers.join('\n'), 'www2'),
    fixtureEvent(now, 5, [...numbers.slice(0, 2), 'THREE', ...numbers.slice(3), 'eleven'].join('\n'), 'www2'),
    // host www3: texts that differ over more lines than diff compares
    fixtureEvent(now, 6, many(201, 'a'), 'www3'),
    fixtureEvent(now, 7, many(201, 'b'), 'www3'),
  ]);
});

after(async () => {
  await fx.close();
});

async function diffOf(q: string): Promise<unknown[][]> {
  const r = await fx.spl(q);
  assert.deepEqual(r.columns, ['_raw']);
  return r.rows;
}

async function refused(q: string, bad: string, message: RegExp, code = 'semantic'): Promise<void> {
  await assert.rejects(fx.spl(q), (e: unknown) => {
    assert.ok(e instanceof QueryInputError);
    assert.match(e.message, message);
    assert.equal(e.errors[0]?.code, code);
    assert.equal(e.errors[0]?.column, q.lastIndexOf(bad) + 1);
    return true;
  });
}

describe('diff', () => {
  test('the first two results’ _raw: one hunk, removed lines before added ones', async () => {
    assert.deepEqual(await diffOf('host=www1 | diff'), [
      ['@@ -1,3 +1,4 @@\n line1\n-line2\n+LINE2\n line3\n+line4'],
    ]);
  });

  test('the page’s example: the ip of the first and third results, with the header', async () => {
    assert.deepEqual(await diffOf('host=www1 | diff position1=1 position2=3 attribute=ip diffheader=true'), [
      ['--- 1\n+++ 3\n@@ -1 +1 @@\n-10.0.0.1\n+10.0.0.3'],
    ]);
  });

  test('three lines of context: changes far apart make two hunks', async () => {
    assert.deepEqual(await diffOf('host=www2 | diff'), [
      [
        [
          '@@ -1,6 +1,6 @@',
          ' one',
          ' two',
          '-three',
          '+THREE',
          ' four',
          ' five',
          ' six',
          '@@ -8,3 +8,4 @@',
          ' eight',
          ' nine',
          ' ten',
          '+eleven',
        ].join('\n'),
      ],
    ]);
  });

  test('the same text gives an empty diff; maxlen cuts the texts to that many bytes first', async () => {
    assert.deepEqual(await diffOf('host=www1 | diff position1=1 position2=3'), [['']]);
    assert.deepEqual(await diffOf('host=www1 | diff maxlen=12'), [
      ['@@ -1,3 +1,3 @@\n line1\n-line2\n+LINE2\n '],
    ]);
  });

  test('fewer results than position2: no result', async () => {
    assert.deepEqual(await diffOf('host=www1 | diff position2=4'), []);
  });

  test('texts that differ over more than 200 lines stop the search with the limit', async () => {
    await assert.rejects(fx.spl('host=www3 | diff'), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /^diff: the texts compared have more than 200 differing lines/);
      return true;
    });
    // chDB hands the rest of a failed query's output to the next query on the connection: consume it.
    await fx.spl('index=main | stats count').catch(() => undefined);
    // 20 bytes: `a0\n` … `a5\n` and `a6`, seven lines on each side, none shared
    const lines = (tag: string, sign: string): string[] =>
      Array.from({ length: 7 }, (_, i) => `${sign}${tag}${i}`);
    assert.deepEqual(await diffOf('host=www3 | diff maxlen=20'), [
      [['@@ -1,7 +1,7 @@', ...lines('a', '-'), ...lines('b', '+')].join('\n')],
    ]);
  });

  test('bad options are refused at their place', async () => {
    await refused('index=main | diff position2=0', '0', /position2/);
    await refused(
      'index=main | diff position1=3 position2=2',
      '2',
      /position2 \(2\) must be greater than position1 \(3\)/,
    );
    await refused('index=main | diff context=true', 'context', /context=true/, 'unsupported');
    await refused('index=main | diff host', 'host', /`diff` takes only options/, 'syntax');
  });
});
