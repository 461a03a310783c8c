// Prints IR scalar expressions as ClickHouse SQL, with Splunk's null and coercion rules.

import type {
  Call,
  Expr,
  FieldsStep,
  InRel,
  IrFn,
  LookupValuesSpec,
  Rel,
  ScalarType,
} from '../../ir/types.ts';
import { fieldsStepSql } from './filled.ts';
import { lookupValuesSql } from './lookup.ts';
import { seriesEntryColumn } from '../../ir/types.ts';
import { countryNames, geoipDictionary } from '../../geoip.ts';
import type { Params } from './quote.ts';
import { quoteIdent } from './quote.ts';
import { functionPrinters } from './functions.ts';
import { modelPrinters } from './models.ts';
import { densityPrinters } from './density.ts';
import { mathPrinters } from './functions-math.ts';
import { morePrinters } from './functions-more.ts';
import { diffPrinters } from './diff.ts';
import { associatePrinters } from './associate.ts';
import { ngramPrinters } from './ngrams.ts';
import {
  searchEquals,
  searchEqualsSet,
  searchTermSet,
  termRegex,
  searchEqualsText,
  searchOrder,
  searchTerm,
  searchTermOf,
} from './search.ts';
import { seriesPrinters } from './series.ts';
import { fieldsMapPrinters, jsonPairValues } from './fields-map.ts';
import { jsonEditPrinters } from './json-edit.ts';

export interface ExprContext {
  readonly params: Params;
  /** Prints a relation as a subquery (for subsearch filters). */
  readonly relSql?: (rel: Rel) => string;
  /** The JSON column of structured fields in the current FROM: `fields` at the table, `_fields` above. */
  readonly json: string;
}

/**
 * A search test on a structured field also looks inside array values (HEC indexed fields can be lists):
 * `tags=a` matches `["a","b"]`, as a multivalue field matches when any value does.
 *
 * Most values are strings, so the String variant is tested first, on its own (`dynamicElement(…,
 * 'String')` converts nothing); the value as text (numbers, booleans) and its list values are tested only
 * for the events whose value is not a string. `stringBranches` may give sharper `multiIf` branches for
 * the String variant (condition, result, …); by default: not null → `test`.
 */
function withArrayValues(
  target: Expr | undefined,
  ctx: ExprContext,
  scalarSql: string,
  test: (sql: string, target: Expr | undefined) => string,
  stringBranches?: (sql: string) => readonly string[] | undefined,
): string {
  const scalar = test(scalarSql, target);
  // A text column (a data model's `Dataset.field`, a field an `eval` copied): the same-length shortcut.
  if (target?.kind === 'column' && target.type === 'any') {
    const branches = stringBranches?.(scalarSql);
    return branches ? `multiIf(${[...branches, scalar].join(', ')})` : scalar;
  }
  if (target?.kind !== 'field') return scalar;
  const json = `${quoteIdent(ctx.json)}.${quoteIdent(target.path)}`;
  const values = `dynamicElement(${json}, 'Array(Nullable(String))')`;
  const other = `(${scalar} OR arrayExists(v -> ${test('v', undefined)}, ${values}))`;
  const text = `dynamicElement(${json}, 'String')`;
  const branches = stringBranches?.(text) ?? [`isNotNull(${text})`, test(text, target)];
  return `multiIf(${[...branches, other].join(', ')})`;
}

/**
 * A structured field's values to split on: its list's values, or its single value (null when absent) as a
 * list of one; simpler than to_mv's (which tests the list for emptiness and the value for null).
 */
function splitValuesSql(target: Expr | undefined, sql: string, ctx: ExprContext): string {
  if (target?.kind !== 'field') return toMvSql(target, sql, ctx);
  const f = `${quoteIdent(ctx.json)}.${quoteIdent(target.path)}`;
  return `if(startsWith(dynamicType(${f}), 'Array'), ${jsonListSql(f)}, [toNullable(toString(${sql}))])`;
}

