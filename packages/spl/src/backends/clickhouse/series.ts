// ClickHouse SQL for the series map of pivoted results (timechart/chart with a split-by field, xyseries):
// one `Map(String, V)` column holding every series of a row, expanded into columns by the service.

import type { ScalarType } from '../../ir/types.ts';
import { seriesEntryColumn } from '../../ir/types.ts';
import { quoteIdent } from './quote.ts';
import type { FunctionPrinter } from './functions.ts';

/** The index (1-based) of the first regex `key` matches, 0 for none: `multiIf(match(k, r1), 1, …, 0)`. */
function firstMatch(key: string, regexes: readonly string[]): string {
  if (regexes.length === 0) return '0';
  return `multiIf(${regexes.map((r, i) => `match(${key}, ${r}), ${i + 1}`).join(', ')}, 0)`;
}

/** `x` as a value of a series map whose values are of `type` (numbers, lists, or text). */
export function seriesValue(type: ScalarType, x: string): string {
  switch (type) {
    case 'number':
      return `toNullable(toFloat64(${x}))`;
    case 'mv':
      return x;
    default:
      return `toNullable(toString(${x}))`;
  }
}

export const seriesPrinters: Record<
  'map_get' | 'map_select' | 'map_drop' | 'map_rename' | 'map_fill' | 'map_sum' | 'map_apply' | 'map_lists',
  FunctionPrinter
> = {
  map_get: (_e, [m, k]) => `${m}[${k}]`,
  map_select: (_e, [m = '', ...regexes]) => {
    // Entries whose names match, ordered by the first pattern they match, then by their place.
    // The map is a column reference (the series column), so repeating it costs nothing.
    const rank = firstMatch(`mapKeys(${m})[i]`, regexes);
    const order = `arraySort(i -> (${rank}, i), arrayFilter(i -> ${rank} > 0, arrayEnumerate(mapKeys(${m}))))`;
    return `mapFromArrays(arrayMap(i -> mapKeys(${m})[i], ${order}), arrayMap(i -> mapValues(${m})[i], ${order}))`;
  },
  map_drop: (_e, [m = '', ...regexes]) => `mapFilter((k, v) -> ${firstMatch('k', regexes)} = 0, ${m})`,
  map_rename: (_e, [m = '', regex = '', replacement = '']) =>
    `mapFromArrays(arrayMap(k -> if(match(k, ${regex}), replaceRegexpOne(k, ${regex}, ${replacement}), k), mapKeys(${m})), mapValues(${m}))`,
  map_fill: (e, [m, v = 'NULL', ...regexes]) => {
    const filled = `coalesce(${seriesValue(e.type, 'x')}, ${seriesValue(e.type, v)})`;
    const value =
      regexes.length === 0
        ? filled
        : `if(${firstMatch('k', regexes)} > 0, ${filled}, ${seriesValue(e.type, 'x')})`;
    return `mapApply((k, x) -> (k, ${value}), ${m})`;
  },
  map_apply: (e, [m = '', value = 'NULL', ...regexes]) => {
    // The value expression reads the entry's value as a column: the lambda's variable. The key's variable
    // has a planner's name, so the expression's own fields (a field `k`) are not shadowed.
    const x = quoteIdent(seriesEntryColumn);
    const k = quoteIdent(`${seriesEntryColumn}_key`);
    return `mapApply((${k}, ${x}) -> (${k}, if(${firstMatch(k, regexes)} > 0, ${seriesValue(e.type, value)}, ${x})), ${m})`;
  },
  map_lists: (e, [m = '']) => {
    const value =
      e.args[0]?.type === 'mv'
        ? 'CAST(v AS Array(Nullable(String)))'
        : `if(isNull(v), CAST([] AS Array(Nullable(String))), [toNullable(toString(v))])`;
    return `mapApply((k, v) -> (k, ${value}), ${m})`;
  },
  map_sum: (e, [m = '']) => {
    const values =
      e.args[0]?.type === 'number'
        ? `mapValues(${m})`
        : `arrayMap(x -> toFloat64OrNull(toString(x)), mapValues(${m}))`;
    return `if(arrayCount(x -> isNotNull(x), ${values}) = 0, NULL, arraySum(x -> ifNull(x, 0), ${values}))`;
  },
};
