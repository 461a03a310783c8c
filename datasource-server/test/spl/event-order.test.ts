// Event order after a command that rewrites `_time` (bin, bucket, eval _time=…), on real chDB.
//
// Splunk does not reorder events when `_time` changes: the pipeline keeps the order the events were
// retrieved in (newest first by their original time), so dedup keeps the newest original event of each
// key and head, tail and streamstats follow that order, even though every event now has the same `_time`.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const hourMs = 3_600_000;
/** 50 minutes into an hour, so the events 1…8 minutes before it share their hour (and their day). */
const now = Math.floor(Date.now() / hourMs) * hourMs - hourMs + 50 * 60_000;
let fx: SplFixture;

/** Newest first: bytes 10, 20 … 80, one minute apart. */
const users = ['alice', 'bob', 'alice', 'carol', 'bob', 'alice', 'carol', 'dave'];

before(async () => {
  fx = await splFixture(
    now,
    users.map((user, i) => {
      const bytes = String((i + 1) * 10);
      return fixtureEvent(now, i + 1, `user=${user} bytes=${bytes}`, `h${i % 2}`, { user, bytes });
    }),
  );
});

after(async () => {
  await fx.close();
});

/** The values of column `name`, in the result's order. */
const col = async (query: string, name: string): Promise<unknown[]> => {
  const r = await fx.spl(query);
  assert.ok(r.columns.includes(name), `${query}: no column ${name} in ${r.columns.join(', ')}`);
  return r.rows.map((row) => row[r.columns.indexOf(name)]);
};

const num = (xs: unknown[]): number[] => xs.map(Number);

const rewrites = [
  'bin _time span=1h',
  'bucket _time span=1d',
  'bin _time span=30m',
  'eval _time=0',
  'eval _time=floor(_time/86400)*86400',
];

describe('event order after `_time` is rewritten', () => {
  test('the fixture: one `_time` for all events after each rewrite', async () => {
    for (const rewrite of rewrites) {
      const times = await col(`index=main | ${rewrite} | stats dc(_time) AS n`, 'n');
      assert.deepEqual(num(times), [1], rewrite);
    }
  });

  for (const rewrite of rewrites) {
    describe(rewrite, () => {
      test('the results keep the original order (newest first)', async () => {
        assert.deepEqual(
          num(await col(`index=main | ${rewrite} | table bytes`, 'bytes')),
          [10, 20, 30, 40, 50, 60, 70, 80],
        );
      });

      test('dedup keeps the newest original event of each key, in that order', async () => {
        const r = await fx.spl(`index=main | ${rewrite} | dedup user | table user bytes`);
        assert.deepEqual(
          r.rows.map((row) => [row[0], Number(row[1])]),
          [
            ['alice', 10],
            ['bob', 20],
            ['carol', 40],
            ['dave', 80],
          ],
        );
        assert.deepEqual(
          num(await col(`index=main | ${rewrite} | dedup 2 user | table bytes`, 'bytes')),
          [10, 20, 30, 40, 50, 70, 80],
        );
      });

      test('head and tail take the first and the last events of the original order', async () => {
        assert.deepEqual(
          num(await col(`index=main | ${rewrite} | head 3 | table bytes`, 'bytes')),
          [10, 20, 30],
        );
        // tail: the last N, last first.
        assert.deepEqual(
          num(await col(`index=main | ${rewrite} | tail 3 | table bytes`, 'bytes')),
          [80, 70, 60],
        );
        assert.deepEqual(
          num(await col(`index=main | ${rewrite} | reverse | head 2 | table bytes`, 'bytes')),
          [80, 70],
        );
      });

      test('streamstats runs in the original order', async () => {
        assert.deepEqual(
          num(
            await col(
              `index=main | ${rewrite} | streamstats sum(bytes) AS running | table running`,
              'running',
            ),
          ),
          [10, 30, 60, 100, 150, 210, 280, 360],
        );
        assert.deepEqual(
          num(
            await col(
              `index=main | ${rewrite} | streamstats count AS seq by user | where user="alice" | table seq`,
              'seq',
            ),
          ),
          [1, 2, 3],
        );
      });

      test('eventstats, then dedup and head, still in the original order', async () => {
        assert.deepEqual(
          num(
            await col(
              `index=main | ${rewrite} | eventstats count AS total by user | dedup total | head 2 | table bytes`,
              'bytes',
            ),
          ),
          [10, 20],
        );
      });
    });
  }

  test('a second rewrite keeps the order too', async () => {
    assert.deepEqual(
      num(
        await col('index=main | bin _time span=30m | bin _time span=1d | dedup user | table bytes', 'bytes'),
      ),
      [10, 20, 40, 80],
    );
  });

  test('a running statistic written to `_time` keeps the order', async () => {
    assert.deepEqual(
      num(await col('index=main | streamstats count AS _time | tail 2 | table bytes', 'bytes')),
      [80, 70],
    );
    assert.deepEqual(
      num(await col('index=main | eventstats max(bytes) AS _time | dedup user | table bytes', 'bytes')),
      [10, 20, 40, 80],
    );
  });

  test('rename onto `_time` keeps the order', async () => {
    assert.deepEqual(
      num(await col('index=main | eval t=0 | rename t AS _time | head 2 | table bytes', 'bytes')),
      [10, 20],
    );
  });
});
