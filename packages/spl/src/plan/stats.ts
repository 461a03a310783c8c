// Lowers `stats` aggregations: Splunk's function names, literal output names, and each function's semantics.

import type {
  Aggregation,
  AggregationArg,
  EvalCall,
  EvalExpr,
  CommandOption,
  EventstatsCommand,
  Ident,
  StatsCommand,
  StreamstatsCommand,
} from '../ast.ts';
import type { TimeRange } from '../analyse/index.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import type { Aggregate, AggFn, Expr, FieldsStatsFn } from '../ir/types.ts';
import { call, col, fieldsStatValue, lit, seriesColumn } from '../ir/types.ts';
import { statsFunctionList } from '../functions/index.ts';
import type { ExprContext } from './coerce.ts';
import { lowerEval, toNumber } from './eval.ts';
import { eachValue, exprContext, optionText, timeOf, truthy } from './helpers.ts';
import type { PlanOptions, State } from './index.ts';
import { fieldPatternRegExp, fillPattern, plannerColumnPrefix, Scope } from './scope.ts';
import { fieldsStatsNames, isFieldsStatsFn, runtimeFields, runtimeUnsupported } from './runtime-fields.ts';
import { replaceCalls } from './eval-rewrite.ts';
import { resetSegments, timeKey, timeWindowMs, withPositions } from './streamstats.ts';
import { allNumeric, allnumOption } from './allnum.ts';
import { sparkline, withDataRange } from './sparkline.ts';

/** Splunk's stats function names (lower case) → the IR aggregate, from the registry; `percNN` and friends are parsed apart. */
export const aggregationNames: Readonly<Record<string, AggFn>> = Object.fromEntries(
  statsFunctionList.flatMap((f) =>
    f.notYet === undefined && f.agg !== undefined ? [[f.name, f.agg] as const] : [],
  ),
);

const percentilePrefixes = statsFunctionList.filter((f) => f.percentile).map((f) => f.name);
const percentilePattern = new RegExp(`^(?:${percentilePrefixes.join('|')})(\\d+(?:\\.\\d+)?)$`);

/** `perc95`, `p99.9`, `exactperc50`, `upperperc75`: the percentile, or undefined. */
function percentile(name: string): number | undefined {
  const m = percentilePattern.exec(name);
  if (!m) return undefined;
  const p = Number(m[1]);
  return p >= 0 && p <= 100 ? p : undefined;
}

/**
 * One row per combination of `rows` (all events when empty) with the aggregations: the shared core of
 * `stats`, `chart` and friends. Options are reported unsupported; events missing a row field are dropped.
 */
