// ClickHouse SQL for fields whose names are known only when the search runs, held in maps: the events'
// structured fields after commands changed them (`map_*` over `fields_matching`, what a wildcard
// `stats values(x*)` reads), and the series names a `foreach … <<MATCHSTR>>` folds over.

import type { Call } from '../../ir/types.ts';
import type { Params } from './quote.ts';
import type { FunctionPrinter } from './functions.ts';
import { namedBy, replacedSql } from './filled.ts';

/** The map's type: name → the field's values (one for a single value). */
const MAP = 'Map(String, Array(Nullable(String)))';

/**
 * How deep `spath` without a path descends into nested objects and arrays when listing the fields; a value
 * nested deeper stays one field holding its JSON text. ESCU's events nest at most five levels.
 */
export const SPATH_FIELDS_DEPTH = 10;

/** A JSON value's text as spath gives it: a string's characters, any other value's JSON text. */
const jsonText = (raw: string): string => `if(startsWith(${raw}, '"'), JSONExtractString(${raw}), ${raw})`;

/**
 * Every field `spath` without a path extracts from the JSON text `json`, as a map: nested keys joined with
 * `.`, `{}` after an array's name (`a.b{}.c`), each name's values in document order. Not JSON, or a scalar:
 * no fields.
 *
 * @example spathFields('`j`') over '{"a":{"b":[1,2]},"c":"x"}' → {'a.b{}': ['1','2'], 'c': ['x']}
 */
export function spathFields(json: string): string {
  // (name, raw JSON value) pairs, one level of objects and arrays opened per step.
  let level = `[('', ifNull(${json}, ''))]`;
  for (let i = 0; i < SPATH_FIELDS_DEPTH; i++) {
    const object = `arrayMap(kv -> (if(p.1 = '', kv.1, concat(p.1, '.', kv.1)), kv.2), JSONExtractKeysAndValuesRaw(p.2))`;
    const array = `arrayMap(x -> (concat(p.1, '{}'), x), JSONExtractArrayRaw(p.2))`;
    level = `arrayFlatten(arrayMap(p -> multiIf(JSONType(p.2) = 'Object', ${object}, JSONType(p.2) = 'Array', ${array}, [p]), ${level}))`;
  }
  const names = `arrayDistinct(arrayMap(p -> p.1, l))`;
  const values = `arrayMap(n -> arrayMap(p -> ${jsonText('p.2')}, arrayFilter(p -> p.1 = n, l)), ${names})`;
  // The input itself (name '') is no field: not JSON, or a scalar.
  return `arrayMap(l -> CAST(mapFromArrays(${names}, ${values}) AS ${MAP}), [arrayFilter(p -> p.1 != '', ${level})])[1]`;
}

/**
 * The values of the (path, text) pair `p` of the JSON `json`'s `arrayZip(JSONAllPaths, JSONAllValues)`, as a
 * list: a list value comes as its text (`['a',1]`), read back through Array(Dynamic) as printFieldList reads
 * a list field (the cast only ever sees list texts, `[]` for the others); another value as itself.
 */
export function jsonPairValues(json: string): string {
  const isList = `startsWith(JSONAllPathsWithTypes(${json})[p.1], 'Array')`;
  return `if(${isList}, CAST(CAST(if(${isList}, p.2, '[]') AS Array(Dynamic)) AS Array(Nullable(String))), [toNullable(p.2)])`;
}

/** The map `m` without its names that hold no value. */
const withValues = (m: string): string => `mapFilter((k, v) -> notEmpty(v), ${m})`;

/** A literal argument's value, as the planner wrote it. */
function literalText(e: Call, i: number): string {
  const a = e.args[i];
  if (a?.kind !== 'literal') throw new Error(`${e.fn} needs a literal argument ${String(i)}`);
  return String(a.value);
}

/**
 * A map of name → values from `(name, value)` pairs `pairs` (an array of tuples), in their order: each name's
 * first value, or with `every` all its values.
 */
