// SPL run end to end on real chDB: compile, execute, and compare rows with what Splunk would return.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runSpl } from '../../src/query/service.ts';
import type { LogRow } from '../../src/store/index.ts';
import { fixtureStore } from '../helpers/fixture-store.ts';
import { fixtureEvent } from '../helpers/spl-fixture.ts';

const now = Date.now();
/** An event of org `acme`, index `main`, `minutes` before `now`. */
const event = (
  minutes: number,
  raw: string,
  host: string,
  fields: LogRow['fields'] = {},
  extra: Partial<LogRow> = {},
): LogRow => fixtureEvent(now, minutes, raw, host, fields, extra);

const fixture: LogRow[] = [
  event(1, 'GET /index.html status=200 bytes=512 user=alice', 'web01', {
    status: '200',
    bytes: '512',
    user: 'alice',
  }),
  event(2, 'GET /cart status=500 bytes=2048 user=bob Error in handler', 'web01', {
    status: '500',
    bytes: '2048',
    user: 'bob',
  }),
  event(3, 'POST /login status=500 bytes=100 user=carol', 'web02', {
    status: '500',
    bytes: '100',
    user: 'carol',
  }),
  event(4, 'GET /index.html status=404 bytes=0 user=alice', 'WEB02', {
    status: '404',
    bytes: '0',
    user: 'alice',
  }),
  event(5, 'many errors occurred here status=503', 'db01', { status: '503' }),
  event(6, 'web error seen on the front end', 'web03', {}),
  event(7, 'the web had an error', 'web03', {}),
  event(8, 'status=500 from another index', 'web01', { status: '500' }, { index: 'security' }),
  event(9, 'no status field at all', 'app01', {}),
  event(10, 'status=500 secret of another tenant', 'web01', { status: '500' }, { org_id: 'other' }),
  event(60 * 30, 'an old event, thirty hours ago status=500', 'web01', { status: '500' }),
];

const { store } = fixtureStore(fixture);

async function spl(
  query: string,
  extra: { earliest?: string; latest?: string; limit?: number; org?: string } = {},
): Promise<{ columns: string[]; rows: unknown[][]; sql: string; truncated: boolean }> {
  const { org = 'acme', ...req } = extra;
  const r = await runSpl(store(), org, { query, ...req }, { nowMs: now });
  return {
    columns: r.columns.map((c) => c.name),
    rows: r.rows,
    sql: r.meta.sql,
    truncated: r.meta.truncated,
  };
}

/** One column of a result as plain values. */
const column = (r: { columns: string[]; rows: unknown[][] }, name: string): unknown[] =>
  r.rows.map((row) => row[r.columns.indexOf(name)]);

describe('search', () => {
  test('index=main status=500 | stats count by host: per host, this tenant, last 24 h only', async () => {
    const r = await spl('index=main status=500 | stats count by host');
    assert.deepEqual(r.columns, ['host', 'count']);
    assert.deepEqual(r.rows, [
      ['web01', 1],
      ['web02', 1],
    ]);
  });

  test('a bare term matches a whole token, case-insensitively: error does not match errors', async () => {
    const r = await spl('error | table host');
    assert.deepEqual(column(r, 'host'), ['web01', 'web03', 'web03']);
    const plural = await spl('errors | table host');
    assert.deepEqual(column(plural, 'host'), ['db01']);
  });

  test('a quoted phrase needs its words adjacent and in order', async () => {
    const r = await spl('"web error" | table host');
    assert.deepEqual(column(r, 'host'), ['web03']);
    assert.equal((await spl('"error web" | stats count')).rows[0]?.[0], 0);
  });

  test('field=value is case-insensitive with wildcards', async () => {
    const r = await spl('host=web0* | stats count by host');
    assert.deepEqual(r.rows, [
      ['WEB02', 1],
      ['web01', 3],
      ['web02', 1],
      ['web03', 2],
    ]);
    assert.equal((await spl('host=WEB01 | stats count')).rows[0]?.[0], 3);
  });

  test('search precedence: OR binds tighter than the implied AND', async () => {
    // status=404 (status=500 OR host=db01) → nothing; (status=404 status=500) OR host=db01 would give db01.
    assert.equal((await spl('status=404 status=500 OR host=db01 | stats count')).rows[0]?.[0], 0);
    const r = await spl('host=web01 status=200 OR status=500 | stats count by status');
    assert.deepEqual(r.rows, [
      ['200', 1],
      ['500', 2],
    ]);
  });

  test('f!=v needs the field; NOT f=v keeps events without it', async () => {
    const ne = await spl('status!=500 | stats count');
    assert.equal(ne.rows[0]?.[0], 3); // 200, 404, 503
    const not = await spl('NOT status=500 | stats count');
    assert.equal(not.rows[0]?.[0], 6); // plus three events without status
  });

  test('numeric comparisons and IN with wildcards', async () => {
    assert.equal((await spl('status>=500 | stats count')).rows[0]?.[0], 4);
    assert.equal((await spl('bytes<200 | stats count')).rows[0]?.[0], 2);
    assert.equal((await spl('status IN (404, 20*) | stats count')).rows[0]?.[0], 2);
    assert.equal((await spl('status=500.0 index=main | stats count')).rows[0]?.[0], 2);
  });

  test('index= selects the index, and events of another tenant never appear', async () => {
    assert.equal((await spl('index=security | stats count')).rows[0]?.[0], 1);
    assert.equal((await spl('secret | stats count')).rows[0]?.[0], 0);
    assert.equal((await spl('secret | stats count', { org: 'other' })).rows[0]?.[0], 1);
  });

  test('earliest= in the search overrides the request range', async () => {
    assert.equal((await spl('status=500 | stats count')).rows[0]?.[0], 3);
    assert.equal((await spl('status=500 earliest=-2d | stats count')).rows[0]?.[0], 4);
    assert.equal((await spl('status=500 earliest=-150s | stats count')).rows[0]?.[0], 1);
    assert.equal((await spl('status=500 | stats count', { earliest: '-7d', latest: '-1d' })).rows[0]?.[0], 1);
  });

  test('raw events come newest first, 24 hours by default, with their structured fields', async () => {
    const r = await spl('index=main | head 3');
    assert.deepEqual(r.columns, ['_time', 'index', 'host', 'source', 'sourcetype', '_raw', '_fields']);
    assert.deepEqual(column(r, 'host'), ['web01', 'web01', 'web02']);
    assert.deepEqual(r.rows[0]?.[6], { bytes: '512', status: '200', user: 'alice' });
  });
});