export function aggregateRows(
  command: { name: Ident; options: readonly CommandOption[]; aggregations: readonly Aggregation[] },
  rows: readonly Ident[],
  s: State,
  text: string,
  options: PlanOptions,
  errors: Diagnostic[],
  /** The search's time range, for `sparkline`. */
  range: TimeRange,
  /** `stats` (not `chart`): a wildcard over raw events makes the series map (see `runtimeNamed`). */
  runtimeNames = false,
  /** Groups before the row fields that may be null (chart's bin index); they join the output columns. */
  hidden: readonly { name: string; expr: Expr }[] = [],
): State {
  for (const o of command.options) {
    // partitions= only spreads Splunk's reduce over threads: the results are the same.
    if (['allnum', 'dedup_splitvals', 'partitions'].includes(o.key.name.toLowerCase())) continue;
    errors.push(
      diagnostic('unsupported', `\`${command.name.name} ${o.key.name}=\` is not supported yet`, o.span),
    );
  }
  const allnum = allnumOption(command.options);
  // dedup_splitvals=true: a value repeated in one event's multivalue BY field counts once.
  const dedup = truthy(optionText(command.options, 'dedup_splitvals'));
  if (command.aggregations.length === 0) {
    errors.push(
      diagnostic(
        'syntax',
        `\`${command.name.name}\` needs at least one aggregation, such as \`count\``,
        command.name.span,
      ),
    );
  }
  // A multivalue row field (a lookup's output) counts the event once per value, as Splunk does: the
  // values are expanded first (an event without values has none and is dropped).
  let expanded = s;
  const groups: { name: string; expr: Expr; keepNull?: boolean }[] = [
    ...hidden.map((h) => ({ ...h, keepNull: true })),
    ...rows.map((b) => {
      const each = eachValue(expanded, b, { dedup });
      expanded = each.s;
      return { name: b.name, expr: each.expr };
    }),
  ];
  let input = expanded.rel;
  const scope = expanded.scope;
  const ctx = exprContext(expanded, options, errors);
  const aggregations = expandWildcards(
    command.aggregations,
    s.scope,
    rows.map((b) => b.name),
    text,
    runtimeNames,
  );
  // Raw events' structured fields and series (`timechart … by`) are named only when the search runs.
  const named = runtimeNames && (s.scope.raw || s.scope.seriesType !== undefined);
  const names = named ? runtimeNamed(aggregations, s.scope, rows, text, errors) : undefined;
  // Wildcard aggregations left over raw events are runtimeNamed's: made there, or reported there once.
  const runtime = (a: Aggregation): boolean =>
    named && a.arg?.kind === 'agg-field' && a.arg.field.pattern.includes('*');
  const aggregates: Aggregate[] = aggregations.flatMap((a) => {
    if (a === names?.aggregations[0]) return [names.aggregate];
    if (runtime(a)) return [];
    const lowered = lowerAggregation(a, ctx, text, errors, undefined, range);
    return lowered === undefined ? [] : [allnum ? allNumeric(lowered) : lowered];
  });
  const columns = [
    ...groups.map((g) => ({ name: g.name, type: g.expr.type === 'null' ? ('any' as const) : g.expr.type })),
    ...aggregates.map((a) => ({ name: a.name, type: a.type })),
  ];
  // An all-time sparkline reads the data's range from every row.
  const time = scope.has('_time') || scope.raw ? scope.resolve('_time') : undefined;
  input = withDataRange(input, aggregates, time);
  return { rel: { kind: 'aggregate', input, groups, aggregates }, scope: Scope.closed(columns) };
}

/**
 * `<fn>(<wc-field>) [AS <wc-field>]` over raw events (`values(rp.*) AS *`, `dc(*) AS dc_*`), whose structured
 * field names are known only when the search runs: one aggregate makes the series map (`_series`, as after a
 * pivot; the service shows each series as a column and later commands read them by name) of output name →
 * that field's statistic in the group (`fields_map`; see `runtimeFields` for the names). Several such
 * aggregations share the map when they all give lists (`values`) or all numbers; between them, the first
 * wins a name. Undefined when there is no such aggregation, or after a diagnostic.
 */
function runtimeNamed(
  aggregations: readonly Aggregation[],
  scope: Scope,
  rows: readonly Ident[],
  text: string,
  errors: Diagnostic[],
): { aggregations: Aggregation[]; aggregate: Aggregate } | undefined {
  const wildcards = aggregations.filter(
    (a) => a.arg?.kind === 'agg-field' && a.arg.field.pattern.includes('*'),
  );
  if (wildcards.length === 0) return undefined;
  const stats: { a: Aggregation; each: FieldsStat }[] = [];
  for (const a of wildcards) {
    const each = fieldsStatsFn(a);
    if (each === undefined)
      return runtimeUnsupported(`are supported with ${fieldsStatsNames} only so far`, a.fn.span, errors);
    stats.push({ a, each });
  }
  // One series map holds one value type: numbers when every function gives numbers; with `values` or
  // `list` among them a list for every name (a number or text as a list of one value); with `mode` but no
  // list, text.
  const natives = stats.map((x) => fieldsStatValue(x.each.fn));
  const type: 'mv' | 'string' | 'number' = natives.includes('mv')
    ? 'mv'
    : natives.includes('string')
      ? 'string'
      : 'number';
  const maps: Aggregate[] = [];
  for (const { a, each } of stats) {
    const others = aggregations.filter((x) => x !== a).map((x) => aggregationName(x, text));
    const arg = runtimeFields(a, others, scope, rows, errors);
    if (arg === undefined) return undefined;
    // As `list` over a known field: newest first when the rows carry `_time`, else in their order.
    const time = each.fn === 'list' && (scope.raw || scope.has('_time')) ? scope.resolve('_time') : undefined;
    maps.push({
      name: seriesColumn,
      fn: 'fields_map',
      each: each.fn,
      arg,
      ...(each.param === undefined ? {} : { param: each.param }),
      ...(time ? { time } : {}),
      type,
    });
  }
  const [head, ...parts] = maps;
  if (head === undefined) return undefined;
  return { aggregations: wildcards, aggregate: parts.length > 0 ? { ...head, parts } : head };
}

