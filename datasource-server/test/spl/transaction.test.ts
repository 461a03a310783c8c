// `transaction` on real chDB: sessions of several users, split by maxpause, maxspan, maxevents and
// startswith/endswith, with their merged fields; and the compiled SQL against a direct implementation of
// Splunk's sequential algorithm on random events.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { runSpl } from '../../src/query/service.ts';
import type { LogRow, Store } from '../../src/store/index.ts';
import { createStore, runMigrations } from '../../src/store/index.ts';

const now = Date.now();
// Whole seconds, two hours ago: every offset below is in seconds from here.
const base = Math.floor(now / 1000) * 1000 - 2 * 3_600_000;

function event(org: string, s: number, raw: string, fields: LogRow['fields'], host = 'web01'): LogRow {
  return {
    org_id: org,
    index: 'main',
    _time: base + s * 1000,
    host,
    source: '/var/log/app.log',
    sourcetype: 'app',
    _raw: raw,
    fields,
  };
}

const sessions: LogRow[] = [
  // alice: a full session, then ten minutes later a second one without a logout.
  event('acme', 0, 'alice login', { user: 'alice', action: 'login' }),
  event('acme', 10, 'alice view a', { user: 'alice', action: 'view', page: 'a' }),
  event('acme', 20, 'alice view b', { user: 'alice', action: 'view', page: 'b' }, 'web02'),
  event('acme', 30, 'alice logout', { user: 'alice', action: 'logout' }),
  event('acme', 630, 'alice login again', { user: 'alice', action: 'login' }),
  event('acme', 640, 'alice view c', { user: 'alice', action: 'view', page: 'c', tags: ['x', 'y'] }),
  // bob: a pause of 335 s in the middle of his session.
  event('acme', 5, 'bob login', { user: 'bob', action: 'login' }),
  event('acme', 65, 'bob view a', { user: 'bob', action: 'view', page: 'a' }),
  event('acme', 400, 'bob view b', { user: 'bob', action: 'view', page: 'b' }),
  event('acme', 410, 'bob logout', { user: 'bob', action: 'logout' }),
  // carol: a ping every 20 s from 100 to 300.
  ...Array.from({ length: 11 }, (_, i) =>
    event('acme', 100 + 20 * i, `carol ping ${i}`, { user: 'carol', action: 'ping', seq: String(i) }),
  ),
  // dave: a field present in one event only.
  event('acme', 700, 'dave error code=500', { user: 'dave', code: '500' }),
  event('acme', 710, 'dave ok', { user: 'dave' }),
  // no user at all: in no transaction by user.
  event('acme', 50, 'heartbeat', {}),
];

let store: Store;
let dir: string;

async function spl(
  query: string,
  org = 'acme',
): Promise<{ columns: string[]; rows: unknown[][]; sql: string }> {
  const r = await runSpl(store, org, { query, earliest: '-1d', latest: 'now' }, { nowMs: now });
  return { columns: r.columns.map((c) => c.name), rows: r.rows, sql: r.meta.sql };
}

/** The rows as objects of the named columns. */
async function table(query: string, org = 'acme'): Promise<Record<string, unknown>[]> {
  const r = await spl(query, org);
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i]])));
}

/** `_time` as seconds from `base`. */
const at = (t: unknown): number => (Date.parse(`${String(t).replace(' ', 'T')}Z`) - base) / 1000;

/** user, start offset, duration, eventcount of each transaction, in result order. */
async function summary(query: string): Promise<[unknown, number, unknown, unknown][]> {
  return (await table(`${query} | table _time user duration eventcount`)).map((r) => [
    r.user,
    at(r._time),
    r.duration,
    r.eventcount,
  ]);
}

// ---------------------------------------------------------------------------------------------------
// The compiled SQL against a direct implementation of the algorithm, on random events of org `rand`.

interface Ev {
  readonly t: number; // ms from base, unique (Splunk leaves the order of equal times open)
  readonly user: string;
  readonly raw: string;
  readonly action: string;
}

function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