/** A value as a list: a structured field's list values, or its single value, or nothing when null. */
function toMvSql(target: Expr | undefined, sql: string, ctx: ExprContext): string {
  if (target?.type === 'mv') return sql;
  const single = `if(isNull(${sql}), CAST([] AS Array(Nullable(String))), [toNullable(toString(${sql}))])`;
  if (target?.kind !== 'field') return single;
  // Any JSON array (numbers too), as strings.
  const values = printFieldList(target.path, ctx.json);
  return `if(notEmpty(${values}), ${values}, ${single})`;
}

/** The first value of a list, or of a structured field that holds a list (its single value otherwise). */
function firstValueSql(target: Expr | undefined, sql: string, ctx: ExprContext): string {
  if (target?.type === 'mv') return `arrayElement(${sql}, 1)`;
  if (target?.kind !== 'field') return sql;
  const f = `${quoteIdent(ctx.json)}.${quoteIdent(target.path)}`;
  return `if(startsWith(dynamicType(${f}), 'Array'), arrayElement(${jsonListSql(f)}, 1), ${sql})`;
}

/** SQL for a literal: strings are always parameters; numbers, booleans and NULL are inlined. */
export function printLiteral(value: string | number | boolean | null, ctx: ExprContext): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'NULL';
    return Number.isInteger(value) && Math.abs(value) < 2 ** 53
      ? String(value)
      : `toFloat64(${String(value)})`;
  }
  return ctx.params.string(value);
}

/** Reads a structured field as a nullable string (absent paths are NULL, not ''). */
export function printField(path: string, json: string): string {
  return `CAST(${quoteIdent(json)}.${quoteIdent(path)} AS Nullable(String))`;
}

export function printExpr(e: Expr, ctx: ExprContext): string {
  switch (e.kind) {
    case 'column':
      return quoteIdent(e.name);
    case 'field':
      return printField(e.path, ctx.json);
    case 'literal':
      return printLiteral(e.value, ctx);
    case 'call':
      return printCall(e, ctx);
    case 'in-rel':
      return printInRel(e, ctx);
    case 'scalar':
      if (!ctx.relSql) throw new Error('a scalar subquery needs a relation printer');
      return `(SELECT ${quoteIdent(e.column)} FROM (\n${ctx.relSql(e.rel)}\n) LIMIT 1)`;
  }
}

/** A string argument that must be a compile-time literal (patterns, flags). */
export function literalArg(e: Expr | undefined): string | number | boolean | null {
  if (!e || e.kind !== 'literal') throw new Error('expected a literal argument');
  return e.value;
}

type Printer = (e: Call, args: readonly string[], ctx: ExprContext) => string;

const fn =
  (name: string): Printer =>
  (_e, args) =>
    `${name}(${args.join(', ')})`;

const binary =
  (op: string): Printer =>
  (_e, [a, b]) =>
    `(${a} ${op} ${b})`;

/** `a op b`; two field values compare as numbers when both are numeric, else as strings. */
function compareSql(op: string, a: string, b: string, fieldValues: boolean): string {
  return fieldValues
    ? `if(isNotNull(toFloat64OrNull(${a})) AND isNotNull(toFloat64OrNull(${b})), toFloat64OrNull(${a}) ${op} toFloat64OrNull(${b}), ${a} ${op} ${b})`
    : `(${a} ${op} ${b})`;
}

/**
 * Eval comparisons (see `compareSql`). A multivalue side (such as a lookup's output) compares each of its
 * values as a field value, and matches when any does. The other side enters the lambda as a second array,
 * so the lambda's names never shadow a column the comparison reads.
 */