/** What `fields_stats`/`fields_map` compute per name, and the percentile of `perc`. */
interface FieldsStat {
  readonly fn: FieldsStatsFn;
  readonly param?: number;
}

/**
 * What `fields_stats`/`fields_map` compute per name for aggregation `a` (`count(x*)` counts the events with
 * it; `perc95`, `median`, `exactperc`, `upperperc` are percentiles).
 */
function fieldsStatsFn(a: Aggregation): FieldsStat | undefined {
  const name = a.fn.name.toLowerCase();
  const perc = percentile(name);
  if (perc !== undefined) return { fn: 'perc', param: perc };
  const fn = aggregationNames[name];
  if (fn === 'perc') return { fn: 'perc', param: 50 };
  const each = fn === 'count_field' || fn === 'count' ? 'count_field' : fn;
  return each !== undefined && isFieldsStatsFn(each) ? { fn: each } : undefined;
}

/**
 * The wildcard aggregation `a` of eventstats or streamstats over raw events (`max(*) AS max_*`), whose
 * structured field names are known only when the search runs: one aggregate gives each result the JSON of
 * output name → the statistic of that field's values in its window (`fields_stats`), carried as a planner
 * column whose fields a later command reads by name and the results show (as filldown carries its fields,
 * see `Scope.withJoinedFields`), merged into `scope`. Known columns the pattern matches have ordinary
 * aggregations (`expandWildcards`). Undefined after a diagnostic.
 */
function runtimeWindowed(
  a: Aggregation,
  aggregations: readonly Aggregation[],
  s: State,
  scope: Scope,
  rows: readonly Ident[],
  text: string,
  errors: Diagnostic[],
): { aggregate: Aggregate; scope: Scope } | undefined {
  const each = fieldsStatsFn(a);
  if (each === undefined)
    return runtimeUnsupported(`are supported with ${fieldsStatsNames} only so far`, a.fn.span, errors);
  const others = aggregations.filter((x) => x !== a).map((x) => aggregationName(x, text));
  const arg = runtimeFields(a, others, s.scope, rows, errors);
  if (arg === undefined) return undefined;
  const name = `${plannerColumnPrefix}stats_${a.span.start}`;
  const time = each.fn === 'list' && s.scope.raw ? s.scope.resolve('_time') : undefined;
  const aggregate: Aggregate = {
    name,
    fn: 'fields_stats',
    each: each.fn,
    arg,
    ...(each.param === undefined ? {} : { param: each.param }),
    ...(time ? { time } : {}),
    type: 'any',
  };
  // `values` and `list` give lists: the names they make are read as lists.
  const made = a.alias?.name ?? `${a.fn.name}(${a.arg?.kind === 'agg-field' ? a.arg.field.pattern : '*'})`;
  const lists = fieldsStatValue(each.fn) === 'mv' ? fieldPatternRegExp(made).source : undefined;
  const merged = scope.with(name, 'any').withJoinedFields(col(name, 'any', a.span), true, a.span, lists);
  return { aggregate, scope: merged };
}

/**
 * `values(*) AS *`, `latest(x.*) AS *`: over known fields (after a transforming command), one aggregation
 * per field the pattern matches, in field order, named by the alias pattern with the wildcard's match
 * (`fn(field)` without an alias). The group-by fields are left out, and internal `_` fields unless the
 * pattern starts with `_`. Over raw events the names are known only when the search runs: left as they are
 * (lowerAggregation reports them).
 */
