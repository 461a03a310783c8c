// `makemv` on real chDB, `setsv=true` included. Search Reference 9.4, makemv:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/makemv
// ("setsv: If true, the makemv command combines the decided values of the field into a single value, which
// is set on the same field"): the values stay what later commands read.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;
const senders = ['alice,bob', 'carol', 'dave,,erin'];

before(async () => {
  fx = await splFixture(
    now,
    senders.map((s, i) => fixtureEvent(now, i + 1, `e${i}`, `h${i}`, { senders: s })),
  );
});

after(async () => {
  await fx.close();
});

/** The values of each event's senders, split on commas without empty values, as the page describes. */
const split = senders.map((s) => s.split(',').filter((v) => v !== ''));

describe('makemv setsv=true', () => {
  test('the field holds the split values, as without setsv', async () => {
    for (const setsv of ['', 'setsv=true ', 'setsv=false ']) {
      const r = await fx.spl(
        `index=main | makemv delim="," ${setsv}senders | eval n=mvcount(senders) | table host, senders, n`,
      );
      assert.deepEqual(
        r.rows,
        split.map((v, i) => [`h${i}`, v.length === 1 ? v[0] : v, v.length]),
        setsv,
      );
    }
  });

  test('with allowempty=true and a tokenizer too', async () => {
    const r = await fx.spl(
      'index=main | makemv tokenizer="([^,]*)" allowempty=true setsv=true senders | eval n=mvcount(senders) | table host, n',
    );
    const r2 = await fx.spl(
      'index=main | makemv tokenizer="([^,]*)" allowempty=true senders | eval n=mvcount(senders) | table host, n',
    );
    assert.deepEqual(r.rows, r2.rows);
    const bySearch = await fx.spl(
      'index=main | makemv delim="," setsv=true senders | search senders=erin | table host',
    );
    assert.deepEqual(bySearch.rows, [['h2']]);
  });
});
