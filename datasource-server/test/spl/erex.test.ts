// `erex` through the service on chDB: the trainers are read, an expression learned, the search compiled again
// with it and run. Search Reference 9.4, erex:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/erex
// (`erex <field> examples=<values> [counterexamples=<values>] [fromfield=<field>] [maxtrainers=<int>]`;
// Splunk shows "Successfully learned regex. Consider using: | rex …").

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompilePool } from '../../src/query/compile-pool.ts';
import { QueryInputError, runSpl } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

/** acme's connection events (`port <n>`), newest first, and what else the index holds. */
const conns = [
  'conn from 10.0.0.1 port 8080 proto tcp',
  'conn from 10.0.0.2 port 443 proto tcp',
  'conn from 10.0.0.3 port 22 proto tcp',
  'conn from 10.0.0.4 port 5432 proto udp',
  'conn from 10.0.0.5 port 3351 proto tcp',
];
const others = ['heartbeat ok 1', 'login user=ann action=allow'];

before(async () => {
  fx = await splFixture(now, [
    ...conns.map((raw, i) => fixtureEvent(now, i + 1, raw, 'fw1')),
    ...others.map((raw, i) =>
      fixtureEvent(now, 10 + i, raw, 'app1', { msg: `user=u${i} status=${200 + i}` }),
    ),
    // Older than the search's range (the last 24 hours): never a trainer.
    fixtureEvent(now, 3 * 24 * 60, 'conn from 10.9.9.9 port 7777 proto tcp', 'fw1'),
    // Another tenant's events hold examples acme's events do not.
    fixtureEvent(now, 2, 'conn from 10.8.8.8 port 9999 proto tcp', 'fw9', {}, { org_id: 'other' }),
    fixtureEvent(now, 3, 'conn from 10.8.8.9 port 6666 proto tcp', 'fw9', {}, { org_id: 'other' }),
  ]);
});

after(async () => {
  await fx.close();
});

/** The search for `org` as the service runs it, with its messages. */
async function search(query: string, org = 'acme') {
  const r = await runSpl(fx.store, org, { query }, { nowMs: now });
  return { rows: r.rows, messages: r.meta.messages ?? [], columns: r.columns.map((c) => c.name) };
}

/** The 400's first diagnostic, checked to stand at `examples=`'s value. */
async function refusal(query: string, org = 'acme'): Promise<string> {
  let message = '';
  await assert.rejects(search(query, org), (e: unknown) => {
    assert.ok(e instanceof QueryInputError);
    const [d] = e.errors;
    assert.equal(d?.column, query.indexOf('examples=') + 'examples='.length + 1);
    message = d?.message ?? '';
    return true;
  });
  return message;
}