function expandWildcards(
  aggregations: readonly Aggregation[],
  scope: Scope,
  by: readonly string[],
  text: string,
  runtimeNames = false,
): Aggregation[] {
  const runtime = scope.raw || scope.seriesType !== undefined;
  if (runtime && !runtimeNames) return [...aggregations];
  const isWildcard = (a: Aggregation): boolean =>
    a.arg?.kind === 'agg-field' && a.arg.field.pattern.includes('*');
  // An output the search names explicitly wins over one a wildcard makes (`values(*) AS * sum(x) AS x`);
  // between wildcards, the first.
  const taken = new Set(aggregations.filter((a) => !isWildcard(a)).map((a) => aggregationName(a, text)));
  return aggregations.flatMap((a): Aggregation[] => {
    const arg = a.arg;
    if (arg?.kind !== 'agg-field' || !arg.field.pattern.includes('*')) return [a];
    const re = fieldPatternRegExp(arg.field.pattern);
    const known = scope.fields.flatMap((f): Aggregation[] => {
      const m = re.exec(f.name);
      if (!m || by.includes(f.name) || (f.name.startsWith('_') && !arg.field.pattern.startsWith('_')))
        return [];
      const alias = a.alias ? fillPattern(a.alias.name, m.slice(1)) : `${a.fn.name}(${f.name})`;
      if (taken.has(alias)) return [];
      taken.add(alias);
      return [
        {
          ...a,
          arg: { ...arg, field: { ...arg.field, pattern: f.name } },
          alias: { kind: 'ident', name: alias, quoted: true, span: a.alias?.span ?? a.span },
        },
      ];
    });
    // Over raw events the structured fields' names are known only when the search runs: the aggregation
    // stays, after those of the known fields, for `runtimeNamed`.
    return runtime ? [...known, a] : known;
  });
}

/** `stats <agg>… [by f…]`. */
export function stats(
  c: StatsCommand,
  s: State,
  text: string,
  range: TimeRange,
  options: PlanOptions,
  errors: Diagnostic[],
): State {
  return aggregateRows(c, c.by, s, text, options, errors, range, true);
}

/** The output name Splunk gives an aggregation: its alias, or the text as written (`avg(bytes)`). */
function aggregationName(a: Aggregation, text: string): string {
  if (a.alias) return a.alias.name;
  return text.slice(a.span.start, a.span.end).replace(/\s+/g, ' ');
}

/** A call of a stats function inside `eval(…)`: `avg(x)`, `count`, `perc95(x)`, with at most one argument. */
function isStatsCall(e: EvalCall): boolean {
  if (e.args.length > 1) return false;
  const name = e.name.name.toLowerCase();
  return Object.hasOwn(aggregationNames, name) || percentile(name) !== undefined;
}

/**
 * `eval(<expression over aggregations>) AS name` (chart, timechart, stats): each stats call is an aggregate
 * of its own, and the expression is computed over their results, in the same SELECT. Fields outside a
 * stats call have no value after the aggregation, as in Splunk.
 */
function evalAggregation(
  a: Aggregation,
  expr: EvalExpr,
  ctx: ExprContext,
  text: string,
  errors: Diagnostic[],
  bucket?: Expr,
): Aggregate | undefined {
  const parts: Aggregate[] = [];
  const rewritten = replaceCalls(expr, isStatsCall, (c) => {
    const [only] = c.args;
    const arg: AggregationArg | undefined =
      only === undefined
        ? undefined
        : only.kind === 'eval-field'
          ? {
              kind: 'agg-field',
              field: { kind: 'field-pattern', pattern: only.name, quoted: only.quoted, span: only.span },
              span: only.span,
            }
          : { kind: 'agg-eval', expr: only, span: only.span };
    const part = lowerAggregation(
      { kind: 'aggregation', fn: c.name, ...(arg ? { arg } : {}), span: c.span },
      ctx,
      text,
      errors,
      bucket,
    );
    const name = `__eval_part${parts.length}`;
    if (part) parts.push({ ...part, name });
    return { kind: 'eval-field', name, quoted: false, span: c.span };
  });
  if (parts.length === 0) {
    errors.push(
      diagnostic('semantic', '`eval(…)` here needs at least one stats function, such as `avg(x)`', a.span),
    );
    return undefined;
  }
  const scope = Scope.closed(parts.map((p) => ({ name: p.name, type: p.type })));
  const value = lowerEval(rewritten, { ...ctx, scope });
  const arg =
    value.type === 'bool' ? call('if', [value, lit('True'), lit('False')], 'string', a.span) : value;
  return {
    name: aggregationName(a, text),
    fn: 'eval',
    arg,
    parts,
    type: arg.type === 'null' ? 'any' : arg.type,
  };
}

