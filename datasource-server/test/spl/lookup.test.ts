// lookup, inputlookup and outputlookup run end to end on real chDB, with lookup tables stored per tenant.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Role } from '../../src/auth/types.ts';
import { SUPERSEDED_GRACE_MS, readLookup, sweepLookups, writeLookup } from '../../src/lookups/service.ts';
import { QueryForbiddenError, QueryInputError, runSpl } from '../../src/query/service.ts';
import type { LogRow, Store } from '../../src/store/index.ts';
import { openFixtureStore } from '../helpers/fixture-store.ts';

const now = Date.now();

function event(minutes: number, fields: LogRow['fields'], extra: Partial<LogRow> = {}): LogRow {
  const raw = Object.entries(fields)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return {
    org_id: 'acme',
    index: 'main',
    _time: now - minutes * 60_000,
    host: 'web01',
    source: '/var/log/app.log',
    sourcetype: 'app',
    _raw: raw,
    fields,
    ...extra,
  };
}

const fixture: LogRow[] = [
  event(1, { user: 'alice', action: 'login' }),
  event(2, { user: 'bob', action: 'login', dept: 'from-event' }),
  event(3, { user: 'carol', action: 'logout', dept: 'kept' }),
  event(4, { user: 'Alice', action: 'login' }),
  event(5, { user: 'bob', action: 'logout', src: '10.0.0.2' }),
  event(6, { user: 'alice', action: 'login' }, { org_id: 'other' }),
  // CloudTrail DeleteBucket calls (org `cloud`), for ESCU's S3 deletion baseline search: A 5 times, C once.
  ...[1, 2, 3, 4, 5, 6].map((i) => {
    const arn = i <= 5 ? 'arn:A' : 'arn:C';
    const doc = {
      eventName: 'DeleteBucket',
      userIdentity: { arn },
      requestParameters: { bucketName: `b${String(i % 2)}` },
    };
    // The JSON's fields as ingest extracts them (Splunk: KV_MODE=json), and the JSON as the raw text.
    const fields = {
      eventName: 'DeleteBucket',
      'userIdentity.arn': arn,
      'requestParameters.bucketName': doc.requestParameters.bucketName,
    };
    return event(i, fields, { org_id: 'cloud', sourcetype: 'aws:cloudtrail', _raw: JSON.stringify(doc) });
  }),
];

let store: Store;
let closeStore: () => Promise<void>;

async function spl(
  query: string,
  opts: { org?: string; role?: Role; limit?: number } = {},
): Promise<{ columns: string[]; rows: unknown[][]; sql: string; wrote?: unknown; writes?: unknown }> {
  const r = await runSpl(
    store,
    opts.org ?? 'acme',
    { query, ...(opts.limit ? { limit: opts.limit } : {}) },
    { nowMs: now, role: opts.role ?? 'viewer' },
  );
  return {
    columns: r.columns.map((c) => c.name),
    rows: r.rows,
    sql: r.meta.sql,
    wrote: r.meta.lookup,
    writes: r.meta.lookupWrites,
  };
}

/** The diagnostics a search fails with, as `code: message`. */
async function failure(query: string, org = 'acme'): Promise<string[]> {
  try {
    await runSpl(store, org, { query }, { nowMs: now, role: 'admin' });
  } catch (err) {
    if (err instanceof QueryInputError) return err.errors.map((e) => `${e.code}: ${e.message}`);
    throw err;
  }
  return assert.fail(`expected \`${query}\` to fail`);
}

before(async () => {
  ({ store, close: closeStore } = await openFixtureStore(fixture));
  await writeLookup(
    store,
    'acme',
    'users',
    ['user', 'dept', 'manager'],
    [
      ['alice', 'eng', 'dana'],
      ['bob', 'ops', 'erin'],
      ['bob', 'sec', null],
      ['Carol', 'exec', 'frank'],
    ],
  );
  await writeLookup(
    store,
    'acme',
    'actions',
    ['user', 'action', 'allowed'],
    [
      ['alice', 'login', 'yes'],
      ['bob', 'logout', 'no'],
    ],
  );
  await writeLookup(store, 'other', 'users', ['user', 'dept'], [['alice', 'other-tenant']]);
});

