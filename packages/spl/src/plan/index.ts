// The planner: a parsed pipeline becomes an IR relation, with the tenant and the time range applied.

import type { Command, CommandOption, FieldPattern, MakeresultsCommand, Pipeline } from '../ast.ts';
import { assertNever } from '../ast.ts';
import { splunkCommands } from '../catalog.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import type { Expr, Rel, ScalarType } from '../ir/types.ts';
import { seriesColumn } from '../ir/types.ts';
import { dropSeries, renameSeries, selectSeries, seriesPatterns, untable, xyseries } from './pivot.ts';
import type { TimeRange } from '../analyse/index.ts';
import { lowerEval } from './eval.ts';
import { bin } from './bin.ts';
import { regexFilter, rex } from './rex.ts';
import { addtotals, dedup, fillnull, returnFields, reverse, tail } from './rows.ts';
import { append, appendpipe, concat } from './append.ts';
import { appendcols } from './appendcols.ts';
import { foreach } from './foreach.ts';
import type { LookupOutput } from './lookup.ts';
import { appends, inputlookup, lookup, outputlookup } from './lookup.ts';
import type { LookupCatalog } from '../lookups.ts';
import { formatSearch } from './format.ts';
import { exprContext } from './helpers.ts';
import { join } from './join.ts';
import { makemv, mvexpand, spath, xmlkv } from './fields.ts';
import { topRare } from './top.ts';
import { timechart } from './timechart.ts';
import { transaction } from './transaction.ts';
import { convert } from './convert.ts';
import { chart, eventstats, stats, streamstats } from './stats.ts';
import { metricColumns, mstats } from './mstats.ts';
import type { MetricStats } from '../ir/metrics.ts';
import { Scope, fieldPatternRegExp, fillPattern, reservedNames } from './scope.ts';
import { extractTimeModifiers, lowerSearch } from './search.ts';

export interface PlanOptions {
  /** The authenticated tenant: every scan is restricted to it. Never taken from the query text. */
  readonly orgId: string;
  /** Indexes the caller may read (from its identity); absent: every index of the org. */
  readonly indexes?: readonly string[];
  /** Each (sub)search's time range, from analysis: the request's, or the search's `earliest=`/`latest=`. */
  readonly ranges: ReadonlyMap<Pipeline, TimeRange>;
  /** The search's fixed `now()`. */
  readonly nowMs: number;
  /** Time zone for relative times with snapping (`@d`). Default UTC. */
  readonly timeZone?: string;
  /** The tenant's lookup tables and their columns; without it every lookup table is unknown. */
  readonly lookups?: LookupCatalog;
}

export interface Plan {
  readonly rel: Rel;
  /** The visible output columns, in order. */
  readonly columns: readonly { name: string; type: ScalarType }[];
  /** True when the output rows are raw events (no transforming command). */
  readonly events: boolean;
  /**
   * Raw events: structured fields the search removed (`fields - x`, `rename x AS y`), left out of the
   * events' fields when they are shown.
   */
  readonly removedFields?: readonly string[];
  /** The time range the scan uses, after `earliest=`/`latest=`. */
  readonly earliestMs: number | null;
  readonly latestMs: number | null;
  /** A final `outputlookup`: the service writes the results to this lookup table. */
  readonly output?: LookupOutput;
  /** The search starts with `mstats`: its metric IR, for the PromQL backend. */
  readonly metrics?: MetricStats;
}

/** Commands compiled so far. Every other SPL command is an `unsupported` diagnostic at its name. */
const compiled: ReadonlySet<string> = new Set([
  'search',
  'where',
  'eval',
  'stats',
  'sort',
  'head',
  'table',
  'fields',
  'rename',
  'makeresults',
]);

export interface State {
  rel: Rel;
  scope: Scope;
}

