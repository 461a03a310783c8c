// ClickHouse SQL for conversion (tonumber base, tostring formats, printf, ipmask), JSON, multivalue and
// statistical eval functions, compensating where ClickHouse differs from Splunk.

import type { FormatPiece } from '../../functions/printf.ts';
import type { Call, Expr } from '../../ir/types.ts';
import type { FunctionPrinter } from './functions.ts';
import { quoteIdent } from './quote.ts';

function literalString(e: Expr | undefined): string {
  if (e?.kind !== 'literal' || typeof e.value !== 'string')
    throw new Error('expected a string literal argument');
  return e.value;
}

/** `1234567.5` → `1,234,567.5`: commas between the thousands of the digits before the point. */
function grouped(text: string): string {
  const parts = `extractGroups(${text}, '^([^0-9]*)([0-9]+)(.*)$')`;
  const digits = `arrayElement(${parts}, 2)`;
  const commas = `reverse(trimRight(replaceRegexpAll(reverse(${digits}), '([0-9]{3})', '\\\\1,'), ','))`;
  return `if(empty(${parts}), ${text}, concat(arrayElement(${parts}, 1), ${commas}, arrayElement(${parts}, 3)))`;
}

/** `toString` of a number as Splunk shows it: integers without a decimal point. */
const numberText = (x: string): string => `toString(${x})`;

/**
 * One printf conversion. ClickHouse's printf takes C's format but not every flag for every type, and a
 * double for `%d` is an error: integer conversions get the number truncated toward zero (as C's cast),
 * `%c` its character, `'` the thousands grouping (applied here, then padded to the width).
 */