const randomEvs: Ev[] = (() => {
  const r = rng(42);
  const out: Ev[] = [];
  for (let i = 0; i < 600; i++) {
    const user = `u${Math.floor(r() * 4)}`;
    // Clustered times within the last two hours, close but never equal.
    const t = (Math.floor(r() * 40) * 120 + Math.floor(r() * 90)) * 1000 + i;
    const a = r();
    const action = a < 0.15 ? 'start' : a < 0.3 ? 'end' : 'step';
    out.push({ t, user, raw: `${user} ${action} ${String(i).padStart(3, '0')}`, action });
  }
  return out;
})();

const randomEvents: LogRow[] = randomEvs.map((e) => ({
  ...event('rand', e.t / 1000, e.raw, { user: e.user, action: e.action }),
}));

interface Opts {
  maxspan?: number;
  maxpause?: number;
  maxevents?: number;
  start?: boolean;
  end?: boolean;
}

/** Splunk's algorithm as documented: per user, newest first, one open transaction at a time. */
function reference(o: Opts): string[] {
  const out: { t: number; s: string }[] = [];
  const users = [...new Set(randomEvs.map((e) => e.user))];
  for (const u of users) {
    const evs = randomEvs
      .filter((e) => e.user === u)
      .sort((a, b) => b.t - a.t || (a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0));
    let cur: Ev[] = [];
    const finish = (closedByLimit: boolean): void => {
      if (cur.length === 0) return;
      const oldest = cur[cur.length - 1] as Ev;
      const newest = cur[0] as Ev;
      const closed = !o.start || oldest.action === 'start' || closedByLimit;
      if (closed) {
        const raws = [...cur]
          .reverse()
          .map((e) => e.raw)
          .join('|');
        out.push({
          t: oldest.t,
          s: `${u} ${oldest.t / 1000} ${(newest.t - oldest.t) / 1000} ${cur.length} ${raws}`,
        });
      }
      cur = [];
    };
    for (const e of evs) {
      if (cur.length > 0) {
        const newest = cur[0] as Ev;
        const last = cur[cur.length - 1] as Ev;
        const limit =
          (o.maxpause !== undefined && last.t - e.t > o.maxpause * 1000) ||
          (o.maxspan !== undefined && newest.t - e.t >= o.maxspan * 1000) ||
          (o.maxevents !== undefined && cur.length >= o.maxevents);
        if (limit || (o.end && e.action === 'end')) finish(limit);
      }
      cur.push(e);
      if (o.start && e.action === 'start') finish(false);
    }
    finish(false);
  }
  return out.map((x) => x.s).sort();
}

async function compiled(o: Opts): Promise<string[]> {
  const options = [
    o.maxspan !== undefined ? `maxspan=${o.maxspan}s` : '',
    o.maxpause !== undefined ? `maxpause=${o.maxpause}s` : '',
    `maxevents=${o.maxevents ?? -1}`,
    o.start ? 'startswith="action=start"' : '',
    o.end ? 'endswith=eval(action=="end")' : '',
  ].join(' ');
  const rows = await table(
    `index=main | transaction user ${options} | eval raws=replace(_raw, "\\n", "|") | table _time user duration eventcount raws`,
    'rand',
  );
  return rows
    .map(
      (r) =>
        `${String(r.user)} ${at(r._time)} ${String(r.duration)} ${String(r.eventcount)} ${String(r.raws)}`,
    )
    .sort();
}

// ---------------------------------------------------------------------------------------------------
// Several fields, some events with only some of them: Splunk's sequential algorithm as the Search
// Reference's transaction page describes it (help.splunk.com/…/search-commands/transaction: `connected`,
// `unifyends`, `keeporphans`, `maxopentxn`, `maxopenevents`), on random events of org `multi`.

interface MEv {
  readonly t: number;
  readonly host: string | null;
  readonly cookie: string | null;
  readonly action: string;
  readonly raw: string;
}

