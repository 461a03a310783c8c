// Wildcard fields in `top`, `rare`, `mvexpand` and `bin` where the field names are known (after `table`,
// `fields` or a transforming command): the Search Reference's syntax blocks take a <wc-field> / field list
// with wildcards (top: "<field-list>"; mvexpand: "You can use wild card characters in field names"; bin:
// "<field>"). Over raw events the names are not known ahead: a positioned `unsupported`.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.UTC(2026, 11, 7, 12, 0, 0);
const events: { user: string; src_host: string; dest_host: string; bytes_in: number; bytes_out: number }[] = [
  { user: 'alice', src_host: 'a', dest_host: 'x', bytes_in: 120, bytes_out: 15 },
  { user: 'bob', src_host: 'a', dest_host: 'y', bytes_in: 340, bytes_out: 25 },
  { user: 'alice', src_host: 'b', dest_host: 'x', bytes_in: 90, bytes_out: 35 },
  { user: 'carol', src_host: 'a', dest_host: 'x', bytes_in: 125, bytes_out: 5 },
];

let fx: SplFixture;
before(async () => {
  fx = await splFixture(
    now,
    events.map((e, i) =>
      fixtureEvent(now, i + 1, `event ${i}`, 'h', {
        user: e.user,
        src_host: e.src_host,
        dest_host: e.dest_host,
        bytes_in: String(e.bytes_in),
        bytes_out: String(e.bytes_out),
      }),
    ),
  );
});
after(async () => fx.close());

const known = '| table user src_host dest_host bytes_in bytes_out';

/** Counts of each (src_host, dest_host) combination, computed here, most common first then by value. */
function combos(): [string, string, number][] {
  const m = new Map<string, number>();
  for (const e of events)
    m.set(`${e.src_host}|${e.dest_host}`, (m.get(`${e.src_host}|${e.dest_host}`) ?? 0) + 1);
  return [...m.entries()]
    .map(([k, n]): [string, string, number] => [k.split('|')[0] ?? '', k.split('|')[1] ?? '', n])
    .sort((a, b) => b[2] - a[2] || (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
}

describe('wildcard fields where the names are known', () => {
  test('top *_host counts each combination of the fields it matches, as `top src_host dest_host`', async () => {
    const r = await fx.spl(`index=main ${known} | top *_host showperc=f`);
    assert.deepEqual(r.columns, ['src_host', 'dest_host', 'count']);
    assert.deepEqual(r.rows, combos());
    const named = await fx.spl(`index=main ${known} | top src_host dest_host showperc=f`);
    assert.deepEqual(r.rows, named.rows);
  });

  test('rare user*: the least common users first', async () => {
    const r = await fx.spl(`index=main ${known} | rare user* showperc=f | head 1`);
    assert.equal(r.rows[0]?.[1], 1);
  });

  test('mvexpand *_list expands each matching field in turn', async () => {
    const r = await fx.spl(
      'index=main user=alice | head 1 | eval a_list=split("1,2", ","), b_list=split("x,y,z", ",") | table a_list b_list | mvexpand *_list',
    );
    const want = ['1', '2'].flatMap((a) => ['x', 'y', 'z'].map((b) => [a, b]));
    assert.deepEqual(r.rows, want);
  });

  test('bin bytes_* span=100 bins each matching field in place', async () => {
    const r = await fx.spl(`index=main ${known} | bin bytes_* span=100 | table bytes_in bytes_out`);
    const label = (v: number): string => `${Math.floor(v / 100) * 100}-${Math.floor(v / 100) * 100 + 100}`;
    assert.deepEqual(
      r.rows,
      events.map((e) => [label(e.bytes_in), label(e.bytes_out)]),
    );
  });

  test('over raw events, a wildcard is unsupported; a pattern matching nothing is an error', async () => {
    await assert.rejects(fx.spl('index=main | top *_host'), /over raw events/);
    await assert.rejects(fx.spl('index=main | mvexpand *_list'), /over raw events/);
    await assert.rejects(fx.spl(`index=main ${known} | bin nothing_* span=10`), /matches none/);
    await assert.rejects(fx.spl(`index=main ${known} | bin bytes_* AS b span=10`), /AS/);
  });
});
