// The events' structured fields (their JSON column) after the changes commands made to them by name only.

import type { FieldsStep, FilledFields } from '../../ir/types.ts';
import type { Params } from './quote.ts';
import { quoteIdent } from './quote.ts';

/**
 * The value `v` (SQL text) after `replace`'s pairs: the first pair whose `re` matches the whole value
 * replaces it with its `by`; no pair matching, as it was.
 */
export function replacedSql(
  v: string,
  pairs: readonly { readonly re: string; readonly by: string }[],
  params: Params,
): string {
  const branches = pairs.map(
    (p) =>
      `match(${v}, ${params.string(p.re)}), replaceRegexpOne(${v}, ${params.string(p.re)}, ${params.string(p.by)})`,
  );
  return `multiIf(${branches.join(', ')}, ${v})`;
}

/**
 * Whether the name `n` (SQL text) matches one of the regular expressions `patterns`; `true` without any.
 * With `internal` false, a name starting with `_` only matches a pattern that starts with `_` (`^_`).
 */
export function namedBy(
  n: string,
  patterns: readonly string[] | undefined,
  params: Params,
  internal = true,
): string {
  if (patterns === undefined || patterns.length === 0) return 'true';
  const one = (p: string): string =>
    internal || p.startsWith('^_')
      ? `match(${n}, ${params.string(p)})`
      : `(match(${n}, ${params.string(p)}) AND NOT startsWith(${n}, '_'))`;
  return `(${patterns.map(one).join(' OR ')})`;
}

/**
 * The events' `_fields` as JSON text with the fields one command filled: the names `fillnull` fills that an
 * event lacks (with the fill value), or a merged JSON column's fields (the event's own win unless `overwrite`).
 * A dotted name becomes a nested path again when the text is cast back to JSON.
 */
export function filledJson(filled: FilledFields | undefined, params: Params, json: string): string {
  const fields = quoteIdent(json);
  if (filled === undefined) return fields;
  if (filled.kind === 'map') {
    // Only the values a pair matches change: a patch of those, text values and lists of them apart.
    const replaced = (v: string): string => replacedSql(v, filled.pairs, params);
    // Only the fields the patterns name (`IN` with wildcards); all without.
    const all = `arrayZip(JSONAllPaths(${fields}), JSONAllValues(${fields}))`;
    const pairs = filled.patterns?.length
      ? `arrayFilter(p -> ${namedBy('p.1', filled.patterns, params, false)}, ${all})`
      : all;
    // The values come as text (a list in ClickHouse's text form, which CAST reads back); the types tell lists.
    const isList = `startsWith(JSONAllPathsWithTypes(${fields})[p.1], 'Array')`;
    const texts = `arrayMap(p -> (p.1, ifNull(CAST(p.2 AS Nullable(String)), '')), arrayFilter(p -> NOT ${isList}, ${pairs}))`;
    const textPatch = `toJSONString(CAST(mapFromArrays(arrayMap(p -> p.1, arrayFilter(p -> ${replaced('p.2')} != p.2, ${texts})), arrayMap(p -> ${replaced('p.2')}, arrayFilter(p -> ${replaced('p.2')} != p.2, ${texts}))) AS Map(String, String)))`;
    const lists = `arrayMap(p -> (p.1, arrayMap(x -> ifNull(x, ''), CAST(p.2 AS Array(Nullable(String))))), arrayFilter(p -> ${isList}, ${pairs}))`;
    const listPatch = `toJSONString(CAST(mapFromArrays(arrayMap(p -> p.1, ${lists}), arrayMap(p -> arrayMap(x -> ${replaced('x')}, p.2), ${lists})) AS Map(String, Array(String))))`;
    // Each patch's dotted names nested as the events' JSON text nests them (else `a.b` would be there twice).
    const nested = (patch: string): string => `toJSONString(CAST(${patch} AS JSON))`;
    return `JSONMergePatch(ifNull(toJSONString(${fields}), '{}'), ${nested(textPatch)}, ${nested(listPatch)})`;
  }
  if (filled.kind === 'merge') {
    // A result without a match (`join type=left`) has no merged fields.
    const other = `ifNull(toJSONString(${quoteIdent(filled.column)}), '{}')`;
    // A pasted row beyond the results (appendcols) has no fields of its own.
    const own = `ifNull(toJSONString(${fields}), '{}')`;
    return filled.overwrite ? `JSONMergePatch(${own}, ${other})` : `JSONMergePatch(${other}, ${own})`;
  }
  const matching =
    filled.patterns.length === 0
      ? ''
      : ` AND (${filled.patterns.map((p) => `match(n, ${params.string(p)})`).join(' OR ')})`;
  const missing = `arrayMap(n -> assumeNotNull(n), arrayFilter(n -> isNotNull(n) AND NOT has(JSONAllPaths(${fields}), assumeNotNull(n))${matching}, ${quoteIdent(filled.names)}))`;
  const patch = `toJSONString(CAST(mapFromArrays(${missing}, arrayMap(n -> ${params.string(filled.value)}, ${missing})) AS Map(String, String)))`;
  return `JSONMergePatch(toJSONString(${fields}), ${patch})`;
}

/**
 * The JSON column `json` after one step (`fields_filled`, see `Project.fields`): a removal leaves out the
 * paths through the JSON type, as the events shown leave out removed fields; a fill, merge or map is
 * `filledJson`'s text read back as JSON.
 *
 * @example { kind: 'drop', names: ['x'] } → CAST(toJSONString(`_fields`) AS JSON(SKIP `x`))
 */
export function fieldsStepSql(step: FieldsStep, params: Params, json: string): string {
  if (step.kind === 'drop') {
    if (step.names.length === 0) return quoteIdent(json);
    const skip = step.names.map((n) => `SKIP ${quoteIdent(n)}`).join(', ');
    return `CAST(toJSONString(${quoteIdent(json)}) AS JSON(${skip}))`;
  }
  return `CAST(${filledJson(step, params, json)} AS JSON)`;
}
