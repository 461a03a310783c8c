// anomalydetection's planning: the zscore limit from pthresh, and the options each method refuses, at their
// spans. Rows from chDB: datasource-server/test/spl/anomalydetection.test.ts.
// Search Reference 9.4, anomalydetection: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/anomalydetection

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile } from '../src/compile.ts';
// After compile: the command table must load before one of its modules.
import { twoSidedZ } from '../src/commands/anomalydetection.ts';

const now = Date.UTC(2024, 0, 10, 12);
const errorsOf = (q: string): { message: string; start: number; end: number }[] => {
  const r = compile(q, { orgId: 'o', earliestMs: now - 86_400_000, latestMs: now, nowMs: now });
  return r.ok ? [] : r.errors.map((e) => ({ message: e.message, start: e.span.start, end: e.span.end }));
};

describe('anomalydetection planning', () => {
  test('the z of a two-sided normal tail probability (tables: 0.05 → 1.959964, 0.01 → 2.575829)', () => {
    assert.ok(Math.abs(twoSidedZ(0.05) - 1.959964) < 1e-6);
    assert.ok(Math.abs(twoSidedZ(0.01) - 2.575829) < 1e-6);
    assert.ok(Math.abs(twoSidedZ(0.3173105) - 1) < 1e-6);
  });

  test('a method out of the list is reported at its value', () => {
    const q = 'index=main | table b | anomalydetection method=median b';
    const [e] = errorsOf(q);
    assert.ok(e);
    assert.match(e.message, /histogram/);
    assert.equal(e.start, q.indexOf('median'));
  });

  test('pthresh outside (0, 1) is reported at its value', () => {
    const q = 'index=main | table b | anomalydetection pthresh=2 b';
    const [e] = errorsOf(q);
    assert.equal(e?.message, '`pthresh` is a probability between 0 and 1, found `2`');
    assert.equal(e?.start, q.indexOf('2 b'));
  });

  test('outlier options belong to method=iqr', () => {
    const q = 'index=main | table b | anomalydetection method=zscore param=3 b';
    const [e] = errorsOf(q);
    assert.equal(e?.message, '`anomalydetection method=zscore` has no option `param`');
    assert.equal(e?.start, q.indexOf('param'));
    assert.equal(e?.end, q.indexOf('param') + 'param'.length);
  });

  test('method=zscore action=summary is reported unsupported at the action', () => {
    const q = 'index=main | table b | anomalydetection method=zscore action=summary b';
    const [e] = errorsOf(q);
    assert.match(e?.message ?? '', /not supported yet/);
    assert.equal(e?.start, q.indexOf('summary'));
  });

  test('no field list over raw events asks for one', () => {
    const [e] = errorsOf('index=main | anomalydetection');
    assert.match(e?.message ?? '', /without a field list over raw events/);
  });
});
