// `datamodel`, `from datamodel:` and `pivot` over the CIM data models, on chDB, with the tenant's knowledge objects.
// Search Reference 9.4: "datamodel" (listing forms; `search` and `flat` modes), "from" (`datamodel:` datasets),
// "pivot" (cell values, SPLITROW, SPLITCOL, FILTER, LIMIT, ROWSUMMARY, COLSUMMARY).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import { knowledge, now, rows } from '../helpers/cim-sample.ts';
import { splFixture } from '../helpers/spl-fixture.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';

let f: SplFixture;
before(async () => {
  f = await splFixture(now, rows, { knowledge });
});
after(async () => f.close());

/** Each query is refused with a diagnostic matching its message. */
async function refused(bad: readonly (readonly [string, RegExp])[]): Promise<void> {
  for (const [q, message] of bad)
    await assert.rejects(f.spl(q), (err: unknown) => {
      assert.ok(err instanceof QueryInputError, `${q}: ${String(err)}`);
      assert.match(err.errors[0]?.message ?? '', message, q);
      return true;
    });
}

/** The statement's SELECT count: every form compiles to one statement (no second query). */
const oneStatement = (sql: string): void => {
  assert.equal(sql.split(';').filter((s) => s.trim() !== '').length, 1, sql);
};

describe('datamodel', () => {
  test('`| datamodel` lists every model as Splunk JSON in _raw', async () => {
    const r = await f.spl('| datamodel | table modelName');
    const names = r.rows.map((x) => x[0]);
    for (const m of ['Authentication', 'Endpoint', 'Network_Traffic', 'Web', 'Change'])
      assert.ok(names.includes(m), m);
    const one = await f.spl('| datamodel Authentication | table modelName _raw');
    assert.equal(one.rows.length, 1);
    const json = JSON.parse(String(one.rows[0]?.[1])) as {
      objects: { objectName: string; parentName: string }[];
    };
    assert.deepEqual(
      json.objects.find((o) => o.objectName === 'Failed_Authentication')?.parentName,
      'Authentication',
    );
    const ds = await f.spl('| datamodel Endpoint Processes | table modelName objectName');
    assert.deepEqual(ds.rows, [['Endpoint', 'Processes']]);
  });

  test('`search` mode: the dataset events with <Dataset>.<field> names', async () => {
    const r = await f.spl(
      '| datamodel Endpoint Processes search | stats count by Processes.dest Processes.process_name',
    );
    assert.deepEqual(r.rows, [
      ['WIN-1', 'cmd.exe', 2],
      ['WIN-2', 'powershell.exe', 1],
    ]);
    oneStatement(r.sql);
    const child = await f.spl(
      '| datamodel Authentication Failed_Authentication search | stats count by Authentication.src',
    );
    assert.deepEqual(child.rows, [['10.0.0.9', 2]]);
    // strict_fields=false (every field of the events) is what Nexus returns either way.
    const loose = await f.spl(
      '| datamodel Endpoint Processes search strict_fields=false | stats count by Processes.dest Processes.process_name',
    );
    assert.deepEqual(loose.rows, [
      ['WIN-1', 'cmd.exe', 2],
      ['WIN-2', 'powershell.exe', 1],
    ]);
  });

  test('`flat` mode and `from datamodel:` keep the fields’ own names; the same rows as tstats and the raw search', async () => {
    const flat = await f.spl('| datamodel Endpoint Processes flat | stats count by dest process_name');
    const from = await f.spl('| from datamodel:Endpoint.Processes | stats count by dest process_name');
    const space = await f.spl('| from datamodel Endpoint.Processes | stats count by dest process_name');
    const tstats = await f.spl(
      '| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.process_name',
    );
    const raw = await f.spl('tag=process tag=report | stats count by dest process_name');
    const expected = [
      ['WIN-1', 'cmd.exe', 2],
      ['WIN-2', 'powershell.exe', 1],
    ];
    for (const r of [flat, from, space, tstats, raw]) assert.deepEqual(r.rows, expected);
    oneStatement(from.sql);
  });

  test('diagnostics: unknown model, dataset and mode; unsupported modes', async () => {
    const bad = [
      ['| datamodel Endpoit Processes search', /unknown data model `Endpoit`/],
      ['| datamodel Endpoint Proceses search', /has no dataset `Proceses`/],
      ['| datamodel Endpoint Processes serch', /not a data model search mode/],
      [
        '| datamodel Web Proxy acceleration_search',
        /works on root datasets only: `Proxy` is a child of `Web`/,
      ],
      ['| from lookup:geo', /unknown lookup table `geo`/],
      ['index=main | datamodel Web', /generating command/],
    ] as const;
    await refused(bad);
  });
});

