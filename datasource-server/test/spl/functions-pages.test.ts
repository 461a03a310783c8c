// Eval functions by Search Reference 9.4 page ("Evaluation functions"), on real chDB: the pages' examples
// and the edge cases (null, empty string, multivalue, non-numeric strings) where ClickHouse differs.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile, mergeKnowledge, parseKnowledgeConf } from '@nexus/spl';
import { runSpl } from '../../src/query/service.ts';
import { evalValue, pageTable } from '../helpers/spl-fixture.ts';
import { fixtureStore } from '../helpers/fixture-store.ts';

const now = Date.UTC(2024, 0, 10, 15, 42, 17);
const fx = fixtureStore([]);
const value = (expr: string): Promise<unknown> => evalValue(fx.store(), expr, now);

/** Runs each `[expression, expected]` row as its own test. */
const table = pageTable(value);

table('Comparison and Conditional functions', [
  ['if(in("b", "a", "b", "c"), "yes", "no")', 'yes'],
  ['if(in(404, 200, 500), "yes", "no")', 'no'],
  ['if(in(null(), "a"), "yes", "no")', 'no'],
  ['nullif("a", "a")', null],
  ['nullif("a", "b")', 'a'],
  ['nullif(5, 5.0)', null],
  ['nullif(null(), "a")', null],
]);

table('Conversion functions', [
  ['tonumber("0A4", 16)', 164],
  ['tonumber("-ff", 16)', -255],
  ['tonumber("1011", 2)', 11],
  ['tonumber("12", 2)', null],
  ['tonumber("", 16)', null],
  ['tonumber("abc")', null],
  ['tonumber("7", 10)', 7],
  ['tostring(15, "hex")', '0xF'],
  ['tostring(0, "hex")', '0x0'],
  ['tostring(12345.6789, "commas")', '12,345.68'],
  ['tostring(1234567, "commas")', '1,234,567'],
  ['tostring(-1234.5, "commas")', '-1,234.5'],
  ['tostring(615, "duration")', '00:10:15'],
  ['tostring(90061, "duration")', '1+01:01:01'],
  ['tostring(61.5, "duration")', '00:01:01.500000'],
  ['tostring(-0.25, "duration")', '-00:00:00.250000'],
  ['tostring(59.9999996, "duration")', '00:01:00'],
  ['tostring(null(), "hex")', null],
  ['printf("%04d", 12)', '0012'],
  ['printf("%.2f", 3.14159)', '3.14'],
  ['printf("%-5s|", "ab")', 'ab   |'],
  ['printf("%x %X %o", 255, 255, 8)', 'ff FF 10'],
  ['printf("%d%%", 42.9)', '42%'],
  ['printf("%e", 12345.678)', '1.234568e+04'],
  ['printf("%c", 65)', 'A'],
  ['printf("%\'d", 12345678)', '12,345,678'],
  ['printf("%\'10d|", 1234)', '     1,234|'],
  ['printf("%+d", 5)', '+5'],
  ['printf("%s=%d", "a", "7")', 'a=7'],
  ['ipmask("255.255.255.0", "192.168.1.31")', '192.168.1.0'],
  ['ipmask("255.255.255.0", "not-an-ip")', null],
]);

table('Date and Time functions', [['if(time() >= now(), "later", "earlier")', 'later']]);

table('Informational functions', [
  ['if(isarray("[1, 2, 3]"), "True", "False")', 'True'],
  ['if(isarray(1), "True", "False")', 'False'],
  ['if(isobject("{\\"a\\": 1}"), "True", "False")', 'True'],
  ['if(isobject("[1]"), "True", "False")', 'False'],
  ['if(isbool(1 == 2), "True", "False")', 'True'],
  ['if(isbool("true"), "True", "False")', 'False'],
  ['typeof(12)', 'Number'],
  ['typeof("12")', 'String'],
  ['typeof(1 == 2)', 'Boolean'],
  ['typeof(nosuchfield)', 'Invalid'],
  ['typeof(split("a,b", ","))', 'Multivalue'],
]);

