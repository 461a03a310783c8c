// Wildcard statistics over raw events whose field names are known only when the search runs, on real chDB:
// values/list mixed with numeric functions in one stats, mode and the percentiles per field, and min/max
// comparing text where a field has no number.
// Search Reference 9.4, stats ("wc-field"): https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/stats
// Multivalue stats and chart functions (list: event order, the first 100; values: distinct, sorted):
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/statistical-and-charting-functions/multivalue-stats-and-chart-functions
// Statistical and charting functions ("max and min … process values as numbers if possible"; mode, perc):
// https://help.splunk.com/en/splunk-enterprise/spl-search-reference/9.3/statistical-and-charting-functions

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compile } from '@nexus/spl';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

/** Events of index=nums, newest first: a text among the numbers, a field some events lack. */
const events: { host: string; fields: Record<string, string | number> }[] = [
  { host: 'a', fields: { bytes_in: 10, bytes_out: 5, code: 'x' } },
  { host: 'a', fields: { bytes_in: 30, bytes_out: 'n/a', code: 'y' } },
  { host: 'a', fields: { bytes_in: 10, code: 'x' } },
  { host: 'b', fields: { bytes_in: 7, bytes_out: 2.5, code: 'x' } },
  { host: 'b', fields: { bytes_out: 4 } },
];
const hosts = ['a', 'b'];
const names = ['bytes_in', 'bytes_out', 'code'];

before(async () => {
  fx = await splFixture(
    now,
    events.map((e, i) => fixtureEvent(now, 10 + i, `n${i}`, e.host, e.fields, { index: 'nums' })),
  );
});

after(async () => {
  await fx.close();
});

/** The values of `name` in events `ids` (newest first), as text. */
const textsOf = (ids: number[], name: string): string[] =>
  ids.flatMap((i) => {
    const v = events[i]?.fields[name];
    return v === undefined ? [] : [String(v)];
  });
const numbersOf = (ids: number[], name: string): number[] =>
  textsOf(ids, name).flatMap((t) => (Number.isNaN(Number(t)) ? [] : [Number(t)]));
const idsOf = (host: string): number[] => events.flatMap((e, i) => (e.host === host ? [i] : []));
/** A list as the service shows it: one value as itself. */
const shown = (xs: string[]): string | string[] | null =>
  xs.length === 0 ? null : xs.length === 1 ? (xs[0] ?? null) : xs;
/** The most frequent text; between equally frequent ones, the least. */
const mode = (xs: string[]): string | null => {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  const best = Math.max(...counts.values());
  return [...counts.keys()].filter((k) => counts.get(k) === best).sort()[0] ?? null;
};
/** Nearest rank: the value at rank ceil(p/100 × n) of the sorted numbers. */
const perc = (xs: number[], p: number): number | null => {
  const sorted = [...xs].sort((a, b) => a - b);
  return xs.length === 0 ? null : (sorted[Math.max(1, Math.ceil((p / 100) * xs.length)) - 1] ?? null);
};
const avg = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const text = (x: number | null): string | null => (x === null ? null : String(x));
/** Each row as name → value. */
const byName = (r: { columns: string[]; rows: unknown[][] }): Record<string, unknown>[] =>
  r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i]])));
/** Only the entries that have a value (a series a group lacks is null). */
const present = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));