const multiEvs: MEv[] = (() => {
  const r = rng(7);
  const out: MEv[] = [];
  for (let i = 0; i < 300; i++) {
    const pick = r();
    const host = pick < 0.75 ? `h${Math.floor(r() * 3)}` : null;
    const cookie = pick > 0.25 ? `c${Math.floor(r() * 3)}` : null;
    const t = (Math.floor(r() * 30) * 100 + Math.floor(r() * 60)) * 1000 + i;
    const a = r();
    const action = a < 0.12 ? 'start' : a < 0.24 ? 'end' : 'step';
    out.push({ t, host, cookie, action, raw: `e${String(i).padStart(3, '0')}` });
  }
  // Two events without either field: orphans.
  out.push({ t: 1_000_500, host: null, cookie: null, action: 'step', raw: 'none1' });
  out.push({ t: 2_000_700, host: null, cookie: null, action: 'step', raw: 'none2' });
  return out;
})();

const multiEvents: LogRow[] = multiEvs.map((e) =>
  event('multi', e.t / 1000, e.raw, {
    action: e.action,
    ...(e.host !== null ? { host2: e.host } : {}),
    ...(e.cookie !== null ? { cookie: e.cookie } : {}),
  }),
);

interface MOpts extends Opts {
  connected?: boolean;
  unifyends?: boolean;
  keeporphans?: boolean;
  keepevicted?: boolean;
  maxopentxn?: number;
  maxopenevents?: number;
}

/**
 * The page's algorithm: events newest first; an event joins the most recently used open transaction
 * whose values it does not contradict and (connected, or a startswith event with unifyends) with which it
 * shares a field; endswith opens a new one; startswith, maxevents, maxspan and maxpause close; past
 * maxopentxn/maxopenevents the least recently used is evicted (closed_txn=0).
 */
function multiReference(o: MOpts, events: readonly MEv[] = multiEvs): string[] {
  interface Txn {
    id: number;
    host: string | null;
    cookie: string | null;
    members: MEv[];
    state: 'open' | 'closed' | 'evicted';
  }
  const connected = o.connected ?? true;
  const unify = o.unifyends ?? connected;
  const all: Txn[] = [];
  let open: Txn[] = [];
  const orphans: MEv[] = [];
  const evs = [...events].sort((a, b) => b.t - a.t);
  for (const e of evs) {
    for (const t of open) {
      const newest = t.members[0] as MEv;
      const oldest = t.members[t.members.length - 1] as MEv;
      if (
        (o.maxspan !== undefined && newest.t - e.t >= o.maxspan * 1000) ||
        (o.maxpause !== undefined && oldest.t - e.t > o.maxpause * 1000)
      )
        t.state = 'closed';
    }
    open = open.filter((t) => t.state === 'open');
    if (e.host === null && e.cookie === null) {
      orphans.push(e);
      continue;
    }
    const agrees = (t: Txn): boolean =>
      (e.host === null || t.host === null || e.host === t.host) &&
      (e.cookie === null || t.cookie === null || e.cookie === t.cookie);
    const shares = (t: Txn): boolean =>
      (e.host !== null && t.host !== null) || (e.cookie !== null && t.cookie !== null);
    const needShare = connected || (unify && o.start === true && e.action === 'start');
    let t =
      o.end && e.action === 'end' ? undefined : open.find((x) => agrees(x) && (!needShare || shares(x)));
    if (t === undefined) {
      t = { id: all.length, host: e.host, cookie: e.cookie, members: [], state: 'open' };
      all.push(t);
    } else {
      t.host ??= e.host;
      t.cookie ??= e.cookie;
    }
    t.members.push(e);
    open = [t, ...open.filter((x) => x !== t)];
    if ((o.start && e.action === 'start') || (o.maxevents !== undefined && t.members.length >= o.maxevents)) {
      t.state = 'closed';
      open = open.filter((x) => x !== t);
    }
    const size = (): number => open.reduce((n, x) => n + x.members.length, 0);
    if (o.maxopentxn !== undefined && open.length > o.maxopentxn) (open.pop() as Txn).state = 'evicted';
    if (o.maxopenevents !== undefined && size() > o.maxopenevents) (open.pop() as Txn).state = 'evicted';
  }
  const lines: string[] = [];
  for (const t of all) {
    const closed = t.state === 'closed' || (t.state === 'open' && !o.start);
    const oldest = t.members[t.members.length - 1] as MEv;
    const newest = t.members[0] as MEv;
    const raws = [...t.members].reverse().map((e) => e.raw);
    if (closed || o.keepevicted) {
      const c = o.keepevicted ? ` ${closed ? 1 : 0}` : '';
      lines.push(
        `${oldest.t / 1000} ${String(t.host)} ${String(t.cookie)} ${(newest.t - oldest.t) / 1000} ${t.members.length} ${raws.join('|')}${c}`,
      );
    } else if (o.keeporphans) orphans.push(...t.members);
  }
  if (o.keeporphans) lines.push(...orphans.map((e) => `orphan ${e.t / 1000} ${e.raw}`));
  return lines.sort();
}