/**
 * Lowers a pipeline to IR. Problems become diagnostics; the plan is returned only when there are none.
 *
 * @example plan(parse('index=web status=500 | stats count by host').ast, { orgId: 'acme', … })
 *   // aggregate(filter(scan(logs, acme), index=web AND status=500), by host: count)
 */
export function plan(
  pipeline: Pipeline,
  text: string,
  options: PlanOptions,
): { plan?: Plan; errors: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const range = options.ranges.get(pipeline);
  if (!range) throw new Error('plan() needs the time range analysis computed for this pipeline');
  // `outputlookup` is planned only as the last command of the search: the service writes what it gets.
  const last = pipeline.commands[pipeline.commands.length - 1];
  const writes = last?.kind === 'outputlookup' && pipeline.commands.length > 1 ? last : undefined;
  const state = planPipeline(pipeline, text, options, errors, writes ? 1 : 0);
  const first = pipeline.commands[0];
  const metricsRel = firstRel(state?.rel);
  const output = state && writes ? outputlookup(writes, state, errors) : undefined;
  if (!state || errors.length > 0) return { errors };
  return {
    plan: {
      rel: state.rel,
      columns: state.scope.columns,
      events: state.scope.raw,
      ...(state.scope.raw ? { removedFields: removedStructuredFields(state) } : {}),
      earliestMs: range.earliestMs,
      latestMs: range.latestMs,
      ...(output ? { output } : {}),
      ...(first?.kind === 'mstats' && metricsRel ? { metrics: metricsRel } : {}),
    },
    errors,
  };
}

/** The relation a pipeline starts from (the innermost input). */
function firstRel(rel: Rel | undefined): MetricStats | undefined {
  let r: Rel | undefined = rel;
  while (r && 'input' in r) r = r.input;
  return r?.kind === 'metric-stats' ? r : undefined;
}

/** The structured fields removed from raw events that no column of the same name brings back. */
function removedStructuredFields(state: State): string[] {
  const { dropped } = state.scope.structuredChanges();
  return [...new Set(dropped)].filter((name) => !state.scope.has(name)).sort();
}

/**
 * Lowers one pipeline (the search or a subsearch) with its own time range, all but its last `skipLast`
 * commands; undefined when it cannot start.
 */