table('JSON functions', [
  ['json_object("name", "maria", "age", 30)', '{"name":"maria","age":30}'],
  ['json_object("cities", json_array("London", "Paris"))', '{"cities":["London","Paris"]}'],
  ['json_array("a", 1, null())', '["a",1,null]'],
  ['json_array()', '[]'],
  ['if(json_valid("{\\"a\\": 1}"), "y", "n")', 'y'],
  ['if(json_valid("{a: 1}"), "y", "n")', 'n'],
  ['json("[1,2]")', '[1,2]'],
  ['json("nope")', null],
  ['json_keys("{\\"a\\": 1, \\"b\\": {\\"c\\": 2}}")', '["a","b"]'],
  ['json_keys("[1]")', null],
  ['mvjoin(json_array_to_mv("[\\"Hello\\", \\"World\\", 3]"), "|")', 'Hello|World|3'],
  ['mvjoin(json_array_to_mv("[\\"Hello\\", \\"World\\", 3]", true()), "|")', '"Hello"|"World"|3'],
  ['mvjoin(json_array_to_mv("[\\"a\\", [1, 2], {\\"k\\": null}]", false()), "|")', 'a|[1,2]|{"k":null}'],
  ['json_array_to_mv("not json")', null],
  ['json_extract("{\\"user\\": {\\"name\\": \\"ann\\"}}", "user.name")', 'ann'],
  // Objects come back as compact JSON text.
  ['json_extract("{\\"user\\": {\\"id\\": 7}}", "user")', '{"id":7}'],
  ['json_extract_exact("{\\"a.b\\": 1, \\"a\\": {\\"b\\": 2}}", "a.b")', '1'],
  ['if(json_has_key_exact("{\\"a.b\\": 1}", "a.b"), "y", "n")', 'y'],
  ['if(json_has_key_exact("{\\"a\\": {\\"b\\": 1}}", "a.b"), "y", "n")', 'n'],
]);

/** A JSON document as an SPL string literal. */
const q = (json: string): string => JSON.stringify(json);
const cities = q('{"cities": [{"name": "London"}, {"name": "Paris"}]}');
const maria = q('{"name": "maria", "age": 30}');

table('JSON functions: paths, several paths, and the functions that edit JSON', [
  [`json_extract(${cities}, "cities{0}.name")`, 'London'],
  [`json_extract(${cities}, "cities{1}")`, '{"name":"Paris"}'],
  [`json_extract(${cities}, "cities{}.name")`, '["London","Paris"]'],
  [`json_extract(${cities}, "cities{5}.name")`, null],
  [`json_extract(${q('[10, 20]')}, "{1}")`, '20'],
  [`json_extract(${maria}, "name", "age")`, '["maria",30]'],
  [`json_extract(${maria}, "age", "nosuch")`, '[30,null]'],
  ['json_extract("nope", "a")', null],
  // Keys are parameters: quotes and placeholder-like text are data.
  [`json_extract(${q(`{"a'b": 1, "p0:String": 2}`)}, "a'b", "p0:String")`, '[1,2]'],
  [`json_set(${q('{}')}, "x');DROP TABLE logs;--", 1)`, '{"x\');DROP TABLE logs;--":1}'],
  [`json_set(${maria}, "age", 31)`, '{"name":"maria","age":31}'],
  [`json_set(${maria}, "address.city", "Lima")`, '{"name":"maria","age":30,"address":{"city":"Lima"}}'],
  [`json_set(${maria}, "age", "31", "tags", json_array("a"))`, '{"name":"maria","age":"31","tags":["a"]}'],
  [`json_set(${q('{"a": [1, 2]}')}, "a{1}", "x")`, '{"a":[1,"x"]}'],
  ['json_set("nope", "a", 1)', null],
  ['json_set(null(), "a", 1)', null],
  [`json_set_exact(${q('{"a": {"b": 1}}')}, "a.b", 2)`, '{"a":{"b":1},"a.b":2}'],
  [`json_extract_exact(${q('{"a.b": 1, "a": {"b": 2}, "c": "x"}')}, "a.b", "c", "nosuch")`, '[1,"x",null]'],
  [`json_delete(${maria}, "age")`, '{"name":"maria"}'],
  [`json_delete(${q('{"a": {"b": 1, "c": 2}}')}, "a.b", "nosuch")`, '{"a":{"c":2}}'],
  [`json_delete(${q('{"a": [1, 2, 3]}')}, "a{0}")`, '{"a":[2,3]}'],
  [
    `json_append(${q('{"ponies": ["Rarity"]}')}, "ponies", "Fluttershy")`,
    '{"ponies":["Rarity","Fluttershy"]}',
  ],
  [`json_append(${q('{"n": 1}')}, "n", 2)`, '{"n":1}'],
  [`json_extend(${q('{"l": [1]}')}, "l", json_array(2, 3))`, '{"l":[1,2,3]}'],
  [`json_extend(${q('{"l": []}')}, "l", split("a,b", ","))`, '{"l":["a","b"]}'],
  [`json_entries(${q('{"a": 1, "b": "x"}')})`, '[{"key":"a","value":1},{"key":"b","value":"x"}]'],
  [`json_entries(${q('[1]')})`, null],
]);

