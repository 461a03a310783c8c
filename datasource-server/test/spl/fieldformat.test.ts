// `fieldformat` on real chDB: the results show the formatted value, while every later command sees the value
// unchanged. Search Reference 9.4, fieldformat:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/fieldformat

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'a', 'h1', { bytes: '1234567' }),
    fixtureEvent(now, 2, 'b', 'h1', { bytes: '1000' }),
    fixtureEvent(now, 3, 'c', 'h2', { bytes: '5' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('fieldformat', () => {
  test('the page example: totalCount with commas after stats', async () => {
    const r = await fx.spl(
      'index=main | stats sum(bytes) AS totalCount | fieldformat totalCount=tostring(totalCount, "commas")',
    );
    assert.deepEqual(r.rows, [['1,235,572']]);
  });

  test('later commands see the value unchanged: sort and arithmetic on the number', async () => {
    const r = await fx.spl(
      'index=main | stats sum(bytes) AS total BY host | fieldformat total="$".tostring(total, "commas") | eval half=total/2 | sort - total | table host, total, half',
    );
    assert.deepEqual(r.rows, [
      ['h1', '$1,235,567', 617_783.5],
      ['h2', '$5', 2.5],
    ]);
  });

  test('the page example: a time field formatted with strftime, columns kept in their order', async () => {
    const r = await fx.spl(
      'index=main | stats max(_time) AS last BY host | eval last=1700000000 | fieldformat last=strftime(last, "%Y-%m-%d") | table host, last',
    );
    assert.deepEqual(r.columns, ['host', 'last']);
    assert.deepEqual(r.rows, [
      ['h1', '2023-11-14'],
      ['h2', '2023-11-14'],
    ]);
  });

  test('a transforming command after it drops the format; an unknown function is an error', async () => {
    const r = await fx.spl(
      'index=main | fieldformat bytes=tostring(bytes, "commas") | stats max(bytes) AS bytes',
    );
    assert.deepEqual(r.rows, [[1_234_567]]);
    await assert.rejects(fx.spl('index=main | fieldformat x=nosuch(x)'), /`nosuch`/);
  });
});
