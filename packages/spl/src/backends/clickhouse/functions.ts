// ClickHouse SQL for eval functions beyond arithmetic: text, math, hashes, type tests, network and time.

import type { Call, Expr } from '../../ir/types.ts';
import { MONTH_KEY_MS, parseRelativeSteps, parseTimeUnit } from '../../time.ts';
import type { TimeUnit } from '../../time.ts';
import type { Params } from './quote.ts';
import { pairsMap } from './fields-map.ts';
import { formatTimeSql, parseTimeSql } from './time-format.ts';

export type FunctionPrinter = (e: Call, args: readonly string[], ctx: { readonly params: Params }) => string;

function literal(e: Expr | undefined): string {
  if (e?.kind !== 'literal' || typeof e.value !== 'string')
    throw new Error('expected a string literal argument');
  return e.value;
}

const hashes: Record<string, string> = { md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256', sha512: 'SHA512' };

const add: Record<TimeUnit, string> = {
  s: 'addSeconds',
  m: 'addMinutes',
  h: 'addHours',
  d: 'addDays',
  w: 'addWeeks',
  mon: 'addMonths',
  q: 'addQuarters',
  y: 'addYears',
};

/** The units of a modifier known only at run time (Splunk's spellings), by the ClickHouse function that adds them. */
const offsetUnits: Readonly<Record<string, readonly string[]>> = {
  addSeconds: ['s', 'sec', 'secs', 'second', 'seconds'],
  addMinutes: ['m', 'min', 'mins', 'minute', 'minutes'],
  addHours: ['h', 'hr', 'hrs', 'hour', 'hours'],
  addDays: ['d', 'day', 'days'],
  addWeeks: ['w', 'week', 'weeks'],
  addMonths: ['mon', 'month', 'months'],
  addQuarters: ['q', 'qtr', 'qtrs', 'quarter', 'quarters'],
  addYears: ['y', 'yr', 'yrs', 'year', 'years'],
};

/** `relative_time(t, "-1d@d")`: the modifier's steps applied in SQL, in the request's time zone. */
function relativeTime(t: string, spec: string, tz: string): string {
  const steps = parseRelativeSteps(spec);
  if (!steps.ok) throw new Error(`relative_time spec was not validated: ${spec}`);
  let x = `toDateTime64(${t}, 3, ${tz})`;
  for (const s of steps.steps) {
    if (s.kind === 'offset') {
      x = `${add[s.unit]}(${x}, ${s.n})`;
      continue;
    }
    switch (s.unit) {
      case 's':
        x = `toStartOfSecond(${x})`;
        break;
      case 'm':
        // toStartOfMinute/Hour give a DateTime (seconds) even for a DateTime64: back to milliseconds.
        x = `toDateTime64(toStartOfMinute(${x}), 3, ${tz})`;
        break;
      case 'h':
        x = `toDateTime64(toStartOfHour(${x}), 3, ${tz})`;
        break;
      case 'd':
        x = `toDateTime64(toStartOfDay(${x}), 3, ${tz})`;
        break;
      case 'w':
        // Back to the requested weekday (0 = Sunday), then to midnight.
        x = `toDateTime64(toStartOfDay(subtractDays(${x}, (toDayOfWeek(${x}) % 7 - ${s.weekday} + 7) % 7)), 3, ${tz})`;
        break;
      case 'mon':
        x = `toDateTime64(toStartOfMonth(${x}), 3, ${tz})`;
        break;
      case 'q':
        x = `toDateTime64(toStartOfQuarter(${x}), 3, ${tz})`;
        break;
      case 'y':
        x = `toDateTime64(toStartOfYear(${x}), 3, ${tz})`;
        break;
    }
  }
  return `(toUnixTimestamp64Milli(${x}) / 1000)`;
}

const isText = (e: Expr | undefined): boolean => e?.type === 'any' || e?.type === 'string';

export const functionPrinters = {
  // No condition true: null, which for a list is the empty list (ClickHouse has no nullable arrays).
  case: (e, args) =>
    `multiIf(${[...args.map((a, i) => (i % 2 === 1 && e.type === 'number' ? `toFloat64(${a})` : a)), e.type === 'mv' ? 'CAST([] AS Array(Nullable(String)))' : 'NULL'].join(', ')})`,
  // 1-based; a start of 0 reads as 1 (ClickHouse rejects 0), negative counts from the end.
  substr: (_e, [s, start, len]) => {
    const from = `if(toInt64(${start}) = 0, 1, toInt64(${start}))`;
    return len === undefined
      ? `substringUTF8(${s}, ${from})`
      : `substringUTF8(${s}, ${from}, toInt64(greatest(${len}, 0)))`;
  },
  trim: (_e, [s, chars]) => `trimBoth(${s}, ${chars})`,
  ltrim: (_e, [s, chars]) => `trimLeft(${s}, ${chars})`,
  rtrim: (_e, [s, chars]) => `trimRight(${s}, ${chars})`,
  match: (_e, [s, re]) => `match(${s}, ${re})`,
  // Splunk's replace() is a regex replace with \1 back-references, as ClickHouse's is.
  replace: (_e, [s, re, by]) => `replaceRegexpAll(${s}, ${re}, ${by})`,
  urldecode: (_e, [s]) => `decodeURLComponent(${s})`,
  xml_unescape: (_e, [s]) => `decodeXMLComponent(${s})`,
  xml_escape: (_e, [s]) => `encodeXMLComponent(${s})`,
  xpath: (e, [x = 'NULL'], { params }) => {
    const xml = `ifNull(${x}, '')`;
    const anyTag = params.string('<[^>]*>');
    const tags = `extractAll(${xml}, ${anyTag})`;
    const texts = `splitByRegexp(${anyTag}, ${xml})`;
    // Each tag: 1 opens an element, -1 closes one, 0 is an empty element, 2 anything else (comment, declaration).
    const kinds = `arrayMap(t -> multiIf(match(t, '^<[A-Za-z_][^>]*/>$'), 0, match(t, '^<[A-Za-z_]'), 1, match(t, '^</'), -1, 2), ${tags})`;
    const names = `arrayMap(t -> extract(t, ${params.string('^</?([A-Za-z_][\\w.:-]*)')}), ${tags})`;
    const depth = `arrayCumSum(arrayMap(k -> if(k = 1 OR k = -1, k, 0), ${kinds}))`;
    const index = `arrayEnumerate(${kinds})`;
    // An element's path: its open ancestors (the last open tag before it at each depth), then its name.
    const level = `if(${kinds}[k] = 1, ${depth}[k], ${depth}[k] + 1)`;
    const ancestor = `${names}[arrayLastIndex((dd, kk, i) -> i < k AND dd = d AND kk = 1, ${depth}, ${kinds}, ${index})]`;
    const path = `concat('/', arrayStringConcat(arrayPushBack(arrayMap(d -> ${ancestor}, range(1, ${level})), ${names}[k]), '/'))`;
    const matched = `arrayFilter(k -> ${kinds}[k] IN (0, 1) AND match(${path}, ${params.string(literal(e.args[1]))}), ${index})`;
    const attr = literal(e.args[2]);
    let value: string;
    if (attr !== '') {
      const re = params.string(
        `\\s${attr.replace(/[.+*?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`,
      );
      const groups = `extractGroups(${tags}[k], ${re})`;
      value = `if(empty(${groups}), NULL, decodeXMLComponent(concat(${groups}[1], ${groups}[2])))`;
    } else {
      // The text inside the element, up to its closing tag (the first later tag back at its parent's depth).
      const close = `arrayFirstIndex((dd, i) -> i > k AND dd = ${depth}[k] - 1, ${depth}, ${index})`;
      value = `if(${kinds}[k] = 0, '', decodeXMLComponent(arrayStringConcat(arraySlice(${texts}, k + 1, ${close} - k))))`;
    }
    return `CAST(arrayMap(k -> ${value}, ${matched}) AS Array(Nullable(String)))`;
  },
  path_prefix: (_e, [path = 'NULL', sep = "''", depth = '1']) => pathPrefix(path, sep, depth),
  rollup_depth: (e, [paths = 'NULL'], { params }) => {
    const sep = params.string(literal(e.args[1]));
    const max = intLiteral(e.args[2]);
    const longest = `arrayMax(arrayMap(p -> length(splitByString(${sep}, ifNull(p, ''))), ${paths}))`;
    const fits = `length(arrayDistinct(arrayMap(p -> ${pathPrefix('p', sep, 'd')}, ${paths}))) <= ${max}`;
    return `greatest(arrayLastIndex(d -> ${fits}, range(1, ${longest} + 1)), 1)`;
  },
  multikv_header: (e, [s = 'NULL']) => {
    const lines = `splitByChar('\\n', ifNull(${s}, ''))`;
    const n = intLiteral(e.args[1]);
    const header = n > 0 ? `${lines}[${n}]` : `arrayFirst(l -> notEmpty(trimBoth(l)), ${lines})`;
    return `nullIf(${header}, '')`;
  },
  multikv_rows: (e, [s = 'NULL']) => {
    const lines = `splitByChar('\\n', ifNull(${s}, ''))`;
    const n = intLiteral(e.args[1]);
    const at = n > 0 ? `${n}` : `arrayFirstIndex(l -> notEmpty(trimBoth(l)), ${lines})`;
    const rows = `arrayFilter(l -> notEmpty(trimBoth(l)), arraySlice(${lines}, ${at} + 1))`;
    return `CAST(if(${at} = 0, [], ${rows}) AS Array(Nullable(String)))`;
  },
  multikv_value: (e, [row = 'NULL', header = 'NULL', name = 'NULL']) => {
    const noheader = e.args[3]?.kind === 'literal' && e.args[3].value === true;
    const words = multikvWords(row);
    if (noheader) {
      const n = `toUInt32OrZero(extract(${name}, '^Column_([0-9]+)$'))`;
      return `if(isNull(${row}) OR ${n} = 0 OR ${n} > length(${words}), NULL, ${words}[${n}])`;
    }
    const { starts, names } = multikvColumns(header);
    const i = `indexOf(${names}, ${name})`;
    return `if(isNull(${row}) OR ${i} = 0, NULL, ${multikvCell(row, starts, i)})`;
  },
  // Every column of the row (`multikv_value` for each name, the first column of a name winning; an empty
  // cell is no field), only those listed when the last literal (a JSON list) is not empty.
  multikv_fields: (e, [row = 'NULL', header = 'NULL'], { params }) => {
    const noheader = e.args[2]?.kind === 'literal' && e.args[2].value === true;
    const only = JSON.parse(String(literal(e.args[3]))) as string[];
    const words = multikvWords(row);
    const { starts, names } = multikvColumns(header);
    const pairs = noheader
      ? `arrayMap((w, i) -> (concat('Column_', toString(i)), nullIf(w, '')), ${words}, arrayEnumerate(${words}))`
      : `arrayMap(c -> arrayMap(i -> (c.2[i], ${multikvCell(row, 'c.1', 'i')}), arrayEnumerate(c.2)), [(${starts}, ${names})])[1]`;
    const listed = only.length === 0 ? '' : ` AND has(${params.bind(only, 'Array(String)')}, p.1)`;
    const kept = `arrayFilter(p -> isNotNull(p.2)${listed}, if(isNull(${row}), [], ${pairs}))`;
    return pairsMap(kept, false);
  },
  abstract: (e, [s = 'NULL'], { params }) => {
    const max = intLiteral(e.args[1]);
    const lines = `splitByChar('\\n', ifNull(${s}, ''))`;
    const terms = `length(extractAll(l, ${params.string('[\\p{L}\\p{N}_]+')}))`;
    // The line numbers with the most terms (the first lines on a tie), back in their order.
    const kept = `arraySort(arraySlice(arraySort((i, l) -> (-${terms}, i), arrayEnumerate(${lines}), ${lines}), 1, ${max}))`;
    const shown = `arrayMap((i, k) -> concat(if(i != k AND (k = 1 OR i != ${kept}[k - 1] + 1), '...', ''), ${lines}[i]), ${kept}, arrayEnumerate(${kept}))`;
    return `if(isNull(${s}) OR length(${lines}) <= ${max}, ${s}, arrayStringConcat(${shown}, '\\n'))`;
  },
  scrub: (_e, [s = 'NULL', salt = "''"], { params }) => {
    // One hash per character position of a run: digits stay digits, letters stay letters of the same case.
    const h = `cityHash64(${salt}, t, i)`;
    const ch = 'substringUTF8(t, i, 1)';
    const positions = 'range(1, lengthUTF8(t) + 1)';
    const digits = `arrayStringConcat(arrayMap(i -> toString(${h} % 10), ${positions}))`;
    const letter = `char(97 + ${h} % 26)`;
    const letters = `arrayStringConcat(arrayMap(i -> if(${ch} != lowerUTF8(${ch}), upper(${letter}), ${letter}), ${positions}))`;
    const runs = `extractAll(ifNull(${s}, ''), ${params.string('[0-9]+|\\p{L}+|[^0-9\\p{L}]+')})`;
    const each = `multiIf(match(t, ${params.string('^[0-9]+$')}), ${digits}, match(t, ${params.string('^\\p{L}+$')}), ${letters}, t)`;
    return `if(isNull(${s}), NULL, arrayStringConcat(arrayMap(t -> ${each}, ${runs}), ''))`;
  },
  hash: (e, [s]) => `lower(hex(${hashes[literal(e.args[1])] ?? 'MD5'}(${s})))`,
  // Splunk rounds half away from zero; ClickHouse's round() rounds floats half to even.
  round: (_e, [x, n]) => `(sign(${x}) * floor(abs(${x}) * exp10(${n}) + 0.5) / exp10(${n}))`,
  abs: (_e, [x]) => `abs(${x})`,
  // The value, read only once the condition is known to be false (so the check cannot be optimized away).
  check: (_e, [v, c, message]) => `if(throwIf(ifNull(${c}, false), ${message}) = 0, ${v}, ${v})`,
  floor: (_e, [x]) => `floor(${x})`,
  ceil: (_e, [x]) => `ceil(${x})`,
  sqrt: (_e, [x]) => `if(${x} < 0, NULL, sqrt(${x}))`,
  pow: (_e, [x, y]) => `pow(${x}, ${y})`,
  exp: (_e, [x]) => `exp(${x})`,
  ln: (_e, [x]) => `if(${x} <= 0, NULL, log(${x}))`,
  log: (_e, [x, b]) => `if(${x} <= 0 OR ${b} <= 0 OR ${b} = 1, NULL, log(${x}) / log(${b}))`,
  // Nulls are ignored, as Splunk's min()/max() ignore missing values.
  least: (_e, args) => `arrayReduce('min', [${args.map((a) => `toNullable(toFloat64(${a}))`).join(', ')}])`,
  greatest: (_e, args) =>
    `arrayReduce('max', [${args.map((a) => `toNullable(toFloat64(${a}))`).join(', ')}])`,
  sum_of: (_e, args) =>
    `arrayReduce('sumOrNull', [${args.map((a) => `toNullable(toFloat64(${a}))`).join(', ')}])`,
  isnum: (e, [x]) =>
    isText(e.args[0])
      ? `isNotNull(toFloat64OrNull(${x}))`
      : e.args[0]?.type === 'number'
        ? `isNotNull(${x})`
        : 'false',
  isint: (e, [x]) => {
    const n = isText(e.args[0]) ? `toFloat64OrNull(${x})` : e.args[0]?.type === 'number' ? x : 'NULL';
    return `ifNull(${n} = floor(${n}), false)`;
  },
  isstr: (e, [x]) => (isText(e.args[0]) ? `(isNotNull(${x}) AND isNull(toFloat64OrNull(${x})))` : 'false'),
  cidrmatch: (_e, [cidr, ip]) =>
    `ifNull(if(isIPv4String(${ip}) OR isIPv6String(${ip}), isIPAddressInRange(${ip}, ${cidr}), false), false)`,
  relative_time_offset: (e, [t, spec], { params }) => {
    const tz = params.string(literal(e.args[2]));
    const g = `extractGroups(lower(ifNull(toString(${spec}), '')), ${params.string('^([+-]?)([0-9]+)([a-z]+)$')})`;
    const n = `(if(${g}[1] = '-', -1, 1) * toInt64OrZero(${g}[2]))`;
    const x = `toDateTime64(${t}, 3, ${tz})`;
    const branches = Object.entries(offsetUnits).flatMap(([fn, names]) => [
      `has(${params.bind(names, 'Array(String)')}, ${g}[3])`,
      `(toUnixTimestamp64Milli(${fn}(${x}, ${n})) / 1000)`,
    ]);
    return `if(empty(${g}), NULL, multiIf(${branches.join(', ')}, NULL))`;
  },
  relative_time: (e, [t], { params }) =>
    relativeTime(t ?? 'NULL', literal(e.args[1]), params.string(literal(e.args[2]))),
  month_ms: (e, [t], { params }) => {
    const tz = params.string(literal(e.args[1]));
    const x = `toDateTime64(${t}, 3, ${tz})`;
    const start = `toDateTime64(toStartOfMonth(${x}), 3, ${tz})`;
    const months = `(toInt64(toYear(${x})) * 12 + toMonth(${x}) - 1)`;
    return `(${months} * ${MONTH_KEY_MS} + toUnixTimestamp64Milli(${x}) - toUnixTimestamp64Milli(${start}))`;
  },
  strftime: (e, [t], { params }) => {
    const tz = params.string(literal(e.args[2]));
    return formatTimeSql(`toDateTime64(${t}, 3, ${tz})`, literal(e.args[1]), tz, params);
  },
  strptime: (e, [s = 'NULL'], { params }) =>
    parseTimeSql(s, literal(e.args[1]), params.string(literal(e.args[2])), params),
  dur2sec: (_e, [x], { params }) =>
    `if(match(${x}, ${params.string('^(\\d+\\+)?\\d+:\\d+:\\d+$')}), ${colonSeconds(`replaceOne(${x}, '+', ':')`)}, NULL)`,
  mstime: (_e, [x = 'NULL'], { params }) =>
    `if(match(${x}, ${params.string('^(\\d+:)?\\d+(\\.\\d+)?$')}), ${colonSeconds(x)}, NULL)`,
  memk: (_e, [x], { params }) =>
    `(toFloat64OrNull(extract(${x}, ${params.string('^\\s*([0-9]*\\.?[0-9]+)\\s*[kKmMgG]?$')})) * multiIf(endsWith(lower(${x}), 'g'), 1048576, endsWith(lower(${x}), 'm'), 1024, 1))`,
  time_bucket: (e, [t = 'NULL'], { params }) => `toDateTime64(${timeBucketStart(e, t, params)}, 3, 'UTC')`,
  split: (_e, [s, sep]) =>
    `if(isNull(${s}), CAST([] AS Array(Nullable(String))), CAST(splitByString(${sep}, assumeNotNull(${s})) AS Array(Nullable(String))))`,
  mvcount: (_e, [x]) => `if(empty(${x}), NULL, length(${x}))`,
  // 0-based, negative counts from the end; with an end index (inclusive) the result is a list.
  mvindex: (_e, [x, start, end]) => {
    if (end === undefined) {
      const i = `toInt64(${start})`;
      return `if(${i} >= length(${x}) OR -${i} > length(${x}), NULL, arrayElement(${x}, if(${i} >= 0, ${i} + 1, ${i})))`;
    }
    const from = `if(toInt64(${start}) < 0, length(${x}) + toInt64(${start}), toInt64(${start}))`;
    const to = `if(toInt64(${end}) < 0, length(${x}) + toInt64(${end}), toInt64(${end}))`;
    return `arraySlice(${x}, ${from} + 1, greatest(${to} - ${from} + 1, 0))`;
  },
  mvjoin: (_e, [x, sep]) => `if(empty(${x}), NULL, arrayStringConcat(${x}, ${sep}))`,
  mvappend: (_e, args) => `arrayConcat(${args.join(', ')})`,
  mvdedup: (_e, [x]) => `arrayDistinct(${x})`,
  mvfind: (_e, [x, re]) => `nullIf(indexOf(arrayMap(v -> match(ifNull(v, ''), ${re}), ${x}), 1) - 1, -1)`,
  extract_all: (e, [s], { params }) =>
    `if(isNull(${s}), CAST([] AS Array(Nullable(String))), CAST(extractAll(assumeNotNull(${s}), ${params.string(literal(e.args[1]))}) AS Array(Nullable(String))))`,
  mvfilter_nonempty: (_e, [x]) => `arrayFilter(v -> ifNull(v, '') != '', ${x})`,
  spath: (e, [json], { params }) => spath(json ?? 'NULL', literal(e.args[1]), params),
  // `xmlkv`: the text of the first `<name>` element (attributes allowed) that holds no other element.
  xml_element: (e, [xml], { params }) =>
    `nullIf(extract(ifNull(${xml ?? 'NULL'}, ''), ${params.string(xmlElementPattern(literal(e.args[1])))}), '')`,
  rex_group: (e, [s], { params }) => {
    const g = `extractGroups(${s}, ${params.string(literal(e.args[1]))})`;
    return `if(empty(${g}), NULL, arrayElement(${g}, ${intLiteral(e.args[2])}))`;
  },
  rex_groups: (e, [s], { params }) => {
    const all = `arrayMap(m -> arrayElement(m, ${intLiteral(e.args[2])}), extractAllGroupsVertical(${s}, ${params.string(literal(e.args[1]))}))`;
    const max = intLiteral(e.args[3]);
    return max === 0 ? all : `arraySlice(${all}, 1, ${max})`;
  },
  replace_first: (_e, [s, re, by]) => `replaceRegexpOne(${s}, ${re}, ${by})`,
  // A literal span is inlined (a number); an automatic one (`bins=`) is computed from the data.
  num_bucket: (e, [x, computed = '1']) => {
    const span = e.args[1]?.kind === 'literal' ? Number(e.args[1].value) : `(${computed})`;
    const start = `(floor(${x} / ${span}) * ${span})`;
    return `if(isNull(${x}), NULL, concat(toString(${start}), '-', toString(${start} + ${span})))`;
  },
  range_label: (_e, [lo, hi]) => `if(isNull(${lo}), NULL, concat(toString(${lo}), '-', toString(${hi})))`,
} satisfies Record<string, FunctionPrinter>;

/** The first `depth` parts of `path` split at `sep`, with `sep` after them when parts were cut. */
function pathPrefix(path: string, sep: string, depth: string): string {
  const parts = `splitByString(${sep}, ifNull(${path}, ''))`;
  return `if(isNull(${path}), NULL, concat(arrayStringConcat(arraySlice(${parts}, 1, ${depth}), ${sep}), if(${depth} < length(${parts}), ${sep}, '')))`;
}

function intLiteral(e: Expr | undefined): number {
  if (e?.kind !== 'literal' || typeof e.value !== 'number')
    throw new Error('expected a number literal argument');
  return Math.trunc(e.value);
}

/** ClickHouse's INTERVAL unit for each Splunk time unit. */
export const intervalUnits: Record<TimeUnit, string> = {
  s: 'SECOND',
  m: 'MINUTE',
  h: 'HOUR',
  d: 'DAY',
  w: 'WEEK',
  mon: 'MONTH',
  q: 'QUARTER',
  y: 'YEAR',
};

/** `D:HH:MM:SS`, `HH:MM:SS`, `MM:SS.sss` → seconds: the parts from the right weigh 1, 60, 3600, 86400. */
function colonSeconds(x: string): string {
  const parts = `reverse(splitByChar(':', ${x}))`;
  return `arraySum(arrayMap((v, w) -> toFloat64OrZero(v) * w, ${parts}, arraySlice([1, 60, 3600, 86400], 1, length(${parts}))))`;
}

/** A raw JSON value as Splunk shows it: strings unquoted, other values as their JSON text, absent as null. */
const jsonText = (raw: string): string =>
  `if(startsWith(${raw}, '"'), JSONExtractString(${raw}), nullIf(${raw}, ''))`;

/** A `multikv` row's words (a table without a title: `Column_<n>` is the n-th). */
const multikvWords = (row: string): string => `splitByRegexp('\\s+', trimBoth(ifNull(${row}, '')))`;

/**
 * A `multikv` title's columns: where each word starts (its column's start) and its name (characters other
 * than letters, digits and `_` made `_`).
 */
function multikvColumns(header: string): { starts: string; names: string } {
  // The title's pieces (words and the spaces between): each word's first character is its column's start.
  const pieces = `extractAll(ifNull(${header}, ''), '\\s+|\\S+')`;
  const ends = `arrayCumSum(arrayMap(p -> lengthUTF8(p), ${pieces}))`;
  const starts = `arrayFilter((x, p) -> match(p, '^\\S'), arrayMap((end, p) -> end - lengthUTF8(p) + 1, ${ends}, ${pieces}), ${pieces})`;
  const names = `arrayMap(p -> replaceRegexpAll(p, '[^A-Za-z0-9_]', '_'), arrayFilter(p -> match(p, '^\\S'), ${pieces}))`;
  return { starts, names };
}

/** The text of column `i` (1-based) of a `multikv` row, from its start to the next column's; null when empty. */
function multikvCell(row: string, starts: string, i: string): string {
  const from = `${starts}[${i}]`;
  const cell = `if(${i} = length(${starts}), substringUTF8(${row}, ${from}), substringUTF8(${row}, ${from}, ${starts}[${i} + 1] - ${from}))`;
  return `nullIf(trimBoth(${cell}), '')`;
}

/** The RE2 pattern of an element named `name` (a validated XML name; its `.` and `-` escaped). */
function xmlElementPattern(name: string): string {
  const n = name.replace(/[.-]/g, '\\$&');
  return `<${n}(?:\\s[^>]*)?>([^<]*)</${n}\\s*>`;
}

/**
 * `spath path=a.b{}.c`: walks a JSON document. `name{}` fans out over an array (the result is a list),
 * `name{N}` takes its Nth element (1-based).
 */
function spath(json: string, path: string, params: Params): string {
  let expr = `ifNull(${json}, '')`;
  let list = false;
  for (const segment of path.split('.')) {
    const m = /^(.*?)(?:\{(\d*)\})?$/.exec(segment);
    const key = m?.[1] ?? segment;
    const index = m?.[2];
    const step = (x: string): string => (key === '' ? x : `JSONExtractRaw(${x}, ${params.string(key)})`);
    if (index === undefined) {
      expr = list ? `arrayMap(x -> ${step('x')}, ${expr})` : step(expr);
    } else if (index === '') {
      expr = list
        ? `arrayFlatten(arrayMap(x -> JSONExtractArrayRaw(${step('x')}), ${expr}))`
        : `JSONExtractArrayRaw(${step(expr)})`;
      list = true;
    } else {
      const at = `JSONExtractRaw(${step('x')}, ${Number(index)})`;
      expr = list ? `arrayMap(x -> ${at}, ${expr})` : at.replace(/\bx\b/g, () => expr);
    }
  }
  // A multivalue field holds the values present: elements without the key add none.
  return list
    ? `CAST(arrayFilter(v -> isNotNull(v), arrayMap(v -> ${jsonText('v')}, ${expr})) AS Array(Nullable(String)))`
    : jsonText(expr);
}

/**
 * The start of `time_bucket(t, n, unit, tz)`'s bucket as ClickHouse gives it (a DateTime, or a Date for
 * days and longer): cheaper to group by than its DateTime64, which the printer takes after grouping.
 */
export function timeBucketStart(e: Call, time: string, params: Params): string {
  const tz = params.string(literal(e.args[3]));
  // A `_time` that eval made a number (epoch seconds, `eval _time=strptime(…)`) is a time again here.
  const t = e.args[0]?.type === 'number' ? `toDateTime64(${time}, 3, 'UTC')` : time;
  const offset = e.args[4]?.kind === 'literal' ? Number(e.args[4].value) : 0;
  if (offset > 0) {
    // aligntime: offset + k × span in epoch milliseconds (spans of seconds to hours, a fixed length).
    const n = e.args[1]?.kind === 'literal' ? Math.trunc(Number(e.args[1].value)) : 1;
    const unit = parseTimeUnit(literal(e.args[2])) ?? 's';
    const spanMs = n * (unit === 'h' ? 3_600_000 : unit === 'm' ? 60_000 : 1000);
    return `fromUnixTimestamp64Milli(intDiv(toUnixTimestamp64Milli(${t}) - ${Math.trunc(offset)}, ${spanMs}) * ${spanMs} + ${Math.trunc(offset)}, 'UTC')`;
  }
  const fixed = fixedBucketStart[bucketInterval(e)];
  return fixed === undefined
    ? `toStartOfInterval(${t}, ${bucketInterval(e)}, ${tz})`
    : `${fixed}(${t}, ${tz})`;
}

/**
 * The spans with a function of their own (what hand-written SQL uses; the `tstats span` and `timechart`
 * bench shapes): the same DateTime as `toStartOfInterval`, the same buckets in every time zone (checked on chDB
 * 26.7 for 1938–2087 in UTC, Asia/Kolkata, Asia/Kathmandu, America/St_Johns, Australia/Lord_Howe,
 * America/New_York, Europe/Amsterdam, Pacific/Chatham). Days stay `toStartOfInterval`: it gives a Date
 * there, `toStartOfDay` a DateTime.
 */
const fixedBucketStart: Readonly<Record<string, string>> = {
  'INTERVAL 1 MINUTE': 'toStartOfMinute',
  'INTERVAL 5 MINUTE': 'toStartOfFiveMinutes',
  'INTERVAL 10 MINUTE': 'toStartOfTenMinutes',
  'INTERVAL 15 MINUTE': 'toStartOfFifteenMinutes',
  'INTERVAL 1 HOUR': 'toStartOfHour',
};

/** `INTERVAL n UNIT` of `time_bucket(t, n, unit, tz)`. */
function bucketInterval(e: Call): string {
  const n = e.args[1]?.kind === 'literal' ? Number(e.args[1].value) : 1;
  const unit = intervalUnits[parseTimeUnit(literal(e.args[2])) ?? 's'];
  return `INTERVAL ${Math.trunc(n)} ${unit}`;
}

/**
 * Which bucket of `time_bucket(t, n, unit, tz)` (`e`) the time `time` falls in, counting from the bucket of
 * `from` (0): whole units between the two buckets' starts in the bucket's time zone, so a day across a
 * daylight-saving change or a month of any length is one bucket.
 */
export function bucketIndex(e: Call, from: string, time: string, params: Params): string {
  const tz = params.string(literal(e.args[3]));
  const n = e.args[1]?.kind === 'literal' ? Math.trunc(Number(e.args[1].value)) : 1;
  const unit = intervalUnits[parseTimeUnit(literal(e.args[2])) ?? 's'].toLowerCase();
  const start = (t: string): string => `toDateTime(${timeBucketStart(e, t, params)}, ${tz})`;
  return `intDiv(dateDiff('${unit}', ${start(from)}, ${start(time)}, ${tz}), ${n})`;
}

/**
 * The length in seconds of the bucket starting at `start` (a `timeBucketStart`), in the bucket's time zone:
 * a month, or a day across a daylight-saving change, at its real length.
 */
export function bucketSeconds(e: Call, start: string, params: Params): string {
  const b = `toDateTime(${start}, ${params.string(literal(e.args[3]))})`;
  return `dateDiff('second', ${b}, ${b} + ${bucketInterval(e)})`;
}