table('Mathematical functions', [
  ['exact(3.14 * 2)', 6.28],
  // The page's example: 1.00 has 3 significant figures, so 1.00*1111 keeps 3.
  ['sigfig(1.00*1111)', 1110],
  ['sigfig(2.5*3)', 8],
  ['sigfig(10.0/3)', 3],
  ['sigfig(1.23+4.5)', 5.7],
  ['sigfig(100-0.25)', 100],
  ['sigfig((1.5+1.25)*2.00)', 5.5],
  ['sigfig(0.0120*2.0)', 0.024],
  ['sigfig(123.456)', 123.456],
  ['sigfig(-1.00*1111)', -1110],
  ['sigfig("abc"*2)', null],
  ['sum(1, 2, null(), "x")', 3],
  ['round(pi(), 4)', 3.1416],
]);

table('Multivalue eval functions', [
  // commands(): the page's example, then a search starting with a pipe, quoted pipes, a subsearch.
  ['commands("search foo | stats count | sort count")', ['search', 'stats', 'sort']],
  [
    'commands("| tstats count where index=x | eval a=\\"b|c\\" | RENAME a AS b")',
    ['tstats', 'eval', 'rename'],
  ],
  ['commands("foo [search bar | head 1] | stats count")', ['search', 'stats']],
  ['mvcount(commands("error"))', 1],
  ['commands("")', null],
  ['commands(null())', null],
  ['mvjoin(mvrange(1, 11, 2), ",")', '1,3,5,7,9'],
  ['mvjoin(mvrange(5, 1), ",")', null],
  // The page's example: epoch times a week apart.
  ['mvjoin(mvrange(1514834731, 1516044331, "7d"), ",")', '1514834731,1515439531'],
  ['mvcount(mvrange(0, 86400, "1h"))', 24],
  ['mvjoin(mvrange(1704067200, 1711929600, "1mon"), ",")', '1704067200,1706745600,1709251200'],
  ['mvjoin(mvrange(1, 4.5), ",")', '1,2,3,4'],
  ['mvrange(null(), 3)', null],
  ['mvjoin(mvsort(split("c,a,B,b", ",")), ",")', 'B,a,b,c'],
  ['mvjoin(mvzip(split("a,b,c", ","), split("1,2", ",")), ";")', 'a,1;b,2'],
  ['mvjoin(mvzip(split("a,b", ","), split("1,2", ","), "="), ";")', 'a=1;b=2'],
  ['mv_to_json_array(split("a,1,true", ","))', '["a","1","true"]'],
  ['mv_to_json_array(split("a,1,true,01", ","), true())', '["a",1,true,"01"]'],
]);

