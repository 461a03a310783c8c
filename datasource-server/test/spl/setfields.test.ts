// `setfields` on real chDB: fields set to constant text, existing or new. Search Reference 9.4, setfields:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/setfields

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'a', 'h1', { ip: '192.168.0.1' }),
    fixtureEvent(now, 2, 'b', 'h2'),
  ]);
});

after(async () => {
  await fx.close();
});

describe('setfields', () => {
  test('the page example: ip and foo set on every result, replacing the value an event had', async () => {
    const r = await fx.spl('index=main | setfields ip="10.10.10.10", foo="foo bar" | table host, ip, foo');
    assert.deepEqual(r.rows, [
      ['h1', '10.10.10.10', 'foo bar'],
      ['h2', '10.10.10.10', 'foo bar'],
    ]);
  });

  test('a later search sees the value', async () => {
    const r = await fx.spl('index=main | setfields tier=gold | search tier=gold | stats count');
    assert.deepEqual(r.rows, [[2]]);
  });

  test('hostile values stay values (bound parameters), in setfields, rangemap and tojson', async () => {
    const evil = "x'); DROP TABLE logs; --\\`";
    const r = await fx.spl(
      `index=main | head 1 | setfields note="${evil.replace(/"/g, '\\"')}" | eval n=5 | rangemap field=n "${"a'b"}"=1-9 | table note, n, range | tojson | table _raw`,
    );
    assert.deepEqual(JSON.parse(String(r.rows[0]?.[0])), { note: evil, n: 5, range: ["a'b"] });
    const again = await fx.spl('index=main | stats count');
    assert.deepEqual(again.rows, [[2]]);
  });

  test('a reserved name and a missing assignment are errors', async () => {
    await assert.rejects(fx.spl('index=main | setfields _fields="x"'), /reserved/);
    await assert.rejects(fx.spl('index=main | setfields'), /needs at least one/);
  });
});
