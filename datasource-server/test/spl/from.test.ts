// `from` on real chDB: a lookup table read as a dataset, the tenant's own. Search Reference 9.4, from:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/from

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultsFixture } from '../helpers/results-fixture.ts';
import { resultsEvent, resultsFixture } from '../helpers/results-fixture.ts';

const now = Date.now();
let fx: ResultsFixture;

before(async () => {
  fx = await resultsFixture(now, [resultsEvent(now, 1, 'main', 'web01')]);
});

after(async () => {
  await fx.close();
});

describe('from', () => {
  test('the Search Reference example `from inputlookup:<table>`, and `lookup:` the same', async () => {
    for (const q of ['| from inputlookup:users', '| from lookup:users', '| from inputlookup users']) {
      const r = await fx.spl(q);
      assert.deepEqual(r.columns, ['user', 'department'], q);
      assert.deepEqual(r.rows, [
        ['alice', 'eng'],
        ['bob', 'ops'],
      ]);
    }
  });

  test('later commands read the dataset like any results', async () => {
    const r = await fx.spl('| from inputlookup:users | where department="ops" | table user');
    assert.deepEqual(r.rows, [['bob']]);
  });

  test('each tenant reads its own table of the same name', async () => {
    const r = await fx.spl('| from inputlookup:users', { org: 'other' });
    assert.deepEqual(r.rows, [['mallory', 'other-tenant']]);
  });

  test('unknown data models, saved searches and unknown tables: diagnostics at their span', async () => {
    assert.deepEqual(await fx.failure('| from datamodel:"Nope"'), [
      'semantic: unknown data model `Nope` @17-23',
    ]);
    assert.deepEqual(await fx.failure('| from savedsearch:mysearch'), [
      'unsupported: Nexus has no saved searches: a saved search cannot be read @7-18',
    ]);
    assert.deepEqual(await fx.failure('| from lookup:nosuch'), [
      'semantic: unknown lookup table `nosuch` @14-20',
    ]);
    assert.deepEqual(await fx.failure('index=main | from lookup:users'), [
      'semantic: `from` is a generating command: it must come first, after a `|` @13-17',
    ]);
  });
});
