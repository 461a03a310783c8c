// `scrub` on real chDB: words and numbers replaced by others of the same length and case, the same value
// alike everywhere, punctuation kept. Search Reference 9.4, scrub:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/scrub

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

const raw1 = 'user=Alice from 10.1.22.3 GET /home Zoë';
const raw2 = 'user=Alice from 10.1.22.3 GET /login';
before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, raw1, 'web01', { user: 'Alice' }),
    fixtureEvent(now, 2, raw2, 'web01', { user: 'Alice' }),
  ]);
});

after(async () => {
  await fx.close();
});

/** Digits → 9, lowercase → a, uppercase → A: the shape scrub must keep. */
const shape = (s: string): string =>
  s
    .replace(/[0-9]/g, '9')
    .replace(/\p{Ll}/gu, 'a')
    .replace(/\p{Lu}/gu, 'A');

describe('scrub', () => {
  test('the page example: `... | scrub` anonymises _raw and host, keeping their shape', async () => {
    const r = await fx.spl('index=main | scrub | table _raw, host, index, sourcetype');
    const [a, b] = r.rows as string[][];
    assert.ok(a && b);
    assert.equal(shape(String(a[0])), shape(raw1));
    assert.notEqual(a[0], raw1);
    assert.doesNotMatch(String(a[0]), /Alice|10\.1\.22\.3|web01|Zoë/);
    // The same value is replaced alike in every event; kept fields stay.
    assert.equal(
      String(a[0]).split(' ').slice(0, 4).join(' '),
      String(b[0]).split(' ').slice(0, 4).join(' '),
    );
    assert.equal(a[1], b[1]);
    assert.deepEqual([a[2], a[3]], ['main', 'app']);
  });

  test('deterministic: the same search gives the same values; structured fields read later are scrubbed', async () => {
    const one = await fx.spl('index=main | scrub | table user, _raw');
    const two = await fx.spl('index=main | scrub | table user, _raw');
    assert.deepEqual(one.rows, two.rows);
    const user = String(one.rows[0]?.[0]);
    assert.equal(shape(user), 'Aaaaa');
    assert.notEqual(user, 'Alice');
    // The user field is replaced as the word in _raw is.
    assert.equal(String(one.rows[0]?.[1]).split(/[= ]/)[1], user);
  });

  test('after stats: text fields scrubbed, counts kept', async () => {
    const r = await fx.spl('index=main | stats count BY user | scrub');
    assert.equal(r.rows.length, 1);
    assert.equal(shape(String(r.rows[0]?.[0])), 'Aaaaa');
    assert.equal(r.rows[0]?.[1], 2);
  });

  test('dictionary options are errors', async () => {
    await assert.rejects(fx.spl('index=main | scrub public-terms=x.txt | table host'), /dictionary file/);
  });

  test('the events shown carry every structured field scrubbed, as a later command reads it', async () => {
    const shown = await fx.spl('index=main | scrub');
    const at = shown.columns.indexOf('_fields');
    const fields = shown.rows.map((row) => row[at] as Record<string, unknown>);
    const read = await fx.spl('index=main | scrub | table user');
    assert.deepEqual(
      fields.map((f) => f.user),
      read.rows.map((row) => row[0]),
    );
    assert.equal(shape(String(fields[0]?.user)), 'Aaaaa');
    assert.notEqual(fields[0]?.user, 'Alice');
  });
});