describe('eval and where', () => {
  test('| makeresults | eval x=1+1 | table x', async () => {
    const r = await spl('| makeresults | eval x=1+1 | table x');
    assert.deepEqual(r.columns, ['x']);
    assert.deepEqual(r.rows, [[2]]);
  });

  test('arithmetic, concatenation, if, lower and upper', async () => {
    const r = await spl(
      'status=* | eval kb=bytes/1024, label=upper(host) . ":" . lower("OK"), bad=if(status>=500, "yes", "no") | where host="web01" | table label kb bad',
    );
    assert.deepEqual(r.rows, [
      ['WEB01:ok', 0.5, 'no'],
      ['WEB01:ok', 2, 'yes'],
      ['WEB01:ok', null, 'yes'],
    ]);
  });

  test('division by zero and concatenation with null give null', async () => {
    const r = await spl('| makeresults | eval a=1/0, b="x" . nofield, c=5 % 0 | table a b c');
    assert.deepEqual(r.rows, [[null, null, null]]);
  });

  test('where compares case-sensitively, and AND binds tighter than OR', async () => {
    assert.equal((await spl('index=main | where host="web02" | stats count')).rows[0]?.[0], 1);
    // (false AND …) OR true → every one of the 8 events of main
    const r = await spl('index=main | where host="none" AND status=200 OR isnotnull(host) | stats count');
    assert.equal(r.rows[0]?.[0], 8);
  });

  test('a later eval sees an earlier one; a field can be replaced', async () => {
    const r = await spl('| makeresults | eval a=2, b=a*3, a=a+1 | table a b');
    assert.deepEqual(r.rows, [[3, 6]]);
  });
});

describe('stats', () => {
  test('sum, avg, min, max, dc and count(x) with literal output names', async () => {
    const r = await spl(
      'index=main | stats count, count(bytes), sum(bytes), avg(bytes), min(bytes), max(bytes), dc(user)',
    );
    assert.deepEqual(r.columns, [
      'count',
      'count(bytes)',
      'sum(bytes)',
      'avg(bytes)',
      'min(bytes)',
      'max(bytes)',
      'dc(user)',
    ]);
    assert.deepEqual(r.rows, [[8, 4, 2660, 665, 0, 2048, 3]]);
  });

  test('events missing a BY field are dropped; rows come sorted by the BY values', async () => {
    const r = await spl('index=main | stats count AS n by status');
    assert.deepEqual(r.columns, ['status', 'n']);
    assert.deepEqual(r.rows, [
      ['200', 1],
      ['404', 1],
      ['500', 2],
      ['503', 1],
    ]);
  });

  test('count(eval(...)) counts matching events', async () => {
    const r = await spl('index=main | stats count(eval(status>=500)) AS errors by host | where errors > 0');
    assert.deepEqual(r.rows, [
      ['db01', 1],
      ['web01', 1],
      ['web02', 1],
    ]);
  });
});

