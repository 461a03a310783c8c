// The formatter: expected layouts, and the round-trip property over the whole corpus.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { format } from '../src/format/index.ts';
import { parse } from '../src/parser/index.ts';

/** The AST without source spans: what must survive formatting. */
function shape(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(shape);
  if (x !== null && typeof x === 'object') {
    return Object.fromEntries(
      Object.entries(x)
        .filter(([k]) => k !== 'span')
        .map(([k, v]) => [k, shape(v)]),
    );
  }
  return x;
}

function fmt(q: string): string {
  const r = parse(q);
  assert.deepEqual(r.errors, [], q);
  assert.ok(r.ast);
  return format(r.ast, q);
}

/** Formatting then parsing gives the same AST, and formatting again changes nothing. */
function assertRoundTrip(q: string): void {
  const first = parse(q);
  if (!first.ast || first.errors.length > 0) return;
  const formatted = format(first.ast, q);
  const again = parse(formatted);
  assert.deepEqual(again.errors, [], `re-parse of ${JSON.stringify(formatted)}`);
  assert.ok(again.ast);
  assert.deepEqual(shape(again.ast), shape(first.ast), `AST changed for ${JSON.stringify(q)}`);
  assert.equal(format(again.ast, formatted), formatted, `not idempotent for ${JSON.stringify(q)}`);
}

describe('format', () => {
  const cases: [string, string][] = [
    ['index=web   status=500|stats count  by host', 'index=web status=500\n| stats count BY host'],
    ['a b OR c NOT (d OR e)', 'a b OR c NOT (d OR e)'],
    [
      '| makeresults count=3 |eval x=1+2*3, y="a\\"b" . \'f-1\'',
      '| makeresults count=3\n| eval x=1 + 2 * 3, y="a\\"b" . \'f-1\'',
    ],
    ['x | where a>1 AND (b<2 OR c="z")', 'x\n| where a > 1 AND (b < 2 OR c = "z")'],
    [
      'x | stats count(eval(s>=500)) as errors, dc(user) by host, app',
      'x\n| stats count(eval(s >= 500)) AS errors, dc(user) BY host, app',
    ],
    ['x | sort 0 -count, +host, num(size)', 'x\n| sort 0 -count, host, num(size)'],
    [
      'x | table a b* c | fields - d | rename a.* as *',
      'x\n| table a, b*, c\n| fields - d\n| rename a.* AS *',
    ],
    ['x ```a comment``` | head 5', 'x\n| head 5'],
    ['host IN (a, "b c") status!=500 earliest=-24h@h', 'host IN (a, "b c") status!=500 earliest=-24h@h'],
    ['x | join host [search y | stats count by host]', 'x\n| join host [search y | stats count BY host]'],
  ];
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => {
      assert.equal(fmt(input), expected);
      assertRoundTrip(input);
    });
  }

  test('every corpus query round-trips and formats idempotently', () => {
    const corpusPath = path.resolve(
      path.dirname(fileURLToPath(import.meta.url)),
      '../../../../shared/corpus/escu-train.jsonl',
    );
    if (!fs.existsSync(corpusPath)) {
      if (process.env.CI === 'true') throw new Error(`corpus not found at ${corpusPath}`);
      return;
    }
    const queries = fs
      .readFileSync(corpusPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { search: string }).search);
    for (const q of queries) assertRoundTrip(q);
  });
});
