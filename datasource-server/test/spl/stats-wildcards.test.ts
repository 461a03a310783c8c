// Wildcard fields in stats aggregations (`values(*) AS *`), over known fields, on real chDB.
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/stats ("wc-field")

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compile } from '@nexus/spl';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

// Events (index=nums) for the statistics over raw events' wildcard fields: a text among the numbers, a field
// some events lack.
const numbered: { host: string; fields: Record<string, string | number> }[] = [
  { host: 'a', fields: { bytes_in: 10, bytes_out: 5, code: 'x' } },
  { host: 'a', fields: { bytes_in: 30, bytes_out: 'n/a', code: 'y' } },
  { host: 'a', fields: { bytes_in: 10, code: 'x' } },
  { host: 'b', fields: { bytes_in: 7, bytes_out: 2.5, code: 'x' } },
  { host: 'b', fields: { bytes_out: 4 } },
];

before(async () => {
  // Events for the raw-event tests (the others start with makeresults).
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'e1', 'h1', { user: 'ann', 'rp.bucket': 'b1', 'rp.key': 'k1' }),
    fixtureEvent(now, 2, 'e2', 'h1', { user: 'ann', 'rp.bucket': 'b2', 'rp.n': 5 }),
    fixtureEvent(now, 3, 'e3', 'h2', { user: 'bob', 'rp.list': ['y', 'x'], 'rp.user': 'zz' }),
    fixtureEvent(now, 4, 'e4', 'h2', { user: 'bob', 'rp.bucket': 'b1', _secret: 's' }),
    // Office 365 audit events as ESCU's B2B policy search reads them: policies as JSON text in a field.
    fixtureEvent(
      now,
      5,
      'e5',
      'h5',
      {
        user: 'ann',
        Pstored: 'kept',
        QMode: 'stored',
        old: '[{"P":{"Allowed":["a.com","b.com"],"Mode":"on"}}]',
        new: '[{"P":{"Allowed":["a.com","c.com"],"Mode":"off"}}]',
      },
      { index: 'o365' },
    ),
    fixtureEvent(
      now,
      6,
      'e6',
      'h5',
      {
        user: 'bob',
        old: '[{"P":{"Allowed":["x.com"],"Mode":"on","Deep":{"k":[{"z":1},{"z":true}],"n":null}}}]',
        new: 'not json',
      },
      { index: 'o365' },
    ),
    ...numbered.map((e, i) => fixtureEvent(now, 10 + i, `n${i}`, e.host, e.fields, { index: 'nums' })),
    // Hostile JSON keys: they become field names, and stay data.
    fixtureEvent(
      now,
      7,
      'e7',
      'h7',
      { user: 'eve', doc: JSON.stringify({ "P' OR 1=1 --": 'a', 'P`x{p0:String}': ['b', 'c'], Q: 'no' }) },
      { index: 'evil' },
    ),
  ]);
});

after(async () => {
  await fx.close();
});

const rows = async (q: string): Promise<{ columns: string[]; rows: unknown[][] }> => fx.spl(q);

describe('stats partitions=', () => {
  // Search Reference, stats: "partitions … partitions the input data based on the split-by fields for
  // multithreaded reduce": the results are those without it.
  test('the same rows as without it', async () => {
    const q = (p: string): string =>
      `| makeresults count=5 | streamstats count AS n | eval k=n%2 | stats ${p}count sum(n) AS s BY k`;
    assert.deepEqual((await rows(q('partitions=4 '))).rows, (await rows(q(''))).rows);
    assert.deepEqual((await rows(q(''))).rows, [
      [0, 2, 6],
      [1, 3, 9],
    ]);
  });
});

