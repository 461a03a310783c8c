// `transpose` on real chDB: the first results become columns `row 1` … `row N`, one row per field.
// Search Reference 9.4, transpose: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/transpose

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  // 3 events of sourcetype access, 2 of syslog, 1 of csv.
  const types = ['access', 'access', 'access', 'syslog', 'syslog', 'csv'];
  fx = await splFixture(
    now,
    // The two newest events carry structured fields (for transpose over raw events).
    types.map((t, i) =>
      fixtureEvent(now, i + 1, `e${i}`, 'h1', i === 0 ? { b: 'x', a: '1' } : i === 1 ? { a: '2' } : {}, {
        sourcetype: t,
      }),
    ),
  );
});

after(async () => {
  await fx.close();
});

describe('transpose', () => {
  test('the Search Reference example: `stats count by sourcetype | transpose`', async () => {
    const r = await fx.spl('host=h1 | stats count by sourcetype | sort -count | transpose');
    assert.deepEqual(r.columns, ['column', 'row 1', 'row 2', 'row 3']);
    assert.deepEqual(r.rows, [
      ['sourcetype', 'access', 'syslog', 'csv'],
      ['count', '3', '2', '1'],
    ]);
  });

  test('an int, column_name= and header_field=: the columns named by a field', async () => {
    const r = await fx.spl(
      'host=h1 | stats count by sourcetype | sort -count | transpose 2 column_name=field header_field=sourcetype',
    );
    assert.deepEqual(r.columns, ['field', 'access', 'syslog']);
    assert.deepEqual(r.rows, [['count', 3, 2]]);
  });

  test('over raw events: the known fields, then the structured ones by name', async () => {
    // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/transpose: "Returns
    // the specified number of rows (search results) as columns"; internal fields (_time, _raw) are left out.
    const r = await fx.spl('host=h1 | eval k="v" | transpose 2');
    assert.deepEqual(r.columns, ['column', 'row 1', 'row 2']);
    assert.deepEqual(r.rows, [
      ['index', 'main', 'main'],
      ['host', 'h1', 'h1'],
      ['source', '/var/log/app.log', '/var/log/app.log'],
      ['sourcetype', 'access', 'access'],
      ['k', 'v', 'v'],
      ['a', '1', '2'],
      ['b', 'x', null],
    ]);
  });

  test('over raw events after fillnull and replace: the fields as they left them', async () => {
    const r = await fx.spl('host=h1 | fillnull value=NA | replace x with X | transpose 2');
    assert.deepEqual(r.rows, [
      ['index', 'main', 'main'],
      ['host', 'h1', 'h1'],
      ['source', '/var/log/app.log', '/var/log/app.log'],
      ['sourcetype', 'access', 'access'],
      ['a', '1', '2'],
      ['b', 'X', 'NA'],
    ]);
  });

  test('include_empty (default true): a field empty in every transposed result keeps its row', async () => {
    // Search Reference, transpose: include_empty "Specify whether to include (true) or not include (false)
    // fields that contain empty values", default true.
    const q = 'host=h1 | stats count by sourcetype | eval e=null(), f=if(count>2, 1, null()) | sort -count';
    const r = await fx.spl(`${q} | transpose 2`);
    assert.deepEqual(r.columns, ['column', 'row 1', 'row 2']);
    assert.deepEqual(r.rows, [
      ['sourcetype', 'access', 'syslog'],
      ['count', '3', '2'],
      ['e', null, null],
      ['f', '1', null],
    ]);
    const t = await fx.spl(`${q} | transpose 2 include_empty=true`);
    assert.deepEqual(t.rows, r.rows);
    const f = await fx.spl(`${q} | transpose 2 include_empty=false`);
    assert.deepEqual(f.rows, [
      ['sourcetype', 'access', 'syslog'],
      ['count', '3', '2'],
      ['f', '1', null],
    ]);
  });

  test('a count that is not a number is reported at its place', async () => {
    const q = 'host=h1 | stats count by sourcetype | transpose many';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /`transpose` takes the number of results/);
      assert.equal(e.errors[0]?.column, q.indexOf('many') + 1);
      return true;
    });
  });
});