export function pairsMap(pairs: string, every: boolean): string {
  const names = `arrayDistinct(arrayMap(p -> p.1, l))`;
  const values = every
    ? `arrayMap(n -> arrayMap(p -> p.2, arrayFilter(p -> p.1 = n, l)), ${names})`
    : `arrayMap(n -> [arrayFirst(p -> p.1 = n, l).2], ${names})`;
  return `arrayMap(l -> CAST(mapFromArrays(${names}, ${values}) AS ${MAP}), [${pairs}])[1]`;
}

/** A key `extract` gives a field (as its reader reads names: `KEY_NAME` in commands/extract.ts). */
const KV_KEY = '^[A-Za-z0-9_][A-Za-z0-9_.:-]*$';

/** An XML element name `xmlkv` reads (`XML_NAME` in plan/scope.ts). */
const XML_ELEMENT = '<([A-Za-z_][A-Za-z0-9_.-]*)(?:\\s[^>]*)?>([^<]*)</([A-Za-z_][A-Za-z0-9_.-]*)\\s*>';

export const fieldsMapPrinters: Record<
  | 'map_matching'
  | 'map_move'
  | 'map_extract'
  | 'map_keys_matching'
  | 'map_update'
  | 'map_sorted'
  | 'spath_fields'
  | 'map_pair_texts'
  | 'kv_fields'
  | 'xml_fields'
  | 'json_top_fields'
  | 'map_json'
  | 'map_fill_missing'
  | 'json_map'
  | 'map_merge'
  | 'map_replace',
  FunctionPrinter