after(async () => {
  await closeStore();
});

describe('lookup', () => {
  // Search Reference, lookup: a multivalue input field looks up each of its values (ESCU's
  // `lookup ace_access_rights_lookup access_rights_string AS AccessRights` over a split list).
  test("a multivalue key: each value looked up, the outputs in value order; the tenant's table only", async () => {
    const r = await spl(
      'index=main user=carol | eval users=split("bob,nobody,alice", ",") | lookup users user AS users OUTPUT dept manager | table users dept manager',
    );
    assert.deepEqual(r.rows, [
      [
        ['bob', 'nobody', 'alice'],
        ['ops', 'sec', 'eng'],
        ['erin', 'dana'],
      ],
    ]);
    const none = await spl(
      'index=main user=carol | eval users=split("x,y", ",") | lookup users user AS users OUTPUTNEW dept | lookup users user AS users OUTPUT manager | table dept manager',
    );
    // OUTPUTNEW keeps carol's own dept; OUTPUT without a match leaves no value.
    assert.deepEqual(none.rows, [['kept', null]]);
  });

  test("a multivalue key with another key: each value with the row's other key", async () => {
    const r = await spl(
      'index=main user=carol | eval users=split("bob,alice", ","), action=mvindex(split("login,x", ","), 0) | lookup actions user AS users, action OUTPUT allowed | table allowed',
    );
    // (bob, login) is not in the table, (alice, login) is.
    assert.deepEqual(r.rows, [['yes']]);
  });

  // Two multivalue keys (ESCU's remote-access-software searches look up `asset_temp_field` and `signature`,
  // both outputs of earlier lookups): each combination of their values is looked up, the first key's values
  // outermost. The Search Reference documents one multivalue key; this is its generalization.
  test('two multivalue keys: each combination of their values looked up', async () => {
    const r = await spl(
      'index=main user=carol | eval users=split("bob,alice", ","), acts=split("logout,login", ",") | lookup actions user AS users, action AS acts OUTPUT allowed | table allowed',
    );
    // (bob, logout) → no; (bob, login) and (alice, logout) are not in the table; (alice, login) → yes.
    assert.deepEqual(r.rows, [[['no', 'yes']]]);
    const chained = await spl(
      'index=main user=alice action=login | head 1 | lookup users user OUTPUT user AS u | eval a=split(action, ",") | lookup actions user AS u, action AS a OUTPUT allowed | table u allowed',
    );
    assert.deepEqual(chained.rows, [['alice', 'yes']]);
  });

  test('no OUTPUT clause: every non-key column; several matches are a multivalue in file order', async () => {
    const r = await spl('index=main | lookup users user | table user dept manager');
    assert.deepEqual(r.columns, ['user', 'dept', 'manager']);
    assert.deepEqual(r.rows, [
      ['alice', 'eng', 'dana'],
      ['bob', ['ops', 'sec'], 'erin'],
      // case-sensitive: carol does not match Carol, Alice does not match alice
      ['carol', null, null],
      ['Alice', null, null],
      ['bob', ['ops', 'sec'], 'erin'],
    ]);
  });

  test('OUTPUT overwrites the field, and an unmatched event loses it', async () => {
    const r = await spl('index=main | lookup users user OUTPUT dept | table user dept');
    assert.deepEqual(
      r.rows.map((row) => row[1]),
      ['eng', ['ops', 'sec'], null, null, ['ops', 'sec']],
    );
  });

  test('OUTPUTNEW fills only missing fields: existing values stay, matched or not', async () => {
    const r = await spl('index=main | lookup users user OUTPUTNEW dept | table user dept');
    assert.deepEqual(
      r.rows.map((row) => row[1]),
      ['eng', 'from-event', 'kept', null, ['ops', 'sec']],
    );
  });

  test('AS renames the event key and the output field; the table can be named with .csv', async () => {
    const r = await spl(
      'index=main | rename user AS who | lookup users.csv user AS who OUTPUT dept AS team, manager | table who team manager',
    );
    assert.deepEqual(r.rows[0], ['alice', 'eng', 'dana']);
    assert.ok(!r.columns.includes('dept'));
  });

  test('several key fields must all match', async () => {
    const r = await spl(
      'index=main | lookup actions user, action OUTPUT allowed | table user action allowed',
    );
    assert.deepEqual(r.rows, [
      ['alice', 'login', 'yes'],
      ['bob', 'login', null],
      ['carol', 'logout', null],
      ['Alice', 'login', null],
      ['bob', 'logout', 'no'],
    ]);
  });

  test('after stats: the keys are the grouped values', async () => {
    const r = await spl('index=main | stats count by user | lookup users user OUTPUT dept');
    assert.deepEqual(r.columns, ['user', 'count', 'dept']);
    assert.deepEqual(r.rows, [
      ['Alice', 1, null],
      ['alice', 1, 'eng'],
      ['bob', 2, ['ops', 'sec']],
      ['carol', 1, null],
    ]);
  });

  test('outputs work downstream: isnull, where and search on a multivalue, stats by a single value', async () => {
    const missing = await spl('index=main | lookup users user OUTPUT dept | where isnull(dept) | table user');
    assert.deepEqual(missing.rows, [['carol'], ['Alice']]);
    const sec = await spl('index=main | lookup users user OUTPUT dept | where dept="sec" | stats count');
    assert.deepEqual(sec.rows, [[2]]);
    const ops = await spl('index=main | lookup users user OUTPUT dept | search dept=OPS | stats count');
    assert.deepEqual(ops.rows, [[2]]);
    const exists = await spl(
      'index=main | lookup users user OUTPUT manager | search manager=* | stats count',
    );
    assert.deepEqual(exists.rows, [[3]]);
  });

  test('stats by a multivalue output counts the event under each value; no value, no group', async () => {
    const r = await spl('index=main | lookup users user OUTPUT dept | stats count by dept');
    assert.deepEqual(r.rows, [
      ['eng', 1],
      ['ops', 2],
      ['sec', 2],
    ]);
    const two = await spl('index=main | lookup users user | stats dc(user) AS users by dept, manager');
    assert.deepEqual(two.rows, [
      ['eng', 'dana', 1],
      ['ops', 'erin', 1],
      ['sec', 'erin', 1],
    ]);
  });

  test('a key written in the table as a number matches a numeric result', async () => {
    await writeLookup(store, 'acme', 'counts', ['count', 'label'], [['2', 'two']]);
    const r = await spl(
      'index=main | stats count by user | lookup counts count OUTPUT label | where isnotnull(label)',
    );
    assert.deepEqual(r.rows, [['bob', 2, 'two']]);
  });

  test('at most 1,000 matching rows per event (Splunk max_matches)', async () => {
    const rows = Array.from({ length: 1_005 }, (_, i) => ['alice', String(i)]);
    await writeLookup(store, 'acme', 'many', ['user', 'n'], rows);
    const r = await spl(
      'index=main user=alice | head 1 | lookup many user OUTPUT n | eval k=mvcount(n) | table k',
    );
    assert.deepEqual(r.rows, [[1000]]);
  });

  test('one tenant never reads another tenant table', async () => {
    const r = await spl('index=main | lookup users user OUTPUT dept | table user dept', { org: 'other' });
    assert.deepEqual(r.rows, [['alice', 'other-tenant']]);
    assert.deepEqual(await failure('index=main | lookup actions user', 'other'), [
      'semantic: unknown lookup table `actions`',
    ]);
  });

  test('unknown tables and columns are diagnostics naming them', async () => {
    assert.deepEqual(await failure('index=main | lookup userz user'), [
      'semantic: unknown lookup table `userz`',
    ]);
    assert.deepEqual(await failure('index=main | lookup users usr OUTPUT dep'), [
      'semantic: the lookup table `users` has no column `usr`',
      'semantic: the lookup table `users` has no column `dep`',
    ]);
    assert.deepEqual(await failure('index=main | lookup users user OUTPUT dept AS org_id'), [
      'semantic: `org_id` is reserved and cannot be assigned',
    ]);
    assert.deepEqual(await failure('index=main | lookup event_time_field=t users user'), [
      'semantic: `event_time_field` needs a time-based lookup: `users` is not a transforms.conf lookup definition with a `time_field`',
    ]);
  });
});

