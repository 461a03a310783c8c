// appendcols on real chDB: the subsearch's results pasted onto the current ones row by row.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compile } from '@nexus/spl';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

// Half past an hour, so hourly buckets are predictable.
const now = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 30 * 60_000;
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    // this hour (hh:25, hh:10): 200, 500
    fixtureEvent(now, 5, 'status=200 user=alice', 'web01', { status: '200', user: 'alice' }),
    fixtureEvent(now, 20, 'status=500 user=bob', 'web02', { status: '500', user: 'bob' }),
    // the hour before (50, 40 past): 500, 500
    fixtureEvent(now, 40, 'status=500 user=alice', 'web01', { status: '500', user: 'alice' }),
    fixtureEvent(now, 50, 'status=500 user=carol', 'web01', { status: '500', user: 'carol' }),
    // two hours before (10 past): 404, no user
    fixtureEvent(now, 140, 'status=404', 'db01', { status: '404' }),
  ]);
});

after(async () => {
  await fx.close();
});

const rows = async (query: string, earliest = '-3h'): Promise<{ columns: string[]; rows: unknown[][] }> => {
  const r = await fx.spl(query, { earliest });
  return { columns: r.columns, rows: r.rows };
};

const hour = (h: number): string =>
  new Date(Math.floor(now / 3_600_000) * 3_600_000 - h * 3_600_000).toISOString();
const iso = (v: unknown): unknown =>
  typeof v === 'string' || typeof v === 'number' ? new Date(v).toISOString() : v;

