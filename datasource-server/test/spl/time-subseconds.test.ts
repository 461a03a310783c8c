// Splunk's subsecond time format variables (`%3N`, `%6N`, `%9N`, `%N`, `%Q`) in `strftime`, `strptime` and
// `convert`, on real chDB.
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/time-format-variables-and-modifiers/date-and-time-format-variables
// ("%N: subseconds with width (%3N = milliseconds, %6N = microseconds, %9N = nanoseconds)"; "%Q: the
// subsecond component, milliseconds by default (%3Q)")

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { namedRows, splFixture } from '../helpers/spl-fixture.ts';

// The search's now, with milliseconds: 2026-12-08 04:05:06.789 UTC (and 0.009 s for padding).
const now = Date.UTC(2026, 11, 8, 4, 5, 6, 789);
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, []);
});

after(async () => {
  await fx.close();
});

const one = async (evals: string): Promise<Record<string, unknown>> => {
  const r = await namedRows(fx, `| makeresults | eval ${evals} | fields - _time`);
  return r.rows[0] ?? {};
};

describe('subsecond time format variables', () => {
  test('strftime: %3N milliseconds, %6N and %9N padded, %N as %9N, %Q as %3Q, %%3N literal', async () => {
    const r = await one(
      'a=strftime(_time, "%Y-%m-%dT%H:%M:%S.%3N%z"), b=strftime(_time, "%S.%6N"), c=strftime(_time, "%9N"), d=strftime(_time, "%N"), e=strftime(_time, "%Q|%6Q"), f=strftime(_time, "%%3N")',
    );
    assert.deepEqual(r, {
      a: '2026-12-08T04:05:06.789+0000',
      b: '06.789000',
      c: '789000000',
      d: '789000000',
      e: '789|789000',
      f: '%3N',
    });
  });

  test('milliseconds below 100 keep their leading zeros', async () => {
    const r = await one('t=1700000000.009, a=strftime(t, "%S.%3N")');
    assert.equal(r.a, '20.009');
  });

  test('strptime reads the fraction a subsecond variable stands for, whatever its digits', async () => {
    const r = await one(
      'a=strptime("2026-12-08 04:05:06.789", "%Y-%m-%d %H:%M:%S.%3N"), b=strptime("06.5|2026-12-08 04:05", "%S.%N|%Y-%m-%d %H:%M"), c=strptime("no", "%S.%3N")',
    );
    assert.equal(r.a, now / 1000);
    assert.equal(r.b, Date.UTC(2026, 11, 8, 4, 5, 6, 500) / 1000);
    assert.equal(r.c, null);
  });

  test('convert ctime with a timeformat that has %3N', async () => {
    const r = await namedRows(
      fx,
      '| makeresults | eval t=_time | convert timeformat="%H:%M:%S.%3N" ctime(t) | table t',
    );
    assert.deepEqual(r.rows, [{ t: '04:05:06.789' }]);
  });
});
