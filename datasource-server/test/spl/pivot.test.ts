// Series as columns on real chDB: timechart/chart with a split-by field (limit, OTHER, NULL), xyseries,
// untable, and the commands that work on series afterwards.
//
// Splunk references: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/timechart ,
// …/chart , …/xyseries , …/untable .

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { QueryInputError, runSpl } from '../../src/query/service.ts';
import type { LogRow } from '../../src/store/index.ts';
import { fixtureStore } from '../helpers/fixture-store.ts';

// The top of an hour, so 10-minute buckets are fixed: the range is the hour before it.
const now = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const iso = (minutesAgo: number): string =>
  new Date(now - minutesAgo * 60_000).toISOString().replace('T', ' ').replace('Z', '');

function event(minutesAgo: number, host: string, fields: Record<string, string>): LogRow {
  return {
    org_id: 'acme',
    index: 'main',
    _time: now - minutesAgo * 60_000,
    host,
    source: 'app',
    sourcetype: 'access',
    _raw: Object.entries(fields)
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
    fields,
  };
}

const fixture: LogRow[] = [
  event(55, 'a', { status: '200', bytes: '100' }),
  event(54, 'a', { status: '500', bytes: '300' }),
  event(45, 'b', { status: '200', bytes: '50' }),
  event(44, 'c', { status: '404', bytes: '10' }),
  event(35, 'a', { status: '200', bytes: '20' }),
  event(34, 'd', { status: '200', bytes: '5' }),
  // nothing 30–20 minutes ago: an empty bucket
  event(15, 'e', { status: '200', bytes: '1' }),
  event(5, 'a', { status: '500', bytes: '7' }),
  event(4, 'f', { bytes: '2' }),
  { ...event(5, 'a', { status: '500' }), org_id: 'other' },
];

const { store } = fixtureStore(fixture);

async function spl(query: string): Promise<{ columns: string[]; rows: unknown[][]; types: string[] }> {
  const r = await runSpl(store(), 'acme', { query, earliest: '-1h', latest: 'now' }, { nowMs: now });
  return { columns: r.columns.map((c) => c.name), types: r.columns.map((c) => c.type), rows: r.rows };
}

/** Rows as objects keyed by column, for readable assertions. */
const records = (r: { columns: string[]; rows: unknown[][] }): Record<string, unknown>[] =>
  r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i]])));