// Search Reference 9.4, Evaluation functions, Comparison and Conditional functions: lookup(<lookup_table>,
// <json_object>, <json_array>) returns the output fields of the matching rows as a JSON object.
describe('the lookup() eval function', () => {
  test('the outputs named by json_array, as a JSON object; several matches are an array', async () => {
    const r = await spl(
      'index=main | eval info=lookup("users", json_object("user", user), json_array("dept")) | table user info',
    );
    assert.deepEqual(r.rows, [
      ['alice', '{"dept":"eng"}'],
      ['bob', '{"dept":["ops","sec"]}'],
      ['carol', null],
      ['Alice', null],
      ['bob', '{"dept":["ops","sec"]}'],
    ]);
    assert.deepEqual(r.columns, ['user', 'info']);
  });
  test('without json_array: every column but the inputs; several inputs must all match', async () => {
    const one = await spl(
      'index=main user=alice | eval info=lookup("users.csv", json_object("user", user)) | table info',
    );
    // The search matches "Alice" too (case-insensitive); the lookup does not (case-sensitive).
    assert.deepEqual(one.rows, [['{"dept":"eng","manager":"dana"}'], [null]]);
    const two = await spl(
      'index=main | eval ok=lookup("actions", json_object("user", user, "action", action), json_array("allowed")) | where isnotnull(ok) | table user action ok',
    );
    assert.deepEqual(two.rows, [
      ['alice', 'login', '{"allowed":"yes"}'],
      ['bob', 'logout', '{"allowed":"no"}'],
    ]);
  });
  test('inside an expression, and its result read with json_extract; the hidden columns are gone', async () => {
    const r = await spl(
      '| makeresults | eval who="alice" | eval d=upper(json_extract(lookup("users", json_object("user", who), json_array("dept")), "dept")) | fields - _time',
    );
    assert.deepEqual(r.columns, ['who', 'd']);
    assert.deepEqual(r.rows, [['alice', 'ENG']]);
  });
  test('in where: keeps the events whose lookup matches; the hidden columns are gone', async () => {
    const r = await spl(
      'index=main | where isnotnull(lookup("users", json_object("user", user), json_array("dept"))) | table user',
    );
    assert.deepEqual(r.rows, [['alice'], ['bob'], ['bob']]);
    const all = await spl(
      '| makeresults | eval user="bob" | where json_extract(lookup("users", json_object("user", user)), "manager") == "erin" | fields - _time',
    );
    assert.deepEqual(all.columns, ['user']);
    assert.deepEqual(all.rows, [['bob']]);
  });
  test("another tenant's table of the same name is never read", async () => {
    const r = await spl(
      '| makeresults | eval x=lookup("users", json_object("user", "alice"), json_array("dept")) | table x',
      { org: 'other' },
    );
    assert.deepEqual(r.rows, [['{"dept":"other-tenant"}']]);
  });
  test('an unknown table, a column it lacks, a non-literal table: errors at the argument', async () => {
    assert.match(
      (await failure('| makeresults | eval x=lookup("nosuch", json_object("user", "a"))')).join(),
      /unknown lookup table `nosuch`/,
    );
    assert.match(
      (await failure('| makeresults | eval x=lookup("users", json_object("login", "a"))')).join(),
      /has no column `login`/,
    );
    assert.match(
      (await failure('| makeresults | eval t="users" | eval x=lookup(t, json_object("user", "a"))')).join(),
      /literal string/,
    );
    assert.match(
      (
        await failure(
          '| makeresults | stats count(eval(isnotnull(lookup("users", json_object("user", "a")))))',
        )
      ).join(),
      /in `eval` and `where` only/,
    );
  });
});