describe('stats with wildcard fields', () => {
  test('values(*) AS * by a field: every other field, named as itself; _time left out', async () => {
    const r = await rows(
      '| makeresults count=3 | streamstats count AS n | eval k=if(n<3, "a", "b"), v=n*10, w="x" | fields - _time | stats values(*) AS * BY k',
    );
    assert.deepEqual(r.columns, ['k', 'n', 'v', 'w']);
    assert.deepEqual(r.rows, [
      ['a', ['1', '2'], ['10', '20'], 'x'],
      ['b', '3', '30', 'x'],
    ]);
  });

  test('a prefix pattern, renamed by the alias pattern (ESCU: values(requestParameters.*) AS *)', async () => {
    const r = await rows(
      '| makeresults | eval p.a=1, p.b=2, q=3 | stats values(p.*) AS * max(p.*) AS max_* count',
    );
    assert.deepEqual(r.columns, ['a', 'b', 'max_a', 'max_b', 'count']);
    assert.deepEqual(r.rows, [['1', '2', 1, 2, 1]]);
  });

  test('an output named explicitly wins over the same name from a wildcard (ESCU: values(*) AS * sum(x) AS x)', async () => {
    const r = await rows(
      '| makeresults count=2 | eval x=2, y="a" | fields - _time | stats values(*) AS * sum(x) AS x',
    );
    assert.deepEqual(r.columns, ['y', 'x']);
    assert.deepEqual(r.rows, [['a', 4]]);
  });
});

// Over raw events the structured fields' names are known only when the search runs: `values(<wc-field>)`
// gathers each matching field's values per group into one map, which the service shows as one column per
// field, named as over known fields (the ESCU CloudTrail searches' `values(requestParameters.*) AS *`).
describe('stats values(<wc-field>) over raw events', () => {
  const q = (query: string) => fx.spl(query);

  test('values(rp.*) AS * BY user: sorted distinct values per field; rp.user would be named like the BY field, which wins', async () => {
    const r = await q('index=main | stats count values(rp.*) AS * BY user');
    // The fields any group has, in name order (query/series.ts).
    assert.deepEqual(r.columns, ['user', 'count', 'bucket', 'key', 'list', 'n']);
    assert.deepEqual(r.rows, [
      ['ann', 2, ['b1', 'b2'], 'k1', null, '5'],
      ['bob', 2, 'b1', null, ['x', 'y'], null],
    ]);
  });

  test('without AS each field is named values(<field>); later commands read one by that name', async () => {
    const r = await q(
      "index=main | stats values(rp.*) BY host | eval n=mvcount('values(rp.bucket)') | table host n",
    );
    assert.deepEqual(r.rows, [
      ['h1', 2],
      ['h2', 1],
    ]);
  });

  test('values(*) AS *: the indexed fields and the structured ones, not _time, _raw or _secret', async () => {
    const r = await q('index=main user=bob | stats values(*) AS * BY user');
    assert.deepEqual(r.columns, [
      'user',
      'index',
      'host',
      'source',
      'sourcetype',
      'rp.bucket',
      'rp.list',
      'rp.user',
    ]);
    assert.deepEqual(r.rows, [['bob', 'main', 'h2', '/var/log/app.log', 'app', 'b1', ['x', 'y'], 'zz']]);
  });

  test('a field the search computed, or removed, hides the structured field of its name', async () => {
    const r = await q(
      'index=main | eval rp.key=upper(user) | fields - rp.bucket | stats values(rp.*) AS * BY host',
    );
    assert.deepEqual(r.columns, ['host', 'key', 'list', 'n', 'user']);
    assert.deepEqual(r.rows, [
      ['h1', 'ANN', null, '5', null],
      ['h2', 'BOB', ['x', 'y'], null, 'zz'],
    ]);
  });

  test('other functions, too few stars in AS, and earlier changes to structured fields are positioned diagnostics', () => {
    const compileErrors = (query: string) => {
      const c = compile(query, { orgId: 'acme', earliestMs: 0, latestMs: now, nowMs: now });
      return c.ok
        ? []
        : c.errors.map((e) => [
            e.message.replace(
              'wildcard fields in aggregations over raw events (whose field names are known only when the search runs) ',
              '',
            ),
            query.slice(e.span.start, e.span.end),
          ]);
    };
    assert.deepEqual(compileErrors('index=main | stats latest(rp.*) BY host'), [
      [
        'are supported with `count`, `dc`, `sum`, `avg`, `min`, `max`, `range`, `stdev`, `stdevp`, `var`, `varp`, `mode`, `median`, the percentiles, `values` and `list` only so far',
        'latest',
      ],
    ]);
    // values with the numeric functions in one stats: one series map of lists (stats-wildcards-mixed.test.ts).
    assert.deepEqual(compileErrors('index=main | stats values(rp.*) AS * max(x*) AS x*'), []);
    assert.deepEqual(compileErrors('index=main | stats values(a.*.*) AS *'), [
      ['need as many `*` in the AS name as in `a.*.*`', '*'],
    ]);
  });

  test('after fillnull without a list: the filled fields are values too', async () => {
    // Search Reference, fillnull: "If you do not specify a field list, the value is applied to all fields"
    // (https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/fillnull): every
    // rp.* field some event of index=main has (bucket, key, n, list, user) is 0 in the events lacking it.
    const r = await q('index=main | fillnull value=0 | stats values(rp.*) AS * BY host');
    assert.deepEqual(r.columns, ['host', 'bucket', 'key', 'list', 'n', 'user']);
    assert.deepEqual(r.rows, [
      ['h1', ['b1', 'b2'], ['0', 'k1'], '0', ['0', '5'], '0'],
      ['h2', ['0', 'b1'], '0', ['0', 'x', 'y'], '0', ['0', 'zz']],
    ]);
  });
});