describe('timechart … by <field>', () => {
  test('one column per series, a row for every bucket of the range, 0 where a series had no events', async () => {
    const r = await spl('index=main | timechart span=10m count by host');
    assert.deepEqual(r.columns, ['_time', 'a', 'b', 'c', 'd', 'e', 'f']);
    assert.deepEqual(r.rows, [
      [iso(60), 2, 0, 0, 0, 0, 0],
      [iso(50), 0, 1, 1, 0, 0, 0],
      [iso(40), 1, 0, 0, 1, 0, 0],
      [iso(30), 0, 0, 0, 0, 0, 0],
      [iso(20), 0, 0, 0, 0, 1, 0],
      [iso(10), 1, 0, 0, 0, 0, 1],
    ]);
  });

  test('limit=N keeps the N series with the largest totals; the rest is OTHER, counted from its events', async () => {
    const r = await spl('index=main | timechart span=10m limit=2 count by host');
    // a has 4 events; b..f one each, so the tie goes to the first name.
    assert.deepEqual(r.columns, ['_time', 'a', 'b', 'OTHER']);
    assert.deepEqual(
      r.rows.map((row) => row.slice(1)),
      [
        [2, 0, 0],
        [0, 1, 1],
        [1, 0, 1],
        [0, 0, 0],
        [0, 0, 1],
        [1, 0, 1],
      ],
    );
    const noOther = await spl('index=main | timechart span=10m limit=2 useother=f count by host');
    assert.deepEqual(noOther.columns, ['_time', 'a', 'b']);
    const bottom = await spl('index=main | timechart span=10m limit=bottom1 useother=f count by host');
    assert.deepEqual(bottom.columns, ['_time', 'b']);
    const all = await spl('index=main | timechart span=10m limit=0 count by host');
    assert.deepEqual(all.columns, ['_time', 'a', 'b', 'c', 'd', 'e', 'f']);
  });

  test('OTHER is the statistic over the folded events, not a sum of the series', async () => {
    const r = await spl('index=main | timechart span=1h limit=1 avg(bytes) by host cont=f');
    // a: 100, 300, 20, 7; the others: 50, 10, 5, 1, 2.
    assert.deepEqual(records(r), [{ _time: iso(60), a: 106.75, OTHER: 13.6 }]);
  });

  test('events without the split field form the NULL series (nullstr), or none with usenull=f', async () => {
    const r = await spl('index=main | timechart span=1h cont=f count by status');
    // Numbers in numeric order, then text, then NULL and OTHER.
    assert.deepEqual(r.columns, ['_time', '200', '404', '500', 'NULL']);
    assert.deepEqual(r.rows, [[iso(60), 5, 1, 2, 1]]);
    const named = await spl('index=main | timechart span=1h cont=f nullstr="none" count by status');
    assert.deepEqual(named.columns, ['_time', '200', '404', '500', 'none']);
    const without = await spl('index=main | timechart span=1h cont=f usenull=f limit=1 count by status');
    // f's event has no status: it is not folded into OTHER either.
    assert.deepEqual(records(without), [{ _time: iso(60), 200: 5, OTHER: 3 }]);
  });

  test('statistics other than counts are empty (null) where a series had no events', async () => {
    const r = await spl('index=main | timechart span=30m avg(bytes) by host');
    assert.deepEqual(records(r), [
      { _time: iso(60), a: 140, b: 50, c: 10, d: 5, e: null, f: null },
      { _time: iso(30), a: 7, b: null, c: null, d: null, e: 1, f: 2 },
    ]);
  });

  test('several statistics: `<stat>: <series>` columns, or with sep=', async () => {
    const r = await spl('index=main | timechart span=1h cont=f limit=1 count, max(bytes) by host');
    assert.deepEqual(r.columns, ['_time', 'count: a', 'count: OTHER', 'max(bytes): a', 'max(bytes): OTHER']);
    assert.deepEqual(r.rows, [[iso(60), 4, 5, 300, 50]]);
    const sep = await spl('index=main | timechart span=1h cont=f limit=1 sep="-" count, max(bytes) by host');
    assert.deepEqual(sep.columns, ['_time', 'count-a', 'count-OTHER', 'max(bytes)-a', 'max(bytes)-OTHER']);
  });

  test('series values are numbers for Grafana; values() series are lists', async () => {
    const r = await spl('index=main | timechart span=1h cont=f count by host');
    assert.ok(r.types.slice(1).every((t) => /Float64/.test(t)));
    const lists = await spl('index=main | timechart span=1h cont=f limit=1 values(status) by host');
    assert.deepEqual(records(lists), [{ _time: iso(60), a: ['200', '500'], OTHER: ['200', '404'] }]);
  });
});

describe('chart … over … by …', () => {
  test('rows by the row field, one column per value of the column field (Search Reference: chart count over x by y)', async () => {
    const r = await spl('index=main | chart count over host by status');
    assert.deepEqual(r.columns, ['host', '200', '404', '500', 'NULL']);
    assert.deepEqual(r.rows, [
      ['a', 2, 0, 2, 0],
      ['b', 1, 0, 0, 0],
      ['c', 0, 1, 0, 0],
      ['d', 1, 0, 0, 0],
      ['e', 1, 0, 0, 0],
      ['f', 0, 0, 0, 1],
    ]);
    const by = await spl('index=main | chart count by host status');
    assert.deepEqual(by.rows, r.rows);
  });

  test('limit, useother and usenull apply to the column field', async () => {
    const r = await spl('index=main | chart limit=1 usenull=f sum(bytes) over host by status');
    // 500 has the larger total (307 against 176).
    assert.deepEqual(r.columns, ['host', '500', 'OTHER']);
    assert.deepEqual(r.rows, [
      ['a', 307, 120],
      ['b', null, 50],
      ['c', null, 10],
      ['d', null, 5],
      ['e', null, 1],
    ]);
  });

  test('a third field is an error at its position', async () => {
    await assert.rejects(spl('index=main | chart count over host by status bytes'), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /one row field and one column field/);
      return true;
    });
  });
});