/** Seconds per unit of `per_second` … `per_day`. */
const perUnitSeconds: Readonly<Record<string, number>> = {
  per_second: 1,
  per_minute: 60,
  per_hour: 3600,
  per_day: 86_400,
};

/**
 * One aggregation of `stats`, `chart`, `timechart` and friends. `bucket` is `timechart`'s time bucket
 * (`time_bucket(_time, n, unit, tz)`), which `per_second` … `per_day` divide by; elsewhere they are refused.
 * `range` (stats and chart) is what a `sparkline`'s buckets cover.
 */
export function lowerAggregation(
  a: Aggregation,
  ctx: ExprContext,
  text: string,
  errors: Diagnostic[],
  bucket?: Expr,
  /** The search's time range, for `sparkline` (stats and chart only). */
  range?: TimeRange,
): Aggregate | undefined {
  const fnName = a.fn.name.toLowerCase();
  if (fnName === 'sparkline')
    return sparkline(a, aggregationName(a, text), ctx, errors, range, (inner) =>
      lowerAggregation(inner, ctx, text, errors),
    );
  if (fnName === 'eval' && a.arg?.kind === 'agg-eval')
    return evalAggregation(a, a.arg.expr, ctx, text, errors, bucket);
  const perc = percentile(fnName);
  const fn =
    perc !== undefined
      ? 'perc'
      : Object.hasOwn(aggregationNames, fnName)
        ? aggregationNames[fnName]
        : undefined;
  if (!fn && statsFunctionList.some((f) => f.mstatsOnly && f.name === fnName)) {
    errors.push(
      diagnostic(
        'semantic',
        `\`${a.fn.name}\` works only in \`mstats\`, over the time series of a metric`,
        a.fn.span,
      ),
    );
    return undefined;
  }
  if (!fn) {
    errors.push(
      diagnostic(
        'unsupported',
        `the stats function \`${a.fn.name}\` is not supported yet`,
        a.fn.span,
        nearest(fnName, Object.keys(aggregationNames)).map((n) => `did you mean \`${n}\`?`),
      ),
    );
    return undefined;
  }
  const name = aggregationName(a, text);
  if (!a.arg) {
    if (fn !== 'count') {
      errors.push(
        diagnostic('semantic', `\`${a.fn.name}\` needs a field, as in \`${a.fn.name}(bytes)\``, a.fn.span),
      );
      return undefined;
    }
    return { name, fn: 'count', type: 'number' };
  }
  let arg: Expr;
  if (a.arg.kind === 'agg-field') {
    if (a.arg.field.pattern.includes('*')) {
      errors.push(
        diagnostic(
          'unsupported',
          ctx.scope.raw
            ? 'wildcard fields in aggregations over raw events (whose field names are known only when the search runs) are not supported yet'
            : 'wildcard fields in aggregations over series (`timechart … by`, `xyseries`: names known only when the search runs) are supported in `stats` only so far',
          a.arg.span,
          ['name the fields first, for example with `table` or `fields`'],
        ),
      );
      return undefined;
    }
    arg = ctx.scope.resolve(a.arg.field.pattern, a.arg.field.span);
  } else if (a.arg.kind === 'agg-eval') {
    arg = lowerEval(a.arg.expr, ctx);
    // count(eval(cond)) counts the events where cond is true.
    if (arg.type === 'bool') arg = call('if', [arg, lit(1), lit(null)], 'number', a.arg.span);
  } else {
    return undefined; // sparkline, lowered above
  }
  const numeric = toNumber(arg);
  const time = (): Expr | undefined => timeOf(ctx.scope, `\`${a.fn.name}\``, a.fn.span, errors);
  switch (fn) {
    case 'count':
    case 'count_field':
      return { name, fn: 'count_field', arg, type: 'number' };
    case 'dc':
    case 'estdc':
    case 'estdc_error':
      return { name, fn, arg, type: 'number' };
    case 'sum':
    case 'sumsq':
    case 'avg':
    case 'range':
    case 'stdev':
    case 'stdevp':
    case 'var':
    case 'varp':
      return { name, fn, arg: numeric, type: 'number' };
    case 'perc':
      return { name, fn, arg: numeric, param: perc ?? 50, type: 'number' };
    case 'min':
    case 'max': {
      // Numbers compare numerically; a field's strings become numbers (non-numeric values are skipped).
      const typed = arg.type === 'time' ? arg : arg.type === 'string' ? arg : numeric;
      return {
        name,
        fn,
        arg: typed,
        type: typed.type === 'time' ? 'time' : typed.type === 'string' ? 'string' : 'number',
      };
    }
    case 'mode':
      return { name, fn, arg, type: arg.type === 'number' ? 'number' : 'any' };
    case 'values':
      return { name, fn, arg, type: 'mv' };
    case 'list': {
      const t = ctx.scope.has('_time') || ctx.scope.raw ? ctx.scope.resolve('_time') : undefined;
      return { name, fn, arg, ...(t ? { time: t } : {}), type: 'mv' };
    }
    case 'latest':
    case 'earliest': {
      const t = time();
      return t ? { name, fn, arg, time: t, type: arg.type === 'null' ? 'any' : arg.type } : undefined;
    }
    case 'rate': {
      const t = time();
      return t ? { name, fn, arg: numeric, time: t, type: 'number' } : undefined;
    }
    case 'latest_time':
    case 'earliest_time': {
      const t = time();
      return t ? { name, fn, arg, time: t, type: 'number' } : undefined;
    }
    case 'eval':
      // Only written as `eval(…)`, handled above.
      return undefined;
    case 'per_unit': {
      if (bucket === undefined) {
        errors.push(
          diagnostic(
            'semantic',
            `\`${a.fn.name}\` works only in \`timechart\`, which gives it the bucket span`,
            a.fn.span,
          ),
        );
        return undefined;
      }
      return { name, fn, arg: numeric, time: bucket, param: perUnitSeconds[fnName] ?? 1, type: 'number' };
    }
    case 'ema':
    case 'latest_fields':
    case 'collect':
    case 'fields_map':
    case 'fields_stats':
    case 'sum_map':
    case 'dc_set':
    case 'sparkline':
      // trendline's moving average, filldown's last values (plan/streaming.ts), the points of a model
      // (commands/kmeans.ts), statistics over fields named at run time (runtimeNamed, runtimeWindowed) and
      // anomalies' n-gram sets (commands/anomalies.ts): no stats function has these names; `sparkline` is
      // planned before this, with its bucket (plan/sparkline.ts).
      return undefined;
  }
}