table('Statistical eval functions', [
  ['avg(1, 2, 6)', 3],
  ['avg(1, null(), "x", 3)', 2],
  ['if(random() >= 0 AND random() < 2147483648, "in", "out")', 'in'],
]);

table('Text functions', [
  ['spath("{\\"a\\": {\\"b\\": \\"x\\"}}", "a.b")', 'x'],
  ['mvjoin(spath("{\\"t\\": [{\\"k\\": 1}, {\\"k\\": 2}]}", "t{}.k"), ",")', '1,2'],
  ['spath("not json", "a")', null],
]);

/** ClickHouse's libm may differ from Splunk's in the last bit: trig results compare within 1e-15. */
function near(page: string, rows: readonly [string, number | null][]): void {
  describe(`Search Reference: ${page}`, () => {
    for (const [expr, expected] of rows)
      test(expr, async () => {
        const got = await value(expr);
        if (expected === null || typeof got !== 'number') return assert.equal(got, expected);
        assert.ok(
          Math.abs(got - expected) <= 1e-15 * Math.max(1, Math.abs(expected)),
          `${got} ≠ ${expected}`,
        );
      });
  });
}

near('Trig and Hyperbolic functions', [
  ['acos(0)', Math.PI / 2],
  ['round(acos(0) * 180 / pi(), 6)', 90],
  ['acosh(2)', 1.3169578969248166],
  ['asin(1)', Math.PI / 2],
  ['asinh(1)', 0.881373587019543],
  ['atan(0.50)', 0.46364760900080615],
  ['atan2(0.50, 0.75)', 0.5880026035475675],
  ['atanh(0.500)', 0.5493061443340549],
  ['cos(0)', 1],
  ['cosh(1)', 1.5430806348152437],
  ['hypot(3, 4)', 5],
  ['sin(0)', 0],
  ['sinh(1)', 1.1752011936438014],
  ['tan(0)', 0],
  ['tanh(1)', 0.7615941559557649],
  ['acos(2)', null],
  ['atanh(1)', null],
  ['acosh(0)', null],
  ['sin("x")', null],
]);

table('Bitwise functions', [
  ['bit_and(12, 9)', 8],
  ['bit_and(12, 9, 8)', 8],
  ['bit_or(12, 9)', 13],
  ['bit_xor(12, 9)', 5],
  ['bit_not(12, 15)', 3],
  ['bit_shift_left(1, 3)', 8],
  ['bit_shift_right(16, 2)', 4],
  ['bit_and(-1, 3)', null],
  ['bit_and(1.5, 3)', null],
]);

describe('Search Reference: Comparison and Conditional functions, searchmatch', () => {
  const row = async (spl: string): Promise<unknown[] | undefined> =>
    (await runSpl(fx.store(), 'o', { query: spl }, { nowMs: now })).rows[0];
  test('the page example: "x=hi y=*" matches the fields x and y', async () => {
    assert.deepEqual(
      await row(
        '| makeresults | eval _raw="x=hi y=bye", x="hi", y="bye" | eval test=if(searchmatch("x=hi y=*"), "yes", "no") | table test',
      ),
      ['yes'],
    );
  });
  test('an eventtype= term expands to the search the eventtype stands for', async () => {
    const knowledge = mergeKnowledge(
      parseKnowledgeConf('eventtypes', '[not_found]\nsearch = status=404\n').objects,
    );
    const m = async (status: number): Promise<unknown> =>
      (
        await runSpl(
          fx.store(),
          'o',
          {
            query: `| makeresults | eval status=${status} | eval m=if(searchmatch("eventtype=not_found"), 1, 0) | table m`,
          },
          { nowMs: now, knowledge },
        )
      ).rows[0]?.[0];
    assert.equal(await m(404), 1);
    assert.equal(await m(200), 0);
  });
  test('terms, OR, NOT and wildcards as the search command reads them', async () => {
    const m = (search: string): Promise<unknown[] | undefined> =>
      row(
        `| makeresults | eval _raw="GET /cart status=404", status=404 | eval m=if(searchmatch(${JSON.stringify(search)}), 1, 0) | table m`,
      );
    assert.deepEqual(await m('status=404 cart'), [1]);
    assert.deepEqual(await m('status=4*'), [1]);
    assert.deepEqual(await m('status=500 OR GET'), [1]);
    assert.deepEqual(await m('NOT status=404'), [0]);
    assert.deepEqual(await m('nosuch=*'), [0]);
    assert.deepEqual(await m('POST'), [0]);
  });
});

