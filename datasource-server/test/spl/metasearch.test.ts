// `metasearch` on real chDB: the metadata of the tenant's events that match a search over the metadata
// fields and the events' terms. Search Reference 9.4, metasearch:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/metasearch

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultsFixture } from '../helpers/results-fixture.ts';
import { resultsEvent, resultsFixture } from '../helpers/results-fixture.ts';

const now = Math.floor(Date.now() / 60_000) * 60_000;
let fx: ResultsFixture;

before(async () => {
  fx = await resultsFixture(now, [
    resultsEvent(now, 1, 'main', 'web01', { status: '500' }),
    resultsEvent(now, 2, 'audit', 'sec01', { action: 'failure' }),
    resultsEvent(now, 3, 'main', 'web02', { status: '200' }),
    resultsEvent(now, 4, 'main', 'web09', { status: '500' }, { org_id: 'other' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('metasearch', () => {
  test('the Search Reference example: the metadata of the matching events, newest first', async () => {
    const r = await fx.spl('| metasearch index=main');
    assert.deepEqual(r.columns, ['index', 'splunk_server', 'host', 'source', 'sourcetype', '_time']);
    assert.deepEqual(
      r.rows.map((row) => row.slice(0, 5)),
      [
        ['main', 'nexus', 'web01', '/var/log/web01.log', 'access_combined'],
        ['main', 'nexus', 'web02', '/var/log/web02.log', 'access_combined'],
      ],
    );
  });

  test("terms match the events' text, OR-ed with a metadata comparison", async () => {
    const r = await fx.spl('| metasearch failure OR host=web02 | table host');
    assert.deepEqual(r.rows, [['sec01'], ['web02']]);
  });

  test('terms and wildcards', async () => {
    const r = await fx.spl('| metasearch sourcetype=acc* "status=500" | table host');
    assert.deepEqual(r.rows, [['web01']]);
    const all = await fx.spl('| metasearch | stats count BY index');
    assert.deepEqual(all.rows, [
      ['audit', 1],
      ['main', 2],
    ]);
  });

  test('time modifiers set the range, as in a search', async () => {
    const r = await fx.spl('| metasearch index=main earliest=-2m | table host');
    assert.deepEqual(r.rows, [['web01']]);
  });

  test("the tenant's own events only", async () => {
    const r = await fx.spl('| metasearch index=* | table host', { org: 'other' });
    assert.deepEqual(r.rows, [['web09']]);
  });

  test('a field that is not metadata, or a time modifier: positioned diagnostics', async () => {
    assert.deepEqual(await fx.failure('| metasearch index=main status=500'), [
      'semantic: `metasearch` compares only `index`, `host`, `source` and `sourcetype`, not `status` @24-30',
    ]);
    assert.deepEqual(await fx.failure('index=main | metasearch host=web01'), [
      'semantic: `metasearch` is a generating command: it must come first, after a `|` @13-23',
    ]);
  });
});
