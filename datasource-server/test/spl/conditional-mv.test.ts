// `if`, `case`, `validate` and `coalesce` with a multivalue branch, on real chDB. ClickHouse has no common type
// of an array and a scalar, so every branch becomes a list (null the empty list, a value a list of one) and a
// one-value list shows as that value. Found by ESCU's "Detect Password Spray Attempts", whose
// `foreach * [eval <<FIELD>>=if(<<FIELD>>="null", null(), <<FIELD>>)]` reaches a `values()` field.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'a', 'h1', { app: 'ssh' }),
    fixtureEvent(now, 2, 'b', 'h1', { app: 'rdp' }),
    fixtureEvent(now, 3, 'c', 'h2', { app: 'null' }),
  ]);
});

after(async () => {
  await fx.close();
});

describe('conditionals with a list branch', () => {
  test('if(cond, null(), list) and if(cond, list, null()): the list, or nothing', async () => {
    const r = await fx.spl(
      'index=main | stats values(app) AS apps BY host | eval a=if(apps="null", null(), apps), b=if(host="h1", apps, null()) | table host, a, b',
    );
    assert.deepEqual(r.rows, [
      ['h1', ['rdp', 'ssh'], ['rdp', 'ssh']],
      ['h2', null, null],
    ]);
  });

  test('case and validate with a list value; no true condition is nothing', async () => {
    const r = await fx.spl(
      'index=main | stats values(app) AS apps BY host | eval c=case(host="h1", apps, host="zz", "one"), v=validate(host="h1", apps) | table host, c, v',
    );
    assert.deepEqual(r.rows, [
      ['h1', ['rdp', 'ssh'], null],
      ['h2', null, 'null'],
    ]);
  });

  test('coalesce of a missing field and a list; a scalar branch beside a list is a one-value list', async () => {
    const r = await fx.spl(
      'index=main | stats values(app) AS apps BY host | eval c=coalesce(nosuch, apps), s=if(host="h1", apps, "solo") | table host, c, s',
    );
    assert.deepEqual(r.rows, [
      ['h1', ['rdp', 'ssh'], ['rdp', 'ssh']],
      ['h2', 'null', 'solo'],
    ]);
  });
});