function conversion(
  piece: Exclude<FormatPiece, { text: string }>,
  v: string,
  params: { string(s: string): string },
): string {
  const grouping = piece.flags.includes("'");
  const flags = piece.flags.replaceAll("'", '');
  const precision = piece.precision === undefined ? '' : `.${piece.precision}`;
  const width = piece.width === undefined || grouping ? '' : String(piece.width);
  const c = piece.conversion;
  let body: string;
  switch (c) {
    case 's':
      body = `printf(${params.string(`%${flags.replace(/[+ 0#]/g, '')}${width}${precision}s`)}, ifNull(${v}, ''))`;
      break;
    case 'c':
      body = `printf(${params.string(`%${flags.replace(/[+ 0#]/g, '')}${width}s`)}, char(toUInt8(toInt64(${v}) % 256)))`;
      break;
    case 'd':
    case 'i':
    case 'u':
      body = `printf(${params.string(`%${flags}${width}${precision}d`)}, toInt64(trunc(${v})))`;
      break;
    case 'x':
    case 'X':
    case 'o':
      body = `printf(${params.string(`%${flags}${width}${precision}${c}`)}, toInt64(trunc(${v})))`;
      break;
    default:
      body = `printf(${params.string(`%${flags}${width}${precision}${c}`)}, toFloat64(${v}))`;
  }
  if (!grouping) return body;
  const text = grouped(body);
  if (piece.width === undefined) return text;
  return flags.includes('-')
    ? `rightPadUTF8(${text}, greatest(${piece.width}, lengthUTF8(${text})), ' ')`
    : `leftPadUTF8(${text}, greatest(${piece.width}, lengthUTF8(${text})), ' ')`;
}

/** A value as JSON: strings quoted, numbers as numbers, lists as arrays, JSON from JSON functions as it is. */
export function jsonValue(e: Expr | undefined, sql: string): string {
  if (e?.type === 'null') return "'null'";
  if (e?.kind === 'call' && e.fn === 'json') return `ifNull(${sql}, 'null')`;
  if (e?.type === 'number') return `ifNull(if(isFinite(${sql}), toJSONString(${sql}), NULL), 'null')`;
  return `ifNull(toJSONString(${sql}), 'null')`;
}

const JSON_NUMBER = '^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$';

/** The smallest or largest number among the arguments, every value of the multivalue ones; null without any. */
function mvExtreme(fn: 'arrayMin' | 'arrayMax', e: Call, args: readonly string[]): string {
  const parts = args.map((a, i) =>
    e.args[i]?.type === 'mv' ? `arrayMap(v -> toFloat64OrNull(v), ${a})` : `[toNullable(toFloat64(${a}))]`,
  );
  const numbers = `arrayFilter(x -> isNotNull(x), arrayConcat(${parts.join(', ')}))`;
  return `arrayMap(xs -> if(empty(xs), NULL, ${fn}(xs)), [${numbers}])[1]`;
}

export const morePrinters = {
  // Digits of the base (letters for 10 and up, either case); a sign allowed; anything else is null.
  tonumber_base: (e, [s = 'NULL'], { params }) => {
    const base = Number((e.args[1]?.kind === 'literal' && e.args[1].value) || 10);
    const body = `replaceRegexpOne(trimBoth(lowerUTF8(${s})), '^[-+]', '')`;
    const digits = `arrayMap(c -> toInt64(position(${params.string('0123456789abcdefghijklmnopqrstuvwxyz')}, c)) - 1, splitByString('', ${body}))`;
    const value = `arrayFold((acc, d) -> acc * ${base} + d, ${digits}, toFloat64(0))`;
    const sign = `if(startsWith(trimBoth(${s}), '-'), -1, 1)`;
    return `if(notEmpty(${body}) AND arrayAll(d -> d >= 0 AND d < ${base}, ${digits}), ${sign} * ${value}, NULL)`;
  },
  tostring_format: (e, [x = 'NULL']) => {
    const format = literalString(e.args[1]);
    if (format === 'hex') {
      // 15 → 0xF; negative numbers as their sign and magnitude.
      const h = `trimLeft(hex(toUInt64(abs(toInt64(trunc(${x}))))), '0')`;
      return `if(isNull(${x}), NULL, concat(if(${x} < 0, '-', ''), '0x', if(empty(${h}), '0', ${h})))`;
    }
    if (format === 'commas') {
      // Rounded to two decimals (half away from zero), thousands grouped.
      const r = `(sign(${x}) * floor(abs(${x}) * 100 + 0.5) / 100)`;
      return `if(isNull(${x}), NULL, ${grouped(numberText(r))})`;
    }
    // duration: [D+]HH:MM:SS, and .ffffff (microseconds) when the value has a fraction of a second.
    const us = `toInt64(round(abs(${x}) * 1000000))`;
    const t = `intDiv(${us}, 1000000)`;
    const two = (n: string): string => `leftPad(toString(${n}), 2, '0')`;
    const days = `intDiv(${t}, 86400)`;
    const fraction = `if(${us} % 1000000 = 0, '', concat('.', leftPad(toString(${us} % 1000000), 6, '0')))`;
    return `if(isNull(${x}), NULL, concat(if(${x} < 0, '-', ''), if(${days} > 0, concat(toString(${days}), '+'), ''), ${two(`intDiv(${t} % 86400, 3600)`)}, ':', ${two(`intDiv(${t} % 3600, 60)`)}, ':', ${two(`${t} % 60`)}, ${fraction}))`;
  },
  printf: (e, args, { params }) => {
    const pieces = JSON.parse(literalString(e.args[0])) as FormatPiece[];
    const parts = pieces.map((piece, i) => {
      const v = args[i] ?? 'NULL';
      return 'text' in piece ? v : conversion(piece, v, params);
    });
    return parts.length === 0 ? "''" : `concat(${parts.join(', ')}, '')`;
  },
  ipmask: (_e, [mask = 'NULL', ip = 'NULL']) =>
    `IPv4NumToString(bitAnd(IPv4StringToNumOrNull(${ip}), IPv4StringToNumOrNull(${mask})))`,
  mv_least: (e, args) => mvExtreme('arrayMin', e, args),
  mv_greatest: (e, args) => mvExtreme('arrayMax', e, args),
  avg_of: (_e, args) =>
    `arrayReduce('avgOrNull', [${args.map((a) => `toNullable(toFloat64(${a}))`).join(', ')}])`,
  random: () => 'toFloat64(rand32() % 2147483648)',
  wall_time: () => '(toUnixTimestamp64Micro(now64(6)) / 1000000)',
  typeof: (e, [x = 'NULL']) =>
    e.args[0]?.type === 'mv'
      ? `if(empty(${x}), 'Invalid', if(length(${x}) = 1, if(isNotNull(toFloat64OrNull(${x}[1])), 'Number', 'String'), 'Multivalue'))`
      : `multiIf(isNull(${x}), 'Invalid', isNotNull(toFloat64OrNull(${x})), 'Number', 'String')`,
  mvrange: (_e, [start = 'NULL', end = 'NULL', step = 'NULL']) => {
    const n = `toUInt64(least(greatest(ceil((${end} - ${start}) / nullIf(${step}, 0)), 0), 10000))`;
    return `if(isNull(${n}), CAST([] AS Array(Nullable(String))), CAST(arrayMap(i -> toString(${start} + i * ${step}), range(assumeNotNull(${n}))) AS Array(Nullable(String))))`;
  },
  // Epoch seconds from start, by whole months (calendar months in UTC), up to, not including, end.
  mvrange_months: (e, [start = 'NULL', end = 'NULL']) => {
    const months = e.args[2]?.kind === 'literal' ? Math.trunc(Number(e.args[2].value)) : 1;
    const at = `(i -> toUnixTimestamp(addMonths(toDateTime(toInt64(${start}), 'UTC'), i * ${months})) + (${start} - toInt64(${start})))`;
    const n = `toUInt64(least(greatest(ceil((${end} - ${start}) / ${months * 28 * 86_400}), 0), 10000))`;
    return `if(isNull(${n}), CAST([] AS Array(Nullable(String))), CAST(arrayMap(t -> toString(t), arrayFilter(t -> t < ${end}, arrayMap(${at}, range(assumeNotNull(${n}))))) AS Array(Nullable(String))))`;
  },
  // timewrap over months: how many whole calendar months (in time zone args[2]) from `t` stay before `end`,
  // both epoch seconds: the months between them, less one when adding them reaches `end` (`dateDiff` counts
  // month boundaries, not whole months).
  months_before: (e, [t = 'NULL', end = 'NULL'], { params }) => {
    const tz = params.string(literalString(e.args[2]));
    const from = `toDateTime64(${t}, 3, ${tz})`;
    const to = `toDateTime64(${end}, 3, ${tz})`;
    const d = `dateDiff('month', ${from}, ${to})`;
    return `if(addMonths(${from}, ${d}) < ${to}, ${d}, ${d} - 1)`;
  },
  // `t` (epoch seconds) moved by `n` calendar months in time zone args[2] (the day clamped to the month's end).
  add_months: (e, [t = 'NULL', n = 'NULL'], { params }) =>
    `(toUnixTimestamp64Milli(addMonths(toDateTime64(${t}, 3, ${params.string(literalString(e.args[2]))}), toInt64(${n}))) / 1000)`,
  mvsort: (_e, [x = 'NULL']) => `arraySort(${x})`,
  search_commands: (_e, [x = 'NULL'], { params }) => {
    // Quoted strings and (up to 4 levels of) bracketed subsearches hold no command of the search; the
    // rest splits at its pipes, and each part's first word names its command. Text before the first pipe
    // is the implicit `search` (a search starting with `|` has none).
    let text = `replaceRegexpAll(ifNull(${x}, ''), ${params.string('"(?:[^"\\\\]|\\\\.)*"')}, '""')`;
    for (let i = 0; i < 4; i++) text = `replaceRegexpAll(${text}, ${params.string('\\[[^\\[\\]]*\\]')}, '')`;
    const trimmed = `trimLeft(${text})`;
    const names = `arrayMap(part -> lower(extract(part, ${params.string('^\\s*([A-Za-z_][A-Za-z0-9_-]*)')})), splitByChar('|', ${trimmed}))`;
    const commands = `if(startsWith(${trimmed}, '|'), arrayPopFront(${names}), arrayPushFront(arrayPopFront(${names}), 'search'))`;
    return `if(isNull(${x}) OR ${trimmed} = '', CAST([] AS Array(Nullable(String))), CAST(arrayFilter(n -> n != '', ${commands}) AS Array(Nullable(String))))`;
  },
  mvzip: (_e, [x = 'NULL', y = 'NULL', delim = 'NULL']) => {
    const n = `least(length(${x}), length(${y}))`;
    return `arrayMap((a, b) -> concat(a, ${delim}, b), arraySlice(${x}, 1, ${n}), arraySlice(${y}, 1, ${n}))`;
  },
  mvmap: (e, [list = 'NULL', value = 'NULL']) =>
    `arrayMap(${quoteIdent(literalString(e.args[2]))} -> ${value}, ${list})`,
  mv_to_json_array: (e, [x = 'NULL'], { params }) => {
    const infer = e.args[1]?.kind === 'literal' && e.args[1].value === true;
    if (!infer) return `if(empty(${x}), NULL, toJSONString(${x}))`;
    const item = `if(match(v, ${params.string(JSON_NUMBER)}) OR v IN ('true', 'false'), v, toJSONString(v))`;
    return `if(empty(${x}), NULL, concat('[', arrayStringConcat(arrayMap(v -> ${item}, ${x}), ','), ']'))`;
  },
  json: (_e, [x = 'NULL']) => `if(isValidJSON(ifNull(${x}, '')), ${x}, NULL)`,
  json_valid: (_e, [x = 'NULL']) => `isValidJSON(ifNull(${x}, ''))`,
  json_is: (e, [x = 'NULL']) =>
    `(isValidJSON(ifNull(${x}, '')) AND JSONType(ifNull(${x}, '')) = '${literalString(e.args[1]) === 'array' ? 'Array' : 'Object'}')`,
  json_keys: (_e, [x = 'NULL']) =>
    `if(isValidJSON(ifNull(${x}, '')) AND JSONType(ifNull(${x}, '')) = 'Object', toJSONString(JSONExtractKeys(ifNull(${x}, ''))), NULL)`,
  json_array_to_mv: (e, [x = 'NULL']) => {
    const keepQuotes = e.args[1]?.kind === 'literal' && e.args[1].value === true;
    const item = keepQuotes ? 'v' : `if(startsWith(v, '"'), JSONExtractString(v), v)`;
    return `CAST(arrayMap(v -> ${item}, JSONExtractArrayRaw(ifNull(${x}, ''))) AS Array(Nullable(String)))`;
  },
  json_object: (e, args) => {
    const members = [];
    for (let i = 0; i + 1 < args.length; i += 2)
      members.push(
        `toJSONString(ifNull(${args[i]}, '')), ':', ${jsonValue(e.args[i + 1], args[i + 1] ?? 'NULL')}`,
      );
    return members.length === 0 ? "'{}'" : `concat('{', ${members.join(", ',', ")}, '}')`;
  },
  json_array: (e, args) =>
    args.length === 0
      ? "'[]'"
      : `concat('[', ${args.map((a, i) => jsonValue(e.args[i], a)).join(", ',', ")}, ']')`,
  json_extract: (_e, [x = 'NULL', key = 'NULL']) => {
    const raw = `JSONExtractRaw(ifNull(${x}, ''), ${key})`;
    return `if(startsWith(${raw}, '"'), JSONExtractString(${raw}), nullIf(${raw}, ''))`;
  },
  json_has_key: (_e, [x = 'NULL', key = 'NULL']) => `JSONHas(ifNull(${x}, ''), ${key})`,
  json_value: (e, [x = 'NULL'], { params }) => {
    const mode = literalString(e.args[1]);
    const one = (v: string): string => tojsonValue(mode, v, params.string(JSON_NUMBER));
    if (e.args[0]?.type !== 'mv') return one(x);
    // A multivalue field: a JSON array of its values, each typed alike (a value without a type is null).
    return `if(empty(${x}), NULL, concat('[', arrayStringConcat(arrayMap(v -> ifNull(${one('v')}, 'null'), ${x}), ','), ']'))`;
  },
  fields_map: (_e, [json = 'NULL']) =>
    `CAST(mapFromArrays(JSONAllPaths(${json}), JSONAllValues(${json})) AS Map(String, Nullable(String)))`,
  fields_tojson: (e, [json = 'NULL'], { params }) => {
    // `,"name":value` for each structured field (by name), but those named (known columns), or typed away.
    const mode = literalString(e.args[1]);
    const skip = e.args.slice(2).map((a) => literalString(a));
    const value = tojsonValue(mode, 'p.2', params.string(JSON_NUMBER));
    const pairs = `arraySort(p -> p.1, arrayZip(JSONAllPaths(${json}), JSONAllValues(${json})))`;
    const kept = `arrayFilter(p -> NOT has(${params.bind(skip, 'Array(String)')}, p.1), ${pairs})`;
    const member = `if(isNull(${value}), '', concat(',', replaceAll(toJSONString(p.1), '\\\\/', '/'), ':', ${value}))`;
    return `arrayStringConcat(arrayMap(p -> ${member}, ${kept}), '')`;
  },
} satisfies Record<string, FunctionPrinter>;

/** `tojson`'s data types: one text value `v` as JSON text, NULL when it has no value of that type. */
function tojsonValue(mode: string, v: string, number: string): string {
  // ClickHouse escapes `/` as `\\/`; Splunk writes it as it is.
  const text = `replaceAll(toJSONString(${v}), '\\\\/', '/')`;
  const isNumber = `match(${v}, ${number})`;
  switch (mode) {
    case 'str':
      return `if(isNull(${v}), NULL, ${text})`;
    case 'num':
      return `if(${isNumber}, ${v}, NULL)`;
    case 'bool':
      return `multiIf(lower(${v}) IN ('true', 't', 'yes', 'y', '1'), 'true', lower(${v}) IN ('false', 'f', 'no', 'n', '0'), 'false', NULL)`;
    case 'json':
      return `if(isNull(${v}), NULL, if(isValidJSON(${v}), ${v}, ${text}))`;
    case 'auto':
      return `multiIf(isNull(${v}), NULL, ${isNumber}, ${v}, lower(${v}) IN ('true', 'false'), lower(${v}), ${text})`;
    default:
      return `multiIf(isNull(${v}), NULL, ${isNumber}, ${v}, ${text})`;
  }
}
