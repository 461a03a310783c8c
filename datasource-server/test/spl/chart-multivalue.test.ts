// timechart/chart split by a multivalue field, chart's row (`over`) field and top/rare over one: the event
// counts under EACH of its values, as `stats count by <mv>` does (issue 21; Nexus joined the values into one
// label). Search Reference, timechart: "each distinct value of the split-by field becomes a series";
// the `dedup_splitvals` argument removes duplicate values of a multivalued split-by field:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/timechart
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/chart
// Expected values are computed here from the events, one (event, value) pair per value.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let f: SplFixture;

/** The events: `tags` a structured field (an array is multivalue), `csv` made multivalue by `split`. */
const events: readonly { host: string; bytes: number; tags?: string | string[]; csv?: string }[] = [
  { host: 'web01', bytes: 10, tags: ['a', 'b'], csv: 'x,y' },
  { host: 'web01', bytes: 20, tags: 'a', csv: 'x' },
  { host: 'web02', bytes: 30, tags: ['b', 'c'], csv: 'y,z' },
  { host: 'web02', bytes: 40, tags: ['a', 'a'], csv: 'x,x' },
  { host: 'web01', bytes: 50 },
  { host: 'web03', bytes: 60, tags: ['c'], csv: 'z' },
];

/** One row per (event, value): an event without the field gives one row with `null`. */
function pairs(
  field: 'tags' | 'csv',
  dedup = false,
): { host: string; bytes: number; value: string | null }[] {
  return events.flatMap((e): { host: string; bytes: number; value: string | null }[] => {
    const raw = e[field];
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : field === 'csv' ? raw.split(',') : [raw];
    const values = dedup ? [...new Set(list)] : list;
    return values.length === 0
      ? [{ host: e.host, bytes: e.bytes, value: null }]
      : values.map((value) => ({ host: e.host, bytes: e.bytes, value }));
  });
}

/** Sum of `weight` per key. */
function totals<T>(
  rows: readonly T[],
  key: (r: T) => string,
  weight: (r: T) => number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + weight(r);
  return out;
}

/** Each series column of a timechart summed over its buckets (`_time` left out). */
function seriesTotals(r: { columns: string[]; rows: unknown[][] }): Record<string, number> {
  const out: Record<string, number> = {};
  r.columns.forEach((c, i) => {
    if (c === '_time') return;
    out[c] = r.rows.reduce<number>((sum, row) => sum + Number(row[i] ?? 0), 0);
  });
  return out;
}

before(async () => {
  f = await splFixture(
    now,
    events.map((e, i) =>
      fixtureEvent(now, i + 1, `event ${String(i)}`, e.host, {
        bytes: e.bytes,
        ...(e.tags === undefined ? {} : { tags: e.tags }),
        ...(e.csv === undefined ? {} : { csv: e.csv }),
      }),
    ),
  );
});

after(async () => {
  await f.close();
});

describe('timechart by a multivalue field', () => {
  test('an event counts once under each of its values (a structured array)', async () => {
    const r = await f.spl('index=main earliest=-1d | timechart span=1h count by tags');
    const expected = totals(
      pairs('tags'),
      (p) => p.value ?? 'NULL',
      () => 1,
    );
    // a: 1 + 1 + 2 (a value twice in one event counts twice); b: 2; c: 2; NULL: the event without tags.
    assert.deepEqual(expected, { a: 4, b: 2, c: 2, NULL: 1 });
    assert.deepEqual(seriesTotals(r), expected);
    assert.deepEqual(r.columns.slice(1), ['a', 'b', 'c', 'NULL']);
  });

  test('sum(bytes): each value of the event gets its bytes', async () => {
    const r = await f.spl('index=main earliest=-1d | timechart span=1h usenull=f sum(bytes) by tags');
    const expected = totals(
      pairs('tags').filter((p) => p.value !== null),
      (p) => p.value ?? '',
      (p) => p.bytes,
    );
    assert.deepEqual(seriesTotals(r), expected);
  });

  test('a multivalue made by eval (split) splits the same way', async () => {
    const r = await f.spl('index=main earliest=-1d | eval v=split(csv, ",") | timechart span=1h count by v');
    assert.deepEqual(
      seriesTotals(r),
      totals(
        pairs('csv'),
        (p) => p.value ?? 'NULL',
        () => 1,
      ),
    );
  });

  test('limit=1: OTHER counts the values of the other series, an event with a and b in both', async () => {
    const r = await f.spl('index=main earliest=-1d | timechart span=1h limit=1 usenull=f count by tags');
    const each = totals(
      pairs('tags').filter((p) => p.value !== null),
      (p) => p.value ?? '',
      () => 1,
    );
    const top = Object.entries(each).sort((x, y) => y[1] - x[1])[0]?.[0] ?? '';
    const other = Object.entries(each)
      .filter(([k]) => k !== top)
      .reduce((sum, [, n]) => sum + n, 0);
    assert.deepEqual(seriesTotals(r), { [top]: each[top], OTHER: other });
    assert.deepEqual(seriesTotals(r), { a: 4, OTHER: 4 });
  });

  test('dedup_splitvals=true: a value repeated in one event counts once', async () => {
    const r = await f.spl('index=main earliest=-1d | timechart span=1h dedup_splitvals=true count by tags');
    const expected = totals(
      pairs('tags', true),
      (p) => p.value ?? 'NULL',
      () => 1,
    );
    assert.equal(expected.a, 3);
    assert.deepEqual(seriesTotals(r), expected);
  });
});