describe('sort, head, table, fields, rename', () => {
  test('sort - with missing values last, and head', async () => {
    const r = await spl('index=main | sort -bytes | head 5 | table host bytes');
    assert.deepEqual(column(r, 'bytes'), ['2048', '512', '100', '0', null]);
    const asc = await spl('index=main | sort bytes | head 5 | table bytes');
    assert.deepEqual(column(asc, 'bytes'), ['0', '100', '512', '2048', null]);
  });

  test('numbers sort numerically, strings lexicographically', async () => {
    const r = await spl('index=main bytes=* | sort num(bytes) | table bytes');
    assert.deepEqual(column(r, 'bytes'), ['0', '100', '512', '2048']);
    const s = await spl('index=main bytes=* | sort str(bytes) | table bytes');
    assert.deepEqual(column(s, 'bytes'), ['0', '100', '2048', '512']);
  });

  test('ip() sorts IPv4 addresses numerically, other values after them', async () => {
    const r = await spl(
      '| makeresults count=4 | streamstats count AS n | eval ip=case(n=1, "10.0.0.10", n=2, "10.0.0.9", n=3, "not an ip", n=4, "9.255.0.1") | sort ip(ip) | table ip',
    );
    assert.deepEqual(column(r, 'ip'), ['9.255.0.1', '10.0.0.9', '10.0.0.10', 'not an ip']);
    const desc = await spl(
      '| makeresults count=3 | streamstats count AS n | eval ip=case(n=1, "10.0.0.10", n=2, "10.0.0.9", n=3, "1.2.3.4") | sort -ip(ip) | table ip',
    );
    assert.deepEqual(column(desc, 'ip'), ['10.0.0.10', '10.0.0.9', '1.2.3.4']);
  });

  test('head defaults to 10 and keeps event order', async () => {
    const r = await spl('* | head', { earliest: '-3d' });
    assert.equal(r.rows.length, 10);
  });

  test('fields removes and keeps; rename renames, also by wildcard after stats', async () => {
    const r = await spl('index=main host=db01 | fields - source sourcetype index | rename host AS server');
    assert.deepEqual(r.columns, ['_time', '_raw', 'server', '_fields']);
    const w = await spl(
      'index=main | stats count(bytes) AS c_bytes, sum(bytes) AS s_bytes | rename *_bytes AS bytes_*',
    );
    assert.deepEqual(w.columns, ['bytes_c', 'bytes_s']);
    assert.deepEqual(w.rows, [[4, 2660]]);
  });

  test('the row cap truncates and says so', async () => {
    const r = await spl('index=main', { limit: 2 });
    assert.equal(r.rows.length, 2);
    assert.equal(r.truncated, true);
  });
});

