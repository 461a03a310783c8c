// `tstats`: statistics over the indexed fields of events, or over a data model's dataset (`from datamodel=`).

import type { Aggregation, CommandOption, EvalExpr, Ident, StatsCommand, TstatsCommand } from '../ast.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import type { DataModel, Dataset } from '../datamodels/types.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { parseSpan } from '../time.ts';
import type { TimeRange } from '../analyse/index.ts';
import { compute, datasetChain, filterBy, resolveDataset, tenantEvents } from './datamodel.ts';
import { truthy } from './helpers.ts';
import { accelerationOf } from '../acceleration.ts';
import { concat, concatAll } from './append.ts';
import { summarySource } from './summary.ts';
import type { PlanOptions, State } from './index.ts';
import { extractTimeModifiers } from './search.ts';
import type { SearchContext } from './search.ts';
import { stats } from './stats.ts';

const OPTIONS = [
  'allow_old_summaries',
  'append',
  'chunk_size',
  'fillnull_value',
  'include_reduced_buckets',
  'local',
  'nodename',
  'prestats',
  'span',
  'summariesonly',
] as const;

/** Field names the command uses: `by` fields, aggregation arguments and the `where` clause's fields. */
function namesUsed(c: TstatsCommand): Set<string> {
  const out = new Set<string>(c.by.map((b) => b.name));
  const evalNames = (e: EvalExpr): void => {
    walk(e, (x) => {
      if (typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'eval-field')
        out.add((x as { name: string }).name);
    });
  };
  for (const a of c.aggregations) {
    if (a.arg?.kind === 'agg-field') out.add(a.arg.field.pattern);
    else if (a.arg?.kind === 'agg-eval') evalNames(a.arg.expr);
  }
  if (c.where)
    walk(c.where, (x) => {
      if (typeof x === 'object' && x !== null && 'field' in x) {
        const f = (x as { field: unknown }).field;
        if (typeof f === 'object' && f !== null && (f as { kind?: unknown }).kind === 'ident')
          out.add((f as Ident).name);
      }
    });
  return out;
}

function walk(x: unknown, visit: (x: unknown) => void): void {
  visit(x);
  if (Array.isArray(x)) for (const y of x) walk(y, visit);
  else if (typeof x === 'object' && x !== null)
    for (const [k, v] of Object.entries(x)) if (k !== 'span') walk(v, visit);
}

/**
 * `tstats [options] <agg>… [FROM datamodel=M[.D]] [WHERE <search>] [BY f… [span=…]]` lowered onto `logs`: the
 * tenant's events in the range, with its knowledge objects; with a data model, only the dataset's events (its
 * and its ancestors' constraints) and its fields named `<Dataset>.<field>`; then `stats` (or, with `prestats=t`,
 * the events themselves for a following `stats`/`chart`/`timechart`). With `summariesonly=t` over a model
 * the tenant accelerates, the rows of its summary instead (`acceleration.ts`); with `summariesonly=f` (the
 * default) the summary's rows plus the events it does not cover yet, in one statement (`summary.ts`).
 *
 * @example | tstats count from datamodel=Endpoint.Processes where Processes.process_name=cmd.exe by Processes.dest
 *   // SELECT `Processes.dest`, count() … FROM (… logs WHERE org_id = … AND (tag expansion) …) GROUP BY …
 */
