// SQL fragments for lookup tables: a table's rows at its current version, cells as nullable strings, and
// the matches of one lookup grouped by key.
//
// Storage (src/store/migrations.ts): `lookup_rows` holds every version's rows (`cells` maps a column to its
// text); `lookup_tables` holds one pointer row per write. A query reads only the rows of the newest
// pointer's version, so a replacement becomes visible all at once, and never mixed with the old rows.

import type { LookupSource, LookupTimeSettings, LookupValuesSpec } from '../../ir/types.ts';
import type { Params } from './quote.ts';
import { parseTimeSql } from './time-format.ts';
import { quoteIdent } from './quote.ts';

/** WHERE conditions for a table's rows at its current version (0, no rows, once the table is deleted). */
export function currentRowsWhere(t: LookupSource, params: Params): string {
  const org = params.string(t.orgId);
  const name = params.string(t.name);
  const version = `(SELECT max(${quoteIdent('version')}) FROM ${quoteIdent('lookup_tables')} WHERE ${quoteIdent('org_id')} = ${org} AND ${quoteIdent('name')} = ${name})`;
  return `${quoteIdent('org_id')} = ${org} AND ${quoteIdent('name')} = ${name} AND ${quoteIdent('version')} = ${version}`;
}

/** A cell of `cells` (a Map or a lambda's map) as a nullable string: an empty cell is null, as in Splunk. */
export function cellSql(cells: string, column: string, params: Params): string {
  return `nullIf(${cells}[${params.string(column)}], '')`;
}

/**
 * The matches of a lookup: one row per distinct key (aliases `keyAliases`, in `columns` order), with
 * `matchesAlias` holding at most `maxMatches` `(row, cells)` tuples in file order. Empty keys never match.
 * A time-based lookup (`time`) keeps every row, as `(row, cells, time)`: the event's time picks among them.
 */
export function lookupMatchesSql(
  t: LookupSource,
  columns: readonly string[],
  keyAliases: readonly string[],
  matchesAlias: string,
  maxMatches: number,
  params: Params,
  time?: LookupTimeSettings,
): string {
  const cells = quoteIdent('cells');
  const keys = columns.map((c, i) => `${cellSql(cells, c, params)} AS ${quoteIdent(keyAliases[i] ?? '')}`);
  const present = columns.map((c) => `${cells}[${params.string(c)}] != ''`);
  const matches = time
    ? `groupArray((${quoteIdent('row')}, ${cells}, ${rowTimeSql(cells, time, params)}))`
    : `arraySlice(arraySort(m -> m.1, groupArray((${quoteIdent('row')}, ${cells}))), 1, ${Math.trunc(maxMatches)})`;
  return [
    `SELECT ${[...keys, `${matches} AS ${quoteIdent(matchesAlias)}`].join(', ')}`,
    `FROM ${quoteIdent('lookup_rows')}`,
    `WHERE ${[currentRowsWhere(t, params), ...present].join(' AND ')}`,
    `GROUP BY ${keyAliases.map(quoteIdent).join(', ')}`,
  ].join('\n');
}

/** A lookup row's time in epoch seconds (null when its cell is empty or does not parse). */
function rowTimeSql(cells: string, time: LookupTimeSettings, params: Params): string {
  const cell = cellSql(cells, time.column, params);
  return time.format === null
    ? `toFloat64OrNull(${cell})`
    : `toFloat64(${parseTimeSql(cell, time.format, params.string(time.timeZone), params)})`;
}

/**
 * The matches of a time-based lookup for an event at `eventSecs`: the rows `minOffsetSecs` to
 * `maxOffsetSecs` before it, latest first (file order among equal times), at most `maxMatches`.
 */
export function matchesAtSql(
  matches: string,
  eventSecs: string,
  time: LookupTimeSettings,
  maxMatches: number,
): string {
  const offset = `(${eventSecs} - m.3)`;
  const within = `isNotNull(m.3) AND ${offset} >= ${Number(time.minOffsetSecs)} AND ${offset} <= ${Number(time.maxOffsetSecs)}`;
  return `arraySlice(arraySort(m -> (-m.3, m.1), arrayFilter(m -> ${within}, ${matches})), 1, ${Math.trunc(maxMatches)})`;
}

/** One output column of the matches: the non-empty values of `column`, in file order. */
export function matchedValuesSql(matches: string, column: string, params: Params): string {
  return `arrayFilter(v -> isNotNull(v), arrayMap(m -> ${cellSql('m.2', column, params)}, ${matches}))`;
}

/**
 * Every key a row looks for, as an array: one per combination of the list keys' values, the first list
 * outermost (the lookup command's order). `lists` are the list keys' SQL; `probe` is the key, written with
 * `v<i>` for the i-th list's value.
 */
export function keyProbes(lists: readonly string[], probe: string): string {
  return lists.reduceRight(
    (inner, list, i) => `arrayFlatten(arrayMap(v${i} -> ${inner}, ${list}))`,
    `[${probe}]`,
  );
}

/**
 * `lookup_values` as SQL: the table's keys and matches as one constant (a scalar subquery, read once per
 * query), and the matches of the row's key found in it by position. `keys` are the printed key arguments;
 * `listKeys[i]` says the i-th is a multivalue field, each of whose values is looked up (with several list
 * keys, each combination), the matches in value order, as the lookup command does; `eventSecs`, the
 * event's time in epoch seconds (a time-based lookup).
 */
export function lookupValuesSql(
  spec: LookupValuesSpec,
  keys: readonly string[],
  params: Params,
  listKeys: readonly boolean[] = [],
  eventSecs = 'NULL',
): string {
  const aliases = spec.keys.map((_, i) => `k${i}`);
  const matches = lookupMatchesSql(spec.table, spec.keys, aliases, 'm', spec.maxMatches, params, spec.time);
  const tableKey =
    aliases.length === 1 ? quoteIdent(aliases[0] ?? '') : `tuple(${aliases.map(quoteIdent).join(', ')})`;
  const table = `(SELECT tuple(groupArray(${tableKey}), groupArray(${quoteIdent('m')})) FROM (\n${matches}\n))`;
  const cast = (k: string): string => `CAST(${k} AS Nullable(String))`;
  const at = (found: string): string =>
    spec.time ? matchesAtSql(found, eventSecs, spec.time, spec.maxMatches) : found;
  const found = (probe: string): string =>
    at(`arrayElement(tupleElement(${table}, 2), indexOf(tupleElement(${table}, 1), ${probe}))`);
  const lists: string[] = [];
  const value = (k: string, i: number): string => {
    if (listKeys[i] !== true) return cast(k);
    lists.push(k);
    return cast(`v${lists.length - 1}`);
  };
  const values = keys.map(value);
  const probe = values.length === 1 ? (values[0] ?? 'NULL') : `tuple(${values.join(', ')})`;
  if (lists.length === 0) return matchedValuesSql(found(probe), spec.output, params);
  return `arrayFlatten(arrayMap(q -> ${matchedValuesSql(found('q'), spec.output, params)}, ${keyProbes(lists, probe)}))`;
}