describe('Search Reference: Mathematical functions, sigfig of fields', () => {
  test('a field counts the figures of its text: "1.50" has 3', async () => {
    assert.equal(await value('"1.50" | eval x=sigfig(x*3.0000)'), 4.5);
    assert.equal(await value('"1100" | eval x=sigfig(x*3.3333)'), 3700);
  });
});

describe('Search Reference: Multivalue eval functions, mvmap', () => {
  test('mvmap(n, n*10) maps every value; the field name is the value inside', async () => {
    assert.equal(await value('split("1,2,3", ",") | eval x=mvjoin(mvmap(x, x*10), ",")'), '10,20,30');
  });
  test('a value the expression makes null is left out of the join', async () => {
    assert.equal(await value('split("a,1", ",") | eval x=mvjoin(mvmap(x, x*2), ",")'), '2');
  });
});

describe('the arguments are checked when the search compiles', () => {
  const errors = (spl: string): string[] => {
    const r = compile(spl, { orgId: 'o', earliestMs: 0, latestMs: 1, nowMs: 1 });
    return r.ok ? [] : r.errors.map((e) => e.message);
  };
  test('printf with too few values, an unknown conversion, a non-literal format', () => {
    assert.match(errors('| makeresults | eval x=printf("%d and %d", 1)').join(), /2 conversions but 1 value/);
    assert.match(errors('| makeresults | eval x=printf("%q", 1)').join(), /`%q` is not a conversion/);
  });
  test('tonumber takes a base from 2 to 36; tostring a known format', () => {
    assert.match(errors('| makeresults | eval x=tonumber("1", 37)').join(), /base from 2 to 36/);
    assert.match(
      errors('| makeresults | eval x=tostring(1, "roman")').join(),
      /"hex", "commas" or "duration"/,
    );
  });
  test('mvrange takes a number or a time span as its step; json_array_to_mv a literal boolean', () => {
    assert.match(
      errors('| makeresults | eval x=mvrange(1, 5, "fortnight")').join(),
      /time span such as "7d"/,
    );
    assert.match(
      errors('| makeresults | eval x=json_array_to_mv("[1]", y)').join(),
      /`true\(\)` or `false\(\)`/,
    );
  });
  test('JSON paths are literal strings; path, value pairs come in pairs', () => {
    assert.match(
      errors('| makeresults | eval x=json_extract("{}", p)').join(),
      /each path as a literal string/,
    );
    assert.match(
      errors('| makeresults | eval x=json_set("{}", "a{x}", 1)').join(),
      /each path as a literal string/,
    );
    assert.match(errors('| makeresults | eval x=json_set("{}", "a", 1, "b")').join(), /path, value pairs/);
  });
  test('searchmatch needs a literal search string', () => {
    assert.match(errors('| makeresults | eval x=searchmatch(y)').join(), /literal string/);
    assert.match(errors('| makeresults | eval x=searchmatch("a=(")').join(), /literal string/);
  });
  test('commands takes one argument', () => {
    assert.match(errors('| makeresults | eval x=commands("a", "b")').join(), /takes 1 argument/);
  });
});
