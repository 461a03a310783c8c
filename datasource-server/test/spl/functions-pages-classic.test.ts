// The eval functions Nexus had before issue 20, by Search Reference 9.4 page ("Evaluation functions"), on
// real chDB: the pages' examples and the edge cases (null, empty string, multivalue, non-numeric strings).
// Pages: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/evaluation-functions/<page>

import { evalValue, pageTable } from '../helpers/spl-fixture.ts';
import { fixtureStore } from '../helpers/fixture-store.ts';

const now = Date.UTC(2024, 0, 10, 15, 42, 17);
const fx = fixtureStore([]);
const value = (expr: string): Promise<unknown> => evalValue(fx.store(), expr, now);

/** Runs each `[expression, expected]` row as its own test. */
const table = pageTable(value);

/** `x` set to `first`, then `| eval x=<expr>`: functions over a field. */
const over = (first: string, expr: string): string => `${first} | eval x=${expr}`;

table('Comparison and Conditional functions', [
  // case: the first true condition's value; none true is null; true() as the default.
  [over('404', 'case(x==200, "OK", x==404, "Not found", x==500, "Internal Server Error")'), 'Not found'],
  [over('302', 'case(x==200, "OK", x==404, "Not found")'), null],
  [over('302', 'case(x==200, "OK", true(), "Other")'), 'Other'],
  ['coalesce(null(), "x", "y")', 'x'],
  ['coalesce(null(), null())', null],
  ['coalesce("", "y")', ''],
  ['if(1==1, "yes", "no")', 'yes'],
  ['if(nosuch==1, "yes", "no")', 'no'],
  // validate: the message of the first false condition; all true is null.
  [
    over(
      '70000',
      'validate(isint(x), "ERROR: Port is not an integer", x >= 1 AND x <= 65535, "ERROR: Port is out of range")',
    ),
    'ERROR: Port is out of range',
  ],
  [over('443', 'validate(isint(x), "not an integer", x >= 1 AND x <= 65535, "out of range")'), null],
  ['null()', null],
  ['if(true(), "t", "f")', 't'],
  ['if(false(), "t", "f")', 'f'],
  ['if(like("foo123", "foo%"), "y", "n")', 'y'],
  ['if(like("fxo", "f_o"), "y", "n")', 'y'],
  ['if(like("ab", "a"), "y", "n")', 'n'],
  ['if(match("123.45.6.7", "^\\\\d{1,3}\\\\.\\\\d{1,3}\\\\.\\\\d{1,3}\\\\.\\\\d{1,3}$"), "ip", "no")', 'ip'],
  ['if(match("abc", "B"), "y", "n")', 'n'],
  ['if(cidrmatch("192.0.2.0/24", "192.0.2.56"), "local", "not local")', 'local'],
  ['if(cidrmatch("192.0.2.0/24", "10.0.0.1"), "local", "not local")', 'not local'],
  ['if(cidrmatch("192.0.2.0/24", "not-an-ip"), "local", "not local")', 'not local'],
]);

table('Conversion functions (one argument)', [
  ['tonumber("123")', 123],
  ['tonumber("-1.5")', -1.5],
  ['tonumber("abc")', null],
  ['tonumber("")', null],
  ['tonumber(null())', null],
  // The page's example: tostring(1==1) + " " + tostring(15, "hex") + " " + tostring(12345.6789, "commas").
  ['tostring(1==1) + " " + tostring(15, "hex") + " " + tostring(12345.6789, "commas")', 'True 0xF 12,345.68'],
  ['tostring(1==1)', 'True'],
  ['tostring(1==2)', 'False'],
  ['tostring(500)', '500'],
  ['tostring(null())', null],
]);