describe('chart over / by a multivalue field', () => {
  test('chart count over host by tags: a column per value', async () => {
    const r = await f.spl('index=main | chart count over host by tags usenull=f');
    const expected: Record<string, Record<string, number>> = {};
    for (const p of pairs('tags')) {
      if (p.value === null) continue;
      const row = (expected[p.host] ??= {});
      row[p.value] = (row[p.value] ?? 0) + 1;
    }
    const got: Record<string, Record<string, number>> = {};
    for (const row of r.rows) {
      const cells: Record<string, number> = {};
      r.columns.forEach((c, i) => {
        if (c !== 'host' && Number(row[i]) !== 0) cells[c] = Number(row[i]);
      });
      got[String(row[0])] = cells;
    }
    // web01 has no event with a value other than its `a,b` and `a` ones: only a and b.
    for (const host of Object.keys(got)) expected[host] ??= {};
    assert.deepEqual(got, expected);
  });

  test('chart count over <multivalue> by host: a row per value', async () => {
    const r = await f.spl('index=main | eval v=split(csv, ",") | chart count over v by host');
    const expected: Record<string, Record<string, number>> = {};
    for (const p of pairs('csv')) {
      if (p.value === null) continue;
      const row = (expected[p.value] ??= {});
      row[p.host] = (row[p.host] ?? 0) + 1;
    }
    const got: Record<string, Record<string, number>> = {};
    for (const row of r.rows) {
      if (row[0] === null) continue;
      const cells: Record<string, number> = {};
      r.columns.forEach((c, i) => {
        if (c !== 'v' && Number(row[i]) !== 0) cells[c] = Number(row[i]);
      });
      got[String(row[0])] = cells;
    }
    assert.deepEqual(got, expected);
    assert.deepEqual(Object.keys(got).sort(), ['x', 'y', 'z']);
  });

  test('chart count by <multivalue> (one field, as stats)', async () => {
    const r = await f.spl('index=main | eval v=split(csv, ",") | chart count by v');
    const expected = totals(
      pairs('csv').filter((p) => p.value !== null),
      (p) => p.value ?? '',
      () => 1,
    );
    assert.deepEqual(Object.fromEntries(r.rows.map((row) => [String(row[0]), row[1]])), expected);
  });
});

describe('dedup_splitvals on stats and chart (a value repeated in one event counts once)', () => {
  // `csv` of one event is x,x: x counts twice without the option, once with it.
  const counts = (dedup: boolean): Record<string, number> =>
    totals(
      pairs('csv', dedup).filter((p) => p.value !== null),
      (p) => p.value ?? '',
      () => 1,
    );

  test('stats count by <multivalue>, with and without dedup_splitvals', async () => {
    for (const dedup of [false, true]) {
      const r = await f.spl(
        `index=main | eval v=split(csv, ",") | stats dedup_splitvals=${String(dedup)} count by v`,
      );
      assert.deepEqual(Object.fromEntries(r.rows.map((row) => [String(row[0]), row[1]])), counts(dedup));
    }
    assert.notDeepEqual(counts(true), counts(false));
  });

  test('chart count over <multivalue> by host dedup_splitvals=true', async () => {
    const r = await f.spl(
      'index=main | eval v=split(csv, ",") | chart dedup_splitvals=true count over v by host usenull=f',
    );
    const got = Object.fromEntries(
      r.rows.map((row) => [String(row[0]), row.slice(1).reduce<number>((n, x) => n + Number(x ?? 0), 0)]),
    );
    assert.deepEqual(got, counts(true));
  });
});

describe('top and rare over a multivalue field', () => {
  test('top counts each value; percent of all the values counted', async () => {
    const r = await f.spl('index=main | eval v=split(csv, ",") | top v');
    const each = totals(
      pairs('csv').filter((p) => p.value !== null),
      (p) => p.value ?? '',
      () => 1,
    );
    const all = Object.values(each).reduce((a, b) => a + b, 0);
    assert.deepEqual(r.columns, ['v', 'count', 'percent']);
    assert.deepEqual(
      r.rows.map((row) => [row[0], row[1]]),
      Object.entries(each).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])),
    );
    for (const row of r.rows) assert.ok(Math.abs(Number(row[2]) - (Number(row[1]) / all) * 100) < 1e-9);
  });

  test('rare, by host', async () => {
    const r = await f.spl('index=main | eval v=split(csv, ",") | rare v by host');
    const expected = totals(
      pairs('csv').filter((p) => p.value !== null),
      (p) => `${p.host}/${p.value ?? ''}`,
      () => 1,
    );
    assert.deepEqual(
      Object.fromEntries(r.rows.map((row) => [`${String(row[0])}/${String(row[1])}`, row[2]])),
      expected,
    );
  });
});