describe('rex and regex', () => {
  test('named groups become fields; an event without a match gets none', async () => {
    const r = await spl(
      'index=main | rex "(?<method>GET|POST) (?<path>/\\S*)" | table method path host | head 4',
    );
    assert.deepEqual(r.rows, [
      ['GET', '/index.html', 'web01'],
      ['GET', '/cart', 'web01'],
      ['POST', '/login', 'web02'],
      ['GET', '/index.html', 'WEB02'],
    ]);
    const none = await spl('host=db01 | rex "(?<method>GET|POST)" | table method');
    assert.deepEqual(none.rows, [[null]]);
  });

  test('field= reads another field; unnamed groups still count', async () => {
    // The search matches web02 and WEB02; the regex is case-sensitive, as Splunk's is.
    const r = await spl('host=web02 index=main | rex field=host "(web)(?<n>\\d+)" | table n');
    assert.deepEqual(r.rows, [['02'], [null]]);
  });

  test('max_match=0 collects every match into a multivalue field', async () => {
    const r = await spl('host=web01 status=500 index=main | rex max_match=0 "(?<word>[a-z]+)=" | table word');
    assert.deepEqual(r.rows, [[['status', 'bytes', 'user']]]);
  });

  test('offset_field: where each named group matched, 0-based and inclusive (Search Reference, rex, example 6)', async () => {
    const off = async (re: string, value = 'abcdefghijklmnopqrstuvwxyz'): Promise<unknown> =>
      (
        await spl(
          `| makeresults | eval list="${value}" | rex offset_field=off field=list "${re}" | table off`,
        )
      ).rows[0]?.[0];
    // The page's two examples.
    assert.equal(await off('(?<firstfive>abcde)'), 'firstfive=0-4');
    assert.equal(await off('(?<middle>fgh)'), 'middle=5-7');
    // Several groups (`;` between them, a choice: the page shows one), text and unnamed groups around them;
    // positions counted here from the value.
    const value = 'id=42 user=bob';
    const want = `n=${value.indexOf('42')}-${value.indexOf('42') + 1};u=${value.indexOf('bob')}-${value.indexOf('bob') + 2}`;
    assert.equal(await off('id=(?<n>\\d+) (user)=(?<u>\\w+)', value), want);
    // Characters, not bytes.
    assert.equal(await off('(?<w>b+)', 'ééébb'), 'w=3-4');
    // No match: no offsets.
    assert.equal(await off('(?<z>zzz)', 'abc'), null);
    await assert.rejects(
      spl('| makeresults | eval x="a" | rex offset_field=o field=x "(?<a>a)|(?<b>b)"'),
      /alternation/,
    );
    await assert.rejects(
      spl('| makeresults | eval x="a" | rex offset_field=o field=x "((?<a>a))"'),
      /inside another group/,
    );
  });

  test('mode=sed rewrites the field in place', async () => {
    const r = await spl(
      'host=web02 index=main status=500 | rex mode=sed "s/user=\\w+/user=XXX/g" | table _raw',
    );
    assert.deepEqual(r.rows, [['POST /login status=500 bytes=100 user=XXX']]);
    const amp = await spl('| makeresults | eval x="abc" | rex field=x mode=sed "s/b/[&]/" | table x');
    assert.deepEqual(amp.rows, [['a[b]c']]);
  });

  test('regex keeps matches; != drops them and keeps events without the field', async () => {
    assert.equal((await spl('index=main | regex _raw="status=5\\d\\d" | stats count')).rows[0]?.[0], 3);
    assert.equal((await spl('index=main | regex _raw!="status=5\\d\\d" | stats count')).rows[0]?.[0], 5);
    assert.equal((await spl('index=main | regex user!="^a" | stats count')).rows[0]?.[0], 6);
  });

  // Splunk's regex is PCRE; RE2 has no look-around. `regex` asks only whether the field matches, so a
  // lookbehind that starts the pattern or a lookahead that ends it runs in an equivalent consuming form
  // (the ESCU search "Windows Alternate DataStream - Base64 Content" starts with `(?<!\/)`). Each answer was
  // worked out by hand and is also what JavaScript's own (look-around capable) RegExp says.
  // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/regex
  test('regex with a leading lookbehind or a trailing lookahead keeps what PCRE would match', async () => {
    const inputs = [
      'file.txt:stream',
      '/ab:cd',
      'x ab:cd',
      '/file.txt:stream',
      'ab:cd/',
      'ab',
      'ab.',
      'ab.ab',
      'abc',
      'xy',
      'y',
      'Ab',
      'cb',
      'a%0Ab',
      'a:b.txt',
      'a:b.txt.',
      'a:b.txt x',
      'a:b.txtzzz',
      'a:b.tx&c',
    ];
    const kept = async (re: string): Promise<string[]> => {
      const cases = inputs.map((x, i) => `n=${i + 1}, urldecode("${x}")`).join(', ');
      const r = await spl(
        `| makeresults count=${inputs.length} | streamstats count AS n | eval x=case(${cases}) | regex x="${re}" | table x`,
      );
      return r.rows.map((row) => String(row[0]));
    };
    const expected: [string, RegExp, string[]][] = [
      [
        '(?<!\\/)\\b\\w+(\\.\\w+)?:\\w+(\\.\\w+)?$',
        /(?<!\/)\b\w+(\.\w+)?:\w+(\.\w+)?$/,
        ['file.txt:stream', 'x ab:cd', '/file.txt:stream', 'a:b.txt', 'a:b.txtzzz'],
      ],
      ['ab(?!\\.)', /ab(?!\.)/, ['/ab:cd', 'x ab:cd', 'ab:cd/', 'ab', 'ab.ab', 'abc']],
      ['b(?=c)', /b(?=c)/, ['abc']],
      ['(?<=x)y', /(?<=x)y/, ['xy']],
      [
        '(?i)(?<!a)b',
        /(?<!a)b/i,
        ['cb', 'a\nb', 'a:b.txt', 'a:b.txt.', 'a:b.txt x', 'a:b.txtzzz', 'a:b.tx&c'],
      ],
      // ESCU "Windows Alternate DataStream - Process Execution": a one-character negative lookahead right
      // before the last group of alternatives.
      [
        '(\\b)\\w+(\\.\\w+)?:\\w+(\\.\\w{2,4})(?!\\.)(\\b|\\s|&)',
        /(\b)\w+(\.\w+)?:\w+(\.\w{2,4})(?!\.)(\b|\s|&)/,
        ['a:b.txt', 'a:b.txt x', 'a:b.tx&c'],
      ],
    ];
    for (const [re, js, want] of expected) {
      const all = inputs.map((x) => decodeURIComponent(x));
      assert.deepEqual(
        all.filter((x) => js.test(x)),
        want,
        `JavaScript: ${re}`,
      );
      assert.deepEqual(await kept(re), want, re);
    }
  });

  test('PCRE-only syntax is reported before it reaches the database', async () => {
    await assert.rejects(spl('index=main | rex "(?<x>a(?=b))"'), /lookahead and lookbehind/);
    await assert.rejects(spl('index=main | regex _raw="(a)\\1"'), /back-references/);
    await assert.rejects(spl('index=main | rex "no groups"'), /needs a named group/);
  });
});

