// `set union|diff|intersect` on real chDB: two subsearches' results as sets (rows equal when every field
// is). Search Reference 9.4, set:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/set

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultsFixture } from '../helpers/results-fixture.ts';
import { resultsEvent, resultsFixture } from '../helpers/results-fixture.ts';

const now = Date.now();
let fx: ResultsFixture;

before(async () => {
  fx = await resultsFixture(now, [
    resultsEvent(now, 1, 'main', 'web01', { status: '404', url: '/a' }),
    resultsEvent(now, 2, 'main', 'web02', { status: '303', url: '/a' }),
    resultsEvent(now, 3, 'main', 'web01', { status: '404', url: '/b' }),
    resultsEvent(now, 4, 'main', 'web03', { status: '303', url: '/c' }),
    resultsEvent(now, 5, 'main', 'web03', { status: '404' }),
    resultsEvent(now, 6, 'main', 'web04', { status: '303' }),
    resultsEvent(now, 7, 'main', 'web09', { status: '404', url: '/z' }, { org_id: 'other' }),
  ]);
});

after(async () => {
  await fx.close();
});

const sides =
  '[search index=main status=404 | fields url | fields - _*] [search index=main status=303 | fields url | fields - _*]';

describe('set', () => {
  test('the Search Reference example `set diff`: urls only one search returns (a missing url is a value too)', async () => {
    const r = await fx.spl(
      `| set diff [search status=404 | stats count BY url | fields url] [search status=303 | stats count BY url | fields url] | sort url`,
    );
    assert.deepEqual(r.rows, [['/b'], ['/c']]);
  });

  test('set union: each distinct result once', async () => {
    const r = await fx.spl(
      `| set union [search status=404 | table url] [search status=303 | table url] | sort url`,
    );
    // The results without a url are one result (every field equal: none), listed once.
    assert.deepEqual(r.rows, [['/a'], ['/b'], ['/c'], [null]]);
  });

  test('set intersect: the results both searches return', async () => {
    const r = await fx.spl(
      `| set intersect [search status=404 | table url] [search status=303 | table url] | sort url`,
    );
    assert.deepEqual(r.rows, [['/a'], [null]]);
  });

  test('several fields: equal only when every field is', async () => {
    const r = await fx.spl(
      `| set intersect [search status=404 | table host url] [search index=main | table host url] | sort host url`,
    );
    assert.deepEqual(r.rows, [
      ['web01', '/a'],
      ['web01', '/b'],
      ['web03', null],
    ]);
  });

  test('a missing operation or a third subsearch: positioned diagnostics', async () => {
    assert.deepEqual(await fx.failure('| set minus [search index=main] [search index=main]'), [
      'semantic: `set` needs an operation: `union`, `diff` or `intersect` @6-11',
    ]);
    assert.deepEqual(await fx.failure('| set diff [search index=main]'), [
      'semantic: `set diff` takes exactly two subsearches, found 1 @2-5',
    ]);
  });

  test("another tenant's results never enter the sets", async () => {
    const r = await fx.spl(`| set union ${sides}`, { org: 'other' });
    assert.deepEqual(r.rows, [['/z']]);
  });
});
