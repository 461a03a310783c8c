// Series as columns: timechart/chart with a split-by field (limit, OTHER, NULL), xyseries and untable.
//
// SQL cannot name columns it learns from the data, so a pivot keeps every series of a row in one map
// column (`_series`, see the IR's `Pivot`) that the service expands into columns. Later commands read a
// series by name through the scope, and table/fields/rename/fillnull/addtotals act on the map.

import type {
  Aggregation,
  CommandOption,
  FieldPattern,
  Ident,
  UntableCommand,
  XyseriesCommand,
} from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Aggregate, AggFn, Expr, Fill, Rel, ScalarType } from '../ir/types.ts';
import { call, col, lit, seriesColumn } from '../ir/types.ts';
import { eachValue, exprContext, truthy } from './helpers.ts';
import type { PlanOptions, State } from './index.ts';
import { Scope, fieldPatternRegExp } from './scope.ts';
import { lowerAggregation } from './stats.ts';
import type { SeriesRule, SeriesWhere } from './series-filter.ts';
import { keepSeries, labelColumn } from './series-filter.ts';

/** Splunk's series options of `timechart` and `chart` (`limit`, `useother`, `usenull`, …). */
export interface SeriesOptions {
  /** Series kept (0 = all), ranked by the sum of the first statistic over the rows. */
  limit: number;
  /** `limit=bottomN`: the smallest sums are kept. */
  bottom: boolean;
  useother: boolean;
  usenull: boolean;
  otherstr: string;
  nullstr: string;
  sep: string;
  /** `format="$VAL$-$AGG$"`: the names of several statistics' series (wins over `sep`). */
  format?: string;
  /** `dedup_splitvals=`: only meaningful for a multivalue split field (checked in `splitSeries`). */
  dedupSplitvals?: CommandOption;
  /** `agg=max`: the statistic over each series' values that ranks it for `limit` (Splunk's default: sum). */
  agg?: Ident;
  /** An explicit `where <statistic> in top5` / `> 100` clause: replaces limit and agg. */
  where?: SeriesWhere;
}

export const defaultSeriesOptions = (): SeriesOptions => ({
  limit: 10,
  bottom: false,
  useother: true,
  usenull: true,
  otherstr: 'OTHER',
  nullstr: 'NULL',
  sep: ': ',
});

/** Reads `o` into `into` when it is a series option; false when it is some other option. */
export function seriesOption(o: CommandOption, into: SeriesOptions, errors: Diagnostic[]): boolean {
  const v = o.value.text;
  switch (o.key.name.toLowerCase()) {
    case 'limit': {
      const m = /^(top|bottom)?(\d+)$/i.exec(v);
      if (!m) {
        errors.push(
          diagnostic(
            'semantic',
            `\`limit\` must be a number, \`topN\` or \`bottomN\`, found \`${v}\``,
            o.value.span,
          ),
        );
        return true;
      }
      into.limit = Number(m[2]);
      into.bottom = (m[1] ?? '').toLowerCase() === 'bottom';
      return true;
    }
    case 'useother':
      into.useother = truthy(v);
      return true;
    case 'usenull':
      into.usenull = truthy(v);
      return true;
    case 'otherstr':
      into.otherstr = v;
      return true;
    case 'nullstr':
      into.nullstr = v;
      return true;
    case 'sep':
      into.sep = v;
      return true;
    case 'format':
      into.format = v;
      return true;
    case 'dedup_splitvals':
      into.dedupSplitvals = o;
      return true;
    case 'agg':
      if (!/^[A-Za-z_][\w.]*$/.test(v)) {
        errors.push(
          diagnostic(
            'unsupported',
            `\`agg=\` takes a statistic's name, such as \`agg=max\`; found \`${v}\``,
            o.value.span,
          ),
        );
        return true;
      }
      into.agg = { kind: 'ident', name: v, quoted: false, span: o.value.span };
      return true;
    default:
      return false;
  }
}

