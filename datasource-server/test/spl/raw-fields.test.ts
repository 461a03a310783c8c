// Raw events shown after commands that change their structured fields, on real chDB: removed fields
// (`fields - x`, `rename x AS y`) are left out of the events' fields; wildcard renames, which apply only when a
// field is read by name, are reported rather than shown half done.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
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

test('a wildcard rename over the events shown is reported; read by name it works', async () => {
  await assert.rejects(fx.spl('* | rename x.* AS *', { earliest: '-1h', latest: 'now' }), (e: unknown) => {
    assert.ok(e instanceof QueryInputError);
    assert.match(e.message, /renamed by a wildcard/);
    return true;
  });
  const r = await fx.spl('* | rename x.* AS * | table b c', { earliest: '-1h', latest: 'now' });
  assert.deepEqual(r.rows, [['2', '3']]);
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