/**
 * `eventstats aggs [by f…]`: every event keeps its place and fields and gains the statistics of its group;
 * events missing a BY field get none.
 */
export function eventstats(
  c: EventstatsCommand,
  s: State,
  text: string,
  options: PlanOptions,
  errors: Diagnostic[],
): State {
  for (const o of c.options) {
    if (o.key.name.toLowerCase() === 'allnum') continue;
    errors.push(diagnostic('unsupported', `\`eventstats ${o.key.name}=\` is not supported yet`, o.span));
  }
  return windowOf(c, s, text, options, errors);
}

/**
 * `streamstats [window=N] [current=t] [global=t] <agg>… [by f…]`: each result gains the statistics of
 * the results before it (and itself, unless `current=false`) in the current order, per BY group.
 */
export function streamstats(
  c: StreamstatsCommand,
  s: State,
  text: string,
  options: PlanOptions,
  errors: Diagnostic[],
): State {
  let size = 0;
  let current = true;
  let global = true;
  let onChange = false;
  let timeMs: { ms: number; calendar: boolean } | undefined;
  for (const o of c.options) {
    const k = o.key.name.toLowerCase();
    if (k === 'time_window') {
      timeMs = timeWindowMs(o, errors);
      if (timeMs === undefined) return s;
      if (!s.scope.has('_time')) {
        errors.push(
          diagnostic('semantic', '`time_window` needs `_time`, and these results have none', o.span, [
            'keep `_time` (`stats … by _time`, `table _time …`), or use `window=N`',
          ]),
        );
        return s;
      }
    } else if (k === 'window') size = Number(o.value.text);
    else if (k === 'current') current = truthy(o.value.text);
    else if (k === 'global') global = truthy(o.value.text);
    else if (k === 'reset_on_change') onChange = truthy(o.value.text);
    else if (k === 'allnum')
      continue; // windowOf reads it
    else
      errors.push(diagnostic('unsupported', `\`streamstats ${o.key.name}=\` is not supported yet`, o.span));
  }
  const resets = c.resets.length > 0 || (onChange && c.by.length > 0);
  const globalWindow = size > 0 && c.by.length > 0 && global;
  let input: State = s;
  let extra: Expr[] = [];
  let positions: Expr | undefined;
  let time: { key: Expr; ms: number } | undefined;
  if (resets || globalWindow || timeMs !== undefined) {
    // One order for every window that follows, ties included.
    const p = withPositions(s.rel);
    positions = p.positions;
    input = { rel: p.rel, scope: s.scope };
    if (resets) {
      // Resets split the results into segments; the statistics run per segment (and BY group).
      const seg = resetSegments(c, input, p.positions, options, errors, onChange);
      input = { rel: seg.rel, scope: s.scope };
      extra = [seg.segment];
    }
    if (timeMs !== undefined) {
      const zone = { timeZone: options.timeZone ?? 'UTC' };
      const t = timeKey(input, p.positions, timeMs.calendar ? zone : undefined);
      input = { rel: t.rel, scope: s.scope };
      time = { key: t.key, ms: timeMs.ms };
    }
  }
  const out = windowOf(
    c,
    input,
    text,
    options,
    errors,
    // global=true with window=N and BY: one window of the last N results, each group's rows in it.
    {
      size,
      current,
      ...(positions ? { positions } : {}),
      ...(globalWindow ? { range: true } : {}),
      ...(time ? { time } : {}),
    },
    extra,
  );
  if (input === s) return out;
  // The helper columns (segments, positions) end here.
  const columns = out.scope.columns.map((x) => ({ name: x.name, expr: out.scope.resolve(x.name) }));
  return { rel: { kind: 'project', input: out.rel, columns, keepRaw: out.scope.raw }, scope: out.scope };
}