describe('dedup, tail, reverse, fillnull', () => {
  // Search Reference, dedup: "Remove only consecutive duplicate events" (`dedup source consecutive=true`),
  // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/dedup
  test('dedup consecutive=true drops a result only when it repeats the one just before it', async () => {
    const q = (opts: string): string =>
      `| makeresults count=6 | streamstats count AS n | eval v=case(n=1, "a", n=2, "a", n=3, "b", n=4, "a", n=5, "a") | dedup v ${opts} | table n v`;
    const r = await spl(q('consecutive=true'));
    assert.deepEqual(r.rows, [
      [1, 'a'],
      [3, 'b'],
      [4, 'a'],
    ]);
    const empty = await spl(q('consecutive=true keepempty=true'));
    assert.deepEqual(column(empty, 'n'), [1, 3, 4, 6]);
  });

  // Search Reference, dedup: consecutive=true "only remove events with duplicate combinations of values that
  // are consecutive"; with N, each run of consecutive equal values keeps its first N.
  test('dedup N consecutive=true keeps the first N of each run', async () => {
    const values = ['a', 'a', 'a', 'b', 'a', 'a', 'a', null];
    const q = (opts: string): string =>
      `| makeresults count=${values.length} | streamstats count AS n | eval v=case(${values
        .flatMap((v, i) => (v === null ? [] : [`n=${i + 1}, "${v}"`]))
        .join(', ')}) | dedup 2 v consecutive=true ${opts} | table n v`;
    /** The 1-based places kept: a place is kept unless the 2 places before it hold its value. */
    const expected = (keepEmpty: boolean): number[] =>
      values.flatMap((v, i) => {
        if (v === null) return keepEmpty ? [i + 1] : [];
        let run = 1;
        for (let j = i - 1; j >= 0 && values[j] === v; j--) run++;
        return run <= 2 ? [i + 1] : [];
      });
    assert.deepEqual(column(await spl(q('')), 'n'), expected(false));
    assert.deepEqual(column(await spl(q('keepempty=true')), 'n'), expected(true));
  });

  /** Results numbered `n` 1, 2, … with the fields `h` and `c` of `values` (a null `c` left out). */
  const resultsOf = (values: readonly [string, string | null][]): string =>
    `| makeresults count=${values.length} | streamstats count AS n | eval h=case(${values
      .map(([h], i) => `n=${i + 1}, "${h}"`)
      .join(', ')}), c=case(${values
      .flatMap(([, c], i) => (c === null ? [] : [`n=${i + 1}, "${c}"`]))
      .join(', ')})`;

  // Search Reference, dedup: keepevents=true "keep all events, but will remove the selected fields from
  // events after the first event containing a particular combination of values".
  test('dedup keepevents=true keeps every event, the later ones of a combination without the fields', async () => {
    const values: [string, string | null][] = [
      ['x', '1'],
      ['x', '1'],
      ['y', '1'],
      ['x', '1'],
      ['x', null],
      ['y', '2'],
    ];
    const q = (count: string) => `${resultsOf(values)} | dedup ${count} h c keepevents=true | table n h c`;
    const expected = (count: number) => {
      const seen = new Map<string, number>();
      return values.map(([h, c], i) => {
        if (c === null) return [i + 1, h, c];
        const k = `${h}|${c}`;
        seen.set(k, (seen.get(k) ?? 0) + 1);
        return (seen.get(k) ?? 0) > count ? [i + 1, null, null] : [i + 1, h, c];
      });
    };
    assert.deepEqual((await spl(q(''))).rows, expected(1));
    assert.deepEqual((await spl(q('2'))).rows, expected(2));
  });

  // Search Reference 9.4, dedup: keepevents=true "keep all events, but will remove the selected fields from
  // events after the first event containing a particular combination of values"; consecutive=true "only
  // remove events with duplicate combinations of values that are consecutive".
  // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/dedup
  test('dedup keepevents=true consecutive=true: a run of equal values keeps the fields on its first N', async () => {
    const values: [string, string | null][] = [
      ['x', '1'],
      ['x', '1'],
      ['x', '1'],
      ['y', '1'],
      ['x', '1'],
      ['x', null],
      ['x', '1'],
      ['y', '2'],
      ['y', '2'],
    ];
    const q = (count: string) =>
      `${resultsOf(values)} | dedup ${count} h c keepevents=true consecutive=true | table n h c`;
    // The run of each event among the events with both fields (one without takes no part).
    const expected = (count: number) => {
      let previous: string | undefined;
      let inRun = 0;
      return values.map(([h, c], i) => {
        if (c === null) return [i + 1, h, c];
        const k = `${h}|${c}`;
        inRun = k === previous ? inRun + 1 : 1;
        previous = k;
        return inRun > count ? [i + 1, null, null] : [i + 1, h, c];
      });
    };
    // The rows worked out by hand for N=1: events 2, 3 repeat event 1; 7 repeats 5 across the event
    // without c; 9 repeats 8.
    assert.deepEqual(
      expected(1).map((r) => r[1] === null),
      [false, true, true, false, false, false, true, false, true],
    );
    assert.deepEqual((await spl(q(''))).rows, expected(1));
    assert.deepEqual((await spl(q('2'))).rows, expected(2));
    // Without consecutive, every later x/1 loses its fields: the two options differ on events 5 and 7.
    const all = await spl(q('').replace(' consecutive=true', ''));
    assert.deepEqual(
      all.rows.map((r) => r[1] === null),
      [false, true, true, false, true, false, true, false, true],
    );
  });

  test('dedup keeps the newest event per value and drops events without it', async () => {
    const r = await spl('index=main | dedup host | table host status');
    assert.deepEqual(r.rows, [
      ['web01', '200'],
      ['web02', '500'],
      ['WEB02', '404'],
      ['db01', '503'],
      ['web03', null],
      ['app01', null],
    ]);
    const status = await spl('index=main | dedup status | table status');
    assert.deepEqual(column(status, 'status'), ['200', '500', '404', '503']);
  });

  test('dedup N, several fields, keepempty and sortby', async () => {
    assert.deepEqual(column(await spl('index=main | dedup 2 user | table user'), 'user'), [
      'alice',
      'bob',
      'carol',
      'alice',
    ]);
    const empty = await spl('index=main | dedup status keepempty=true | stats count');
    assert.equal(empty.rows[0]?.[0], 7);
    const sorted = await spl('index=main | dedup status sortby -status | table status');
    assert.deepEqual(column(sorted, 'status'), ['503', '500', '404', '200']);
    const pair = await spl('index=main | dedup host user | stats count');
    assert.equal(pair.rows[0]?.[0], 4);
  });

  test('tail gives the last results, last first; reverse flips the order', async () => {
    assert.deepEqual(column(await spl('index=main | tail 2 | table host'), 'host'), ['app01', 'web03']);
    assert.deepEqual(column(await spl('index=main | head 3 | reverse | table host'), 'host'), [
      'web02',
      'web01',
      'web01',
    ]);
  });

  test('fillnull fills listed fields (creating them) and, after stats, every field', async () => {
    const r = await spl('index=main host=web03 | fillnull value=NA status newfield | table status newfield');
    assert.deepEqual(r.rows, [
      ['NA', 'NA'],
      ['NA', 'NA'],
    ]);
    const all = await spl('index=main | stats sum(bytes) AS b by host | fillnull | table host b');
    assert.deepEqual(
      all.rows.find((row) => row[0] === 'db01'),
      ['db01', 0],
    );
    // Over raw events the filled fields are read by name (raw-field-names.test.ts) and shown with the
    // events (raw-fields.test.ts).
    const shown = await spl('index=main | fillnull');
    assert.ok(shown.rows.length > 0);
  });
});

