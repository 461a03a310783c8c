// `abstract` on real chDB: a long event keeps its lines with the most terms, `...` where lines were left out.
// Search Reference 9.4, abstract: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/abstract

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

const long = [
  'begin',
  'error in module alpha beta gamma',
  'ok',
  '--',
  'retry failed for user bob',
  'end',
  'x',
].join('\n');
before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, long, 'h1'),
    fixtureEvent(now, 2, 'one line event', 'h2'),
  ]);
});

after(async () => {
  await fx.close();
});

describe('abstract', () => {
  test('the page example: abstract maxlines=2 keeps the two lines with the most terms', async () => {
    const r = await fx.spl('index=main | abstract maxlines=2 | table _raw');
    assert.deepEqual(r.rows, [
      ['...error in module alpha beta gamma\n...retry failed for user bob'],
      ['one line event'],
    ]);
  });

  test('the default keeps 5 lines; adjacent kept lines need no ellipsis; excerpt is the same command', async () => {
    const r = await fx.spl('index=main | head 1 | excerpt | table _raw');
    assert.deepEqual(r.rows, [
      ['begin\nerror in module alpha beta gamma\nok\n...retry failed for user bob\nend'],
    ]);
    const short = await fx.spl('index=main | abstract maxlines=7 | head 1 | table _raw');
    assert.deepEqual(short.rows, [[long]]);
  });

  test('bad options are errors', async () => {
    await assert.rejects(fx.spl('index=main | abstract maxlines=0'), /maxlines/);
  });
});