function planPipeline(
  pipeline: Pipeline,
  text: string,
  options: PlanOptions,
  errors: Diagnostic[],
  skipLast = 0,
): State | undefined {
  const [first, ...all] = pipeline.commands;
  const rest = all;
  if (!first) {
    errors.push(diagnostic('syntax', 'the search is empty', pipeline.span));
    return undefined;
  }
  const range = options.ranges.get(pipeline) ?? { earliestMs: null, latestMs: null };
  const { earliestMs, latestMs } = range;
  let state: State;

  if (first.kind === 'makeresults') {
    state = makeresults(first, options.nowMs, errors);
  } else if (first.kind === 'search') {
    // The range was resolved by analysis (which also reported bad modifiers); only strip them here.
    const { rest: filter } = extractTimeModifiers(first.expr, []);
    const scope = Scope.rawEvents();
    let rel: Rel = {
      kind: 'scan',
      table: 'logs',
      orgId: options.orgId,
      ...(options.indexes ? { indexes: options.indexes } : {}),
      earliestMs,
      latestMs,
    };
    if (filter)
      rel = {
        kind: 'filter',
        input: rel,
        predicate: lowerSearch(filter, {
          scope,
          diagnostics: errors,
          subsearch: subsearchOf(text, options, errors),
        }),
      };
    state = { rel, scope };
  } else if (first.kind === 'inputlookup') {
    const table = inputlookup(first, options, errors, subsearchOf(text, options, errors));
    if (!table) return undefined;
    state = table;
    noReservedFields(first, undefined, state, errors);
  } else if (first.kind === 'mstats') {
    const scope = { orgId: options.orgId, earliestMs, latestMs };
    const rel = mstats(first, options.indexes ? { ...scope, indexes: options.indexes } : scope, errors);
    if (!rel) return undefined;
    state = { rel, scope: Scope.closed(metricColumns(rel)) };
    noReservedFields(first, undefined, state, errors);
  } else {
    if (first.kind === 'tstats' || first.kind === 'from') {
      // Generating commands with a typed node, not compiled yet.
      notSupportedYet(
        first,
        { rel: { kind: 'values', count: 0, timeMs: 0 }, scope: Scope.closed([]) },
        errors,
      );
    } else if (first.kind === 'generic') {
      // Reported like any other command: unsupported (a real command) or unknown (with a hint).
      lowerCommand(
        first,
        { rel: { kind: 'values', count: 0, timeMs: 0 }, scope: Scope.closed([]) },
        text,
        options,
        errors,
      );
    } else {
      errors.push(
        diagnostic(
          'semantic',
          `a search must start with search terms or a generating command such as \`| makeresults\`, found \`${first.kind}\``,
          first.name.span,
        ),
      );
    }
    return undefined;
  }

  for (const command of rest.slice(0, rest.length - skipLast)) {
    const before = state;
    state = lowerCommand(command, state, text, options, errors, range);
    noReservedFields(command, before, state, errors);
  }
  // Raw events shown with fields whose names only the data knows (fields.ts, extractOnRead), or renamed by a
  // wildcard (applied when a field is read by name).
  for (const span of state.scope.raw ? state.scope.extractions : []) {
    errors.push(
      diagnostic(
        'unsupported',
        'showing events with every field this command extracts is not supported yet',
        span,
        ['name the fields you need afterwards, for example with `table` or `stats … by`'],
      ),
    );
  }
  for (const span of state.scope.raw ? state.scope.wildcardRenames : []) {
    errors.push(
      diagnostic(
        'unsupported',
        'showing events with structured fields renamed by a wildcard is not supported yet',
        span,
        ['name the fields you need afterwards, for example with `table` or `stats … by`'],
      ),
    );
  }
  return state;
}

/**
 * Names no command may give a field: the tenant column and the structured-field map belong to the planner,
 * and the series map to the commands that pivot.
 */
const plannerColumns = ['org_id', '_fields'] as const;
const pivots: ReadonlySet<string> = new Set(['timechart', 'chart', 'xyseries']);

/**
 * Reports a field a command gave a reserved name (`rename host AS org_id`, `rex "(?<_fields>…)"`,
 * `stats count AS org_id`, a lookup table's `org_id` column …): one check for every way a command names
 * its outputs, so no command can make a column the planner reads as the tenant or the event's fields.
 */
function noReservedFields(c: Command, before: State | undefined, after: State, errors: Diagnostic[]): void {
  for (const name of pivots.has(c.kind) ? plannerColumns : [...plannerColumns, seriesColumn]) {
    if (after.scope.has(name) && !before?.scope.has(name)) {
      errors.push(diagnostic('semantic', `\`${name}\` is reserved and cannot be assigned`, c.span));
    }
  }
}

/** Plans subsearches found in search expressions, each with its own time range. */
function subsearchOf(
  text: string,
  options: PlanOptions,
  errors: Diagnostic[],
): (
  p: Pipeline,
  withoutLast?: boolean,
) => { rel: Rel; columns: readonly { name: string }[]; raw: boolean } | undefined {
  return (p, withoutLast = false) => {
    const st = planPipeline(p, text, options, errors, withoutLast ? 1 : 0);
    return st ? { rel: st.rel, columns: st.scope.columns, raw: st.scope.raw } : undefined;
  };
}

function optionNumber(o: CommandOption, errors: Diagnostic[], min = 0): number | undefined {
  const n = Number(o.value.text);
  if (!Number.isInteger(n) || n < min) {
    errors.push(
      diagnostic(
        'semantic',
        `\`${o.key.name}\` must be a whole number ≥ ${min}, found \`${o.value.text}\``,
        o.value.span,
      ),
    );
    return undefined;
  }
  return n;
}