describe('inputlookup', () => {
  test('the rows in file order, every column a field; empty cells are null', async () => {
    const r = await spl('| inputlookup users.csv');
    assert.deepEqual(r.columns, ['user', 'dept', 'manager']);
    assert.deepEqual(r.rows, [
      ['alice', 'eng', 'dana'],
      ['bob', 'ops', 'erin'],
      ['bob', 'sec', null],
      ['Carol', 'exec', 'frank'],
    ]);
  });

  test('where has search semantics: case-insensitive, wildcards, NOT', async () => {
    const r = await spl('| inputlookup users where user=CAR* OR (user=bob NOT dept=ops)');
    assert.deepEqual(r.rows, [
      ['bob', 'sec', null],
      ['Carol', 'exec', 'frank'],
    ]);
  });

  test('max= caps the rows; the results feed later commands', async () => {
    assert.deepEqual((await spl('| inputlookup max=2 users | stats count')).rows, [[2]]);
    // Search Reference, inputlookup: `start=` is the 0-based offset of the first row read, `max=` the
    // number of rows read from the file (before WHERE filters them).
    assert.deepEqual((await spl('| inputlookup start=1 max=2 users')).rows, [
      ['bob', 'ops', 'erin'],
      ['bob', 'sec', null],
    ]);
    assert.deepEqual((await spl('| inputlookup start=3 users')).rows, [['Carol', 'exec', 'frank']]);
    assert.deepEqual((await spl('| inputlookup start=9 users')).rows, []);
    assert.deepEqual((await spl('| inputlookup start=1 max=2 users where user=bob dept=sec')).rows, [
      ['bob', 'sec', null],
    ]);
    assert.deepEqual((await spl('| inputlookup max=1 users where user=bob')).rows, []);
    assert.deepEqual((await spl('| inputlookup users | stats count by user | sort - count | head 1')).rows, [
      ['bob', 2],
    ]);
  });

  test('append=true adds the table after the current results', async () => {
    const r = await spl(
      '| makeresults | eval user="zoe" | inputlookup append=t actions | table user allowed',
    );
    assert.deepEqual(r.rows, [
      ['zoe', null],
      ['alice', 'yes'],
      ['bob', 'no'],
    ]);
    assert.deepEqual(await failure('| makeresults | inputlookup actions'), [
      'semantic: `inputlookup` is a generating command: it must come first, after a `|`, or have `append=true`',
    ]);
  });

  test('in a subsearch: the table becomes a filter on the outer search', async () => {
    const r = await spl('index=main [| inputlookup users where dept=ops | fields user] | table user action');
    assert.deepEqual(r.rows, [
      ['bob', 'login'],
      ['bob', 'logout'],
    ]);
  });
});