const comparison =
  (op: string): Printer =>
  (e, [a = 'NULL', b = 'NULL']) => {
    const [l, r] = e.args;
    const anyOf = (list: string, other: string, test: string): string =>
      `arrayExists((v, o) -> ifNull(${test}, false), ${list}, arrayWithConstant(length(${list}), ${other}))`;
    if (l?.type === 'mv' && r?.type !== 'mv') return anyOf(a, b, compareSql(op, 'v', 'o', r?.type === 'any'));
    if (r?.type === 'mv' && l?.type !== 'mv') return anyOf(b, a, compareSql(op, 'o', 'v', l?.type === 'any'));
    return compareSql(op, a, b, l?.type === 'any' && r?.type === 'any');
  };

const searchCompare =
  (op: 'search_lt' | 'search_le' | 'search_gt' | 'search_ge'): Printer =>
  (e, [a = 'NULL'], ctx) =>
    withArrayValues(e.args[0], ctx, a, (x, target) =>
      searchOrder(op, target, x, String(literalArg(e.args[1])), ctx.params),
    );

/** One printer per IR function: the compiler fails to build when a function has none. */
const printers: Record<IrFn, Printer> = {
  add: binary('+'),
  sub: binary('-'),
  mul: binary('*'),
  // Splunk: division by zero is null, not inf.
  div: (_e, [a, b]) => `(${a} / nullIf(${b}, 0))`,
  mod: (_e, [a, b]) => `(${a} % nullIf(${b}, 0))`,
  neg: (_e, [a]) => `(-${a})`,
  concat: fn('concat'),
  eq: comparison('='),
  ne: comparison('!='),
  lt: comparison('<'),
  le: comparison('<='),
  gt: comparison('>'),
  ge: comparison('>='),
  like: fn('like'),
  and: fn('and'),
  or: fn('or'),
  xor: fn('xor'),
  not: fn('not'),
  // Numeric branches meet as Float64: UInt64 (a count) and Float64 have no common type in ClickHouse.
  if: (e, [c, a, b]) =>
    e.type === 'number' ? `if(${c}, toFloat64(${a}), toFloat64(${b}))` : `if(${c}, ${a}, ${b})`,
  // A multivalue field without values is null.
  isnull: (e, [a]) => (e.args[0]?.type === 'mv' ? `empty(${a})` : `isNull(${a})`),
  isnotnull: (e, [a]) => (e.args[0]?.type === 'mv' ? `notEmpty(${a})` : `isNotNull(${a})`),
  // Lists are never null: the first one with values (the last one when none has).
  coalesce: (e, args) =>
    e.type === 'mv'
      ? args.reduceRight((rest, a) => `if(notEmpty(${a}), ${a}, ${rest})`)
      : `coalesce(${(e.type === 'number' ? args.map((a) => `toFloat64(${a})`) : args).join(', ')})`,
  tonumber: (e, [a]) => {
    switch (e.args[0]?.type) {
      case 'time':
        return `(toUnixTimestamp64Milli(${a}) / 1000)`;
      case 'bool':
        return `toFloat64(${a})`;
      case 'number':
      case 'null':
        return a ?? 'NULL';
      case 'mv':
        // A list of one value is that value (Splunk's single-valued field, e.g. `values(x)` of one value);
        // arithmetic on a multivalue field (two or more values) is null in Splunk.
        return `arrayMap(l -> if(length(l) = 1, toFloat64OrNull(toString(l[1])), NULL), [${a ?? 'NULL'}])[1]`;
      default:
        return `toFloat64OrNull(${a})`;
    }
  },
  tostring: (e, [a]) => {
    switch (e.args[0]?.type) {
      case 'time':
        return `toString(toUnixTimestamp64Milli(${a}) / 1000)`;
      case 'bool':
        return `if(${a}, 'True', 'False')`;
      case 'number':
        return `toString(${a})`;
      case 'mv':
        return `arrayStringConcat(${a}, ' ')`;
      default:
        return a ?? 'NULL';
    }
  },
  lower: fn('lowerUTF8'),
  upper: fn('upperUTF8'),
  len: fn('lengthUTF8'),
  search_term: (e, [raw = 'NULL'], ctx) =>
    searchTerm(
      raw,
      String(literalArg(e.args[1])),
      literalArg(e.args[2]) === true,
      literalArg(e.args[3]) === true,
      ctx.params,
    ),
  search_eq: (e, [a = 'NULL'], ctx) => {
    const value = String(literalArg(e.args[1]));
    const caseSensitive = literalArg(e.args[2]) === true;
    return withArrayValues(
      e.args[0],
      ctx,
      a,
      (x, target) => searchEquals(target, x, value, caseSensitive, ctx.params),
      (text) => searchEqualsText(text, value, ctx.params),
    );
  },
  search_lt: searchCompare('search_lt'),
  search_le: searchCompare('search_le'),
  search_gt: searchCompare('search_gt'),
  search_ge: searchCompare('search_ge'),
  search_exists: (e, [a]) => (e.args[0]?.type === 'mv' ? `notEmpty(${a})` : `isNotNull(${a})`),
  search_and: (_e, args) => (args.length === 1 ? (args[0] ?? 'true') : `(${args.join(' AND ')})`),
  search_or: (_e, args) => (args.length === 1 ? (args[0] ?? 'false') : `(${args.join(' OR ')})`),
  search_not: (_e, [a]) => `NOT ${a}`,
  true: () => 'true',
  to_mv: (e, [a = 'NULL'], ctx) => toMvSql(e.args[0], a, ctx),
  split_values: (e, [a = 'NULL'], ctx) => splitValuesSql(e.args[0], a, ctx),
  mv_first: (e, [a = 'NULL'], ctx) => firstValueSql(e.args[0], a, ctx),
  field_names: (_e, _a, ctx) => `arraySort(JSONAllPaths(${quoteIdent(ctx.json)}))`,
  ip_country: (_e, [ip = 'NULL'], { params }) => {
    // An address, or a network in CIDR notation (its first address); anything else has no location.
    const address = `toIPv6OrNull(splitByChar('/', ifNull(toString(${ip}), ''))[1])`;
    return `dictGetOrNull(${params.string(geoipDictionary)}, ${params.string('country')}, ifNull(${address}, toIPv6('::')))`;
  },
  country_name: (e, [code = 'NULL'], { params }) => {
    const { codes, names } = countryNames(String(literalArg(e.args[1])));
    const at = `indexOf(${params.bind(codes, 'Array(String)')}, ifNull(${code}, ''))`;
    return `if(${at} = 0, ${code}, arrayElement(${params.bind(names, 'Array(String)')}, ${at}))`;
  },
  lookup_values: (e, keys, { params }) => {
    const spec = literalArg(e.args[e.args.length - 1]);
    if (typeof spec !== 'string')
      throw new Error('lookup_values needs its spec as its last, literal argument');
    const parsed = JSON.parse(spec) as LookupValuesSpec;
    // A time-based lookup's last argument before the spec is the event's time.
    const time = parsed.time ? e.args[parsed.keys.length] : undefined;
    const timeSql = keys[parsed.keys.length] ?? 'NULL';
    const eventSecs =
      time?.type === 'time'
        ? `toUnixTimestamp64Milli(${timeSql}) / 1000`
        : `toFloat64OrNull(toString(${timeSql}))`;
    return lookupValuesSql(
      parsed,
      keys.slice(0, parsed.keys.length),
      params,
      e.args.slice(0, parsed.keys.length).map((a) => a.type === 'mv'),
      eventSecs,
    );
  },
  fields_json: (_e, _a, ctx) => quoteIdent(ctx.json),
  fields_filled: (e, _a, ctx) => {
    const spec = literalArg(e.args[e.args.length - 1]);
    if (typeof spec !== 'string')
      throw new Error('fields_filled needs its step as its last, literal argument');
    return fieldsStepSql(JSON.parse(spec) as FieldsStep, ctx.params, ctx.json);
  },
  json_path: (e, [json = 'NULL']) =>
    `CAST(${json}.${quoteIdent(String(literalArg(e.args[1])))} AS Nullable(String))`,
  json_path_list: (e, [json = 'NULL']) => {
    const f = `${json}.${quoteIdent(String(literalArg(e.args[1])))}`;
    const one = `CAST(${f} AS Nullable(String))`;
    return `if(startsWith(dynamicType(${f}), 'Array'), ${jsonListSql(f)}, if(isNull(${one}), CAST([] AS Array(Nullable(String))), [${one}]))`;
  },
  field_values: (e, _a, ctx) => {
    const json = quoteIdent(ctx.json);
    const re = ctx.params.string(String(literalArg(e.args[0])));
    // Pairs sorted by name, kept when the name matches (JSONAllValues gives each value as text).
    const pairs = `arraySort(p -> p.1, arrayZip(JSONAllPaths(${json}), JSONAllValues(${json})))`;
    return `arrayMap(p -> CAST(p.2 AS Nullable(String)), arrayFilter(p -> match(p.1, ${re}), ${pairs}))`;
  },
  fields_matching: (e, _a, ctx) => {
    const json = quoteIdent(ctx.json);
    const re = ctx.params.string(String(literalArg(e.args[0])));
    const to = ctx.params.string(String(literalArg(e.args[1])));
    const list = (i: number): string =>
      ctx.params.bind(JSON.parse(String(literalArg(e.args[i]))) as string[], 'Array(String)');
    const internal = literalArg(e.args[4]) === true ? '' : ` AND NOT startsWith(p.1, '_')`;
    const pairs = `arrayFilter(p -> match(p.1, ${re}) AND NOT has(${list(2)}, p.1)${internal}, arrayZip(JSONAllPaths(${json}), JSONAllValues(${json})))`;
    const named = `arrayFilter(p -> NOT has(${list(3)}, p.1), arrayMap(p -> (replaceRegexpOne(p.1, ${re}, ${to}), ${jsonPairValues(json)}), ${pairs}))`;
    return `CAST(${named} AS Map(String, Array(Nullable(String))))`;
  },
  list_has: (_e, [list, v]) => `has(${list}, ${v})`,
  fold: (e, [list, init, step]) => {
    const acc = literalArg(e.args[3]);
    if (typeof acc !== 'string') throw new Error('fold needs its accumulator name');
    // arrayFold needs the step to give exactly the accumulator's type.
    const t = foldSqlType(e.type);
    return `arrayFold((${quoteIdent(acc)}, ${quoteIdent(seriesEntryColumn)}) -> CAST(${step} AS ${t}), ${list}, CAST(${init} AS ${t}))`;
  },
  fold_many: (e, [list = 'NULL', ...rest]) => {
    const k = literalArg(e.args[e.args.length - 2]);
    const acc = literalArg(e.args[e.args.length - 1]);
    if (typeof k !== 'number' || typeof acc !== 'string')
      throw new Error('fold_many needs its size and name');
    // Each value's type, a literal after the steps (an init or a step may be a bare NULL).
    const types = e.args.slice(1 + 2 * k, 1 + 3 * k).map((a) => {
      const t = literalArg(a);
      return foldSqlType(t === 'mv' ? 'mv' : t === 'number' ? 'number' : 'string');
    });
    const tuple = (xs: readonly string[]): string =>
      `tuple(${xs.map((x, i) => `CAST(${x} AS ${types[i] ?? 'Nullable(String)'})`).join(', ')})`;
    return `arrayFold((${quoteIdent(acc)}, ${quoteIdent(seriesEntryColumn)}) -> ${tuple(rest.slice(k, 2 * k))}, ${list}, ${tuple(rest.slice(0, k))})`;
  },
  fold_acc: (e) =>
    `tupleElement(${quoteIdent(String(literalArg(e.args[0])))}, ${Number(literalArg(e.args[1]))})`,
  fold_get: (e, [x = 'NULL']) => `tupleElement(${x}, ${Number(literalArg(e.args[1]))})`,
  mvfilter: (e, [list, predicate]) => {
    const v = e.args[2];
    if (v?.kind !== 'literal' || typeof v.value !== 'string')
      throw new Error('mvfilter needs its variable name');
    return `arrayFilter(${quoteIdent(v.value)} -> ifNull(${predicate}, false), ${list})`;
  },
  ...functionPrinters,
  ...mathPrinters,
  ...morePrinters,
  ...diffPrinters,
  ...associatePrinters,
  ...ngramPrinters,
  ...seriesPrinters,
  ...fieldsMapPrinters,
  ...jsonEditPrinters,
  ...modelPrinters,
  ...densityPrinters,
};

