// `xmlkv` and `spath` without a path (auto-extract) on real chDB: the fields they extract are read by the
// names later commands use; the value found wins over the event's own field, which is kept otherwise.
//
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.3/search-commands/xmlkv
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.0/search-commands/spath

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Math.floor(Date.now() / 3_600_000) * 3_600_000;
let fx: SplFixture;

const task = (name: string, command: string): string =>
  `<?xml version="1.0"?><Task><RegistrationInfo><Author>SYSTEM</Author></RegistrationInfo>` +
  `<Task_Name>${name}</Task_Name><Actions Context="Author"><Exec><Command type="exe">${command}</Command></Exec></Actions></Task>`;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 50, 'EventCode=4698 a', 'dc1', {
      EventCode: '4698',
      Message: task('\\Updater', 'http://evil.example/p.exe'),
    }),
    fixtureEvent(now, 40, 'EventCode=4698 b', 'dc2', {
      EventCode: '4698',
      Message: task('\\Backup', 'C:\\backup.exe'),
    }),
    // No Message: its own Task_Name and Command stay.
    fixtureEvent(now, 30, 'EventCode=4698 c', 'dc3', {
      EventCode: '4698',
      Task_Name: 'own',
      Command: 'https://own.example/x',
    }),
    // An element holding other elements has no text of its own; `aXb` is not `a.b`.
    fixtureEvent(now, 20, 'EventCode=4698 d', 'dc4', {
      EventCode: '4698',
      Message: '<Task_Name><x>1</x></Task_Name><Command>http://nested.example</Command><aXb>no</aXb>',
      'a.b': 'kept',
    }),
    fixtureEvent(now, 15, 'o365 e', 'm1', {
      newvalue: '[{"ResourceAppId":"0002","Perm":"r"},{"ResourceAppId":"9"}]',
      user: 'alice',
    }),
    fixtureEvent(now, 10, 'o365 f', 'm2', {
      newvalue: '{"user":{"name":"bob"},"count":3,"flag":true}',
    }),
    fixtureEvent(now, 5, 'o365 g', 'm3', { newvalue: 'not json', 'user.name': 'carol' }),
  ]);
});

after(async () => {
  await fx.close();
});

async function rows(query: string): Promise<unknown[][]> {
  return (await fx.spl(query, { earliest: '-1h', latest: 'now' })).rows;
}

describe('xmlkv', () => {
  test('elements of the field become fields, read by name; the event keeps its own otherwise', async () => {
    assert.deepEqual(
      await rows(
        'EventCode=4698 | xmlkv Message | search Command="*http*" | stats count by host, Task_Name, Command',
      ),
      [
        ['dc1', '\\Updater', 'http://evil.example/p.exe', 1],
        ['dc3', 'own', 'https://own.example/x', 1],
      ],
    );
  });

  test('an element with child elements has no value; names are matched whole', async () => {
    assert.deepEqual(
      await rows('EventCode=4698 host=dc4 | xmlkv Message | table Task_Name Command a.b Author'),
      [[null, 'http://nested.example', 'kept', null]],
    );
    assert.deepEqual(await rows('EventCode=4698 host=dc1 | xmlkv Message | table Author'), [['SYSTEM']]);
  });

  test('xmlkv before transaction is reported (after stats: extract-results.test.ts)', async () => {
    for (const [q, m] of [
      ['EventCode=4698 | xmlkv Message | transaction host', /transaction.*extracting fields/],
    ] as const) {
      await assert.rejects(fx.spl(q, { earliest: '-1h', latest: 'now' }), (e: unknown) => {
        assert.ok(e instanceof QueryInputError, q);
        assert.match(e.message, m, q);
        return true;
      });
    }
  });
});

describe('spath without a path', () => {
  test('keys of the JSON document read by name, nested keys as paths, arrays as lists (of one: a value)', async () => {
    assert.deepEqual(
      await rows(
        'o365 | spath input=newvalue | search "{}.ResourceAppId"="0002" | table host, "{}.Perm", user',
      ),
      // A list of one value is shown as that value, as Splunk shows a single-valued field.
      [['m1', 'r', 'alice']],
    );
    assert.deepEqual(
      await rows('o365 | spath input=newvalue | table host, user.name, count, flag | sort host'),
      [
        ['m1', null, null, null],
        ['m2', 'bob', '3', 'true'],
        ['m3', 'carol', null, null],
      ],
    );
  });

  test('output= without a path is an error', async () => {
    await assert.rejects(
      fx.spl('o365 | spath input=newvalue output=x | table x', { earliest: '-1h', latest: 'now' }),
      /needs a path/,
    );
  });
});
