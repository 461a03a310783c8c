// `_indextime`, the internal field of when an event was indexed, read by eval, where, search and stats, on
// real chDB. Search Reference, "Use default fields" (internal fields): `_indextime` is the time the event was
// indexed, in UNIX time; hidden from the events shown, readable by name.
// https://help.splunk.com/splunk-enterprise/search/search-manual/9.4/use-fields-to-retrieve-events/use-default-fields

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;
let before0: number;
let after0: number;

before(async () => {
  before0 = Math.floor(Date.now() / 1000);
  // Events of an hour ago and a minute ago, both indexed now (the table's default).
  fx = await splFixture(now, [fixtureEvent(now, 60, 'old', 'h1'), fixtureEvent(now, 1, 'new', 'h2')]);
  after0 = Math.ceil(Date.now() / 1000);
});

after(async () => {
  await fx.close();
});

describe('_indextime', () => {
  test('eval reads it: whole epoch seconds of the indexing, not the event time', async () => {
    const r = await fx.spl('index=main | eval t=_indextime, lag=_indextime-_time | table host t lag');
    assert.equal(r.rows.length, 2);
    for (const [host, t, lag] of r.rows) {
      assert.ok(Number.isInteger(t), `${String(host)}: ${String(t)}`);
      assert.ok(
        Number(t) >= before0 - 1 && Number(t) <= after0 + 1,
        `${String(t)} not in [${before0}, ${after0}]`,
      );
      // the event of an hour ago was indexed about an hour after it happened
      if (host === 'h1') assert.ok(Number(lag) > 3500 && Number(lag) < 3700, String(lag));
    }
  });

  test('where, search and stats read it', async () => {
    const w = await fx.spl(`index=main | where _indextime >= ${before0 - 1} | stats count`);
    assert.deepEqual(w.rows, [[2]]);
    const none = await fx.spl(`index=main | where _indextime < ${before0 - 3600} | stats count`);
    assert.deepEqual(none.rows, [[0]]);
    const s = await fx.spl(`index=main _indextime>=${before0 - 1} host=h2 | stats count`);
    assert.deepEqual(s.rows, [[1]]);
    const m = await fx.spl('index=main | stats max(_indextime) AS m');
    assert.ok(Number(m.rows[0]?.[0]) >= before0 - 1 && Number(m.rows[0]?.[0]) <= after0 + 1);
  });

  test('the events shown do not list it', async () => {
    const r = await fx.spl('index=main | where _indextime > 0');
    assert.equal(r.rows.length, 2);
    assert.ok(!r.columns.includes('_indextime'), r.columns.join(', '));
    assert.ok(!r.columns.some((c) => c.startsWith('__nexus')), r.columns.join(', '));
  });
});