/** Functions whose last argument is their literal paths (or step), read by the printer itself. */
const pathTail: ReadonlySet<IrFn> = new Set([
  'fields_filled',
  'json_paths',
  'json_set',
  'json_delete',
  'json_append',
  'json_extend',
  'lookup_json',
  'lookup_values',
]);

/** Search predicates whose arguments after the first are compile-time literals, read by the printer itself. */
const literalTail: ReadonlySet<IrFn> = new Set([
  'ngram_set',
  'extract_all',
  'model_index',
  'model_value',
  'unified_diff',
  'fixed',
  'spath',
  'field_values',
  'fields_matching',
  'map_matching',
  'kv_fields',
  'map_replace',
  'json_top_fields',
  'fields_tojson',
  'json_path',
  'json_path_list',
  'country_name',
  'xml_element',
  'time_bucket',
  'rex_group',
  'rex_groups',
  'num_bucket',
  'relative_time',
  'month_ms',
  'hash',
  'search_term',
  'search_eq',
  'search_lt',
  'search_le',
  'search_gt',
  'search_ge',
  'tonumber_base',
  'tostring_format',
  'mv_to_json_array',
  'json_is',
  'json_array_to_mv',
  'json_value',
  'abstract',
  'multikv_header',
  'xpath',
  'rollup_depth',
  'multikv_rows',
  'kmeans_centroids',
  'cluster_terms',
  'cluster_reps',
  'density_fit',
  'density_param',
]);

