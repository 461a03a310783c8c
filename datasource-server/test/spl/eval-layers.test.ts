// Long `eval` pipelines on real chDB (issue 18: 98 or more `| eval` commands were refused by ClickHouse's
// `max_parser_depth`). Computed columns that read nothing computed in the same SELECT share it, so any
// number of independent `eval`s run; a chain where each reads the one before nests a subquery per step and,
// past the printer's bound, gets a positioned `limit` diagnostic rather than the engine's whole-query error.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MAX_LAYERS, compile } from '@nexus/spl';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
const options = { orgId: 'acme', earliestMs: now - 3_600_000, latestMs: now, nowMs: now };
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [fixtureEvent(now, 1, 'a', 'h1', { user: 'ann', n: '5' })]);
});

after(async () => {
  await fx.close();
});

const independent = (n: number): string =>
  Array.from({ length: n }, (_, i) => `| eval y${i}=n*${i}`).join(' ');
const chain = (n: number): string =>
  `| eval x0=n ${Array.from({ length: n }, (_, i) => `| eval x${i + 1}=x${i}+1`).join(' ')}`;

test('300 independent evals run, each with its own value', async () => {
  const r = await fx.spl(`index=main ${independent(300)} | table y0, y1, y150, y299`);
  assert.deepEqual(r.rows, [[0, 5, 750, 1495]]);
});

test('an eval that reads a field computed before it sees the new value; one that overwrites a field read before does not change it', async () => {
  const r = await fx.spl(
    'index=main | eval a=1, b=a+1, a=a*10 | eval c=2 | eval d=b | eval e=a+d | eval n=n*100 | eval f=n | table a, b, c, d, e, n, f',
  );
  assert.deepEqual(r.rows, [[10, 2, 2, 2, 12, 500, 500]]);
});

test('a chain of 60 evals, each reading the one before, runs', async () => {
  const r = await fx.spl(`index=main ${chain(60)} | table x60`);
  assert.deepEqual(r.rows, [[65]]);
});

test(`a chain deeper than ${MAX_LAYERS} steps is a positioned limit diagnostic at the step past the bound`, () => {
  const query = `index=main ${chain(150)} | table x150`;
  const out = compile(query, options);
  assert.equal(out.ok, false);
  if (out.ok) return;
  const [d] = out.errors;
  assert.equal(d?.code, 'limit');
  assert.match(d?.message ?? '', /more than 80 steps/);
  const at = query.slice(d?.span.start, d?.span.end);
  const step = /^x(\d+)\+1$/.exec(at);
  assert.ok(step, `the diagnostic spans ${JSON.stringify(at)}`);
  assert.ok(Number(step[1]) > MAX_LAYERS - 5 && Number(step[1]) < 100, at);
});

test('independent evals share one SELECT: 300 of them nest no deeper than 3', () => {
  const out = compile(`index=main ${independent(300)} | table y299`, options);
  assert.equal(out.ok, true);
  if (!out.ok) return;
  assert.ok((out.sql.sql.match(/FROM \(/g) ?? []).length <= 3, out.sql.sql.slice(0, 400));
});

// Search Reference, eval: the destination field is a string up to the `=`, so `eval a-b=1` names a field
// `a-b` (not `a` minus `b`), and `c:d` names `c:d`; reading them back takes single quotes.
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/eval
test('eval a-b=…, c:d=… name the fields `a-b` and `c:d`', async () => {
  const r = await fx.spl('index=main | eval a-b=n-1, c:d=user."!" | eval e=\'a-b\'*2 | table a-b, c:d, e');
  assert.deepEqual(r.columns, ['a-b', 'c:d', 'e']);
  assert.deepEqual(r.rows, [[4, 'ann!', 8]]);
});
