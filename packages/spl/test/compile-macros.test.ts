// Macros in the compiler: expanded before parsing, with every later diagnostic pointing at the original text.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile } from '../src/compile.ts';
import { parseMacrosConf } from '../src/macros/index.ts';

const { registry, errors } = parseMacrosConf(
  `[web_errors]
definition = index=web status>=500

[by_host(1)]
args = agg
definition = stats $agg$ by host

[bad_eval]
definition = eval x=nosuchfn(1)
`,
  'test.conf',
);

const now = Date.UTC(2024, 0, 10, 12);
const options = { orgId: 'acme', earliestMs: now - 3_600_000, latestMs: now, nowMs: now, macros: registry };

describe('compile with macros', () => {
  test('the registry loads', () => assert.deepEqual(errors, []));

  test('macros expand into the compiled SQL; their values stay parameters', () => {
    const r = compile('`web_errors` | `by_host(count)`', options);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    assert.match(r.sql.sql, /GROUP BY `host`/);
    assert.doesNotMatch(r.sql.sql, /web/);
    assert.ok(Object.values(r.sql.params).includes('web'));
  });

  test('an undefined macro is reported at its call in the original text', () => {
    const q = 'error | `by_hots(count)`';
    const r = compile(q, options);
    assert.equal(r.ok, false);
    const [d] = r.ok ? [] : r.errors;
    assert.equal(d?.code, 'undefined-macro');
    assert.equal(q.slice(d?.span.start, d?.span.end), '`by_hots(count)`');
    assert.deepEqual(d?.hints.slice(0, 1), ['did you mean `by_host`?']);
  });

  test('a problem inside an expansion points at the macro call; text after it keeps its position', () => {
    const q = '`web_errors` | `bad_eval` | statz';
    const r = compile(q, options);
    assert.equal(r.ok, false);
    const spans = r.ok ? [] : r.errors.map((d) => q.slice(d.span.start, d.span.end));
    assert.deepEqual(spans, ['`bad_eval`', 'statz']);
  });
});