/** Functions whose arguments after the second are compile-time literals, read by the printer itself. */
const literalAfterTwo: ReadonlySet<IrFn> = new Set([
  'kmeans_nearest',
  'kmeans_centroid',
  'map_fill_missing',
  'map_merge',
]);

/** Functions whose arguments after the third are compile-time literals, read by the printer itself. */
const literalAfterThree: ReadonlySet<IrFn> = new Set(['cluster_label']);

/** From this many `field=value` terms on one field, an OR becomes one set test (`printSearchOr`). */
const SET_MIN_TERMS = 16;

/**
 * `a=1 OR a=2 OR … OR b=x`: the `field=value` terms (no wildcard) on the same field, when there are at least
 * `SET_MIN_TERMS` of them, become one set test in the place of the first; so do bare terms and phrases
 * (no wildcard) with the same edges, as one regular expression (`searchTermSet`: the IOCs a subsearch
 * returning `search` inserts); other terms print as they are. 8,000 OR-ed terms printed one by one passed
 * ClickHouse's `max_query_size` (issue 18).
 */
function printSearchOr(e: Call, ctx: ExprContext): string {
  const groups = new Map<
    string,
    { kind: 'eq' | 'term'; target: Expr; caseSensitive: boolean; term: boolean; values: string[] }
  >();
  const keys = e.args.map((a) => {
    if (a.kind !== 'call' || (a.fn !== 'search_eq' && a.fn !== 'search_term') || a.args[0] === undefined)
      return undefined;
    const value = a.args[1];
    if (value?.kind !== 'literal' || typeof value.value !== 'string' || value.value.includes('*'))
      return undefined;
    const caseSensitive = literalArg(a.args[2]) === true;
    const kind = a.fn === 'search_eq' ? 'eq' : 'term';
    const term = kind === 'term' && literalArg(a.args[3]) === true;
    // A term's edges (whether it starts and ends with a word character) are part of its expression.
    const edges =
      kind === 'term'
        ? JSON.stringify(termRegex(value.value, caseSensitive, term), ['prefix', 'suffix'])
        : '';
    // The same field: the target without where it was written.
    const target = JSON.stringify(a.args[0], (k, v: unknown) => (k === 'span' ? undefined : v));
    const key = `${kind}\u0000${String(caseSensitive)}\u0000${String(term)}\u0000${edges}\u0000${target}`;
    const group = groups.get(key) ?? { kind, target: a.args[0], caseSensitive, term, values: [] };
    group.values.push(value.value);
    groups.set(key, group);
    return key;
  });
  const printedGroups = new Set<string>();
  const terms: string[] = [];
  e.args.forEach((a, i) => {
    const key = keys[i];
    const group = key === undefined ? undefined : groups.get(key);
    if (key === undefined || group === undefined || group.values.length < SET_MIN_TERMS) {
      terms.push(printExpr(a, ctx));
      return;
    }
    if (printedGroups.has(key)) return;
    printedGroups.add(key);
    const { target, caseSensitive, values } = group;
    terms.push(
      group.kind === 'term'
        ? searchTermSet(printExpr(target, ctx), values, caseSensitive, group.term, ctx.params)
        : withArrayValues(target, ctx, printExpr(target, ctx), (x, t) =>
            searchEqualsSet(t, x, values, caseSensitive, ctx.params),
          ),
    );
  });
  return terms.length === 1 ? (terms[0] ?? 'false') : `(${terms.join(' OR ')})`;
}

