// `field=number` in search over a text column (a field an `eval` copied, a data model's `Dataset.field`) on
// real chDB: the same-length shortcut (`x = '503'` true, any other text of length 3 false) keeps Splunk's
// numeric equality for the other spellings (`503.0`, `5.03e2`, `0503`), and a missing value never matches.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(
    now,
    ['503', '503.0', '5.03e2', '0503', '504', '5e2', 'abc', undefined].map((status, i) =>
      fixtureEvent(now, i + 1, `e${i}`, `h${i}`, status === undefined ? {} : { status }),
    ),
  );
});

after(async () => {
  await fx.close();
});

test('a copied field compares as the search language does: every spelling of the number, nothing else', async () => {
  const r = await fx.spl('index=main | eval s=status | search s=503 | sort host | table host');
  assert.deepEqual(r.rows, [['h0'], ['h1'], ['h2'], ['h3']]);
  const direct = await fx.spl('index=main status=503 | sort host | table host');
  assert.deepEqual(direct.rows, r.rows);
  const other = await fx.spl('index=main | eval s=status | search s=500 | sort host | table host');
  assert.deepEqual(other.rows, [['h5']]);
  const negated = await fx.spl('index=main | eval s=status | search NOT s=503 | sort host | table host');
  assert.deepEqual(negated.rows, [['h4'], ['h5'], ['h6'], ['h7']]);
});