/** Statistics whose value over no events is 0, not empty: a missing cell shows 0. */
const zeroWhenEmpty: ReadonlySet<AggFn> = new Set(['count', 'count_field', 'dc', 'estdc']);

/** The map's value type for values of `types`: numbers, multivalue, or text; undefined when mixed with mv. */
function valueTypeOf(types: readonly ScalarType[]): 'number' | 'any' | 'mv' | undefined {
  if (types.every((t) => t === 'number')) return 'number';
  if (types.every((t) => t === 'mv')) return 'mv';
  return types.includes('mv') ? undefined : 'any';
}

/**
 * `<aggs> … by <split>` as series: one row per value of `rows` (the time bucket, or chart's row field),
 * one series per value of the split field. With `limit=N` the N series with the largest sum of the first
 * statistic are kept and the rest folded into `OTHER` (recomputed from their events, not summed);
 * events without the split field form the `NULL` series unless `usenull=f`.
 */
export function splitSeries(args: {
  s: State;
  command: Ident;
  /** `keepNull`: a planner's key beside the row field (chart's bin index), whose nulls are kept. */
  rows: readonly { name: string; expr: Expr; type: ScalarType; keepNull?: boolean }[];
  split: Ident;
  aggregations: readonly Aggregation[];
  /** `timechart`'s time bucket, for `per_second` … `per_day`. */
  bucket?: Expr;
  series: SeriesOptions;
  fill?: Omit<Fill, 'kind' | 'input'>;
  text: string;
  options: PlanOptions;
  errors: Diagnostic[];
}): State {
  const { rows, split, series, errors } = args;
  // A multivalue split field counts the event under each of its values (with `dedup_splitvals=true`, a
  // value repeated in one event once); the aggregations read the expanded rows.
  const dedup = series.dedupSplitvals !== undefined && truthy(series.dedupSplitvals.value.text);
  // Series are named by text, so a raw event's structured field holding a JSON array splits too.
  const { s, expr: splitExpr } = eachValue(args.s, split, { dedup, structured: true });
  const ctx = exprContext(s, args.options, errors);
  const aggregates: Aggregate[] = args.aggregations.flatMap(
    (a) => lowerAggregation(a, ctx, args.text, errors, args.bucket) ?? [],
  );
  const first = aggregates[0];
  const valueType = valueTypeOf(aggregates.map((a) => a.type));
  if (!first) return s;
  if (!valueType) {
    errors.push(
      diagnostic(
        'unsupported',
        'multivalue statistics (`values`, `list`) mixed with single values in one split are not supported yet',
        args.command.span,
      ),
    );
    return s;
  }
  const raw = call('tostring', [splitExpr], 'string', split.span);
  const label = series.usenull ? call('coalesce', [raw, lit(series.nullstr)], 'string', split.span) : raw;
  const groups = rows.map((r) => ({
    name: r.name,
    expr: r.expr,
    ...(r.keepNull === true ? { keepNull: true } : {}),
  }));
  // usenull=f: events without the split field count nowhere (not even in OTHER).
  const base: Rel = series.usenull
    ? s.rel
    : { kind: 'filter', input: s.rel, predicate: call('isnotnull', [raw], 'bool') };
  let input = base;
  let kept: Expr = label;
  // Splunk: limit and agg are ignored when a where clause is given; limit=0 keeps every series.
  const rule: SeriesRule | undefined =
    series.where?.rule ??
    (series.limit > 0 ? { kind: 'rank', n: series.limit, bottom: series.bottom, notIn: false } : undefined);
  if (rule) {
    const fn = series.where ? series.where.fn : series.agg;
    const keep = keepSeries({
      base,
      groups,
      label,
      first,
      rule,
      ...(fn ? { fn } : {}),
      useother: series.useother,
      otherstr: series.otherstr,
      split,
      text: args.text,
      options: args.options,
      errors,
    });
    if (!keep) return s;
    input = keep.input;
    kept = keep.kept;
  }
  const cells: Rel = {
    kind: 'aggregate',
    input,
    groups: [...groups, { name: labelColumn, expr: kept }],
    aggregates,
  };
  const keys = rows.map((r) => ({ name: r.name, type: r.type }));
  return {
    rel: {
      kind: 'pivot',
      input: cells,
      keys,
      label: labelColumn,
      values: aggregates.map((a) => ({ name: a.name, zero: zeroWhenEmpty.has(a.fn) })),
      prefix: aggregates.length > 1,
      sep: series.sep,
      ...(series.format === undefined ? {} : { format: series.format }),
      last: [series.nullstr, series.otherstr].filter((x, i) => i === 0 || x !== series.nullstr),
      valueType,
      column: seriesColumn,
      ...(args.fill ? { fill: args.fill } : {}),
    },
    scope: Scope.series(keys, valueType),
  };
}