describe('multivalue fields in search', () => {
  test('field=value matches when any value of a multivalue field matches', async () => {
    const r = await spl('index=main | stats values(status) AS s by host | search s=5* | table host');
    assert.deepEqual(column(r, 'host'), ['db01', 'web01', 'web02']);
    const exists = await spl('index=main | stats values(status) AS s by host | search s=* | stats count');
    assert.equal(exists.rows[0]?.[0], 4);
  });
});

describe('eventstats', () => {
  test('every event keeps its place and gains its group statistics', async () => {
    const r = await spl(
      'index=main host=web0* | eventstats count AS n, max(bytes) AS top by host | table host bytes n top',
    );
    assert.deepEqual(r.rows, [
      ['web01', '512', 2, 2048],
      ['web01', '2048', 2, 2048],
      ['web02', '100', 1, 100],
      ['WEB02', '0', 1, 0],
      ['web03', null, 2, null],
      ['web03', null, 2, null],
    ]);
  });

  test('without BY the statistic covers all events; events missing a BY field get none', async () => {
    const all = await spl('index=main | eventstats sum(bytes) AS total | head 1 | table total');
    assert.deepEqual(all.rows, [[2660]]);
    const missing = await spl('index=main host=app01 | eventstats count AS n by status | table host n');
    assert.deepEqual(missing.rows, [['app01', null]]);
    // A multivalue statistic too (ClickHouse has no nullable arrays: it is an empty list, shown as null).
    const values = await spl(
      'index=main host=app01 | eventstats values(user) AS users by status | table host users',
    );
    assert.deepEqual(values.rows, [['app01', null]]);
  });

  test('percentiles, values and dc work as window statistics too', async () => {
    const r = await spl(
      'index=main bytes=* | eventstats median(bytes) AS med, values(user) AS users, dc(host) AS hosts | head 1 | table med users hosts',
    );
    assert.deepEqual(r.rows, [[100, ['alice', 'bob', 'carol'], 3]]);
  });
});

describe('indexed fields with several values', () => {
  test('tags=a matches an event whose tags are ["a","b"]; NOT and != follow', async () => {
    await store().insertLogs([
      event(1, 'first', 'h1', { tags: ['a', 'b'] }, { org_id: 'mv' }),
      event(2, 'second', 'h2', { tags: 'c' }, { org_id: 'mv' }),
      event(3, 'third', 'h3', { tags: ['B', 'd'], code: ['404', '500'] }, { org_id: 'mv' }),
    ]);
    const hosts = async (q: string): Promise<unknown[]> =>
      column(await spl(`${q} | table host`, { org: 'mv' }), 'host');
    assert.deepEqual(await hosts('tags=a'), ['h1']);
    assert.deepEqual(await hosts('tags=b'), ['h1', 'h3']);
    assert.deepEqual(await hosts('tags=c'), ['h2']);
    assert.deepEqual(await hosts('NOT tags=b'), ['h2']);
    assert.deepEqual(await hosts('code>=500'), ['h3']);
    assert.deepEqual(await hosts('tags IN (d, c)'), ['h2', 'h3']);
  });
});

describe('aliases that reuse a field name', () => {
  test('values(user) AS user next to dc(user) reads the events, not the alias', async () => {
    const r = await spl(
      'index=main user=* | stats values(user) AS user, dc(user) AS n by host | where n > 1',
    );
    assert.deepEqual(r.rows, [['web01', ['alice', 'bob'], 2]]);
  });
});

describe('wildcard rename of raw events', () => {
  test('rename DNS.* AS * reads DNS.query as query; the old names are gone', async () => {
    await store().insertLogs([
      event(
        1,
        'dns one',
        'ns1',
        { 'DNS.query': 'example.com', 'DNS.type': 'A', query: 'old' },
        { org_id: 'dns' },
      ),
      event(2, 'dns two', 'ns2', { 'DNS.query': 'nexus.dev' }, { org_id: 'dns' }),
      event(3, 'dns three', 'ns3', { query: 'kept' }, { org_id: 'dns' }),
    ]);
    const r = await spl('* | rename DNS.* AS * | table host query type DNS.query', { org: 'dns' });
    assert.deepEqual(r.rows, [
      ['ns1', 'example.com', 'A', null],
      ['ns2', 'nexus.dev', null, null],
      ['ns3', 'kept', null, null],
    ]);
    const filtered = await spl('* | rename DNS.* AS dns_* | search dns_query=*.com | table host', {
      org: 'dns',
    });
    assert.deepEqual(column(filtered, 'host'), ['ns1']);
    const chained = await spl('* | rename DNS.* AS * | rename query AS q | table q query', { org: 'dns' });
    assert.deepEqual(chained.rows[0], ['example.com', null]);
  });
});