describe('outputlookup', () => {
  test('writes the results and returns them; inputlookup reads them back, _time as epoch seconds', async () => {
    const r = await spl(
      'index=main | stats count latest(_time) AS _time by user | eval tags=split("a,b", ",") | outputlookup counts_by_user.csv',
      { role: 'editor' },
    );
    assert.deepEqual(
      r.rows.map((row) => row.slice(0, 2)),
      [
        ['Alice', 1],
        ['alice', 1],
        ['bob', 2],
        ['carol', 1],
      ],
    );
    assert.deepEqual(r.wrote, {
      name: 'counts_by_user',
      rows: 4,
      columns: ['user', 'count', '_time', 'tags'],
    });
    const back = await readLookup(store, 'acme', 'counts_by_user');
    assert.deepEqual(back?.rows[2]?.slice(0, 2), ['bob', '2']);
    assert.equal(back?.rows[2]?.[2], String((now - 2 * 60_000) / 1000));
    assert.equal(back?.rows[2]?.[3], 'a\nb');
  });

  test('replaces the table; append=t adds rows and new columns', async () => {
    await spl('| makeresults count=2 | eval a="x" | table a | outputlookup out', { role: 'admin' });
    await spl('| makeresults | eval a="y", b="z" | table a b | outputlookup append=t out', { role: 'admin' });
    assert.deepEqual((await spl('| inputlookup out')).rows, [
      ['x', null],
      ['x', null],
      ['y', 'z'],
    ]);
    await spl('| makeresults | eval b="only" | table b | outputlookup out', { role: 'admin' });
    assert.deepEqual((await spl('| inputlookup out')).rows, [['only']]);
  });

  test('no results: the table is emptied, or kept with override_if_empty=false', async () => {
    await spl('| makeresults | eval a="x" | table a | outputlookup empty_me', { role: 'admin' });
    await spl(
      '| makeresults | eval a="x" | table a | where a="nope" | outputlookup override_if_empty=false empty_me',
      {
        role: 'admin',
      },
    );
    assert.deepEqual((await spl('| inputlookup empty_me')).rows, [['x']]);
    await spl('| makeresults | eval a="x" | table a | where a="nope" | outputlookup empty_me', {
      role: 'admin',
    });
    assert.deepEqual((await spl('| inputlookup empty_me')).rows, []);
  });

  test('needs the editor or admin role', async () => {
    await assert.rejects(
      spl('| inputlookup users | outputlookup copy', { role: 'viewer' }),
      QueryForbiddenError,
    );
    assert.equal(await readLookup(store, 'acme', 'copy'), undefined);
  });

  test('raw events: every field as `table *` gives it, internal fields but _time left out', async () => {
    // The acme events of index main, newest first: their structured fields, any event's, in name order.
    const acme = fixture
      .filter((e) => e.org_id === 'acme' && e.index === 'main')
      .sort((a, b) => b._time - a._time);
    const names = [...new Set(acme.flatMap((e) => Object.keys(e.fields ?? {})))].sort();
    const r = await spl('index=main | outputlookup raw_events', { role: 'editor' });
    assert.equal(r.rows.length, acme.length);
    const written = await spl('| inputlookup raw_events');
    assert.deepEqual(written.columns, ['_time', 'index', 'host', 'source', 'sourcetype', ...names]);
    assert.deepEqual(
      written.rows.map((row) => row.slice(5)),
      acme.map((e) => names.map((n) => (e.fields?.[n] === undefined ? null : String(e.fields[n])))),
    );
    assert.deepEqual(
      written.rows.map((row) => row[0]),
      acme.map((e) => String(e._time / 1000)),
    );
    // In a subsearch the events are written the same way, and pass on unchanged.
    const sub = await spl(
      'index=main [search index=main action=logout | outputlookup logouts | fields user] | stats count',
      { role: 'editor' },
    );
    // The events of bob (2) and carol (1).
    assert.deepEqual(sub.rows, [[3]]);
    const logouts = await spl('| inputlookup logouts | table user src');
    // Newest first: carol's logout 3 minutes ago, bob's 5.
    assert.deepEqual(logouts.rows, [
      ['carol', null],
      ['bob', '10.0.0.2'],
    ]);
  });

  test('the series of a pivot are written as columns, named', async () => {
    await spl(
      '| makeresults count=2 | streamstats count AS n | eval h=if(n=1, "a", "b") | chart count over n by h | outputlookup pivoted',
      { role: 'editor' },
    );
    const r = await spl('| inputlookup pivoted');
    assert.deepEqual(r.columns, ['n', 'a', 'b']);
    assert.deepEqual(r.rows, [
      ['1', '1', '0'],
      ['2', '0', '1'],
    ]);
  });

  test('not KV store collections', async () => {
    assert.deepEqual(await failure('| inputlookup users | outputlookup key_field=user x'), [
      'unsupported: `outputlookup key_field=` (KV store collections) is not supported',
    ]);
  });
});