/** The ClickHouse type a fold carries for a value of `type`: a list, a number, or else text. */
function foldSqlType(type: ScalarType): string {
  return type === 'mv'
    ? 'Array(Nullable(String))'
    : type === 'number'
      ? 'Nullable(Float64)'
      : 'Nullable(String)';
}

function printCall(e: Call, ctx: ExprContext): string {
  if (e.fn === 'search_or' && e.args.length >= SET_MIN_TERMS) return printSearchOr(e, ctx);
  // Literal arguments read by the printer itself are not bound as parameters.
  // num_bucket's span is a literal, or (automatic bins) computed from the data and printed.
  const computedSpan = e.fn === 'num_bucket' && e.args[1] !== undefined && e.args[1].kind !== 'literal';
  const printed = computedSpan
    ? e.args
    : literalTail.has(e.fn)
      ? e.args.slice(0, 1)
      : e.fn === 'mvfilter' || e.fn === 'mvmap' || literalAfterTwo.has(e.fn)
        ? e.args.slice(0, 2)
        : literalAfterThree.has(e.fn)
          ? e.args.slice(0, 3)
          : e.fn === 'fold'
            ? e.args.slice(0, 3)
            : e.fn === 'fold_many'
              ? e.args.slice(0, 1 + 2 * Number(literalArg(e.args[e.args.length - 2])))
              : e.fn === 'fold_acc'
                ? []
                : e.fn === 'fold_get'
                  ? e.args.slice(0, 1)
                  : e.fn === 'relative_time_offset'
                    ? e.args.slice(0, 2)
                    : e.fn === 'printf'
                      ? e.args.slice(1)
                      : pathTail.has(e.fn)
                        ? e.args.slice(0, -1)
                        : e.args;
  return printers[e.fn](
    e,
    printed.map((a) => printExpr(a, ctx)),
    ctx,
  );
}

