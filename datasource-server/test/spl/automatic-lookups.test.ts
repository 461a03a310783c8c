// props.conf automatic lookups (`LOOKUP-<class>`) on real chDB: the tenant's lookup table (by a transforms.conf
// lookup definition's `filename`, or by name) matched on the input fields, its OUTPUT/OUTPUTNEW columns added
// to the events of the stanza, only when a command reads them. Knowledge Manager manual, "Make your lookups
// automatic"; Search Reference, "lookup" (OUTPUT replaces the field, OUTPUTNEW only fills an empty one).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mergeKnowledge, parseKnowledgeConf } from '@nexus/spl';
import { writeLookup } from '../../src/lookups/service.ts';
import { QueryInputError, runSpl } from '../../src/query/service.ts';
import type { LogRow } from '../../src/store/index.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';

const now = Date.UTC(2026, 11, 7, 12, 0, 0);

const knowledge = mergeKnowledge(
  parseKnowledgeConf(
    'props',
    [
      '[access]',
      'LOOKUP-owner = hosts_def host OUTPUT owner AS host_owner team',
      'LOOKUP-status = http_status status OUTPUTNEW status_text',
      'LOOKUP-people = people name AS host_owner OUTPUT email',
      'LOOKUP-seat = seats name AS host_owner team OUTPUT seat',
      '[host::db*]',
      'LOOKUP-all = racks host',
    ].join('\n'),
  ).objects,
  parseKnowledgeConf('transforms', '[hosts_def]\nfilename = hosts.csv\n').objects,
);

const ev = (minutes: number, host: string, sourcetype: string, fields: LogRow['fields'] = {}): LogRow =>
  fixtureEvent(now, minutes, `${host} ${sourcetype}`, host, fields, { sourcetype });

const rows: LogRow[] = [
  ev(1, 'web01', 'access', { status: 200 }),
  ev(2, 'db01', 'access', { status: 503, status_text: 'own text' }),
  ev(3, 'app01', 'access', { status: 404 }),
  ev(4, 'web01', 'syslog', { status: 200 }),
  { ...ev(5, 'web01', 'access', { status: 200 }), org_id: 'other' },
];

let f: SplFixture;
before(async () => {
  f = await splFixture(now, rows, { knowledge });
  await writeLookup(
    f.store,
    'acme',
    'hosts',
    ['host', 'owner', 'team'],
    [
      ['web01', 'alice', 'web'],
      ['db01', 'bob', 'data'],
      ['db01', 'carol', 'dba'],
    ],
  );
  await writeLookup(
    f.store,
    'acme',
    'http_status',
    ['status', 'status_text'],
    [
      ['200', 'OK'],
      ['503', 'Service Unavailable'],
    ],
  );
  await writeLookup(f.store, 'acme', 'racks', ['host', 'rack'], [['db01', 'r7']]);
  await writeLookup(
    f.store,
    'acme',
    'people',
    ['name', 'email'],
    [
      ['carol', 'carol@acme'],
      ['alice', 'alice@acme'],
      ['bob', 'bob@acme'],
    ],
  );
  await writeLookup(
    f.store,
    'acme',
    'seats',
    ['name', 'team', 'seat'],
    [
      ['carol', 'dba', 's2'],
      ['bob', 'data', 's1'],
      ['carol', 'data', 's3'],
      ['alice', 'web', 's0'],
      ['bob', 'web', 'never'],
    ],
  );
  await writeLookup(f.store, 'other', 'hosts', ['host', 'owner', 'team'], [['web01', 'mallory', 'x']]);
  await writeLookup(f.store, 'other', 'http_status', ['status', 'status_text'], [['200', 'other OK']]);
  await writeLookup(f.store, 'other', 'racks', ['host', 'rack'], [['db01', 'x9']]);
  await writeLookup(f.store, 'other', 'seats', ['name', 'team', 'seat'], [['bob', 'data', 'x1']]);
  await writeLookup(f.store, 'other', 'people', ['name', 'email'], [['mallory', 'm@other']]);
});
after(async () => f.close());

