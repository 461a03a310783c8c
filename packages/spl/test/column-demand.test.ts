// What each relation must give the ones over it (demand.ts): a SELECT under a window carries only the
// columns read above it, so the window's sort does not move the events' text and fields.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile } from '../src/compile.ts';
import { demands } from '../src/backends/clickhouse/demand.ts';
import type { Rel } from '../src/ir/types.ts';
import { col, field } from '../src/ir/types.ts';

const now = Date.UTC(2024, 0, 10, 12, 0, 0);
const options = { orgId: 'acme', earliestMs: now - 86_400_000, latestMs: now, nowMs: now };

/** The compiled statement of `query`. */
function sqlOf(query: string): string {
  const r = compile(query, options);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  return r.sql.sql;
}

/** The lines of the SELECTs that compute a window (`… OVER (…)`). */
const windows = (sql: string): string[] => sql.split('\n').filter((l) => l.includes(' OVER ('));

/** The select list of a SELECT line, without the window expressions' text. */
const carried = (line: string): string[] =>
  [...line.matchAll(/(?:SELECT |, )(`[^`]+`)(?=,|$)/g)].map((m) => m[1] ?? '');

describe('columns carried through windows', () => {
  test('`delta bytes | stats avg("delta(bytes)")`: the window carries the number computed below it, not index, _raw or the field', () => {
    const sql = sqlOf('index=main | delta bytes | stats avg("delta(bytes)")');
    const [window, ...more] = windows(sql);
    assert.ok(window, sql);
    assert.equal(more.length, 0, sql);
    assert.deepEqual(carried(window), ['`_time`', '`__delta_n`'], window);
    // The number is computed once, in the SELECT right over the scan.
    assert.match(sql, /toFloat64OrNull\(CAST\(`_fields`\.`bytes` AS Nullable\(String\)\)\) AS `__delta_n`/);
    assert.equal(sql.match(/`_fields`\.`bytes`/g)?.length, 1, sql);
    assert.doesNotMatch(sql, /`_raw`|`index`, /);
  });

  test('the bench shape `delta … | head | table`: only the table’s columns and the number', () => {
    const sql = sqlOf('index=main | delta bytes AS d | head 100 | table _time host d');
    const [window] = windows(sql);
    assert.ok(window, sql);
    assert.deepEqual(carried(window), ['`_time`', '`host`', '`__delta_n`'], window);
  });

  for (const [name, query, kept] of [
    ['accum', 'index=main | accum bytes AS total | table _time total', ['`_time`', '`__accum_n`']],
    ['streamstats', 'index=main | streamstats avg(bytes) AS a | table host a', ['`_time`', '`host`']],
    ['autoregress', 'index=main | autoregress bytes p=1 | table bytes_p1', ['`_time`']],
    ['trendline', 'index=main | trendline sma2(bytes) AS t | table t', ['`_time`']],
  ] as const) {
    test(`${name} read by a table: no event column the table does not name goes through the window`, () => {
      const sql = sqlOf(query);
      const all = windows(sql);
      assert.ok(all.length > 0, sql);
      for (const w of all) {
        for (const c of kept) assert.ok(carried(w).includes(c) || c === '`_time`', `${c} in ${w}`);
        for (const gone of ['`_raw`', '`index`', '`source`', '`sourcetype`', '`_fields.bytes`', '`_fields`'])
          assert.ok(!carried(w).includes(gone), `${gone} carried in ${w}`);
      }
    });
  }

  test('events shown after the window: every column and the fields still go through it', () => {
    const sql = sqlOf('index=main | delta bytes AS d');
    const [window] = windows(sql);
    assert.ok(window, sql);
    for (const c of ['`_time`', '`index`', '`host`', '`source`', '`sourcetype`', '`_raw`', '`_fields`'])
      assert.ok(carried(window).includes(c), `${c} missing in ${window}`);
  });
});

describe('columns carried through a union', () => {
  test('multisearch read by stats: no side selects the events’ text or fields (the bench shape)', () => {
    const sql = sqlOf(
      '| multisearch [search index=main timeout] [search index=main host=web7] | stats count by host',
    );
    const lists = sql.split('\n').filter((l) => l.trim().startsWith('SELECT'));
    for (const l of lists) assert.doesNotMatch(l, /`_raw`|`fields`|`_fields`|`index`|`source`/, l);
  });

  test('multisearch with its events shown: every column and the fields on both sides', () => {
    const sql = sqlOf('| multisearch [search index=main timeout] [search index=main host=web7]');
    const sides = sql.split('UNION ALL');
    assert.equal(sides.length, 2, sql);
    for (const side of sides) assert.match(side, /`_raw`, `fields` AS `_fields`/);
  });
});

describe('demands', () => {
  const scan: Rel = { kind: 'scan', table: 'logs', orgId: 'acme', earliestMs: null, latestMs: null };

  test('a projection needs of its input only what its used columns read; the top needs all', () => {
    const compute: Rel = { kind: 'compute', input: scan, name: 'n', expr: field('bytes') };
    const top: Rel = {
      kind: 'project',
      input: compute,
      columns: [{ name: 'h', expr: col('host', 'any') }],
      keepRaw: false,
    };
    const need = demands(top, ['_fields.bytes']);
    assert.equal(need.get(top), 'all');
    assert.deepEqual([...(need.get(compute) ?? [])], ['host']);
    // A compute's own expression is read even when nothing reads its column (it is still printed).
    assert.deepEqual([...(need.get(scan) ?? [])].sort(), ['_fields', '_fields.bytes', 'host']);
  });

  test('a relation the demand does not trace (a time fill) gets all of its input', () => {
    const fill: Rel = {
      kind: 'fill',
      input: scan,
      column: '_time',
      fromMs: null,
      toMs: null,
      count: 1,
      unit: 'h',
      timeZone: 'UTC',
    };
    const top: Rel = {
      kind: 'project',
      input: fill,
      columns: [{ name: 'h', expr: col('host', 'any') }],
      keepRaw: false,
    };
    const need = demands(top, []);
    assert.deepEqual([...(need.get(fill) ?? [])], ['host']);
    assert.equal(need.get(scan), 'all');
  });

  test('each side of a union gives the union’s columns used above', () => {
    const union: Rel = {
      kind: 'union',
      inputs: [scan, { kind: 'take', input: scan, limit: 3 }],
      columns: [
        { name: 'host', type: 'any' },
        { name: '_raw', type: 'any' },
      ],
      raw: true,
    };
    const top: Rel = {
      kind: 'project',
      input: union,
      columns: [{ name: 'h', expr: col('host', 'any') }],
      keepRaw: false,
    };
    // The scan is read by both sides: what each needs (the same here).
    assert.deepEqual([...(demands(top, ['_fields']).get(scan) ?? [])], ['host']);
  });
});