describe('stats mixing values/list with numeric wildcard functions over raw events', () => {
  test('values(*) AS * avg(bytes*) AS avg* BY host: lists, and each average as a list of one value', async () => {
    const r = await fx.spl('index=nums | stats values(*) AS * avg(bytes*) AS avg* BY host');
    assert.deepEqual(
      [...r.columns].sort(),
      ['avg_in', 'avg_out', 'host', 'index', 'source', 'sourcetype', ...names].sort(),
    );
    assert.deepEqual(
      byName(r).map(present),
      hosts.map((h) => {
        const ids = idsOf(h);
        const values = Object.fromEntries(names.map((n) => [n, shown([...new Set(textsOf(ids, n))].sort())]));
        return present({
          host: h,
          index: 'nums',
          source: '/var/log/app.log',
          sourcetype: 'app',
          ...values,
          avg_in: text(avg(numbersOf(ids, 'bytes_in'))),
          avg_out: text(avg(numbersOf(ids, 'bytes_out'))),
        });
      }),
    );
  });

  test('list(bytes*) AS l* dc(bytes*) AS dc*: every value newest first, and the distinct counts', async () => {
    const r = await fx.spl('index=nums | stats list(bytes*) AS l* dc(bytes*) AS dc* BY host');
    assert.deepEqual(r.columns, ['host', 'dc_in', 'dc_out', 'l_in', 'l_out']);
    assert.deepEqual(
      r.rows,
      hosts.map((h) => {
        const ids = idsOf(h);
        const dc = (n: string): string => String(new Set(textsOf(ids, n)).size);
        return [
          h,
          dc('bytes_in'),
          dc('bytes_out'),
          shown(textsOf(ids, 'bytes_in')),
          shown(textsOf(ids, 'bytes_out')),
        ];
      }),
    );
  });

  test('a later command reads a mixed series by name, a number as its text', async () => {
    const r = await fx.spl(
      'index=nums | stats values(code) AS codes avg(bytes*) AS avg* values(bytes*) AS v* | eval twice=avg_in*2 | table codes twice',
    );
    assert.deepEqual(r.rows, [[['x', 'y'], (avg(numbersOf([0, 1, 2, 3, 4], 'bytes_in')) ?? 0) * 2]]);
  });

  test('min/max with mode in one stats: text per field, the least/greatest text where a field has no number', async () => {
    const r = await fx.spl(
      'index=nums | stats mode(co*) AS m_* min(bytes*) AS mn* max(*) AS mx_* BY host | fields host m_de mn_out mx_code mx_bytes_in',
    );
    assert.deepEqual(
      r.rows,
      hosts.map((h) => {
        const ids = idsOf(h);
        const codes = textsOf(ids, 'code').sort();
        return [
          h,
          mode(textsOf(ids, 'code')),
          text(Math.min(...numbersOf(ids, 'bytes_out'))),
          codes[codes.length - 1] ?? null,
          text(Math.max(...numbersOf(ids, 'bytes_in'))),
        ];
      }),
    );
    // With values among them each is a list of one value, shown as the value; a text-only field's max.
    const v = await fx.spl('index=nums | stats values(code) AS codes max(c*) AS mx_* mode(c*) AS mo_*');
    assert.deepEqual(v.columns, ['codes', 'mo_ode', 'mx_ode']);
    const all = textsOf([0, 1, 2, 3, 4], 'code');
    assert.deepEqual(v.rows, [[[...new Set(all)].sort(), mode(all), [...all].sort().pop()]]);
  });
});