export function tstats(
  c: TstatsCommand,
  text: string,
  options: PlanOptions,
  range: TimeRange,
  subsearch: SearchContext['subsearch'],
  errors: Diagnostic[],
): State | undefined {
  const opt = new Map<string, { value: string; span: Span }>();
  for (const o of c.options) {
    const key = o.key.name.toLowerCase();
    if ((OPTIONS as readonly string[]).includes(key))
      opt.set(key, { value: o.value.text, span: o.value.span });
    else
      errors.push(
        diagnostic(
          'semantic',
          `\`tstats\` has no option \`${o.key.name}\``,
          o.key.span,
          nearest(key, OPTIONS).map((n) => `did you mean \`${n}\`?`),
        ),
      );
  }
  // The dataset, when the command reads a data model.
  let chain: readonly Dataset[] | undefined;
  let model: DataModel | undefined;
  if (c.from?.kind === 'tstats-namespace') {
    errors.push(
      diagnostic(
        'unsupported',
        '`tstats FROM <namespace>` reads a `tscollect` namespace, which Nexus does not keep',
        c.from.span,
        ['read events with `where index=…`, or a data model with `from datamodel=…`'],
      ),
    );
    return undefined;
  }
  if (c.from?.kind === 'tstats-datamodel') {
    const nodename = opt.get('nodename');
    const resolved = resolveDataset(
      options,
      c.from.datamodel.name,
      c.from.node?.name ?? nodename?.value.split('.').pop(),
      { model: c.from.datamodel.span, dataset: c.from.node?.span ?? nodename?.span ?? c.from.span },
      errors,
    );
    if (!resolved) return undefined;
    model = resolved.model;
    chain = resolved.chain;
  }

  // `earliest=`/`latest=` in the `where` set the range, as in a search: analysis resolved them into the
  // search's range (this tstats starts it) or into this command's own (`append=t` later in the search).
  const where = c.where ? extractTimeModifiers(c.where, []) : undefined;

  const at = c.name.span;
  // Over a model the tenant accelerates: its summary (`summariesonly=t`), or the summary plus the events it
  // does not cover yet (`summariesonly=f`, Splunk's default), as `summary.ts` decides; else the events.
  const acceleration = model ? accelerationOf(model, options.knowledge) : undefined;
  const parts =
    model && chain && acceleration
      ? summarySource(
          {
            model,
            chain,
            acceleration,
            onlySummaries: truthy(opt.get('summariesonly')?.value),
            allowOld: truthy(opt.get('allow_old_summaries')?.value),
          },
          options,
          range,
          c.from?.span ?? at,
          subsearch,
          errors,
        )
      : undefined;
  // Each dataset of the lineage: its constraint, then its calculations (a summary holds only events that met
  // the constraints, with the calculated fields).
  const sides = parts ?? [
    chain
      ? datasetChain(
          tenantEvents(options, range, at, errors),
          chain,
          options,
          c.from?.span ?? at,
          subsearch,
          errors,
        )
      : tenantEvents(options, range, at, errors),
  ];

  // `<Dataset>.<field>` names read the event's field (every dataset of the lineage, and the model's name,
  // prefix it), on each part before they are united.
  const prefixed = (s: State): State => {
    if (!chain || !model) return s;
    let state = s;
    const prefixes = new Set([model.name, ...chain.map((d) => d.name)]);
    for (const name of namesUsed(c)) {
      const dot = name.indexOf('.');
      if (dot <= 0 || !prefixes.has(name.slice(0, dot))) continue;
      const base = name.slice(dot + 1);
      // Fields of the model's list and any other field the events carry alike: Splunk would give null for a field
      // the model lacks; Nexus reads it, so a detection written for a newer CIM still finds its field.
      state = compute(state, name, state.scope.resolve(base, at));
    }
    return state;
  };
  const [only] = sides;
  let state = sides.length === 1 && only ? prefixed(only) : concatAll(sides.map(prefixed));

  // The `where` clause (the dataset's constraints and calculations were applied above).
  const filters = where?.rest ? [where.rest] : [];
  state = filterBy(state, filters, options, subsearch, errors);

  // span= buckets `_time` as a BY field (aggregations such as `min(_time)` still see each event's own time).
  const spanOpt = opt.get('span');
  const span = spanOpt ? parseSpan(spanOpt.value) : undefined;
  if (spanOpt && !span)
    errors.push(
      diagnostic(
        'semantic',
        `\`span\` must be a time span such as \`1h\`, found \`${spanOpt.value}\``,
        spanOpt.span,
      ),
    );
  const fill = opt.get('fillnull_value');
  if (fill)
    for (const b of c.by)
      if (b.name !== '_time')
        state = compute(
          state,
          b.name,
          call('coalesce', [state.scope.resolve(b.name, b.span), lit(fill.value, fill.span)], 'any', b.span),
        );

  const prestats = opt.get('prestats');
  if (prestats && truthy(prestats.value)) return state;
  const asStats: StatsCommand = {
    kind: 'stats',
    name: c.name,
    options: [],
    aggregations: c.aggregations satisfies readonly Aggregation[],
    by: c.by,
    span: c.span,
  };
  const out = stats(asStats, state, text, range, options, errors);
  if (!span || !spanOpt || out.rel.kind !== 'aggregate') return out;
  const tz = lit(options.timeZone ?? 'UTC');
  const bucket = (e: Expr): Expr =>
    call('time_bucket', [e, lit(span.count), lit(span.unit), tz], 'time', spanOpt.span);
  const groups = out.rel.groups.map((g) => (g.name === '_time' ? { ...g, expr: bucket(g.expr) } : g));
  return { ...out, rel: { ...out.rel, groups } };
}

/**
 * `… | tstats prestats=t append=t …` after the first command: its prestats rows (the events, in Nexus) after
 * the rows before it, so a following `stats`, `chart` or `timechart` aggregates both ("When in prestats mode
 * (prestats=t), enables append=t where the prestats results append to existing results, instead of
 * generating them", Search Reference, tstats). Its events are read over its own range when its `where` sets
 * one, else the search's. Without `append=t`, or without `prestats=t`, tstats must start the search.
 *
 * @example | tstats prestats=t count where index=a | tstats prestats=t append=t count where index=b | stats count
 *   // SELECT count() FROM (SELECT … WHERE index = 'a' UNION ALL SELECT … WHERE index = 'b')
 */
export function appendTstats(
  c: TstatsCommand,
  s: State,
  text: string,
  options: PlanOptions,
  range: TimeRange,
  subsearch: SearchContext['subsearch'],
  errors: Diagnostic[],
): State {
  const option = (key: string): CommandOption | undefined =>
    c.options.find((o) => o.key.name.toLowerCase() === key);
  const append = option('append');
  const prestats = option('prestats');
  if (!append || !truthy(append.value.text)) {
    errors.push(
      diagnostic(
        'semantic',
        '`tstats` is a generating command: it must come first, after a `|`, unless `prestats=t append=t` add its rows to the results before it',
        c.name.span,
      ),
    );
    return s;
  }
  if (!prestats || !truthy(prestats.value.text)) {
    errors.push(
      diagnostic('semantic', '`tstats append=t` adds prestats rows: it needs `prestats=t`', append.span, [
        'add `prestats=t`, and aggregate with `stats`, `chart` or `timechart` after it',
      ]),
    );
    return s;
  }
  const own = tstats(c, text, options, options.commandRanges?.get(c) ?? range, subsearch, errors);
  return own ? concat(s, own) : s;
}
