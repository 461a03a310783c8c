// `makeresults annotate=`, `format=csv|json data=` on real chDB.
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/makeresults ("annotate",
// "Fields generated with annotate=true", "format", "data")

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { namedRows, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.UTC(2026, 11, 8, 4, 0, 0);
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, []);
});

after(async () => {
  await fx.close();
});

const results = (q: string): ReturnType<typeof namedRows> => namedRows(fx, q);

/** `_time` as the service answers it, for `ms`. */
const timeOf = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

describe('makeresults annotate', () => {
  test('annotate=true: the page’s fields, all empty but splunk_server, count results', async () => {
    const r = await results('| makeresults count=2 annotate=true');
    assert.deepEqual(r.columns, [
      '_raw',
      '_time',
      'host',
      'source',
      'sourcetype',
      'splunk_server',
      'splunk_server_group',
    ]);
    assert.equal(r.rows.length, 2);
    for (const row of r.rows) {
      assert.deepEqual(
        { ...row, _time: undefined },
        {
          _raw: null,
          _time: undefined,
          host: null,
          source: null,
          sourcetype: null,
          splunk_server: 'nexus',
          splunk_server_group: null,
        },
      );
      assert.equal(row._time, timeOf(now));
    }
  });

  test('annotate=false is the plain form; splunk_server=local is accepted', async () => {
    const r = await results('| makeresults count=3 annotate=f splunk_server=local');
    assert.deepEqual(r.columns, ['_time']);
    assert.equal(r.rows.length, 3);
  });
});

describe('makeresults format=csv data=', () => {
  test('a result per line after the header, in order; quoted values keep commas and line breaks', async () => {
    const q =
      '| makeresults count=9 format=csv data="user, dept,n\nann,\\"R&D, Paris\\",3\nbob,\\"ops\nnight\\",10\ncat,,1"';
    const r = await results(q);
    assert.deepEqual(r.columns, ['_time', 'user', 'dept', 'n']);
    assert.deepEqual(
      r.rows.map((row) => [row.user, row.dept, row.n]),
      [
        ['ann', 'R&D, Paris', '3'],
        ['bob', 'ops\nnight', '10'],
        ['cat', '', '1'],
      ],
    );
    // count= is ignored with data=; _time is the search's now.
    assert.equal(r.rows[0]?._time, timeOf(now));
  });

  test('the values are Splunk’s text: arithmetic and statistics read the numbers in them', async () => {
    const r = await results(
      '| makeresults format=csv data="host,bytes\nweb1,100\nweb2,50\nweb1,25" | eval kb=bytes/25 | stats sum(kb) AS kb count BY host',
    );
    assert.deepEqual(
      r.rows.map((row) => [row.host, row.kb, row.count]),
      [
        ['web1', 5, 2],
        ['web2', 2, 1],
      ],
    );
  });

  test('a `_time` column in epoch seconds is the results’ time', async () => {
    const r = await results(
      '| makeresults format=csv data="_time,v\n1700000000,a\n1700003600,b" | eval hour=strftime(_time, "%Y-%m-%d %H")',
    );
    assert.deepEqual(
      r.rows.map((row) => [row._time, row.hour]),
      [
        // Epoch seconds, as `eval _time=<number>` leaves it; time commands read it as a time.
        [1_700_000_000, '2023-11-14 22'],
        [1_700_003_600, '2023-11-14 23'],
      ],
    );
  });
});

describe('makeresults format=json data=', () => {
  test('an array of objects: numbers stay numbers, arrays are multivalue, objects JSON text', async () => {
    const q =
      '| makeresults format=json data="[{\\"name\\":\\"Alex\\",\\"age\\":25,\\"tags\\":[\\"a\\",\\"b\\"]},{\\"name\\":\\"Joe\\",\\"ok\\":true,\\"geo\\":{\\"c\\":\\"FR\\"}}]"';
    const r = await results(q);
    assert.deepEqual(r.columns, ['_time', 'name', 'age', 'tags', 'ok', 'geo']);
    assert.deepEqual(
      r.rows.map((row) => [row.name, row.age, row.tags, row.ok, row.geo]),
      [
        ['Alex', 25, ['a', 'b'], null, null],
        ['Joe', null, null, 'true', '{"c":"FR"}'],
      ],
    );
    const sum = await results(`${q} | stats sum(age) AS s, dc(tags) AS d`);
    assert.deepEqual(sum.rows, [{ s: 25, d: 2 }]);
  });

  test('one object is one result', async () => {
    const r = await results('| makeresults format=json data="{\\"a\\": \\"x\\"}"');
    assert.deepEqual(
      r.rows.map((row) => row.a),
      ['x'],
    );
  });
});

describe('makeresults mistakes are 400s at their place', () => {
  const rejects = async (q: string, message: RegExp, at: string): Promise<void> => {
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError, String(e));
      assert.match(e.message, message);
      assert.equal(e.errors[0]?.column, q.indexOf(at) + 1);
      return true;
    });
  };

  test('format without data, data without format', async () => {
    await rejects('| makeresults format=csv', /`format=` needs `data=`/, 'format');
    await rejects('| makeresults data="a\n1"', /`data=` needs `format=csv` or `format=json`/, 'data');
  });

  test('bad JSON, a JSON value that is not an object, a ragged CSV line, another server', async () => {
    await rejects('| makeresults format=json data="[{"', /not valid JSON/, '"[');
    await rejects('| makeresults format=json data="[1]"', /result 1 of the JSON is not an object/, '"[');
    await rejects('| makeresults format=csv data="a,b\n1"', /line 2 has 1 field, the header has 2/, '"a');
    await rejects('| makeresults splunk_server=idx7', /one search head/, 'idx7');
  });

  test('a reserved name in the data', async () => {
    await rejects('| makeresults format=csv data="org_id\nx"', /`org_id` is reserved/, '"org');
  });
});