table('Cryptographic functions', [
  ['md5("abc")', '900150983cd24fb0d6963f7d28e17f72'],
  ['sha1("abc")', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
  ['sha256("abc")', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    'sha512("abc")',
    'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
  ],
  ['md5("")', 'd41d8cd98f00b204e9800998ecf8427e'],
  ['md5(null())', null],
]);

table('Date and Time functions', [
  ['now()', now / 1000],
  ['relative_time(now(), "-1d@d")', Date.UTC(2024, 0, 9) / 1000],
  ['relative_time(now(), "@h")', Date.UTC(2024, 0, 10, 15) / 1000],
  ['strftime(1704901337, "%Y-%m-%dT%H:%M:%S")', '2024-01-10T15:42:17'],
  ['strftime(null(), "%Y")', null],
  ['strptime("2024-01-10 15:42:17", "%Y-%m-%d %H:%M:%S")', 1704901337],
  ['strptime("garbage", "%Y-%m-%d")', null],
]);

table('Informational functions', [
  ['if(isnull(null()), "y", "n")', 'y'],
  ['if(isnull(""), "y", "n")', 'n'],
  ['if(isnotnull("a"), "y", "n")', 'y'],
  ['if(isnum(1), "y", "n")', 'y'],
  ['if(isnum("abc"), "y", "n")', 'n'],
  ['if(isint(3), "y", "n")', 'y'],
  ['if(isint(3.5), "y", "n")', 'n'],
  ['if(isstr("a"), "y", "n")', 'y'],
  ['if(isstr(1), "y", "n")', 'n'],
]);

table('Mathematical functions', [
  ['abs(-5)', 5],
  ['abs("x")', null],
  ['ceiling(1.9)', 2],
  ['ceil(-1.1)', -1],
  ['exp(0)', 1],
  ['floor(1.9)', 1],
  ['floor(-1.1)', -2],
  ['ln(1)', 0],
  ['log(100)', 2],
  ['log(8, 2)', 3],
  ['pow(2, 10)', 1024],
  ['round(3.14159, 2)', 3.14],
  // Half away from zero, as Splunk rounds (ClickHouse's round() would give 2 for 2.5).
  ['round(2.5)', 3],
  ['round(-2.5)', -3],
  ['sqrt(9)', 3],
  ['sqrt(-1)', null],
]);

table('Multivalue eval functions', [
  ['mvjoin(split("a,b,c", ","), "|")', 'a|b|c'],
  ['mvcount(split("a,b", ","))', 2],
  ['mvcount(null())', null],
  ['mvindex(split("a,b,c", ","), 0)', 'a'],
  ['mvindex(split("a,b,c", ","), -1)', 'c'],
  ['mvjoin(mvindex(split("a,b,c", ","), 0, 1), ",")', 'a,b'],
  ['mvindex(split("a,b,c", ","), 5)', null],
  ['mvjoin(mvappend("a", split("b,c", ","), "d"), ",")', 'a,b,c,d'],
  ['mvjoin(mvdedup(split("a,b,a", ",")), ",")', 'a,b'],
  ['mvfind(split("err1,ok,err2", ","), "err\\\\d")', 0],
  ['mvfind(split("ok,fine", ","), "err")', null],
  // A single value is a multivalue field of one value.
  ['mvcount("abc")', 1],
  ['mvindex("abc", 0)', 'abc'],
  ['mvjoin("abc", ",")', 'abc'],
  ['mvjoin(split("a,,b", ","), "|")', 'a||b'],
  ['mvjoin(mvappend(null(), "a"), ",")', 'a'],
  ['mvjoin(mvsort(mvappend("10", "9", "b")), ",")', '10,9,b'],
  [over('split("a,bb,ccc", ",")', 'mvjoin(mvfilter(len(x) > 1), ",")'), 'bb,ccc'],
]);

table('Statistical eval functions', [
  ['max(1, 3, 2)', 3],
  ['min(3, 9, 7)', 3],
  ['min(9, 7, 3)', 3],
  ['max(3, 9, 7)', 9],
  ['max(1, null(), 2)', 2],
  // The page: max and min also take multivalue fields, every value counting.
  ['max(split("1,5,3", ","))', 5],
  ['min(split("4,2,9", ","), 3)', 2],
  ['max(split("a,7", ","), 1)', 7],
  ['max(split("a,b", ","))', null],
]);

table('Text functions', [
  ['len("hello")', 5],
  ['len("")', 0],
  ['len(null())', null],
  ['len(12345)', 5],
  ['upper(null())', null],
  ['lower("ABC")', 'abc'],
  ['upper("abc")', 'ABC'],
  // The page's examples for the trims: characters from the set, from one or both ends.
  ['ltrim("  ZZZZabcZZ ", " Z")', 'abcZZ '],
  ['rtrim("  ZZZZabcZZ ", " Z")', '  ZZZZabc'],
  ['trim("  ZZZZabcZZ ", " Z")', 'abc'],
  ['trim("  x  ")', 'x'],
  ['replace("1/14/2023", "^(\\\\d{1,2})/(\\\\d{1,2})/", "\\\\2/\\\\1/")', '14/1/2023'],
  ['substr("splunk", 1, 3)', 'spl'],
  ['substr("splunk", -3)', 'unk'],
  ['substr(null(), 1)', null],
  [
    'urldecode("http%3A%2F%2Fwww.splunk.com%2Fdownload%3Fr%3Dheader")',
    'http://www.splunk.com/download?r=header',
  ],
]);
