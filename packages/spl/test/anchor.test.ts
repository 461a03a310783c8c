// The layering pass: which relations share their input's SELECT and which start a new one.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Anchors } from '../src/backends/clickhouse/anchor.ts';
import { printClickHouse } from '../src/backends/clickhouse/print.ts';
import type { Rel } from '../src/ir/types.ts';
import { col, lit } from '../src/ir/types.ts';

const scan: Rel = { kind: 'scan', table: 'logs', orgId: 'acme', earliestMs: null, latestMs: null };
const isHost = { kind: 'call', fn: 'eq', args: [col('host', 'any'), lit('a')], type: 'bool' } as const;
const filter = (input: Rel): Rel & { kind: 'filter' } => ({ kind: 'filter', input, predicate: isHost });
const take = (input: Rel): Rel & { kind: 'take' } => ({ kind: 'take', input, limit: 5 });
const count = (input: Rel): Rel & { kind: 'aggregate' } => ({
  kind: 'aggregate',
  input,
  groups: [{ name: 'host', expr: col('host', 'any') }],
  aggregates: [{ name: 'count', fn: 'count', type: 'number' }],
});

/** How many SELECTs the printed statement has. */
const selects = (rel: Rel): number => printClickHouse(rel).sql.split('SELECT').length - 1;

describe('layering (anchor.ts)', () => {
  test('a filter joins the WHERE of the table scan; after a GROUP BY or a LIMIT it needs a new SELECT', () => {
    const a = new Anchors();
    const onScan = filter(scan);
    assert.equal(a.newLayer(onScan), false);
    assert.equal(a.newLayer(filter(onScan)), false);
    assert.equal(a.newLayer(filter(count(scan))), true);
    assert.equal(a.newLayer(filter(take(scan))), true);
  });

  test('a computed column never shares the scan SELECT (its alias could shadow a table column)', () => {
    const a = new Anchors();
    const compute = (input: Rel): Rel & { kind: 'compute' } => ({
      kind: 'compute',
      input,
      name: 'x',
      expr: lit(1),
    });
    assert.equal(a.newLayer(compute(filter(scan))), true);
    // Over a new pass-through SELECT (after a filter that needed one) it shares it.
    assert.equal(a.newLayer(compute(filter(count(scan)))), false);
  });

  test('a LIMIT is added to any SELECT; reversing a limited SELECT needs a new one', () => {
    const a = new Anchors();
    assert.equal(a.newLayer(take(count(scan))), false);
    const reverse = (input: Rel): Rel & { kind: 'reverse' } => ({ kind: 'reverse', input });
    assert.equal(a.newLayer(reverse(scan)), false);
    assert.equal(a.newLayer(reverse(take(scan))), true);
  });

  test('the printer follows the pass: one SELECT per layer it decides', () => {
    // filter + filter + LIMIT over the scan: one SELECT; a filter after the LIMIT: a second one.
    assert.equal(selects(take(filter(filter(scan)))), 1);
    assert.equal(selects(filter(take(filter(scan)))), 2);
  });
});
