// Analysis: option names and types per command, and time ranges that never leak into subsearches.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pipeline } from '../src/ast.ts';
import type { Analysis } from '../src/analyse/index.ts';
import { analyse, childPipelines } from '../src/analyse/index.ts';
import { parse } from '../src/parser/index.ts';

const now = Date.UTC(2024, 0, 10, 12, 0, 0);
const day = 86_400_000;
const request = { earliestMs: now - day, latestMs: now, nowMs: now };

function run(q: string): { ast: Pipeline; analysis: Analysis } {
  const r = parse(q);
  assert.deepEqual(r.errors, [], q);
  assert.ok(r.ast);
  return { ast: r.ast, analysis: analyse(r.ast, request) };
}

const messages = (q: string): string[] => run(q).analysis.diagnostics.map((d) => d.message);

describe('options', () => {
  test('an unknown option is reported at its key, with the nearest name', () => {
    const q = 'x | timechart spna=1h count';
    const [d] = run(q).analysis.diagnostics;
    assert.equal(d?.message, '`timechart` has no option `spna`');
    assert.deepEqual(d?.hints, ['did you mean `span`?']);
    assert.equal(q.slice(d?.span.start, d?.span.end), 'spna');
  });

  test('values are checked against the option type', () => {
    assert.deepEqual(messages('| makeresults count=abc'), [
      '`count` must be a whole number ≥ 1, found `abc`',
    ]);
    assert.deepEqual(messages('x | dedup host keepempty=maybe'), [
      '`keepempty` must be a Boolean (`true`/`false`, `t`/`f`), found `maybe`',
    ]);
    assert.deepEqual(messages('x | join type=sideways host [search y]'), [
      '`type` must be one of `inner`, `outer`, `left`, found `sideways`',
    ]);
    assert.deepEqual(messages('x | timechart span=soon count'), [
      '`span` must be a time span such as `5m` or `1h`, found `soon`',
    ]);
  });

  test('valid options pass, aliases share their command’s options', () => {
    for (const q of [
      'x | timechart span=1h limit=5 useother=f count by host',
      'x | bucket _time span=5m',
      'x | rare limit=3 user',
      'x | rex field=_raw max_match=0 "(?<a>\\d+)"',
      'x | transaction host maxspan=30s maxpause=-1',
      '| makeresults count=3',
    ]) {
      assert.deepEqual(messages(q), [], q);
    }
  });

  test('key=value after the first positional argument is data for leading-option commands', () => {
    assert.deepEqual(messages('| tstats summariesonly=t count where index=main by host'), []);
    assert.deepEqual(messages('| tstats count from datamodel=Web by _time, host span=1h'), []);
    assert.deepEqual(messages('| mstats avg(cpu) where index=m by host span=10s'), []);
    assert.deepEqual(messages('| tstats summaryonly=t count'), ['`tstats` has no option `summaryonly`']);
  });

  test('options inside subsearches are checked too', () => {
    assert.deepEqual(messages('x | append [search y | stats alnum=t count]'), [
      '`stats` has no option `alnum`',
    ]);
  });
});

describe('time ranges', () => {
  test('the request range applies when the search names none', () => {
    const { ast, analysis } = run('error | stats count');
    assert.deepEqual(analysis.ranges.get(ast), { earliestMs: now - day, latestMs: now });
  });

  test('earliest=/latest= override the request for their own search only, never a subsearch', () => {
    const { ast, analysis } = run(
      'error earliest=-1h latest=@h | join host [search warn | stats count by host]',
    );
    assert.deepEqual(analysis.ranges.get(ast), { earliestMs: now - 3_600_000, latestMs: now });
    const join = ast.commands[1];
    assert.ok(join);
    const [sub] = childPipelines(join);
    assert.ok(sub);
    assert.deepEqual(analysis.ranges.get(sub), { earliestMs: now - day, latestMs: now });
  });

  test('a subsearch may set its own range', () => {
    const { ast, analysis } = run('error | append [search warn earliest=-7d]');
    const append = ast.commands[1];
    assert.ok(append);
    const [sub] = childPipelines(append);
    assert.ok(sub);
    assert.deepEqual(analysis.ranges.get(sub), { earliestMs: now - 7 * day, latestMs: now });
    assert.deepEqual(analysis.ranges.get(ast), { earliestMs: now - day, latestMs: now });
  });

  test('bad modifiers and inverted ranges are diagnostics', () => {
    assert.deepEqual(messages('x earliest=-3fortnights'), [
      'unknown time unit `fortnights` in `-3fortnights`',
    ]);
    assert.deepEqual(messages('x earliest=-1h latest=-2h'), [
      'the time range ends before it starts (`earliest` is after `latest`)',
    ]);
    assert.match(messages('x OR earliest=-1h')[0] ?? '', /cannot be combined with OR or NOT/);
  });
});

// Search Reference, tstats: its WHERE clause is a search, whose earliest=/latest= set the time range; a
// `tstats prestats=t append=t` later in the search has its own.
describe('tstats time modifiers', () => {
  test('earliest=/latest= in the where of the first tstats set the search’s range', () => {
    const { ast, analysis } = run('| tstats count where index=main earliest=-1h@h latest=-30m by host');
    assert.deepEqual(analysis.ranges.get(ast), { earliestMs: now - 3_600_000, latestMs: now - 1_800_000 });
  });

  test('on a tstats append=t later, they set that command’s range only', () => {
    const { ast, analysis } = run(
      '| tstats prestats=t count where index=a | tstats prestats=t append=t count where index=b earliest=-2h | stats count',
    );
    assert.deepEqual(analysis.ranges.get(ast), { earliestMs: now - day, latestMs: now });
    const second = ast.commands[1];
    assert.ok(second?.kind === 'tstats');
    assert.deepEqual(analysis.commandRanges.get(second), { earliestMs: now - 7_200_000, latestMs: now });
  });

  test('a range too long for the limit is reported at the modifier, as in a search', () => {
    const q = '| tstats count where index=main earliest=-40d';
    const r = parse(q);
    assert.ok(r.ast);
    const [d] = analyse(r.ast, { ...request, maxRange: { ms: 31 * day, text: '31d' } }).diagnostics;
    assert.match(d?.message ?? '', /covers 40 days .* at most 31d/);
    assert.equal(q.slice(d?.span.start, d?.span.end), '-40d');
  });
});
