// `join left=L right=R where L.a=R.b … [subsearch]` on real chDB: the alias form of the Search Reference
// (https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/join): the equalities
// of the `where` clause match the rows, written either way round, and every field of each side comes out
// named with its alias, so both sides keep their fields (the page's "to avoid naming collisions").

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compile } from '@nexus/spl';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
// Newest first, as the searches return them.
const products = [
  { product_id: 'p1', price: '10', region: 'eu' },
  { product_id: 'p2', price: '20', region: 'us' },
  { product_id: 'p3', price: '30', region: 'eu' },
  { product_id: 'p1', price: '15', region: 'us' },
];
const vendors = [
  { pid: 'p1', vendor: 'acme', region: 'eu' },
  { pid: 'p2', vendor: 'globex', region: 'us' },
  { pid: 'p1', vendor: 'initech', region: 'us' },
  { pid: 'p4', vendor: 'hooli', region: 'us' },
];

let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    ...products.map((p, i) => fixtureEvent(now, 1 + i, `product ${i}`, 'shop', p)),
    ...vendors.map((v, i) => fixtureEvent(now, 10 + i, `vendor ${i}`, 'erp', v, { index: 'vendors' })),
  ]);
});

after(async () => {
  await fx.close();
});

type Product = (typeof products)[number];
type Vendor = (typeof vendors)[number];
const left = 'index=main | table product_id price region';
const right = '[search index=vendors | table pid vendor region]';
const row = (p: Product, v: Vendor | undefined): unknown[] => [
  p.product_id,
  p.price,
  p.region,
  v?.pid ?? null,
  v?.vendor ?? null,
  v?.region ?? null,
];
const columns = ['L.product_id', 'L.price', 'L.region', 'R.pid', 'R.vendor', 'R.region'];

/** Splunk's join over the two lists: each product with its first `max` matching vendors (0: all). */
function expected(match: (p: Product, v: Vendor) => boolean, opts: { max?: number; type?: 'left' } = {}) {
  return products.flatMap((p) => {
    const all = vendors.filter((v) => match(p, v));
    const taken = opts.max === 0 ? all : all.slice(0, opts.max ?? 1);
    if (taken.length === 0) return opts.type === 'left' ? [row(p, undefined)] : [];
    return taken.map((v) => row(p, v));
  });
}

describe('join with left=/right= aliases and where', () => {
  test('one equality between differently named fields: every field of each side named with its alias', async () => {
    const r = await fx.spl(`${left} | join left=L right=R where L.product_id=R.pid ${right}`);
    assert.deepEqual(r.columns, columns);
    assert.deepEqual(
      r.rows,
      expected((p, v) => p.product_id === v.pid),
    );
  });

  test('two equalities with AND, one written right side first; the shared name `region` kept on both sides', async () => {
    const r = await fx.spl(
      `${left} | join left=L right=R where L.product_id = R.pid AND R.region=L.region ${right}`,
    );
    assert.deepEqual(r.columns, columns);
    assert.deepEqual(
      r.rows,
      expected((p, v) => p.product_id === v.pid && p.region === v.region),
    );
  });

  test('type=left keeps the results without a match; max=0 takes every match (words as aliases)', async () => {
    const l = await fx.spl(`${left} | join type=left left=L right=R where L.product_id=R.pid ${right}`);
    assert.deepEqual(
      l.rows,
      expected((p, v) => p.product_id === v.pid, { type: 'left' }),
    );
    const all = await fx.spl(
      `${left} | join max=0 left=products right=vendors where products.product_id=vendors.pid ${right}`,
    );
    assert.deepEqual(
      all.columns,
      columns.map((c) => c.replace(/^L\./, 'products.').replace(/^R\./, 'vendors.')),
    );
    assert.deepEqual(
      all.rows,
      expected((p, v) => p.product_id === v.pid, { max: 0 }),
    );
  });

  test('commands after the join read the aliased fields (the page: stats count by L.product_id)', async () => {
    const r = await fx.spl(
      `${left} | join max=0 left=L right=R where L.product_id=R.pid ${right} | stats count BY L.product_id`,
    );
    const counts = new Map<string, number>();
    for (const x of expected((p, v) => p.product_id === v.pid, { max: 0 })) {
      const id = String(x[0]);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    assert.deepEqual(
      r.rows,
      [...counts].sort(([a], [b]) => a.localeCompare(b)),
    );
  });

  test('without where the aliases are ignored (the page: "or the alias is ignored")', async () => {
    const r = await fx.spl(
      `index=main | table product_id price | join left=L right=R product_id [search index=vendors | eval product_id=pid | table product_id vendor]`,
    );
    assert.deepEqual(r.columns, ['product_id', 'price', 'vendor']);
    assert.deepEqual(
      r.rows,
      products.flatMap((p) => {
        const v = vendors.find((x) => x.pid === p.product_id);
        return v ? [[p.product_id, p.price, v.vendor]] : [];
      }),
    );
  });

  test('missing aliases, other conditions, raw events: positioned diagnostics', () => {
    const errorsOf = (q: string) => {
      const c = compile(q, { orgId: 'acme', earliestMs: 0, latestMs: now, nowMs: now });
      return c.ok ? [] : c.errors.map((e) => [e.code, q.slice(e.span.start, e.span.end)]);
    };
    const q1 = `${left} | join left=L where L.product_id=R.pid ${right}`;
    assert.deepEqual(errorsOf(q1), [['semantic', 'where L.product_id=R.pid']]);
    const q2 = `${left} | join left=L right=R where L.product_id=R.pid OR L.price=R.pid ${right}`;
    assert.deepEqual(errorsOf(q2), [['unsupported', 'OR']]);
    const q3 = `${left} | join left=L right=R where L.product_id=X.pid ${right}`;
    assert.deepEqual(errorsOf(q3), [['semantic', 'L.product_id=X.pid']]);
    const q4 = `index=main | timechart count BY host | join left=L right=R where L._time=R.pid ${right}`;
    assert.deepEqual(errorsOf(q4), [['unsupported', 'where L._time=R.pid']]);
  });

  test('raw events on both sides: their own fields and their structured ones, each named with its alias', async () => {
    const r = await fx.spl(
      'index=main | join max=0 left=L right=R where L.product_id=R.pid [search index=vendors] | table L.host R.host L.product_id L.price R.vendor R.region L.region',
    );
    assert.deepEqual(r.columns, [
      'L.host',
      'R.host',
      'L.product_id',
      'L.price',
      'R.vendor',
      'R.region',
      'L.region',
    ]);
    assert.deepEqual(
      r.rows,
      products.flatMap((p) =>
        vendors
          .filter((v) => v.pid === p.product_id)
          .map((v) => ['shop', 'erp', p.product_id, p.price, v.vendor, v.region, p.region]),
      ),
    );
  });

  test('raw events on the left, known fields on the right, type=left: a later command reads a field by name', async () => {
    const r = await fx.spl(
      `index=main | join type=left left=L right=R where L.product_id=R.pid ${right} | eval pair='L.region'.":".'R.region' | table pair`,
    );
    assert.deepEqual(
      r.rows,
      products.map((p) => {
        const v = vendors.find((x) => x.pid === p.product_id);
        return [v ? `${p.region}:${v.region}` : null];
      }),
    );
  });
});