describe('pivot', () => {
  test('cell value over the dataset with SPLITROW labels (Search Reference, pivot example 1)', async () => {
    const r = await f.spl('| pivot Endpoint Processes count(Processes) AS "Count" SPLITROW dest AS "Host"');
    assert.deepEqual(r.columns, ['Host', 'Count']);
    assert.deepEqual(r.rows, [
      ['WIN-1', 2],
      ['WIN-2', 1],
    ]);
    oneStatement(r.sql);
  });

  // Search Reference, pivot: "SPLITROW <rowvalue>" … "AS <label>" names the row column; the cells are still
  // computed over the field itself (https://help.splunk.com/splunk-cloud-platform/spl-search-reference/10.0.2503/search-commands/pivot).
  test('a SPLITROW label names the output column only: a cell over the same field still sees it', async () => {
    const r = await f.spl(
      '| pivot Endpoint Processes count(dest) AS n, dc(dest) AS hosts SPLITROW dest AS "Host"',
    );
    assert.deepEqual(r.columns, ['Host', 'n', 'hosts']);
    assert.deepEqual(r.rows, [
      ['WIN-1', 2, 1],
      ['WIN-2', 1, 1],
    ]);
    // With a column split, and with the COLSUMMARY row (its `ALL` is the label's, not the field's value).
    const cols = await f.spl(
      '| pivot Endpoint Processes dc(dest) AS hosts SPLITROW dest AS Host SPLITCOL user COLSUMMARY true',
    );
    assert.deepEqual(cols.columns, ['Host', 'alice', 'bob']);
    assert.deepEqual(cols.rows, [
      ['WIN-1', 1, 0],
      ['WIN-2', 0, 1],
      ['ALL', 1, 1],
    ]);
    const summary = await f.spl(
      '| pivot Endpoint Processes dc(dest) AS hosts SPLITROW dest AS Host SPLITROW user COLSUMMARY true',
    );
    assert.deepEqual(summary.columns, ['Host', 'user', 'hosts']);
    assert.deepEqual(summary.rows, [
      ['WIN-1', 'alice', 1],
      ['WIN-2', 'bob', 1],
      ['ALL', null, 2],
    ]);
    oneStatement(summary.sql);
  });

  test('FILTER operators and field statistics', async () => {
    const is = await f.spl(
      '| pivot Endpoint Processes dc(user) AS users SPLITROW dest FILTER process_name is cmd.exe',
    );
    assert.deepEqual(is.rows, [['WIN-1', 1]]);
    const contains = await f.spl(
      '| pivot Endpoint Processes count(Processes) FILTER process_name contains power',
    );
    assert.deepEqual(contains.rows, [[1]]);
    assert.deepEqual(contains.columns, ['count(Processes)']);
    const not = await f.spl('| pivot Endpoint Processes count(Processes) FILTER user isNot alice');
    assert.deepEqual(not.rows, [[1]]);
    const inList = await f.spl(
      '| pivot Authentication Authentication count(Authentication) SPLITROW action FILTER user in (root, nobody)',
    );
    assert.deepEqual(inList.rows, [['failure', 2]]);
  });

  test('LIMIT keeps the top rows by a statistic', async () => {
    const r = await f.spl(
      '| pivot Endpoint Processes count(Processes) AS n SPLITROW process_name LIMIT process_name BY top 1 count(Processes)',
    );
    assert.deepEqual(r.rows, [['cmd.exe', 2]]);
    assert.deepEqual(r.columns, ['process_name', 'n']);
    // A tie (each process ran on one host) keeps the rows' order by value, as a stable sort does; the
    // COLSUMMARY row is over the kept row's events (2 of the 3).
    const tie = await f.spl(
      '| pivot Endpoint Processes count(Processes) AS n SPLITROW process_name LIMIT process_name BY top 1 dc(dest) COLSUMMARY true',
    );
    assert.deepEqual(tie.rows, [
      ['cmd.exe', 2],
      ['ALL', 2],
    ]);
  });

  test('SPLITCOL: one column per value', async () => {
    const r = await f.spl('| pivot Endpoint Processes count(Processes) SPLITROW dest SPLITCOL user');
    assert.deepEqual(r.columns, ['dest', 'alice', 'bob']);
    assert.deepEqual(r.rows, [
      ['WIN-1', 2, 0],
      ['WIN-2', 0, 1],
    ]);
  });

  // Search Reference, pivot: "(SPLITCOL colvalue [options])*" — split rows and columns "can be interleaved, for
  // example: avg(val), SPLITCOL foo, SPLITROW bar, SPLITCOL baz". The page does not say how the columns of
  // several column splits are named; Nexus joins the values in SPLITCOL order with `: ` (chart's `sep`).
  test('several SPLITCOLs: one column per combination of values, `<value>: <value>`', async () => {
    const r = await f.spl(
      '| pivot Endpoint Processes count(Processes) SPLITCOL process_name SPLITROW dest SPLITCOL user',
    );
    assert.deepEqual(r.columns, ['dest', 'cmd.exe: alice', 'powershell.exe: bob']);
    assert.deepEqual(r.rows, [
      ['WIN-1', 2, 0],
      ['WIN-2', 0, 1],
    ]);
    oneStatement(r.sql);
    // Several cells, ROWSUMMARY and COLSUMMARY.
    const two = await f.spl(
      '| pivot Endpoint Processes count(Processes) AS n, dc(user) AS u SPLITROW dest SPLITCOL process_name SPLITCOL user ROWSUMMARY true COLSUMMARY true',
    );
    assert.deepEqual(two.columns, [
      'dest',
      'n: cmd.exe: alice',
      'n: powershell.exe: bob',
      'u: cmd.exe: alice',
      'u: powershell.exe: bob',
      'n: ALL',
      'u: ALL',
    ]);
    assert.deepEqual(two.rows, [
      ['WIN-1', 2, 0, 1, 0, 2, 1],
      ['WIN-2', 0, 1, 0, 1, 1, 1],
      ['ALL', 2, 1, 1, 1, 3, 2],
    ]);
    // NUMCOLS keeps the largest combinations; the rest is OTHER.
    const top = await f.spl(
      '| pivot Endpoint Processes count(Processes) SPLITROW dest SPLITCOL process_name SPLITCOL user NUMCOLS 1',
    );
    assert.deepEqual(top.columns, ['dest', 'cmd.exe: alice', 'OTHER']);
    // An event without one of the fields (Authentication has no `dest` here) counts in the NULL column.
    const missing = await f.spl(
      '| pivot Authentication Authentication count(Authentication) SPLITROW src SPLITCOL action SPLITCOL dest',
    );
    assert.deepEqual(missing.columns, ['src', 'NULL']);
    assert.deepEqual(missing.rows, [
      ['10.0.0.5', 1],
      ['10.0.0.9', 2],
    ]);
  });

  // Search Reference, pivot: "(SPLITROW <rowvalue>)* (SPLITCOL colvalue [options])*" — any number of each,
  // interleaved (https://help.splunk.com/splunk-cloud-platform/spl-search-reference/10.0.2503/search-commands/pivot).
  // A column split without a row split is one row of cells, one per column value, as Pivot shows it.
  test('SPLITCOL without a SPLITROW: one row, a cell per column value', async () => {
    const r = await f.spl('| pivot Endpoint Processes count(Processes) SPLITCOL user');
    assert.deepEqual(r.columns, ['alice', 'bob']);
    assert.deepEqual(r.rows, [[2, 1]]);
    oneStatement(r.sql);
    // Several cells with ROWSUMMARY: `<cell>: ALL` over all the events; COLSUMMARY has no row field to
    // label and the one row already is over all the events, so it adds nothing.
    const two = await f.spl(
      '| pivot Endpoint Processes count(Processes) AS n, dc(dest) AS d SPLITCOL user ROWSUMMARY true COLSUMMARY true',
    );
    assert.deepEqual(two.columns, ['n: alice', 'n: bob', 'd: alice', 'd: bob', 'n: ALL', 'd: ALL']);
    assert.deepEqual(two.rows, [[2, 1, 1, 1, 3, 2]]);
    // NUMCOLS folds the rest into OTHER; addtotals sums the one row.
    const top = await f.spl(
      '| pivot Endpoint Processes count(Processes) SPLITCOL user NUMCOLS 1 | addtotals',
    );
    assert.deepEqual(top.columns, ['alice', 'OTHER', 'Total']);
    assert.deepEqual(top.rows, [[2, 1, 3]]);
  });

  test('several SPLITROWs with a SPLITCOL: a row per combination of the row fields', async () => {
    const r = await f.spl(
      '| pivot Endpoint Processes count(Processes) SPLITROW dest AS Host SPLITCOL user SPLITROW process_name ROWSUMMARY true COLSUMMARY true',
    );
    assert.deepEqual(r.columns, ['Host', 'process_name', 'alice', 'bob', 'ALL']);
    assert.deepEqual(r.rows, [
      ['WIN-1', 'cmd.exe', 2, 0, 2],
      ['WIN-2', 'powershell.exe', 0, 1, 1],
      ['ALL', null, 2, 1, 3],
    ]);
    oneStatement(r.sql);
    // A cell over a row field still reads the field's values in the COLSUMMARY row: its `ALL` cell counts
    // the 2 hosts of all the events.
    const dc = await f.spl(
      '| pivot Endpoint Processes dc(dest) AS hosts SPLITROW user SPLITROW dest AS Host SPLITCOL process_name ROWSUMMARY true COLSUMMARY true',
    );
    assert.deepEqual(dc.columns, ['user', 'Host', 'cmd.exe', 'powershell.exe', 'ALL']);
    assert.deepEqual(dc.rows, [
      ['alice', 'WIN-1', 1, 0, 1],
      ['bob', 'WIN-2', 0, 1, 1],
      ['ALL', null, 1, 1, 2],
    ]);
    // An event missing a row field (Authentication has no `dest` here) is in no row, as with stats.
    const missing = await f.spl(
      '| pivot Authentication Authentication count(Authentication) SPLITROW src SPLITROW dest SPLITCOL action',
    );
    assert.deepEqual(missing.rows, []);
  });

  // Search Reference, pivot: ROWSUMMARY / COLSUMMARY <true | false>.
  test('ROWSUMMARY: an `ALL` column with each row’s total over the split columns', async () => {
    const r = await f.spl(
      '| pivot Endpoint Processes count(Processes) SPLITROW dest SPLITCOL user ROWSUMMARY true',
    );
    assert.deepEqual(r.columns, ['dest', 'alice', 'bob', 'ALL']);
    assert.deepEqual(r.rows, [
      ['WIN-1', 2, 0, 2],
      ['WIN-2', 0, 1, 1],
    ]);
    const off = await f.spl(
      '| pivot Endpoint Processes count(Processes) SPLITROW dest SPLITCOL user ROWSUMMARY false',
    );
    assert.deepEqual(off.columns, ['dest', 'alice', 'bob']);
    // Several cells: one `<cell>: ALL` total each.
    const two = await f.spl(
      '| pivot Endpoint Processes count(Processes) AS n, dc(user) AS u SPLITROW dest SPLITCOL process_name ROWSUMMARY true',
    );
    assert.deepEqual(two.columns, [
      'dest',
      'n: cmd.exe',
      'n: powershell.exe',
      'u: cmd.exe',
      'u: powershell.exe',
      'n: ALL',
      'u: ALL',
    ]);
    assert.deepEqual(two.rows, [
      ['WIN-1', 2, 0, 1, 0, 2, 1],
      ['WIN-2', 0, 1, 0, 1, 1, 1],
    ]);
  });

  test('COLSUMMARY: a last row `ALL` with each cell’s statistic over all the events, in the same statement', async () => {
    const r = await f.spl(
      '| pivot Endpoint Processes count(Processes) SPLITROW dest SPLITCOL user ROWSUMMARY true COLSUMMARY true',
    );
    assert.deepEqual(r.columns, ['dest', 'alice', 'bob', 'ALL']);
    assert.deepEqual(r.rows, [
      ['WIN-1', 2, 0, 2],
      ['WIN-2', 0, 1, 1],
      ['ALL', 2, 1, 3],
    ]);
    oneStatement(r.sql);
    // Without a column split: the cells over all events; the first row field says `ALL`, the others are empty.
    const rows = await f.spl(
      '| pivot Endpoint Processes count(Processes) AS n, dc(user) AS users SPLITROW dest AS Host SPLITROW user COLSUMMARY true',
    );
    assert.deepEqual(rows.columns, ['Host', 'user', 'n', 'users']);
    assert.deepEqual(rows.rows, [
      ['WIN-1', 'alice', 2, 1],
      ['WIN-2', 'bob', 1, 1],
      ['ALL', null, 3, 2],
    ]);
  });

  // Search Reference, addcoltotals and addtotals (col=true, labelfield, label, fieldname) after a pivot:
  // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/addcoltotals ,
  // https://help.splunk.com/splunk-cloud-platform/spl-search-reference/10.0.2503/search-commands/addtotals
  test('addcoltotals and addtotals col=true after a pivot with SPLITCOL: a totals row, in the same statement', async () => {
    const r = await f.spl(
      '| pivot Endpoint Processes count(Processes) SPLITROW dest SPLITCOL user | addcoltotals labelfield=dest label=ALL',
    );
    assert.deepEqual(r.columns, ['dest', 'alice', 'bob']);
    assert.deepEqual(r.rows, [
      ['WIN-1', 2, 0],
      ['WIN-2', 0, 1],
      ['ALL', 2, 1],
    ]);
    oneStatement(r.sql);
    const t = await f.spl(
      '| pivot Endpoint Processes count(Processes) SPLITROW dest SPLITCOL user | addtotals col=true labelfield=dest fieldname=n',
    );
    assert.deepEqual(t.columns, ['dest', 'alice', 'bob', 'n']);
    assert.deepEqual(t.rows, [
      ['WIN-1', 2, 0, 2],
      ['WIN-2', 0, 1, 1],
      ['Total', 2, 1, 3],
    ]);
  });

  test('diagnostics: malformed elements and what is not compiled', async () => {
    const bad = [
      ['| pivot Endpoint Processes SPLITROW dest', /expected a cell value/],
      ['| pivot Endpoint Processes count(Processes) SPLITROW', /expected a field name/],
      ['| pivot Endpoint Processes count(Processes) FILTER dest resembles x', /unknown operator `resembles`/],
      ['| pivot Endpoint Nope count(Nope)', /has no dataset `Nope`/],
    ] as const;
    await refused(bad);
  });

  // Search Reference, pivot: `SPLITROW <field> AS <label> [options]` but `SPLITCOL <field> [options]`: a column
  // split has no label (its columns are named by the field's values), so `AS` there is an error at its text,
  // not a label silently ignored.
  test('SPLITCOL … AS <label> is a positioned syntax error', async () => {
    const q =
      '| pivot Endpoint Processes count(Processes) SPLITROW dest SPLITCOL user AS "User" SHOWOTHER false';
    await assert.rejects(f.spl(q), (err: unknown) => {
      assert.ok(err instanceof QueryInputError, String(err));
      const e = err.errors[0];
      assert.equal(e?.code, 'syntax');
      assert.match(
        e?.message ?? '',
        /`pivot SPLITCOL` takes no `AS <label>`: its columns are named by the values of `user`/,
      );
      assert.deepEqual(
        [e?.line, e?.column, e?.endColumn],
        [1, q.indexOf('AS "User"') + 1, q.indexOf(' SHOWOTHER') + 1],
      );
      return true;
    });
    // The same split without the label compiles.
    const ok = await f.spl(q.replace(' AS "User"', ''));
    assert.deepEqual(ok.columns, ['dest', 'alice', 'bob']);
  });
});