/**
 * A subsearch as a filter. One field: a hashed `IN`, case-insensitive. Several: a row matches when every
 * non-null field of some subsearch row matches (Splunk's implicit `format` leaves null fields out).
 */
function printInRel(e: InRel, ctx: ExprContext): string {
  if (!ctx.relSql) throw new Error('a subsearch filter needs a relation printer');
  const sub = ctx.relSql(e.rel);
  if (e.exact) {
    const [x] = e.exprs;
    const [c = ''] = e.columns;
    // limit 0: every row (the series past a `where … > N` threshold).
    const limit = e.limit > 0 ? ` LIMIT ${e.limit}` : '';
    return `ifNull(${x ? printExpr(x, ctx) : 'NULL'} IN (SELECT ${quoteIdent(c)} FROM (\n${sub}\n)${limit}), false)`;
  }
  const values = e.exprs.map((x) => `lowerUTF8(toString(${printExpr(x, ctx)}))`);
  const cols = e.columns.map((c) => `lowerUTF8(toString(${quoteIdent(c)}))`);
  const shape = e.shape ?? { rows: 'or', columns: 'and' };
  const isTerm = (i: number): boolean => e.terms?.[i] === true;
  if (e.columns.length === 1 && shape.rows === 'or' && !isTerm(0)) {
    return `ifNull(${values[0]} IN (SELECT ${cols[0]} FROM (\n${sub}\n) WHERE isNotNull(${quoteIdent(e.columns[0] ?? '')}) LIMIT ${e.limit}), false)`;
  }
  // A row's null fields are left out of its test: true under AND, false under OR.
  const tests = values
    .map((v, i) => {
      const raw = e.exprs[i];
      const matches = isTerm(i)
        ? `ifNull(${searchTermOf(raw ? printExpr(raw, ctx) : "''", `t.${i + 1}`, ctx.params)}, false)`
        : `ifNull(${v} = t.${i + 1}, false)`;
      return shape.columns === 'and' ? `(isNull(t.${i + 1}) OR ${matches})` : matches;
    })
    .join(shape.columns === 'and' ? ' AND ' : ' OR ');
  const test = shape.columns === 'and' ? tests : `(${tests})`;
  const rows = `(SELECT groupArray(tuple(${cols.join(', ')})) FROM (SELECT * FROM (\n${sub}\n) LIMIT ${e.limit}))`;
  // Rows AND-ed: every row must match, and no rows at all matches nothing (Splunk's `NOT( )`).
  return shape.rows === 'or'
    ? `arrayExists(t -> ${test}, ${rows})`
    : `(notEmpty(${rows}) AND arrayAll(t -> ${test}, ${rows}))`;
}

