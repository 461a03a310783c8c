// Edits at AST positions: filter for/out value, logs volume, context queries; each result parses.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '@nexus/spl/parser';
import {
  addFilter,
  addStringFilter,
  baseIndex,
  contextRange,
  contextSpl,
  hasFilter,
  logsVolumeSpl,
  toggleFilter,
} from '../../src/query/edit.ts';

const parses = (spl: string): string => {
  assert.deepEqual(parse(spl).errors, [], spl);
  return spl;
};

test('filter for value goes into the base search, before the first pipe', () => {
  assert.equal(
    parses(toggleFilter('index=web | stats count by host', 'host', 'a', false)),
    'index=web host="a" | stats count by host',
  );
  assert.equal(toggleFilter('', 'host', 'a', false), 'host="a"');
  assert.equal(toggleFilter('index=web', 'k8s.pod', 'p "1"', true), 'index=web NOT k8s.pod="p \\"1\\""');
  assert.equal(parses(toggleFilter('index=web', 'my field', 'x|y]', false)), 'index=web "my field"="x|y]"');
  // A query without a base search gets a final `| search`; toggling again removes it there.
  const withSearch = parses(toggleFilter('| makeresults count=3', 'host', 'a', false));
  assert.equal(withSearch, '| makeresults count=3 | search host="a"');
  assert.equal(hasFilter(withSearch, 'host', 'a'), true);
});

test('toggling removes the filter, and flips the opposite one', () => {
  const on = toggleFilter('index=web error | head 5', 'host', 'a', false);
  assert.equal(hasFilter(on, 'host', 'a'), true);
  assert.equal(hasFilter(on, 'host', 'a', true), false);
  assert.equal(toggleFilter(on, 'host', 'a', false), 'index=web error | head 5');
  const out = toggleFilter(on, 'host', 'a', true);
  assert.equal(out, 'index=web error NOT host="a" | head 5');
  assert.equal(hasFilter(out, 'host', 'a', true), true);
  assert.equal(toggleFilter('index=web host!="a"', 'host', 'a', true), 'index=web');
  // Removing the only term keeps a valid search.
  assert.equal(parses(toggleFilter('host="a" | stats count', 'host', 'a', false)), '* | stats count');
  // A term inside an OR is not a top-level filter: it is left alone and the filter is added.
  assert.equal(toggleFilter('host="a" OR host="b"', 'host', 'a', false), 'host="a" OR host="b" host="a"');
});

test('add (modifyQuery) is idempotent and string filters are quoted terms', () => {
  const once = addFilter('index=web', 'status', '500', false);
  assert.equal(once, 'index=web status="500"');
  assert.equal(addFilter(once, 'status', '500', false), once);
  assert.equal(addFilter(once, 'status', '500', true), 'index=web NOT status="500"');
  assert.equal(
    parses(addStringFilter('index=web | table _raw', 'a "quoted" | text', true)),
    'index=web NOT "a \\"quoted\\" | text" | table _raw',
  );
});

test('the base index', () => {
  assert.equal(baseIndex('index=web error | stats count'), 'web');
  assert.equal(baseIndex('index="web" host=a'), 'web');
  assert.equal(baseIndex('(index=a OR index=b)'), undefined);
  assert.equal(baseIndex('| makeresults'), undefined);
});

test('logs volume: raw searches only, the same search with a timechart by level', () => {
  assert.equal(
    parses(logsVolumeSpl('index=web error | where status>=500 | eval x=1', 'level') ?? ''),
    'index=web error | where status>=500 | eval x=1 | timechart span=$__interval count by level',
  );
  // A trailing comment is not part of the last command: the volume query ends where the search does.
  assert.equal(
    logsVolumeSpl('index=web ```note```', 'log level'),
    'index=web | timechart span=$__interval count by "log level"',
  );
  for (const aggregated of [
    'index=web | stats count',
    'index=web | head 10',
    '| makeresults',
    'index=web | timechart count',
    'index=web | table _time host',
    'bad "quote',
  ]) {
    assert.equal(logsVolumeSpl(aggregated, 'level'), undefined, aggregated);
  }
});

test('context: same index and stream fields, bounded around the row, the nearest lines newest first', () => {
  const base = {
    timeMs: 1_700_000_000_000,
    labels: { index: 'web', host: 'a "1"', source: '/var/log/x', level: 'info' },
    streamFields: ['host', 'source', 'sourcetype'],
    limit: 10,
    windowMs: 3_600_000,
  };
  const back = contextSpl({ ...base, direction: 'backward' });
  assert.equal(
    parses(back),
    'index="web" host="a \\"1\\"" source="/var/log/x" earliest=1699996400.000 latest=1700000000.000 | head 10',
  );
  const fwd = contextSpl({ ...base, direction: 'forward', index: 'ignored' });
  assert.equal(
    parses(fwd),
    'index="web" host="a \\"1\\"" source="/var/log/x" earliest=1700000000.000 latest=1700003600.000 | tail 10 | reverse',
  );
  assert.deepEqual(contextRange({ ...base, direction: 'backward' }), {
    fromMs: 1_699_996_400_000,
    toMs: 1_700_000_000_000,
  });
  assert.equal(
    contextSpl({ ...base, labels: { host: 'h' }, index: 'main', direction: 'backward' }),
    'index="main" host="h" earliest=1699996400.000 latest=1700000000.000 | head 10',
  );
});
