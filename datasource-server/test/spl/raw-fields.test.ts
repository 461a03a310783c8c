// Raw events shown after commands that change their structured fields, on real chDB: removed fields
// (`fields - x`, `rename x AS y`) are left out of the events' fields; wildcard renames are written into them.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Math.floor(Date.now() / 3_600_000) * 3_600_000;
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 5, 'a=1', 'h1', { a: '1', keep: 'k', 'x.b': '2', 'x.c': '3', 'we`ird': 'w' }),
    // Another host, another day: only in the fillnull tests (their range is the last 3 hours).
    fixtureEvent(now, 125, 'other', 'h2', { only: 'o', 'x.b': '9' }),
  ]);
});

after(async () => {
  await fx.close();
});

async function shown(query: string): Promise<{ columns: string[]; row: unknown[] }> {
  const r = await fx.spl(query, { earliest: '-1h', latest: 'now' });
  assert.equal(r.rows.length, 1, query);
  return { columns: r.columns, row: r.rows[0] ?? [] };
}

function fieldsOf(r: { columns: string[]; row: unknown[] }): unknown {
  return r.row[r.columns.indexOf('_fields')];
}

test('fields - removes structured fields from the events shown, nested paths one by one', async () => {
  assert.deepEqual(fieldsOf(await shown('* | fields - a x.b')), { keep: 'k', x: { c: '3' }, 'we`ird': 'w' });
  assert.deepEqual(fieldsOf(await shown('* | fields - "we`ird"')), {
    a: '1',
    keep: 'k',
    x: { b: '2', c: '3' },
  });
});

test('rename moves a structured field: the new name is a field, the old one is gone', async () => {
  const r = await shown('* | rename a AS z');
  assert.equal(r.row[r.columns.indexOf('z')], '1');
  assert.deepEqual(fieldsOf(r), { keep: 'k', x: { b: '2', c: '3' }, 'we`ird': 'w' });
});

test('a field removed and then set again is shown with its new value', async () => {
  const r = await shown('* | fields - a | eval a=5');
  assert.equal(r.row[r.columns.indexOf('a')], 5);
});

// Search Reference, rename: "Use wildcards to rename multiple fields"
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/rename
test('a wildcard rename over the events shown: the renamed fields are shown, as read by name', async () => {
  const r = await shown('* | rename x.* AS *');
  // x.b and x.c become b and c; the other fields stay (as text).
  assert.deepEqual(fieldsOf(r), { a: '1', keep: 'k', b: '2', c: '3', 'we`ird': 'w' });
  const named = await fx.spl('* | rename x.* AS * | table b c', { earliest: '-1h', latest: 'now' });
  assert.deepEqual(named.rows, [['2', '3']]);
});

// Search Reference, fillnull: "Replaces null values with a specified value"; without a field list, every field
// of the results (a field some event has) is filled in the events that lack it.
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/fillnull
test('fillnull without a field list: the events shown carry every field of the results', async () => {
  const r = await fx.spl('* | fillnull | sort host', { earliest: '-3h', latest: 'now' });
  assert.deepEqual(
    r.rows.map((row) => row[r.columns.indexOf('_fields')]),
    [
      { a: '1', keep: 'k', only: '0', x: { b: '2', c: '3' }, 'we`ird': 'w' },
      { a: '0', keep: '0', only: 'o', x: { b: '9', c: '0' }, 'we`ird': '0' },
    ],
  );
  assert.ok(!r.columns.some((c) => c.startsWith('__')), r.columns.join(', '));
});

test('fillnull value= with a wildcard fills only the names it matches; fields - still removes', async () => {
  const r = await fx.spl('* | fillnull value=NA x.* | fields - keep | sort host', {
    earliest: '-3h',
    latest: 'now',
  });
  assert.deepEqual(
    r.rows.map((row) => row[r.columns.indexOf('_fields')]),
    [
      { a: '1', x: { b: '2', c: '3' }, 'we`ird': 'w' },
      { only: 'o', x: { b: '9', c: 'NA' } },
    ],
  );
});
