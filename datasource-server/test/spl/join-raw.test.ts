// `join` whose subsearch returns raw events, on real chDB: the events' fields, known only when the search
// runs, join the results on the listed fields.
// https://docs.splunk.com/Documentation/Splunk/latest/SearchReference/Join

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
    at(1, 'web01', { user: 'alice', role: 'admin' }),
    at(2, 'web02', { user: 'bob' }),
    at(3, 'web03', { user: 'carol', role: 'guest' }),
    // the subsearch's events, newest first: alice's ip1 is the first match
    at(5, 'vpn', { user: 'alice', ip: 'ip1', role: 'vpn-user' }, 'security'),
    at(6, 'vpn', { user: 'bob', ip: 'ip9', country: 'FR' }, 'security'),
    at(7, 'vpn', { user: 'alice', ip: 'ip2' }, 'security'),
  ]);
});

after(async () => {
  await fx.close();
});

const rows = async (q: string): Promise<unknown[][]> => (await fx.spl(q)).rows;

describe('join over raw events', () => {
  test('inner join on user: the first matching event per result; its fields overwrite (overwrite=true)', async () => {
    assert.deepEqual(
      await rows('index=main | join user [search index=security] | table user ip role country host'),
      [
        ['alice', 'ip1', 'vpn-user', null, 'vpn'],
        ['bob', 'ip9', null, 'FR', 'vpn'],
      ],
    );
  });

  test('type=left keeps results without a match; overwrite=false keeps the result’s own values', async () => {
    assert.deepEqual(
      await rows(
        'index=main | join type=left overwrite=false user [search index=security] | table user ip role country',
      ),
      [
        ['alice', 'ip1', 'admin', null],
        ['bob', 'ip9', null, 'FR'],
        ['carol', null, 'guest', null],
      ],
    );
  });

  test('stats over the joined fields', async () => {
    assert.deepEqual(
      await rows('index=main | join user [search index=security] | stats count by ip | sort ip'),
      [
        ['ip1', 1],
        ['ip9', 1],
      ],
    );
  });

  test('the joined events shown carry the fields of their match', async () => {
    const fieldsOf = async (q: string): Promise<unknown[]> => {
      const r = await fx.spl(q);
      return r.rows.map((row) => row[r.columns.indexOf('_fields')]);
    };
    // overwrite=true (the default): the matching event's fields win.
    assert.deepEqual(await fieldsOf('index=main | join user [search index=security]'), [
      { ip: 'ip1', role: 'vpn-user', user: 'alice' },
      { country: 'FR', ip: 'ip9', user: 'bob' },
    ]);
    // type=left overwrite=false: the result's own win; a result without a match keeps its own.
    assert.deepEqual(
      await fieldsOf('index=main | join type=left overwrite=false user [search index=security]'),
      [
        { ip: 'ip1', role: 'admin', user: 'alice' },
        { country: 'FR', ip: 'ip9', user: 'bob' },
        { role: 'guest', user: 'carol' },
      ],
    );
  });
});