/** The type of a structured field that reaches the result as it is: a string, or a list of strings. */
const fieldOutputType = 'Variant(Array(Nullable(String)), String)';

/**
 * A structured field's values as a list of strings: the elements of a JSON array (of any element type),
 * none for a single value or an absent field.
 */
export function printFieldList(path: string, json: string): string {
  const f = `${quoteIdent(json)}.${quoteIdent(path)}`;
  return `if(startsWith(dynamicType(${f}), 'Array'), ${jsonListSql(f)}, CAST([] AS Array(Nullable(String))))`;
}

/**
 * A JSON path's array as strings, through its JSON text: `CAST(<path> AS Array(Nullable(String)))` threw
 * (code 53) for a whole block as soon as one of its rows held a number or a boolean at that path, even in the
 * branch of an `if` that row does not take: a search failed, and an accelerated summary's view lost the block.
 * The same strings for every array (strings, numbers, mixed, objects as their JSON text).
 */
function jsonListSql(f: string): string {
  return `JSONExtract(ifNull(toJSONString(${f}), '[]'), 'Array(Nullable(String))')`;
}

/**
 * A structured field as the result shows it: a list stays a list (JSON array in `rows`), an empty list is
 * null, and a single value is its text as everywhere else.
 */
export function printFieldOutput(path: string, json: string): string {
  const f = `${quoteIdent(json)}.${quoteIdent(path)}`;
  const list = printFieldList(path, json);
  return `if(startsWith(dynamicType(${f}), 'Array'), if(empty(${list}), NULL, CAST(${list} AS ${fieldOutputType})), CAST(${printField(path, json)} AS ${fieldOutputType}))`;
}
