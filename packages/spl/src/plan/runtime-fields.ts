// Wildcard aggregations over raw events, whose structured field names are known only when the search runs:
// the event's matching fields as a map of output name → values, which stats, eventstats and streamstats
// aggregate per name.

import type { Aggregation, Ident } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, FieldsStatsFn } from '../ir/types.ts';
import { call, col, lit, seriesColumn } from '../ir/types.ts';
import { fieldPatternRegExp, patternReplacement } from './scope.ts';
import type { Scope } from './scope.ts';

/** Reports a wildcard aggregation over raw events that is not supported (yet), at `at`. */
export function runtimeUnsupported(why: string, at: Span, errors: Diagnostic[]): undefined {
  errors.push(
    diagnostic(
      'unsupported',
      `wildcard fields in aggregations over raw events (whose field names are known only when the search runs) ${why}`,
      at,
      ['name the fields first, for example with `table` or `fields`'],
    ),
  );
  return undefined;
}

const fieldsStatsFns: Readonly<Record<FieldsStatsFn, true>> = {
  count_field: true,
  dc: true,
  sum: true,
  avg: true,
  min: true,
  max: true,
  range: true,
  stdev: true,
  stdevp: true,
  var: true,
  varp: true,
  values: true,
  list: true,
  mode: true,
  perc: true,
};

export function isFieldsStatsFn(fn: string): fn is FieldsStatsFn {
  return Object.hasOwn(fieldsStatsFns, fn);
}

/** The functions stats, eventstats and streamstats take over wildcard fields of raw events, for messages. */
export const fieldsStatsNames =
  '`count`, `dc`, `sum`, `avg`, `min`, `max`, `range`, `stdev`, `stdevp`, `var`, `varp`, `mode`, `median`, the percentiles, `values` and `list`';

/**
 * The argument of a wildcard aggregation `a` (`values(<wc-field>) [AS <wc-field>]`) over raw events: a map of
 * the event's structured fields the pattern matches, output name → values. The names follow the same rules as
 * over known fields (`expandWildcards`): the alias with the wildcard's match, `fn(<field>)` without one;
 * internal `_` fields only for a pattern that starts with `_`; a group-by field is no source, and an output
 * named like a group-by field or another aggregation (`others`) is left out (the column wins). Known columns
 * the pattern matches (`host`, a field an `eval` made) have their ordinary aggregations and hide structured
 * fields of the same name. Undefined after a diagnostic.
 */
export function runtimeFields(
  a: Aggregation,
  others: readonly string[],
  scope: Scope,
  rows: readonly Ident[],
  errors: Diagnostic[],
): Expr | undefined {
  if (a.arg?.kind !== 'agg-field') return undefined;
  const pattern = a.arg.field.pattern;
  const alias = a.alias?.name;
  const stars = (p: string): number => p.split('*').length - 1;
  if (alias !== undefined && stars(alias) !== stars(pattern))
    return runtimeUnsupported(
      `need as many \`*\` in the AS name as in \`${pattern}\``,
      a.alias?.span ?? a.span,
      errors,
    );
  // The output name as `replaceRegexpOne` writes it: `\N` for the N-th `*`, `\0` for the whole name.
  const to = alias === undefined ? `${a.fn.name.replace(/\\/g, '\\\\')}(\\0)` : patternReplacement(alias);
  const names = rows.map((r) => r.name);
  return matchingFields(scope, pattern, to, names, [...names, ...others], a.span, (why) =>
    runtimeUnsupported(why, a.span, errors),
  );
}

/**
 * The event's structured fields whose names match `pattern`, as a map of output name (`to`, as
 * `replaceRegexpOne` writes it) → values, built when the search runs: the fields as they are now (after
 * removals, wildcard renames, `spath` without a path). Known columns, `skipSources` (virtual fields among
 * them are the caller's) and fields removed before are no sources; outputs named in `skipNames` are left out; internal `_` fields only for a pattern that starts
 * with `_`. Undefined after `unsupported` (earlier commands changed structured fields in ways not followed).
 */
export function matchingFields(
  scope: Scope,
  pattern: string,
  to: string,
  skipSources: readonly string[],
  skipNames: readonly string[],
  span: Span,
  unsupported: (why: string) => undefined,
): Expr | undefined {
  const re = fieldPatternRegExp(pattern);
  const series = scope.seriesType;
  if (series !== undefined) {
    // Series (`timechart … by`, `xyseries`): the series map's entries, each value as a list.
    const lists = call('map_lists', [col(seriesColumn, series, span)], 'mv', span);
    return call(
      'map_matching',
      [
        lists,
        lit(re.source),
        lit(to),
        lit(JSON.stringify([...skipSources, ...scope.fields.map((f) => f.name)])),
        lit(JSON.stringify(skipNames)),
        lit(pattern.startsWith('_')),
      ],
      'mv',
      span,
    );
  }
  // Structured fields changed by commands before (removals, wildcard renames, `spath` without a path): the
  // fields as they are now, as a map built when the search runs.
  const stored = scope.structuredAsStored(re, skipSources);
  const now = stored ? undefined : scope.structuredMap(re, skipSources);
  if (!stored && now === undefined)
    return unsupported(
      'cannot follow earlier commands that change structured fields (`replace`, `fillnull`, `join`, `xmlkv`, `extract` …) yet',
    );
  // Fields removed before (`fields -`) are no sources either (the map leaves them out itself: a later
  // `spath` may make them again).
  const sources = [
    ...skipSources,
    ...scope.fields.map((f) => f.name),
    ...(now === undefined ? scope.structuredChanges().dropped : []),
  ];
  return call(
    now === undefined ? 'fields_matching' : 'map_matching',
    [
      ...(now === undefined ? [] : [now]),
      lit(re.source),
      lit(to),
      lit(JSON.stringify(sources)),
      lit(JSON.stringify(skipNames)),
      lit(pattern.startsWith('_')),
    ],
    'mv',
    span,
  );
}