describe('erex', () => {
  test('examples="8080, 443": every connection event gets its port, the others none', async () => {
    const q = 'index=main | erex port examples="8080, 443" | table _raw port';
    const r = await search(q);
    // Computed here from the events as written: the number after `port `.
    const expected = [...conns, ...others].map((raw) => [raw, /port (\d+)/.exec(raw)?.[1] ?? null]);
    assert.deepEqual(r.rows, expected);
    assert.deepEqual(r.messages, [
      { type: 'info', text: 'Successfully learned regex. Consider using: | rex "port (?<port>\\d+)"' },
    ]);
  });

  test('compiled on the service’s worker threads: the same rows and message', async () => {
    const query = 'index=main | erex port examples="8080, 443" | table _raw port';
    const pool = new CompilePool({ workers: 1 });
    await pool.ready();
    try {
      const pooled = await runSpl(fx.store, 'acme', { query }, { nowMs: now, compiler: pool });
      const inThread = await search(query);
      assert.deepEqual(pooled.rows, inThread.rows);
      assert.deepEqual(pooled.meta.messages, inThread.messages);
    } finally {
      await pool.close();
    }
  });

  test('the rex the message suggests extracts the same values', async () => {
    const learned = await search('index=main | erex port examples="8080, 443" | table port');
    const rex = /Consider using: (\| rex .*)$/.exec(learned.messages[0]?.text ?? '')?.[1] ?? '';
    const written = await search(`index=main ${rex} | table port`);
    assert.deepEqual(written.rows, learned.rows);
  });

  test('a counterexample is not extracted, the examples still are', async () => {
    const r = await search(
      'index=main | erex port examples="8080, 443" counterexamples="22" | table _raw port',
    );
    const port = (raw: string): unknown => r.rows.find((row) => row[0] === raw)?.[1];
    assert.equal(port(conns[0] ?? ''), '8080');
    assert.equal(port(conns[1] ?? ''), '443');
    assert.notEqual(port(conns[2] ?? ''), '22');
  });

  test('fromfield= learns from that field, and extracts from it', async () => {
    const r = await search('index=main msg=* | erex user examples="u0" fromfield=msg | table msg user');
    const expected = others.map((_, i) => [`user=u${i} status=${200 + i}`, `u${i}`]);
    assert.deepEqual(
      [...r.rows].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      expected.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    assert.match(r.messages[0]?.text ?? '', /\| rex field=msg "/);
  });

  test('a later command reads the field: stats by it', async () => {
    const r = await search('index=main | erex port examples="8080, 443" | stats count by port | sort port');
    const ports = conns.map((raw) => /port (\d+)/.exec(raw)?.[1] ?? '').sort();
    assert.deepEqual(
      r.rows,
      ports.map((p) => [p, 1]),
    );
  });

  test('two erex in one search: each learned in turn, each with its message', async () => {
    const r = await search(
      'index=main | erex port examples="8080, 443" | erex proto examples="tcp" | table _raw port proto',
    );
    const expected = [...conns, ...others].map((raw) => [
      raw,
      /port (\d+)/.exec(raw)?.[1] ?? null,
      /proto (\w+)/.exec(raw)?.[1] ?? null,
    ]);
    assert.deepEqual(r.rows, expected);
    assert.equal(r.messages.length, 2);
    assert.match(r.messages[1]?.text ?? '', /\(\?<proto>/);
  });

  test('erex in a subsearch learns from the subsearch’s events', async () => {
    const r = await search(
      '| makeresults | eval port="none" | append [search index=main | erex port examples="8080, 443" | stats count by port] | table port',
    );
    const ports = conns.map((raw) => /port (\d+)/.exec(raw)?.[1] ?? '').sort();
    assert.deepEqual(
      r.rows.map((row) => row[0]),
      ['none', ...ports],
    );
  });

  test('no example in the events: a 400 at examples= that says so', async () => {
    const message = await refusal('index=main | erex port examples="1234" | table port');
    assert.match(message, /none of the examples occurs in `_raw`/);
  });

  test('an example older than the time range is not learned from', async () => {
    const message = await refusal('index=main | erex port examples="7777" | table port');
    assert.match(message, /none of the examples occurs/);
  });

  test('an example only inside longer values: the 400 says it must be a whole value', async () => {
    // `onn` occurs in every connection event, but only within `conn`.
    const message = await refusal('index=main | erex x examples="onn" | table x');
    assert.match(message, /as a whole value/);
  });

  test('examples no expression separates from the counterexamples: a 400 at examples=', async () => {
    const message = await refusal(
      'index=main | erex port examples="8080" counterexamples="8080" | table port',
    );
    assert.match(message, /no expression separates the examples from the counterexamples/);
  });

  test('tenant isolation: the trainers are the calling tenant’s events only', async () => {
    // `9999` is only in the other tenant's events: acme learns nothing from them.
    const message = await refusal('index=main | erex port examples="9999" | table port');
    assert.match(message, /none of the examples occurs/);
    // The other tenant learns from its own events and sees only them.
    const r = await search('index=main | erex port examples="9999" | table _raw port', 'other');
    assert.deepEqual(r.rows, [
      ['conn from 10.8.8.8 port 9999 proto tcp', '9999'],
      ['conn from 10.8.8.9 port 6666 proto tcp', '6666'],
    ]);
  });
});