async function multiCompiled(o: MOpts, search = 'index=main'): Promise<string[]> {
  const flag = (k: string, v: boolean | number | undefined): string =>
    v === undefined ? '' : `${k}=${typeof v === 'boolean' ? String(v) : String(v)}`;
  const options = [
    o.maxspan !== undefined ? `maxspan=${o.maxspan}s` : '',
    o.maxpause !== undefined ? `maxpause=${o.maxpause}s` : '',
    `maxevents=${o.maxevents ?? -1}`,
    o.start ? 'startswith="action=start"' : '',
    o.end ? 'endswith=eval(action=="end")' : '',
    flag('connected', o.connected),
    flag('unifyends', o.unifyends),
    flag('keeporphans', o.keeporphans),
    flag('keepevicted', o.keepevicted),
    flag('maxopentxn', o.maxopentxn),
    flag('maxopenevents', o.maxopenevents),
  ].join(' ');
  const rows = await table(
    `${search} | transaction host2 cookie ${options} | eval raws=replace(_raw, "\\n", "|") | table _time host2 cookie duration eventcount raws closed_txn _txn_orphan`,
    'multi',
  );
  return rows
    .map((r) =>
      r._txn_orphan === 1
        ? `orphan ${at(r._time)} ${String(r.raws)}`
        : `${at(r._time)} ${String(r.host2 ?? null)} ${String(r.cookie ?? null)} ${String(r.duration)} ${String(r.eventcount)} ${String(r.raws)}${o.keepevicted ? ` ${String(r.closed_txn)}` : ''}`,
    )
    .sort();
}

// The page's example of a transitive transaction: `event=1 host=a`, `event=2 host=a cookie=b`,
// `event=3 cookie=b` form one transaction; and where `connected` decides (org `conn`, newest last).
const pageEvents: LogRow[] = [
  event('page', 1, 'event=1 host=a', { host2: 'a' }),
  event('page', 2, 'event=2 host=a cookie=b', { host2: 'a', cookie: 'b' }),
  event('page', 3, 'event=3 cookie=b', { cookie: 'b' }),
  event('conn', 1, 'e1 host=a cookie=b', { host2: 'a', cookie: 'b' }),
  event('conn', 2, 'e2 cookie=b', { cookie: 'b' }),
  event('conn', 3, 'e3 host=a', { host2: 'a' }),
];

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-txn-'));
  store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
  await runMigrations(store, { retentionDays: 30 });
  await store.insertLogs([...sessions, ...randomEvents, ...multiEvents, ...pageEvents]);
});