describe('commands after series', () => {
  const base = 'index=main | timechart span=30m count by host';

  test('a series is read by name: where, eval, sort', async () => {
    const r = await spl(`${base} | where a > 1 | eval ab = a + b | table _time ab`);
    assert.deepEqual(r.rows, [[iso(60), 4]]);
  });

  test('fields and table select series with wildcards, in the order asked', async () => {
    const t = await spl(`${base} | table _time e a*`);
    assert.deepEqual(t.columns, ['_time', 'e', 'a']);
    const f = await spl(`${base} | fields - b c d`);
    assert.deepEqual(f.columns, ['_time', 'a', 'e', 'f']);
    const missing = await spl(`${base} | table _time nosuchhost`);
    assert.deepEqual(missing.columns, ['_time']);
  });

  test('rename renames series, wildcards included', async () => {
    const r = await spl(`${base} | rename a AS alpha, * AS host_*`);
    assert.deepEqual(r.columns, [
      'host__time',
      'host_alpha',
      'host_b',
      'host_c',
      'host_d',
      'host_e',
      'host_f',
    ]);
  });

  test('fillnull fills empty cells; addtotals adds up every series', async () => {
    const r = await spl('index=main | timechart span=30m avg(bytes) by host | fillnull value=0 | addtotals');
    assert.deepEqual(records(r), [
      { _time: iso(60), a: 140, b: 50, c: 10, d: 5, e: 0, f: 0, Total: 205 },
      { _time: iso(30), a: 7, b: 0, c: 0, d: 0, e: 1, f: 2, Total: 10 },
    ]);
    const some = await spl(`${base} | addtotals fieldname=ab a b`);
    assert.deepEqual(
      records(some).map((x) => x.ab),
      [4, 1],
    );
  });

  // Search Reference, addcoltotals: "appends a new result to the end of the search result set. The result
  // contains the sum of each numeric field or you can specify which fields to summarize"; `labelfield` gets
  // `label` (default Total). https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/addcoltotals
  test('addcoltotals after chart and timechart: a last row with the sum of each series', async () => {
    const r = await spl('index=main | chart count over host by status | addcoltotals labelfield=host');
    assert.deepEqual(r.columns, ['host', '200', '404', '500', 'NULL']);
    assert.deepEqual(r.rows.at(-1), ['Total', 5, 1, 2, 1]);
    assert.equal(r.rows.length, 7);
    // No label field: the row key (`_time`) is empty in the totals row and keeps its type.
    const t = await spl(`${base} | addcoltotals`);
    assert.deepEqual(t.rows.at(-1), [null, 4, 1, 1, 1, 1, 1]);
    assert.match(t.types[0] ?? '', /DateTime64/);
    // A field list selects series (wildcards included); the others stay empty. avg series: nulls are skipped.
    const some = await spl(
      'index=main | chart avg(bytes) over host by status | addcoltotals labelfield=host label=ALL 2* NULL',
    );
    assert.deepEqual(some.rows.at(-1), ['ALL', 116, null, null, 2]);
    // Text series (latest) are added up as numbers; list series (values) have no sum.
    const text = await spl(
      'index=main | chart latest(bytes) over host by status | addcoltotals labelfield=host',
    );
    assert.deepEqual(text.rows.at(-1), ['Total', '76', '10', '7', '2']);
    const lists = await spl(
      'index=main | chart values(bytes) over host by status | addcoltotals labelfield=host',
    );
    assert.deepEqual(lists.rows.at(-1), ['Total', null, null, null, null]);
  });

  // Search Reference, addtotals: "If col=true, the addtotals command computes the column totals, which adds a
  // new result at the end that represents the sum of each field. labelfield, if specified, is a field that will
  // be added to this summary event with the value set by the 'label' option."
  // https://help.splunk.com/splunk-cloud-platform/spl-search-reference/10.0.2503/search-commands/addtotals
  test('addtotals col=true after chart: the row totals, then a totals row that adds them up too', async () => {
    const r = await spl(
      'index=main | chart sum(bytes) over host by status | addtotals col=t labelfield=host label=All fieldname=Sum',
    );
    assert.deepEqual(r.columns, ['host', '200', '404', '500', 'NULL', 'Sum']);
    assert.deepEqual(r.rows[0], ['a', 120, null, 307, null, 427]);
    assert.deepEqual(r.rows.at(-1), ['All', 176, 10, 307, 2, 495]);
    // row=false: no row totals; a label field that is not a column is empty in the other rows.
    const rowless = await spl(`${base} | addtotals col=true row=false labelfield=kind`);
    assert.deepEqual(rowless.columns, ['_time', 'a', 'b', 'c', 'd', 'e', 'f', 'kind']);
    assert.deepEqual(
      rowless.rows.map((x) => x.at(-1)),
      [null, null, 'Total'],
    );
    assert.deepEqual(rowless.rows.at(-1), [null, 4, 1, 1, 1, 1, 1, 'Total']);
    // A field list: the listed series and their row total are added up, the other series stay empty.
    const listed = await spl(`${base} | addtotals col=true a b`);
    assert.deepEqual(listed.rows.at(-1), [null, 4, 1, null, null, null, null, 5]);
  });

  test('eval of a series name replaces that series', async () => {
    const r = await spl(`${base} | eval a = a * 10 | table _time a b`);
    assert.deepEqual(r.rows, [
      [iso(60), 30, 1],
      [iso(30), 10, 0],
    ]);
  });

  test('append over series is unsupported, with a hint (join merges them: metrics/mstats.test.ts)', async () => {
    await assert.rejects(
      spl(`${base} | append [| makeresults]`),
      /`append` with the series of `timechart`, `chart … by` or `xyseries` is not supported yet/,
    );
  });
});

