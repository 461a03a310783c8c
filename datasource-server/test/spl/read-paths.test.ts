// A statement that does not return events reads only the structured fields it names (one subcolumn each,
// carried above the scan as `_fields.<path>`), and `dedup` over the table narrows to each key's newest
// time first. Both are plan shapes: these tests check the rows stay exactly Splunk's on real chDB.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
const at = (minutes: number, host: string, fields: Record<string, string | string[]>) =>
  fixtureEvent(now, minutes, `event ${minutes}`, host, fields);

let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    at(1, 'web01', { 'http.method': 'GET', status: '200', tags: ['a', 'b'] }),
    at(2, 'web01', { 'http.method': 'POST', status: '500' }),
    at(3, 'web02', { status: '404' }),
    at(4, 'web02', { 'http.method': 'PUT', status: '500', tags: ['b'] }),
    at(5, 'web03', { 'http.method': 'GET', 'weird`name': 'x' }),
    // Same host and time as the event above: dedup keeps exactly one of them.
    at(5, 'web03', { 'http.method': 'DELETE', 'weird`name': 'y' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('reading only the structured fields a statement names', () => {
  test('a dotted field read above the scan is one subcolumn, not the whole JSON column', async () => {
    const r = await fx.spl('index=main | eval m=lower(http.method) | stats count by m');
    assert.deepEqual(r.rows, [
      ['delete', 1],
      ['get', 2],
      ['post', 1],
      ['put', 1],
    ]);
    assert.match(r.sql, /`fields`\.`http\.method` AS `_fields\.http\.method`/);
    assert.doesNotMatch(r.sql, /`fields` AS `_fields`/);
  });

  test('fields read after eventstats, a filter and a multivalue test come through the carried paths', async () => {
    const r = await fx.spl(
      'index=main tags=b | eventstats count AS n by host | where n > 0 | table host status n',
    );
    assert.deepEqual(r.rows, [
      ['web01', '200', 1],
      ['web02', '500', 1],
    ]);
  });

  test('a field name with a backquote is quoted, in the scan and above it', async () => {
    const r = await fx.spl("index=main | eval w='weird`name' | where isnotnull(w) | stats values(w) AS w");
    assert.deepEqual(r.rows, [[['x', 'y']]]);
  });

  // Search Reference 9.4, filldown and trendline:
  // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/filldown
  // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/trendline
  test('streaming commands over raw events (their helper columns dropped) read only the fields used', async () => {
    const down = await fx.spl('index=main host!=web03 | filldown http.method | table host http.method');
    assert.deepEqual(down.rows, [
      ['web01', 'GET'],
      ['web01', 'POST'],
      ['web02', 'POST'],
      ['web02', 'PUT'],
    ]);
    assert.match(down.sql, /`fields`\.`http\.method` AS `_fields\.http\.method`/);
    assert.doesNotMatch(down.sql, /`fields` AS `_fields`/);
    const trend = await fx.spl('index=main host!=web03 | trendline sma2(status) AS t | table status t');
    assert.deepEqual(trend.rows, [
      ['200', null],
      ['500', 350],
      ['404', 452],
      ['500', 452],
    ]);
    assert.match(trend.sql, /`fields`\.`status` AS `_fields\.status`/);
    assert.doesNotMatch(trend.sql, /`fields` AS `_fields`/);
  });

  test('raw events still carry every structured field', async () => {
    const r = await fx.spl('index=main host=web01 | head 1');
    const fieldsAt = r.columns.indexOf('_fields');
    assert.ok(fieldsAt >= 0, `columns: ${r.columns.join(', ')}`);
    assert.match(JSON.stringify(r.rows[0]?.[fieldsAt]), /"tags"/);
  });
});

describe('dedup over the table', () => {
  test('keeps each key newest event (its fields null when it lacks them), newest first', async () => {
    const r = await fx.spl('index=main | dedup host | table host http.method status');
    assert.equal(r.rows.length, 3);
    assert.deepEqual(r.rows[0], ['web01', 'GET', '200']);
    assert.deepEqual(r.rows[1], ['web02', null, '404']);
    // web03's two events share their time: either may be kept, but only one.
    assert.equal(r.rows[2]?.[0], 'web03');
    assert.ok(['GET', 'DELETE'].includes(String(r.rows[2]?.[1])));
    assert.match(r.sql, /IN \(SELECT `host`, max\(`_time`\)/);
  });

  test('a field key: events without it are dropped, the rest keep their newest event', async () => {
    const r = await fx.spl('index=main | dedup http.method | table http.method host status');
    assert.deepEqual(r.rows, [
      ['GET', 'web01', '200'],
      ['POST', 'web01', '500'],
      ['PUT', 'web02', '500'],
      ['DELETE', 'web03', null],
    ]);
  });

  test('dedup after another command keeps the general form', async () => {
    const r = await fx.spl('index=main | eval h=upper(host) | dedup h | table h');
    assert.deepEqual(r.rows, [['WEB01'], ['WEB02'], ['WEB03']]);
    assert.doesNotMatch(r.sql, /max\(`_time`\)/);
  });
});
