// Rendered error messages are snapshots: a change to any message shows up in review.
// `errors.snap` holds messages we stand behind; `bad-errors.snap` holds the ones we know are poor, until fixed.
// Regenerate with UPDATE_SNAPSHOTS=1 after checking the new text.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compile } from '../src/compile.ts';
import { positionDiagnostic } from '../src/diagnostics.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'snapshots');
const now = Date.UTC(2024, 0, 10, 12);

/** Every diagnostic of a query, as a user sees it: position, code, message, caret, hints. */
function render(query: string): string {
  const r = compile(query, { orgId: 'o', earliestMs: now - 86_400_000, latestMs: now, nowMs: now });
  if (r.ok) return `${query}\n  (compiles)\n`;
  const lines = query.split('\n');
  return (
    `${query}\n` +
    r.errors
      .map((d) => {
        const p = positionDiagnostic(query, d);
        const width = Math.max(1, p.endLine === p.line ? p.endColumn - p.column : 1);
        return (
          `  ${p.line}:${p.column} ${p.code}: ${p.message}\n` +
          `    ${lines[p.line - 1] ?? ''}\n` +
          `    ${' '.repeat(p.column - 1)}${'^'.repeat(width)}\n` +
          p.hints.map((h) => `    hint: ${h}\n`).join('')
        );
      })
      .join('')
  );
}

const good = [
  'error | stats count by',
  'error | stats count by | table a',
  'a "open',
  "| eval x='open",
  'a (b',
  'a b)',
  'a [b',
  'a | | b',
  'a |',
  'a | eval x=',
  'a | eval x=1 +',
  'a | where (x > 1',
  'a | sort',
  'a | rename a AS',
  'a | statz count',
  'a | rename s* AS t* | filldown',
  'a | eval x=nosuchfn(1)',
  'a | eval x=if(1, 2)',
  'a | where x + 1',
  'a | eval x=y > 1',
  'a | stats p95 by host',
  'a | timechart spna=1h count',
  'a | timechart count by host where max in first5',
  'a | timechart count where max in top5',
  'a earliest=0 | timechart partial=f count',
  'a | timechart span=1h aligntime=soon count',
  'a | stats sparkline(perc95(bytes), 5m)',
  'a | stats sparkline(count, 1s) by host',
  'a earliest=0 | stats sparkline count',
  '| makeresults count=abc',
  'a | dedup host keepempty=maybe',
  'a earliest=-3fortnights',
  'a earliest=-1h latest=-2h',
  'a OR earliest=-1h',
  '| eval x=1',
  'a | makeresults',
  'a | head 2 keeplast=true',
  'a | stats count\n| lookup\n| eval = 2',
  '| pivot Endpoint Processes count(Processes) SPLITROW dest SPLITCOL user AS "User"',
];

const poor = [
  // Names the previous token (`1h`) rather than saying a field is missing after the options.
  'a | bin span=1h',
  // An unbalanced quote swallows the rest of the query, so the error lands at its end.
  'a | eval x="y | stats count',
];

function check(file: string, queries: readonly string[]): void {
  const actual = queries.map(render).join('\n');
  const target = path.join(dir, file);
  if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(target)) {
    if (process.env.CI === 'true') assert.fail(`snapshot ${file} is missing in CI`);
    fs.writeFileSync(target, actual);
  }
  assert.equal(actual, fs.readFileSync(target, 'utf8'));
}

test('error messages (snapshot)', () => check('errors.snap', good));
test('known-poor error messages (snapshot, to be improved)', () => check('bad-errors.snap', poor));