function unknownOption(
  o: CommandOption,
  command: string,
  known: readonly string[],
  errors: Diagnostic[],
): void {
  errors.push(
    diagnostic(
      'semantic',
      `\`${command}\` has no option \`${o.key.name}\``,
      o.key.span,
      nearest(o.key.name, known).map((n) => `did you mean \`${n}\`?`),
    ),
  );
}

function makeresults(c: MakeresultsCommand, nowMs: number, errors: Diagnostic[]): State {
  let count = 1;
  for (const o of c.options) {
    if (o.key.name === 'count') count = optionNumber(o, errors, 1) ?? 1;
    else unknownOption(o, 'makeresults', ['count'], errors);
  }
  return {
    rel: { kind: 'values', count, timeMs: nowMs },
    scope: Scope.closed([{ name: '_time', type: 'time' }]),
  };
}

/** A command with a typed node that is not compiled yet: `unsupported` at its name, the state unchanged. */
function notSupportedYet(c: Command, s: State, errors: Diagnostic[]): State {
  errors.push(diagnostic('unsupported', `the \`${c.name.name}\` command is not supported yet`, c.name.span));
  return s;
}

function lowerCommand(
  c: Command,
  s: State,
  text: string,
  options: PlanOptions,
  errors: Diagnostic[],
  range: TimeRange = { earliestMs: null, latestMs: null },
): State {
  const ctx = exprContext(s, options, errors);
  switch (c.kind) {
    case 'search': {
      const { rest, time } = extractTimeModifiers(c.expr, errors);
      for (const v of [time.earliest, time.latest]) {
        if (v) {
          errors.push(
            diagnostic(
              'unsupported',
              'time modifiers are only supported in the first search of a pipeline',
              v.span,
            ),
          );
        }
      }
      if (!rest) return s;
      const predicate = lowerSearch(rest, { ...ctx, subsearch: subsearchOf(text, options, errors) });
      return { rel: { kind: 'filter', input: s.rel, predicate }, scope: s.scope };
    }
    case 'where': {
      const predicate = lowerEval(c.expr, ctx);
      if (predicate.type !== 'bool' && predicate.type !== 'null') {
        errors.push(
          diagnostic('semantic', '`where` needs a Boolean expression, such as `x > 1`', c.expr.span),
        );
      }
      return { rel: { kind: 'filter', input: s.rel, predicate }, scope: s.scope };
    }
    case 'append': {
      const sub = planPipeline(c.subsearch.pipeline, text, options, errors);
      return sub ? append(c, s, sub, errors) : s;
    }
    case 'foreach':
      return foreach(
        c,
        s,
        text,
        (st, errs) => exprContext(st, options, errs),
        (command, st, errs) => lowerCommand(command, st, text, options, errs, range),
        errors,
      );
    case 'appendcols': {
      const sub = planPipeline(c.subsearch.pipeline, text, options, errors);
      return sub ? appendcols(c, s, sub, errors) : s;
    }
    case 'join': {
      if (!c.subsearch) {
        errors.push(
          diagnostic('unsupported', '`join` without a subsearch is not supported yet', c.name.span),
        );
        return s;
      }
      const sub = planPipeline(c.subsearch.pipeline, text, options, errors);
      return sub ? join(c, s, sub, errors) : s;
    }
    case 'appendpipe': {
      let sub = s;
      for (const command of c.subsearch.pipeline.commands) {
        sub = lowerCommand(command, sub, text, options, errors, range);
      }
      return appendpipe(c, s, sub, errors);
    }
    case 'lookup':
      return lookup(c, s, options, errors);
    case 'inputlookup': {
      if (!appends(c)) {
        errors.push(
          diagnostic(
            'semantic',
            '`inputlookup` is a generating command: it must come first, after a `|`, or have `append=true`',
            c.name.span,
          ),
        );
        return s;
      }
      const table = inputlookup(c, options, errors, subsearchOf(text, options, errors));
      return table ? concat(s, table) : s;
    }
    case 'outputlookup':
      errors.push(
        diagnostic(
          'unsupported',
          '`outputlookup` is supported only as the last command of the search, not followed by other commands or inside a subsearch',
          c.name.span,
        ),
      );
      return s;
    case 'streamstats':
      return streamstats(c, s, text, options, errors);
    case 'transaction':
      return transaction(c, s, options, errors);
    case 'eventstats':
      return eventstats(c, s, text, options, errors);
    case 'mvexpand':
      return mvexpand(c, s, errors);
    case 'makemv':
      return makemv(c, s, errors);
    case 'spath':
      return spath(c, s, errors);
    case 'xmlkv':
      return xmlkv(c, s, errors);
    case 'chart':
      return chart(c, s, text, range, options, errors);
    case 'xyseries':
      return xyseries(c, s, errors);
    case 'untable':
      return untable(c, s, errors);
    case 'timechart':
      return timechart(c, s, text, range, options, errors);
    case 'top':
    case 'rare':
      return topRare(c, s, errors);
    case 'return':
      return returnFields(c, s);
    case 'format':
      return formatSearch(c, s, errors);
    case 'addtotals':
      return addtotals(c, s, errors);
    case 'dedup':
      return dedup(c, s, errors);
    case 'fillnull':
      return fillnull(c, s, errors);
    case 'tail':
      return tail(c, s);
    case 'rex':
      return rex(c, s, errors);
    case 'regex':
      return regexFilter(c, s, errors);
    case 'bin':
      return bin(c, s, range, options, errors);
    case 'convert':
      return convert(c, s, options.timeZone ?? 'UTC', errors);
    case 'eval': {
      let state = s;
      for (const a of c.assignments) {
        if (reservedNames.has(a.target.name)) {
          errors.push(
            diagnostic('semantic', `\`${a.target.name}\` is reserved and cannot be assigned`, a.target.span),
          );
          continue;
        }
        const expr = lowerEval(a.expr, { ...ctx, scope: state.scope });
        const withoutName = state.scope.has(a.target.name)
          ? undefined
          : dropSeries(state.scope, [a.target.name]);
        if (expr.type === 'bool') {
          errors.push(
            diagnostic(
              'semantic',
              'an eval result cannot be Boolean; wrap the condition in `if(…, …, …)`',
              a.expr.span,
            ),
          );
        }
        state = {
          rel: { kind: 'compute', input: state.rel, name: a.target.name, expr },
          scope: state.scope.with(a.target.name, expr.type === 'null' ? 'any' : expr.type),
        };
        // After a pivot, a new field replaces the series of that name (the value was read first).
        if (withoutName) {
          state = {
            rel: { kind: 'compute', input: state.rel, name: seriesColumn, expr: withoutName },
            scope: state.scope,
          };
        }
      }
      return state;
    }
    case 'stats':
      return stats(c, s, text, options, errors);
    case 'sort': {
      const keys = c.keys.map((k) => ({
        expr: s.scope.resolve(k.field.name, k.field.span),
        descending: (k.direction === 'desc') !== c.reverse,
        mode: k.coerce === 'num' || k.coerce === 'str' || k.coerce === 'ip' ? k.coerce : ('auto' as const),
      }));
      // Splunk's sort keeps 10,000 rows unless told otherwise; `sort 0` keeps all.
      const limit = c.limit?.value ?? 10_000;
      const sorted: Rel = { kind: 'sort', input: s.rel, keys };
      return { rel: limit === 0 ? sorted : { kind: 'take', input: sorted, limit }, scope: s.scope };
    }
    case 'head': {
      if (c.expr) {
        errors.push(
          diagnostic('unsupported', '`head` with an eval expression is not supported yet', c.expr.span),
        );
        return s;
      }
      let limit = c.count?.value ?? 10;
      for (const o of c.options) {
        if (o.key.name === 'limit') limit = optionNumber(o, errors) ?? limit;
        else if (o.key.name === 'null' || o.key.name === 'keeplast') {
          errors.push(diagnostic('unsupported', `\`head ${o.key.name}=\` is not supported yet`, o.span));
        } else unknownOption(o, 'head', ['limit', 'null', 'keeplast'], errors);
      }
      return { rel: { kind: 'take', input: s.rel, limit }, scope: s.scope };
    }
    case 'table': {
      const columns = expandPatterns(c.fields, s.scope, errors);
      return {
        rel: { kind: 'project', input: s.rel, columns, keepRaw: false },
        scope: s.scope.project(
          columns.map((x) => ({ name: x.name, type: x.expr.type === 'null' ? 'any' : x.expr.type })),
          false,
        ),
      };
    }
    case 'fields': {
      if (c.mode === 'keep') {
        const listed = expandPatterns(c.fields, s.scope, errors);
        // Internal fields stay unless removed explicitly.
        const internal = ['_time', '_raw']
          .filter((n) => s.scope.has(n) && !listed.some((x) => x.name === n))
          .map((n) => ({ name: n, expr: s.scope.resolve(n) }));
        const columns = [...listed, ...internal];
        return {
          rel: { kind: 'project', input: s.rel, columns, keepRaw: false },
          scope: s.scope.project(
            columns.map((x) => ({ name: x.name, type: x.expr.type === 'null' ? 'any' : x.expr.type })),
            false,
          ),
        };
      }
      const removed = c.fields.map((f) => fieldPatternRegExp(f.pattern));
      const kept = s.scope.columns.filter(
        (x) => x.name === seriesColumn || !removed.some((r) => r.test(x.name)),
      );
      const literalNames = c.fields.filter((f) => !f.pattern.includes('*')).map((f) => f.pattern);
      if (s.scope.raw && c.fields.some((f) => f.pattern.includes('*'))) {
        errors.push(
          diagnostic(
            'unsupported',
            'removing structured fields of raw events by wildcard is not supported yet',
            c.fields.find((f) => f.pattern.includes('*'))?.span ?? c.span,
          ),
        );
      }
      const dropped = dropSeries(s.scope, seriesPatterns(c.fields, s.scope));
      const columns = kept.map((x) => ({
        name: x.name,
        expr: x.name === seriesColumn && dropped ? dropped : s.scope.resolve(x.name),
      }));
      return {
        rel: { kind: 'project', input: s.rel, columns, keepRaw: s.scope.raw },
        scope: s.scope.project(kept, s.scope.raw, literalNames),
      };
    }
    case 'rename':
      return rename(c.renames, s, errors);
    case 'makeresults':
      errors.push(
        diagnostic(
          'semantic',
          '`makeresults` is a generating command: it must come first, after a `|`',
          c.name.span,
        ),
      );
      return s;
    case 'tstats':
    case 'mstats':
    case 'iplocation':
    case 'apply':
    case 'map':
    case 'replace':
    case 'fromjson':
    case 'from':
    case 'anomalydetection':
      return notSupportedYet(c, s, errors);
    case 'generic': {
      const name = c.name.name.toLowerCase();
      if (name === 'reverse' && c.args.length === 0) return reverse(s);
      if (splunkCommands.has(name) && !compiled.has(name)) {
        errors.push(
          diagnostic('unsupported', `the \`${c.name.name}\` command is not supported yet`, c.name.span),
        );
      } else {
        errors.push(
          diagnostic(
            'unsupported',
            `unknown command \`${c.name.name}\``,
            c.name.span,
            nearest(name, [...splunkCommands]).map((n) => `did you mean \`${n}\`?`),
          ),
        );
      }
      return s;
    }
    default:
      return assertNever(c, 'command');
  }
}

