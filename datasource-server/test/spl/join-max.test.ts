// `join max=N` on real chDB: every matching subsearch row (max=0) or the first N, each giving a result, in
// the results' order and, per result, the subsearch's order.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
const at = (minutes: number, host: string, fields: Record<string, string>, index = 'main') =>
  fixtureEvent(now, minutes, `event ${minutes}`, host, fields, { index });

let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    at(1, 'web01', { user: 'alice' }),
    at(2, 'web02', { user: 'bob' }),
    at(3, 'web03', { user: 'carol' }),
    at(4, 'web04', { user: 'alice' }),
    // the subsearch: alice logged in three times, bob once (newest first: ip1, ip2, ip3)
    at(5, 'vpn', { user: 'alice', ip: 'ip1' }, 'security'),
    at(6, 'vpn', { user: 'bob', ip: 'ip9' }, 'security'),
    at(7, 'vpn', { user: 'alice', ip: 'ip2' }, 'security'),
    at(8, 'vpn', { user: 'alice', ip: 'ip3' }, 'security'),
    // usetime: alice's logins half a minute after web01's event, between web01's and web04's, and before both.
    at(0.5, 'vpn', { user: 'alice', ip: 'ipA' }, 'audit'),
    at(3.5, 'vpn', { user: 'alice', ip: 'ipB' }, 'audit'),
    at(6, 'vpn', { user: 'alice', ip: 'ipC' }, 'audit'),
  ]);
});

after(async () => {
  await fx.close();
});

const sub = '[search index=security | table user ip]';
const rows = async (join: string): Promise<unknown[][]> =>
  (await fx.spl(`index=main | table host user | ${join} | table host user ip`)).rows;

describe('join max', () => {
  test('max=1 (the default): the first match', async () => {
    const one = [
      ['web01', 'alice', 'ip1'],
      ['web02', 'bob', 'ip9'],
      ['web04', 'alice', 'ip1'],
    ];
    assert.deepEqual(await rows(`join user ${sub}`), one);
    assert.deepEqual(await rows(`join max=1 user ${sub}`), one);
  });

  test('max=0: every match, each a result, in the subsearch order', async () => {
    assert.deepEqual(await rows(`join max=0 user ${sub}`), [
      ['web01', 'alice', 'ip1'],
      ['web01', 'alice', 'ip2'],
      ['web01', 'alice', 'ip3'],
      ['web02', 'bob', 'ip9'],
      ['web04', 'alice', 'ip1'],
      ['web04', 'alice', 'ip2'],
      ['web04', 'alice', 'ip3'],
    ]);
  });

  test('max=2: the first two matches', async () => {
    assert.deepEqual(await rows(`join max=2 user ${sub}`), [
      ['web01', 'alice', 'ip1'],
      ['web01', 'alice', 'ip2'],
      ['web02', 'bob', 'ip9'],
      ['web04', 'alice', 'ip1'],
      ['web04', 'alice', 'ip2'],
    ]);
  });

  test('type=left keeps results without a match, once', async () => {
    assert.deepEqual(
      await rows(`join type=left max=0 user [search index=security user=bob | table user ip]`),
      [
        ['web01', 'alice', null],
        ['web02', 'bob', 'ip9'],
        ['web03', 'carol', null],
        ['web04', 'alice', null],
      ],
    );
  });

  test('a sorted subsearch gives its matches in its own order', async () => {
    assert.deepEqual(
      await rows(`join max=0 user [search index=security user=alice | sort ip | table user ip] | head 3`),
      [
        ['web01', 'alice', 'ip1'],
        ['web01', 'alice', 'ip2'],
        ['web01', 'alice', 'ip3'],
      ],
    );
    assert.deepEqual(
      await rows(`join max=0 user [search index=security user=alice | sort -ip | table user ip] | head 3`),
      [
        ['web01', 'alice', 'ip3'],
        ['web01', 'alice', 'ip2'],
        ['web01', 'alice', 'ip1'],
      ],
    );
  });

  test('over raw events too, and max is checked', async () => {
    const r = await fx.spl(`index=main user=alice | join max=0 user ${sub} | table host ip`);
    assert.deepEqual(r.rows, [
      ['web01', 'ip1'],
      ['web01', 'ip2'],
      ['web01', 'ip3'],
      ['web04', 'ip1'],
      ['web04', 'ip2'],
      ['web04', 'ip3'],
    ]);
    await assert.rejects(fx.spl(`index=main | join max=-1 user ${sub}`), /max/);
  });
});

// Search Reference, join (https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/join):
// usetime=true with earlier=true matches a result only against earlier subsearch results, earlier=false only
// against later ones; results at the same second are never eliminated.
describe('join usetime and earlier', () => {
  const audit = '[search index=audit | table _time user ip]';
  const joined = async (options: string): Promise<unknown[][]> =>
    (
      await fx.spl(
        `index=main user=alice | table _time host user | join ${options} user ${audit} | table host ip`,
      )
    ).rows;

  test('without usetime: the first (newest) match, whatever its time', async () => {
    assert.deepEqual(await joined(''), [
      ['web01', 'ipA'],
      ['web04', 'ipA'],
    ]);
  });

  test('usetime=true (earlier=true): the newest subsearch row at or before the result', async () => {
    const want = [
      ['web01', 'ipB'],
      ['web04', 'ipC'],
    ];
    assert.deepEqual(await joined('usetime=true'), want);
    assert.deepEqual(await joined('usetime=true earlier=true'), want);
  });

  test('usetime=true earlier=false: only subsearch rows at or after the result', async () => {
    assert.deepEqual(await joined('usetime=true earlier=false'), [
      ['web01', 'ipA'],
      ['web04', 'ipA'],
    ]);
    assert.deepEqual(await joined('usetime=true earlier=false max=0'), [
      ['web01', 'ipA'],
      ['web04', 'ipA'],
      ['web04', 'ipB'],
    ]);
  });

  test('the same second matches either way; a side without _time is an error', async () => {
    const same = await fx.spl(
      'index=main host=web01 | table _time host user | join usetime=t earlier=f user [search index=main host=web01 | eval ip="self" | table _time user ip] | table host ip',
    );
    assert.deepEqual(same.rows, [['web01', 'self']]);
    await assert.rejects(fx.spl(`index=main | table host user | join usetime=true user ${audit}`), /_time/);
  });
});