describe('mode and percentiles per wildcard field over raw events', () => {
  test('stats mode(*) AS mode_* perc50(bytes*) AS p50* median(bytes*) AS med* upperperc90(bytes*) AS u* BY host', async () => {
    const r = await fx.spl(
      'index=nums | stats mode(*) AS mode_* perc50(bytes*) AS p50* median(bytes*) AS med* upperperc90(bytes*) AS u* BY host',
    );
    assert.deepEqual(
      byName(r).map(present),
      hosts.map((h) => {
        const ids = idsOf(h);
        return present({
          host: h,
          mode_index: 'nums',
          mode_source: '/var/log/app.log',
          mode_sourcetype: 'app',
          ...Object.fromEntries(names.map((n) => [`mode_${n}`, mode(textsOf(ids, n))])),
          ...Object.fromEntries(
            ['in', 'out'].flatMap((s) => [
              [`p50_${s}`, text(perc(numbersOf(ids, `bytes_${s}`), 50))],
              [`med_${s}`, text(perc(numbersOf(ids, `bytes_${s}`), 50))],
              [`u_${s}`, text(perc(numbersOf(ids, `bytes_${s}`), 90))],
            ]),
          ),
        });
      }),
    );
  });

  test('eventstats mode, min/max (text where a field has no number) and perc90 per field BY host', async () => {
    const r = await fx.spl(
      'index=nums | eventstats mode(*) AS m_* min(*) AS mn_* max(*) AS mx_* perc90(bytes*) AS p* BY host | table host m_code m_bytes_out mn_code mx_code mn_bytes_out mx_bytes_out p_in',
    );
    assert.deepEqual(
      r.rows,
      events.map((e) => {
        const ids = idsOf(e.host);
        const out = numbersOf(ids, 'bytes_out');
        const codes = textsOf(ids, 'code').sort();
        return [
          e.host,
          mode(textsOf(ids, 'code')),
          mode(textsOf(ids, 'bytes_out')),
          codes[0] ?? null,
          codes[codes.length - 1] ?? null,
          text(Math.min(...out)),
          text(Math.max(...out)),
          text(perc(numbersOf(ids, 'bytes_in'), 90)),
        ];
      }),
    );
  });

  test('streamstats median(bytes*) AS med* and list(bytes*) AS l*: running in event order', async () => {
    const r = await fx.spl(
      'index=nums | streamstats median(bytes*) AS med* list(bytes_in) AS l | table med_in med_out',
    );
    assert.deepEqual(
      r.rows,
      events.map((_, i) => {
        const seen = events.map((__, j) => j).filter((j) => j <= i);
        return [text(perc(numbersOf(seen, 'bytes_in'), 50)), text(perc(numbersOf(seen, 'bytes_out'), 50))];
      }),
    );
  });
});

// Series (xyseries, timechart … by) are fields named only when the search runs, as raw events' are.
describe('stats with wildcard functions over series', () => {
  // n = 1…6, series a (even n) and b (odd n), each v = n × 10.
  const X =
    '| makeresults count=6 | streamstats count AS n | eval host=if(n%2=0,"a","b"), v=n*10 | xyseries n host v';
  const series = { a: [20, 40, 60], b: [10, 30, 50] };

  test('avg, values and max over xyseries: the known column n and each series', async () => {
    const r = await fx.spl(`${X} | stats avg(*) values(*) AS all_* max(*) AS mx_*`);
    const o = byName(r)[0] ?? {};
    const n = [1, 2, 3, 4, 5, 6];
    assert.deepEqual(o, {
      'avg(n)': avg(n),
      all_n: n.map(String),
      mx_n: Math.max(...n),
      ...Object.fromEntries(
        Object.entries(series).flatMap(([k, xs]) => [
          [`avg(${k})`, text(avg(xs))],
          [`all_${k}`, xs.map(String).sort()],
          [`mx_${k}`, text(Math.max(...xs))],
        ]),
      ),
    });
  });

  test('perc50 and mode per series; sums read later by name', async () => {
    const r = await fx.spl(`${X} | stats perc50(*) AS p_* mode(*) AS m_*`);
    const o = byName(r)[0] ?? {};
    assert.deepEqual(
      [o['p_a'], o['p_b'], o['m_a'], o['m_b']],
      [
        text(perc(series.a, 50)),
        text(perc(series.b, 50)),
        mode(series.a.map(String)),
        mode(series.b.map(String)),
      ],
    );
    const s = await fx.spl(`${X} | stats sum(*) AS s_* | eval t=s_a+s_b | table t`);
    assert.deepEqual(s.rows, [[[...series.a, ...series.b].reduce((x, y) => x + y, 0)]]);
  });

  test('eventstats over series with a wildcard is one positioned unsupported, named for series', () => {
    const q = '| makeresults | eval host="a", v=1 | xyseries v host v | eventstats avg(*)';
    const c = compile(q, { orgId: 'acme', earliestMs: 0, latestMs: now, nowMs: now });
    assert.ok(!c.ok);
    assert.deepEqual(
      c.errors.map((e) => [e.code, q.slice(e.span.start, e.span.end), /over series/.test(e.message)]),
      [['unsupported', '*', true]],
    );
  });
});
