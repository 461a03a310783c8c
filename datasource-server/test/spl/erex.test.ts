// `erex` is refused with the reason and the way to write the expression with `rex`. Search Reference 9.4,
// erex: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/erex

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [fixtureEvent(now, 1, 'from 10.0.0.1 port 22', 'h1')]);
});

after(async () => {
  await fx.close();
});

describe('erex', () => {
  test('the page example is refused at the command, saying why and offering rex', async () => {
    const q = 'index=main | erex ipaddress examples="10.0.0.1" | table ipaddress';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      const [d] = e.errors;
      assert.equal(d?.code, 'unsupported');
      assert.match(d?.message ?? '', /learning algorithm/);
      assert.equal(d?.column, q.indexOf('erex') + 1);
      assert.ok(d?.hints.some((h) => h.includes('rex')));
      return true;
    });
  });

  test('the rex the hint suggests gives the value', async () => {
    const r = await fx.spl('index=main | rex field=_raw "from (?<ip>\\d+\\.\\d+\\.\\d+\\.\\d+)" | table ip');
    assert.deepEqual(r.rows, [['10.0.0.1']]);
  });
});