/** A column for `name` (its value where it is), so a relation can carry it under that name. */
function materialise(rel: Rel, scope: Scope, name: Ident): { rel: Rel; type: ScalarType } {
  const expr = scope.resolve(name.name, name.span);
  if (expr.kind === 'column' && expr.name === name.name) return { rel, type: expr.type };
  return {
    rel: { kind: 'compute', input: rel, name: name.name, expr },
    type: expr.type === 'null' ? 'any' : expr.type,
  };
}

/**
 * `xyseries <x> <y> <value>…`: one row per value of `x`, one column per value of `y` holding `value`
 * (several values: `<value>: <y>`). Rows missing `x` or `y` are dropped.
 */
export function xyseries(c: XyseriesCommand, s: State, errors: Diagnostic[]): State {
  const series = defaultSeriesOptions();
  for (const o of c.options) {
    const k = o.key.name.toLowerCase();
    if (k === 'sep') series.sep = o.value.text;
    else if (k === 'format') series.format = o.value.text;
    // `grouped=true` says the input is already sorted by the x field (Splunk then streams it): the rows are
    // the same either way.
    else if (k === 'grouped') continue;
    else errors.push(diagnostic('unsupported', `\`xyseries ${o.key.name}=\` is not supported yet`, o.span));
  }
  let rel = s.rel;
  const x = s.scope.resolve(c.x.name, c.x.span);
  const y = call('tostring', [s.scope.resolve(c.y.name, c.y.span)], 'string', c.y.span);
  rel = {
    kind: 'filter',
    input: rel,
    predicate: call('and', [call('isnotnull', [x], 'bool'), call('isnotnull', [y], 'bool')], 'bool'),
  };
  rel = { kind: 'compute', input: rel, name: labelColumn, expr: y };
  const xType: ScalarType = x.type === 'null' ? 'any' : x.type;
  if (!(x.kind === 'column' && x.name === c.x.name))
    rel = { kind: 'compute', input: rel, name: c.x.name, expr: x };
  const types: ScalarType[] = [];
  for (const v of c.values) {
    const m = materialise(rel, s.scope, v);
    rel = m.rel;
    types.push(m.type);
  }
  const valueType = valueTypeOf(types);
  if (!valueType) {
    errors.push(
      diagnostic(
        'unsupported',
        'multivalue and single values in one `xyseries` are not supported yet',
        c.span,
      ),
    );
    return s;
  }
  const keys = [{ name: c.x.name, type: xType }];
  return {
    rel: {
      kind: 'pivot',
      input: rel,
      keys,
      label: labelColumn,
      values: c.values.map((v) => ({ name: v.name, zero: false })),
      prefix: c.values.length > 1,
      sep: series.sep,
      ...(series.format === undefined ? {} : { format: series.format }),
      last: [],
      valueType,
      column: seriesColumn,
    },
    scope: Scope.series(keys, valueType),
  };
}

/**
 * `untable <x> <name> <value>`: one row per field of each result other than `x` (and the series of a
 * pivot): `x`, the field's name, its value. Empty values make no row, so untable undoes xyseries.
 */
