// `pivot` LIMIT, SORT and RANGE on real chDB, against rows computed here from the fixture's events.
// Search Reference, pivot (https://help.splunk.com/splunk-cloud-platform/spl-search-reference/10.0.2503/search-commands/pivot):
// "LIMIT <fieldname> BY <limittype> <number> <stats-function>(<fieldname>)" ("Use to limit the number of
// elements in the pivot"), "(LIMIT <limit expression>)*", "SORT <n> <field>" (example 2), and a split's
// "RANGE start=<value> end=<value> max=<value> size=<value>" ("You do not need to specify all of the options").
// Where the page is silent, Nexus follows the Pivot editor, where a limit is a filter on the field's values.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dataModelFromJson } from '@nexus/spl';
import type { DataModel, KnowledgeObjects } from '@nexus/spl';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.UTC(2026, 11, 7, 12, 0, 0);

const sales = dataModelFromJson(
  JSON.stringify({
    modelName: 'Sales',
    objects: [
      {
        objectName: 'Orders',
        parentName: 'BaseEvent',
        constraints: [{ search: 'sourcetype=orders' }],
        fields: [
          { fieldName: 'region', type: 'string' },
          { fieldName: 'product', type: 'string' },
          { fieldName: 'channel', type: 'string' },
          { fieldName: 'amount', type: 'number' },
        ],
      },
    ],
  }),
);
const knowledge: KnowledgeObjects = {
  eventtypes: [],
  tags: [],
  props: [],
  transforms: [],
  datamodels: [sales.model as DataModel],
};

interface Order {
  readonly region: string;
  readonly product: string;
  readonly channel: string;
  readonly amount: number;
}
const REGIONS = ['north', 'south', 'east', 'west'];
const PRODUCTS = ['apple', 'banana', 'cherry', 'date', 'elder'];
const CHANNELS = ['store', 'web'];
// 40 orders with uneven counts and sums per region, product and channel (a fixed pattern, no randomness).
const orders: Order[] = Array.from({ length: 40 }, (_, i) => ({
  region: REGIONS[(i * i + Math.floor(i / 3)) % 4] ?? '',
  product: PRODUCTS[((i * i * 3 + i) % 17) % 5] ?? '',
  channel: CHANNELS[i % 3 === 0 ? 0 : 1] ?? '',
  amount: 5 + ((i * 37) % 470),
}));
const events = [
  ...orders.map((o, i) =>
    fixtureEvent(
      now,
      i + 1,
      `order ${i}`,
      'shop',
      { ...o, amount: String(o.amount) },
      { sourcetype: 'orders' },
    ),
  ),
  // Not an order (another sourcetype) and another tenant's order: in no pivot.
  fixtureEvent(
    now,
    50,
    'refund',
    'shop',
    { region: 'north', product: 'apple', amount: '1' },
    { sourcetype: 'refunds' },
  ),
  {
    ...fixtureEvent(
      now,
      51,
      'order',
      'shop',
      { region: 'north', product: 'apple', amount: '9' },
      {
        sourcetype: 'orders',
      },
    ),
    org_id: 'other',
  },
];

let f: SplFixture;
before(async () => {
  assert.deepEqual(sales.problems, []);
  f = await splFixture(now, events, { knowledge });
});
after(async () => f.close());

// Reference computations, independent of the compiler.
type Key = keyof Order;
const count = (os: readonly Order[]): number => os.length;
const sum = (os: readonly Order[]): number => os.reduce((a, o) => a + o.amount, 0);
const distinct = (os: readonly Order[], k: Key): string[] => [...new Set(os.map((o) => String(o[k])))].sort();
/** The `n` values of `k` ranked first by `stat` (largest first when `top`), ties by the value ascending. */
function ranked(
  os: readonly Order[],
  k: Key,
  n: number,
  stat: (g: readonly Order[]) => number,
  top: boolean,
): string[] {
  return distinct(os, k)
    .map((v) => ({ v, s: stat(os.filter((o) => String(o[k]) === v)) }))
    .sort((a, b) => (top ? b.s - a.s : a.s - b.s) || (a.v < b.v ? -1 : a.v > b.v ? 1 : 0))
    .slice(0, n)
    .map((x) => x.v);
}
const within = (os: readonly Order[], k: Key, values: readonly string[]): Order[] =>
  os.filter((o) => values.includes(String(o[k])));