describe('top and rare', () => {
  test('top counts value combinations, most common first, with count and percent', async () => {
    const r = await spl('index=main | top user');
    assert.deepEqual(r.columns, ['user', 'count', 'percent']);
    assert.deepEqual(r.rows, [
      ['alice', 2, 50],
      ['bob', 1, 25],
      ['carol', 1, 25],
    ]);
  });

  test('N, by groups (percent within the group), showperc and countfield', async () => {
    const r = await spl('index=main | top 1 status by host showperc=f countfield=n');
    assert.deepEqual(r.columns, ['host', 'status', 'n']);
    assert.deepEqual(r.rows, [
      ['WEB02', '404', 1],
      ['db01', '503', 1],
      ['web01', '200', 1],
      ['web02', '500', 1],
    ]);
    const limit = await spl('index=main | top limit=2 host');
    assert.deepEqual(column(limit, 'host'), ['web01', 'web03']);
  });

  // Search Reference, top: "useother … indicates whether or not to add a row that represents all values
  // not included due to the limit cutoff", https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/top
  test('useother folds the values past the limit into one OTHER row (otherstr names it), last', async () => {
    const r = await spl('index=main | top 2 host useother=t');
    assert.deepEqual(r.rows, [
      ['web01', 2, 25],
      ['web03', 2, 25],
      ['OTHER', 4, 50],
    ]);
    const named = await spl('index=main | top 1 user useother=t otherstr=rest');
    assert.deepEqual(named.rows, [
      ['alice', 2, 50],
      ['rest', 2, 50],
    ]);
    // Nothing past the limit: no OTHER row.
    assert.equal((await spl('index=main | top 5 user useother=t')).rows.length, 3);
  });

  test('rare puts the least common first', async () => {
    const r = await spl('index=main user=* | rare user');
    assert.deepEqual(column(r, 'user'), ['bob', 'carol', 'alice']);
  });
});

describe('timechart', () => {
  test('one row per bucket across the whole range, empty buckets with count 0', async () => {
    const r = await spl('index=main | timechart span=1m count, max(bytes)', {
      earliest: '-15m@m',
      latest: '@m',
    });
    assert.deepEqual(r.columns, ['_time', 'count', 'max(bytes)']);
    assert.equal(r.rows.length, 15);
    const counts = column(r, 'count') as number[];
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      8,
    );
    assert.ok(counts.filter((n) => n === 0).length >= 6);
    const times = column(r, '_time') as string[];
    assert.deepEqual([...times].sort(), times);
    assert.ok(times.every((t) => t.endsWith(':00.000')));
    const maxes = column(r, 'max(bytes)');
    assert.ok(maxes.includes(2048) && maxes.includes(null));
  });

  test('without span the range picks it: 24 hours → 30 minutes', async () => {
    const r = await spl('index=main | timechart count', { earliest: '-24h@h', latest: '@h' });
    assert.equal(r.rows.length, 48);
  });

  test('cont=false leaves out empty buckets', async () => {
    const r = await spl('index=main | timechart span=1m cont=false count', {
      earliest: '-15m@m',
      latest: '@m',
    });
    assert.ok(r.rows.length <= 8 && (column(r, 'count') as number[]).every((n) => n > 0));
  });
});

describe('chart', () => {
  test('chart … over x and chart … by x give one row per value', async () => {
    const over = await spl('index=main | chart count, max(bytes) over status');
    assert.deepEqual(over.columns, ['status', 'count', 'max(bytes)']);
    assert.deepEqual(over.rows, [
      ['200', 1, 512],
      ['404', 1, 0],
      ['500', 2, 2048],
      ['503', 1, null],
    ]);
    const by = await spl('index=main | chart count by status');
    assert.deepEqual(by.rows.length, 4);
  });
});

describe('addtotals', () => {
  test('each row gains the sum of its numeric fields; text is skipped', async () => {
    const r = await spl('| makeresults | eval a=1, b="2", c="x" | addtotals a b c | table Total');
    assert.deepEqual(r.rows, [[3]]);
    const after = await spl(
      'index=main | stats count, sum(bytes) AS b by host | addtotals fieldname=all | where host="web01" | table all',
    );
    assert.deepEqual(after.rows, [[2562]]);
    await assert.rejects(spl('index=main | addtotals'), /without a field list over raw events/);
  });
});