/** Each result keeps its place and gains the aggregations over its BY group (or a running frame of it). */
function windowOf(
  c: EventstatsCommand | StreamstatsCommand,
  s: State,
  text: string,
  options: PlanOptions,
  errors: Diagnostic[],
  running?: {
    size: number;
    current: boolean;
    positions?: Expr;
    range?: boolean;
    time?: { key: Expr; ms: number };
  },
  partitionFirst: readonly Expr[] = [],
): State {
  const allnum = allnumOption(c.options);
  // `values(*) AS *` over known fields: one aggregation per field, as stats makes them; over raw events
  // the known columns' aggregations, and the wildcard aggregation left for `runtimeWindowed`.
  const aggregations = expandWildcards(
    c.aggregations,
    s.scope,
    c.by.map((b) => b.name),
    text,
    true,
  );
  const isRuntime = (a: Aggregation): boolean =>
    s.scope.raw && a.arg?.kind === 'agg-field' && a.arg.field.pattern.includes('*');
  const wildcards = aggregations.filter(isRuntime);
  if (wildcards[0] && allnum) runtimeUnsupported('cannot take `allnum=true` yet', wildcards[0].span, errors);
  // Each wildcard's fields merge over the events' (and the later wildcards'): between them the first wins.
  let scope = s.scope;
  const runtime: Aggregate[] = [];
  for (const a of [...wildcards].reverse()) {
    const made = runtimeWindowed(a, aggregations, s, scope, c.by, text, errors);
    if (!made) continue;
    scope = made.scope;
    runtime.unshift(made.aggregate);
  }
  const aggregates = aggregations.flatMap((a) => {
    if (isRuntime(a)) return [];
    const lowered = lowerAggregation(a, exprContext(s, options, errors), text, errors);
    return lowered === undefined ? [] : [allnum ? allNumeric(lowered) : lowered];
  });
  for (const a of aggregates) scope = scope.with(a.name, a.type);
  aggregates.push(...runtime);
  const partition = [...partitionFirst, ...c.by.map((b) => s.scope.resolve(b.name, b.span))];
  return {
    rel: { kind: 'window', input: s.rel, partition, aggregates, ...(running ? { running } : {}) },
    scope,
  };
}