/** `count` by the row fields, in the rows' order (by the row values, as stats gives them). */
function countBy(os: readonly Order[], keys: readonly Key[]): unknown[][] {
  const groups = new Map<string, { key: string[]; n: number }>();
  for (const o of os) {
    const key = keys.map((k) => String(o[k]));
    const id = JSON.stringify(key);
    const g = groups.get(id) ?? { key, n: 0 };
    g.n++;
    groups.set(id, g);
  }
  return [...groups.values()]
    .sort((a, b) => {
      for (let i = 0; i < keys.length; i++) {
        const x = a.key[i] ?? '';
        const y = b.key[i] ?? '';
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    })
    .map((g) => [...g.key, g.n]);
}

describe('pivot LIMIT', () => {
  test('the fixture gives the limits something to cut (several values of each field, unequal counts)', () => {
    assert.equal(distinct(orders, 'region').length, 4);
    assert.equal(distinct(orders, 'product').length, 5);
    // The top products by count are not the first by name, and the bottom ones by sum differ from both.
    assert.deepEqual(ranked(orders, 'product', 2, count, true), ['cherry', 'elder']);
    assert.deepEqual(ranked(orders, 'product', 2, sum, false), ['apple', 'date']);
  });

  test('on the second of two SPLITROWs: the rows whose value of that field is among its top values', async () => {
    const top = ranked(orders, 'product', 2, count, true);
    const r = await f.spl(
      '| pivot Sales Orders count(Orders) AS n SPLITROW region SPLITROW product LIMIT product BY top 2 count(Orders)',
    );
    assert.deepEqual(r.columns, ['region', 'product', 'n']);
    assert.deepEqual(r.rows, countBy(within(orders, 'product', top), ['region', 'product']));
  });

  test('on the first of two SPLITROWs, `lowest` (Pivot’s word for bottom), by another statistic', async () => {
    const low = ranked(orders, 'region', 2, sum, false);
    const r = await f.spl(
      '| pivot Sales Orders count(Orders) AS n SPLITROW region SPLITROW channel LIMIT region BY lowest 2 sum(amount)',
    );
    assert.deepEqual(r.rows, countBy(within(orders, 'region', low), ['region', 'channel']));
  });

  test('on a SPLITCOL: only the columns of the values the limit keeps', async () => {
    const low = ranked(orders, 'product', 2, sum, false);
    const r = await f.spl(
      '| pivot Sales Orders count(Orders) AS n SPLITROW region SPLITCOL product LIMIT product BY bottom 2 sum(amount)',
    );
    assert.deepEqual(r.columns, ['region', ...[...low].sort()]);
    const kept = within(orders, 'product', low);
    assert.deepEqual(
      r.rows,
      distinct(kept, 'region').map((region) => [
        region,
        ...[...low].sort().map((p) => kept.filter((o) => o.region === region && o.product === p).length),
      ]),
    );
  });

  test('several LIMITs, each on its own field and ranked over all the events; one on a field that is no split', async () => {
    const regions = ranked(orders, 'region', 3, sum, true);
    const products = ranked(orders, 'product', 3, count, true);
    const kept = within(within(orders, 'region', regions), 'product', products);
    const r = await f.spl(
      '| pivot Sales Orders count(Orders) AS n SPLITROW region SPLITCOL channel LIMIT region BY top 3 sum(amount) LIMIT product BY top 3 count(Orders)',
    );
    assert.deepEqual(r.columns, ['region', ...distinct(kept, 'channel')]);
    assert.deepEqual(
      r.rows,
      distinct(kept, 'region').map((region) => [
        region,
        ...distinct(kept, 'channel').map(
          (c) => kept.filter((o) => o.region === region && o.channel === c).length,
        ),
      ]),
    );
    // The order of the LIMITs does not change the rows.
    const swapped = await f.spl(
      '| pivot Sales Orders count(Orders) AS n SPLITROW region SPLITCOL channel LIMIT product BY top 3 count(Orders) LIMIT region BY top 3 sum(amount)',
    );
    assert.deepEqual(swapped.rows, r.rows);
  });

  test('the one SPLITROW’s LIMIT shows its rows ranked by the statistic; COLSUMMARY is over the kept events', async () => {
    const top = ranked(orders, 'product', 3, sum, true);
    const r = await f.spl(
      '| pivot Sales Orders count(Orders) AS n SPLITROW product LIMIT product BY top 3 sum(amount) COLSUMMARY true',
    );
    assert.deepEqual(r.rows, [
      ...top.map((p) => [p, orders.filter((o) => o.product === p).length]),
      ['ALL', within(orders, 'product', top).length],
    ]);
  });

  test('on a RANGE split: the limit ranks the bins, not the raw values', async () => {
    const bin = (v: number): string => `${Math.floor(v / 100) * 100}-${Math.floor(v / 100) * 100 + 100}`;
    const binned = orders.map((o) => ({ ...o, channel: bin(o.amount) }));
    const top = ranked(binned, 'channel', 2, count, true);
    const r = await f.spl(
      '| pivot Sales Orders count(Orders) AS n SPLITROW amount RANGE size=100 LIMIT amount BY top 2 count(Orders)',
    );
    assert.deepEqual(
      r.rows,
      top.map((b) => [b, binned.filter((o) => o.channel === b).length]),
    );
  });

  test('COLSUMMARY with a LIMIT on the second SPLITROW: the ALL row counts the events of the rows kept', async () => {
    const top = ranked(orders, 'product', 2, count, true);
    const r = await f.spl(
      '| pivot Sales Orders count(Orders) AS n SPLITROW region SPLITROW product LIMIT product BY top 2 count(Orders) COLSUMMARY true',
    );
    assert.deepEqual(r.rows.at(-1), ['ALL', null, within(orders, 'product', top).length]);
  });
});

describe('pivot SORT', () => {
  test('SORT <n> <field> with COLSUMMARY: the ALL row is over the events of the rows kept', async () => {
    const first = distinct(orders, 'region').slice(0, 2);
    const r = await f.spl(
      '| pivot Sales Orders count(Orders) AS n SPLITROW region SORT 2 region COLSUMMARY true',
    );
    assert.deepEqual(r.rows, [
      ...first.map((x) => [x, orders.filter((o) => o.region === x).length]),
      ['ALL', within(orders, 'region', first).length],
    ]);
  });

  test('with two SPLITROWs: the first rows by the sort field (ties by the row values); ALL over their events', async () => {
    const rows = countBy(orders, ['region', 'channel']).slice(0, 3);
    const kept = orders.filter((o) => rows.some((x) => x[0] === o.region && x[1] === o.channel));
    const r = await f.spl(
      '| pivot Sales Orders count(Orders) AS n SPLITROW region SPLITROW channel SORT 3 region COLSUMMARY true',
    );
    assert.deepEqual(r.rows, [...rows, ['ALL', null, kept.length]]);
  });

  test('with a SPLITCOL: the ALL row’s columns are over the events of the rows kept', async () => {
    const first = distinct(orders, 'region').slice(0, 2);
    const kept = within(orders, 'region', first);
    const r = await f.spl(
      '| pivot Sales Orders count(Orders) AS n SPLITROW region SPLITCOL channel SORT 2 region COLSUMMARY true',
    );
    assert.deepEqual(r.rows.at(-1), [
      'ALL',
      ...CHANNELS.map((c) => kept.filter((o) => o.channel === c).length),
    ]);
  });
});

describe('pivot RANGE', () => {
  test('start= and end= only: automatic bins (at most 100) over the values in [start, end]', async () => {
    const inside = orders.filter((o) => o.amount >= 100 && o.amount <= 400);
    const width = Math.max(...inside.map((o) => o.amount)) - Math.min(...inside.map((o) => o.amount));
    const span = 10 ** Math.ceil(Math.log10(width / 100));
    const label = (v: number): string =>
      `${Math.floor(v / span) * span}-${Math.floor(v / span) * span + span}`;
    const expected = new Map<string, number>();
    for (const o of inside) expected.set(label(o.amount), (expected.get(label(o.amount)) ?? 0) + 1);
    const r = await f.spl('| pivot Sales Orders count(Orders) AS n SPLITROW amount RANGE start=100 end=400');
    assert.deepEqual(new Map(r.rows.map((x) => [String(x[0]), Number(x[1])])), expected);
    assert.equal(span, 10);
  });
});