export function untable(c: UntableCommand, s: State, errors: Diagnostic[]): State {
  if (s.scope.raw) {
    errors.push(
      diagnostic(
        'unsupported',
        '`untable` over raw events is not supported yet: their field names are not known ahead',
        c.name.span,
        ['use `table` or `stats` first'],
      ),
    );
    return s;
  }
  const seriesType = s.scope.seriesType;
  const columns = s.scope.columns.filter(
    (x) => x.name !== c.x.name && x.name !== seriesColumn && !x.name.startsWith('_'),
  );
  const types = [...columns.map((x) => x.type), ...(seriesType ? [seriesType] : [])];
  if (types.includes('mv')) {
    errors.push(diagnostic('unsupported', '`untable` of multivalue fields is not supported yet', c.span));
    return s;
  }
  const valueType: ScalarType = types.every((t) => t === 'number') ? 'number' : 'any';
  const m = materialise(s.rel, s.scope, c.x);
  return {
    rel: {
      kind: 'unpivot',
      input: m.rel,
      key: c.x.name,
      columns: columns.map((x) => x.name),
      ...(seriesType ? { series: seriesColumn } : {}),
      nameColumn: c.nameField.name,
      valueColumn: c.valueField.name,
      valueType,
    },
    scope: Scope.closed([
      { name: c.x.name, type: m.type },
      { name: c.nameField.name, type: 'string' },
      { name: c.valueField.name, type: valueType },
    ]),
  };
}

/**
 * False (with an `unsupported` diagnostic) when one of `states` carries series as a map: combining results
 * side by side or one after the other needs their columns known, which a pivot's series are not.
 */
export function withoutSeries(command: Ident, states: readonly State[], errors: Diagnostic[]): boolean {
  if (states.every((st) => st.scope.seriesType === undefined)) return true;
  errors.push(
    diagnostic(
      'unsupported',
      `\`${command.name}\` with the series of \`timechart\`, \`chart … by\` or \`xyseries\` is not supported yet`,
      command.span,
      ['use `stats … by` (series as rows) before combining'],
    ),
  );
  return false;
}

/**
 * After a pivot, the patterns of a field list that reach series in the map: wildcards and names that are
 * not fields (`[]` for none).
 */
export function seriesPatterns(fields: readonly FieldPattern[], s: Scope): string[] {
  if (s.seriesType === undefined) return [];
  return fields.filter((f) => f.pattern.includes('*') || !s.has(f.pattern)).map((f) => f.pattern);
}

/** Regex text for a field pattern (`web*` → `^web(.*)$`), bound as a parameter in SQL. */
export function patternRegex(pattern: string): string {
  return fieldPatternRegExp(pattern).source;
}

/** The series map with only the entries `patterns` match, ordered by the first pattern matched. */
export function selectSeries(s: Scope, patterns: readonly string[], span?: Span): Expr | undefined {
  const type = s.seriesType;
  if (type === undefined) return undefined;
  return call(
    'map_select',
    [col(seriesColumn, type), ...patterns.map((p) => lit(patternRegex(p)))],
    type,
    span,
  );
}

/** The series map without the entries `patterns` match. */
export function dropSeries(s: Scope, patterns: readonly string[]): Expr | undefined {
  const type = s.seriesType;
  if (type === undefined || patterns.length === 0) return undefined;
  return call('map_drop', [col(seriesColumn, type), ...patterns.map((p) => lit(patternRegex(p)))], type);
}

/** The series map with names matching `from` renamed to `to` (`*` captures carried over). */
export function renameSeries(map: Expr, from: string, to: string): Expr {
  let n = 0;
  const replacement = to
    .split('*')
    .map((part) => part.replace(/\\/g, '\\\\'))
    .reduce((acc, part, i) => (i === 0 ? part : `${acc}\\${++n}${part}`), '');
  return call('map_rename', [map, lit(patternRegex(from)), lit(replacement)], map.type);
}