// Search Reference, spath: without a path every field of the input is extracted, nested names joined with
// `.` and `{}` after an array; rename with wildcards renames every matching field. A wildcard aggregation
// afterwards reads the fields as they are then (ESCU: O365 B2B policy changes, `spath input=B2BOld | rename
// B2BManagementPolicy.* as B2BManagementPolicyOld.* | … | stats values(B2BManagementPolicy*) as
// B2BManagementPolicy*`).
describe('stats values(<wc-field>) after spath and wildcard rename over raw events', () => {
  test('hostile JSON keys are field names and data, nothing else', async () => {
    const r = await fx.spl(
      "index=evil | spath input=doc | rename P* AS 'R*' | stats values(R*) AS * BY user",
    );
    // An array's name ends in `{}`, as spath names it.
    assert.deepEqual(r.columns, ['user', "' OR 1=1 --", '`x{p0:String}{}']);
    assert.deepEqual(r.rows, [['eve', 'a', ['b', 'c']]]);
  });

  test('the fields each spath extracted, the renamed ones under their new names, the stored ones', async () => {
    const r = await fx.spl(
      'index=o365 | spath input=old output=O path={} | spath input=O | rename P.* AS POld.* | spath input=new output=N path={} | spath input=N | stats values(P*) AS P* BY user',
    );
    assert.deepEqual(r.columns, [
      'user',
      'P.Allowed{}',
      'P.Mode',
      'POld.Allowed{}',
      'POld.Deep.k{}.z',
      'POld.Deep.n',
      'POld.Mode',
      'Pstored',
    ]);
    assert.deepEqual(r.rows, [
      ['ann', ['a.com', 'c.com'], 'off', ['a.com', 'b.com'], null, null, 'on', 'kept'],
      ['bob', null, null, 'x.com', ['1', 'true'], 'null', 'on', null],
    ]);
  });

  test('a renamed field replaces one of its new name; a removed one is gone until spath makes it again', async () => {
    const r = await fx.spl(
      'index=o365 user=ann | spath input=old output=O path={} | spath input=O | rename P.* AS Q* | stats values(Q*) AS * BY user',
    );
    // P.Mode moved to QMode, over the event's own QMode.
    assert.deepEqual(r.columns, ['user', 'Allowed{}', 'Mode']);
    assert.deepEqual(r.rows, [['ann', ['a.com', 'b.com'], 'on']]);
    const again = await fx.spl(
      'index=o365 user=ann | fields - Pstored | spath input=new output=N path={} | spath input=N | stats values(P*) AS * BY user',
    );
    assert.deepEqual(again.columns, ['user', '.Allowed{}', '.Mode']);
    assert.deepEqual(again.rows, [['ann', ['a.com', 'c.com'], 'off']]);
  });
});