after(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('transaction: grouping', () => {
  test('maxpause splits a user’s events after a longer pause; newest transaction first', async () => {
    assert.deepEqual(await summary('index=main | transaction user maxpause=5m'), [
      ['dave', 700, 10, 2],
      ['alice', 630, 10, 2],
      ['bob', 400, 10, 2],
      ['carol', 100, 200, 11],
      ['bob', 5, 60, 2],
      ['alice', 0, 30, 4],
    ]);
  });

  test('a pause of exactly maxpause stays in the transaction', async () => {
    // carol's pings are 20 s apart.
    assert.deepEqual(await summary('index=main user=carol | transaction user maxpause=20s'), [
      ['carol', 100, 200, 11],
    ]);
    assert.equal((await summary('index=main user=carol | transaction user maxpause=19s')).length, 11);
  });

  test('maxspan: built from the newest event back, a transaction spans less than maxspan', async () => {
    // From 300 back: 300, 280, 260 (240 is 60 s older than 300), then 240…200, 180…140, 120, 100.
    const expected = [
      ['carol', 260, 40, 3],
      ['carol', 200, 40, 3],
      ['carol', 140, 40, 3],
      ['carol', 100, 20, 2],
    ];
    assert.deepEqual(await summary('index=main user=carol | transaction user maxspan=60s'), expected);
    assert.deepEqual(
      await summary('index=main user=carol | transaction user maxspan=1m maxpause=-1'),
      expected,
    );
  });

  test('maxevents: at most N events, counted from the newest', async () => {
    assert.deepEqual(await summary('index=main user=carol | transaction user maxevents=4'), [
      ['carol', 240, 60, 4],
      ['carol', 160, 60, 4],
      ['carol', 100, 40, 3],
    ]);
  });

  test('maxspan, maxpause and maxevents together', async () => {
    assert.deepEqual(
      await summary(
        'index=main | transaction user maxspan=1h maxpause=5m maxevents=3 | search user=carol OR user=bob',
      ),
      [
        ['bob', 400, 10, 2],
        ['carol', 260, 40, 3],
        ['carol', 200, 40, 3],
        ['carol', 140, 40, 3],
        ['carol', 100, 20, 2],
        ['bob', 5, 60, 2],
      ],
    );
  });

  test('events without the field are in no transaction; without fields every event is', async () => {
    const byUser = await table('index=main | transaction user | stats sum(eventcount) AS n');
    assert.equal(byUser[0]?.n, sessions.length - 1);
    const all = await table(
      'index=main earliest=-3h latest=-1h | transaction maxpause=1h | table eventcount',
    );
    assert.deepEqual(all, [{ eventcount: sessions.length }]);
  });

  test('_raw joins the members oldest first; _time is the earliest member', async () => {
    const r = await table('index=main user=alice | transaction user maxpause=5m | table _time _raw');
    assert.deepEqual(
      r.map((x) => [at(x._time), x._raw]),
      [
        [630, 'alice login again\nalice view c'],
        [0, 'alice login\nalice view a\nalice view b\nalice logout'],
      ],
    );
  });

  // Search Reference 9.4, transaction, rendering options:
  // https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/transaction
  // "mvraw: whether the _raw field of the transaction search result should be a multivalued field";
  // "delim: … When used in conjunction with the mvraw=t argument, represents a string used to delimit the
  // values of the _raw field. Default: " " (whitespace)".
  test('mvraw=t: _raw is the members’ texts joined by delim, a space by default', async () => {
    const members = [
      ['alice login again', 'alice view c'],
      ['alice login', 'alice view a', 'alice view b', 'alice logout'],
    ];
    const raws = async (options: string): Promise<unknown[]> =>
      (await table(`index=main user=alice | transaction user maxpause=5m ${options} | table _raw`)).map(
        (x) => x._raw,
      );
    assert.deepEqual(
      await raws('mvraw=t'),
      members.map((m) => m.join(' ')),
    );
    assert.deepEqual(
      await raws('mvraw=t delim=" | "'),
      members.map((m) => m.join(' | ')),
    );
    assert.deepEqual(
      await raws('delim=";" mvraw=true'),
      members.map((m) => m.join(';')),
    );
    // Without mvraw=t, delim leaves _raw as it was: newlines.
    assert.deepEqual(
      await raws('delim=";"'),
      members.map((m) => m.join('\n')),
    );
    assert.deepEqual(
      await raws('mvraw=f delim=";"'),
      members.map((m) => m.join('\n')),
    );
    // The sequential fold (keeporphans) builds _raw the same way.
    assert.deepEqual(
      await raws('mvraw=t delim="," keeporphans=t'),
      members.map((m) => m.join(',')),
    );
  });

  test('mvraw=t: later commands search the joined text', async () => {
    const r = await table(
      'index=main user=alice | transaction user maxpause=5m mvraw=t delim="#" | search "view c" | table eventcount',
    );
    assert.deepEqual(r, [{ eventcount: 2 }]);
  });

  test('two fields: one transaction per combination of values', async () => {
    assert.deepEqual(
      (
        await table('index=main user=alice | transaction user host maxpause=5m | table user host eventcount')
      ).map((r) => [r.user, r.host, r.eventcount]),
      [
        ['alice', 'web01', 2],
        ['alice', 'web02', 1],
        ['alice', 'web01', 3],
      ],
    );
  });

  test('several fields: the page’s transitive example is one transaction', async () => {
    const r = await table(
      'index=main | transaction host2 cookie | table host2 cookie eventcount _raw',
      'page',
    );
    assert.deepEqual(r, [
      {
        host2: 'a',
        cookie: 'b',
        eventcount: 3,
        _raw: 'event=1 host=a\nevent=2 host=a cookie=b\nevent=3 cookie=b',
      },
    ]);
  });

  test('connected=true opens a transaction for an event sharing no instantiated field; false adds it', async () => {
    // Newest first: e3 host=a opens T1; e2 cookie=b shares no field with T1: a new T2 (connected=true) or
    // T1 (connected=false); e1 host=a cookie=b agrees with both and joins the most recent.
    const q = (c: string): Promise<Record<string, unknown>[]> =>
      table(`index=main | transaction host2 cookie connected=${c} | table eventcount _raw`, 'conn');
    // Newest transaction (by its earliest member) first.
    assert.deepEqual(await q('true'), [
      { eventcount: 1, _raw: 'e3 host=a' },
      { eventcount: 2, _raw: 'e1 host=a cookie=b\ne2 cookie=b' },
    ]);
    assert.deepEqual(await q('false'), [
      { eventcount: 3, _raw: 'e1 host=a cookie=b\ne2 cookie=b\ne3 host=a' },
    ]);
  });

  test('keeporphans=t returns the events in no transaction with _txn_orphan=1', async () => {
    const r = await table(
      'index=main | transaction user keeporphans=t | search _txn_orphan=1 | table _raw eventcount _txn_orphan',
    );
    assert.deepEqual(r, [{ _raw: 'heartbeat', eventcount: null, _txn_orphan: 1 }]);
    const all = await table('index=main | transaction user keeporphans=t | stats count BY _txn_orphan');
    assert.equal(all.length, 1);
  });
});

describe('transaction: startswith and endswith', () => {
  test('endswith opens a transaction (seen first), startswith closes it', async () => {
    assert.deepEqual(
      await summary('index=main | transaction user startswith="action=login" endswith="action=logout"'),
      [
        ['alice', 630, 10, 2],
        ['bob', 5, 405, 4],
        ['alice', 0, 30, 4],
      ],
    );
    // The same with eval conditions.
    assert.deepEqual(
      await summary(
        'index=main | transaction user startswith=eval(action=="login") endswith=eval(action=="logout")',
      ),
      [
        ['alice', 630, 10, 2],
        ['bob', 5, 405, 4],
        ['alice', 0, 30, 4],
      ],
    );
  });

  test('every way Splunk writes a filter: (search), ("search"), one term, and OR inside parentheses', async () => {
    // Search Reference, transaction: startswith=<filter-string>, a search expression, (<quoted-search-expression>)
    // or eval(<logical-expression>).
    const expected = [
      ['alice', 630, 10, 2],
      ['bob', 5, 405, 4],
      ['alice', 0, 30, 4],
    ];
    for (const q of [
      'index=main | transaction user startswith=(action=login) endswith=(action=logout)',
      'index=main | transaction user startswith=("action=login") endswith=("action=logout")',
      'index=main | transaction user startswith=login endswith=logout',
      'index=main | transaction user startswith=(action=login OR action=signin) endswith=(action="logout")',
    ])
      assert.deepEqual(await summary(q), expected, q);
  });

  test('keepevicted=t also returns transactions that never reached their start, closed_txn=0', async () => {
    const r = await table(
      'index=main | transaction user startswith="action=login" keepevicted=t | table user eventcount closed_txn',
    );
    assert.deepEqual(
      r.map((x) => [x.user, x.eventcount, x.closed_txn]),
      [
        ['dave', 2, 0],
        ['alice', 2, 1],
        ['carol', 11, 0],
        ['bob', 4, 1],
        ['alice', 4, 1],
      ],
    );
  });

  test('a transaction cut by maxpause is closed even without its start', async () => {
    const r = await table(
      'index=main user=bob | transaction user startswith="action=login" maxpause=5m | table _time eventcount',
    );
    assert.deepEqual(
      r.map((x) => [at(x._time), x.eventcount]),
      [
        [400, 2],
        [5, 2],
      ],
    );
  });
});

describe('transaction: fields of the transaction', () => {
  test('other fields are the union of the members’ distinct values, sorted; later commands read them', async () => {
    const r = await table(
      'index=main | transaction user maxpause=5m | eval pages=mvjoin(page, ","), actions=mvjoin(action, ","), hosts=mvjoin(host, ","), t=mvjoin(tags, ",") | where user="alice" | table pages actions hosts t sourcetype',
    );
    assert.deepEqual(r, [
      { pages: 'c', actions: 'login,view', hosts: 'web01', t: 'x,y', sourcetype: 'app' },
      { pages: 'a,b', actions: 'login,logout,view', hosts: 'web01,web02', t: null, sourcetype: 'app' },
    ]);
  });

  test('a field missing in some members keeps the values of the others', async () => {
    const r = await table('index=main user=dave | transaction user | table user code eventcount');
    assert.deepEqual(r, [{ user: 'dave', code: '500', eventcount: 2 }]);
  });

  test('search and stats over the transactions', async () => {
    assert.deepEqual(
      await table('index=main | transaction user maxpause=5m | search action=logout | stats count'),
      [{ count: 2 }],
    );
    assert.deepEqual(
      await table('index=main | transaction user maxpause=5m | stats max(eventcount) AS most by user'),
      [
        { user: 'alice', most: 4 },
        { user: 'bob', most: 2 },
        { user: 'carol', most: 11 },
        { user: 'dave', most: 2 },
      ],
    );
  });

  test('mvlist=t: every member’s value, oldest first, nullstr for a member without it', async () => {
    const r = await table(
      'index=main user=alice | transaction user maxpause=5m mvlist=t nullstr="-" | eval pages=mvjoin(page, ",") | table pages',
    );
    assert.deepEqual(r, [{ pages: '-,c' }, { pages: '-,a,b,-' }]);
  });

  test('eval results before the transaction become multivalue fields of it', async () => {
    const r = await table(
      'index=main user=bob | eval kind=if(action="view", "v", "o") | transaction user | eval k=mvjoin(kind, ",") | table k',
    );
    assert.deepEqual(r, [{ k: 'o,v' }]);
  });

  test('returned as events, the merged fields come in _fields', async () => {
    const r = await spl('index=main user=dave | transaction user');
    assert.deepEqual(r.columns, ['_time', '_raw', 'user', 'duration', 'eventcount', '_fields']);
    const fields = r.rows[0]?.[5] as Record<string, unknown>;
    assert.equal(fields.code, '500');
    assert.equal(fields.host, 'web01');
    assert.equal(fields.user, undefined);
  });
});

describe('transaction: diagnostics', () => {
  test('options not implemented are unsupported at the option', async () => {
    for (const option of ['mvlist=user', 'name=web']) {
      await assert.rejects(spl(`index=main | transaction user ${option}`), /not supported yet/, option);
    }
    await assert.rejects(spl('index=main | transaction user startswith="earliest=-1h"'), /time modifier/);
    await assert.rejects(spl('index=main | transaction user maxspan=5w'), /duration/);
    await assert.rejects(spl('index=main | transaction u* maxspan=5m'), /wildcard/);
  });

  test('maxopentxn and maxopenevents take a whole number ≥ 1', async () => {
    await assert.rejects(spl('index=main | transaction user maxopentxn=0'), /whole number/);
    await assert.rejects(spl('index=main | transaction user maxopenevents=x'), /whole number/);
  });
});

describe('transaction: hostile text', () => {
  test('startswith text and field names are parameters or quoted identifiers', async () => {
    const r = await spl(
      'index=main | transaction user startswith="action=\'x\'; DROP TABLE logs; --" endswith=eval(action=="\\"); DROP TABLE logs") keepevicted=t | stats count',
    );
    assert.ok(!r.sql.includes('DROP TABLE'));
    assert.equal((await table('index=main | stats count'))[0]?.count, sessions.length);
    const weird = await spl('index=main | rename user AS "a`b" | transaction "a`b" | stats count');
    assert.ok(weird.sql.includes('`a\\`b`'));
    assert.equal(weird.rows[0]?.[0], 4);
  });
});

describe('transaction: the compiled SQL matches the sequential algorithm', () => {
  const cases: Opts[] = [
    { maxpause: 100 },
    { maxspan: 300 },
    { maxspan: 300, maxpause: 60 },
    { maxevents: 7 },
    { maxspan: 600, maxevents: 5 },
    { start: true },
    { end: true },
    { start: true, end: true },
    { start: true, end: true, maxpause: 200 },
    { start: true, maxspan: 400, maxevents: 6 },
    { end: true, maxspan: 250, maxpause: 90, maxevents: 9 },
    {},
  ];
  for (const o of cases) {
    test(JSON.stringify(o), async () => {
      const want = reference(o);
      assert.ok(want.length > 0);
      assert.deepEqual(await compiled(o), want);
    });
  }
});

describe('transaction: several fields, orphans and the open pool match the page’s algorithm', () => {
  const cases: MOpts[] = [
    {},
    { connected: false },
    { maxpause: 300 },
    { connected: false, maxspan: 600, maxevents: 5 },
    { start: true },
    { start: true, keepevicted: true },
    { start: true, keeporphans: true },
    { connected: false, start: true, unifyends: false, keeporphans: true },
    { connected: false, start: true, unifyends: true, maxpause: 400 },
    { end: true, maxspan: 500 },
    { start: true, end: true, maxpause: 900, keeporphans: true },
    { maxopentxn: 2 },
    { maxopentxn: 3, keepevicted: true },
    { maxopenevents: 6, keeporphans: true },
    { keeporphans: true },
  ];
  for (const o of cases) {
    test(JSON.stringify(o), async () => {
      const want = multiReference(o);
      assert.ok(want.length > 0);
      assert.deepEqual(await multiCompiled(o), want);
    });
  }

  // Only events with both fields: each combination of values has its own fold (the folds in step).
  const complete = multiEvs.filter((e) => e.host !== null && e.cookie !== null);
  for (const o of [
    { start: true, maxpause: 400 },
    { start: true, keepevicted: true, maxspan: 900 },
    { start: true, keepevicted: true, maxpause: 60 },
    { end: true, maxevents: 3, keeporphans: true, start: true },
  ] satisfies MOpts[]) {
    test(`both fields on every event: ${JSON.stringify(o)}`, async () => {
      const want = multiReference(o, complete);
      assert.ok(want.length > 0);
      assert.deepEqual(await multiCompiled(o, 'index=main host2=* cookie=*'), want);
    });
  }

  test('one field with keeporphans matches the window form', async () => {
    const q = 'index=main | transaction user maxpause=5m';
    const plain = await table(`${q} | table _time user duration eventcount _raw`);
    const kept = await table(
      `${q} keeporphans=t | search NOT _txn_orphan=1 | table _time user duration eventcount _raw`,
    );
    assert.deepEqual(kept, plain);
  });
});