/** Resolves `table`/`fields` patterns to columns; wildcards match the columns known at this point. */
function expandPatterns(
  patterns: readonly FieldPattern[],
  scope: Scope,
  errors: Diagnostic[],
): { name: string; expr: Expr }[] {
  const out: { name: string; expr: Expr }[] = [];
  const seen = new Set<string>();
  const add = (name: string, at: Span): void => {
    if (seen.has(name)) return;
    seen.add(name);
    out.push({ name, expr: scope.resolve(name, at) });
  };
  // After a pivot, names that are not fields (and every wildcard) select series from the map, which
  // takes the place of the first such pattern.
  const series: string[] = [];
  let seriesAt = -1;
  const toSeries = (pattern: string): void => {
    if (seriesAt < 0) seriesAt = out.length;
    series.push(pattern);
  };
  for (const p of patterns) {
    if (!p.pattern.includes('*')) {
      if (scope.seriesType !== undefined && !scope.has(p.pattern)) toSeries(p.pattern);
      else add(p.pattern, p.span);
      continue;
    }
    if (scope.raw) {
      errors.push(
        diagnostic(
          'unsupported',
          `the wildcard \`${p.pattern}\` over structured fields of raw events is not supported yet`,
          p.span,
          ['list the fields by name'],
        ),
      );
      continue;
    }
    const re = fieldPatternRegExp(p.pattern);
    for (const c of scope.fields) if (re.test(c.name)) add(c.name, p.span);
    if (scope.seriesType !== undefined) toSeries(p.pattern);
  }
  const selected = selectSeries(scope, series);
  if (selected && series.length > 0) out.splice(seriesAt, 0, { name: seriesColumn, expr: selected });
  return out;
}