// Search Reference, stats (https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/stats):
// "wc-field" in the statistical functions, as `stats dc(*) AS dc_*` or `max(bytes*)`. Over raw events the
// fields are named when the search runs: one series per matching field, named as over known fields.
describe('stats <fn>(<wc-field>) over raw events', () => {
  const hosts = ['a', 'b'];
  const names = ['bytes_in', 'bytes_out', 'code'];
  // The field's values in a group, and the numeric ones (Splunk's numeric statistics skip the others).
  const valuesOf = (host: string | undefined, name: string): (string | number)[] =>
    numbered.flatMap((e) => {
      const v = e.fields[name];
      return (host === undefined || e.host === host) && v !== undefined ? [v] : [];
    });
  const numbersOf = (host: string | undefined, name: string): number[] =>
    valuesOf(host, name).flatMap((v) => (typeof v === 'number' ? [v] : []));
  const stat = (nums: number[], f: (n: number[]) => number): number | null => (nums.length ? f(nums) : null);

  test('max(bytes*) BY host: the greatest number of each field per host, named max(<field>)', async () => {
    const r = await fx.spl('index=nums | stats max(bytes*) BY host');
    assert.deepEqual(r.columns, ['host', 'max(bytes_in)', 'max(bytes_out)']);
    assert.deepEqual(
      r.rows,
      hosts.map((h) => [
        h,
        ...['bytes_in', 'bytes_out'].map((n) => stat(numbersOf(h, n), (x) => Math.max(...x))),
      ]),
    );
  });

  test('dc(*) AS dc_*: the indexed fields as columns, the structured ones as series, by the alias pattern', async () => {
    const r = await fx.spl('index=nums | stats dc(*) AS dc_*');
    assert.deepEqual(r.columns, [
      'dc_index',
      'dc_host',
      'dc_source',
      'dc_sourcetype',
      ...names.map((n) => `dc_${n}`),
    ]);
    const dc = (name: string): number => new Set(valuesOf(undefined, name).map(String)).size;
    assert.deepEqual(r.rows, [[1, hosts.length, 1, 1, ...names.map(dc)]]);
  });

  test('count(*) BY host counts the events with each field', async () => {
    const r = await fx.spl('index=nums | stats count(*) BY host | fields host "count(b*)" "count(code)"');
    assert.deepEqual(r.columns, ['host', 'count(bytes_in)', 'count(bytes_out)', 'count(code)']);
    assert.deepEqual(
      r.rows,
      hosts.map((h) => [h, ...names.map((n) => valuesOf(h, n).length)]),
    );
  });

  test('several wildcard statistics in one stats, each named by its alias; the first wins a name they share', async () => {
    const r = await fx.spl(
      'index=nums | stats sum(bytes*) AS sum* avg(bytes*) AS avg* min(bytes_*) AS sum_* BY host',
    );
    assert.deepEqual(r.columns, ['host', 'avg_in', 'avg_out', 'sum_in', 'sum_out']);
    const sum = (x: number[]): number => x.reduce((a, b) => a + b, 0);
    assert.deepEqual(
      r.rows,
      hosts.map((h) => {
        const [i, o] = ['bytes_in', 'bytes_out'].map((n) => numbersOf(h, n));
        return [
          h,
          stat(i ?? [], (x) => sum(x) / x.length),
          stat(o ?? [], (x) => sum(x) / x.length),
          stat(i ?? [], sum),
          stat(o ?? [], sum),
        ];
      }),
    );
  });

  test('a later command reads a series by name', async () => {
    const r = await fx.spl(
      "index=nums | stats range(bytes*) AS r* stdev(bytes*) AS s* | eval both='r_in' + 's_in' | table both",
    );
    const x = numbersOf(undefined, 'bytes_in');
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const stdev = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (x.length - 1));
    const got = r.rows[0]?.[0];
    assert.equal(typeof got, 'number');
    assert.ok(Math.abs(Number(got) - (Math.max(...x) - Math.min(...x) + stdev)) < 1e-9);
  });
});
