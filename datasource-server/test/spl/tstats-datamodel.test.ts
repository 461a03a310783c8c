// tstats over events and over CIM data models, with a tenant's knowledge objects (props/eventtypes/tags), on chDB.
// Search Reference: "tstats" (examples 1–4: count by field, data model datasets, span, prestats with timechart);
// Knowledge Manager manual: field aliases, calculated fields, search-time extractions, event types, tags.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryInputError } from '../../src/query/service.ts';
import { splFixture } from '../helpers/spl-fixture.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';

import { knowledge, now, rows } from '../helpers/cim-sample.ts';

let f: SplFixture;
before(async () => {
  f = await splFixture(now, rows, { knowledge });
});
after(async () => f.close());

describe('knowledge objects at search time', () => {
  test('field aliases, calculated fields and extractions apply to their sourcetype only', async () => {
    const r = await f.spl('index=main | stats count by sourcetype, dest, user, process_name, signature_id');
    assert.deepEqual(r.rows, [
      ['XmlWinEventLog:Security', 'WIN-1', 'alice', 'cmd.exe', '4688', 2],
      ['XmlWinEventLog:Security', 'WIN-2', 'bob', 'cmd.exe', '4624', 1],
      ['XmlWinEventLog:Security', 'WIN-2', 'bob', 'powershell.exe', '4688', 1],
    ]);
    const other = await f.spl('index=main sourcetype=other | table dest process_name user');
    assert.deepEqual(other.rows, [[null, null, null]]);
  });

  test('a calculated field reads the extraction before it (EXTRACT, then EVAL)', async () => {
    const r = await f.spl('index=main sourcetype=linux_secure | stats count by action, user, src, app');
    assert.deepEqual(r.rows, [
      ['failure', 'root', '10.0.0.9', 'sshd', 2],
      ['success', 'alice', '10.0.0.5', 'sshd', 1],
    ]);
  });

  test('eventtype= and tag= terms stand for the searches they name', async () => {
    const byType = await f.spl('eventtype=ms_windows_process_created | stats count');
    assert.deepEqual(byType.rows, [[3]]);
    const byTag = await f.spl('tag=process tag=report | stats count by dest');
    assert.deepEqual(byTag.rows, [
      ['WIN-1', 2],
      ['WIN-2', 1],
    ]);
    const viaEventtypeTags = await f.spl('tag=authentication action=failure | stats count by src');
    assert.deepEqual(viaEventtypeTags.rows, [['10.0.0.9', 2]]);
    const wildcard = await f.spl('eventtype=ms_windows_* | stats count');
    assert.deepEqual(wildcard.rows, [[3]]);
    const none = await f.spl('eventtype=nothing_like_this | stats count');
    assert.deepEqual(none.rows, [[0]]);
  });
});