> = {
  map_update: (_e, [m = '', other = '']) => `mapUpdate(${m}, ${other})`,
  // The entries in name order (as `arraySort` orders strings).
  map_sorted: (_e, [m = '']) => `mapSort(${m})`,
  map_pair_texts: (_e, [m = '']) =>
    `arrayFlatten(arrayMap((k, vs) -> arrayMap(v -> concat(k, '\\0', ifNull(v, '')), vs), mapKeys(${m}), mapValues(${m})))`,
  // fillnull: each name of the list (some result has it) that this event has no value of, if a regex names it.
  map_fill_missing: (e, [m = '', names = '[]'], { params }: { readonly params: Params }) => {
    const patterns = JSON.parse(literalText(e, 3)) as string[];
    const missing = `arrayMap(n -> assumeNotNull(n), arrayFilter(n -> isNotNull(n) AND empty(m[assumeNotNull(n)]) AND ${namedBy('n', patterns, params)}, ${names}))`;
    const value = params.string(literalText(e, 2));
    return `arrayMap(m -> mapUpdate(m, CAST(mapFromArrays(${missing}, arrayMap(n -> [${value}], ${missing})) AS ${MAP})), [${m}])[1]`;
  },
  json_map: (_e, [json = 'NULL']) =>
    `CAST(arrayMap(p -> (p.1, ${jsonPairValues(json)}), arrayZip(JSONAllPaths(${json}), JSONAllValues(${json}))) AS ${MAP})`,
  // The names with values of either map; where both have one, the second's with overwrite.
  map_merge: (e, [m = '', other = '']) =>
    literalText(e, 2) === 'true'
      ? `mapUpdate(${withValues(m)}, ${withValues(other)})`
      : `mapUpdate(${withValues(other)}, ${withValues(m)})`,
  map_replace: (e, [m = ''], { params }: { readonly params: Params }) => {
    const pairs = JSON.parse(literalText(e, 1)) as { re: string; by: string }[];
    const patterns = JSON.parse(literalText(e, 2)) as string[];
    const replaced = `arrayMap(x -> ${replacedSql('x', pairs, params)}, v)`;
    return patterns.length === 0
      ? `mapApply((k, v) -> (k, ${replaced}), ${m})`
      : `mapApply((k, v) -> (k, if(${namedBy('k', patterns, params, false)}, ${replaced}, v)), ${m})`;
  },
  // Every pair the regex (key in group 1, value in group 2) finds, keys cleaned as Splunk's CLEAN_KEYS does
  // (a character other than a letter or digit becomes `_`), quotes taken off a quoted value.
  kv_fields: (e, [text = 'NULL'], { params }: { readonly params: Params }) => {
    const re = params.string(literalText(e, 1));
    const key =
      literalText(e, 2) === 'true'
        ? `replaceRegexpAll(g[1], ${params.string('[^A-Za-z0-9]')}, ${params.string('_')})`
        : 'g[1]';
    const unquoted = `replaceRegexpOne(g[2], ${params.string('^"(.*)"$')}, ${params.string('\\1')})`;
    const found = `arrayMap(g -> (${key}, ${unquoted}), extractAllGroupsVertical(ifNull(${text}, ''), ${re}))`;
    return pairsMap(
      `arrayFilter(p -> match(p.1, ${params.string(KV_KEY)}), ${found})`,
      literalText(e, 3) === 'true',
    );
  },
  // Each element holding only text (not empty) whose end tag has its name: its name → its first text.
  xml_fields: (_e, [xml = 'NULL'], { params }: { readonly params: Params }) => {
    const found = `extractAllGroupsVertical(ifNull(${xml}, ''), ${params.string(XML_ELEMENT)})`;
    return pairsMap(
      `arrayMap(g -> (g[1], g[2]), arrayFilter(g -> g[1] = g[3] AND g[2] != '', ${found}))`,
      false,
    );
  },
  // Each top-level key a name can read (none with `.`, `{`, `}`, `[` or `]`), the prefix before it.
  json_top_fields: (e, [json = 'NULL'], { params }: { readonly params: Params }) => {
    const keys = `JSONExtractKeysAndValuesRaw(ifNull(${json}, ''))`;
    const readable = `notEmpty(kv.1) AND NOT match(kv.1, ${params.string('[.{}\\[\\]]')})`;
    const named = `arrayMap(kv -> (concat(${params.string(literalText(e, 1))}, kv.1), ${jsonText('kv.2')}), arrayFilter(kv -> ${readable}, ${keys}))`;
    return pairsMap(named, false);
  },
  // Names with values only; one value as itself, several as a list. A dotted name nests as stored fields do.
  map_json: (_e, [m = '']) => {
    const entry = `concat(toJSONString(k), ':', if(length(v) = 1, toJSONString(v[1]), toJSONString(v)))`;
    return `arrayMap(m -> CAST(concat('{', arrayStringConcat(arrayMap((k, v) -> ${entry}, mapKeys(m), mapValues(m)), ','), '}') AS JSON), [mapFilter((k, v) -> notEmpty(v), ${m})])[1]`;
  },
  map_keys_matching: (_e, [m = '', re = '', to = '']) =>
    `arrayMap(k -> replaceRegexpOne(k, ${re}, ${to}), arraySort(arrayFilter(k -> match(k, ${re}), mapKeys(${m}))))`,
  // fields_matching over the map `m`: the names `re` matches (but those skipped), renamed to output names.
  map_matching: (e, [m = ''], { params }: { readonly params: Params }) => {
    const re = params.string(literalText(e, 1));
    const to = params.string(literalText(e, 2));
    const list = (i: number): string =>
      params.bind(JSON.parse(literalText(e, i)) as string[], 'Array(String)');
    const internal = literalText(e, 5) === 'true' ? '' : ` AND NOT startsWith(k, '_')`;
    const sources = `mapFilter((k, v) -> match(k, ${re}) AND NOT has(${list(3)}, k)${internal}, ${m})`;
    return `mapFilter((k, v) -> NOT has(${list(4)}, k), mapApply((k, v) -> (replaceRegexpOne(k, ${re}, ${to}), v), ${sources}))`;
  },
  // Splunk's rename: the moved names replace those already there (the map is read twice: one lambda).
  map_move: (_e, [m = '', re = '', to = '']) =>
    `arrayMap(m -> mapUpdate(mapFilter((k, v) -> NOT match(k, ${re}), m), mapApply((k, v) -> (replaceRegexpOne(k, ${re}, ${to}), v), mapFilter((k, v) -> match(k, ${re}), m))), [${m}])[1]`,
  // spath sets the fields it extracts; the others stay as they were.
  map_extract: (_e, [m = '', json = 'NULL']) => `mapUpdate(${m}, ${spathFields(json)})`,
  spath_fields: (_e, [json = 'NULL']) => spathFields(json),
};