describe('xyseries and untable', () => {
  test('xyseries pivots stats rows (Search Reference: stats count by x y | xyseries x y count)', async () => {
    const r = await spl('index=main | stats count by host status | xyseries host status count');
    assert.deepEqual(r.columns, ['host', '200', '404', '500']);
    assert.deepEqual(r.rows, [
      ['a', 2, null, 2],
      ['b', 1, null, null],
      ['c', null, 1, null],
      ['d', 1, null, null],
      ['e', 1, null, null],
    ]);
  });

  test('several value fields name columns `<field>: <y>`', async () => {
    const r = await spl(
      'index=main | stats count, sum(bytes) AS total by host status | where host="a" | xyseries host status count total',
    );
    assert.deepEqual(records(r), [
      { host: 'a', 'count: 200': 2, 'count: 500': 2, 'total: 200': 120, 'total: 500': 307 },
    ]);
  });

  test('sep= and format= name the columns of several value fields; grouped=true changes nothing', async () => {
    // Search Reference, xyseries: "format … takes precedence over sep … $AGG$ … $VAL$".
    const q = 'index=main | stats count, sum(bytes) AS total by host status | where host="a" | xyseries';
    const sep = await spl(`${q} host status count total sep="|"`);
    assert.deepEqual(records(sep), [
      { host: 'a', 'count|200': 2, 'count|500': 2, 'total|200': 120, 'total|500': 307 },
    ]);
    const formatted = await spl(`${q} grouped=t host status count total sep="|" format="$VAL$ of $AGG$"`);
    assert.deepEqual(records(formatted), [
      { host: 'a', '200 of count': 2, '500 of count': 2, '200 of total': 120, '500 of total': 307 },
    ]);
  });

  test('untable turns columns back into rows and undoes xyseries', async () => {
    const rows = await spl('index=main | stats count by host status | sort host status');
    const back = await spl(
      'index=main | stats count by host status | xyseries host status count | untable host status count | sort host status',
    );
    assert.deepEqual(back.rows, rows.rows);
    const fromTimechart = await spl(
      `index=main | timechart span=1h cont=f limit=2 count by host | untable _time host count`,
    );
    assert.deepEqual(fromTimechart.rows, [
      [iso(60), 'a', 4],
      [iso(60), 'b', 1],
      [iso(60), 'OTHER', 4],
    ]);
  });

  test('untable of plain columns: one row per field other than the key', async () => {
    const r = await spl('| makeresults | eval x="k", a=1, b=2 | untable x name value');
    assert.deepEqual(r.rows, [
      ['k', 'a', 1],
      ['k', 'b', 2],
    ]);
  });
});
