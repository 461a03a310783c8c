// `folderize` on real chDB: values split at a separator and grouped into at most `maxfolders` folders.
// Search Reference 9.4, folderize: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/folderize

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

const uris = [
  '/api/v1/users',
  '/api/v1/users',
  '/api/v1/orders',
  '/api/v2/users',
  '/static/app.js',
  '/static/app.css',
];
before(async () => {
  fx = await splFixture(
    now,
    uris.map((uri, i) => fixtureEvent(now, i + 1, `GET ${uri}`, 'h1', { uri })),
  );
});

after(async () => {
  await fx.close();
});

describe('folderize', () => {
  test('the page example: stats count(uri) by uri | folderize size=count(uri) attr=uri sep="/"', async () => {
    const r = await fx.spl(
      'index=main | stats count(uri) BY uri | folderize size=count(uri) attr=uri sep="/" maxfolders=4',
    );
    assert.deepEqual(r.columns, ['uri', 'count(uri)']);
    assert.deepEqual(r.rows, [
      ['/api/v1/', 3],
      ['/api/v2/', 1],
      ['/static/app.css', 1],
      ['/static/app.js', 1],
    ]);
    // One folder level fewer when four do not fit.
    const three = await fx.spl(
      'index=main | stats count(uri) BY uri | folderize size=count(uri) attr=uri sep="/" maxfolders=3',
    );
    assert.deepEqual(three.rows, [
      ['/api/', 4],
      ['/static/', 2],
    ]);
  });

  test('the default separator :: and the default size field totalCount', async () => {
    const r = await fx.spl(
      'index=main | eval key=replace(uri, "/", "::") | stats count AS totalCount BY key | folderize attr=key maxfolders=2',
    );
    assert.deepEqual(r.rows, [
      ['::api::', 4],
      ['::static::', 2],
    ]);
  });

  test('no attr= is an error', async () => {
    await assert.rejects(
      fx.spl('index=main | stats count BY uri | folderize sep="/"'),
      /needs `attr=<field>`/,
    );
  });
});