describe('LOOKUP- automatic lookups', () => {
  test('OUTPUT … AS: the matching rows’ values (several rows: multivalue); no match or another sourcetype: none', async () => {
    const r = await f.spl('index=main | sort _time | table host sourcetype host_owner team');
    assert.deepEqual(r.rows, [
      ['web01', 'syslog', null, null],
      ['app01', 'access', null, null],
      ['db01', 'access', ['bob', 'carol'], ['data', 'dba']],
      ['web01', 'access', 'alice', 'web'],
    ]);
  });

  test('OUTPUTNEW fills only an empty field: the event’s own status_text is kept', async () => {
    const r = await f.spl('index=main sourcetype=access | sort - _time | table host status status_text');
    assert.deepEqual(r.rows, [
      ['web01', '200', 'OK'],
      ['db01', '503', 'own text'],
      ['app01', '404', null],
    ]);
  });

  test('a host:: stanza and no OUTPUT clause: every column that is not an input', async () => {
    const r = await f.spl('index=main | stats count by host rack');
    assert.deepEqual(r.rows, [['db01', 'r7', 1]]);
  });

  test('the output fields are searchable and group', async () => {
    const r = await f.spl('index=main host_owner=alice | stats count by team');
    assert.deepEqual(r.rows, [['web', 1]]);
  });

  test('a search that names no output field reads no lookup table', async () => {
    const r = await f.spl('index=main | stats count by host');
    assert.equal(r.rows.length, 3);
    assert.doesNotMatch(r.sql, /lookup_rows/);
    assert.match((await f.spl('index=main | table host_owner')).sql, /lookup_rows/);
  });

  test('another tenant with the same props reads its own table, never acme’s', async () => {
    const r = await runSpl(
      f.store,
      'other',
      { query: 'index=main | table host host_owner team status_text' },
      { nowMs: now, knowledge },
    );
    assert.deepEqual(r.rows, [['web01', 'mallory', 'x', 'other OK']]);
    const mine = await f.spl('index=main host=web01 sourcetype=access | table host_owner status_text');
    assert.deepEqual(mine.rows, [['alice', 'OK']]);
  });

  test('a lookup the tenant does not have is an error of the knowledge objects', async () => {
    const missing = mergeKnowledge(
      knowledge,
      parseKnowledgeConf('props', '[access]\nLOOKUP-gone = nowhere host OUTPUT x\n').objects,
    );
    await assert.rejects(
      runSpl(f.store, 'acme', { query: 'index=main | table host' }, { nowMs: now, knowledge: missing }),
      (err: unknown) =>
        err instanceof QueryInputError &&
        /LOOKUP-gone.*`nowhere`.*does not have/.test(err.errors[0]?.message ?? ''),
    );
  });

  test('a multivalue input (another lookup’s output) is looked up value by value, in order', async () => {
    const r = await f.spl('index=main sourcetype=access | sort - _time | table host host_owner email');
    assert.deepEqual(r.rows, [
      ['web01', 'alice', 'alice@acme'],
      ['db01', ['bob', 'carol'], ['bob@acme', 'carol@acme']],
      ['app01', null, null],
    ]);
  });

  test('several inputs, two of them multivalue: every combination of their values, the first input outermost', async () => {
    // db01 has owners [bob, carol] and teams [data, dba]: (bob,data) s1, (bob,dba) none, (carol,data) s3,
    // (carol,dba) s2. A list read as its text would match nothing.
    const r = await f.spl('index=main sourcetype=access | sort - _time | table host host_owner team seat');
    assert.deepEqual(r.rows, [
      ['web01', 'alice', 'web', 's0'],
      ['db01', ['bob', 'carol'], ['data', 'dba'], ['s1', 's3', 's2']],
      ['app01', null, null, null],
    ]);
  });
});