describe('streamstats', () => {
  test('running count and sum in event order (newest first), per BY group', async () => {
    const r = await spl(
      'index=main host=web0* | streamstats count AS n, sum(bytes) AS running by host | table host bytes n running',
    );
    assert.deepEqual(r.rows, [
      ['web01', '512', 1, 512],
      ['web01', '2048', 2, 2560],
      ['web02', '100', 1, 100],
      ['WEB02', '0', 1, 0],
      ['web03', null, 1, null],
      ['web03', null, 2, null],
    ]);
  });

  test('window=N and current=false', async () => {
    const w = await spl('index=main bytes=* | streamstats window=2 sum(bytes) AS s | table bytes s');
    assert.deepEqual(column(w, 's'), [512, 2560, 2148, 100]);
    const prev = await spl(
      'index=main bytes=* | streamstats current=false max(bytes) AS before | table before',
    );
    assert.deepEqual(column(prev, 'before'), [null, 512, 2048, 2048]);
  });
});

describe('append', () => {
  test('the subsearch results come after the current ones, fields aligned', async () => {
    const r = await spl(
      'index=main host=web01 | stats count AS n by host | append [search index=security | stats count AS m by host]',
    );
    assert.deepEqual(r.columns, ['host', 'n', 'm']);
    assert.deepEqual(r.rows, [
      ['web01', 2, null],
      ['web01', null, 1],
    ]);
  });

  test('raw events of both searches keep their own order', async () => {
    const r = await spl('index=main host=db01 | append [search index=main host=web03] | table host _raw');
    assert.deepEqual(column(r, 'host'), ['db01', 'web03', 'web03']);
    assert.equal(r.rows[1]?.[1], 'web error seen on the front end');
  });

  test('the subsearch has its own time range; maxout caps it', async () => {
    const older = await spl('index=main host=db01 | append [search status=500 earliest=-2d | stats count]');
    // The events' `count` is text (a field that could be anywhere), so the appended count is text too.
    assert.deepEqual(older.rows.at(-1)?.at(-1), '4');
    const capped = await spl(
      '| makeresults | eval k=1 | append maxout=2 [search index=main | head 50] | stats count',
    );
    assert.deepEqual(capped.rows, [[3]]);
  });
});

describe('appendpipe', () => {
  test('a totals row under stats results', async () => {
    const r = await spl(
      'index=main bytes=* | stats sum(bytes) AS b by host | appendpipe [stats sum(b) AS b | eval host="TOTAL"]',
    );
    assert.deepEqual(r.rows, [
      ['WEB02', 0],
      ['web01', 2560],
      ['web02', 100],
      ['TOTAL', 2660],
    ]);
  });
});

describe('join', () => {
  test('inner join by default: events with a match gain the subsearch fields', async () => {
    const r = await spl(
      'index=main | join host [search index=security | stats count AS sec by host] | table host sec',
    );
    assert.deepEqual(r.rows, [
      ['web01', 1],
      ['web01', 1],
    ]);
  });

  test('type=left keeps events without a match; the subsearch fields are null there', async () => {
    const r = await spl(
      'index=main host=web0* | join type=left host [search index=security | stats count AS sec by host] | table host sec',
    );
    assert.deepEqual(r.rows, [
      ['web01', 1],
      ['web01', 1],
      ['web02', null],
      ['WEB02', null],
      ['web03', null],
      ['web03', null],
    ]);
  });

  test('subsearch fields overwrite same-named fields unless overwrite=false; the first match wins', async () => {
    const over = await spl(
      'index=main host=web01 | join host [search index=security | eval status="X" | table host status] | table status',
    );
    assert.deepEqual(column(over, 'status'), ['X', 'X']);
    const keep = await spl(
      'index=main host=web01 | join overwrite=false host [search index=security | eval status="X" | table host status] | table status',
    );
    assert.deepEqual(column(keep, 'status'), ['200', '500']);
  });

  test('a raw-event subsearch after stats is unsupported (over events: join-raw.test.ts; max=N: join-max.test.ts)', async () => {
    await assert.rejects(
      spl('index=main | stats count by host | join host [search index=security]'),
      /returns raw events, after a command that made the results/,
    );
  });
});

describe('subsearch filters', () => {
  test('[search … | fields f] keeps the events whose f is one of the values, case-insensitively', async () => {
    const r = await spl('index=main [search index=security | fields host] | table host status');
    assert.deepEqual(r.rows, [
      ['web01', '200'],
      ['web01', '500'],
    ]);
    const upper = await spl(
      'index=main [search index=security | eval host=upper(host) | table host] | stats count',
    );
    assert.deepEqual(upper.rows, [[2]]);
  });

  test('several fields: one subsearch row must match them all; NOT excludes', async () => {
    const r = await spl('index=main [search index=main status=500 | table host status] | table host status');
    assert.deepEqual(r.rows, [
      ['web01', '500'],
      ['web02', '500'],
    ]);
    const not = await spl('index=main NOT [search index=security | fields host] | stats count');
    assert.deepEqual(not.rows, [[6]]);
  });

  test('a subsearch that returns raw events is unsupported, with a hint', async () => {
    await assert.rejects(spl('index=main [search index=security]'), /must end with the fields it returns/);
  });
});

describe('return', () => {
  test('return f and return N a=f feed the subsearch filter', async () => {
    const one = await spl('index=main [search index=main status=500 | return host] | stats count');
    assert.deepEqual(one.rows, [[2]]);
    const two = await spl(
      'index=main [search index=main status=500 | eval h=host | return 2 host=h] | stats count',
    );
    assert.deepEqual(two.rows, [[4]]);
    // `return $f` is covered in subsearch-return.test.ts
  });
});