function rename(
  pairs: readonly { from: FieldPattern; to: FieldPattern }[],
  s: State,
  errors: Diagnostic[],
): State {
  let columns = s.scope.columns.map((c) => ({ name: c.name, expr: s.scope.resolve(c.name) as Expr }));
  // What happens to raw events' structured fields, in order.
  const ops: ({ kind: 'drop'; name: string } | { kind: 'rename'; from: string; to: string; span: Span })[] =
    [];
  for (const { from, to } of pairs) {
    const wild = from.pattern.includes('*');
    if (wild !== to.pattern.includes('*') && to.pattern.includes('*')) {
      errors.push(diagnostic('semantic', 'the new name has a wildcard but the old one does not', to.span));
      continue;
    }
    const map = columns.find((c) => c.name === seriesColumn);
    if (map && (wild || !columns.some((c) => c.name === from.pattern))) {
      // After a pivot: series are renamed inside the map.
      map.expr = renameSeries(map.expr, from.pattern, to.pattern);
      if (!wild) continue;
    }
    if (!wild) {
      const existing = columns.find((c) => c.name === from.pattern);
      const expr = existing?.expr ?? s.scope.resolve(from.pattern, from.span);
      columns = columns.filter((c) => c.name !== from.pattern && c.name !== to.pattern);
      columns.push({ name: to.pattern, expr });
      ops.push({ kind: 'drop', name: from.pattern });
      continue;
    }
    // Raw events' structured field names are not known ahead: they are renamed when read.
    if (s.scope.raw) ops.push({ kind: 'rename', from: from.pattern, to: to.pattern, span: from.span });
    const re = fieldPatternRegExp(from.pattern);
    columns = columns.map((c) => {
      const m = c.name === seriesColumn ? null : re.exec(c.name);
      return m ? { name: fillPattern(to.pattern, m.slice(1)), expr: c.expr } : c;
    });
  }
  let scope = s.scope.project(
    columns.map((c) => ({ name: c.name, type: c.expr.type === 'null' ? 'any' : c.expr.type })),
    s.scope.raw,
  );
  for (const op of ops) {
    scope =
      op.kind === 'drop'
        ? scope.project(scope.columns, scope.raw, [op.name])
        : scope.withWildcardRename(op.from, op.to, op.span);
  }
  return { rel: { kind: 'project', input: s.rel, columns, keepRaw: s.scope.raw }, scope };
}
