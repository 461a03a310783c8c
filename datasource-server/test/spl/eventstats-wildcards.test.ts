// Wildcard fields in eventstats and streamstats aggregations on real chDB: one aggregation per known field.
// Search Reference 9.4, eventstats ("You can use wild card characters in field names"):
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/eventstats

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;
/** The events' structured fields, newest first (hosts a, a, b). */
const events: Record<string, string>[] = [
  { v: '1', bytes_in: '10' },
  { v: '3', bytes_in: '20', bytes_out: '7' },
  { v: '5', bytes_out: '2', bytes_x: 'n/a' },
];
const hosts = ['a', 'a', 'b'];
/** The numbers field `f` has in events `ids` (non-numeric values are none). */
const numbersOf = (f: string, ids: number[]): number[] =>
  ids.flatMap((i) => {
    const v = Number(events[i]?.[f]);
    return events[i]?.[f] === undefined || Number.isNaN(v) ? [] : [v];
  });

before(async () => {
  // Newest first.
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'e1', 'a', events[0]),
    fixtureEvent(now, 2, 'e22', 'a', events[1]),
    fixtureEvent(now, 3, 'e333', 'b', events[2]),
  ]);
});

after(async () => {
  await fx.close();
});

describe('wildcard fields in eventstats and streamstats', () => {
  test('eventstats max(*) AS max_* BY host: each known field but the BY field', async () => {
    const r = await fx.spl(
      'index=main | eval w=len(_raw) | table host v w | eventstats max(*) AS max_* BY host',
    );
    assert.deepEqual(r.columns, ['host', 'v', 'w', 'max_v', 'max_w']);
    assert.deepEqual(r.rows, [
      ['a', '1', 2, 3, 3],
      ['a', '3', 3, 3, 3],
      ['b', '5', 4, 5, 4],
    ]);
  });

  test('streamstats count(*): running counts named as written', async () => {
    const r = await fx.spl('index=main | table host v | streamstats count(*)');
    assert.deepEqual(r.columns, ['host', 'v', 'count(host)', 'count(v)']);
    assert.deepEqual(
      r.rows.map((x) => x.slice(2)),
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
    );
  });

  // Search Reference, eventstats: "eventstats max(*) AS max_*" is the page's wildcard example; over raw
  // events the fields each event has are known only when the search runs.
  test('over raw events: eventstats max(*) AS max_* BY host, one field per structured field', async () => {
    // The new fields are the events' own: shown with their structured fields; bytes_x has no number, so its
    // max is its greatest text ("If the values … are non-numeric, the maximum value is found using
    // lexicographical ordering", Statistical and charting functions).
    const r = await fx.spl('index=main | eventstats max(*) AS max_* BY host');
    const shown = r.rows.map((row) => row[r.columns.indexOf('_fields')] as Record<string, unknown>);
    assert.deepEqual(
      shown.map((f) =>
        Object.keys(f)
          .filter((k) => k.startsWith('max_'))
          .sort(),
      ),
      [
        ['max_bytes_in', 'max_bytes_out', 'max_v'],
        ['max_bytes_in', 'max_bytes_out', 'max_v'],
        ['max_bytes_out', 'max_bytes_x', 'max_v'],
      ],
    );
    assert.deepEqual(
      shown.map((f) => f['max_bytes_x'] ?? null),
      [null, null, events[2]?.bytes_x],
    );
    const t = await fx.spl(
      'index=main | eventstats max(*) AS max_* BY host | table max_v max_bytes_in max_bytes_out',
    );
    const group = (i: number) => hosts.flatMap((h, j) => (h === hosts[i] ? [j] : []));
    const max = (f: string, i: number) => {
      const ns = numbersOf(f, group(i));
      return ns.length === 0 ? null : String(Math.max(...ns));
    };
    assert.deepEqual(
      t.rows,
      [0, 1, 2].map((i) => [max('v', i), max('bytes_in', i), max('bytes_out', i)]),
    );
  });

  test('over raw events: streamstats avg(bytes*), named as written, running in event order', async () => {
    const r = await fx.spl('index=main | streamstats avg(bytes*) | table "avg(bytes_in)" "avg(bytes_out)"');
    const avg = (f: string, i: number) => {
      const ns = numbersOf(f, [0, 1, 2].slice(0, i + 1));
      return ns.length === 0 ? null : String(ns.reduce((a, b) => a + b, 0) / ns.length);
    };
    assert.deepEqual(
      r.rows,
      [0, 1, 2].map((i) => [avg('bytes_in', i), avg('bytes_out', i)]),
    );
  });

  test('over raw events: streamstats window=2 count(bytes_*) AS n_*, eventstats values(bytes_*) AS all_*', async () => {
    const n = await fx.spl('index=main | streamstats window=2 count(bytes_*) AS n_* | table n_in n_out n_x');
    const count = (f: string, i: number) => {
      const c = [Math.max(0, i - 1), i].filter(
        (j, k, a) => a.indexOf(j) === k && events[j]?.[f] !== undefined,
      ).length;
      return c === 0 ? null : String(c);
    };
    assert.deepEqual(
      n.rows,
      [0, 1, 2].map((i) => [count('bytes_in', i), count('bytes_out', i), count('bytes_x', i)]),
    );
    // The values of each field, sorted and distinct, as lists among the events' fields.
    const v = await fx.spl('index=main | eventstats values(bytes_*) AS all_*');
    const shown = v.rows.map((row) => row[v.columns.indexOf('_fields')] as Record<string, unknown>);
    const all = (f: string) => [...new Set(events.flatMap((e) => (e[f] === undefined ? [] : [e[f]])))].sort();
    for (const f of shown) {
      assert.deepEqual([f.all_in, f.all_out, f.all_x], [all('bytes_in'), all('bytes_out'), all('bytes_x')]);
    }
    // Read later by name, they are lists too.
    const t = await fx.spl(
      'index=main | eventstats values(bytes_*) AS all_* | eval n=mvcount(all_in) | table all_in n v',
    );
    assert.deepEqual(
      t.rows,
      events.map((e) => [all('bytes_in'), all('bytes_in').length, e.v]),
    );
  });

  test('a later command reads the fields by name', async () => {
    const r = await fx.spl('index=main | eventstats sum(*) AS total_* | eval share=v/total_v | table share');
    const total = numbersOf('v', [0, 1, 2]).reduce((a, b) => a + b, 0);
    assert.deepEqual(
      r.rows,
      events.map((e) => [Number(e.v) / total]),
    );
  });

  test('several wildcards in one eventstats: each field by its alias; between them, the first wins a name', async () => {
    const r = await fx.spl(
      'index=main | eventstats max(bytes_*) AS max_* min(bytes_*) AS min_* dc(bytes_*) AS max_* BY host | table host max_in max_out min_in min_out',
    );
    const groups = (i: number): number[] => [0, 1, 2].filter((j) => hosts[j] === hosts[i]);
    const of = (f: string, i: number, fn: (x: number[]) => number): string | null => {
      const ns = numbersOf(f, groups(i));
      return ns.length === 0 ? null : String(fn(ns));
    };
    assert.deepEqual(
      r.rows,
      [0, 1, 2].map((i) => [
        hosts[i],
        of('bytes_in', i, (x) => Math.max(...x)),
        of('bytes_out', i, (x) => Math.max(...x)),
        of('bytes_in', i, (x) => Math.min(...x)),
        of('bytes_out', i, (x) => Math.min(...x)),
      ]),
    );
  });

  test('functions not taken per field yet: unsupported diagnostics', async () => {
    for (const [q, at] of [
      ['index=main | eventstats latest(*) AS l_*', 'latest'],
      ['index=main | streamstats allnum=true max(*) AS max_*', 'max(*)'],
    ] as const) {
      await assert.rejects(fx.spl(q), (e: unknown) => {
        assert.ok(e instanceof QueryInputError);
        assert.match(e.message, /wildcard fields in aggregations over raw events/);
        assert.equal(e.errors[0]?.column, q.indexOf(at) + 1);
        return true;
      });
    }
  });
});