describe('tstats', () => {
  test('over events: count by an indexed field (Search Reference, tstats example 1)', async () => {
    const r = await f.spl('| tstats count where index=main by sourcetype');
    assert.deepEqual(r.rows, [
      ['XmlWinEventLog:Security', 4],
      ['linux_secure', 3],
      ['other', 1],
    ]);
  });

  test('from datamodel=Endpoint.Processes: the dataset constraint (tags), Dataset.field names, the where clause', async () => {
    const q =
      '| tstats count min(_time) as firstTime from datamodel=Endpoint.Processes where Processes.process_name=cmd.exe by Processes.dest Processes.user';
    const r = await f.spl(q);
    assert.deepEqual(r.columns, ['Processes.dest', 'Processes.user', 'count', 'firstTime']);
    assert.equal(r.rows.length, 1);
    assert.deepEqual(r.rows[0]?.slice(0, 3), ['WIN-1', 'alice', 2]);
    // The same rows as the raw search a Splunk user would write with the dataset's tags.
    const raw = await f.spl('tag=process tag=report process_name=cmd.exe | stats count by dest user');
    assert.deepEqual(raw.rows, [['WIN-1', 'alice', 2]]);
  });

  test('rename Dataset.* AS * (ESCU drop_dm_object_name) replaces a field of the same name', async () => {
    const r = await f.spl(
      '| tstats values(Processes.process_name) as process_name count from datamodel=Endpoint.Processes by Processes.dest Processes.process_name | rename Processes.* AS *',
    );
    assert.deepEqual(r.columns, ['dest', 'process_name', 'count']);
    assert.deepEqual(r.rows, [
      ['WIN-1', 'cmd.exe', 2],
      ['WIN-2', 'powershell.exe', 1],
    ]);
  });

  test('Authentication: the root constraint and a child dataset', async () => {
    const all = await f.spl('| tstats count from datamodel=Authentication by Authentication.action');
    assert.deepEqual(all.rows, [
      ['failure', 2],
      ['success', 1],
    ]);
    const failed = await f.spl(
      '| tstats count from datamodel=Authentication.Failed_Authentication by Authentication.src',
    );
    assert.deepEqual(failed.rows, [['10.0.0.9', 2]]);
  });

  test("span= buckets _time; aggregations still see each event's time", async () => {
    const r = await f.spl(
      '| tstats count max(_time) as last from datamodel=Endpoint.Processes by _time span=1h',
    );
    assert.equal(r.rows.length, 1);
    assert.equal(r.rows[0]?.[1], 3);
    assert.notEqual(r.rows[0]?.[0], r.rows[0]?.[2], 'the bucket is the hour, `last` the newest event');
  });

  test('fillnull_value= keeps rows whose BY field is missing', async () => {
    const without = await f.spl('| tstats count where sourcetype=linux_secure by dest');
    assert.deepEqual(without.rows, []);
    const filled = await f.spl('| tstats fillnull_value=null count where sourcetype=linux_secure by dest');
    assert.deepEqual(filled.rows, [['null', 3]]);
  });

  test('prestats=t hands the events to a following timechart (Search Reference, tstats example 4)', async () => {
    const r = await f.spl(
      '| tstats prestats=t count from datamodel=Endpoint.Processes | stats count by user',
    );
    assert.deepEqual(r.rows, [
      ['alice', 2],
      ['bob', 1],
    ]);
  });

  // Search Reference, tstats: "append … When in prestats mode (prestats=t), enables append=t where the prestats
  // results append to existing results, instead of generating them"
  // (https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/tstats).
  test('prestats=t append=t adds its rows to the prestats rows before it: the following stats counts both', async () => {
    // Endpoint.Processes: alice 2, bob 1 (4688 events); Authentication: root 2, alice 1 (sshd lines).
    const r = await f.spl(
      '| tstats prestats=t count from datamodel=Endpoint.Processes | tstats prestats=t append=t count from datamodel=Authentication.Authentication | stats count by user',
    );
    assert.deepEqual(r.rows, [
      ['alice', 3],
      ['bob', 1],
      ['root', 2],
    ]);
    assert.equal(r.sql.split(';').filter((x) => x.trim() !== '').length, 1);
    const total = await f.spl(
      '| tstats prestats=t count where index=main sourcetype=linux_secure | tstats prestats=t append=t count where index=main sourcetype=other | stats count',
    );
    assert.deepEqual(total.rows, [[4]]);
  });

  // Search Reference, tstats: the WHERE clause is a search, and a search's `earliest=`/`latest=` set its time
  // range (Search Reference, search: time modifiers; relative times from the search's now).
  test('earliest=/latest= inside where set the range, relative to the search’s now (snapped with @)', async () => {
    // now is 12:00: -20m keeps the events 5, 10, 12, 14 and 15 minutes old.
    const recent = await f.spl('| tstats count where index=main earliest=-20m by sourcetype');
    assert.deepEqual(recent.rows, [
      ['XmlWinEventLog:Security', 2],
      ['linux_secure', 3],
    ]);
    // -1h@h is 11:00, -30m 11:30: the events 35 and 45 minutes old (11:25 and 11:15).
    const window = await f.spl('| tstats count where index=main earliest=-1h@h latest=-30m by sourcetype');
    assert.deepEqual(window.rows, [
      ['XmlWinEventLog:Security', 1],
      ['other', 1],
    ]);
    // On a tstats append=t, for its own events only: the sshd lines of the whole range, the 4688 events of
    // the last 20 minutes (5 and 15 minutes old).
    const own = await f.spl(
      '| tstats prestats=t count where index=main sourcetype=linux_secure | tstats prestats=t append=t count where index=main sourcetype="XmlWinEventLog:Security" earliest=-20m | stats count by sourcetype',
    );
    assert.deepEqual(own.rows, [
      ['XmlWinEventLog:Security', 2],
      ['linux_secure', 3],
    ]);
  });

  test('diagnostics: unknown data model and dataset, namespaces, options', async () => {
    const bad = [
      ['| tstats count from datamodel=Endpoit.Processes', /unknown data model `Endpoit`.*/, 'Endpoint'],
      ['| tstats count from datamodel=Endpoint.Proceses', /has no dataset `Proceses`/, 'Endpoint.Processes'],
      ['| tstats count from datamodel=Endpoint', /several root datasets/, undefined],
      ['| tstats count from mynamespace', /tscollect/, undefined],
      ['| tstats countt=1 count', /no option `countt`/, undefined],
      [
        '| makeresults | tstats count',
        /must come first, after a `\|`, unless `prestats=t append=t`/,
        undefined,
      ],
      [
        '| tstats prestats=t count | tstats append=t count',
        /`tstats append=t` adds prestats rows: it needs `prestats=t`/,
        'add `prestats=t`, and aggregate with `stats`, `chart` or `timechart` after it',
      ],
    ] as const;
    for (const [q, message, hint] of bad) {
      await assert.rejects(f.spl(q), (err: unknown) => {
        assert.ok(err instanceof QueryInputError, String(err));
        const d = err.errors[0];
        assert.ok(d, `no diagnostic for ${q}`);
        assert.match(d.message, message);
        if (hint)
          assert.ok(
            d.hints?.some((h) => h.includes(hint)),
            `${q}: hints ${JSON.stringify(d.hints)}`,
          );
        return true;
      });
    }
  });
});
