// Eval functions on real chDB, with Splunk's semantics (rounding, nulls, 1-based substr, time zones).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { runSpl } from '../../src/query/service.ts';
import type { Store } from '../../src/store/index.ts';
import { createStore, runMigrations } from '../../src/store/index.ts';
import { evalValue } from '../helpers/spl-fixture.ts';

let store: Store;
let dir: string;
// Wednesday 2024-01-10 15:42:17 UTC
const now = Date.UTC(2024, 0, 10, 15, 42, 17);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-fn-'));
  store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
  await runMigrations(store, { retentionDays: 30 });
});

after(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The single row of `| makeresults | eval x=<expr> | table x`. */
const value = (expr: string, timezone?: string): Promise<unknown> => evalValue(store, expr, now, timezone);

describe('eval functions', () => {
  const cases: [string, unknown][] = [
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['round(1.2345, 2)', 1.23],
    ['round(0.125, 2)', 0.13],
    ['abs(-4)', 4],
    ['floor(2.7)', 2],
    ['ceiling(2.1)', 3],
    ['sqrt(16)', 4],
    ['sqrt(-1)', null],
    ['pow(2, 10)', 1024],
    ['log(100)', 2],
    ['log(8, 2)', 3],
    ['ln(0)', null],
    ['min(3, 1, 2)', 1],
    ['max(3, null(), 7)', 7],
    ['substr("splunk", 2, 3)', 'plu'],
    ['substr("splunk", -3)', 'unk'],
    ['trim("  a b \t")', 'a b'],
    ['ltrim("xxab", "x")', 'ab'],
    ['rtrim("abzz", "z")', 'ab'],
    ['replace("a1b22", "(\\d+)", "<\\1>")', 'a<1>b<22>'],
    ['if(match("Error 42", "\\d+"), "y", "n")', 'y'],
    ['if(like("abc", "a%"), "y", "n")', 'y'],
    ['case(1 > 2, "a", 2 > 1, "b")', 'b'],
    ['case(1 > 2, "a")', null],
    ['validate(1 < 2, "fine", 2 < 1, "second failed")', 'second failed'],
    ['md5("a")', '0cc175b9c0f1b6a831c399e269772661'],
    ['sha256("")', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['urldecode("a%20b%2Fc")', 'a b/c'],
    ['if(cidrmatch("10.0.0.0/8", "10.1.2.3"), "in", "out")', 'in'],
    ['if(cidrmatch("10.0.0.0/8", "not-an-ip"), "in", "out")', 'out'],
    ['if(isnum("12.5"), "y", "n")', 'y'],
    ['if(isint("12.5"), "y", "n")', 'n'],
    ['if(isstr("abc"), "y", "n")', 'y'],
    ['relative_time(now(), "-1d@d")', Date.UTC(2024, 0, 9) / 1000],
    ['relative_time(now(), "@w1")', Date.UTC(2024, 0, 8) / 1000],
    ['relative_time(now(), "@mon+8h")', Date.UTC(2024, 0, 1, 8) / 1000],
    // A modifier known only when the search runs (ESCU: `"+".ttl_days."d"`): one offset.
    ['relative_time(now(), "+" . 30 . "d")', Date.UTC(2024, 1, 9, 15, 42, 17) / 1000],
    ['relative_time(now(), "-" . 2 . "mon")', Date.UTC(2023, 10, 10, 15, 42, 17) / 1000],
    ['relative_time(now(), "x" . 2)', null],
    ['strftime(now(), "%Y-%m-%dT%H:%M:%S")', '2024-01-10T15:42:17'],
    // Search Reference, common time format variables: %c, %x, %X in the C locale.
    ['strftime(now(), "%c")', 'Wed Jan 10 15:42:17 2024'],
    ['strftime(now(), "%x %X")', '01/10/24 15:42:17'],
  ];
  for (const [expr, expected] of cases) {
    test(expr, async () => assert.deepEqual(await value(expr), expected));
  }

  test('strftime and relative_time follow the request time zone', async () => {
    assert.equal(await value('strftime(now(), "%Y-%m-%d %H:%M")', 'Asia/Tokyo'), '2024-01-11 00:42');
    assert.equal(
      await value('relative_time(now(), "@d")', 'America/New_York'),
      Date.UTC(2024, 0, 10, 5) / 1000,
    );
  });

  test('unsupported format specifiers and bad modifiers are diagnostics', async () => {
    await assert.rejects(value('strftime(now(), "%Z")'), /time format specifier `%Z`/);
    await assert.rejects(value('relative_time(now(), "-3fortnights")'), /unknown time unit/);
  });
});

describe('strptime and convert', () => {
  test('strptime reads a time in the request time zone', async () => {
    assert.equal(
      await value('strptime("2024-01-10T15:42:17", "%Y-%m-%dT%H:%M:%S")'),
      Date.UTC(2024, 0, 10, 15, 42, 17) / 1000,
    );
    assert.equal(
      await value('strptime("01/10/2024 15:42:17", "%m/%d/%Y %H:%M:%S")', 'Asia/Tokyo'),
      Date.UTC(2024, 0, 10, 6, 42, 17) / 1000,
    );
    assert.equal(await value('strptime("garbage", "%Y")'), null);
  });

  async function converted(evals: string, convert: string, fields: string): Promise<unknown[]> {
    const r = await runSpl(
      store,
      'o',
      { query: `| makeresults | eval ${evals} | convert ${convert} | table ${fields}` },
      { nowMs: now },
    );
    return r.rows[0] ?? [];
  }

  test('ctime uses timeformat (default %m/%d/%Y %H:%M:%S), in place or AS a new field', async () => {
    assert.deepEqual(await converted('t=1704901337', 'ctime(t)', 't'), ['01/10/2024 15:42:17']);
    assert.deepEqual(await converted('t=1704901337', 'timeformat="%Y-%m-%dT%H:%M:%S" ctime(t) AS s', 't s'), [
      1704901337,
      '2024-01-10T15:42:17',
    ]);
    assert.deepEqual(await converted('t="not a time"', 'ctime(t)', 't'), ['not a time']);
  });

  test('after stats: the ESCU idiom min(_time) as firstTime | convert ctime(firstTime)', async () => {
    const r = await runSpl(
      store,
      'o',
      {
        query:
          '| makeresults | stats min(_time) as firstTime | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime)',
      },
      { nowMs: now },
    );
    assert.deepEqual(r.rows, [['2024-01-10T15:42:17']]);
  });

  test('mktime, num, rmcomma, rmunit, dur2sec, mstime, memk', async () => {
    assert.deepEqual(
      await converted(
        'a="01/10/2024 15:42:17", b="12", c="1,234.5", d="42 ms", e="1+02:03:04", f="02:03.5", g="2m", h="x"',
        'mktime(a) num(b) rmcomma(c) rmunit(d) dur2sec(e) mstime(f) memk(g) num(h)',
        'a b c d e f g h',
      ),
      [1704901337, 12, 1234.5, 42, 93784, 123.5, 2048, null],
    );
  });

  test('wildcards expand over known fields after a transforming command', async () => {
    const r = await runSpl(
      store,
      'o',
      { query: '| makeresults | eval n_a="1", n_b="2,000" | table n_a n_b | convert rmcomma(n_*) AS v_*' },
      { nowMs: now },
    );
    assert.deepEqual(
      r.columns.map((c) => c.name),
      ['n_a', 'n_b', 'v_a', 'v_b'],
    );
    assert.deepEqual(r.rows, [['1', '2,000', 1, 2000]]);
  });

  test('auto(): a field is converted only when every value is a number (Search Reference, convert: "if not all values … can be converted … no conversion at all is done for that field")', async () => {
    const rows = async (values: string[], convert: string): Promise<unknown[][]> =>
      (
        await runSpl(
          store,
          'o',
          {
            query: `| makeresults count=${values.length} | streamstats count AS i | eval v=case(${values.map((v, i) => `i=${i + 1}, "${v}"`).join(', ')}), w=v | table i v w | convert ${convert} | fields - i`,
          },
          { nowMs: now },
        )
      ).rows;
    // Every value a number: each becomes its number (the text of it: one column, one type). A converted
    // field moves to the end, as a computed field does: the rows are [w, v].
    assert.deepEqual(await rows(['007', '1.50', '-3'], 'auto(v)'), [
      ['007', '7'],
      ['1.50', '1.5'],
      ['-3', '-3'],
    ]);
    // One value is not: the field is left untouched, every value of it.
    assert.deepEqual(await rows(['007', 'x'], 'auto(v)'), [
      ['007', '007'],
      ['x', 'x'],
    ]);
    // Wildcards over the fields known here: each field decided on its own values.
    assert.deepEqual(await rows(['10', '2'], 'auto(*)'), [
      ['10', '10'],
      ['2', '2'],
    ]);
  });
});

describe('bin and bucket', () => {
  async function binned(command: string, field: string, timezone?: string): Promise<unknown> {
    const r = await runSpl(
      store,
      'o',
      {
        query: `| makeresults | eval n=157 | ${command} | table ${field}`,
        ...(timezone ? { timezone } : {}),
      },
      { nowMs: now },
    );
    return r.rows[0]?.[0];
  }

  test('_time goes to the start of its span', async () => {
    assert.equal(await binned('bin _time span=1h', '_time'), '2024-01-10 15:00:00.000');
    assert.equal(await binned('bucket _time span=15m', '_time'), '2024-01-10 15:30:00.000');
    assert.equal(await binned('bin _time span=300', '_time'), '2024-01-10 15:40:00.000');
    assert.equal(await binned('bin span=1d _time AS day', 'day'), '2024-01-10 00:00:00.000');
  });

  test('day spans align to the request time zone', async () => {
    // 15:42 UTC is 00:42 on Jan 11 in Tokyo: the Tokyo day started at 15:00 UTC on Jan 10.
    assert.equal(await binned('bin _time span=1d', '_time', 'Asia/Tokyo'), '2024-01-10 15:00:00.000');
  });

  test('numbers become Splunk range labels', async () => {
    assert.equal(await binned('bin n span=100', 'n'), '100-200');
    assert.equal(await binned('bin span=10 n AS b', 'b'), '150-160');
  });

  test('without span= or bins=: automatic bins, at most 100 (Search Reference, bin: bins "Default: 100")', async () => {
    // The last 24 hours in at most 100 bins: 30 minutes.
    assert.equal(await binned('bin _time', '_time'), '2024-01-10 15:30:00.000');
    assert.equal(await binned('bin _time', '_time'), await binned('bin _time bins=100', '_time'));
    // One value, no range: bins of 1.
    assert.equal(await binned('bin n', 'n'), '157-158');
    assert.equal(await binned('bin n AS b', 'b'), await binned('bin bins=100 n AS b', 'b'));
  });

  // Search Reference, bin: aligntime "Align the bin times to something other than base UTC time (epoch 0)";
  // "Ignored if span is in days, months, or years". Now is 15:42:17.
  test('aligntime: bins start at the given time plus whole spans', async () => {
    // @d+1h is 01:00: 2-hour bins 13:00, 15:00, …
    assert.equal(await binned('bin _time span=2h aligntime=@d+1h', '_time'), '2024-01-10 15:00:00.000');
    assert.equal(await binned('bin _time span=2h', '_time'), '2024-01-10 14:00:00.000');
    // 10-minute bins from 00:07 (epoch seconds): …, 15:37, 15:47.
    const at = Date.UTC(2024, 0, 10, 0, 7) / 1000;
    assert.equal(await binned(`bin _time span=10m aligntime=${at}`, '_time'), '2024-01-10 15:37:00.000');
    assert.equal(await binned('bin _time span=1d aligntime=@d+1h', '_time'), '2024-01-10 00:00:00.000');
    await assert.rejects(
      binned('bin n span=10 aligntime=@d', 'n'),
      /`bin aligntime=` is not supported yet on `n`/,
    );
  });

  test('start=/end= widen the range of automatic numeric bins (Search Reference, bin: "the minimum/maximum extents for numerical bins")', async () => {
    // One value, 157: alone, bins of 1; with end=1000 the range 157…1000 in at most 100 bins: bins of 10;
    // with start=0 too, 0…1000: still 10; bins=10 over 0…1000: 100.
    assert.equal(await binned('bin n end=1000', 'n'), '150-160');
    assert.equal(await binned('bin n start=0 end=1000', 'n'), '150-160');
    assert.equal(await binned('bin n start=0 end=1000 bins=10', 'n'), '100-200');
    // A start above the values does not narrow the range.
    assert.equal(await binned('bin n start=500', 'n'), '157-158');
    // On _time, start= widens the range the automatic span is chosen over: from 1970, years (at most 100 bins).
    assert.equal(await binned('bin _time start=0', '_time'), '2024-01-01 00:00:00.000');
  });

  test('bad spans are errors', async () => {
    await assert.rejects(binned('bin _time span=soon', '_time'), /`span` must be/);
  });
});

describe('multivalue functions', () => {
  const cases: [string, unknown][] = [
    ['split("a,b,,c", ",")', ['a', 'b', '', 'c']],
    ['mvcount(split("a,b,c", ","))', 3],
    ['mvcount("single")', 1],
    ['mvcount(null())', null],
    ['mvindex(split("a,b,c", ","), 0)', 'a'],
    ['mvindex(split("a,b,c", ","), -1)', 'c'],
    ['mvindex(split("a,b,c", ","), 5)', null],
    ['mvindex(split("a,b,c,d", ","), 1, 2)', ['b', 'c']],
    ['mvindex(split("a,b,c,d", ","), -2, -1)', ['c', 'd']],
    ['mvjoin(split("a b c", " "), ";")', 'a;b;c'],
    ['mvappend("x", split("a,b", ","), null(), "y")', ['x', 'a', 'b', 'y']],
    ['mvdedup(split("b,a,b,c,a", ","))', ['b', 'a', 'c']],
    ['mvfind(split("alpha,beta,gamma", ","), "^g")', 2],
    ['mvfind(split("alpha,beta", ","), "^z")', null],
  ];
  for (const [expr, expected] of cases) {
    test(expr, async () => assert.deepEqual(await value(expr), expected));
  }

  test('mvfilter keeps the values a predicate accepts; it must read exactly one field', async () => {
    const r = await runSpl(
      store,
      'o',
      {
        query:
          '| makeresults | eval xs=split("err1,ok,err2", ",") | eval errs=mvfilter(match(xs, "^err")) | table errs',
      },
      { nowMs: now },
    );
    assert.deepEqual(r.rows, [[['err1', 'err2']]]);
    await assert.rejects(value('mvfilter(a = b)'), /reads exactly one field/);
  });
});

describe('mvexpand, makemv, spath', () => {
  async function rows(query: string): Promise<unknown[][]> {
    return (await runSpl(store, 'o', { query }, { nowMs: now })).rows;
  }

  test('mvexpand gives one result per value, in order; limit caps it', async () => {
    assert.deepEqual(await rows('| makeresults | eval x=split("a,b,c", ","), k=1 | mvexpand x | table k x'), [
      [1, 'a'],
      [1, 'b'],
      [1, 'c'],
    ]);
    assert.deepEqual(
      await rows('| makeresults | eval x=split("a,b,c", ",") | mvexpand x limit=2 | table x'),
      [['a'], ['b']],
    );
    assert.deepEqual(await rows('| makeresults | eval k=1 | mvexpand nothing | table k nothing'), [
      [1, null],
    ]);
  });

  test('makemv splits on delim (default space; empty values dropped unless allowempty) or a tokenizer', async () => {
    assert.deepEqual(await rows('| makeresults | eval x="a,,b" | makemv delim="," x | table x'), [
      [['a', 'b']],
    ]);
    assert.deepEqual(
      await rows('| makeresults | eval x="a,,b" | makemv delim="," allowempty=true x | table x'),
      [[['a', '', 'b']]],
    );
    assert.deepEqual(
      await rows('| makeresults | eval x="u=1 u=22" | makemv tokenizer="u=(\\d+)" x | table x'),
      [[['1', '22']]],
    );
    assert.deepEqual(
      await rows('| makeresults | eval x="one two" | makemv x | eval n=mvcount(x) | table n'),
      [[2]],
    );
  });

  test('spath reads JSON paths, arrays and elements', async () => {
    const doc =
      '{\\"user\\":{\\"name\\":\\"ann\\",\\"id\\":7},\\"tags\\":[{\\"k\\":\\"a\\"},{\\"k\\":\\"b\\"}],\\"ok\\":true}';
    const base = `| makeresults | eval j="${doc}"`;
    assert.deepEqual(await rows(`${base} | spath input=j path=user.name | table user.name`), [['ann']]);
    assert.deepEqual(await rows(`${base} | spath input=j output=id user.id | table id`), [['7']]);
    assert.deepEqual(await rows(`${base} | spath input=j path=tags{}.k output=ks | table ks`), [
      [['a', 'b']],
    ]);
    assert.deepEqual(await rows(`${base} | spath input=j path=tags{2}.k output=second | table second`), [
      ['b'],
    ]);
    assert.deepEqual(await rows(`${base} | spath input=j path=user output=u | table u`), [
      ['{"name":"ann","id":7}'],
    ]);
    assert.deepEqual(await rows(`${base} | spath input=j path=missing.x output=m | table m`), [[null]]);
    // Without a path, every field of the JSON, as spath names them (after makeresults too).
    assert.deepEqual(await rows(`${base} | spath input=j | table user.name user.id tags{}.k ok`), [
      ['ann', '7', ['a', 'b'], 'true'],
    ]);
  });
});