// Search Reference, outputlookup: it writes the results it gets and passes them on; a subsearch runs
// before the search around it (corpus: ESCU's S3 deletion baseline, `[search … | inputlookup
// s3_deletion_baseline append=t | … | outputlookup s3_deletion_baseline | … | table userIdentity.arn]`).
describe('outputlookup before the end of the search', () => {
  test('in a subsearch: every row it gets is written, the rows after it filter the search', async () => {
    const r = await spl(
      'index=main [search index=main | stats count by user | outputlookup seen_users | where count > 1 | fields user] | stats count by user',
      { role: 'editor' },
    );
    assert.deepEqual(r.rows, [['bob', 2]]);
    assert.equal(r.wrote, undefined);
    assert.deepEqual(r.writes, [{ name: 'seen_users', rows: 4, columns: ['user', 'count'] }]);
    assert.deepEqual((await readLookup(store, 'acme', 'seen_users'))?.rows, [
      ['Alice', '1'],
      ['alice', '1'],
      ['bob', '2'],
      ['carol', '1'],
    ]);
  });

  test('the rows it writes read the table as it was; the rows after it see the same', async () => {
    await spl('| makeresults | eval user="zed", count=5 | table user count | outputlookup baseline', {
      role: 'admin',
    });
    const search =
      '| makeresults | eval user=split("bob,zed,alice", ",") | mvexpand user | table user | search [| inputlookup baseline | append [search index=main | stats count by user] | stats max(count) AS count by user | outputlookup baseline | where count > 1 | fields user]';
    const r = await spl(search, { role: 'editor' });
    assert.deepEqual(r.rows, [['bob'], ['zed']]);
    assert.deepEqual((await readLookup(store, 'acme', 'baseline'))?.rows, [
      ['Alice', '1'],
      ['alice', '1'],
      ['bob', '2'],
      ['carol', '1'],
      ['zed', '5'],
    ]);
  });

  test("ESCU's S3 deletion baseline (corpus): the subsearch updates the baseline and keeps the spikes", async () => {
    const columns = ['arn', 'latestCount', 'numDataPoints', 'avgApiCalls', 'stdevApiCalls'];
    await writeLookup(store, 'cloud', 's3_deletion_baseline', columns, [
      ['arn:A', '1', '20', '1', '0.5'],
      ['arn:B', '2', '3', '2', '1'],
    ]);
    // splunk/security_content detections/cloud/detect_spike_in_s3_bucket_deletion.yml, as in the corpus.
    const search =
      'sourcetype=aws:cloudtrail eventName=DeleteBucket [search sourcetype=aws:cloudtrail eventName=DeleteBucket | spath output=arn path=userIdentity.arn | stats count as apiCalls by arn | inputlookup s3_deletion_baseline append=t | fields - latestCount | stats values(*) as * by arn | rename apiCalls as latestCount | eval newAvgApiCalls=avgApiCalls + (latestCount-avgApiCalls)/720 | eval newStdevApiCalls=sqrt(((pow(stdevApiCalls, 2)*719 + (latestCount-newAvgApiCalls)*(latestCount-avgApiCalls))/720)) | eval avgApiCalls=coalesce(newAvgApiCalls, avgApiCalls), stdevApiCalls=coalesce(newStdevApiCalls, stdevApiCalls), numDataPoints=if(isnull(latestCount), numDataPoints, numDataPoints+1) | table arn, latestCount, numDataPoints, avgApiCalls, stdevApiCalls | outputlookup s3_deletion_baseline | eval dataPointThreshold = 15, deviationThreshold = 3 | eval isSpike=if((latestCount > avgApiCalls+deviationThreshold*stdevApiCalls) AND numDataPoints > dataPointThreshold, 1, 0) | where isSpike=1 | rename arn as userIdentity.arn | table userIdentity.arn] | spath output=user userIdentity.arn | spath output=bucketName path=requestParameters.bucketName | stats values(bucketName) as bucketName, count as numberOfApiCalls, dc(eventName) as uniqueApisCalled by user';
    const r = await spl(search, { org: 'cloud', role: 'editor' });
    assert.deepEqual(r.rows, [['arn:A', ['b0', 'b1'], 5, 1]]);
    const back = await readLookup(store, 'cloud', 's3_deletion_baseline');
    assert.deepEqual(back?.info.columns, columns);
    // A: 21 points, mean 1 + 4/720, stdev sqrt((0.25*719 + (5 - mean)*4)/720); B unchanged; C new, no baseline.
    const mean = 1 + 4 / 720;
    const stdev = Math.sqrt((0.25 * 719 + (5 - mean) * 4) / 720);
    const rows = back?.rows.map((row) => row.map((v) => (v !== null && /^[\d.]+$/.test(v) ? Number(v) : v)));
    assert.equal(rows?.length, 3);
    const [a, b, c] = rows ?? [];
    assert.deepEqual(a?.slice(0, 3), ['arn:A', 5, 21]);
    assert.ok(Math.abs(Number(a?.[3]) - mean) < 1e-9 && Math.abs(Number(a?.[4]) - stdev) < 1e-9, String(a));
    assert.deepEqual(b, ['arn:B', null, 3, 2, 1]);
    assert.deepEqual(c, ['arn:C', 1, null, null, null]);
  });

  test('followed by more commands: all its rows are written, the search goes on with them', async () => {
    const r = await spl('| inputlookup users | outputlookup users_copy | head 1 | table user', {
      role: 'editor',
    });
    assert.deepEqual(r.rows, [['alice']]);
    assert.equal((await readLookup(store, 'acme', 'users_copy'))?.rows.length, 4);
  });

  test('needs the editor or admin role; nothing is written without it', async () => {
    await assert.rejects(
      spl('index=main [| inputlookup users | outputlookup not_written | fields user]', { role: 'viewer' }),
      QueryForbiddenError,
    );
    assert.equal(await readLookup(store, 'acme', 'not_written'), undefined);
  });

  test('refused where the search would read the table after the write, and in a map template', async () => {
    const message =
      'unsupported: this search reads the lookup table `users` outside the rows this `outputlookup` writes: Nexus writes it once the search has run, so such a read would not see what was written';
    assert.deepEqual(
      await failure('| inputlookup users | append [| inputlookup users | outputlookup users]'),
      [message],
    );
    assert.deepEqual(
      await failure(
        'index=main [| inputlookup users | outputlookup users | fields user] | lookup users user',
      ),
      [message],
    );
    assert.deepEqual(await failure('| makeresults | map [| inputlookup users | outputlookup x | head 1]'), [
      'unsupported: `outputlookup` in a `map` search is not supported',
    ]);
    assert.deepEqual(await failure('| makeresults | map search="| inputlookup users | outputlookup x"'), [
      "unsupported: in `map`'s search: `outputlookup` in a `map` search is not supported",
    ]);
  });
});

