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