describe('appendcols', () => {
  test('two timecharts side by side: the subsearch _time is not pasted', async () => {
    const r = await rows(
      'index=main | timechart span=1h count | appendcols [search index=main status=500 | timechart span=1h count AS errors]',
    );
    assert.deepEqual(r.columns, ['_time', 'count', 'errors']);
    assert.deepEqual(
      r.rows.map(([t, ...rest]) => [iso(t), ...rest]),
      [
        [hour(3), 0, 0],
        [hour(2), 1, 0],
        [hour(1), 2, 2],
        [hour(0), 2, 1],
      ],
    );
  });

  test('one row with one row', async () => {
    const r = await rows(
      'index=main | stats count | appendcols [search index=main | stats dc(user) AS users]',
    );
    assert.deepEqual(r.columns, ['count', 'users']);
    assert.deepEqual(r.rows, [[5, 3]]);
  });

  test('more subsearch rows: the extra rows have only the subsearch fields', async () => {
    const r = await rows(
      'index=main | stats count by host | appendcols [search index=main | stats count by user | rename count AS n]',
    );
    assert.deepEqual(r.columns, ['host', 'count', 'user', 'n']);
    assert.deepEqual(r.rows, [
      ['db01', 1, 'alice', 2],
      ['web01', 3, 'bob', 1],
      ['web02', 1, 'carol', 1],
    ]);
    const more = await rows(
      'index=main | stats count by status | head 1 | appendcols [search index=main | stats count by user]',
    );
    // A field on both sides: the current value stays; the extra rows take the subsearch's.
    assert.deepEqual(more.columns, ['status', 'count', 'user']);
    assert.deepEqual(more.rows, [
      ['200', 1, 'alice'],
      [null, 1, 'bob'],
      [null, 1, 'carol'],
    ]);
  });

  test('fewer subsearch rows: the other current rows are unchanged', async () => {
    const r = await rows(
      'index=main | stats count by host | appendcols [search index=main | stats count AS total]',
    );
    assert.deepEqual(r.rows, [
      ['db01', 1, 5],
      ['web01', 3, null],
      ['web02', 1, null],
    ]);
  });

  test('override=true: the subsearch value wins where it has one', async () => {
    const q = (o: string): string =>
      `index=main | stats count by host | appendcols ${o} [search index=main status=500 | stats count by host | head 2]`;
    assert.deepEqual((await rows(q(''))).rows, [
      ['db01', 1],
      ['web01', 3],
      ['web02', 1],
    ]);
    // The 500s: web01 twice, web02 once.
    assert.deepEqual((await rows(q('override=true'))).rows, [
      ['web01', 2],
      ['web02', 1],
      ['web02', 1],
    ]);
  });

  test('maxout caps the subsearch rows', async () => {
    const r = await rows(
      'index=main | stats count by host | appendcols maxout=1 [search index=main | stats count by user]',
    );
    assert.deepEqual(
      r.rows.map((x) => x[2]),
      ['alice', null, null],
    );
  });

  test('maxout defaults to 50,000 (not the 10,000 of append)', async () => {
    // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/appendcols: maxout
    // "Default: 50000".
    const r = await rows(
      '| makeresults count=12000 | appendcols [| makeresults count=12000 | streamstats count AS m] | stats count(m) AS pasted max(m) AS last',
    );
    assert.deepEqual(r.rows, [[12000, 12000]]);
  });

  test('over raw events: each event keeps its fields, in its order (newest first)', async () => {
    const r = await rows(
      'index=main | appendcols [search index=main | stats count by status | rename count AS n] | table _time status user n',
    );
    // `n` might be a structured field of the events too: it is a field value (text), as theirs are.
    assert.deepEqual(
      r.rows.map((x) => x.slice(1)),
      [
        ['200', 'alice', '1'],
        ['500', 'bob', '1'],
        ['500', 'alice', '3'],
        ['500', 'carol', null],
        ['404', null, null],
      ],
    );
    // A subsearch field that events have as a structured field: the event's value stays.
    const kept = await rows('index=main | appendcols [| makeresults count=5 | eval user="x"] | table user');
    assert.deepEqual(
      kept.rows.map((x) => x[0]),
      ['alice', 'bob', 'alice', 'carol', 'x'],
    );
  });

  test('a later command reads the pasted fields', async () => {
    const r = await rows(
      'index=main | stats count | appendcols [search index=main status=500 | stats count AS errors] | eval pct=round(errors*100/count, 1)',
    );
    assert.deepEqual(r.rows, [[5, 3, 60]]);
  });

  test('a subsearch of raw events over raw events: the fields of its events are pasted, main ones win', async () => {
    // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/appendcols: "All fields
    // of the subsearch are combined into the current results, with the exception of internal fields"; a field
    // both have keeps the main value unless override=true.
    const r = await rows(
      'index=main | where isnull(user) | appendcols [search index=main status=500] | table status user host',
    );
    // The 404 event (no user) takes bob from the newest 500 event; the two further 500 events follow.
    assert.deepEqual(r.rows, [
      ['404', 'bob', 'db01'],
      ['500', 'alice', 'web01'],
      ['500', 'carol', 'web01'],
    ]);
    const o = await rows(
      'index=main status=500 | appendcols override=true [search index=main status!=500] | table status user host',
    );
    // The subsearch's 200 and 404 events win where they have the field; the 404 has no user.
    assert.deepEqual(o.rows, [
      ['200', 'alice', 'web01'],
      ['404', 'alice', 'db01'],
      ['500', 'carol', 'web01'],
    ]);
  });

  test('a subsearch of raw events over raw events, shown: the events carry the pasted fields', async () => {
    const shown = await rows('index=main | where isnull(user) | appendcols [search index=main status=500]');
    const plain = await rows(
      'index=main | where isnull(user) | appendcols [search index=main status=500] | table status user',
    );
    const fields = shown.rows.map((row) => row[shown.columns.indexOf('_fields')] as Record<string, unknown>);
    assert.equal(fields.length, plain.rows.length);
    // The 404 event keeps its own status and takes bob from the newest 500 event, as read by name.
    assert.deepEqual(
      fields.map((f) => [f.status, f.user]),
      plain.rows,
    );
    assert.ok(!shown.columns.some((c) => c.startsWith('__')), shown.columns.join(', '));
  });

  test('a subsearch of raw events after stats is unsupported', () => {
    const opts = { orgId: 'acme', earliestMs: now - 3_600_000, latestMs: now, nowMs: now };
    const raw = compile('index=main | stats count | appendcols [search 404]', opts);
    assert.ok(!raw.ok);
    assert.match(raw.errors[0]?.message ?? '', /appendcols` subsearch that returns raw events/);
    assert.equal(raw.errors[0]?.code, 'unsupported');
  });

  // Search Reference 9.4, append (the appendcols page lists no extendtimerange; the option is the same):
  // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/append
  // "extendtimerange: Specifies whether to include the subsearch time range in the time range for the
  // entire search".
  test('extendtimerange=true: the commands after it see the subsearch range too', async () => {
    const q = (ext: string): string =>
      `index=main earliest=-1h | stats count | appendcols ${ext}[search index=main earliest=-3h | stats count AS older] | addinfo | table count, older, info_min_time, info_max_time`;
    const sec = (ms: number): number => ms / 1000;
    // The main search's range: the last hour (4 events); the subsearch's: the last 3 hours (all 5).
    assert.deepEqual((await rows(q(''))).rows, [[4, 5, sec(now - 3_600_000), sec(now)]]);
    assert.deepEqual((await rows(q('extendtimerange=false '))).rows, [
      [4, 5, sec(now - 3_600_000), sec(now)],
    ]);
    assert.deepEqual((await rows(q('extendtimerange=true '))).rows, [
      [4, 5, sec(now - 3 * 3_600_000), sec(now)],
    ]);
  });

  test('extendtimerange=true before a timechart: its buckets cover the subsearch range', async () => {
    // The main search from the start of the last hour (4 events), the subsearch from three hours back
    // (5 events: one in hour(2), two in hour(1), two in hour(0)); appended, then charted hourly.
    const q = (ext: string): string =>
      `index=main earliest=-1h@h | append ${ext}[search index=main earliest=-3h@h] | timechart span=1h count`;
    const chart = async (ext: string): Promise<unknown[][]> =>
      (await rows(q(ext))).rows.map(([t, n]) => [iso(t), n]);
    assert.deepEqual(await chart('extendtimerange=true '), [
      [hour(3), 0],
      [hour(2), 1],
      [hour(1), 4],
      [hour(0), 4],
    ]);
    // Without it the chart keeps the main range: no empty bucket three hours back.
    assert.ok(!(await chart('')).some(([t]) => t === hour(3)));
  });

  test('names are quoted identifiers and values parameters', () => {
    const opts = { orgId: 'acme', earliestMs: now - 3_600_000, latestMs: now, nowMs: now };
    const r = compile(
      `index=main | stats count | appendcols [search index=main user="x' OR 1=1 --" | stats count AS "a\`b; DROP TABLE logs"]`,
      opts,
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    const outside = r.sql.sql.replace(/`(?:[^`\\]|\\.)*`/g, '').toLowerCase();
    assert.ok(!outside.includes('drop table') && !outside.includes('or 1=1'), r.sql.sql);
    // The search value is bound (lowercased: search terms match case-insensitively).
    assert.ok(Object.values(r.sql.params).includes("x' or 1=1 --"));
  });
});