describe('hostile content', () => {
  test('hostile column names and values are data: they round-trip and change nothing else', async () => {
    const header = ['user', "x' OR 1=1 --", 'a`b'];
    const evil = ["'; DROP TABLE lookup_rows; --", '{p0:String}'];
    await writeLookup(store, 'acme', 'evil', header, [['alice', evil[0] ?? '', evil[1] ?? '']]);
    const r = await spl('| inputlookup evil');
    assert.deepEqual(r.columns, header);
    assert.deepEqual(r.rows, [['alice', ...evil]]);
    const joined = await spl('index=main user=alice | head 1 | lookup evil user | table user "a`b"');
    assert.deepEqual(joined.rows, [['alice', '{p0:String}']]);
    const users = await spl('| inputlookup users | stats count');
    assert.deepEqual(users.rows, [[4]]);
  });
});

describe('versions', () => {
  test('a replacement is seen whole; superseded rows are swept after the grace period only', async () => {
    await writeLookup(
      store,
      'acme',
      'swap',
      ['k', 'v'],
      [
        ['a', 'old'],
        ['b', 'old'],
      ],
    );
    await writeLookup(store, 'acme', 'swap', ['k', 'v'], [['a', 'new']]);
    assert.deepEqual((await spl('| inputlookup swap')).rows, [['a', 'new']]);
    const versions = async (): Promise<number> => {
      const r = await store.query({
        sql: "SELECT uniqExact(version) FROM lookup_rows WHERE org_id = 'acme' AND name = 'swap'",
        params: {},
      });
      return Number(r.rows[0]?.[0]);
    };
    assert.equal(await versions(), 2, 'the old version stays readable during the grace period');
    await sweepLookups(store, 'acme', Date.now() + SUPERSEDED_GRACE_MS + 60_000);
    assert.equal(await versions(), 1);
    assert.deepEqual((await spl('| inputlookup swap')).rows, [['a', 'new']]);
  });
});
