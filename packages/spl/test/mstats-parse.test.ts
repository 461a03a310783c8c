// mstats as the parser reads it (spans of every part) and as the planner lowers it (the metric IR).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from '../src/compile.ts';
import { parse } from '../src/parser/index.ts';

const at = (text: string, span: { start: number; end: number } | undefined): string =>
  text.slice(span?.start, span?.end);

test('mstats: spans of aggregations, aliases, WHERE and BY', () => {
  const text =
    '| mstats perc95(latency) AS p avg(_value) WHERE index=m (host=a OR host=b*) region IN (x, "y z") NOT dc=eu BY host, dc span=1m';
  const r = parse(text);
  assert.deepEqual(r.errors, []);
  const c = r.ast?.commands[0];
  assert.ok(c?.kind === 'mstats');
  assert.deepEqual(
    c.aggregations.map((a) => [
      at(text, a.fn.span),
      a.arg?.kind === 'agg-field' ? a.arg.field.pattern : '',
      a.alias?.name,
    ]),
    [
      ['perc95', 'latency', 'p'],
      ['avg', '_value', undefined],
    ],
  );
  assert.equal(at(text, c.where.span), 'index=m (host=a OR host=b*) region IN (x, "y z") NOT dc=eu');
  assert.deepEqual(
    c.by.map((b) => at(text, b.span)),
    ['host', 'dc'],
  );
  assert.deepEqual(
    c.options.map((o) => at(text, o.span)),
    ['span=1m'],
  );
});

test('mstats: the metric IR (tenant from the options, filter tree, BY, span)', () => {
  const now = Date.UTC(2024, 0, 10);
  const r = compile('| mstats max(mem.used) AS peak WHERE index=m host!=web* NOT dc=eu span=90s', {
    orgId: 'acme',
    earliestMs: now - 3_600_000,
    latestMs: now,
    nowMs: now,
  });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  const m = r.plan.metrics;
  assert.ok(m);
  const strip = (x: unknown): unknown =>
    JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'span' ? undefined : v)));
  assert.deepEqual(strip(m), {
    kind: 'metric-stats',
    orgId: 'acme',
    earliestMs: now - 3_600_000,
    latestMs: now,
    filter: {
      kind: 'm-and',
      operands: [
        { kind: 'm-match', field: { kind: 'metric-index' }, op: 'eq', pattern: 'm', caseless: true },
        {
          kind: 'm-match',
          field: { kind: 'metric-dim', name: 'host' },
          op: 'ne',
          pattern: 'web*',
          caseless: true,
        },
        {
          kind: 'm-not',
          operand: {
            kind: 'm-match',
            field: { kind: 'metric-dim', name: 'dc' },
            op: 'eq',
            pattern: 'eu',
            caseless: true,
          },
        },
      ],
    },
    aggregates: [{ name: 'peak', fn: 'max', metric: 'mem.used' }],
    by: [],
    spanMs: 90_000,
  });
});

test('mstats: earliest= in WHERE sets the range', () => {
  const now = Date.UTC(2024, 0, 10);
  const r = compile('| mstats avg(cpu) WHERE index=m earliest=-2h', {
    orgId: 'acme',
    earliestMs: 0,
    latestMs: now,
    nowMs: now,
  });
  assert.ok(r.ok);
  assert.equal(r.plan.metrics?.earliestMs, now - 7_200_000);
});
