// `strcat` on real chDB: fields and quoted strings concatenated into a new field; a missing field adds
// nothing, unless `allrequired=t` (then the new field is left out). Search Reference 9.4, strcat.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'GET / from 10.0.0.1', 'web01', { sourceIP: '10.0.0.1', port: '8080' }),
    fixtureEvent(now, 2, 'GET / from 10.0.0.2', 'web02', { sourceIP: '10.0.0.2' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('strcat', () => {
  test('the Search Reference example: sourceIP "/" port into comboIP, newest event first', async () => {
    const r = await fx.spl('index=main | strcat sourceIP "/" port comboIP | table host, comboIP');
    assert.deepEqual(r.columns, ['host', 'comboIP']);
    // A missing field adds nothing: `10.0.0.2/`.
    assert.deepEqual(r.rows, [
      ['web01', '10.0.0.1/8080'],
      ['web02', '10.0.0.2/'],
    ]);
  });

  test('allrequired=t: no new field when a source field is missing', async () => {
    const r = await fx.spl('index=main | strcat allrequired=t sourceIP ":" port addr | table host, addr');
    assert.deepEqual(r.rows, [
      ['web01', '10.0.0.1:8080'],
      ['web02', null],
    ]);
  });

  test('numbers and later commands: the new field is text that stats can group by', async () => {
    const r = await fx.spl('index=main | eval n=1 | strcat host "-" n key | stats count BY key');
    assert.deepEqual(r.rows, [
      ['web01-1', 1],
      ['web02-1', 1],
    ]);
  });
});
